import BudgetCore
import Foundation

/// Reads `allocations.xlsx` / `spending.xlsx`: the first visible sheet, or the one named. The sheet is
/// a row source like a CSV file (`TableRow`): each cell keeps its kind (text, number, date) and its
/// place, so headers, aliases, value rules and messages are those of the CSV files, and every problem
/// is located at its sheet, row and cell (`SourceLocation.Place.cell`), the message leading with the
/// cell reference (`ô D17:` / `cell D17:`) as Excel shows it.
public enum XlsxTableReader {
  /// Reads the allocations table of an .xlsx file's bytes, appending problems to `errors`.
  public static func readAllocations(
    data: Data, file: String, sheet: String? = nil, limits: XlsxReadLimits = .standard,
    errors: inout InputErrors
  ) -> [Allocation] {
    AllocationsReader.read(errors: &errors) { columns, errors, row in
      read(data: data, file: file, sheet: sheet, columns: columns, limits: limits, errors: &errors, row: row)
    }
  }

  /// Reads the spending table of an .xlsx file's bytes, appending problems to `errors`.
  public static func readSpending(
    data: Data, file: String, sheet: String? = nil, limits: XlsxReadLimits = .standard,
    errors: inout InputErrors
  ) -> [Payment] {
    SpendingReader.read(errors: &errors) { columns, errors, row in
      read(data: data, file: file, sheet: sheet, columns: columns, limits: limits, errors: &errors, row: row)
    }
  }

  /// Opens the archive, picks the sheet, finds the header row and calls `row` for every data row, reading
  /// the sheet row by row as it is inflated. `header` receives the header's titles as written (the
  /// table's columns, left to right). A damaged archive or sheet gives that one error (whatever was
  /// read before it is not reported: its cells may be the damage).
  static func read(
    data: Data, file: String, sheet: String?, columns: [CSVColumn], limits: XlsxReadLimits,
    errors: inout InputErrors, header: ([String]) -> Void = { _ in },
    row: (TableRow, [String: CSVHeaderColumn], TableOrigin, inout InputErrors) -> Void
  ) -> Bool {
    var sheetName: String?
    // Errors of the rows are kept apart until the sheet has been read to its end without damage.
    var tableErrors = InputErrors()
    do throws(XlsxArchiveRefusal) {
      let archive = try XlsxArchive(data: data, limits: limits)
      var rows = try archive.openSheet(named: sheet)
      sheetName = rows.sheetName
      try XlsxSheetTable.read(
        &rows, file: file, columns: columns, errors: &tableErrors, header: header, row: row)
      errors.append(contentsOf: tableErrors)
      return true
    } catch {
      let location =
        if let cell = error.cell, let sheetName {
          SourceLocation(workbook: file, sheet: sheetName, row: cell.row, column: cell.column)
        } else {
          SourceLocation(file: file, line: 1)
        }
      errors.append(InputError(location, vi: error.vi, en: error.en))
      return false
    }
  }

  /// Reads the table `kind` of a sheet for `kinhphi import`: its rows (checked like the workspace's
  /// rows) and, read in the same pass, their values as text to write to the CSV file.
  static func records(
    data: Data, file: String, sheet: String?, table kind: WorkspaceTable, limits: XlsxReadLimits = .standard,
    errors: inout InputErrors
  ) -> (allocations: [Allocation], payments: [Payment], records: TableRecords) {
    TableRecords.read(kind, errors: &errors) { columns, errors, titles, row in
      read(
        data: data, file: file, sheet: sheet, columns: columns, limits: limits, errors: &errors,
        header: titles, row: row)
    }
  }
}

/// A sheet read as a table: the header row found, then every row below it handed on as a `TableRow`.
enum XlsxSheetTable {
  static let headerSearchRows = 100

  /// Reads the rows to the end of the sheet: only the first 100 are held at once (to find the header).
  static func read(
    _ reader: inout XlsxSheetRowReader, file: String, columns: [CSVColumn], errors: inout InputErrors,
    header titlesFound: ([String]) -> Void,
    row deliver: (TableRow, [String: CSVHeaderColumn], TableOrigin, inout InputErrors) -> Void
  ) throws(XlsxArchiveRefusal) {
    let sheetName = reader.sheetName
    var head: [XlsxSheetRow] = []
    while head.count < headerSearchRows, let row = try reader.next() { head.append(row) }
    guard let headerIndex = headerRowIndex(head, columns: columns) else {
      errors.append(
        InputError(
          SourceLocation(workbook: file, sheet: sheetName, row: 1),
          vi: "Trang '\(sheetName)' trống: cần dòng tiêu đề với các cột "
            + "\(columns.filter(\.isRequired).map(\.name).joined(separator: ", ")).",
          en: "Sheet '\(sheetName)' is empty: expected a header row with the columns "
            + "\(columns.filter(\.isRequired).map(\.name).joined(separator: ", "))."))
      return
    }
    let headerRow = head[headerIndex]
    let first = headerRow.cells.map(\.column).min() ?? 1
    let last = headerRow.cells.map(\.column).max() ?? 1
    let origin = TableOrigin(
      workbook: file, sheet: sheetName, firstColumn: first, uses1904Dates: reader.uses1904Dates)
    var titles = [String](repeating: "", count: last - first + 1)
    for cell in headerRow.cells { titles[cell.column - first] = plainText(cell.value) }
    let header = CSVTable.header(
      titles: titles, line: headerRow.number, origin: origin, columns: columns, errors: &errors)
    titlesFound(titles)
    let dateColumns = Set(
      (header ?? [:]).values.filter { $0.canonicalName == "date" || $0.canonicalName == "decision_date" }
        .map(\.position))

    var reportedProblems = 0
    var rowCount = 0
    var bytes: [UInt8] = []
    var cells: [TableCell] = []
    // Returns false once reading must stop (too many rows).
    func body(_ sheetRow: XlsxSheetRow, problems: [XlsxCellProblem]) -> Bool {
      // A value beside the table has no column: say where, and what the table's columns are.
      for cell in sheetRow.cells where cell.column < first || cell.column > last {
        let reference = XlsxCellReference.name(row: sheetRow.number, column: cell.column)
        let range = "\(XlsxCellReference.columnName(first))–\(XlsxCellReference.columnName(last))"
        errors.append(
          InputError(
            SourceLocation(workbook: file, sheet: sheetName, row: sheetRow.number, column: cell.column),
            vi:
              "ô \(reference): có giá trị ngoài các cột của bảng (\(range), theo dòng tiêu đề \(headerRow.number)); "
              + "cần để trống hoặc thêm tiêu đề cột.",
            en: "cell \(reference): a value outside the table's columns (\(range), from header row "
              + "\(headerRow.number)); expected it empty or a column heading above it."))
      }
      guard let header else { return true }
      bytes.removeAll(keepingCapacity: true)
      cells = [TableCell](repeating: TableCell(start: 0, end: 0), count: titles.count)
      for cell in sheetRow.cells where cell.column >= first && cell.column <= last {
        let start = bytes.count
        let kind: TableCellKind
        switch cell.value {
        case .text(let text):
          bytes.append(contentsOf: text.utf8)
          kind = .text
        case .number(let raw), .dateSerial(let raw):
          if let decimal = XlsxDecimal(raw) {
            bytes.append(contentsOf: decimal.plain.utf8)
            if case .dateSerial = cell.value { kind = .date } else { kind = .number }
          } else {
            bytes.append(contentsOf: raw.utf8)
            kind = .text
          }
        case .boolean(let flag):
          bytes.append(contentsOf: (flag ? "TRUE" : "FALSE").utf8)
          kind = .text
        case .error(let code):
          bytes.append(contentsOf: code.utf8)
          kind = .text
        }
        cells[cell.column - first] = TableCell(start: start, end: bytes.count, kind: kind)
      }
      // A bare number in a date column is a date serial (a sheet whose dates lost their format).
      for position in dateColumns where cells[position - 1].kind == .number {
        cells[position - 1].kind = .date
      }
      // The sheet reader has reported these cells already (a formula without its value).
      for problem in problems where problem.cell.column >= first && problem.cell.column <= last {
        cells[problem.cell.column - first].kind = .reported
      }
      return bytes.withUnsafeBufferPointer { buffer in
        guard !CSVTable.isBlank(buffer, cells) else { return true }
        rowCount += 1
        guard TableRowChecks.withinRowLimit(rowCount, line: sheetRow.number, origin: origin, errors: &errors)
        else { return false }
        if TableRowChecks.cellsFit(cells, line: sheetRow.number, origin: origin, errors: &errors) {
          deliver(TableRow(bytes: buffer, cells: cells, line: sheetRow.number), header, origin, &errors)
        }
        return true
      }
    }
    // The cell problems found while a row was read, reported before the row's own errors.
    func newProblems(_ all: [XlsxCellProblem], upTo row: Int) -> [XlsxCellProblem] {
      let problems = all[reportedProblems...].filter { $0.cell.row <= row }
      for problem in problems {
        errors.append(
          InputError(
            SourceLocation(
              workbook: file, sheet: sheetName, row: problem.cell.row, column: problem.cell.column),
            vi: problem.vi, en: problem.en))
      }
      reportedProblems += problems.count
      return problems.filter { $0.cell.row == row }
    }
    _ = newProblems(reader.cellProblems, upTo: headerRow.number)
    var reading = true
    for sheetRow in head[(headerIndex + 1)...] where reading {
      reading = body(sheetRow, problems: newProblems(reader.cellProblems, upTo: sheetRow.number))
    }
    head = []
    while reading, let sheetRow = try reader.next() {
      reading = body(sheetRow, problems: newProblems(reader.cellProblems, upTo: sheetRow.number))
    }
    _ = newProblems(reader.cellProblems, upTo: Int.max)
  }

  /// The first row (of the first 100) naming every required column, else the one naming the most
  /// known columns, else the first row: title rows above the header (often merged) are skipped.
  static func headerRowIndex(_ rows: [XlsxSheetRow], columns: [CSVColumn]) -> Int? {
    guard !rows.isEmpty else { return nil }
    let required = Set(columns.filter(\.isRequired).map(\.name))
    let allowed = Set(columns.map(\.name))
    var best: (index: Int, known: Int)?
    for (index, row) in rows.prefix(100).enumerated() {
      var names: Set<String> = []
      for cell in row.cells {
        if case .text(let title) = cell.value,
          let name = CSVHeaderNames.canonicalByAlias[CSVHeaderNames.normalize(title)],
          allowed.contains(name)
        {
          names.insert(name)
        }
      }
      if required.isSubset(of: names) { return index }
      if names.count > (best?.known ?? 0) { best = (index, names.count) }
    }
    return best?.index ?? 0
  }

  /// A header cell's title as written.
  static func plainText(_ value: XlsxCellValue) -> String {
    switch value {
    case .text(let text): text
    case .number(let raw), .dateSerial(let raw): XlsxDecimal(raw)?.plain ?? raw
    case .boolean(let flag): flag ? "TRUE" : "FALSE"
    case .error(let code): code
    }
  }

  /// A row's values as CSV text in the header's order: text as written, numbers in plain digits, date
  /// cells as `YYYY-MM-DD`.
  static func texts(_ row: TableRow, origin: TableOrigin) -> [String] {
    row.cells.map { cell in
      let text = CSVBytes.string(row.bytes, cell, trim: false)
      guard cell.kind == .date, let decimal = XlsxDecimal(text),
        let date = decimal.serialDate(uses1904Dates: origin.uses1904Dates)
      else { return text }
      return date.iso
    }
  }
}

/// A number as Excel writes it in `<v>` (`45123`, `-1.5E+16`, `0.1`), kept exactly as decimal digits:
/// money never passes through a Double.
struct XlsxDecimal {
  let negative: Bool
  /// Significant digits without leading zeros ("" for zero).
  let digits: [UInt8]
  /// How many of `digits` are before the decimal point (may be negative or exceed the count).
  let pointPosition: Int

  init?(_ raw: String) {
    var bytes = Array(raw.utf8)
    var negative = false
    if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
      negative = bytes.first == UInt8(ascii: "-")
      bytes.removeFirst()
    }
    var exponent = 0
    if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) {
      guard let value = Int(String(decoding: bytes[(e + 1)...], as: UTF8.self)), abs(value) <= 400 else {
        return nil
      }
      exponent = value
      bytes.removeSubrange(e...)
    }
    var digits: [UInt8] = []
    var point: Int?
    for byte in bytes {
      if byte == UInt8(ascii: ".") {
        guard point == nil else { return nil }
        point = digits.count
      } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        digits.append(byte)
      } else {
        return nil
      }
    }
    guard !digits.isEmpty else { return nil }
    var position = (point ?? digits.count) + exponent
    while let first = digits.first, first == UInt8(ascii: "0") {
      digits.removeFirst()
      position -= 1
    }
    while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
    self.negative = negative && !digits.isEmpty
    self.digits = digits
    pointPosition = digits.isEmpty ? 0 : position
  }

  var isWhole: Bool { pointPosition >= digits.count }

  /// Plain decimal notation: `150000000`, `2.5`, `-0.001`.
  var plain: String {
    guard !digits.isEmpty else { return "0" }
    var text = negative ? "-" : ""
    if pointPosition <= 0 {
      text += "0." + String(repeating: "0", count: -pointPosition) + String(decoding: digits, as: UTF8.self)
    } else if pointPosition >= digits.count {
      text +=
        String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: pointPosition - digits.count)
    } else {
      text +=
        String(decoding: digits[..<pointPosition], as: UTF8.self) + "."
        + String(decoding: digits[pointPosition...], as: UTF8.self)
    }
    return text
  }

  /// The whole part as an integer, when it fits comfortably.
  var wholePart: Int? {
    guard !negative else { return nil }
    guard pointPosition > 0 else { return 0 }
    guard pointPosition <= 9 else { return nil }
    let whole =
      digits.prefix(pointPosition)
      + [UInt8](repeating: UInt8(ascii: "0"), count: max(0, pointPosition - digits.count))
    return Int(String(decoding: whole, as: UTF8.self))
  }

  /// An Excel date serial as a calendar day; the time of day (fraction) is dropped. 1900 system:
  /// serial 1 = 01/01/1900 and Excel's phantom 29/02/1900 is serial 60 (refused); 1904 system:
  /// serial 0 = 01/01/1904.
  func serialDate(uses1904Dates: Bool) -> CivilDate? {
    guard let serial = wholePart else { return nil }
    let days: Int  // days since 1970-01-01
    if uses1904Dates {
      days = serial - 24_107
    } else {
      guard serial >= 1, serial != 60 else { return nil }
      // Serials after the phantom leap day count from 30/12/1899; before it from 31/12/1899.
      days = serial > 60 ? serial - 25_569 : serial - 25_568
    }
    return Self.civil(daysSince1970: days)
  }

  /// Days since 1970-01-01 → calendar day (Howard Hinnant's civil_from_days).
  static func civil(daysSince1970: Int) -> CivilDate? {
    let z = daysSince1970 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return CivilDate(year: year, month: month, day: day)
  }
}

import BudgetCore
import Foundation

/// Reads `allocations.xlsx` / `spending.xlsx`: the first visible sheet, or the one named. The sheet's rows are
/// turned into the CSV text the CSV readers take, so headers, aliases, value rules and messages are
/// exactly those of the CSV files; then every location is moved back to the sheet.
///
/// Locations: `SourceLocation.file` is `"spending.xlsx!Chi tiết"` (file!sheet), `line` is the sheet's
/// row number, `column` the sheet's column number (A = 1), and the message text starts with the cell
/// reference (`ô D17:` / `cell D17:`), as Excel shows it.
public enum XlsxTableReader {
  /// Reads the allocations table of an .xlsx file's bytes, appending problems to `errors`.
  public static func readAllocations(
    data: Data, file: String, sheet: String? = nil, limits: XlsxReadLimits = .standard,
    errors: inout InputErrors
  ) -> [Allocation] {
    guard
      let table = table(
        data: data, file: file, sheet: sheet, columns: AllocationsReader.columns, limits: limits,
        errors: &errors)
    else { return [] }
    var inner = InputErrors()
    let rows = AllocationsReader.read(bytes: table.csv, file: table.innerFile, errors: &inner)
    table.relocate(inner, into: &errors)
    return rows.map {
      Allocation(
        year: $0.year, source: $0.source, activity: $0.activity, unit: $0.unit, kind: $0.kind,
        amount: $0.amount,
        originYear: $0.originYear, decision: $0.decision, decisionDate: $0.decisionDate, note: $0.note,
        location: table.location($0.location))
    }
  }

  /// Reads the spending table of an .xlsx file's bytes, appending problems to `errors`.
  public static func readSpending(
    data: Data, file: String, sheet: String? = nil, limits: XlsxReadLimits = .standard,
    errors: inout InputErrors
  ) -> [Payment] {
    guard
      let table = table(
        data: data, file: file, sheet: sheet, columns: SpendingReader.columns, limits: limits, errors: &errors
      )
    else { return [] }
    var inner = InputErrors()
    let rows = SpendingReader.read(bytes: table.csv, file: table.innerFile, errors: &inner)
    table.relocate(inner, into: &errors)
    return rows.map {
      Payment(
        id: $0.id, voucher: $0.voucher, date: $0.date, year: $0.yearIsExplicit ? $0.year : nil,
        source: $0.source,
        activity: $0.activity, unit: $0.unit, amount: $0.amount, quantity: $0.quantity,
        description: $0.description, reverses: $0.reverses, location: table.location($0.location))
    }
  }

  /// The sheet as CSV text (UTF-8, `,`, header as written, dates from serials as `YYYY-MM-DD`, numbers
  /// without exponent or grouping), after checking it with the CSV reader's rules. Nil when anything
  /// is wrong (the reasons are in `errors`). `kinhphi import` writes this text.
  public static func csv(
    data: Data, file: String, sheet: String? = nil, table kind: WorkspaceTable,
    limits: XlsxReadLimits = .standard,
    errors: inout InputErrors
  ) -> [UInt8]? {
    guard
      let table = table(
        data: data, file: file, sheet: sheet, columns: kind.columns, limits: limits, errors: &errors)
    else { return nil }
    var inner = InputErrors()
    switch kind {
    case .allocations: _ = AllocationsReader.read(bytes: table.csv, file: table.innerFile, errors: &inner)
    case .spending: _ = SpendingReader.read(bytes: table.csv, file: table.innerFile, errors: &inner)
    }
    table.relocate(inner, into: &errors)
    return inner.isEmpty ? table.csv : nil
  }

  /// Opens the archive, picks the sheet, finds the header row and writes the CSV text, reading the
  /// sheet row by row as it is inflated. A damaged archive or sheet gives that one error (whatever
  /// was read before it is not reported: its cells may be the damage).
  static func table(
    data: Data, file: String, sheet: String?, columns: [CSVColumn], limits: XlsxReadLimits,
    errors: inout InputErrors
  ) -> XlsxCSVTable? {
    var sheetName: String?
    do throws(XlsxArchiveRefusal) {
      let archive = try XlsxArchive(data: data, limits: limits)
      var rows = try archive.openSheet(named: sheet)
      sheetName = rows.sheetName
      var tableErrors = InputErrors()
      let table = try XlsxCSVTable(rows: &rows, file: file, columns: columns, errors: &tableErrors)
      errors.append(contentsOf: tableErrors)
      return table
    } catch {
      let location =
        if let cell = error.cell, let sheetName {
          SourceLocation(workbook: file, sheet: sheetName, row: cell.row, column: cell.column)
        } else {
          SourceLocation(file: file, line: 1)
        }
      errors.append(InputError(location, vi: error.vi, en: error.en))
      return nil
    }
  }
}

/// A sheet written as CSV text, with what is needed to move locations back to the sheet.
struct XlsxCSVTable {
  let csv: [UInt8]
  /// "allocations.xlsx!Sheet1": the file as shown in messages and findings.
  let workbook: String
  let sheet: String
  /// The name the CSV reader reports; never shown (every location is moved back).
  let innerFile: String
  /// The sheet row of each CSV line (index = 1-based line number).
  let rowByLine: [Int]
  /// The sheet column of the table's first column (the header may not start in column A).
  let firstColumn: Int

  static let dateColumns: Set<String> = ["date", "decision_date"]

  /// Cells already reported by the sheet reader: the CSV reader's complaint about them is not repeated.
  let reportedCells: Set<XlsxCellPosition>

  /// Reads the rows to the end of the sheet: only the first 100 are held at once (to find the header).
  init?(
    rows reader: inout XlsxSheetRowReader, file: String, columns: [CSVColumn], errors: inout InputErrors
  ) throws(XlsxArchiveRefusal) {
    let sheetName = reader.sheetName
    let uses1904Dates = reader.uses1904Dates
    workbook = file
    sheet = sheetName
    innerFile = "\(file)!\(sheetName)#csv"
    var head: [XlsxSheetRow] = []
    while head.count < Self.headerSearchRows, let row = try reader.next() { head.append(row) }
    guard let headerIndex = Self.headerRowIndex(head, columns: columns) else {
      errors.append(
        InputError(
          SourceLocation(workbook: file, sheet: sheetName, row: 1),
          vi: "Trang '\(sheetName)' trống: cần dòng tiêu đề với các cột "
            + "\(columns.filter(\.isRequired).map(\.name).joined(separator: ", ")).",
          en: "Sheet '\(sheetName)' is empty: expected a header row with the columns "
            + "\(columns.filter(\.isRequired).map(\.name).joined(separator: ", "))."))
      return nil
    }
    let header = head[headerIndex]
    let first = header.cells.map(\.column).min() ?? 1
    let last = header.cells.map(\.column).max() ?? 1
    firstColumn = first
    // What each table column holds, for the cell conversions (dates from serials, whole amounts).
    var canonicalByColumn: [Int: String] = [:]
    for cell in header.cells {
      if case .text(let title) = cell.value,
        let name = CSVHeaderNames.canonicalByAlias[CSVHeaderNames.normalize(title)]
      {
        canonicalByColumn[cell.column] = name
      }
    }

    var out: [UInt8] = []
    var rowByLine = [0]  // lines are 1-based
    func appendRecord(_ row: XlsxSheetRow, convert: Bool) {
      var fields = [String](repeating: "", count: last - first + 1)
      for cell in row.cells where cell.column >= first && cell.column <= last {
        fields[cell.column - first] =
          convert
          ? Self.text(cell.value, column: canonicalByColumn[cell.column], uses1904Dates: uses1904Dates)
          : Self.plainText(cell.value)
      }
      for (index, field) in fields.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        Self.appendField(field, to: &out)
      }
      out.append(0x0A)
      // A line break inside a cell spans CSV lines: each of them maps back to this row.
      let breaks = fields.reduce(0) { $0 + $1.utf8.filter { $0 == 0x0A }.count }
      for _ in 0...breaks { rowByLine.append(row.number) }
    }
    func appendBody(_ row: XlsxSheetRow) {
      // A value beside the table has no column: the CSV reader would report a field count; say where.
      for cell in row.cells where cell.column < first || cell.column > last {
        let reference = XlsxCellReference.name(row: row.number, column: cell.column)
        let range = "\(XlsxCellReference.columnName(first))–\(XlsxCellReference.columnName(last))"
        errors.append(
          InputError(
            SourceLocation(workbook: file, sheet: sheetName, row: row.number, column: cell.column),
            vi:
              "ô \(reference): có giá trị ngoài các cột của bảng (\(range), theo dòng tiêu đề \(header.number)); "
              + "cần để trống hoặc thêm tiêu đề cột.",
            en: "cell \(reference): a value outside the table's columns (\(range), from header row "
              + "\(header.number)); expected it empty or a column heading above it."))
      }
      let inTable = row.cells.contains { $0.column >= first && $0.column <= last }
      if inTable { appendRecord(row, convert: true) }
    }
    appendRecord(header, convert: false)
    for row in head[(headerIndex + 1)...] { appendBody(row) }
    head = []
    while let row = try reader.next() { appendBody(row) }
    for problem in reader.cellProblems {
      errors.append(
        InputError(
          SourceLocation(
            workbook: file, sheet: sheetName, row: problem.cell.row, column: problem.cell.column),
          vi: problem.vi,
          en: problem.en))
    }
    reportedCells = Set(reader.cellProblems.map(\.cell))
    csv = out
    self.rowByLine = rowByLine
  }

  static let headerSearchRows = 100

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

  /// A cell as the CSV reader should see it in a column named `column` (canonical).
  static func text(_ value: XlsxCellValue, column: String?, uses1904Dates: Bool) -> String {
    guard case .number(let raw) = value else { return plainText(value) }
    guard let decimal = XlsxDecimal(raw) else { return raw }
    if let column, dateColumns.contains(column), let date = decimal.serialDate(uses1904Dates: uses1904Dates) {
      return date.iso
    }
    let plain = decimal.plain
    // "1.234" would read as 1234 đồng under the digit-grouping rule: a fraction of a đồng must stay
    // an error, so a three-decimal fraction gets a fourth digit (the same number, no longer a group).
    if column == "amount", let point = plain.firstIndex(of: "."),
      plain.distance(from: point, to: plain.endIndex) == 4
    {
      return plain + "0"
    }
    return plain
  }

  static func plainText(_ value: XlsxCellValue) -> String {
    switch value {
    case .text(let text): text
    case .number(let raw): XlsxDecimal(raw)?.plain ?? raw
    case .boolean(let flag): flag ? "TRUE" : "FALSE"
    case .error(let code): code
    }
  }

  /// RFC 4180: quoted only when needed.
  static func appendField(_ text: String, to out: inout [UInt8]) {
    let needsQuotes = text.utf8.contains {
      $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3B
    }
    guard needsQuotes else {
      out.append(contentsOf: text.utf8)
      return
    }
    out.append(0x22)
    for byte in text.utf8 {
      if byte == 0x22 { out.append(0x22) }
      out.append(byte)
    }
    out.append(0x22)
  }

  /// A CSV-reader location moved back to the sheet.
  func location(_ inner: SourceLocation) -> SourceLocation {
    let row = rowByLine.indices.contains(inner.line) ? rowByLine[inner.line] : inner.line
    return SourceLocation(
      workbook: workbook, sheet: sheet, row: row, column: inner.column.map { firstColumn + $0 - 1 })
  }

  /// Moves every error of the CSV reader back to the sheet; a cell's reference leads its message.
  func relocate(_ inner: InputErrors, into errors: inout InputErrors) {
    for error in inner.errors {
      guard let innerLocation = error.location else {
        errors.append(error)
        continue
      }
      let moved = location(innerLocation)
      if let column = moved.column, reportedCells.contains(XlsxCellPosition(row: moved.line, column: column))
      {
        continue
      }
      let (vi, en): (String, String)
      if let column = moved.column {
        let reference = XlsxCellReference.name(row: moved.line, column: column)
        (vi, en) = ("ô \(reference): \(error.message.vi)", "cell \(reference): \(error.message.en)")
      } else {
        (vi, en) = ("dòng \(moved.line): \(error.message.vi)", "row \(moved.line): \(error.message.en)")
      }
      errors.append(InputError(moved, vi: vi, en: en))
    }
    if inner.omittedCount > 0 {
      errors.append(
        InputError(
          SourceLocation(workbook: workbook, sheet: sheet, row: rowByLine.last ?? 1),
          vi: "… và \(inner.omittedCount) lỗi khác trong trang này.",
          en: "… and \(inner.omittedCount) more errors in this sheet."))
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

import BudgetCore
import Foundation
import SafeOutput

/// `kinhphi import`: a sheet of an xlsx file (or a CSV file) into the workspace's CSV table, without ever losing a
/// row the officer did not ask to replace. The rows are added to the table (`append`), or they
/// replace exactly one budget year's rows (`replaceYear`); every other row stays byte for byte.
/// Before anything is written the rows are checked against the workspace's plan (codes, years), and
/// the previous file is kept beside the new one as a visible backup.
public enum TableImport {
  /// What the import does to the rows already in the table.
  public enum Mode: Hashable, Sendable {
    /// Add the sheet's rows after the existing ones.
    case append
    /// Remove the table's rows of this budget year, then add the sheet's rows (all of that year).
    case replaceYear(Int)
  }

  /// Rows per budget year before and after the import.
  public struct YearChange: Hashable, Sendable {
    public let year: Int
    /// Rows of the year in the table now.
    public let before: Int
    /// Of those, the rows the import removes (replace mode only).
    public let removed: Int
    /// Rows of the year the sheet adds.
    public let added: Int
    public var after: Int { before - removed + added }
  }

  /// Everything the import will do, computed before anything is written.
  public struct Plan: Sendable {
    public let table: WorkspaceTable
    public let mode: Mode
    /// The CSV file written (`WORKSPACE/spending.csv`).
    public let targetPath: String
    /// The file's bytes when the plan was made; nil = there is no file yet.
    public let existing: Data?
    /// The new content of the file.
    public let content: Data
    /// Per year with any row before or after, ascending.
    public let years: [YearChange]
    public var rowsAdded: Int { years.map(\.added).reduce(0, +) }
    public var rowsRemoved: Int { years.map(\.removed).reduce(0, +) }
    public var rowsBefore: Int { years.map(\.before).reduce(0, +) }
    /// Whether an existing file is changed (and so needs confirmation and a backup).
    public var changesExistingFile: Bool { existing != nil }
  }

  /// The file the rows come from.
  public enum Format: Hashable, Sendable {
    /// A workbook: its sheet of that name, or (nil) its first visible sheet.
    case xlsx(sheet: String?)
    /// A CSV file, read like the workspace's own.
    case csv
  }

  /// Reads the sheet and the workspace and works out the new table. Throws located `InputErrors`
  /// (sheet and cell, or file and line) when anything is wrong; nothing is written here.
  public static func prepare(
    xlsx data: Data, file: String, sheet: String?, table: WorkspaceTable, workspace: String, mode: Mode
  ) throws -> Plan {
    try prepare(
      data: data, file: file, format: .xlsx(sheet: sheet), table: table, workspace: workspace, mode: mode)
  }

  /// Reads the file (a sheet or a CSV file) and the workspace and works out the new table. Throws
  /// located `InputErrors` (sheet and cell, or file, line and field) when anything is wrong; nothing is
  /// written here.
  public static func prepare(
    data: Data, file: String, format: Format, table: WorkspaceTable, workspace: String, mode: Mode
  ) throws -> Plan {
    let folder = URL(fileURLWithPath: workspace, isDirectory: true)
    let planPath = folder.appendingPathComponent(WorkspaceReader.planFile).path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: workspace, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw InputErrors([
        InputError(
          nil, vi: "Không tìm thấy thư mục dữ liệu '\(workspace)'.",
          en: "Workspace folder '\(workspace)' not found.")
      ])
    }
    guard FileManager.default.fileExists(atPath: planPath) else {
      throw InputErrors([
        InputError(
          nil,
          vi: "Thư mục '\(workspace)' không có \(WorkspaceReader.planFile): chỉ nhập vào một thư mục dữ liệu "
            + "đã có kế hoạch, để kiểm tra được mã nguồn, nội dung, đơn vị và năm của từng dòng.",
          en: "'\(workspace)' has no \(WorkspaceReader.planFile): import only into a workspace with a plan, "
            + "so that each row's source, activity, unit and year can be checked.")
      ])
    }
    let xlsxBeside = folder.appendingPathComponent(table.xlsxFile).path
    if FileManager.default.fileExists(atPath: xlsxBeside) {
      throw InputErrors([
        InputError(
          SourceLocation(file: table.xlsxFile, line: 1),
          vi: "Thư mục đang giữ bảng \(table.rawValue) dưới dạng \(table.xlsxFile); nhập sẽ tạo thêm "
            + "\(table.csvFile) (cả hai tệp cho một bảng là lỗi). Sửa trực tiếp \(table.xlsxFile), hoặc đổi "
            + "tên nó rồi nhập lại.",
          en: "The folder keeps the \(table.rawValue) table as \(table.xlsxFile); importing would add "
            + "\(table.csvFile) (both files for one table is an error). Edit \(table.xlsxFile), or rename it "
            + "and import again.")
      ])
    }

    var errors = InputErrors()
    var plan: BudgetCore.Plan?
    if let bytes = WorkspaceReader.load(folder, WorkspaceReader.planFile, errors: &errors),
      let text = String(data: bytes, encoding: .utf8)
    {
      plan = PlanReader.read(
        yaml: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, file: WorkspaceReader.planFile,
        errors: &errors)
    } else if errors.isEmpty {
      errors.append(
        InputError(
          SourceLocation(file: WorkspaceReader.planFile, line: 1),
          vi: "Tệp không phải UTF-8 hợp lệ.", en: "The file is not valid UTF-8."))
    }
    try errors.throwIfAny()
    guard let plan else { preconditionFailure("the plan reader reports an error whenever it returns nil") }

    // The file, read once: its rows (for the checks, located at cells or fields) and their values as
    // text (what is written).
    let sheetRead =
      switch format {
      case .xlsx(let sheet):
        XlsxTableReader.records(data: data, file: file, sheet: sheet, table: table, errors: &errors)
      case .csv: TableRecords.csv(data: data, file: file, table: table, errors: &errors)
      }
    let records = sheetRead.records
    let imported = sheetRead.allocations.map(row) + sheetRead.payments.map(row)
    try errors.throwIfAny()

    // The rows against the plan: codes must exist, years must lie in the plan, a replaced year must
    // be the year of every row. Each error names the cell (or field) that is wrong.
    for row in imported {
      let line = row.location.line
      if plan.sourceByCode[row.source] == nil {
        errors.append(
          records.error(
            line: line, column: "source",
            vi: "Nguồn '\(row.source)' không có trong \(WorkspaceReader.planFile).",
            en: "Source '\(row.source)' is not in \(WorkspaceReader.planFile)."))
      }
      if plan.activityByCode[row.activity] == nil {
        errors.append(
          records.error(
            line: line, column: "activity",
            vi: "Nội dung chi '\(row.activity)' không có trong \(WorkspaceReader.planFile).",
            en: "Activity '\(row.activity)' is not in \(WorkspaceReader.planFile)."))
      }
      if plan.unitByCode[row.unit] == nil {
        errors.append(
          records.error(
            line: line, column: "unit",
            vi: "Đơn vị '\(row.unit)' không có trong \(WorkspaceReader.planFile).",
            en: "Unit '\(row.unit)' is not in \(WorkspaceReader.planFile)."))
      }
      let years = plan.info.years
      if !years.contains(row.year) {
        errors.append(
          records.error(
            line: line, column: "year", "date",
            vi: "Năm \(row.year) nằm ngoài kế hoạch \(years.lowerBound)–\(years.upperBound).",
            en: "Year \(row.year) is outside the plan \(years.lowerBound)–\(years.upperBound)."))
      }
      if case .replaceYear(let year) = mode, row.year != year {
        errors.append(
          records.error(
            line: line, column: "year", "date",
            vi: "Dòng của năm \(row.year), nhưng lệnh chỉ thay số liệu năm \(year) (--replace-year \(year)): "
              + "bỏ dòng này khỏi trang, hoặc nhập không có --replace-year để ghi thêm.",
            en:
              "A row of \(row.year), but the command replaces \(year) only (--replace-year \(year)): remove "
              + "the row from the sheet, or import without --replace-year to append."))
      }
    }

    // The table as it is now.
    let target = folder.appendingPathComponent(table.csvFile)
    let existing = FileManager.default.contents(atPath: target.path)
    var current: [ImportedRow] = []
    if let existing {
      var fileErrors = InputErrors()
      current = rows(ofCSV: existing, file: table.csvFile, table: table, errors: &fileErrors)
      if !fileErrors.isEmpty {
        errors.append(
          InputError(
            SourceLocation(file: table.csvFile, line: 1),
            vi: "\(table.csvFile) hiện có lỗi: sửa tệp trước khi nhập thêm.",
            en: "\(table.csvFile) has errors now: fix the file before importing into it."))
        errors.append(contentsOf: fileErrors)
        throw errors
      }
    }
    let replacedYear: Int? = if case .replaceYear(let year) = mode { year } else { nil }
    let removedLines = Set(current.filter { $0.year == replacedYear }.map(\.location.line))

    // A payment id the table keeps already would make every such row a duplicate.
    if table == .spending {
      var kept: [String: Int] = [:]
      for row in current where !removedLines.contains(row.location.line) {
        if let id = row.id { kept[id] = kept[id] ?? row.location.line }
      }
      for row in imported {
        if let id = row.id, let line = kept[id] {
          errors.append(
            records.error(
              line: row.location.line, column: "id",
              vi:
                "Mã khoản chi '\(id)' đã có trong \(table.csvFile) (dòng \(line)): trang có thể đã được nhập "
                + "rồi. Dùng --replace-year để thay số liệu của một năm.",
              en: "Payment id '\(id)' is already in \(table.csvFile) (line \(line)): the sheet may have been "
                + "imported before. Use --replace-year to replace one year's rows."))
        }
      }
    }
    try errors.throwIfAny()

    let content: Data
    if let existing {
      content = try merged(
        existing: existing, removingLines: removedLines, adding: sheetRead.records, table: table,
        file: table.csvFile)
    } else {
      content = Data(csvText(sheetRead.records))
    }

    var before: [Int: Int] = [:]
    var removed: [Int: Int] = [:]
    var added: [Int: Int] = [:]
    for row in current {
      before[row.year, default: 0] += 1
      if removedLines.contains(row.location.line) { removed[row.year, default: 0] += 1 }
    }
    for row in imported { added[row.year, default: 0] += 1 }
    let years = Set(before.keys).union(added.keys).sorted().map { year in
      YearChange(year: year, before: before[year] ?? 0, removed: removed[year] ?? 0, added: added[year] ?? 0)
    }
    return Plan(
      table: table, mode: mode, targetPath: target.path, existing: existing, content: content, years: years)
  }

  /// Writes the new table. The previous file is first copied to `NAME.bak-YYYYMMDD-HHMMSS` beside it
  /// (returned, nil when there was none); the table itself is replaced through a temporary file and
  /// a rename, and only if it has not changed since `prepare` read it.
  @discardableResult
  public static func commit(_ plan: Plan, now: Date = Date()) throws -> String? {
    let file = plan.table.csvFile
    let current = FileManager.default.contents(atPath: plan.targetPath)
    if current != plan.existing {
      throw InputErrors([
        InputError(
          SourceLocation(file: file, line: 1),
          vi:
            "Tệp \(file) đã thay đổi trong khi nhập (có thể đang mở trong Excel): không ghi gì; chạy lại lệnh.",
          en: "\(file) changed during the import (open in Excel?): nothing written; run the command again.")
      ])
    }
    var backupPath: String?
    if let existing = plan.existing {
      let path = plan.targetPath + ".bak-" + backupStamp(now)
      try CarryInWriter.replace(path, with: existing)
      backupPath = path
    }
    try CarryInWriter.replace(plan.targetPath, with: plan.content)
    return backupPath
  }

  /// `20261129-221530` in UTC: sorts by time, no characters a file system refuses.
  static func backupStamp(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
    return
      "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))-\(two(parts.hour))\(two(parts.minute))\(two(parts.second))"
  }

  // MARK: Rows

  /// What the import needs of a row of either table.
  struct ImportedRow {
    let id: String?
    let year: Int
    let source: SourceCode
    let activity: ActivityCode
    let unit: UnitCode
    let location: SourceLocation
  }

  static func rows(ofCSV data: Data, file: String, table: WorkspaceTable, errors: inout InputErrors)
    -> [ImportedRow]
  {
    switch table {
    case .allocations: AllocationsReader.read(data: data, file: file, errors: &errors).map(row)
    case .spending: SpendingReader.read(data: data, file: file, errors: &errors).map(row)
    }
  }

  static func row(_ payment: Payment) -> ImportedRow {
    ImportedRow(
      id: payment.id, year: payment.year, source: payment.source, activity: payment.activity,
      unit: payment.unit, location: payment.location)
  }

  static func row(_ allocation: Allocation) -> ImportedRow {
    ImportedRow(
      id: nil, year: allocation.year, source: allocation.source, activity: allocation.activity,
      unit: allocation.unit, location: allocation.location)
  }

  // MARK: Merging

  /// The sheet as a new CSV file: UTF-8, `,`, the header as written, then every row (dates
  /// `YYYY-MM-DD`, numbers in plain digits), quoted only when needed (RFC 4180).
  static func csvText(_ records: TableRecords) -> [UInt8] {
    var out: [UInt8] = []
    for fields in [records.titles] + records.rows {
      for (index, field) in fields.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        let needsQuotes = field.utf8.contains {
          $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3B
        }
        guard needsQuotes else {
          out.append(contentsOf: field.utf8)
          continue
        }
        out.append(0x22)
        for byte in field.utf8 {
          if byte == 0x22 { out.append(0x22) }
          out.append(byte)
        }
        out.append(0x22)
      }
      out.append(0x0A)
    }
    return out
  }

  /// The existing file without the records that start on `removingLines`, then the sheet's records
  /// written in the existing file's own layout (column order, delimiter, line ending).
  static func merged(
    existing: Data, removingLines: Set<Int>, adding sheetRecords: TableRecords,
    table: WorkspaceTable,
    file: String
  ) throws -> Data {
    let existingBytes = [UInt8](existing)
    let layout = try layout(of: existingBytes, table: table, file: file)
    var out: [UInt8] = []
    out.reserveCapacity(existingBytes.count)
    for record in records(existingBytes) where !removingLines.contains(record.line) {
      out.append(contentsOf: existingBytes[record.range])
    }
    if let last = out.last, last != 0x0A { out.append(contentsOf: Array(layout.lineEnding.utf8)) }
    out.append(contentsOf: try render(sheetRecords, in: layout, file: file))
    return Data(out)
  }

  struct Layout {
    let columns: [String]
    let delimiter: UInt8
    let lineEnding: String
  }

  static func layout(of bytes: [UInt8], table: WorkspaceTable, file: String) throws -> Layout {
    var delimiter: UInt8 = 0x2C
    var lineEnding = "\n"
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let newline = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
    if newline < bytes.count && newline > start && bytes[newline - 1] == 0x0D { lineEnding = "\r\n" }
    let headerLine = bytes[start..<newline]
    if headerLine.contains(0x3B) && !headerLine.contains(0x2C) { delimiter = 0x3B }
    var errors = InputErrors()
    let header = bytes.withUnsafeBufferPointer { buffer in
      CSVTable.read(bytes: buffer, file: file, columns: table.columns, errors: &errors) { _, _, _, _ in }
    }
    try errors.throwIfAny()
    guard let header else { throw errors }
    let columns = header.values.sorted { $0.position < $1.position }.map(\.canonicalName)
    return Layout(columns: columns, delimiter: delimiter, lineEnding: lineEnding)
  }

  /// The sheet's records re-written in `layout`. A value in a column the file does not have is an
  /// error (it would be lost), naming the column to add.
  static func render(_ records: TableRecords, in layout: Layout, file: String) throws -> [UInt8] {
    var out = ""
    let delimiter = Character(UnicodeScalar(layout.delimiter))
    var missing: Set<String> = []
    // The header was checked when the sheet was read: every title names a column.
    let names = records.titles.map { CSVHeaderNames.canonicalByAlias[CSVHeaderNames.normalize($0)] }
    for fields in records.rows {
      var values: [String: String] = [:]
      for (name, value) in zip(names, fields) {
        if let name { values[name] = value }
      }
      for (name, value) in values where !value.isEmpty && !layout.columns.contains(name) {
        missing.insert(name)
      }
      out +=
        layout.columns.map { quote(values[$0] ?? "", delimiter: delimiter) }.joined(
          separator: String(delimiter)) + layout.lineEnding
    }
    if !missing.isEmpty {
      let names = missing.sorted().joined(separator: ", ")
      throw InputErrors([
        InputError(
          SourceLocation(file: file, line: 1),
          vi: "\(file) không có cột \(names) mà trang nhập có số liệu: thêm cột vào dòng tiêu đề của \(file) "
            + "rồi nhập lại (không bỏ số liệu nào).",
          en: "\(file) has no column \(names), which the sheet fills: add it to the header of \(file) and "
            + "import again (no value is dropped).")
      ])
    }
    return Array(out.utf8)
  }

  /// RFC 4180 quoting: a field holding the delimiter, a quote or a line break is quoted.
  static func quote(_ value: String, delimiter: Character) -> String {
    guard value.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// The file's records as byte ranges (line ending included) with the physical line each starts
  /// on; a line break inside quotes does not end a record.
  static func records(_ bytes: [UInt8]) -> [(line: Int, range: Range<Int>)] {
    var result: [(line: Int, range: Range<Int>)] = []
    var start = 0
    var line = 1
    var startLine = 1
    var quoted = false
    for index in bytes.indices {
      let byte = bytes[index]
      if byte == 0x22 {
        quoted.toggle()
      } else if byte == 0x0A {
        line += 1
        if !quoted {
          result.append((startLine, start..<(index + 1)))
          start = index + 1
          startLine = line
        }
      }
    }
    if start < bytes.count { result.append((startLine, start..<bytes.count)) }
    return result
  }
}

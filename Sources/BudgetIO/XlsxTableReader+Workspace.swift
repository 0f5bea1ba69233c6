import BudgetCore
import Foundation
import LocatedYAML
import Yams

/// The two tables of a workspace, each kept as CSV or as xlsx (never both).
public enum WorkspaceTable: String, CaseIterable, Sendable {
  case allocations
  case spending

  public var csvFile: String { "\(rawValue).csv" }
  public var xlsxFile: String { "\(rawValue).xlsx" }

  public var columns: [CSVColumn] {
    switch self {
    case .allocations: AllocationsReader.columns
    case .spending: SpendingReader.columns
    }
  }
}

/// Which sheet of `allocations.xlsx` / `spending.xlsx` holds the table; nil = the first sheet.
/// From plan.yaml's optional `excel:` section (`allocations_sheet`, `spending_sheet`).
public struct WorkspaceSheetNames: Sendable, Equatable {
  public var allocations: String?
  public var spending: String?

  public init(allocations: String? = nil, spending: String? = nil) {
    self.allocations = allocations
    self.spending = spending
  }

  public subscript(table: WorkspaceTable) -> String? {
    table == .allocations ? allocations : spending
  }

  static let keys = ["allocations_sheet", "spending_sheet"]

  /// Reads the `excel:` section of plan.yaml alone (a unit's submission, where the plan is optional);
  /// a YAML syntax error is the plan reader's to report.
  static func read(yaml: String, file: String, errors: inout InputErrors) -> WorkspaceSheetNames {
    guard let root = try? LocatedYAML.compose(yaml, file: file) else { return WorkspaceSheetNames() }
    return read(root: root, file: file, errors: &errors)
  }

  /// Reads the `excel:` section of plan.yaml's composed root, when there is one. The plan reader
  /// accepts the key and leaves its content to this reader.
  static func read(root: Node, file: String, errors: inout InputErrors) -> WorkspaceSheetNames {
    var names = WorkspaceSheetNames()
    guard let excel = root.mapping?["excel"] else { return names }
    func location(_ node: Node) -> SourceLocation { LocatedYAML.location(node, file: file) }
    guard let mapping = excel.mapping else {
      errors.append(
        InputError(
          location(excel), vi: "'excel' cần là một bảng khóa: giá trị (\(keys.joined(separator: ", "))).",
          en: "'excel' must be a mapping of keys (\(keys.joined(separator: ", ")))."))
      return names
    }
    for (key, value) in mapping {
      let name = key.scalar?.string ?? "?"
      guard keys.contains(name) else {
        errors.append(
          InputError(
            location(key),
            vi: "Khóa không hợp lệ '\(name)' trong 'excel': cần một trong \(keys.joined(separator: ", ")).",
            en: "Unknown key '\(name)' in 'excel': expected one of \(keys.joined(separator: ", "))."))
        continue
      }
      guard let text = value.scalar?.string, !text.isEmpty, text.count <= Limits.sheetNameLengthMax else {
        errors.append(
          InputError(
            location(value),
            vi: "'\(name)' trong 'excel' cần là tên trang bảng tính (1–\(Limits.sheetNameLengthMax) ký tự).",
            en: "'\(name)' in 'excel' must be a sheet name (1–\(Limits.sheetNameLengthMax) characters)."))
        continue
      }
      if name == "allocations_sheet" { names.allocations = text } else { names.spending = text }
    }
    return names
  }
}

extension WorkspaceReader {
  /// Reads one table of the folder from its CSV or its xlsx file. Both present, or neither, is an
  /// input error; so is an xlsx that cannot be read safely.
  static func readTable(
    _ table: WorkspaceTable, folder: URL, sheet: String?, label: String = "", errors: inout InputErrors,
    allocations: inout [Allocation], payments: inout [Payment]
  ) {
    let manager = FileManager.default
    let hasCSV = manager.fileExists(atPath: folder.appendingPathComponent(table.csvFile).path)
    let hasXlsx = manager.fileExists(atPath: folder.appendingPathComponent(table.xlsxFile).path)
    let csvName = label + table.csvFile
    let xlsxName = label + table.xlsxFile
    switch (hasCSV, hasXlsx) {
    case (true, true):
      errors.append(
        InputError(
          SourceLocation(file: xlsxName, line: 1),
          vi: "Thư mục có cả \(csvName) và \(xlsxName): cần đúng một tệp cho bảng \(table.rawValue) "
            + "(xóa hoặc đổi tên một tệp; 'kinhphi import' chuyển xlsx thành CSV).",
          en: "The folder holds both \(csvName) and \(xlsxName): expected exactly one file for the "
            + "\(table.rawValue) table (remove or rename one; 'kinhphi import' turns the xlsx into CSV)."))
    case (false, false):
      errors.append(
        InputError(
          SourceLocation(file: csvName, line: 1),
          vi: "Thiếu tệp bắt buộc \(csvName) (hoặc \(xlsxName)) trong thư mục dữ liệu.",
          en: "The required file \(csvName) (or \(xlsxName)) is missing from the workspace folder."))
    case (true, false):
      guard let data = load(folder, table.csvFile, errors: &errors) else { return }
      switch table {
      case .allocations: allocations = AllocationsReader.read(data: data, file: csvName, errors: &errors)
      case .spending: payments = SpendingReader.read(data: data, file: csvName, errors: &errors)
      }
    case (false, true):
      guard let data = load(folder, table.xlsxFile, errors: &errors) else { return }
      switch table {
      case .allocations:
        allocations = XlsxTableReader.readAllocations(
          data: data, file: xlsxName, sheet: sheet, errors: &errors)
      case .spending:
        payments = XlsxTableReader.readSpending(data: data, file: xlsxName, sheet: sheet, errors: &errors)
      }
    }
  }

  /// Reads both tables of a folder (CSV or xlsx each). `label` prefixes every file name in
  /// locations ("xa-hoa-phu/spending.csv") so rows of several folders stay traceable.
  static func readTables(
    folder: URL, sheets: WorkspaceSheetNames, label: String = "", errors: inout InputErrors
  ) -> (allocations: [Allocation], payments: [Payment]) {
    var allocations: [Allocation] = []
    var payments: [Payment] = []
    for table in WorkspaceTable.allCases {
      readTable(
        table, folder: folder, sheet: sheets[table], label: label, errors: &errors, allocations: &allocations,
        payments: &payments)
    }
    return (allocations, payments)
  }

  /// Reads a unit's submission: a folder with allocations and spending (CSV or xlsx). plan.yaml is
  /// optional (the district's catalogue rules a consolidation); only its `excel:` sheet names are used.
  /// Every location names the file as `label/file`.
  public static func readSubmission(directory: String, label: String) throws -> (
    allocations: [Allocation], payments: [Payment]
  ) {
    let folder = try WorkspaceReader.existingFolder(
      directory,
      vi:
        "Không tìm thấy thư mục '\(directory)': cần một thư mục chứa allocations và spending (CSV hoặc xlsx).",
      en: "Folder '\(directory)' not found: expected a folder holding allocations and spending (CSV or xlsx)."
    )
    var errors = InputErrors()
    var sheets = WorkspaceSheetNames()
    let planPath = folder.appendingPathComponent(planFile).path
    if FileManager.default.fileExists(atPath: planPath),
      let data = FileManager.default.contents(atPath: planPath),
      let yaml = String(data: data, encoding: .utf8)
    {
      sheets = WorkspaceSheetNames.read(yaml: yaml, file: label + "/" + planFile, errors: &errors)
    }
    let tables = readTables(folder: folder, sheets: sheets, label: label + "/", errors: &errors)
    try errors.throwIfAny()
    return tables
  }
}

import BudgetCore
import Foundation

/// Reads a workspace folder (docs/workspace-format.md, "A workspace is a folder"): `plan.yaml`, `allocations.csv` and `spending.csv` (or
/// `allocations.xlsx` / `spending.xlsx`, docs/excel-and-consolidation.md).
public enum WorkspaceReader {
  public static let planFile = "plan.yaml"
  public static let allocationsFile = "allocations.csv"
  public static let spendingFile = "spending.csv"

  /// Reads the three files in `directory`. Every input error of every file is collected (up to
  /// `Limits.inputErrorsReportedMax`, with the count of the rest) and thrown together as `InputErrors`.
  /// Locations name the file relative to the workspace ("spending.csv") so messages stay short.
  /// The folder `directory`, or an error saying what was expected there when it is not a folder.
  static func existingFolder(_ directory: String, vi: String, en: String) throws -> URL {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
    else { throw InputErrors([InputError(nil, vi: vi, en: en)]) }
    return URL(fileURLWithPath: directory, isDirectory: true)
  }

  public static func read(directory: String) throws -> Ledger {
    var errors = InputErrors()
    let folder = try existingFolder(
      directory,
      vi: "Không tìm thấy thư mục dữ liệu '\(directory)': cần một thư mục chứa \(planFile), "
        + "\(allocationsFile) và \(spendingFile).",
      en: "Workspace folder '\(directory)' not found: expected a folder holding \(planFile), "
        + "\(allocationsFile) and \(spendingFile).")

    var plan: Plan?
    var sheets = WorkspaceSheetNames()
    if let bytes = load(folder, planFile, errors: &errors) {
      if let text = String(validating: [UInt8](bytes), as: UTF8.self) {
        // A BOM is harmless to YAML but would shift nothing; drop it so column 1 is the first key.
        let yaml = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // Composed once: the plan and the `excel:` sheet names both come from this read.
        (plan, sheets) = PlanReader.readWithSheetNames(yaml: yaml, file: planFile, errors: &errors)
      } else {
        let line = bytes.withUnsafeBytes { raw in
          let buffer = raw.bindMemory(to: UInt8.self)
          return CSVBytes.lineNumber(of: CSVBytes.firstInvalidUTF8Offset(buffer) ?? 0, in: buffer)
        }
        errors.append(
          InputError(
            SourceLocation(file: planFile, line: line),
            vi: "Tệp không phải UTF-8 hợp lệ (dòng \(line)): lưu lại tệp với mã hóa UTF-8.",
            en: "The file is not valid UTF-8 (line \(line)): save it again with UTF-8 encoding."))
      }
    }
    // Each table from its CSV or its xlsx (XlsxTableReader+Workspace.swift).
    let (allocations, payments) = readTables(folder: folder, sheets: sheets, errors: &errors)
    // Each file checked its own total as it was read; this is the total of both (Limits.runTotalMaxDong).
    if errors.isEmpty {
      var budget = AmountBudget.workspace
      if let error = budget.add(allocations, payments) { errors.append(error) }
    }
    try errors.throwIfAny()
    guard let plan else { preconditionFailure("the plan reader reports an error whenever it returns nil") }
    return Ledger(plan: plan, allocations: allocations, payments: payments)
  }

  /// The file's bytes, read once; a missing, unreadable or oversized file is an input error naming it.
  static func load(_ folder: URL, _ name: String, errors: inout InputErrors) -> Data? {
    let url = folder.appendingPathComponent(name)
    let path = url.path
    guard FileManager.default.fileExists(atPath: path) else {
      errors.append(
        InputError(
          SourceLocation(file: name, line: 1), vi: "Thiếu tệp bắt buộc \(name) trong thư mục dữ liệu.",
          en: "The required file \(name) is missing from the workspace folder."))
      return nil
    }
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
      size > Limits.fileBytesMax
    {
      errors.append(.fileTooLarge(name, bytes: size))
      return nil
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      errors.append(
        InputError(
          SourceLocation(file: name, line: 1), vi: "Không đọc được tệp \(name) (quyền truy cập?).",
          en: "Could not read \(name) (permissions?)."))
      return nil
    }
    return data
  }
}

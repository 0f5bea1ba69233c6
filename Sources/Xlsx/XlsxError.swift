import CXlsxWriter

/// Everything the Xlsx wrapper refuses or the C library reports, with what was being done
/// (`operation`, `sheet`, `cell`) so a failed report run says where it failed.
public struct XlsxError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Reason: Equatable, Sendable {
    /// An `lxw_error` from libxlsxwriter with its own message (`lxw_strerror`).
    case library(code: Int, message: String)
    /// The workbook was already closed (or its close failed); the C objects are gone.
    case workbookClosed
    case invalidSheetName(String, rule: String)
    case duplicateSheetName(String, existing: String)
    case unknownSheet(String)
    case cellOutOfRange(row: Int, column: Int)
    /// An integer a `double` cannot hold exactly (|value| > 2^53).
    case numberNotExact(Int64)
    case numberNotFinite
    case overlappingMerge(requested: CellRange, existing: CellRange)
    case invalidDefinedName(String, rule: String)
    case duplicateDefinedName(String, scope: String?)
    case invalidArgument(String)
    /// The output file could not be prepared, written or moved into place.
    case fileSystem(path: String, message: String)
  }

  public let reason: Reason
  /// What the wrapper was doing, e.g. `write number`, `close`.
  public let operation: String
  public let sheet: String?
  /// `B3` or `A1:C4`, when a cell or range was involved.
  public let cell: String?

  public init(_ reason: Reason, operation: String, sheet: String? = nil, cell: String? = nil) {
    self.reason = reason
    self.operation = operation
    self.sheet = sheet
    self.cell = cell
  }

  /// An error for a non-zero `lxw_error`.
  init(code: lxw_error, operation: String, sheet: String? = nil, cell: String? = nil) {
    let message = lxw_strerror(code).map { String(cString: $0) } ?? "unknown error"
    self.init(
      .library(code: Int(code.rawValue), message: message), operation: operation, sheet: sheet,
      cell: cell)
  }

  private var place: String {
    switch (sheet, cell) {
    case (let sheet?, let cell?): return "'\(sheet)'!\(cell)"
    case (let sheet?, nil): return "'\(sheet)'"
    case (nil, let cell?): return cell
    case (nil, nil): return ""
    }
  }

  /// The message in English.
  public var en: String {
    let what: String
    switch reason {
    case .library(_, let message): what = "libxlsxwriter: \(message)"
    case .workbookClosed: what = "the workbook is already closed"
    case .invalidSheetName(let name, let rule): what = "invalid sheet name \"\(name)\": \(rule)"
    case .duplicateSheetName(let name, let existing):
      what = "sheet name \"\(name)\" collides with \"\(existing)\" (Excel ignores case)"
    case .unknownSheet(let name): what = "no sheet named \"\(name)\" in this workbook"
    case .cellOutOfRange(let row, let column):
      what =
        "cell (row \(row), column \(column)) is outside Excel's grid of \(XlsxLimits.rowsMax) rows × \(XlsxLimits.columnsMax) columns"
    case .numberNotExact(let value):
      what = "\(value) is beyond 2^53 and cannot be stored exactly in a spreadsheet number"
    case .numberNotFinite: what = "the number is not finite (NaN or infinity)"
    case .overlappingMerge(let requested, let existing):
      what = "merged range \(requested.a1) overlaps merged range \(existing.a1)"
    case .invalidDefinedName(let name, let rule): what = "invalid defined name \"\(name)\": \(rule)"
    case .duplicateDefinedName(let name, let scope):
      what = "defined name \"\(name)\" already exists in \(scope.map { "sheet '\($0)'" } ?? "the workbook")"
    case .invalidArgument(let detail): what = detail
    case .fileSystem(let path, let message): what = "\(path): \(message)"
    }
    let at = place.isEmpty ? "" : " at \(place)"
    return "\(operation)\(at): \(what)"
  }

  /// The message in Vietnamese (the officers' language).
  public var vi: String {
    let what: String
    switch reason {
    case .library(_, let message): what = "lỗi thư viện libxlsxwriter: \(message)"
    case .workbookClosed: what = "sổ tính đã được đóng"
    case .invalidSheetName(let name, let rule): what = "tên trang tính \"\(name)\" không hợp lệ: \(rule)"
    case .duplicateSheetName(let name, let existing):
      what = "tên trang tính \"\(name)\" trùng với \"\(existing)\" (Excel không phân biệt hoa thường)"
    case .unknownSheet(let name): what = "không có trang tính \"\(name)\""
    case .cellOutOfRange(let row, let column):
      what = "ô (dòng \(row), cột \(column)) nằm ngoài giới hạn của Excel"
    case .numberNotExact(let value):
      what = "số \(value) vượt quá 2^53, bảng tính không lưu được chính xác"
    case .numberNotFinite: what = "giá trị không phải là số hữu hạn"
    case .overlappingMerge(let requested, let existing):
      what = "vùng gộp ô \(requested.a1) chồng lên vùng gộp \(existing.a1)"
    case .invalidDefinedName(let name, let rule): what = "tên vùng \"\(name)\" không hợp lệ: \(rule)"
    case .duplicateDefinedName(let name, _): what = "tên vùng \"\(name)\" đã được định nghĩa"
    case .invalidArgument(let detail): what = "tham số không hợp lệ: \(detail)"
    case .fileSystem(let path, let message): what = "không ghi được tệp \(path): \(message)"
    }
    let at = place.isEmpty ? "" : " tại \(place)"
    return "\(operation)\(at): \(what)"
  }

  public var description: String { en }
}

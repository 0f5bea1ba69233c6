import Foundation

/// Excel's hard limits, checked before any C call so the error names the cell.
public enum XlsxLimits {
  public static let rowsMax = 1_048_576
  public static let columnsMax = 16_384
  public static let sheetNameLengthMax = 31
  public static let definedNameLengthMax = 255
  /// Cell text limit of Excel (characters).
  public static let stringLengthMax = 32_767
  /// Largest integer magnitude a `double` holds exactly: every integer up to 2^53 is exact.
  public static let exactIntegerMax: Int64 = 1 << 53
  /// Excel allows outline (grouping) levels 0…7.
  public static let outlineLevelMax = 7
  /// Excel allows cell indent levels 0…15.
  public static let indentMax = 15
}

/// A rectangle of cells, zero-based and inclusive, like libxlsxwriter's `(first_row, first_col,
/// last_row, last_col)`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
  public let firstRow: Int
  public let firstColumn: Int
  public let lastRow: Int
  public let lastColumn: Int

  /// Corners are put in order, so `CellRange(firstRow: 3, …, lastRow: 1, …)` is rows 1…3.
  public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
    self.firstRow = min(firstRow, lastRow)
    self.lastRow = max(firstRow, lastRow)
    self.firstColumn = min(firstColumn, lastColumn)
    self.lastColumn = max(firstColumn, lastColumn)
  }

  /// One cell.
  public init(row: Int, column: Int) {
    self.init(firstRow: row, firstColumn: column, lastRow: row, lastColumn: column)
  }

  public var rowCount: Int { lastRow - firstRow + 1 }
  public var columnCount: Int { lastColumn - firstColumn + 1 }
  public var isSingleCell: Bool { rowCount == 1 && columnCount == 1 }

  public func overlaps(_ other: CellRange) -> Bool {
    firstRow <= other.lastRow && other.firstRow <= lastRow && firstColumn <= other.lastColumn
      && other.firstColumn <= lastColumn
  }

  /// `B2:D5`, or `B2` for one cell.
  public var a1: String { a1(absolute: false) }

  /// `$B$2:$D$5` when absolute.
  public func a1(absolute: Bool) -> String {
    let first = CellRange.cellName(row: firstRow, column: firstColumn, absolute: absolute)
    if isSingleCell { return first }
    return first + ":" + CellRange.cellName(row: lastRow, column: lastColumn, absolute: absolute)
  }

  public var description: String { a1 }

  var isInsideGrid: Bool {
    CellRange.isInsideGrid(row: firstRow, column: firstColumn)
      && CellRange.isInsideGrid(row: lastRow, column: lastColumn)
  }

  static func isInsideGrid(row: Int, column: Int) -> Bool {
    (0..<XlsxLimits.rowsMax).contains(row) && (0..<XlsxLimits.columnsMax).contains(column)
  }

  /// `A`, `Z`, `AA`, …, `XFD` for zero-based columns.
  public static func columnName(_ column: Int) -> String {
    precondition(column >= 0, "column index must not be negative")
    var remaining = column + 1
    var letters: [Character] = []
    while remaining > 0 {
      let digit = (remaining - 1) % 26
      letters.append(Character(UnicodeScalar(UInt8(65 + digit))))
      remaining = (remaining - 1) / 26
    }
    return String(letters.reversed())
  }

  /// `C7` (or `$C$7`) for zero-based row 6, column 2.
  public static func cellName(row: Int, column: Int, absolute: Bool = false) -> String {
    let dollar = absolute ? "$" : ""
    return "\(dollar)\(columnName(column))\(dollar)\(row + 1)"
  }

  /// A sheet name as formulas need it: `'Tổng hợp'` (quotes always, inner apostrophes doubled).
  public static func quotedSheetName(_ sheet: String) -> String {
    "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// `'Tổng hợp'!$B$2:$D$5`, for formulas, defined names and chart series.
  public func reference(onSheet sheet: String, absolute: Bool = true) -> String {
    CellRange.quotedSheetName(sheet) + "!" + a1(absolute: absolute)
  }
}

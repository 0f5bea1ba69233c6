import CXlsxWriter

/// One sheet of a `Workbook`. Rows and columns are zero-based, as in libxlsxwriter (row 0 is
/// Excel's row 1, column 0 is column A). Every call checks Excel's grid before reaching C, and every
/// `lxw_error` is thrown as an `XlsxError` naming the sheet and cell.
///
/// Keeps its workbook alive; after the workbook is closed every call throws `.workbookClosed`.
public final class Worksheet {
  /// The sheet name as written (NFC).
  public let name: String
  public let workbook: Workbook
  private let handle: UnsafeMutablePointer<lxw_worksheet>
  /// Merged rectangles, to refuse overlaps (Excel "repairs" a file that has them).
  public private(set) var mergedRanges: [CellRange] = []

  init(name: String, workbook: Workbook, handle: UnsafeMutablePointer<lxw_worksheet>) {
    self.name = name
    self.workbook = workbook
    self.handle = handle
  }

  // MARK: - Cells

  /// Writes an integer exactly. Spreadsheet numbers are IEEE doubles, which hold every integer up
  /// to 2^53 exactly and round beyond it; a rounded amount of money would be a wrong report, so
  /// larger magnitudes are refused. (Input limits keep real amounts far below: 10^15 đồng.)
  public func writeInteger(_ value: Int64, row: Int, column: Int, style: CellStyle? = nil) throws {
    let operation = "write number"
    let number = try exactDouble(value, operation: operation, row: row, column: column)
    try cellCall(operation, row: row, column: column, style: style) { format in
      worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format)
    }
  }

  /// Writes a non-money number (a ratio, a percentage) as a double.
  public func writeDouble(_ value: Double, row: Int, column: Int, style: CellStyle? = nil) throws {
    let operation = "write number"
    try requireFinite(value, operation: operation, row: row, column: column)
    try cellCall(operation, row: row, column: column, style: style) { format in
      worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), value, format)
    }
  }

  public func writeString(_ text: String, row: Int, column: Int, style: CellStyle? = nil) throws {
    let operation = "write string"
    try requireText(text, operation: operation, row: row, column: column)
    try cellCall(operation, row: row, column: column, style: style) { format in
      worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), text, format)
    }
  }

  public func writeBoolean(_ value: Bool, row: Int, column: Int, style: CellStyle? = nil) throws {
    try cellCall("write boolean", row: row, column: column, style: style) { format in
      worksheet_write_boolean(handle, lxw_row_t(row), lxw_col_t(column), value ? 1 : 0, format)
    }
  }

  /// A formula with its cached integer result. Always give the result: LibreOffice shows the cached
  /// value without recalculating on load. Same 2^53 rule as `writeInteger`.
  public func writeFormula(
    _ formula: String, cachedInteger: Int64, row: Int, column: Int, style: CellStyle? = nil
  ) throws {
    // An exact integer is a finite double: written as the ratios are.
    let number = try exactDouble(cachedInteger, operation: "write formula", row: row, column: column)
    try writeFormula(formula, cachedDouble: number, row: row, column: column, style: style)
  }

  /// A formula with its cached non-integer result (ratios).
  public func writeFormula(
    _ formula: String, cachedDouble: Double, row: Int, column: Int, style: CellStyle? = nil
  ) throws {
    let operation = "write formula"
    try requireFinite(cachedDouble, operation: operation, row: row, column: column)
    try requireText(formula, operation: operation, row: row, column: column)
    try cellCall(operation, row: row, column: column, style: style) { format in
      worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(column), formula, format, cachedDouble)
    }
  }

  /// A formula with a cached text result.
  public func writeFormula(
    _ formula: String, cachedText: String, row: Int, column: Int, style: CellStyle? = nil
  ) throws {
    let operation = "write formula"
    try requireText(formula, operation: operation, row: row, column: column)
    try requireText(cachedText, operation: operation, row: row, column: column)
    try cellCall(operation, row: row, column: column, style: style) { format in
      worksheet_write_formula_str(handle, lxw_row_t(row), lxw_col_t(column), formula, format, cachedText)
    }
  }

  /// A formatted empty cell (borders of an empty table cell). Without a style Excel stores nothing,
  /// and neither does libxlsxwriter.
  public func writeBlank(row: Int, column: Int, style: CellStyle?) throws {
    try cellCall("write blank", row: row, column: column, style: style) { format in
      worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), format)
    }
  }

  /// A calendar date, stored as Excel's day serial and shown through a date number format
  /// (`dd/mm/yyyy` unless the style gives one).
  public func writeDate(
    year: Int, month: Int, day: Int, row: Int, column: Int, style: CellStyle? = nil
  ) throws {
    let operation = "write date"
    guard (1900...9999).contains(year), (1...12).contains(month), day >= 1,
      day <= Worksheet.daysIn(month: month, year: year)
    else {
      throw XlsxError(
        .invalidArgument("\(year)-\(month)-\(day) is not a date Excel can show"), operation: operation,
        sheet: name, cell: CellRange.cellName(row: row, column: column))
    }
    var dateStyle = style ?? CellStyle()
    if dateStyle.numberFormat == nil { dateStyle.numberFormat = "dd/mm/yyyy" }
    var date = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
    try cellCall(operation, row: row, column: column, style: dateStyle) { format in
      worksheet_write_datetime(handle, lxw_row_t(row), lxw_col_t(column), &date, format)
    }
  }

  /// A hyperlink (`https://…`, `mailto:…`, `internal:'Sheet'!A1`), shown as `text` when given.
  public func writeURL(
    _ url: String, text: String? = nil, row: Int, column: Int, style: CellStyle? = nil
  ) throws {
    let operation = "write url"
    try requireText(url, operation: operation, row: row, column: column)
    if let text { try requireText(text, operation: operation, row: row, column: column) }
    try cellCall(operation, row: row, column: column, style: style) { format in
      worksheet_write_url_opt(handle, lxw_row_t(row), lxw_col_t(column), url, format, text, nil)
    }
  }

  // MARK: - Merges

  /// Merges `range` and writes `text` in it. To put a number or formula in a merged area, merge
  /// first, then write the top-left cell with the same style. Overlapping merges are refused.
  public func merge(_ range: CellRange, text: String, style: CellStyle? = nil) throws {
    let operation = "merge range"
    try requireInside(range, operation: operation)
    guard !range.isSingleCell else {
      throw XlsxError(
        .invalidArgument("a merged range needs at least two cells"), operation: operation, sheet: name,
        cell: range.a1)
    }
    if let existing = mergedRanges.first(where: { $0.overlaps(range) }) {
      throw XlsxError(
        .overlappingMerge(requested: range, existing: existing), operation: operation, sheet: name,
        cell: range.a1)
    }
    try requireText(text, operation: operation, row: range.firstRow, column: range.firstColumn)
    try rangeCall(operation, range: range, style: style) { format in
      worksheet_merge_range(
        handle, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn), lxw_row_t(range.lastRow),
        lxw_col_t(range.lastColumn), text, format)
    }
    mergedRanges.append(range)
  }

  // MARK: - Rows and columns

  /// Width in Excel character units (Excel's default is 8.43), style, visibility and outline
  /// (grouping) level 0…7 for the columns `columns`.
  public func setColumns(
    _ columns: ClosedRange<Int>, width: Double = 8.43, style: CellStyle? = nil, hidden: Bool = false,
    outlineLevel: Int = 0, collapsed: Bool = false
  ) throws {
    let operation = "set columns"
    let range = CellRange(
      firstRow: 0, firstColumn: columns.lowerBound, lastRow: 0, lastColumn: columns.upperBound)
    try requireInside(range, operation: operation)
    try requireSize(width, max: 255, what: "column width", operation: operation)
    try requireOutline(outlineLevel, operation: operation)
    var options = lxw_row_col_options(
      hidden: hidden ? 1 : 0, level: UInt8(outlineLevel), collapsed: collapsed ? 1 : 0)
    try rangeCall(operation, range: range, style: style) { format in
      worksheet_set_column_opt(
        handle, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound), width, format, &options)
    }
  }

  /// Manual page breaks: each row given (zero-based, > 0) starts a new printed page. Replaces any
  /// breaks set before.
  public func setHorizontalPageBreaks(_ rows: [Int]) throws {
    let operation = "page breaks"
    // libxlsxwriter's list ends at a 0.
    guard rows.count <= XlsxLimits.pageBreaksMax else {
      throw XlsxError(
        .invalidArgument("\(rows.count) page breaks (at most 1023)"), operation: operation, sheet: name)
    }
    for row in rows {
      guard row > 0 else {
        throw XlsxError(.invalidArgument("a page break before row \(row)"), operation: operation, sheet: name)
      }
      try requireInside(CellRange(row: row, column: 0), operation: operation)
    }
    var breaks = rows.map { lxw_row_t($0) } + [0]
    try errorCall(operation) { worksheet_set_h_pagebreaks(handle, &breaks) }
  }

  /// Height in points (Excel's default is 15), style, visibility and outline level 0…7 of one row.
  public func setRow(
    _ row: Int, height: Double = 15, style: CellStyle? = nil, hidden: Bool = false, outlineLevel: Int = 0,
    collapsed: Bool = false
  ) throws {
    let operation = "set row"
    try requireInside(CellRange(row: row, column: 0), operation: operation)
    try requireSize(height, max: 409, what: "row height", operation: operation)
    try requireOutline(outlineLevel, operation: operation)
    var options = lxw_row_col_options(
      hidden: hidden ? 1 : 0, level: UInt8(outlineLevel), collapsed: collapsed ? 1 : 0)
    try cellCall(operation, row: row, column: 0, style: style) { format in
      worksheet_set_row_opt(handle, lxw_row_t(row), height, format, &options)
    }
  }

  // MARK: - View

  /// Freezes the rows above `row` and the columns left of `column` (e.g. row 1, column 0 keeps the
  /// header row in view).
  public func freezePanes(row: Int, column: Int) throws {
    let operation = "freeze panes"
    try requireInside(CellRange(row: row, column: column), operation: operation)
    try voidCall(operation) { worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(column)) }
  }

  /// Filter buttons on the first row of `range`.
  public func setAutofilter(_ range: CellRange) throws {
    let operation = "autofilter"
    try requireInside(range, operation: operation)
    try rangeCall(operation, range: range, style: nil) { _ in
      worksheet_autofilter(
        handle, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn), lxw_row_t(range.lastRow),
        lxw_col_t(range.lastColumn))
    }
  }

  /// Hides the sheet tab (a sheet can be hidden only when another one is visible).
  public func hide() throws {
    try voidCall("hide sheet") { worksheet_hide(handle) }
  }

  /// Makes this the sheet shown when the file opens.
  public func activate() throws {
    try voidCall("activate sheet") { worksheet_activate(handle) }
  }

  // MARK: - Internal plumbing

  /// Calls C with the workbook still open, the C numeric locale, and the style's format.
  private func cellCall(
    _ operation: String, row: Int, column: Int, style: CellStyle?,
    _ body: (UnsafeMutablePointer<lxw_format>?) -> lxw_error
  ) throws {
    try rangeCall(operation, range: CellRange(row: row, column: column), style: style, body)
  }

  func rangeCall(
    _ operation: String, range: CellRange, style: CellStyle?,
    _ body: (UnsafeMutablePointer<lxw_format>?) -> lxw_error
  ) throws {
    _ = try workbook.openHandle(operation, sheet: name)
    try workbook.countCellWrite()
    try requireInside(range, operation: operation)
    let format = try workbook.format(for: style, operation: operation, sheet: name)
    let code = NumericLocale.withCLocale { body(format) }
    guard code == LXW_NO_ERROR else {
      throw XlsxError(code: code, operation: operation, sheet: name, cell: range.a1)
    }
  }

  /// For the C functions that return nothing.
  func voidCall(_ operation: String, _ body: () -> Void) throws {
    _ = try workbook.openHandle(operation, sheet: name)
    NumericLocale.withCLocale(body)
  }

  /// For the C functions that return `lxw_error` without a cell.
  func errorCall(_ operation: String, _ body: () -> lxw_error) throws {
    _ = try workbook.openHandle(operation, sheet: name)
    let code = NumericLocale.withCLocale(body)
    guard code == LXW_NO_ERROR else { throw XlsxError(code: code, operation: operation, sheet: name) }
  }

  var cHandle: UnsafeMutablePointer<lxw_worksheet> { handle }

  func requireInside(_ range: CellRange, operation: String) throws {
    for (row, column) in [(range.firstRow, range.firstColumn), (range.lastRow, range.lastColumn)]
    where !CellRange.isInsideGrid(row: row, column: column) {
      throw XlsxError(.cellOutOfRange(row: row, column: column), operation: operation, sheet: name)
    }
  }

  private func exactDouble(_ value: Int64, operation: String, row: Int, column: Int) throws -> Double {
    guard value.magnitude <= UInt64(XlsxLimits.exactIntegerMax) else {
      throw XlsxError(
        .numberNotExact(value), operation: operation, sheet: name,
        cell: CellRange.isInsideGrid(row: row, column: column)
          ? CellRange.cellName(row: row, column: column) : nil)
    }
    return Double(value)
  }

  private func requireFinite(_ value: Double, operation: String, row: Int, column: Int) throws {
    guard value.isFinite else {
      throw XlsxError(
        .numberNotFinite, operation: operation, sheet: name, cell: cellNameIfInside(row, column))
    }
  }

  /// C strings end at NUL: text containing one would be cut silently.
  private func requireText(_ text: String, operation: String, row: Int, column: Int) throws {
    guard !text.utf8.contains(0) else {
      throw XlsxError(
        .invalidArgument("text contains a NUL character"), operation: operation, sheet: name,
        cell: cellNameIfInside(row, column))
    }
  }

  private func requireSize(_ value: Double, max: Double, what: String, operation: String) throws {
    guard value.isFinite, value >= 0, value <= max else {
      throw XlsxError(
        .invalidArgument("\(what) \(value) is outside 0…\(max)"), operation: operation, sheet: name)
    }
  }

  private func requireOutline(_ level: Int, operation: String) throws {
    guard (0...XlsxLimits.outlineLevelMax).contains(level) else {
      throw XlsxError(
        .invalidArgument("outline level \(level) is outside 0…7"), operation: operation, sheet: name)
    }
  }

  private func cellNameIfInside(_ row: Int, _ column: Int) -> String? {
    CellRange.isInsideGrid(row: row, column: column) ? CellRange.cellName(row: row, column: column) : nil
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

extension XlsxLimits {
  /// Excel keeps at most 1,023 manual page breaks per direction on a sheet.
  public static let pageBreaksMax = 1023
}

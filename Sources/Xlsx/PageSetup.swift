import CXlsxWriter

/// Printing: a settlement is signed on paper, so every sheet states how it prints.
public struct PageSetup: Hashable, Sendable {
  public enum Paper: UInt8, Hashable, Sendable {
    case a4 = 9
    case a3 = 8
    case letter = 1
  }

  public enum Orientation: Hashable, Sendable {
    case portrait, landscape
  }

  /// Page margins in inches (libxlsxwriter's unit; 1 cm ≈ 0.394 in).
  public struct Margins: Hashable, Sendable {
    public var left: Double
    public var right: Double
    public var top: Double
    public var bottom: Double

    public init(left: Double, right: Double, top: Double, bottom: Double) {
      self.left = left
      self.right = right
      self.top = top
      self.bottom = bottom
    }
  }

  public var paper: Paper
  public var orientation: Orientation
  /// Pages wide × pages tall; 0 means "as many as needed" (`(1, 0)`: one page wide).
  public var fitToPages: (width: Int, height: Int)?
  public var margins: Margins?
  /// Excel header/footer codes, e.g. `&CTrang &P/&N` for "page P of N" centred (≤ 255 characters).
  public var header: String?
  public var footer: String?
  public var centerHorizontally: Bool
  /// Rows printed at the top of every page (the table header), zero-based inclusive.
  public var repeatRows: ClosedRange<Int>?
  public var printArea: CellRange?
  /// The number of the sheet's first printed page (`&P`); nil continues from the previous sheet
  /// when the whole workbook is printed. `&N` always counts the pages of the whole print job in
  /// Excel and LibreOffice, so it cannot say how many pages one sheet has.
  public var firstPageNumber: Int?

  public init(
    paper: Paper = .a4, orientation: Orientation = .portrait, fitToPages: (width: Int, height: Int)? = nil,
    margins: Margins? = nil, header: String? = nil, footer: String? = nil, centerHorizontally: Bool = false,
    repeatRows: ClosedRange<Int>? = nil, printArea: CellRange? = nil, firstPageNumber: Int? = nil
  ) {
    self.paper = paper
    self.orientation = orientation
    self.fitToPages = fitToPages
    self.margins = margins
    self.header = header
    self.footer = footer
    self.centerHorizontally = centerHorizontally
    self.repeatRows = repeatRows
    self.printArea = printArea
    self.firstPageNumber = firstPageNumber
  }

  public static func == (lhs: PageSetup, rhs: PageSetup) -> Bool {
    lhs.paper == rhs.paper && lhs.orientation == rhs.orientation
      && lhs.fitToPages?.width == rhs.fitToPages?.width && lhs.fitToPages?.height == rhs.fitToPages?.height
      && lhs.margins == rhs.margins && lhs.header == rhs.header && lhs.footer == rhs.footer
      && lhs.centerHorizontally == rhs.centerHorizontally && lhs.repeatRows == rhs.repeatRows
      && lhs.printArea == rhs.printArea && lhs.firstPageNumber == rhs.firstPageNumber
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(paper)
    hasher.combine(orientation)
    hasher.combine(fitToPages?.width)
    hasher.combine(fitToPages?.height)
    hasher.combine(margins)
    hasher.combine(header)
    hasher.combine(footer)
    hasher.combine(centerHorizontally)
    hasher.combine(repeatRows)
    hasher.combine(printArea)
    hasher.combine(firstPageNumber)
  }
}

extension Worksheet {
  /// Applies every print setting of `setup`.
  public func setPageSetup(_ setup: PageSetup) throws {
    let operation = "page setup"
    if let fit = setup.fitToPages {
      guard (0...Int(UInt16.max)).contains(fit.width), (0...Int(UInt16.max)).contains(fit.height) else {
        throw XlsxError(
          .invalidArgument("fit to pages \(fit.width)×\(fit.height) is out of range"), operation: operation,
          sheet: name)
      }
    }
    if let first = setup.firstPageNumber, !(0...Int(UInt16.max)).contains(first) {
      throw XlsxError(
        .invalidArgument("first page number \(first) is out of range"), operation: operation, sheet: name)
    }
    if let margins = setup.margins {
      for value in [margins.left, margins.right, margins.top, margins.bottom]
      where !(value.isFinite && value >= 0 && value < 50) {
        throw XlsxError(
          .invalidArgument("margin \(value) in is out of range"), operation: operation, sheet: name)
      }
    }
    for text in [setup.header, setup.footer].compactMap({ $0 }) where text.utf8.contains(0) {
      throw XlsxError(
        .invalidArgument("header/footer contains a NUL character"), operation: operation, sheet: name)
    }
    let handle = cHandle
    try voidCall(operation) {
      worksheet_set_paper(handle, setup.paper.rawValue)
      switch setup.orientation {
      case .portrait: worksheet_set_portrait(handle)
      case .landscape: worksheet_set_landscape(handle)
      }
      if let fit = setup.fitToPages { worksheet_fit_to_pages(handle, UInt16(fit.width), UInt16(fit.height)) }
      if let margins = setup.margins {
        worksheet_set_margins(handle, margins.left, margins.right, margins.top, margins.bottom)
      }
      if setup.centerHorizontally { worksheet_center_horizontally(handle) }
      if let first = setup.firstPageNumber { worksheet_set_start_page(handle, UInt16(first)) }
    }
    if let header = setup.header {
      try errorCall("set header") { worksheet_set_header(handle, header) }
    }
    if let footer = setup.footer {
      try errorCall("set footer") { worksheet_set_footer(handle, footer) }
    }
    if let rows = setup.repeatRows {
      try requireInside(
        CellRange(firstRow: rows.lowerBound, firstColumn: 0, lastRow: rows.upperBound, lastColumn: 0),
        operation: "repeat rows")
      try errorCall("repeat rows") {
        worksheet_repeat_rows(handle, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound))
      }
    }
    if let area = setup.printArea {
      try rangeCall("print area", range: area, style: nil) { _ in
        worksheet_print_area(
          handle, lxw_row_t(area.firstRow), lxw_col_t(area.firstColumn), lxw_row_t(area.lastRow),
          lxw_col_t(area.lastColumn))
      }
    }
  }
}

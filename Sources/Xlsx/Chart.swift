import CXlsxWriter

/// A range on a named sheet, for chart series.
public struct SheetRange: Hashable, Sendable {
  public var sheet: String
  public var range: CellRange

  public init(sheet: String, range: CellRange) {
    self.sheet = sheet
    self.range = range
  }
}

public struct ChartSeries: Hashable, Sendable {
  /// The legend entry.
  public var name: String?
  public var categories: SheetRange?
  public var values: SheetRange

  public init(name: String? = nil, categories: SheetRange? = nil, values: SheetRange) {
    self.name = name
    self.categories = categories
    self.values = values
  }
}

/// A chart described as a value; `Worksheet.insertChart` builds the C chart from it.
public struct Chart: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    case column, bar, line

    var lxw: UInt8 {
      let value: lxw_chart_type
      switch self {
      case .column: value = LXW_CHART_COLUMN
      case .bar: value = LXW_CHART_BAR
      case .line: value = LXW_CHART_LINE
      }
      return UInt8(value.rawValue)
    }
  }

  public enum LegendPosition: Hashable, Sendable {
    case none, right, left, top, bottom

    var lxw: UInt8 {
      let value: lxw_chart_legend_position
      switch self {
      case .none: value = LXW_CHART_LEGEND_NONE
      case .right: value = LXW_CHART_LEGEND_RIGHT
      case .left: value = LXW_CHART_LEGEND_LEFT
      case .top: value = LXW_CHART_LEGEND_TOP
      case .bottom: value = LXW_CHART_LEGEND_BOTTOM
      }
      return UInt8(value.rawValue)
    }
  }

  public var kind: Kind
  public var title: String?
  public var categoryAxisTitle: String?
  public var valueAxisTitle: String?
  /// E.g. `#,##0` so money axes show grouped đồng.
  public var valueAxisNumberFormat: String?
  public var legend: LegendPosition
  public var series: [ChartSeries]

  public init(
    kind: Kind, title: String? = nil, categoryAxisTitle: String? = nil, valueAxisTitle: String? = nil,
    valueAxisNumberFormat: String? = nil, legend: LegendPosition = .right, series: [ChartSeries] = []
  ) {
    self.kind = kind
    self.title = title
    self.categoryAxisTitle = categoryAxisTitle
    self.valueAxisTitle = valueAxisTitle
    self.valueAxisNumberFormat = valueAxisNumberFormat
    self.legend = legend
    self.series = series
  }
}

extension Worksheet {
  /// Builds `chart` and places its top-left corner on the cell, `widthPixels` × `heightPixels`
  /// (libxlsxwriter's default chart is 480 × 288). Series must refer to sheets of this workbook.
  public func insertChart(
    _ chart: Chart, row: Int, column: Int, widthPixels: Int = 480, heightPixels: Int = 288
  ) throws {
    let operation = "insert chart"
    let cell = CellRange(row: row, column: column)
    try requireInside(cell, operation: operation)
    guard !chart.series.isEmpty else {
      throw XlsxError(
        .invalidArgument("a chart needs at least one series"), operation: operation, sheet: name,
        cell: cell.a1)
    }
    guard (1...10_000).contains(widthPixels), (1...10_000).contains(heightPixels) else {
      throw XlsxError(
        .invalidArgument("chart size \(widthPixels)×\(heightPixels) px is out of range"),
        operation: operation, sheet: name, cell: cell.a1)
    }
    let texts =
      [chart.title, chart.categoryAxisTitle, chart.valueAxisTitle, chart.valueAxisNumberFormat]
      + chart.series.map(\.name)
    if texts.contains(where: { $0?.utf8.contains(0) == true }) {
      throw XlsxError(
        .invalidArgument("chart text contains a NUL character"), operation: operation, sheet: name)
    }
    // Resolve every sheet first so a bad series fails before any C object exists.
    var resolved: [(name: String?, categories: (String, CellRange)?, values: (String, CellRange))] = []
    for series in chart.series {
      let values = try resolve(series.values, operation: operation)
      let categories = try series.categories.map { try resolve($0, operation: operation) }
      resolved.append((series.name, categories, values))
    }
    let workbookHandle = try workbook.openHandle(operation, sheet: name)
    let handle = cHandle
    // The chart is owned by the workbook from here on and freed with it.
    guard let cChart = NumericLocale.withCLocale({ workbook_add_chart(workbookHandle, chart.kind.lxw) })
    else {
      throw XlsxError(code: LXW_ERROR_MEMORY_MALLOC_FAILED, operation: operation, sheet: name, cell: cell.a1)
    }
    try voidCall(operation) {
      for series in resolved {
        guard let cSeries = chart_add_series(cChart, nil, nil) else { continue }
        chart_series_set_values(
          cSeries, series.values.0, lxw_row_t(series.values.1.firstRow),
          lxw_col_t(series.values.1.firstColumn),
          lxw_row_t(series.values.1.lastRow), lxw_col_t(series.values.1.lastColumn))
        if let categories = series.categories {
          chart_series_set_categories(
            cSeries, categories.0, lxw_row_t(categories.1.firstRow), lxw_col_t(categories.1.firstColumn),
            lxw_row_t(categories.1.lastRow), lxw_col_t(categories.1.lastColumn))
        }
        if let seriesName = series.name { chart_series_set_name(cSeries, seriesName) }
      }
      if let title = chart.title { chart_title_set_name(cChart, title) }
      if let axisTitle = chart.categoryAxisTitle { chart_axis_set_name(cChart.pointee.x_axis, axisTitle) }
      if let axisTitle = chart.valueAxisTitle { chart_axis_set_name(cChart.pointee.y_axis, axisTitle) }
      if let format = chart.valueAxisNumberFormat { chart_axis_set_num_format(cChart.pointee.y_axis, format) }
      chart_legend_set_position(cChart, chart.legend.lxw)
    }
    // A bar chart's value axis is horizontal; libxlsxwriter still calls it y_axis, as above.
    var options = lxw_chart_options()
    options.x_scale = Double(widthPixels) / 480
    options.y_scale = Double(heightPixels) / 288
    try rangeCall(operation, range: cell, style: nil) { _ in
      worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), cChart, &options)
    }
  }

  private func resolve(_ range: SheetRange, operation: String) throws -> (String, CellRange) {
    let sheet = try workbook.existingSheetName(range.sheet, operation: operation)
    try requireInside(range.range, operation: operation)
    return (sheet, range.range)
  }
}

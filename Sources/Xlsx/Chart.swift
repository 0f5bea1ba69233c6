import CXlsxWriter
import Foundation

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
  /// One font for every text of the chart (titles, axis labels, legend, data labels); nil keeps
  /// the spreadsheet's default (Calibri), which a document in Times New Roman should not mix in.
  public var fontName: String?
  public var fontSizePoints: Double?
  /// Each point labelled with its value in this number format (e.g. `0.0%`); nil = no labels.
  public var dataLabelNumberFormat: String?
  /// A fixed value axis (e.g. 0…1 for shares); nil = automatic.
  public var valueAxisMin: Double?
  public var valueAxisMax: Double?
  /// Categories in reading order from the top: a bar chart otherwise lists the first at the bottom.
  public var categoriesTopDown: Bool

  public init(
    kind: Kind, title: String? = nil, categoryAxisTitle: String? = nil, valueAxisTitle: String? = nil,
    valueAxisNumberFormat: String? = nil, legend: LegendPosition = .right, series: [ChartSeries] = [],
    fontName: String? = nil, fontSizePoints: Double? = nil, dataLabelNumberFormat: String? = nil,
    valueAxisMin: Double? = nil, valueAxisMax: Double? = nil, categoriesTopDown: Bool = false
  ) {
    self.kind = kind
    self.title = title
    self.categoryAxisTitle = categoryAxisTitle
    self.valueAxisTitle = valueAxisTitle
    self.valueAxisNumberFormat = valueAxisNumberFormat
    self.legend = legend
    self.series = series
    self.fontName = fontName
    self.fontSizePoints = fontSizePoints
    self.dataLabelNumberFormat = dataLabelNumberFormat
    self.valueAxisMin = valueAxisMin
    self.valueAxisMax = valueAxisMax
    self.categoriesTopDown = categoriesTopDown
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
      [
        chart.title, chart.categoryAxisTitle, chart.valueAxisTitle, chart.valueAxisNumberFormat,
        chart.fontName, chart.dataLabelNumberFormat,
      ]
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
    for value in [chart.fontSizePoints, chart.valueAxisMin, chart.valueAxisMax].compactMap({ $0 })
    where !value.isFinite {
      throw XlsxError(
        .invalidArgument("chart size or axis bound \(value) is not a number"), operation: operation,
        sheet: name)
    }
    // libxlsxwriter copies the font name; the C string only has to live through the calls.
    let fontCString = chart.fontName.map { strdup($0) } ?? nil
    defer { free(fontCString) }
    var font = lxw_chart_font()
    font.name = fontCString
    font.size = chart.fontSizePoints ?? 0
    var boldFont = font
    boldFont.bold = 1
    let setsFont = chart.fontName != nil || chart.fontSizePoints != nil
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
        if let format = chart.dataLabelNumberFormat {
          chart_series_set_labels(cSeries)
          chart_series_set_labels_num_format(cSeries, format)
          if setsFont { chart_series_set_labels_font(cSeries, &font) }
        }
      }
      if let title = chart.title { chart_title_set_name(cChart, title) }
      // libxlsxwriter names the axes by position: in a bar chart x_axis is the horizontal one,
      // which there is the value axis.
      let (categoryAxis, valueAxis) =
        chart.kind == .bar
        ? (cChart.pointee.y_axis, cChart.pointee.x_axis) : (cChart.pointee.x_axis, cChart.pointee.y_axis)
      if let axisTitle = chart.categoryAxisTitle { chart_axis_set_name(categoryAxis, axisTitle) }
      if let axisTitle = chart.valueAxisTitle { chart_axis_set_name(valueAxis, axisTitle) }
      if let format = chart.valueAxisNumberFormat { chart_axis_set_num_format(valueAxis, format) }
      chart_legend_set_position(cChart, chart.legend.lxw)
      if let minimum = chart.valueAxisMin { chart_axis_set_min(valueAxis, minimum) }
      if let maximum = chart.valueAxisMax { chart_axis_set_max(valueAxis, maximum) }
      if chart.categoriesTopDown {
        // Reversed categories move the value axis to the far side unless it crosses at the end.
        chart_axis_set_reverse(categoryAxis)
        chart_axis_set_crossing_max(categoryAxis)
      }
      if setsFont {
        for axis in [categoryAxis, valueAxis] {
          chart_axis_set_num_font(axis, &font)
          chart_axis_set_name_font(axis, &boldFont)
        }
        chart_legend_set_font(cChart, &font)
        chart_title_set_name_font(cChart, &boldFont)
      }
    }
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

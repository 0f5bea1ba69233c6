import BudgetCore
import BudgetEngine
import Foundation
import Xlsx

/// Writes the what-if comparison workbook following `Templates/so-sanh.yaml`, with the settlement
/// workbook's conventions (header block, titles, unit line, signature block, A4 print setup): by
/// source with a chart, line by line with Δ and Δ % and the broken lines highlighted, the new
/// findings, and — for a sweep — one row per value with line charts.
public struct ComparisonWorkbook: SettingsWorkbook {
  public let report: ComparisonReport
  public let template: SettlementTemplate
  /// Scale, language, creation date and interruption, as every workbook has them.
  public var settings: WorkbookSettings

  public static let defaultFileName = "so-sanh.yaml"

  public init(
    report: ComparisonReport, template: SettlementTemplate, settings: WorkbookSettings
  ) {
    self.report = report
    self.template = template
    self.settings = settings
  }

  /// Widest table, in character units, that still prints one page wide on A4 landscape at about
  /// 9 points or more (a 12-point sheet fits about 147 units at 100 %).
  static let printableWidthMax = 190.0

  /// Writes the workbook to `path`, whole or not at all.
  public func write(to path: String) throws {
    try ReportWriteError.wrapping(path) { try writeWorkbook(to: path) }
  }

  private func writeWorkbook(to path: String) throws {
    let context = TemplateContext(plan: report.plan.info, year: report.year)
    let names = report.comparisons.map(\.scenario.name)
    let workbook = try Workbook.report(
      path: path, plan: report.plan.info, title: context.fill(template.sheets.first?.title ?? ""),
      comments: "kinhphi whatif — " + names.joined(separator: "; "),
      keywords: "kịch bản, so sánh, \(report.year)", created: created, interruption: interruption)
    let layout = SheetLayout(document: template.document)
    var frame = SheetFrame(document: template.document, layout: layout, scale: scale, context: context)
    frame.draftMark = settings.draftMark
    let tables = ComparisonTables(report: report, layout: layout, language: language)
    let legend = try self.legend()

    for entry in template.sheets {
      switch entry {
      case .sourceComparison(let sheet):
        let worksheet = try workbook.addWorksheet(named: sheet.name)
        // Too wide, Δ % goes first, then the scenario amounts: Δ stays, and the chart draws it (the
        // central budget's amount dwarfs every other source's).
        let (columns, content) = fitted(sheet, dropping: [.deltaPercent, .scenario], frame: frame) {
          tables.sources($0)
        }
        try frame.write(content, sheet: sheet, to: worksheet, reserveRowsAfterTable: 18, pagesTall: 1)
        try writeLegend(legend, under: sheet, content: content, worksheet: worksheet, frame: frame)
        try writeRatios(content, columns: columns, worksheet: worksheet, layout: layout)
        try insertSourceChart(content, columns: columns, sheet: sheet, worksheet: worksheet, frame: frame)
      case .lineComparison(let sheet), .allLines(let sheet):
        let worksheet = try workbook.addWorksheet(named: sheet.name)
        // Too wide, the changed lines keep Δ (the new allocations are on the full list) and the
        // full list keeps the new allocations; Δ % goes first.
        let changedOnly = entry.kind == .lineComparison
        let order: [LineComparisonColumn] =
          changedOnly ? [.deltaPercent, .scenario] : [.deltaPercent, .delta]
        let (columns, content) = fitted(sheet, dropping: order, frame: frame) {
          tables.lines($0, changedOnly: changedOnly)
        }
        try frame.write(content, sheet: sheet, to: worksheet)
        try writeLegend(legend, under: sheet, content: content, worksheet: worksheet, frame: frame)
        try frame.freezeBelowHeadings(worksheet, columns: 0)
        try writeRatios(content, columns: columns, worksheet: worksheet, layout: layout)
        try highlightBroken(
          columns: columns, lines: content.rows.count - 1, worksheet: worksheet, layout: layout)
      case .newFindings(let sheet):
        let worksheet = try workbook.addWorksheet(named: sheet.name)
        let content = tables.newFindings(sheet)
        try frame.write(content, sheet: sheet, to: worksheet)
        if names.count > 1 {
          try writeLegend(legend, under: sheet, content: content, worksheet: worksheet, frame: frame)
        }
        try frame.freezeBelowHeadings(worksheet, columns: 0)
        try frame.highlightSeverities(
          worksheet, severityColumn: sheet.index(of: .severity), columnCount: sheet.columns.count,
          rows: content.rows.count, language: language)
      case .sweep(let sheet):
        guard let sweep = report.sweep else { continue }  // only a sweep run has this sheet
        let worksheet = try workbook.addWorksheet(named: sheet.name)
        let content = tables.sweep(sheet, points: sweep.points)
        // A short sweep prints on one page, charts included: nothing is cut under repeated headings.
        let onePage = sweep.points.count <= Self.onePageSweepMax
        try frame.write(
          content, sheet: sheet, to: worksheet, reserveRowsAfterTable: Self.sweepChartRows + 3,
          pagesTall: onePage ? 1 : 0)
        try writeLegend(
          try sweepDescription(sweep), under: sheet, content: content, worksheet: worksheet, frame: frame)
        // A long sweep runs over pages: its charts start a page of their own, never cut across two,
        // a blank row under the repeated headings (a chart touching the break prints a sliver of
        // its frame on the page before).
        let afterTable = layout.firstDataRow + sweep.points.count + 1
        if !onePage { try worksheet.setHorizontalPageBreaks([afterTable]) }
        try insertSweepCharts(
          sheet: sheet, points: sweep.points.count, worksheet: worksheet, frame: frame, content: content,
          row: onePage ? afterTable : afterTable + 1)
      case .bySource, .byContent, .byUnit, .payments, .findings, .carryOver, .chart, .phaseSummary,
        .phaseChain, .progress, .handoverBalances, .handoverReceipts,
        .reconciliation, .allocationDifferences, .b01, .f0101, .f0102, .form20f:
        preconditionFailure("TemplateReader refuses other workbooks' sheets in a comparison template")
      }
    }
    try workbook.close()
  }

  /// "KB1: name; KB2: name" (one scenario: the template's "Kịch bản: name"): the headings use the
  /// short labels.
  func legend() throws -> String {
    let names = report.comparisons.map(\.scenario.name)
    if names.count == 1 {
      return try template.texts.text(ComparisonSheetText.oneScenario, language, ["scenario": names[0]])
    }
    return names.enumerated().map { "\(ScenarioLabel.short($0, language: language)): \($1)" }
      .joined(separator: "; ")
  }

  /// The sheet's columns for every scenario, leaving out per-scenario columns in `dropping` order
  /// while the table is wider than `printableWidthMax`.
  func fitted<Show>(
    _ sheet: TemplateSheet<Show>, dropping order: [Show], frame: SheetFrame,
    build: ([ComparisonColumn<Show>]) -> TableContent
  ) -> ([ComparisonColumn<Show>], TableContent) {
    let names = report.comparisons.map(\.scenario.name)
    var dropped: Set<Show> = []
    var columns = ComparisonColumn.expand(sheet.columns, names: names, language: language)
    var content = build(columns)
    for show in order {
      guard frame.columnWidths(content).reduce(0, +) > Self.printableWidthMax else { break }
      dropped.insert(show)
      columns = ComparisonColumn.expand(sheet.columns, names: names, dropping: dropped, language: language)
      content = build(columns)
    }
    return (columns, content)
  }

  /// The subtitle line under the title, followed by the legend, wrapped over as many lines as it
  /// needs (written over the subtitle the frame wrote: same merged cell).
  private func writeLegend<Show>(
    _ legend: String, under sheet: TemplateSheet<Show>, content: TableContent, worksheet: Worksheet,
    frame: SheetFrame
  ) throws {
    let document = template.document
    let subtitle = sheet.subtitle.map { frame.context.fill($0) }
    let text = [subtitle, legend].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
    let width = frame.columnWidths(content).reduce(0, +)
    let lines = frame.wrappedLines(text, width: width)
    var style = CellStyle(
      fontName: document.font, fontSizePoints: Double(document.fontSize), verticalAlignment: .center)
    style.italic = true
    style.horizontalAlignment = .center
    style.wrapText = true
    let row = frame.layout.subtitleRow
    if sheet.subtitle == nil {
      try worksheet.merge(
        CellRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: content.columns.count - 1),
        text: text,
        style: style)
    } else {
      try worksheet.writeString(text, row: row, column: 0, style: style)
    }
    try worksheet.setRow(row, height: (Double(document.fontSize) * 1.3).rounded() * Double(lines) + 4)
  }

  /// The sweep in words: which scenario, which value, from where to where.
  private func sweepDescription(_ sweep: SweepResult) throws -> String {
    let name = report.comparisons[0].scenario.name
    let values = sweep.points.map(\.value)
    let percent = sweep.text.hasPrefix("scale")
    let what = try template.texts.text(
      percent ? ComparisonSheetText.sweepPercent : .sweepAmount, language)
    guard let first = values.first, let last = values.last else { return name }
    let step = values.count > 1 ? abs(values[1] - values[0]) : 0
    return try template.texts.text(
      ComparisonSheetText.sweepDescription, language,
      ["scenario": name, "what": what, "first": String(first), "last": String(last), "step": String(step)])
  }

  // MARK: - Δ %

  /// Δ % = Δ ÷ baseline as a live formula with its cached ratio (display only: the money stays exact
  /// in the Δ cells), empty where the baseline is 0.
  private func writeRatios<Show>(
    _ content: TableContent, columns: [ComparisonColumn<Show>], worksheet: Worksheet, layout: SheetLayout
  ) throws {
    guard let base = columns.firstIndex(where: { $0.show == .baseline }) else { return }
    for (index, column) in columns.enumerated() where column.show == .deltaPercent {
      guard let delta = columns.firstIndex(where: { $0.show == .delta && $0.scenario == column.scenario })
      else { continue }
      for (rowIndex, row) in content.rows.enumerated() {
        let sheetRow = layout.firstDataRow + rowIndex
        var style = CellStyle(
          fontName: template.document.font, fontSizePoints: Double(template.document.fontSize),
          borders: Borders(top: .hair, bottom: .hair, left: .thin, right: .thin), horizontalAlignment: .right,
          verticalAlignment: .center, numberFormat: "0.0%;-0.0%;0.0%")
        if row.emphasis == .total {
          style.bold = true
          style.fillColor = Color(rgb: 0xF2F2F2)
          style.borders = .all(.thin)
        }
        let baseCell = FormulaText.cell(row: sheetRow, column: base)
        let formula = "=IF(\(baseCell)=0,\"\",\(FormulaText.cell(row: sheetRow, column: delta))/\(baseCell))"
        let before = amount(row.cells[base])
        let change = amount(row.cells[delta])
        if before.isZero {
          try worksheet.writeFormula(formula, cachedText: "", row: sheetRow, column: index, style: style)
        } else {
          try worksheet.writeFormula(
            formula, cachedDouble: Double(change.dong) / Double(before.dong), row: sheetRow, column: index,
            style: style)
        }
      }
    }
  }

  private func amount(_ cell: CellContent) -> Money {
    switch cell {
    case .money(let value), .formula(_, let value): value
    default: .zero
    }
  }

  // MARK: - Broken lines

  /// Lines with a status (something broke) are shaded red across the row.
  private func highlightBroken(
    columns: [ComparisonColumn<LineComparisonColumn>], lines: Int, worksheet: Worksheet, layout: SheetLayout
  ) throws {
    let statuses = columns.indices.filter { columns[$0].show == .status }
    guard lines > 0, !statuses.isEmpty else { return }
    let row = String(layout.firstDataRow + 1)
    let tests = statuses.map { "$\(FormulaText.columnName($0))\(row)<>\"\"" }
    try worksheet.addConditionalFormat(
      .formula("=OR(\(tests.joined(separator: ",")))"),
      range: CellRange(
        firstRow: layout.firstDataRow, firstColumn: 0, lastRow: layout.firstDataRow + lines - 1,
        lastColumn: columns.count - 1),
      // Black text on a light fill, as the settlement workbook's findings: red text on red fill
      // disappears in black-and-white print.
      style: CellStyle(fontColor: Color(rgb: 0x000000), fillColor: Color(rgb: 0xFFC7CE)))
  }

  // MARK: - Charts

  /// Baseline and each scenario by source, as columns side by side.
  private func insertSourceChart(
    _ content: TableContent, columns: [ComparisonColumn<SourceComparisonColumn>],
    sheet: TemplateSheet<SourceComparisonColumn>, worksheet: Worksheet, frame: SheetFrame
  ) throws {
    let layout = frame.layout
    let sources = content.rows.count - 1
    guard sources > 0, let label = columns.firstIndex(where: { $0.show == .label }) else { return }
    let first = layout.firstDataRow
    let last = first + sources - 1
    let categories = SheetRange.column(label, rows: first...last, on: sheet.name)
    // The change per source when the sheet shows it: beside the central budget's allocation every
    // other source's bar is too small to see, while the changes are of one size.
    let showsDelta = columns.contains { $0.show == .delta }
    let series = columns.enumerated().compactMap { index, column -> ChartSeries? in
      guard showsDelta ? column.show == .delta : column.show == .baseline || column.show == .scenario
      else { return nil }
      return ChartSeries(
        name: column.heading, categories: categories,
        values: .column(index, rows: first...last, on: sheet.name))
    }
    guard !series.isEmpty else { return }
    let chart = Chart(
      kind: .column,
      title: showsDelta
        ? try template.texts.text(ComparisonSheetText.chartTitle, language) : nil,
      categoryAxisTitle: try template.texts.text(ComparisonSheetText.chartCategoryAxis, language),
      valueAxisTitle: template.document.unitLabels[scale],
      valueAxisNumberFormat: template.document.numberFormats[scale],
      legend: .bottom, series: series, fontName: template.document.font)
    let width = Int(frame.columnWidths(content).reduce(0, +) * 7)
    try worksheet.insertChart(
      chart, row: last + 3, column: 0, widthPixels: max(width, 480), heightPixels: 320)
  }

  /// Sweeps of up to this many values print on one page with their charts.
  static let onePageSweepMax = 25
  /// Rows (20 pixels each) the charts take under the sweep table.
  static let sweepChartRows = 14

  /// Overspending, counterpart shortfall (each on its own) and broken lines against the swept value:
  /// one line chart per column the template shows, side by side under the table, so that they sit
  /// together on the page.
  private func insertSweepCharts(
    sheet: TemplateSheet<SweepColumn>, points: Int, worksheet: Worksheet, frame: SheetFrame,
    content: TableContent, row: Int
  ) throws {
    let layout = frame.layout
    guard points > 0, let value = sheet.index(of: .value) else { return }
    let first = layout.firstDataRow
    let last = first + points - 1
    let categories = SheetRange.column(value, rows: first...last, on: sheet.name)
    let drawn: [(SweepColumn, Bool)] = [
      (.overspendIncrease, true), (.counterpartShortIncrease, true), (.broken, false),
    ]
    let charts = drawn.compactMap { show, money in sheet.index(of: show).map { ($0, money) } }
    guard !charts.isEmpty else { return }
    // Each chart starts at a column boundary about a third of the table further (pixels ≈ 7 per
    // width unit + 5): the charts share the table's width.
    let edges = frame.columnWidths(content).reduce(into: [0]) { $0.append($0.last! + Int($1 * 7 + 5)) }
    let tableWidth = edges.last ?? 0
    let starts = (0..<charts.count).map { position in
      edges.firstIndex { $0 >= tableWidth * position / charts.count } ?? 0
    }
    for (position, (column, money)) in charts.enumerated() {
      let end = position + 1 < starts.count ? edges[starts[position + 1]] : tableWidth
      let width = max(end - edges[starts[position]] - 8, 160)
      let chart = Chart(
        kind: .line, title: sheet.columns[column].heading, categoryAxisTitle: sheet.columns[value].heading,
        valueAxisTitle: money ? template.document.unitLabels[scale] : nil,
        valueAxisNumberFormat: money ? template.document.numberFormats[scale] : "0", legend: .none,
        series: [
          ChartSeries(
            name: sheet.columns[column].heading, categories: categories,
            values: .column(column, rows: first...last, on: sheet.name))
        ], fontName: template.document.font)
      try worksheet.insertChart(
        chart, row: row, column: starts[position], widthPixels: width,
        heightPixels: Self.sweepChartRows * 20)
    }
  }
}

import BudgetCore
import BudgetEngine
import Foundation
import Xlsx

/// The disbursement progress workbook (`kinhphi progress -o`, Templates/tien-do.yaml): by source,
/// unit and activity with last year beside; the month-by-month curve per source with its chart;
/// the lagging units and lines; the year-end projection; the carried-in money expiring. Every sheet
/// has the header block, the title, the signature block and A4 print setup.
public struct ProgressWorkbook: SettingsWorkbook {
  public let progress: DisbursementProgress
  public let template: SettlementTemplate
  /// Scale, language, creation date and interruption, as every workbook has them.
  public var settings: WorkbookSettings
  /// The dimension whose sheet comes first (`--by`); the others follow in the template's order.
  public var firstDimension: ProgressDimension = .source

  public init(progress: DisbursementProgress, template: SettlementTemplate, settings: WorkbookSettings) {
    self.progress = progress
    self.template = template
    self.settings = settings
  }

  private var vi: Bool { language == .vi }

  /// The template's progress sheets, the chosen dimension's table first.
  var orderedSheets: [ProgressSheet] {
    let first: SheetKind
    switch firstDimension {
    case .source: first = .progressBySource
    case .unit: first = .progressByUnit
    case .activity: first = .progressByActivity
    }
    let sheets = template.sheets.compactMap { sheet -> ProgressSheet? in
      if case .progress(let progressSheet) = sheet { progressSheet } else { nil }
    }
    return sheets.filter { $0.kind == first } + sheets.filter { $0.kind != first }
  }

  /// Writes the workbook to `path`, whole or not at all; an xlsx failure is a `ReportWriteError`.
  public func write(to path: String) throws {
    try ReportWriteError.wrapping(path) { try writeWorkbook(to: path) }
  }

  private func writeWorkbook(to path: String) throws {
    let unit = progress.unit.flatMap { progress.plan.unitByCode[$0] }
    let context = TemplateContext(progress: progress, unit: unit, language: language)
    let sheets = orderedSheets
    let firstTitle = template.sheets.first { $0.kind == sheets.first?.kind }?.title ?? ""
    let workbook = try Workbook.report(
      path: path, plan: progress.plan.info, title: context.fill(firstTitle),
      comments: "kinhphi — số liệu tính bằng đồng; tỷ lệ tính chính xác đến 0,01 %.",
      keywords: "tiến độ giải ngân, CTMTQG DTTS&MN, Dự án 10, \(progress.asOf.vietnamese)", created: created,
      interruption: interruption)
    let layout = SheetLayout(document: template.document)
    var frame = SheetFrame(document: template.document, layout: layout, scale: scale, context: context)
    frame.unitLine = unit.map { vi ? "Đơn vị: \($0.name)" : "Unit: \($0.name)" }
    let builder = ProgressSheetBuilder(
      progress: progress, layout: layout, language: language, context: context,
      moneyFormat: template.document.numberFormats[scale])

    for entry in sheets {
      switch entry {
      case .bySource(let sheet), .byUnit(let sheet), .byActivity(let sheet), .projection(let sheet):
        let worksheet = try workbook.addWorksheet(named: sheet.name)
        let dimension: ProgressDimension
        switch entry.kind {
        case .progressByUnit: dimension = .unit
        case .progressByActivity: dimension = .activity
        default: dimension = .source
        }
        let content = builder.table(builder.tables.rows(by: dimension), sheet: sheet)
        // By source and the projection fit on a page: what is not counted is said under the table.
        let notes = entry.kind == .progressBySource || entry.kind == .progressProjection ? notesText : []
        try frame.write(
          content, sheet: sheet, to: worksheet, reserveRowsAfterTable: notes.isEmpty ? 0 : notes.count + 1)
        try frame.freezeBelowHeadings(worksheet, columns: 2)
        var style = CellStyle(
          fontName: template.document.font, fontSizePoints: Double(template.document.fontSize),
          verticalAlignment: .center)
        style.italic = true
        for (index, note) in notes.enumerated() {
          try worksheet.writeString(
            note, row: layout.firstDataRow + content.rows.count + 1 + index, column: 0, style: style)
        }
      case .laggingUnits(let sheet):
        let worksheet = try workbook.addWorksheet(named: sheet.name)
        let content = builder.ranked(
          progress.laggingUnits.map { (builder.tables.unitName($0.subject), $0.figures) }, sheet: sheet)
        try frame.write(content, sheet: sheet, to: worksheet)
        try frame.freezeBelowHeadings(worksheet, columns: 2)
      case .laggingLines(let sheet):
        let worksheet = try workbook.addWorksheet(named: sheet.name)
        let content = builder.ranked(
          progress.laggingLines.map { (builder.lineName($0.subject), $0.figures) }, sheet: sheet)
        try frame.write(content, sheet: sheet, to: worksheet)
        try frame.freezeBelowHeadings(worksheet, columns: 2)
      case .monthly(let sheet):
        let worksheet = try workbook.addWorksheet(named: sheet.name)
        let content = builder.monthly(sheet: sheet)
        // One page: the table, the chart under it (rows of 20 pixels), the signatures.
        try frame.write(
          content, sheet: sheet, to: worksheet, reserveRowsAfterTable: Self.chartHeightPixels / 20 + 3,
          pagesTall: 1)
        try insertMonthlyChart(on: worksheet, sheet: sheet, content: content, frame: frame)
      case .expiring(let sheet):
        let worksheet = try workbook.addWorksheet(named: sheet.name)
        let content = builder.expiring(sheet: sheet)
        try frame.write(content, sheet: sheet, to: worksheet)
        try frame.freezeBelowHeadings(worksheet, columns: 0)
      }
    }
    try workbook.close()
  }

  static let chartHeightPixels = 300

  /// "Ghi chú: …" lines: the payments dated after the date, the rows with errors.
  private var notesText: [String] {
    ProgressText.notes(progress, language: language).map { (vi ? "Ghi chú: " : "Note: ") + $0 }
  }

  /// Cumulative disbursement this year, last year and at the plan's pace, month by month: the
  /// first three rows of the monthly table.
  private func insertMonthlyChart(
    on worksheet: Worksheet, sheet: TemplateSheet<ProgressMonthColumn>, content: TableContent,
    frame: SheetFrame
  ) throws {
    let layout = frame.layout
    let months = sheet.columns.indices.filter { sheet.columns[$0].show.month != nil }
    guard let first = months.first, let last = months.last, content.rows.count >= 3 else { return }
    let categories = SheetRange(
      sheet: sheet.name,
      range: CellRange(
        firstRow: layout.headingRow, firstColumn: first, lastRow: layout.headingRow, lastColumn: last))
    let series = (0..<3).map { offset in
      let row = layout.firstDataRow + offset
      return ChartSeries(
        name: ProgressSheetBuilder.seriesName(content.rows[offset]), categories: categories,
        values: SheetRange(
          sheet: sheet.name,
          range: CellRange(firstRow: row, firstColumn: first, lastRow: row, lastColumn: last)))
    }
    let chart = Chart(
      kind: .line,
      title: frame.context.fill(try template.texts.text(ProgressSheetText.chartTitle, language)),
      categoryAxisTitle: try template.texts.text(ProgressSheetText.chartCategoryAxis, language),
      valueAxisTitle: template.document.unitLabels[scale],
      valueAxisNumberFormat: template.document.numberFormats[scale], legend: .bottom, series: series,
      fontName: template.document.font, valueAxisMin: 0)
    let width = Int(frame.columnWidths(content).reduce(0, +) * 7)
    try worksheet.insertChart(
      chart, row: layout.firstDataRow + content.rows.count + 1, column: 0, widthPixels: max(width, 480),
      heightPixels: Self.chartHeightPixels)
  }
}

/// Builds the progress sheets' tables: which columns, what each cell holds, the formulas.
struct ProgressSheetBuilder {
  let progress: DisbursementProgress
  let layout: SheetLayout
  let language: Language
  /// Headings may name the date (`{as_of}`).
  let context: TemplateContext
  let moneyFormat: String?
  let tables: ProgressTables

  init(
    progress: DisbursementProgress, layout: SheetLayout, language: Language, context: TemplateContext,
    moneyFormat: String?
  ) {
    self.progress = progress
    self.layout = layout
    self.language = language
    self.context = context
    self.moneyFormat = moneyFormat
    tables = ProgressTables(progress: progress, language: language)
  }

  private var vi: Bool { language == .vi }
  /// Rates to the hundredth of a percent, as the engine computes them.
  static let rateFormat = "0.00%"

  /// `TW · Hội nghị, hội thảo… · Phòng Dân tộc`: the source by its code (its name is long and the
  /// same on many lines), the activity and the unit by name.
  func lineName(_ key: LineKey) -> String {
    "\(key.source.rawValue) · \(tables.activityName(key.activity)) · "
      + (progress.plan.unitByCode[key.unit]?.name ?? key.unit.rawValue)
  }

  // MARK: Figure tables

  private func figureColumns(_ sheet: TemplateSheet<ProgressColumn>) -> [TableColumn] {
    sheet.columns.enumerated().map { index, column in
      let show = column.show
      var tableColumn = TableColumn(
        heading: context.fill(column.heading), number: String(index + 1), kind: kind(show),
        fixedWidth: column.width)
      if show == .rate || show == .previousRate { tableColumn.numberFormat = Self.rateFormat }
      return tableColumn
    }
  }

  private func kind(_ show: ProgressColumn) -> ColumnKind {
    switch show {
    case .stt: .centeredText
    case .label: .text(maxWidth: 50)
    case .rate, .previousRate: .percent
    case .available, .disbursed, .remaining, .expected, .behind, .previousAvailable, .previousDisbursed,
      .projectedSpent, .projectedCarryOver, .projectedCancelled, .projectedOverspent:
      .money
    }
  }

  /// A tree of rows: groups and the total as SUM formulas over the rows they add up, rates and the
  /// remaining amount as formulas over the row's own cells when they are on the sheet.
  func table(_ rows: [ProgressRow], sheet: TemplateSheet<ProgressColumn>) -> TableContent {
    let content = rows.enumerated().map { index, row in
      TableRow(
        emphasis: RowEmphasis(row.kind),
        cells: cells(
          row.figures, stt: row.stt, label: row.name, sheet: sheet, sheetRow: layout.firstDataRow + index,
          sumOf: row.children.isEmpty ? nil : row.children.map { layout.firstDataRow + $0 }))
    }
    return TableContent(columns: figureColumns(sheet), rows: content)
  }

  /// A ranked list (lagging units or lines) and its total.
  func ranked(_ entries: [(label: String, figures: ProgressFigures)], sheet: TemplateSheet<ProgressColumn>)
    -> TableContent
  {
    var rows = entries.enumerated().map { index, entry in
      TableRow(
        emphasis: .detail(level: 0),
        cells: cells(
          entry.figures, stt: String(index + 1), label: entry.label, sheet: sheet,
          sheetRow: layout.firstDataRow + index, sumOf: nil))
    }
    let total = entries.reduce(ProgressFigures()) { $0 + $1.figures }
    rows.append(
      TableRow(
        emphasis: .total,
        cells: cells(
          total, stt: "", label: vi ? "TỔNG CỘNG (\(entries.count))" : "TOTAL (\(entries.count))",
          sheet: sheet,
          sheetRow: layout.firstDataRow + entries.count,
          sumOf: (0..<entries.count).map { layout.firstDataRow + $0 }, behindAdds: true)))
    return TableContent(columns: figureColumns(sheet), rows: rows)
  }

  /// One row's cells. `sumOf`: the sheet rows a subtotal adds up (money as SUM formulas). The amount
  /// behind of a subtotal is its own (a unit ahead on one line and behind on another is not
  /// behind by the sum of its lines); of a ranked list's total (`behindAdds`), the sum of the rows.
  private func cells(
    _ figures: ProgressFigures, stt: String, label: String, sheet: TemplateSheet<ProgressColumn>,
    sheetRow: Int,
    sumOf: [Int]?,
    behindAdds: Bool = false
  ) -> [CellContent] {
    func ref(_ show: ProgressColumn) -> String? {
      sheet.index(of: show).map { FormulaText.cell(row: sheetRow, column: $0) }
    }
    let expected = progress.expected(figures)
    let behind = (expected - figures.disbursed).clampedAtZero
    return sheet.columns.enumerated().map { index, column in
      func summed(_ value: Money) -> CellContent {
        guard let sumOf else { return .money(value) }
        return .formula(FormulaText.sum(rows: sumOf, column: index), cached: value)
      }
      switch column.show {
      case .stt: return .text(stt)
      case .label: return .text(label)
      case .available: return summed(figures.available)
      case .disbursed: return summed(figures.disbursed)
      case .previousAvailable: return summed(figures.previousAvailable)
      case .previousDisbursed: return summed(figures.previousDisbursed)
      case .projectedSpent: return summed(figures.projected.spent)
      case .projectedCarryOver: return summed(figures.projected.carryOver)
      case .projectedCancelled: return summed(figures.projected.cancelled)
      case .projectedOverspent: return summed(figures.projected.overspent)
      case .remaining:
        if let available = ref(.available), let disbursed = ref(.disbursed) {
          return .formula("\(available)-\(disbursed)", cached: figures.remaining)
        }
        return summed(figures.remaining)
      case .expected: return .money(expected)
      case .behind: return behindAdds ? summed(behind) : .money(behind)
      case .rate: return rate(figures.rate, part: ref(.disbursed), whole: ref(.available))
      case .previousRate:
        return rate(figures.previousRate, part: ref(.previousDisbursed), whole: ref(.previousAvailable))
      }
    }
  }

  /// The engine's exact rate (hundredths of a percent); as `ROUND(part/whole,4)` when both cells
  /// are on the sheet, so a recalculating spreadsheet shows the same figure. "–" with nothing available.
  private func rate(_ rate: Percent?, part: String?, whole: String?) -> CellContent {
    guard let rate else { return .text("–") }
    let cached = Double(rate.hundredths) / 10_000
    guard let part, let whole else { return .ratioFormula(String(cached), cached: cached) }
    return .ratioFormula("ROUND(\(part)/\(whole),4)", cached: cached)
  }

  // MARK: Month by month

  /// This year, last year and the pace for all sources (the chart's three rows), then each source's
  /// two years. Months after the as-of date are empty this year.
  func monthly(sheet: TemplateSheet<ProgressMonthColumn>) -> TableContent {
    let columns = sheet.columns.enumerated().map { index, column -> TableColumn in
      let show = column.show
      let kind: ColumnKind
      switch show {
      case .stt: kind = .centeredText
      case .label: kind = .text(maxWidth: 30)
      case .year: kind = .integer
      case .rate: kind = .percent
      default: kind = .money
      }
      var tableColumn = TableColumn(
        heading: context.fill(column.heading), number: String(index + 1), kind: kind, fixedWidth: column.width
      )
      if show == .rate { tableColumn.numberFormat = Self.rateFormat }
      return tableColumn
    }
    let total = progress.monthlyTotal
    let year = progress.year
    var rows: [TableRow] = [
      monthRow(
        stt: "", label: vi ? "Tổng cộng" : "Total", year: year, available: total.figures.available,
        values: total.cumulative, rate: total.figures.rate, emphasis: .total, sheet: sheet),
      monthRow(
        stt: "", label: vi ? "Tổng cộng" : "Total", year: year - 1,
        available: total.figures.previousAvailable,
        values: total.previousCumulative, rate: total.figures.previousRate, emphasis: .total, sheet: sheet),
      monthRow(
        stt: "", label: vi ? "Tiến độ kế hoạch" : "Plan's pace", year: year,
        available: total.figures.available,
        values: total.paceCumulative, rate: progress.expectedShare, emphasis: .group(level: 0), sheet: sheet),
    ]
    for (position, series) in progress.monthlyBySource.enumerated() {
      let name = series.source.map(tables.sourceName) ?? ""
      rows.append(
        monthRow(
          stt: String(position + 1), label: name, year: year, available: series.figures.available,
          values: series.cumulative, rate: series.figures.rate, emphasis: .detail(level: 0), sheet: sheet))
      rows.append(
        monthRow(
          stt: "", label: "", year: year - 1, available: series.figures.previousAvailable,
          values: series.previousCumulative, rate: series.figures.previousRate, emphasis: .detail(level: 1),
          sheet: sheet))
    }
    return TableContent(columns: columns, rows: rows)
  }

  private func monthRow(
    stt: String, label: String, year: Int, available: Money, values: [Money?], rate: Percent?,
    emphasis: RowEmphasis, sheet: TemplateSheet<ProgressMonthColumn>
  ) -> TableRow {
    TableRow(
      emphasis: emphasis,
      cells: sheet.columns.map { column in
        switch column.show {
        case .stt: return .text(stt)
        case .label: return .text(label)
        case .year: return .integer(year)
        case .available: return .money(available)
        case .rate:
          return rate.map {
            .ratioFormula(String(Double($0.hundredths) / 10_000), cached: Double($0.hundredths) / 10_000)
          }
            ?? .text("–")
        default:
          guard let month = column.show.month, let value = values[month - 1] else { return .empty }
          return .money(value)
        }
      })
  }

  /// "Tổng cộng 2023" for the chart's legend.
  static func seriesName(_ row: TableRow) -> String {
    var parts: [String] = []
    for cell in row.cells {
      if case .text(let text) = cell, !text.isEmpty { parts.append(text) }
      if case .integer(let year) = cell { parts.append(String(year)) }
    }
    return parts.joined(separator: " ")
  }

  // MARK: Expiring carry-in

  func expiring(sheet: TemplateSheet<ProgressExpiringColumn>) -> TableContent {
    let entries = progress.expiringCarryIn
    let columns = sheet.columns.enumerated().map { index, column -> TableColumn in
      let kind: ColumnKind
      switch column.show {
      case .stt, .originYear: kind = .centeredText
      case .source, .activity: kind = .text(maxWidth: 36)
      case .unit: kind = .text(maxWidth: 24)
      case .carriedIn, .unspentToDate, .projectedCancelled: kind = .money
      }
      return TableColumn(
        heading: context.fill(column.heading), number: String(index + 1), kind: kind, fixedWidth: column.width
      )
    }
    func cells(_ entry: ExpiringCarryIn?, stt: String) -> [CellContent] {
      sheet.columns.enumerated().map { index, column in
        guard let entry else {
          // The total row: SUM of the amounts, the label in the first text column.
          let sum: (Money) -> CellContent = { value in
            entries.isEmpty
              ? .money(value)
              : .formula(
                FormulaText.sum(rows: (0..<entries.count).map { layout.firstDataRow + $0 }, column: index),
                cached: value)
          }
          switch column.show {
          case .carriedIn: return sum(entries.map(\.carriedIn).sum())
          case .unspentToDate: return sum(entries.map(\.unspentToDate).sum())
          case .projectedCancelled: return sum(entries.map(\.projectedCancelled).sum())
          case .source: return .text(vi ? "TỔNG CỘNG" : "TOTAL")
          default: return .empty
          }
        }
        switch column.show {
        case .stt: return .text(stt)
        case .source: return .text(tables.sourceName(entry.line.source))
        case .activity: return .text(tables.activityName(entry.line.activity))
        case .unit: return .text(tables.unitName(entry.line.unit))
        case .originYear: return .integer(entry.originYear)
        case .carriedIn: return .money(entry.carriedIn)
        case .unspentToDate: return .money(entry.unspentToDate)
        case .projectedCancelled: return .money(entry.projectedCancelled)
        }
      }
    }
    var rows = entries.enumerated().map { index, entry in
      TableRow(emphasis: .detail(level: 0), cells: cells(entry, stt: String(index + 1)))
    }
    rows.append(TableRow(emphasis: .total, cells: cells(nil, stt: "")))
    return TableContent(columns: columns, rows: rows)
  }
}

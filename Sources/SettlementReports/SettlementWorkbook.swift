import BudgetCore
import BudgetEngine
import Foundation
import Xlsx

/// Writes the settlement workbook of one year following a template: Tổng hợp, Theo nội dung, Theo đơn
/// vị, Chi tiết chi, Kiểm tra, Chuyển nguồn and the chart, each with the header block, the title, the
/// unit line, the signature block and A4 print setup.
public struct SettlementWorkbook: SettingsWorkbook {
  public let settlement: YearSettlement
  public let plan: Plan
  public let template: SettlementTemplate
  /// Scale, language, creation date and interruption, as every workbook has them.
  public var settings: WorkbookSettings
  /// Told how many table rows were written since the last call, for a progress line.
  public var rowsWritten: ((Int) -> Void)? = nil
  /// The unit whose own workbook this is (`settle --per-unit`): named in the header block and on
  /// every sheet, instead of the district office whose workbook it is otherwise.
  public var reportingUnit: BudgetCore.Unit? = nil
  /// Info findings (UNSPENT, and any code plan.yaml turns into info) each on a row of Kiểm tra;
  /// by default those of a code with several are one row (count and total), as `check` prints
  /// them: 70,000 UNSPENT rows repeated what Chuyển nguồn shows line by line.
  public var allFindings = false
  /// From this many payments on, the workbook is written in constant-memory mode (each row flushed
  /// to disk as soon as the next one starts; strings inline). Smaller workbooks keep the default
  /// mode, so their bytes (and the golden files) do not change.
  public static let constantMemoryPaymentsMinDefault = 50_000
  var constantMemoryPaymentsMin = SettlementWorkbook.constantMemoryPaymentsMinDefault
  /// Payment rows per detail sheet: what fits under the header block, with the total row and the
  /// signature block, in Excel's 1,048,576 rows. More payments continue on "Chi tiết chi (2)", …
  /// (Tests lower it to split small workbooks.)
  var paymentRowsPerSheetLimit: Int? = nil

  /// Rows above the table, the total row, the gap and the signature block (`SheetFrame.write`) take
  /// the rest of the sheet.
  var paymentRowsPerSheet: Int {
    paymentRowsPerSheetLimit ?? Limits.sheetRowsMax - SheetLayout(document: template.document).firstDataRow
      - 9
  }

  public init(
    settlement: YearSettlement, plan: Plan, template: SettlementTemplate, settings: WorkbookSettings
  ) {
    self.settlement = settlement
    self.plan = plan
    self.template = template
    self.settings = settings
  }

  /// Writes the workbook to `path`: whole or not at all (the `Xlsx` module writes a temporary file
  /// beside it and renames it only when everything succeeded).
  public func write(to path: String) throws {
    try ReportWriteError.wrapping(path) { try write(to: path, appending: { _, _, _ in }) }
  }

  /// The same, with `appending` adding sheets after the template's before the workbook closes (the
  /// consolidation's unit and reconciliation sheets, ConsolidatedWorkbook.swift).
  func write(to path: String, appending: (Workbook, SheetFrame, ReportTables) throws -> Void) throws {
    // The one input of every sheet, as of the JSON (SettlementJSON).
    let report = SettlementReport(settlement: settlement, plan: plan, language: language)
    let context = TemplateContext(plan: plan.info, year: settlement.year, unit: reportingUnit)
    let workbook = try Workbook.report(
      path: path, plan: plan.info, title: context.fill(template.sheets.first?.title ?? ""),
      comments: "kinhphi — số liệu tính bằng đồng; nghìn/triệu đồng chỉ là định dạng hiển thị.",
      keywords: "quyết toán, CTMTQG DTTS&MN, Dự án 10, \(settlement.year)", created: created,
      constantMemory: settlement.payments.count >= constantMemoryPaymentsMin, interruption: interruption)
    let layout = SheetLayout(document: template.document)
    var frame = SheetFrame(document: template.document, layout: layout, scale: scale, context: context)
    frame.rowsWritten = rowsWritten
    frame.rowOrdered = workbook.options.constantMemory
    frame.unitLine = reportingUnit.map { language == .vi ? "Đơn vị: \($0.name)" : "Unit: \($0.name)" }
    // While an error finding stands the workbook is a draft, and every printed page says so.
    if report.findings.errorCount > 0 {
      frame.draftMark = SheetFrame.draftText(language)
    }
    var builder = ReportTables(plan: plan, layout: layout, language: language)
    builder.moneyFormat = template.document.numberFormats[scale]
    let tables = report.tables

    /// A figure sheet: the table, frozen under its headings, a non-zero check highlighted.
    func writeFigures(_ table: FigureTable, sheet: TemplateSheet<FigureColumn>, to worksheet: Worksheet)
      throws
    {
      let content = builder.figures(table, sheet: sheet)
      try frame.write(content, sheet: sheet, to: worksheet)
      try frame.freezeBelowHeadings(worksheet, columns: 2)
      if let check = sheet.index(of: .figure(.check)) {
        try frame.highlightNonZero(worksheet, column: check, rows: content.rows.count)
      }
    }

    for entry in template.sheets {
      let worksheet = try workbook.addWorksheet(named: entry.name)
      switch entry {
      case .bySource(let sheet): try writeFigures(tables.bySource(), sheet: sheet, to: worksheet)
      case .byContent(let sheet): try writeFigures(tables.byContent(), sheet: sheet, to: worksheet)
      case .byUnit(let sheet): try writeFigures(tables.byUnit(), sheet: sheet, to: worksheet)
      case .payments(let sheet):
        let parts = paymentParts(sheet)
        for (index, part) in parts.enumerated() {
          let partSheet = index == 0 ? worksheet : try workbook.addWorksheet(named: part.sheet.name)
          let payments = report.payments[part.range]
          // One sheet: its total is the year's giải ngân, taken on to the amount proposed for
          // settlement. Split sheets each total a part; the reconciliation is Tổng hợp's.
          let content = builder.payments(
            Array(payments), sheet: part.sheet,
            overspent: parts.count == 1 ? report.totals.overspent : nil)
          // The filter covers the headings and the payments, not the total row under them. Set
          // before the rows: constant-memory mode refuses ranges over rows already flushed.
          try partSheet.setAutofilter(
            CellRange(
              firstRow: layout.headingRow, firstColumn: 0,
              lastRow: layout.firstDataRow + payments.count - 1 + (payments.isEmpty ? 1 : 0),
              lastColumn: sheet.columns.count - 1))
          try frame.write(content, sheet: part.sheet, to: partSheet)
          try frame.freezeBelowHeadings(partSheet, columns: 0)
        }
      case .findings(let sheet):
        let identities = identityChecks(report)
        // A code with one info finding keeps its row: a summary would only lose the line.
        let summaries =
          allFindings
          ? []
          : FindingsTable.summaries(report.findings.filter { $0.severity == .info }).filter { $0.count > 1 }
        let summarized = Set(summaries.map(\.code))
        let listed =
          summarized.isEmpty
          ? report.findings
          : report.findings.filter { $0.severity != .info || !summarized.contains($0.code) }
        let content = builder.findings(listed, summaries: summaries, identities: identities, sheet: sheet)
        try frame.write(content, sheet: sheet, to: worksheet)
        try frame.freezeBelowHeadings(worksheet, columns: 0)
        try frame.highlightSeverities(
          worksheet, severityColumn: sheet.index(of: .severity), columnCount: sheet.columns.count,
          rows: content.rows.count, language: language)
        if let amount = sheet.index(of: .amount), !identities.isEmpty {
          let first = layout.firstDataRow + content.rows.count - identities.count
          try frame.highlightNonZero(
            worksheet, column: amount, firstRow: first, lastRow: first + identities.count - 1)
        }
      case .carryOver(let sheet):
        let content = builder.carryOver(report.carryOverSchedule(), sheet: sheet)
        try frame.write(content, sheet: sheet, to: worksheet)
        try frame.freezeBelowHeadings(worksheet, columns: 0)
      case .chart(let sheet):
        let entries = chartEntries(report)
        let content = builder.chartData(entries, sheet: sheet)
        let heightPixels = chartHeightPixels(sheet: sheet, sourceCount: entries.count)
        // The chart sheet is one page: the table, the chart under it (rows of 20 pixels), the
        // signatures.
        try frame.write(
          content, sheet: sheet, to: worksheet, reserveRowsAfterTable: heightPixels / 20 + 3, pagesTall: 1)
        // About 7 pixels per character unit: the chart spans the table and so prints on its page.
        let widthPixels = Int(frame.columnWidths(content).reduce(0, +) * 7)
        try insertChart(
          on: worksheet, sheet: sheet, layout: layout, sourceCount: entries.count, widthPixels: widthPixels,
          heightPixels: heightPixels)
      case .lineComparison, .allLines, .sourceComparison, .newFindings, .sweep:
        break  // what-if sheets: ComparisonWorkbook writes them from Templates/so-sanh.yaml
      case .phaseSummary, .phaseChain:
        break  // phase sheets: MultiYearWorkbook writes them from Templates/giai-doan.yaml
      case .progress:
        break  // progress sheets: ProgressWorkbook writes them from Templates/tien-do.yaml
      case .handoverBalances, .handoverReceipts:
        break  // handover schedules: HandoverWorkbook writes them from Templates/ban-giao.yaml
      case .reconciliation, .allocationDifferences:
        break  // the consolidation's own sheets: ConsolidatedWorkbook writes them from Templates/hop-nhat.yaml
      case .b01, .f0101, .f0102, .form20f:
        break  // the official forms: FormsWorkbook writes them from Templates/bao-cao-quyet-toan.yaml
      }
    }
    try appending(workbook, frame, builder)
    try workbook.close()
  }

  // MARK: - Detail sheets past Excel's row limit

  /// The detail sheet, or — when the payments do not fit in one sheet — its parts, "Chi tiết chi",
  /// "Chi tiết chi (2)", …, each with its own total row and a subtitle saying which part it is.
  func paymentParts(_ sheet: TemplateSheet<PaymentColumn>)
    -> [(sheet: TemplateSheet<PaymentColumn>, range: Range<Int>)]
  {
    let count = settlement.recognisedSpendingCount
    guard count > paymentRowsPerSheet else { return [(sheet, 0..<count)] }
    let partCount = (count + paymentRowsPerSheet - 1) / paymentRowsPerSheet
    let vi = language == .vi
    return (0..<partCount).map { index in
      let range = (index * paymentRowsPerSheet)..<min(count, (index + 1) * paymentRowsPerSheet)
      let name = index == 0 ? sheet.name : "\(sheet.name) (\(index + 1))"
      let note =
        vi
        ? "Phần \(index + 1)/\(partCount): các khoản chi \(range.lowerBound + 1)–\(range.upperBound) của \(count) (quá \(Limits.sheetRowsMax) dòng của một trang tính Excel; tổng cộng = tổng các phần)"
        : "Part \(index + 1)/\(partCount): payments \(range.lowerBound + 1)–\(range.upperBound) of \(count) (more than Excel's \(Limits.sheetRowsMax) rows per sheet; the total is the sum of the parts)"
      let subtitle = sheet.subtitle.map { $0 + " — " + note } ?? note
      return (sheet.with(name: name, subtitle: subtitle), range)
    }
  }

  // MARK: - Chart

  /// One entry per source with lines, in plan order, named as the plan names it.
  private func chartEntries(_ report: SettlementReport) -> [(label: String, figures: Figures)] {
    let bySource = report.lines.totals(by: \.source)
    return plan.sources.compactMap { source in bySource[source.code].map { (label: source.name, figures: $0) }
    }
  }

  /// Room for each source's bars and its name on two lines, and for the legend.
  private func chartHeightPixels(sheet: TemplateSheet<ChartColumn>, sourceCount: Int) -> Int {
    let shares = sheet.columns.filter { $0.show.share != nil }.count
    let bars = shares > 0 ? shares : sheet.columns.filter { $0.show.figure != nil }.count
    return max(260, 90 + sourceCount * (26 + 14 * bars))
  }

  /// Horizontal bars, one group per source named on the axis. With `*_share` columns the bars are
  /// those shares (0–100 %, each labelled), so a source of 3 million reads as clearly as one of
  /// 1.7 billion; without them, the amounts.
  private func insertChart(
    on worksheet: Worksheet, sheet: TemplateSheet<ChartColumn>, layout: SheetLayout, sourceCount: Int,
    widthPixels: Int, heightPixels: Int
  ) throws {
    guard sourceCount > 0, let labelColumn = sheet.index(of: .label)
    else { return }
    let firstRow = layout.firstDataRow
    let lastRow = firstRow + sourceCount - 1
    let categories = SheetRange.column(labelColumn, rows: firstRow...lastRow, on: sheet.name)
    let shares = sheet.columns.contains { $0.show.share != nil }
    let series = sheet.columns.enumerated().compactMap { index, column -> ChartSeries? in
      guard column.show != .label, (column.show.share != nil) == shares else { return nil }
      return ChartSeries(
        name: column.heading, categories: categories,
        values: .column(index, rows: firstRow...lastRow, on: sheet.name))
    }
    guard !series.isEmpty else { return }
    let vi = language == .vi
    let chart = Chart(
      // No chart title: the sheet's title above says what the chart shows.
      kind: .bar, title: nil, categoryAxisTitle: nil,
      valueAxisTitle: shares
        ? (vi ? "Tỷ lệ so với tổng số được sử dụng" : "Share of the money available")
        : template.document.unitLabels[scale],
      valueAxisNumberFormat: shares ? "0%" : template.document.numberFormats[scale], legend: .bottom,
      series: series, fontName: template.document.font,
      fontSizePoints: Double(template.document.fontSize - 2),
      dataLabelNumberFormat: shares ? "0.0%" : nil, valueAxisMin: shares ? 0 : nil,
      valueAxisMax: shares ? 1 : nil, categoriesTopDown: true)
    try worksheet.insertChart(
      chart, row: lastRow + 3, column: 0, widthPixels: max(widthPixels, 400), heightPixels: heightPixels)
  }

  // MARK: - Identity checks

  /// Cross-sheet identities the reviewer checks first, as formulas that must show 0 — only those
  /// whose cells the template puts on some sheet.
  func identityChecks(_ report: SettlementReport) -> [IdentityCheck] {
    let layout = SheetLayout(document: template.document)
    let vi = language == .vi
    var checks: [IdentityCheck] = []

    /// The total-row cell of `figure` on the figure sheet of `kind` (the total comes first), when
    /// the template has both.
    func total(_ kind: SheetKind, _ figure: FigureKind) -> String? {
      guard let sheet = template.sheets.first(where: { $0.kind == kind })?.figureSheet,
        let column = sheet.index(of: .figure(figure))
      else { return nil }
      return FormulaText.onSheet(sheet.name, row: layout.firstDataRow, column: column)
    }
    /// The payments' total: split detail sheets give the sum of every part's total row.
    func paymentsTotal() -> String? {
      guard let sheet = template.paymentsSheet, let column = sheet.index(of: .amount) else { return nil }
      let parts = paymentParts(sheet)
      guard parts.count > 1 else {
        return FormulaText.onSheet(
          sheet.name, row: layout.firstDataRow + report.payments.count, column: column)
      }
      return "("
        + parts.map {
          FormulaText.onSheet($0.sheet.name, row: layout.firstDataRow + $0.range.count, column: column)
        }.joined(separator: "+") + ")"
    }
    func carryOverTotal(_ show: CarryOverColumn = .carryOver) -> String? {
      guard let sheet = template.carryOverSheet, let column = sheet.index(of: show) else { return nil }
      let row =
        layout.firstDataRow + report.carryOverSchedule().count
      return FormulaText.onSheet(sheet.name, row: row, column: column)
    }

    if let available = total(.bySource, .available), let carriedIn = total(.bySource, .carriedIn),
      let allocated = total(.bySource, .allocated)
    {
      checks.append(
        IdentityCheck(
          description: vi
            ? "Tổng số được sử dụng − (dự toán năm trước chuyển sang + dự toán giao trong năm)"
            : "Available − (carried in + allocated)",
          formula: "\(available)-(\(carriedIn)+\(allocated))"))
    }
    if let available = total(.bySource, .available), let settled = total(.bySource, .settled),
      let carryOver = total(.bySource, .carryOver), let cancelled = total(.bySource, .cancelled)
    {
      checks.append(
        IdentityCheck(
          description: vi
            ? "Tổng số được sử dụng − (kinh phí đề nghị quyết toán + chuyển nguồn + dự toán bị hủy)"
            : "Available − (settled + carried over + cancelled)",
          formula: "\(available)-(\(settled)+\(carryOver)+\(cancelled))"))
    }
    if let detail = paymentsTotal(), let spent = total(.bySource, .spent) {
      checks.append(
        IdentityCheck(
          description: vi
            ? "Tổng các khoản chi (Chi tiết chi) − giải ngân (Tổng hợp)"
            : "Payments (detail) − spent (summary)",
          formula: "\(detail)-\(spent)"))
    }
    // The detail sheet's last row: its total less the overspending (one sheet only; see write).
    if let sheet = template.paymentsSheet, paymentParts(sheet).count == 1,
      let column = sheet.index(of: .amount),
      let settled = total(.bySource, .settled)
    {
      let detail = FormulaText.onSheet(
        sheet.name, row: layout.firstDataRow + report.payments.count + 2, column: column)
      checks.append(
        IdentityCheck(
          description: vi
            ? "Kinh phí đề nghị quyết toán: Chi tiết chi − Tổng hợp"
            : "Proposed for settlement: detail − summary",
          formula: "\(detail)-\(settled)"))
    }
    for (kind, name) in [
      (SheetKind.byContent, vi ? "Theo nội dung" : "by content"), (.byUnit, vi ? "Theo đơn vị" : "by unit"),
    ] {
      if let other = total(kind, .available), let summary = total(.bySource, .available) {
        checks.append(
          IdentityCheck(
            description: vi
              ? "Tổng số được sử dụng: \(name) − Tổng hợp" : "Available: \(name) − summary",
            formula: "\(other)-\(summary)"))
      }
    }
    if let schedule = carryOverTotal(), let summary = total(.bySource, .carryOver) {
      checks.append(
        IdentityCheck(
          description: vi ? "Chuyển nguồn: bảng chuyển nguồn − Tổng hợp" : "Carry-over: schedule − summary",
          formula: "\(schedule)-\(summary)"))
    }
    if let schedule = carryOverTotal(), let undrawn = carryOverTotal(.carryOverUndrawn),
      let advance = carryOverTotal(.carryOverAdvance)
    {
      checks.append(
        IdentityCheck(
          description: vi
            ? "Chuyển nguồn − (số dư dự toán + số dư tạm ứng)"
            : "Carry-over − (undrawn balance + advance balance)",
          formula: "\(schedule)-(\(undrawn)+\(advance))"))
    }
    return checks
  }
}

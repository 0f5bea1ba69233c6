import BudgetCore
import BudgetEngine
import Foundation
import Xlsx

/// One workbook for a phase (`settle --years A-B`): the phase summary per source and the chain
/// between years as `phaseTemplate` (Templates/giai-doan.yaml) lays them out, then one summary sheet
/// per year laid out by the settlement template's `by_source` sheet. Every sheet carries the phase
/// template's document (header, signature, date line).
public struct MultiYearWorkbook: SettingsWorkbook {
  public let summary: MultiYearSummary
  public let plan: Plan
  /// The settlement template: its `by_source` sheet lays out each year's sheet.
  public let template: SettlementTemplate
  /// The phase template (`SheetKind.phaseKinds`).
  public let phaseTemplate: SettlementTemplate
  /// Scale, language, creation date and interruption, as every workbook has them.
  public var settings: WorkbookSettings

  /// The phase template shipped in `Templates/`.
  public static let templateFileName = "giai-doan.yaml"

  public init(
    summary: MultiYearSummary, plan: Plan, template: SettlementTemplate, phaseTemplate: SettlementTemplate,
    settings: WorkbookSettings
  ) {
    self.summary = summary
    self.plan = plan
    self.template = template
    self.phaseTemplate = phaseTemplate
    self.settings = settings
  }

  public static func yearSheet(_ year: Int) -> String { "Năm \(year)" }

  var span: String { "\(summary.years.first ?? 0)-\(summary.years.last ?? 0)" }

  /// The last payment settled in the phase: where the phase's figures end (30/06/2025 for a district
  /// abolished on 01/07/2025, not 31/12).
  var lastPaymentDate: CivilDate? {
    summary.settlements.flatMap { $0.payments.map(\.date) }.max()
  }

  /// The year the phase report is signed in: the year it is made (`created`, in Vietnam's time), but
  /// never before the last payment it reports. A phase settled on the spot when the district ended
  /// mid-2025 says 2025; one settled the next spring says 2026.
  var reportYear: Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600) ?? .current
    let madeIn = calendar.component(.year, from: created)
    return max(madeIn, lastPaymentDate?.year ?? (summary.years.last ?? plan.info.lastYear))
  }

  /// The phase's own placeholders, filled on every sheet.
  var phaseValues: [String: String] {
    [
      "first_year": String(summary.years.first ?? 0), "span": span, "report_year": String(reportYear),
    ]
  }

  /// Writes the workbook to `path`, whole or not at all; an xlsx failure is a `ReportWriteError`.
  public func write(to path: String) throws {
    try ReportWriteError.wrapping(path) { try writeWorkbook(to: path) }
  }

  private func writeWorkbook(to path: String) throws {
    let vi = language == .vi
    let workbook = try Workbook.report(
      path: path, plan: plan.info,
      title: vi ? "Quyết toán kinh phí giai đoạn \(span)" : "Settlement of \(span)",
      comments: "kinhphi — số liệu tính bằng đồng; nghìn/triệu đồng chỉ là định dạng hiển thị.",
      keywords: "quyết toán, giai đoạn \(span)", created: created, interruption: interruption)
    let document = phaseTemplate.document
    let layout = SheetLayout(document: document)
    let lastYear = summary.years.last ?? plan.info.lastYear
    var phaseFrame = SheetFrame(
      document: document, layout: layout, scale: scale,
      context: TemplateContext(plan: plan.info, year: lastYear).adding(phaseValues))
    phaseFrame.draftMark = settings.draftMark

    if let phaseSheet = phaseTemplate.phaseSummarySheet?.localized(language) {
      let phase = try workbook.addWorksheet(named: phaseSheet.name)
      let phaseContent = phaseTable(layout: layout, sheet: phaseSheet, context: phaseFrame.context)
      let dataEnd =
        lastPaymentDate.map {
          vi ? "; khoản chi cuối cùng ngày \($0.vietnamese)" : "; last payment on \($0.vietnamese)"
        } ?? ""
      try phaseFrame.write(
        phaseContent, sheet: phaseSheet.with(subtitle: (phaseSheet.subtitle ?? "") + dataEnd), to: phase)
      try phaseFrame.freezeBelowHeadings(phase, columns: 2)
      if let check = phaseSheet.index(of: .check) {
        try phaseFrame.highlightNonZero(phase, column: check, rows: phaseContent.rows.count)
      }
    }
    if let chainSheet = phaseTemplate.phaseChainSheet?.localized(language) {
      let worksheet = try workbook.addWorksheet(named: chainSheet.name)
      let chainContent = chainTable(sheet: chainSheet, context: phaseFrame.context)
      try phaseFrame.write(chainContent, sheet: chainSheet, to: worksheet)
      if let difference = chainSheet.index(of: .difference) {
        try phaseFrame.highlightNonZero(worksheet, column: difference, rows: chainContent.rows.count)
      }
    }
    guard let sourceSheet = template.bySourceSheet else {
      try workbook.close()
      return
    }
    for settlement in summary.settlements {
      let name = Self.yearSheet(settlement.year)
      let sheet = sourceSheet.with(name: name)
      // One report, signed once: every year's sheet carries the phase report's date line.
      var frame = SheetFrame(
        document: document, layout: layout, scale: scale,
        context: TemplateContext(plan: plan.info, year: settlement.year).adding(phaseValues))
      frame.draftMark = settings.draftMark
      let builder = ReportTables(plan: plan, layout: layout, language: language)
      let content = builder.figures(
        SettlementTables(settlement: settlement, plan: plan, language: language).bySource(), sheet: sheet)
      let worksheet = try workbook.addWorksheet(named: name)
      try frame.write(content, sheet: sheet, to: worksheet)
      try frame.freezeBelowHeadings(worksheet, columns: 2)
    }
    try workbook.close()
  }

  /// Columns: STT, source, opening, allocated, spent, settled, cancelled, closing, chain difference,
  /// check (a formula that must show 0); one row per source, grouped by source kind; total first.
  func phaseTable(layout: SheetLayout, sheet: TemplateSheet<PhaseColumn>, context: TemplateContext)
    -> TableContent
  {
    // The columns stand in the enum's order (`PhaseColumn.fixedOrder`): the formulas below count on it.
    // The settlement workbook's convention: letters for the text columns, figures numbered from 1;
    // checks print their 0, as on its Tổng hợp.
    let columns = TableColumn.fixed(
      sheet, heading: context.fill, zeroShown: [.chainDifference, .check],
      checkFormat: ReportTables.zeroShown(phaseTemplate.document.numberFormats[scale])
    ) { show -> (ColumnKind, String) in
      switch show {
      case .stt: (.centeredText, "A")
      case .source: (.text(maxWidth: 55), "B")
      case .opening: (.money, "1")
      case .allocated: (.money, "2")
      case .spent: (.money, "3")
      case .settled: (.money, "4")
      case .cancelled: (.money, "5")
      case .closing: (.money, "6")
      case .chainDifference: (.money, "7")
      case .check: (.money, "8=1+2+7-4-5-6")
      }
    }
    func values(_ figures: PhaseFigures) -> [Money] {
      [
        figures.opening, figures.allocated, figures.spent, figures.settled, figures.cancelled,
        figures.closing, figures.chainDifference,
      ]
    }
    func checkFormula(_ row: Int) -> String {
      func cell(_ column: Int) -> String { FormulaText.cell(row: row, column: column) }
      return "\(cell(2))+\(cell(3))+\(cell(8))-\(cell(5))-\(cell(6))-\(cell(7))"
    }
    var rows: [TableRow] = []
    // Rows: total, then per kind a group followed by its sources.
    var groupRows: [Int] = []
    var body: [TableRow] = []
    var kindIndex = 0
    for kind in SourceKind.allCases {
      let sources = summary.bySource.filter { $0.source.kind == kind }
      guard !sources.isEmpty else { continue }
      let groupRow = layout.firstDataRow + 1 + body.count
      groupRows.append(groupRow)
      let detailRows = (0..<sources.count).map { groupRow + 1 + $0 }
      let groupFigures = sources.map(\.figures).sum()
      body.append(
        TableRow(
          emphasis: .group(level: 0),
          cells: [.text(Numbering.roman(kindIndex + 1)), .text(kind.title.text(language))]
            + values(groupFigures).enumerated().map { offset, amount in
              .formula(FormulaText.sum(rows: detailRows, column: offset + 2), cached: amount)
            } + [.formula(checkFormula(groupRow), cached: .zero)]))
      for (position, entry) in sources.enumerated() {
        body.append(
          TableRow(
            emphasis: .detail(level: 1),
            cells: [.text(String(position + 1)), .text("\(entry.source.name) (\(entry.source.code))")]
              + values(entry.figures).map(CellContent.money)
              + [.formula(checkFormula(groupRow + 1 + position), cached: .zero)]))
      }
      kindIndex += 1
    }
    let totalRow = layout.firstDataRow
    rows.append(
      TableRow(
        emphasis: .total,
        cells: [.empty, .text(language == .vi ? "TỔNG CỘNG" : "TOTAL")]
          + values(summary.total).enumerated().map { offset, amount in
            .formula(FormulaText.sum(rows: groupRows, column: offset + 2), cached: amount)
          } + [.formula(checkFormula(totalRow), cached: .zero)]))
    rows += body
    return TableContent(columns: columns, rows: rows)
  }

  /// One group per pair of years (what year Y carried over, what Y+1 carried in, the difference),
  /// each subtotalled; no grand total, since carry-overs of different years are different money.
  /// Sources that carried nothing either way are left out.
  func chainTable(sheet: TemplateSheet<PhaseChainColumn>, context: TemplateContext) -> TableContent {
    let vi = language == .vi
    let layout = SheetLayout(document: phaseTemplate.document)
    // The columns stand in the enum's order (`PhaseChainColumn.fixedOrder`): the rows count on it.
    let columns = TableColumn.fixed(
      sheet, heading: context.fill, zeroShown: [.difference],
      checkFormat: ReportTables.zeroShown(phaseTemplate.document.numberFormats[scale])
    ) { show -> (ColumnKind, String) in
      switch show {
      case .stt: (.centeredText, "A")
      case .source: (.text(maxWidth: 55), "B")
      case .carriedOver: (.money, "1")
      case .carriedIn: (.money, "2")
      case .difference: (.money, "3=2-1")
      case .note: (.text(maxWidth: 20), "C")
      }
    }
    var rows: [TableRow] = []
    let byYear = Dictionary(grouping: summary.links, by: \.fromYear)
    for (index, fromYear) in byYear.keys.sorted().enumerated() {
      let links = (byYear[fromYear] ?? []).filter { !$0.carryOver.isZero || !$0.carriedIn.isZero }
      let groupRow = layout.firstDataRow + rows.count
      let detailRows = (0..<links.count).map { groupRow + 1 + $0 }
      func subtotal(_ column: Int, _ value: (ChainLink) -> Money) -> CellContent {
        .formula(FormulaText.sum(rows: detailRows, column: column), cached: links.map(value).sum())
      }
      rows.append(
        TableRow(
          emphasis: .group(level: 0),
          cells: [
            .text(Numbering.roman(index + 1)),
            .text(
              vi ? "Năm \(fromYear) chuyển sang năm \(fromYear + 1)" : "\(fromYear) into \(fromYear + 1)"),
            subtotal(2, \.carryOver), subtotal(3, \.carriedIn), subtotal(4, \.difference), .empty,
          ]))
      for (position, link) in links.enumerated() {
        let row = groupRow + 1 + position
        let name =
          plan.sourceByCode[link.source].map { "\($0.name) (\(link.source))" } ?? link.source.rawValue
        rows.append(
          TableRow(
            emphasis: .detail(level: 1),
            cells: [
              .text(String(position + 1)), .text(name), .money(link.carryOver), .money(link.carriedIn),
              .formula(
                "\(FormulaText.cell(row: row, column: 3))-\(FormulaText.cell(row: row, column: 2))",
                cached: link.difference),
              .empty,
            ]))
      }
    }
    return TableContent(columns: columns, rows: rows)
  }
}

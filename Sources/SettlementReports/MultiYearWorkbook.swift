import BudgetCore
import BudgetEngine
import Foundation
import Xlsx

/// One workbook for a phase (`settle --years A-B`): the phase summary per source, the chain between
/// years, then one summary sheet per year laid out by the template's `by_source` sheet.
public struct MultiYearWorkbook {
  public let summary: MultiYearSummary
  public let plan: Plan
  public let template: SettlementTemplate
  public let scale: DisplayScale
  public let language: Language
  public let created: Date

  public init(
    summary: MultiYearSummary, plan: Plan, template: SettlementTemplate, scale: DisplayScale = .dong,
    language: Language = .vi, created: Date
  ) {
    self.summary = summary
    self.plan = plan
    self.template = template
    self.scale = scale
    self.language = language
    self.created = created
  }

  public static let phaseSheet = "Toàn giai đoạn"
  public static let chainSheet = "Đối chiếu chuyển nguồn"
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

  public func write(to path: String) throws {
    try ReportWriteError.wrapping(path) { try writeWorkbook(to: path) }
  }

  private func writeWorkbook(to path: String) throws {
    let vi = language == .vi
    let properties = DocumentProperties(
      title: vi ? "Quyết toán kinh phí giai đoạn \(span)" : "Settlement of \(span)", subject: plan.info.name,
      author: plan.info.office, company: plan.info.issuer,
      comments: "kinhphi — số liệu tính bằng đồng; nghìn/triệu đồng chỉ là định dạng hiển thị.",
      keywords: "quyết toán, giai đoạn \(span)", created: created)
    let workbook = try Workbook(path: path, options: WorkbookOptions(properties: properties))
    let layout = SheetLayout(document: template.document)
    let lastYear = summary.years.last ?? plan.info.lastYear

    // The template's date line names the year after a single year ({next_year}); a phase report is
    // signed in the year it is made.
    let base = template.document
    let phaseDocument = DocumentStyle(
      font: base.font, fontSize: base.fontSize, titleSize: base.titleSize, landscape: base.landscape,
      headerLeft: base.headerLeft, headerRight: base.headerRight, unitLabels: base.unitLabels,
      numberFormats: base.numberFormats,
      placeDate: base.placeDate.replacingOccurrences(of: "{next_year}", with: String(reportYear))
        .replacingOccurrences(of: "{year}", with: String(reportYear)),
      signers: base.signers, footer: base.footer)
    let phaseFrame = SheetFrame(
      document: phaseDocument, layout: layout, scale: scale,
      context: TemplateContext(plan: plan.info, year: lastYear))
    let phase = try workbook.addWorksheet(named: Self.phaseSheet)
    let phaseContent = phaseTable(layout: layout)
    let dataEnd =
      lastPaymentDate.map {
        vi ? "; khoản chi cuối cùng ngày \($0.vietnamese)" : "; last payment on \($0.vietnamese)"
      } ?? ""
    try phaseFrame.write(
      phaseContent,
      sheet: TemplateSheet<FigureColumn>(
        name: Self.phaseSheet,
        title: vi
          ? "QUYẾT TOÁN KINH PHÍ DỰ ÁN 10 GIAI ĐOẠN \(span) THEO NGUỒN"
          : "PROJECT 10 SETTLEMENT \(span) BY SOURCE",
        subtitle: (vi
          ? "Từ dự toán đến giải ngân, chuyển nguồn và hủy dự toán cả giai đoạn — \(plan.info.name)"
          : "From allocation to spending, carry-over and cancellation over the phase — \(plan.info.name)")
          + dataEnd,
        columns: []), to: phase)
    try phaseFrame.freezeBelowHeadings(phase, columns: 2)
    try phaseFrame.highlightNonZero(phase, column: 9, rows: phaseContent.rows.count)

    let chainSheet = try workbook.addWorksheet(named: Self.chainSheet)
    let chainContent = chainTable()
    try phaseFrame.write(
      chainContent,
      sheet: TemplateSheet<FigureColumn>(
        name: Self.chainSheet,
        title: vi ? "ĐỐI CHIẾU CHUYỂN NGUỒN GIỮA CÁC NĂM \(span)" : "CARRY-OVER BETWEEN THE YEARS \(span)",
        subtitle: vi
          ? "Số năm sau nhận chuyển sang phải bằng số năm trước chuyển đi, theo từng nguồn (từng dòng: trang Kiểm tra của từng năm)"
          : "What a year carries in must equal what the year before carried over, by source (line by line: each year's Kiểm tra sheet)",
        columns: []), to: chainSheet)
    try phaseFrame.highlightNonZero(chainSheet, column: 4, rows: chainContent.rows.count)
    guard let sourceSheet = template.bySourceSheet else {
      try workbook.close()
      return
    }
    for settlement in summary.settlements {
      let name = Self.yearSheet(settlement.year)
      let sheet = sourceSheet.with(name: name)
      // One report, signed once: every year's sheet carries the phase report's date line.
      let frame = SheetFrame(
        document: phaseDocument, layout: layout, scale: scale,
        context: TemplateContext(plan: plan.info, year: settlement.year))
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
  func phaseTable(layout: SheetLayout) -> TableContent {
    let vi = language == .vi
    let first = summary.years.first ?? 0
    let last = summary.years.last ?? 0
    let headings: [(String, ColumnKind)] = [
      ("STT", .centeredText), (vi ? "Nguồn kinh phí" : "Source", .text(maxWidth: 55)),
      (vi ? "Dự toán trước \(first) chuyển sang" : "Carried in from before \(first)", .money),
      (vi ? "Dự toán giao cả giai đoạn" : "Allocated over the phase", .money),
      (vi ? "Giải ngân (thực chi)" : "Spent", .money), (vi ? "Số đề nghị quyết toán" : "Settled", .money),
      (vi ? "Hủy dự toán" : "Cancelled", .money),
      (vi ? "Chuyển nguồn sang \(last + 1)" : "Carried over to \(last + 1)", .money),
      (vi ? "Chênh lệch chuyển nguồn giữa các năm" : "Carry-over difference between years", .money),
      (vi ? "Kiểm tra (phải bằng 0)" : "Check (must be 0)", .money),
    ]
    let columns = headings.enumerated().map { index, entry in
      var column = TableColumn(
        heading: entry.0,
        // The settlement workbook's convention: letters for the text columns, figures numbered from 1.
        number: index == 9 ? "8=1+2+7-4-5-6" : index < 2 ? FormulaText.columnName(index) : String(index - 1),
        kind: entry.1, fixedWidth: nil)
      // Checks print their 0, as on the settlement workbook's Tổng hợp.
      if index >= 8 { column.numberFormat = ReportTables.zeroShown(template.document.numberFormats[scale]) }
      return column
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
      let groupFigures = sources.reduce(PhaseFigures()) { $0 + $1.figures }
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
        cells: [.empty, .text(vi ? "TỔNG CỘNG" : "TOTAL")]
          + values(summary.total).enumerated().map { offset, amount in
            .formula(FormulaText.sum(rows: groupRows, column: offset + 2), cached: amount)
          } + [.formula(checkFormula(totalRow), cached: .zero)]))
    rows += body
    return TableContent(columns: columns, rows: rows)
  }

  /// One group per pair of years (what year Y carried over, what Y+1 carried in, the difference),
  /// each subtotalled; no grand total, since carry-overs of different years are different money.
  /// Sources that carried nothing either way are left out.
  func chainTable() -> TableContent {
    let vi = language == .vi
    let headings: [(String, ColumnKind, String)] = [
      ("STT", .centeredText, "A"), (vi ? "Nguồn kinh phí" : "Source", .text(maxWidth: 55), "B"),
      (vi ? "Năm trước chuyển nguồn sang" : "Carried over by year Y", .money, "1"),
      (vi ? "Năm sau nhận chuyển sang" : "Carried in by year Y+1", .money, "2"),
      (vi ? "Chênh lệch (phải bằng 0)" : "Difference (must be 0)", .money, "3=2-1"),
      (vi ? "Ghi chú" : "Notes", .text(maxWidth: 20), "C"),
    ]
    let layout = SheetLayout(document: template.document)
    // Fixed widths: computed from their content the columns leave the header block (issuer, motto)
    // wider than the table and clipped at the print area. The notes column (written on by hand)
    // also gives the three signers a span of two columns each.
    let widths = [6, 50, 18, 18, 18, 20]
    let columns = zip(headings, widths).enumerated().map { index, entry in
      var column = TableColumn(heading: entry.0.0, number: entry.0.2, kind: entry.0.1, fixedWidth: entry.1)
      if index == 4 { column.numberFormat = ReportTables.zeroShown(template.document.numberFormats[scale]) }
      return column
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

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
  public static let chainSheet = "Chuỗi chuyển nguồn"
  public static func yearSheet(_ year: Int) -> String { "Năm \(year)" }

  var span: String { "\(summary.years.first ?? 0)-\(summary.years.last ?? 0)" }

  public func write(to path: String) throws {
    let vi = language == .vi
    let properties = DocumentProperties(
      title: vi ? "Quyết toán kinh phí giai đoạn \(span)" : "Settlement of \(span)", subject: plan.info.name,
      author: plan.info.office, company: plan.info.issuer,
      comments: "kinhphi — số liệu tính bằng đồng; nghìn/triệu đồng chỉ là định dạng hiển thị.",
      keywords: "quyết toán, giai đoạn \(span)", created: created)
    let workbook = try Workbook(path: path, options: WorkbookOptions(properties: properties))
    let layout = SheetLayout(document: template.document)
    let lastYear = summary.years.last ?? plan.info.lastYear

    let phaseFrame = SheetFrame(
      document: template.document, layout: layout, scale: scale,
      context: TemplateContext(plan: plan.info, year: lastYear))
    let phase = try workbook.addWorksheet(named: Self.phaseSheet)
    let phaseContent = phaseTable(layout: layout)
    try phaseFrame.write(
      phaseContent,
      sheet: TemplateSheet(
        kind: .bySource, name: Self.phaseSheet,
        title: vi
          ? "QUYẾT TOÁN KINH PHÍ DỰ ÁN 10 GIAI ĐOẠN \(span) THEO NGUỒN"
          : "PROJECT 10 SETTLEMENT \(span) BY SOURCE",
        subtitle: vi
          ? "Từ dự toán đến giải ngân, chuyển nguồn và hủy dự toán cả giai đoạn — \(plan.info.name)"
          : "From allocation to spending, carry-over and cancellation over the phase",
        columns: []), to: phase)
    try phaseFrame.freezeBelowHeadings(phase, columns: 2)
    try phaseFrame.highlightNonZero(phase, column: 9, rows: phaseContent.rows.count)

    let chain = try workbook.addWorksheet(named: Self.chainSheet)
    let chainContent = chainTable()
    try phaseFrame.write(
      chainContent,
      sheet: TemplateSheet(
        kind: .carryOver, name: Self.chainSheet,
        title: vi ? "ĐỐI CHIẾU CHUYỂN NGUỒN GIỮA CÁC NĂM \(span)" : "CARRY-OVER CHAIN \(span)",
        subtitle: vi
          ? "Dự toán năm sau chuyển sang phải bằng số chuyển nguồn năm trước (chi tiết từng dòng: trang Kiểm tra / kinhphi check)"
          : "Next year's carry-in must equal this year's carry-over (line by line: kinhphi check)",
        columns: []), to: chain)
    try phaseFrame.highlightNonZero(chain, column: 5, rows: chainContent.rows.count)

    guard let sourceSheet = template.sheets.first(where: { $0.kind == .bySource }) else {
      try workbook.close()
      return
    }
    for settlement in summary.settlements {
      let name = Self.yearSheet(settlement.year)
      let sheet = TemplateSheet(
        kind: .bySource, name: name, title: sourceSheet.title, subtitle: sourceSheet.subtitle,
        columns: sourceSheet.columns)
      let frame = SheetFrame(
        document: template.document, layout: layout, scale: scale,
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
      (vi ? "Chênh lệch chuỗi chuyển nguồn" : "Chain difference", .money),
      (vi ? "Kiểm tra (phải bằng 0)" : "Check (must be 0)", .money),
    ]
    let columns = headings.enumerated().map { index, entry in
      TableColumn(
        heading: entry.0,
        number: index == 9 ? "10=3+4+9-6-7-8" : index < 2 ? FormulaText.columnName(index) : String(index + 1),
        kind: entry.1, fixedWidth: nil)
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

  /// Columns: STT, transition, source, carry-over of Y, carry-in of Y+1, difference (formula).
  func chainTable() -> TableContent {
    let vi = language == .vi
    let headings: [(String, ColumnKind)] = [
      ("STT", .centeredText), (vi ? "Từ năm → sang năm" : "From → to", .centeredText),
      (vi ? "Nguồn" : "Source", .text(maxWidth: 50)),
      (vi ? "Chuyển nguồn sang năm sau (năm trước)" : "Carried over (year Y)", .money),
      (vi ? "Dự toán năm trước chuyển sang (năm sau)" : "Carried in (year Y+1)", .money),
      (vi ? "Chênh lệch (phải bằng 0)" : "Difference (must be 0)", .money),
    ]
    let layout = SheetLayout(document: template.document)
    let columns = headings.enumerated().map { index, entry in
      TableColumn(
        heading: entry.0, number: index == 5 ? "6=5-4" : String(index + 1), kind: entry.1, fixedWidth: nil)
    }
    var rows = summary.links.enumerated().map { index, link in
      let row = layout.firstDataRow + index
      let name = plan.sourceByCode[link.source].map { "\($0.name) (\(link.source))" } ?? link.source.rawValue
      return TableRow(
        emphasis: .detail(level: 0),
        cells: [
          .text(String(index + 1)), .text("\(link.fromYear) → \(link.fromYear + 1)"), .text(name),
          .money(link.carryOver), .money(link.carriedIn),
          .formula(
            "\(FormulaText.cell(row: row, column: 4))-\(FormulaText.cell(row: row, column: 3))",
            cached: link.difference),
        ])
    }
    let detail = (0..<summary.links.count).map { layout.firstDataRow + $0 }
    rows.append(
      TableRow(
        emphasis: .total,
        cells: [.empty, .empty, .text(vi ? "TỔNG CỘNG" : "TOTAL")]
          + [3, 4, 5].map { column in
            .formula(
              FormulaText.sum(rows: detail, column: column),
              cached: summary.links.map {
                column == 3 ? $0.carryOver : column == 4 ? $0.carriedIn : $0.difference
              }.sum())
          }))
    return TableContent(columns: columns, rows: rows)
  }
}

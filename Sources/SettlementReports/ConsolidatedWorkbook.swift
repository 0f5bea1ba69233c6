import BudgetCore
import BudgetEngine
import Foundation
import Xlsx

/// The consolidated settlement workbook: the template's sheets over the consolidated figures, then
/// one sheet per unit that sent a submission (its payments, each with its origin file and row), a
/// reconciliation sheet (district allocation vs unit receipt vs unit spending, per unit and source)
/// and the allocation differences with both figures.
public struct ConsolidatedWorkbook {
  public let consolidation: Consolidation
  public let template: SettlementTemplate
  public let scale: DisplayScale
  public let language: Language
  public let created: Date

  public init(
    consolidation: Consolidation, template: SettlementTemplate, scale: DisplayScale = .dong,
    language: Language = .vi, created: Date
  ) {
    self.consolidation = consolidation
    self.template = template
    self.scale = scale
    self.language = language
    self.created = created
  }

  /// Sheet names after the template's: "Đối chiếu", "Chênh lệch dự toán", then one per unit.
  public var extraSheetNames: [String] {
    [reconciliationSheetName, differencesSheetName] + unitSheets().map(\.name)
  }

  var vi: Bool { language == .vi }
  var reconciliationSheetName: String { vi ? "Đối chiếu" : "Reconciliation" }
  var differencesSheetName: String { vi ? "Chênh lệch dự toán" : "Allocation differences" }

  public func write(to path: String) throws {
    let plan = consolidation.ledger.plan
    let base = SettlementWorkbook(
      settlement: consolidation.settlement, plan: plan, template: template, scale: scale, language: language,
      created: created)
    try base.write(to: path) { workbook, frame, builder in
      let reconciliation = reconciliationTable(layout: builder.layout)
      let reconciliationSheet = sheet(
        reconciliationSheetName,
        title: vi
          ? "ĐỐI CHIẾU DỰ TOÁN GIAO, SỐ ĐƠN VỊ NHẬN VÀ GIẢI NGÂN CỦA CÁC ĐƠN VỊ NĂM {year}"
          : "RECONCILIATION OF ALLOCATIONS, UNIT RECEIPTS AND UNIT SPENDING, {year}",
        subtitle: vi
          ? "Chênh lệch = đơn vị nhận − huyện giao (phải bằng 0); còn lại = huyện giao − đơn vị chi"
          : "Difference = unit receipt − district allocation (must be 0); remaining = allocation − spending")
      var worksheet = try workbook.addWorksheet(named: reconciliationSheet.name)
      try frame.write(reconciliation, sheet: reconciliationSheet, to: worksheet)
      try frame.freezeBelowHeadings(worksheet, columns: 4)
      try frame.highlightNonZero(worksheet, column: 6, rows: reconciliation.rows.count)

      let differences = differencesTable(layout: builder.layout)
      let differencesSheet = sheet(
        differencesSheetName,
        title: vi
          ? "CHÊNH LỆCH GIỮA DỰ TOÁN HUYỆN GIAO VÀ SỐ LIỆU CỦA ĐƠN VỊ NĂM {year}"
          : "DIFFERENCES BETWEEN THE DISTRICT'S ALLOCATIONS AND THE UNITS' FILES, {year}",
        subtitle: vi
          ? "Theo dòng, loại dự toán và số quyết định; cả hai số liệu và nơi ghi"
          : "By line, allocation kind and decision; both figures and where they are written")
      worksheet = try workbook.addWorksheet(named: differencesSheet.name)
      try frame.write(differences, sheet: differencesSheet, to: worksheet)
      try frame.freezeBelowHeadings(worksheet, columns: 0)

      for unitSheet in unitSheets() {
        let payments = consolidation.settlement.payments.filter { $0.unit == unitSheet.unit }
        let content = builder.payments(payments, sheet: unitSheet.sheet)
        worksheet = try workbook.addWorksheet(named: unitSheet.name)
        try frame.write(content, sheet: unitSheet.sheet, to: worksheet)
        try frame.freezeBelowHeadings(worksheet, columns: 0)
      }
    }
  }

  // MARK: - Sheets

  private func sheet(_ name: String, title: String, subtitle: String?) -> TemplateSheet {
    TemplateSheet(kind: .payments, name: name, title: title, subtitle: subtitle, columns: [])
  }

  /// One sheet per unit with a submission, in submission order, named "ĐV <code>" (31 characters
  /// at most, as Excel allows), with the template's payment columns plus the origin.
  func unitSheets() -> [(unit: UnitCode, name: String, sheet: TemplateSheet)] {
    let plan = consolidation.ledger.plan
    var columns =
      template.sheets.first(where: { $0.kind == .payments })?.columns
      ?? ["id", "voucher", "date", "source", "activity", "amount", "description"].map {
        TemplateColumn(show: $0, heading: $0, width: nil)
      }
    if !columns.contains(where: { $0.show == "location" }) {
      columns.append(
        TemplateColumn(
          show: "location", heading: vi ? "Nguồn gốc (tệp!trang:dòng)" : "Origin (file:row)", width: nil))
    }
    var sheets: [(UnitCode, String, TemplateSheet)] = []
    for submission in consolidation.submissions {
      for unit in submission.units.sorted(by: { $0.rawValue < $1.rawValue }) {
        let name = String((vi ? "ĐV " : "Unit ") + unit.rawValue).prefix(Limits.sheetNameLengthMax)
        let unitName = plan.units.first(where: { $0.code == unit })?.name ?? unit.rawValue
        let title =
          vi
          ? "CHI TIẾT CHI CỦA \(unitName.uppercased()) NĂM {year}"
          : "PAYMENTS OF \(unitName.uppercased()), {year}"
        let subtitle =
          vi
          ? "Bộ số liệu '\(submission.name)'; mã dòng = bộ số liệu/mã của đơn vị"
          : "Submission '\(submission.name)'; row id = submission/unit's id"
        sheets.append(
          (
            unit, String(name),
            TemplateSheet(
              kind: .payments, name: String(name), title: title, subtitle: subtitle, columns: columns)
          ))
      }
    }
    return sheets
  }

  // MARK: - Tables

  func reconciliationTable(layout: SheetLayout) -> TableContent {
    let headings =
      vi
      ? [
        "STT", "Bộ số liệu", "Đơn vị", "Nguồn", "Dự toán huyện giao", "Đơn vị báo cáo nhận", "Chênh lệch",
        "Đơn vị giải ngân", "Còn lại",
      ]
      : [
        "No.", "Submission", "Unit", "Source", "District allocation", "Unit receipt", "Difference",
        "Unit spending",
        "Remaining",
      ]
    let kinds: [ColumnKind] = [
      .centeredText, .text(maxWidth: 20), .centeredText, .centeredText, .money, .money, .money, .money,
      .money,
    ]
    let numbers = ["A", "B", "C", "D", "1", "2", "3=2-1", "4", "5=1-4"]
    let columns = zip(headings, zip(numbers, kinds)).map {
      TableColumn(heading: $0, number: $1.0, kind: $1.1, fixedWidth: nil)
    }
    var rows: [TableRow] = []
    for (index, row) in consolidation.reconciliation.enumerated() {
      let sheetRow = layout.firstDataRow + index
      let cell = { (column: Int) in FormulaText.cell(row: sheetRow, column: column) }
      rows.append(
        TableRow(
          emphasis: .detail(level: 0),
          cells: [
            .text(String(index + 1)), .text(row.submission), .text(row.unit.rawValue),
            .text(row.source.rawValue),
            .money(row.districtAllocated), .money(row.unitReceived),
            .formula("\(cell(5))-\(cell(4))", cached: row.receiptDifference), .money(row.unitSpent),
            .formula("\(cell(4))-\(cell(7))", cached: row.remaining),
          ]))
    }
    let count = consolidation.reconciliation.count
    func total(_ column: Int, _ value: (ReconciliationRow) -> Money) -> CellContent {
      let sum = consolidation.reconciliation.map(value).reduce(Money.zero, +)
      guard count > 0 else { return .formula("0", cached: sum) }
      let first = FormulaText.cell(row: layout.firstDataRow, column: column)
      let last = FormulaText.cell(row: layout.firstDataRow + count - 1, column: column)
      return .formula("SUM(\(first):\(last))", cached: sum)
    }
    rows.append(
      TableRow(
        emphasis: .total,
        cells: [
          .empty, .text(vi ? "TỔNG CỘNG" : "TOTAL"), .empty, .empty, total(4, \.districtAllocated),
          total(5, \.unitReceived), total(6, \.receiptDifference), total(7, \.unitSpent),
          total(8, \.remaining),
        ]))
    return TableContent(columns: columns, rows: rows)
  }

  func differencesTable(layout: SheetLayout) -> TableContent {
    let headings =
      vi
      ? [
        "STT", "Bộ số liệu", "Chênh lệch", "Nguồn", "Nội dung", "Đơn vị", "Loại dự toán", "Năm gốc",
        "Quyết định (huyện)", "Quyết định (đơn vị)", "Huyện giao", "Đơn vị ghi",
        "Chênh lệch (đơn vị − huyện)",
        "Dòng ở tệp huyện", "Dòng ở tệp đơn vị",
      ]
      : [
        "No.", "Submission", "Difference", "Source", "Activity", "Unit", "Kind", "Origin year",
        "Decision (district)",
        "Decision (unit)", "District", "Unit", "Difference (unit − district)", "District file row",
        "Unit file row",
      ]
    let kinds: [ColumnKind] = [
      .centeredText, .text(maxWidth: 20), .text(maxWidth: 24), .centeredText, .centeredText, .centeredText,
      .centeredText, .integer, .text(maxWidth: 18), .text(maxWidth: 18), .money, .money, .money,
      .text(maxWidth: 30),
      .text(maxWidth: 40),
    ]
    let columns = headings.enumerated().map {
      TableColumn(heading: $1, number: String($0 + 1), kind: kinds[$0], fixedWidth: nil)
    }
    guard !consolidation.differences.isEmpty else {
      var cells = [CellContent](repeating: .empty, count: columns.count)
      cells[2] = .text(vi ? "Không có chênh lệch" : "No differences")
      return TableContent(columns: columns, rows: [TableRow(emphasis: .detail(level: 0), cells: cells)])
    }
    let rows = consolidation.differences.enumerated().map { index, difference -> TableRow in
      let sheetRow = layout.firstDataRow + index
      return TableRow(
        emphasis: .detail(level: 0),
        cells: [
          .text(String(index + 1)), .text(difference.submission), .text(difference.kind.title.text(language)),
          .text(difference.line.source.rawValue), .text(difference.line.activity.rawValue),
          .text(difference.line.unit.rawValue), .text(difference.allocationKind.rawValue),
          difference.originYear.map(CellContent.integer) ?? .empty,
          difference.districtDecision.map(CellContent.text) ?? .empty,
          difference.unitDecision.map(CellContent.text) ?? .empty, .money(difference.districtAmount),
          .money(difference.unitAmount),
          .formula(
            "\(FormulaText.cell(row: sheetRow, column: 11))-\(FormulaText.cell(row: sheetRow, column: 10))",
            cached: difference.difference),
          difference.districtLocation.map { .text($0.description) } ?? .empty,
          difference.unitLocation.map { .text($0.description) } ?? .empty,
        ])
    }
    return TableContent(columns: columns, rows: rows)
  }
}

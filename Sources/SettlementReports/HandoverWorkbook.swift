import BudgetCore
import BudgetEngine
import Foundation
import Xlsx

/// The handover schedule (biên bản bàn giao số dư) as a workbook: what each abolished unit held at
/// the handover date, by source, line and origin year, and what each successor receives — exact to
/// the đồng, with SUM formulas whose cached values are the engine's figures.
public struct HandoverWorkbook {
  public let handover: Handover
  public let plan: Plan
  /// The successors' units (from their plan), for names; codes are shown when a name is unknown.
  public let successorUnits: [UnitCode: BudgetCore.Unit]
  public let decision: String?
  public let template: SettlementTemplate
  public let scale: DisplayScale
  public let language: Language
  public let created: Date

  public init(
    handover: Handover, plan: Plan, successorUnits: [UnitCode: BudgetCore.Unit] = [:],
    decision: String? = nil,
    template: SettlementTemplate, scale: DisplayScale = .dong, language: Language = .vi, created: Date
  ) {
    self.handover = handover
    self.plan = plan
    self.successorUnits = successorUnits
    self.decision = decision
    self.template = template
    self.scale = scale
    self.language = language
    self.created = created
  }

  public static let balancesSheet = "Bàn giao số dư"
  public static let successorsSheet = "Theo đơn vị nhận"

  public func write(to path: String) throws {
    let vi = language == .vi
    let date = handover.date.vietnamese
    let base = template.document
    // A handover record is signed by both sides, not by the settlement form's three signers.
    let document = DocumentStyle(
      font: base.font, fontSize: base.fontSize, titleSize: base.titleSize, landscape: base.landscape,
      headerLeft: base.headerLeft, headerRight: base.headerRight, unitLabels: base.unitLabels,
      numberFormats: base.numberFormats,
      placeDate: "{place}, ngày ..... tháng ..... năm \(handover.year)",
      signers: [
        Signer(title: vi ? "ĐẠI DIỆN BÊN GIAO" : "HANDING OVER", hint: "(Ký, ghi rõ họ tên, đóng dấu)"),
        Signer(title: vi ? "ĐẠI DIỆN BÊN NHẬN" : "RECEIVING", hint: "(Ký, ghi rõ họ tên, đóng dấu)"),
      ], footer: base.footer)
    let properties = DocumentProperties(
      title: vi ? "Biên bản bàn giao số dư kinh phí đến ngày \(date)" : "Handover of balances as of \(date)",
      subject: plan.info.name, author: plan.info.office, company: plan.info.issuer,
      comments: "kinhphi handover — số liệu tính bằng đồng.", keywords: "bàn giao, số dư, \(handover.year)",
      created: created)
    let workbook = try Workbook(path: path, options: WorkbookOptions(properties: properties))
    let layout = SheetLayout(document: document)
    let frame = SheetFrame(
      document: document, layout: layout, scale: scale,
      context: TemplateContext(plan: plan.info, year: handover.year))
    let decisionText = decision.map { vi ? " (theo Quyết định số \($0))" : " (decision \($0))" } ?? ""

    let balances = balancesTable(layout: layout)
    let first = TemplateSheet(
      kind: .carryOver, name: Self.balancesSheet,
      title: vi
        ? "BIÊN BẢN BÀN GIAO SỐ DƯ KINH PHÍ DỰ ÁN 10 ĐẾN NGÀY \(date)"
        : "HANDOVER OF PROJECT 10 BALANCES AS OF \(date)",
      subtitle: (vi
        ? "Số dư của đơn vị cũ theo nguồn, nội dung, năm gốc và phần mỗi đơn vị nhận"
        : "Balances of the old units by source, activity, origin year and each successor's part")
        + decisionText,
      columns: [])
    let sheet1 = try workbook.addWorksheet(named: Self.balancesSheet)
    try frame.write(balances, sheet: first, to: sheet1)
    try frame.freezeBelowHeadings(sheet1, columns: 0)

    let receipts = successorsTable(layout: layout)
    let second = TemplateSheet(
      kind: .carryOver, name: Self.successorsSheet,
      title: vi ? "KINH PHÍ CÁC ĐƠN VỊ NHẬN BÀN GIAO NGÀY \(date)" : "WHAT EACH SUCCESSOR RECEIVES, \(date)",
      subtitle: vi
        ? "Dòng mở sổ của đơn vị nhận: năm gốc trước \(handover.year) là carry_in, năm \(handover.year) là bổ sung (supplement)"
        : "Opening rows: earlier origins are carry_in, \(handover.year) money is a supplement",
      columns: [])
    let sheet2 = try workbook.addWorksheet(named: Self.successorsSheet)
    try frame.write(receipts, sheet: second, to: sheet2)
    try frame.freezeBelowHeadings(sheet2, columns: 0)
    try workbook.close()
  }

  private func name(_ unit: UnitCode) -> String {
    (plan.unitByCode[unit] ?? successorUnits[unit]).map { "\($0.name) (\(unit))" } ?? unit.rawValue
  }

  private func successorName(_ unit: UnitCode) -> String {
    (successorUnits[unit] ?? plan.unitByCode[unit]).map { "\($0.name) (\(unit))" } ?? unit.rawValue
  }

  private func columns(_ headings: [(String, ColumnKind)]) -> [TableColumn] {
    headings.enumerated().map { index, entry in
      TableColumn(heading: entry.0, number: String(index + 1), kind: entry.1, fixedWidth: nil)
    }
  }

  /// One group per balance (old unit · source · activity · origin), its parts under it; the group's
  /// received cell is the SUM of its parts and must equal the balance (the check column shows 0).
  func balancesTable(layout: SheetLayout) -> TableContent {
    let vi = language == .vi
    let columns = columns([
      ("STT", .centeredText),
      (vi ? "Đơn vị bàn giao / đơn vị nhận" : "Old unit / successor", .text(maxWidth: 45)),
      (vi ? "Nguồn" : "Source", .centeredText), (vi ? "Nội dung" : "Activity", .text(maxWidth: 40)),
      (vi ? "Năm gốc" : "Origin", .integer), (vi ? "Số dư đến ngày bàn giao" : "Balance", .money),
      (vi ? "Số tiền nhận" : "Received", .money),
      (vi ? "Kiểm tra (phải bằng 0)" : "Check (must be 0)", .money),
    ])
    var rows: [TableRow] = []
    var groupRows: [Int] = []
    for (index, balance) in handover.balances.enumerated() {
      let groupRow = layout.firstDataRow + rows.count
      groupRows.append(groupRow)
      let partRows = (0..<balance.parts.count).map { groupRow + 1 + $0 }
      rows.append(
        TableRow(
          emphasis: .group(level: 0),
          cells: [
            .text(String(index + 1)), .text(name(balance.line.unit)), .text(balance.line.source.rawValue),
            .text(plan.activityByCode[balance.line.activity]?.name ?? balance.line.activity.rawValue),
            .integer(balance.originYear), .money(balance.balance),
            .formula(FormulaText.sum(rows: partRows, column: 6), cached: balance.balance),
            .formula(
              "\(FormulaText.cell(row: groupRow, column: 5))-\(FormulaText.cell(row: groupRow, column: 6))",
              cached: .zero),
          ]))
      for part in balance.parts {
        rows.append(
          TableRow(
            emphasis: .detail(level: 1),
            cells: [
              .text("-"), .text(successorName(part.successor)), .empty, .empty, .empty, .empty,
              .money(part.amount), .empty,
            ]))
      }
    }
    let total = handover.total
    rows.append(
      TableRow(
        emphasis: .total,
        cells: [
          .empty, .text(vi ? "TỔNG CỘNG" : "TOTAL"), .empty, .empty, .empty,
          .formula(FormulaText.sum(rows: groupRows, column: 5), cached: total),
          .formula(FormulaText.sum(rows: groupRows, column: 6), cached: total),
          .formula(FormulaText.sum(rows: groupRows, column: 7), cached: .zero),
        ]))
    return TableContent(columns: columns, rows: rows)
  }

  /// One group per successor, its opening rows under it.
  func successorsTable(layout: SheetLayout) -> TableContent {
    let vi = language == .vi
    let columns = columns([
      ("STT", .centeredText), (vi ? "Đơn vị nhận / nội dung" : "Successor / activity", .text(maxWidth: 50)),
      (vi ? "Nguồn" : "Source", .centeredText), (vi ? "Năm gốc" : "Origin", .integer),
      (vi ? "Loại dòng mở sổ" : "Opening row kind", .centeredText), (vi ? "Số tiền" : "Amount", .money),
      (vi ? "Nhận từ đơn vị" : "From", .text(maxWidth: 30)),
    ])
    var rows: [TableRow] = []
    var groupRows: [Int] = []
    let bySuccessor = Dictionary(grouping: handover.openings, by: \.line.unit)
    for (index, successor) in bySuccessor.keys.sorted().enumerated() {
      let openings = bySuccessor[successor] ?? []
      let groupRow = layout.firstDataRow + rows.count
      groupRows.append(groupRow)
      rows.append(
        TableRow(
          emphasis: .group(level: 0),
          cells: [
            .text(Numbering.roman(index + 1)), .text(successorName(successor)), .empty, .empty, .empty,
            .formula(
              FormulaText.sum(rows: (0..<openings.count).map { groupRow + 1 + $0 }, column: 5),
              cached: openings.map(\.amount).sum()), .empty,
          ]))
      for (position, opening) in openings.enumerated() {
        rows.append(
          TableRow(
            emphasis: .detail(level: 1),
            cells: [
              .text(String(position + 1)),
              .text(plan.activityByCode[opening.line.activity]?.name ?? opening.line.activity.rawValue),
              .text(opening.line.source.rawValue), .integer(opening.originYear), .text(opening.kind.rawValue),
              .money(opening.amount), .text(opening.fromUnits.map(\.rawValue).joined(separator: ", ")),
            ]))
      }
    }
    rows.append(
      TableRow(
        emphasis: .total,
        cells: [
          .empty, .text(vi ? "TỔNG CỘNG" : "TOTAL"), .empty, .empty, .empty,
          .formula(FormulaText.sum(rows: groupRows, column: 5), cached: handover.total), .empty,
        ]))
    return TableContent(columns: columns, rows: rows)
  }
}

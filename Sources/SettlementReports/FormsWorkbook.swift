import BudgetCore
import BudgetEngine
import Foundation
import Xlsx

/// The official forms of one reporting body (the district, or one unit) for one year.
public struct FormSet: Hashable, Sendable {
  public let year: Int
  /// The unit whose own forms these are; nil for the district's consolidated forms.
  public let unit: UnitCode?
  public let b01: B01Form
  /// Error findings stand in the figures: the forms are a draft (DỰ THẢO on every page).
  public let isDraft: Bool

  /// The forms of `settlement` (the district's, or a unit's part from `splitByUnit`).
  public init(settlement: YearSettlement, unit: UnitCode? = nil, language: Language = .vi) {
    year = settlement.year
    self.unit = unit
    // The treasury split (kinh phí đã nhận, số dư tạm ứng) of the advances model; a workspace
    // without advances has every payment final, so all of it was drawn in the year.
    let treasury = settlement.lines.treasuryTotals()
    b01 = B01Form(
      year: settlement.year, figures: settlement.totals,
      treasury: B01TreasurySplit(
        carriedInDrawn: treasury.carriedInAdvance, drawnInYear: treasury.drawnInYear,
        carryOverDrawn: treasury.carryOverAdvance, lapsedDrawn: treasury.lapsedAdvance),
      language: language)
    isDraft = settlement.findings.contains { $0.severity == .error }
  }
}

/// Writes the forms workbook (`kinhphi forms`) following Templates/bao-cao-quyet-toan.yaml: one sheet
/// per form, each with the form's header, its rows by mã số, the identities as formulas with the
/// engine's values cached, and the signature block.
public struct FormsWorkbook {
  public let forms: FormSet
  public let plan: Plan
  public let template: SettlementTemplate
  public let scale: DisplayScale
  public let language: Language
  public let created: Date

  /// The default forms template's file name.
  public static let templateFileName = "bao-cao-quyet-toan.yaml"

  public init(
    forms: FormSet, plan: Plan, template: SettlementTemplate, scale: DisplayScale = .dong,
    language: Language = .vi, created: Date
  ) {
    self.forms = forms
    self.plan = plan
    self.template = template
    self.scale = scale
    self.language = language
    self.created = created
  }

  /// Writes the workbook to `path`, whole or not at all.
  public func write(to path: String) throws {
    try ReportWriteError.wrapping(path) { try writeWorkbook(to: path) }
  }

  private func writeWorkbook(to path: String) throws {
    let unit = forms.unit.flatMap { plan.unitByCode[$0] }
    let context = TemplateContext(plan: plan.info, year: forms.year, unit: unit)
    // One page per form: no cancellation check is worth making inside its rows.
    let workbook = try Workbook.report(
      path: path, plan: plan.info, title: context.fill(template.sheets.first?.title ?? ""),
      comments: "kinhphi — biểu mẫu báo cáo quyết toán; số liệu tính bằng đồng.",
      keywords: "B01/BCQT, quyết toán, CTMTQG DTTS&MN, Dự án 10, \(forms.year)", created: created,
      interruption: nil)
    let document = template.document.localized(language)
    let layout = SheetLayout(document: document)
    var frame = SheetFrame(document: document, layout: layout, scale: scale, context: context)
    frame.unitLine = unit.map { language == .vi ? "Đơn vị: \($0.name)" : "Unit: \($0.name)" }
    if forms.isDraft { frame.draftMark = SheetFrame.draftText(language) }
    for entry in template.sheets {
      switch entry {
      case .b01(let sheet):
        let localized = sheet.localized(language)
        let worksheet = try workbook.addWorksheet(named: localized.name)
        let content = b01Content(forms.b01, sheet: localized, layout: layout)
        // B01 is a one-page form: fitted to one A4 page, signatures included.
        try frame.write(content, sheet: localized, to: worksheet, pagesTall: 1)
      default:
        preconditionFailure("TemplateReader refuses other workbooks' sheets in a forms template")
      }
    }
    try workbook.close()
  }

  /// The rows of B01 under "A NGÂN SÁCH NHÀ NƯỚC" and "I NGUỒN NGÂN SÁCH TRONG NƯỚC", each chỉ tiêu
  /// with its mã số; a row that adds others is a formula over their cells.
  func b01Content(_ form: B01Form, sheet: TemplateSheet<B01Column>, layout: SheetLayout) -> TableContent {
    let vi = language == .vi
    let columns = sheet.columns.map { column -> TableColumn in
      switch column.show {
      case .stt:
        TableColumn(heading: column.heading, number: "A", kind: .centeredText, fixedWidth: column.width)
      case .label:
        TableColumn(heading: column.heading, number: "B", kind: .text(maxWidth: 62), fixedWidth: column.width)
      case .code:
        TableColumn(heading: column.heading, number: "C", kind: .centeredText, fixedWidth: column.width)
      case .total: TableColumn(heading: column.heading, number: "1", kind: .money, fixedWidth: column.width)
      }
    }
    let leading: [(String, String)] = [
      ("A", vi ? "NGÂN SÁCH NHÀ NƯỚC" : "STATE BUDGET"),
      ("I", vi ? "NGUỒN NGÂN SÁCH TRONG NƯỚC" : "DOMESTIC BUDGET SOURCES"),
    ]
    var rows: [TableRow] = leading.map { stt, label in
      TableRow(
        emphasis: .group(level: 0),
        cells: sheet.columns.map { column in
          switch column.show {
          case .stt: .text(stt)
          case .label: .text(label)
          case .code, .total: .empty
          }
        })
    }
    // Fixed order: the total is the last column (B01Column.fixedOrder).
    let totalColumn = sheet.index(of: .total)!
    let rowOfCode = Dictionary(
      uniqueKeysWithValues: form.rows.enumerated().map { ($1.code, layout.firstDataRow + leading.count + $0) }
    )
    for row in form.rows {
      let amount: CellContent
      if let value = row.amount {
        amount =
          row.sumOf.isEmpty
          ? .money(value)
          : .formula(
            row.sumOf.map { FormulaText.cell(row: rowOfCode[$0]!, column: totalColumn) }.joined(
              separator: "+"),
            cached: value)
      } else {
        amount = .empty
      }
      rows.append(
        TableRow(
          emphasis: row.isHeading ? .group(level: row.stt.contains(".") ? 1 : 0) : .detail(level: 1),
          cells: sheet.columns.map { column in
            switch column.show {
            case .stt: .text(row.stt)
            case .label: .text(row.label)
            case .code: .text(row.code)
            case .total: amount
            }
          }))
    }
    return TableContent(columns: columns, rows: rows)
  }
}

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
  public let f0101: F0101Form
  public let f0102: F0102Form
  /// Mẫu 20f (04SDKP/ĐVDT), the carry-over form (FormCarryOver20f.swift).
  public let form20f: Form20f
  /// Error findings stand in the figures: the forms are a draft (DỰ THẢO on every page).
  public let isDraft: Bool
  /// MISSING_BUDGET_CODE: codes the forms print that the plan or the rows do not give (the money is
  /// in the forms all the same, under "chưa có mã").
  public let missingCodes: [Finding]

  /// The forms of `settlement` (the district's, or a unit's part from `splitByUnit`, then `unit`), with
  /// the classification and the programme's figures of `analysis` for the same scope.
  public init(analysis: Analysis, settlement: YearSettlement, unit: UnitCode? = nil, language: Language = .vi)
  {
    self.init(
      analysis: analysis, settlement: settlement, unit: unit,
      classification: analysis.budgetClassification(year: settlement.year, unit: unit), language: language)
  }

  /// The same with the classification of `settlement` already made (`Analysis.budgetClassifications`
  /// makes every unit's at once).
  public init(
    analysis: Analysis, settlement: YearSettlement, unit: UnitCode?, classification: BudgetClassification,
    language: Language
  ) {
    precondition(
      classification.year == settlement.year && classification.unit == unit, "the classification of this part"
    )
    let plan = analysis.ledger.plan
    year = settlement.year
    self.unit = unit
    // The treasury split (kinh phí đã nhận, số dư tạm ứng) of the advances model; a workspace
    // without advances has every payment final, so all of it was drawn in the year.
    let bySector = settlement.lines.bySector(plan: plan)
    b01 = B01Form(
      year: settlement.year, treasury: settlement.lines.treasuryTotals(), bySector: bySector,
      language: language)
    f0101 = F0101Form(classification: classification, sectors: b01.sectors, language: language)
    f0102 = F0102Form(
      year: settlement.year, plan: plan,
      projects: analysis.programmeFigures(year: settlement.year, unit: unit),
      language: language)
    form20f = Form20f(settlement: settlement, plan: plan, language: language)
    isDraft = settlement.findings.contains { $0.severity == .error }
    // Each code is named once: the header codes and loại-khoản by B01, mục/tiểu mục by F01-01, the
    // programme's codes by F01-02.
    missingCodes =
      classification.missingCodeFindings(
        plan: plan, form: "B01/BCQT", needs: [.chapter, .budgetRelationCode, .sector])
      + classification.missingCodeFindings(plan: plan, form: "F01-01/BCQT", needs: [.item])
      + classification.missingCodeFindings(plan: plan, form: "F01-02/BCQT", needs: [.programme])
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
    let context = formContext(unit: unit)
    // One page per form: no cancellation check is worth making inside its rows.
    let workbook = try Workbook.report(
      path: path, plan: plan.info, title: context.fill(template.sheets.first?.title ?? ""),
      comments: "kinhphi — biểu mẫu báo cáo quyết toán; số liệu tính bằng đồng.",
      keywords:
        "B01/BCQT, F01-01/BCQT, F01-02/BCQT, Mẫu 20f, quyết toán, CTMTQG DTTS&MN, Dự án 10, \(forms.year)",
      created: created,
      interruption: nil)
    let document = template.document.localized(language)
    let layout = SheetLayout(document: document)
    for entry in template.sheets {
      // Each form prints its own number in the header ("Mẫu số F01-01/BCQT").
      var frame = SheetFrame(
        document: document, layout: layout, scale: scale,
        context: context.adding(["form_code": Self.formCode(entry.kind)]))
      frame.unitLine = unit.map { language == .vi ? "Đơn vị: \($0.name)" : "Unit: \($0.name)" }
      if forms.isDraft { frame.draftMark = SheetFrame.draftText(language) }
      switch entry {
      case .b01(let sheet):
        let localized = sheet.localized(language)
        let worksheet = try workbook.addWorksheet(named: localized.name)
        let content = b01Content(forms.b01, sheet: localized, layout: layout, context: frame.context)
        // B01 is a one-page form: fitted to one A4 page, signatures included.
        try frame.write(content, sheet: localized, to: worksheet, pagesTall: 1)
      case .f0101(let sheet):
        let localized = sheet.localized(language)
        let worksheet = try workbook.addWorksheet(named: localized.name)
        let content = f0101Content(forms.f0101, sheet: localized, layout: layout, context: frame.context)
        try frame.write(content, sheet: localized, to: worksheet)
      case .f0102(let sheet):
        let localized = sheet.localized(language)
        let worksheet = try workbook.addWorksheet(named: localized.name)
        try frame.write(
          f0102Content(forms.f0102, sheet: localized, layout: layout), sheet: localized, to: worksheet)
      case .form20f(let sheet):
        // Mẫu 20f has its own header block (ĐƠN VỊ, MÃ ĐVSDNS, …) and paper (A4 landscape).
        let localized = sheet.localized(language)
        let pageDocument = document.on(localized.page)
        let pageLayout = SheetLayout(document: pageDocument)
        var pageFrame = SheetFrame(
          document: pageDocument, layout: pageLayout, scale: scale, context: frame.context)
        pageFrame.unitLine = frame.unitLine
        pageFrame.draftMark = frame.draftMark
        let worksheet = try workbook.addWorksheet(named: localized.name)
        try pageFrame.write(
          form20fContent(forms.form20f, sheet: localized, layout: pageLayout), sheet: localized, to: worksheet
        )
      default:
        preconditionFailure("TemplateReader refuses other workbooks' sheets in a forms template")
      }
    }
    try workbook.close()
  }

  /// The header's values: the reporting body (the unit on its own forms) and its Mã chương and Mã
  /// ĐVQHNS from plan.yaml — a unit's own chapter, else the plan's — or dots to fill in by hand where
  /// the plan has none (MISSING_BUDGET_CODE says so).
  func formContext(unit: BudgetCore.Unit?) -> TemplateContext {
    let body = plan.info.reportingBody
    let blank = ".........."
    return TemplateContext(plan: plan.info, year: forms.year, unit: unit).adding([
      "reporting_body": unit?.name ?? body.name ?? plan.info.office ?? "",
      "chapter": (unit?.chapter ?? body.chapter)?.rawValue ?? blank,
      "budget_unit_code": (unit == nil ? body.budgetRelationCode : unit?.budgetRelationCode)?.rawValue
        ?? blank,
    ])
  }

  /// The form's number as printed in its header.
  static func formCode(_ kind: SheetKind) -> String {
    switch kind {
    case .f0101: "F01-01/BCQT"
    case .f0102: "F01-02/BCQT"
    default: "B01/BCQT"
    }
  }

  /// STT, chỉ tiêu, mã số and Tổng số as the form letters and numbers them (A, B, C, 1), then the
  /// loại-khoản columns; B01/BCQT and F01-01/BCQT share them.
  func classifiedColumns(_ sheet: TemplateSheet<B01Column>, sectors: SectorColumns, context: TemplateContext)
    -> [TableColumn]
  {
    var columns: [TableColumn] = []
    for column in sheet.columns {
      switch column.show {
      case .stt:
        columns.append(
          TableColumn(heading: column.heading, number: "A", kind: .centeredText, fixedWidth: column.width))
      case .label:
        columns.append(
          TableColumn(
            heading: column.heading, number: "B", kind: .text(maxWidth: 62), fixedWidth: column.width))
      case .code:
        columns.append(
          TableColumn(heading: column.heading, number: "C", kind: .centeredText, fixedWidth: column.width))
      case .total:
        columns.append(
          TableColumn(heading: column.heading, number: "1", kind: .money, fixedWidth: column.width))
        columns += sectors.tableColumns(sheet, context: context)
      case .sectorTotal, .subsector, .sectorMissing: break  // repeated per loại-khoản after Tổng số
      }
    }
    return columns
  }

  /// "A NGÂN SÁCH NHÀ NƯỚC" and "I NGUỒN NGÂN SÁCH TRONG NƯỚC", the headings the forms' rows stand under.
  func budgetHeadingRows(columnCount: Int) -> [TableRow] {
    let vi = language == .vi
    return [
      ("A", vi ? "NGÂN SÁCH NHÀ NƯỚC" : "STATE BUDGET"),
      ("I", vi ? "NGUỒN NGÂN SÁCH TRONG NƯỚC" : "DOMESTIC BUDGET SOURCES"),
    ].map { stt, label in
      TableRow(
        emphasis: .group(level: 0),
        cells: [.text(stt), .text(label)] + Array(repeating: .empty, count: columnCount - 2))
    }
  }

  /// The rows of B01 under the budget headings, each chỉ tiêu with its mã số; a row that adds others is
  /// a formula over their cells in every column.
  func b01Content(
    _ form: B01Form, sheet: TemplateSheet<B01Column>, layout: SheetLayout, context: TemplateContext
  )
    -> TableContent
  {
    let sectors = SectorColumns(sectors: form.sectors)
    let columns = classifiedColumns(sheet, sectors: sectors, context: context)
    var rows = budgetHeadingRows(columnCount: columns.count)
    // Fixed order: STT, chỉ tiêu, mã số, Tổng số, then the loại-khoản columns (B01Column.fixedOrder).
    let totalColumn = 3
    let firstRow = layout.firstDataRow + rows.count
    let rowOfCode = Dictionary(uniqueKeysWithValues: form.rows.enumerated().map { ($1.code, firstRow + $0) })
    for (index, row) in form.rows.enumerated() {
      let sumOf: ((Int) -> String)? =
        row.sumOf.isEmpty
        ? nil
        : { column in
          row.sumOf.map { FormulaText.cell(row: rowOfCode[$0]!, column: column) }.joined(separator: "+")
        }
      rows.append(
        TableRow(
          emphasis: row.isHeading ? .group(level: row.stt.contains(".") ? 1 : 0) : .detail(level: 1),
          cells: [.text(row.stt), .text(row.label), .text(row.code)]
            + sectors.cells(
              total: row.amount, bySector: row.bySector, sheetRow: firstRow + index, totalColumn: totalColumn,
              sumOf: sumOf)))
    }
    return TableContent(columns: columns, rows: rows)
  }
}

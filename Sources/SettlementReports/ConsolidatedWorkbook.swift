import BudgetCore
import BudgetEngine
import Foundation
import Xlsx

/// The consolidated settlement workbook: the template's sheets over the consolidated figures, then
/// one sheet per unit that sent a submission (its payments, each with its origin file and row), a
/// reconciliation sheet (district allocation vs unit receipt vs unit spending, per unit and source)
/// and the allocation differences with both figures.
public struct ConsolidatedWorkbook: SettingsWorkbook {
  public let consolidation: Consolidation
  /// The settlement template: the sheets over the consolidated figures, and each unit's columns.
  public let template: SettlementTemplate
  /// The consolidation's own sheets (Templates/hop-nhat.yaml): reconciliation and differences.
  public let consolidationTemplate: SettlementTemplate
  /// Scale, language, creation date and interruption, as every workbook has them.
  public var settings: WorkbookSettings

  /// The consolidation's template shipped in `Templates/`.
  public static let templateFileName = "hop-nhat.yaml"

  public init(
    consolidation: Consolidation, template: SettlementTemplate, consolidationTemplate: SettlementTemplate,
    settings: WorkbookSettings
  ) {
    self.consolidation = consolidation
    self.template = template
    self.consolidationTemplate = consolidationTemplate
    self.settings = settings
  }

  /// Sheet names after the template's: "Đối chiếu", "Chênh lệch dự toán", then one per unit.
  public var extraSheetNames: [String] {
    get throws {
      [reconciliationSheet?.name, differencesSheet?.name].compactMap { $0 } + (try unitSheets().map(\.name))
    }
  }

  var vi: Bool { language == .vi }
  var reconciliationSheet: TemplateSheet<ReconciliationColumn>? {
    consolidationTemplate.reconciliationSheet?.localized(language)
  }
  var differencesSheet: TemplateSheet<AllocationDifferenceColumn>? {
    consolidationTemplate.allocationDifferencesSheet?.localized(language)
  }

  public func write(to path: String) throws {
    try ReportWriteError.wrapping(path) { try writeWorkbook(to: path) }
  }

  private func writeWorkbook(to path: String) throws {
    let plan = consolidation.ledger.plan
    var base = SettlementWorkbook(
      settlement: consolidation.settlement, plan: plan, template: consolidatedTemplate, settings: settings)
    try base.write(to: path) { workbook, frame, builder in
      // The consolidation's own sheets in its template's document, written as the rest are.
      let document = consolidationTemplate.document
      var ownFrame = SheetFrame(
        document: document, layout: SheetLayout(document: document), scale: scale, context: frame.context)
      ownFrame.rowOrdered = frame.rowOrdered
      ownFrame.rowsWritten = frame.rowsWritten
      var worksheet: Worksheet
      if let sheet = reconciliationSheet {
        let reconciliation = reconciliationTable(layout: ownFrame.layout, sheet: sheet)
        worksheet = try workbook.addWorksheet(named: sheet.name)
        try ownFrame.write(reconciliation, sheet: sheet, to: worksheet)
        try ownFrame.freezeBelowHeadings(worksheet, columns: 2)
        if let difference = sheet.index(of: .difference) {
          try ownFrame.highlightNonZero(worksheet, column: difference, rows: reconciliation.rows.count)
        }
      }
      if let sheet = differencesSheet {
        let differences = try differencesTable(layout: ownFrame.layout, sheet: sheet)
        worksheet = try workbook.addWorksheet(named: sheet.name)
        try ownFrame.write(differences, sheet: sheet, to: worksheet)
        try ownFrame.freezeBelowHeadings(worksheet, columns: 0)
      }

      for unitSheet in try unitSheets() {
        let payments = consolidation.settlement.recognisedSpending.filter { $0.unit == unitSheet.unit }
        let content = builder.payments(payments, sheet: unitSheet.sheet)
        worksheet = try workbook.addWorksheet(named: unitSheet.name)
        try frame.write(content, sheet: unitSheet.sheet, to: worksheet)
        try frame.freezeBelowHeadings(worksheet, columns: 0)
      }
    }
  }

  // MARK: - Sheets

  /// The template's sheets titled as the consolidated settlement ("BÁO CÁO QUYẾT TOÁN HỢP NHẤT …"), so
  /// that a printed page is never mistaken for the district's own settlement.
  var consolidatedTemplate: SettlementTemplate {
    SettlementTemplate(
      document: template.document,
      sheets: template.sheets.map { $0.with(title: Self.consolidatedTitle($0.title, language: language)) },
      file: template.file)
  }

  /// "… QUYẾT TOÁN …" → "… QUYẾT TOÁN HỢP NHẤT …"; a title without those words gets " (HỢP NHẤT)".
  static func consolidatedTitle(_ title: String, language: Language) -> String {
    let word = language == .vi ? "HỢP NHẤT" : "CONSOLIDATED"
    if let range = title.range(of: "QUYẾT TOÁN") {
      return title.replacingCharacters(in: range, with: "QUYẾT TOÁN " + word)
    }
    return title + " (" + word + ")"
  }

  /// The names of the units a submission speaks for, from the district's plan (codes when unknown).
  func unitNames(_ submission: String) -> String {
    let plan = consolidation.ledger.plan
    let units = consolidation.submissions.first { $0.name == submission }?.units.sorted() ?? []
    let names = units.map { plan.unitByCode[$0]?.name ?? $0.rawValue }
    return names.isEmpty ? submission : names.joined(separator: ", ")
  }

  private func unitName(_ unit: UnitCode) -> String {
    consolidation.ledger.plan.unitByCode[unit]?.name ?? unit.rawValue
  }

  private func sourceName(_ source: SourceCode) -> String {
    consolidation.ledger.plan.sourceByCode[source]?.name ?? source.rawValue
  }

  /// One sheet per unit with a submission, in submission order, named "ĐV <code>" (31 characters
  /// at most, as Excel allows), with the template's payment columns plus the origin. Its texts are
  /// hop-nhat.yaml's `texts:`.
  func unitSheets() throws -> [(unit: UnitCode, name: String, sheet: TemplateSheet<PaymentColumn>)] {
    let texts = consolidationTemplate.texts
    let plan = consolidation.ledger.plan
    var columns =
      template.paymentsSheet?.columns
      ?? ([.id, .voucher, .date, .source, .activity, .amount, .description] as [PaymentColumn]).map {
        TemplateColumn(show: $0, heading: $0.name, width: nil)
      }
    // What an officer reads first (date, voucher, description, money); the sheet is one unit's, so
    // no unit column; the references (the row id and the unit's file and row) last.
    let id = columns.first { $0.show == .id }
    let locationHeading = try texts.text(ConsolidationSheetText.locationHeading, language)
    let location =
      columns.first { $0.show == .location }
      ?? TemplateColumn(show: .location, heading: locationHeading, width: nil)
    columns.removeAll { [.id, .location, .unit, .unitCode].contains($0.show) }
    columns += [id, location].compactMap { $0 }
    var sheets: [(UnitCode, String, TemplateSheet<PaymentColumn>)] = []
    for submission in consolidation.submissions {
      for unit in submission.units.sorted(by: { $0.rawValue < $1.rawValue }) {
        let name = try texts.text(
          ConsolidationSheetText.unitSheetName, language, ["unit_code": unit.rawValue]
        ).prefix(Limits.sheetNameLengthMax)
        let unitName = plan.units.first(where: { $0.code == unit })?.name ?? unit.rawValue
        // {year} is left for the sheet's context, as in every template title.
        let title = try texts.text(
          ConsolidationSheetText.unitSheetTitle, language, ["UNIT": unitName.uppercased()])
        let subtitle = try texts.text(
          ConsolidationSheetText.unitSheetSubtitle, language, ["folder": submission.name])
        sheets.append(
          (
            unit, String(name),
            TemplateSheet(name: String(name), title: title, subtitle: subtitle, columns: columns)
          ))
      }
    }
    return sheets
  }

  // MARK: - Tables

  func reconciliationTable(layout: SheetLayout, sheet: TemplateSheet<ReconciliationColumn>) -> TableContent {
    // The columns stand in the enum's order (`fixedOrder`): the rows and formulas count on it.
    // The difference must be 0 and prints its 0, as the settlement workbook's checks do.
    let columns = TableColumn.fixed(
      sheet, zeroShown: [.difference],
      checkFormat: ReportTables.zeroShown(consolidationTemplate.document.numberFormats[scale])
    ) { show -> (ColumnKind, String) in
      switch show {
      case .stt: (.centeredText, "A")
      case .unit: (.text(maxWidth: 30), "B")
      case .source: (.text(maxWidth: 34), "C")
      case .districtAllocated: (.money, "1")
      case .unitReceived: (.money, "2")
      case .difference: (.money, "3=2-1")
      case .unitSpent: (.money, "4")
      case .remaining: (.money, "5=1-4")
      case .folder: (.text(maxWidth: 14), "D")
      }
    }
    var rows: [TableRow] = []
    for (index, row) in consolidation.reconciliation.enumerated() {
      let sheetRow = layout.firstDataRow + index
      let cell = { (column: Int) in FormulaText.cell(row: sheetRow, column: column) }
      rows.append(
        TableRow(
          emphasis: .detail(level: 0),
          cells: [
            .text(String(index + 1)), .text(unitName(row.unit)), .text(sourceName(row.source)),
            .money(row.districtAllocated), .money(row.unitReceived),
            .formula("\(cell(4))-\(cell(3))", cached: row.receiptDifference), .money(row.unitSpent),
            .formula("\(cell(3))-\(cell(6))", cached: row.remaining), .text(row.submission),
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
          .empty, .text(vi ? "TỔNG CỘNG" : "TOTAL"), .empty, total(3, \.districtAllocated),
          total(4, \.unitReceived), total(5, \.receiptDifference), total(6, \.unitSpent),
          total(7, \.remaining), .empty,
        ]))
    return TableContent(columns: columns, rows: rows)
  }

  /// Each difference: who, what line (names), what kind of allocation, both figures and their
  /// decisions; the file rows last.
  func differencesTable(layout: SheetLayout, sheet: TemplateSheet<AllocationDifferenceColumn>) throws
    -> TableContent
  {
    let plan = consolidation.ledger.plan
    // The columns stand in the enum's order (`fixedOrder`): the rows and formulas count on it.
    let columns = TableColumn.fixed(sheet) { show -> (ColumnKind, String) in
      switch show {
      case .stt: (.centeredText, "A")
      case .unit: (.text(maxWidth: 24), "B")
      case .source: (.text(maxWidth: 26), "C")
      case .activity: (.text(maxWidth: 28), "D")
      case .allocationKind: (.text(maxWidth: 18), "E")
      case .originYear: (.integer, "F")
      case .differenceKind: (.text(maxWidth: 18), "G")
      case .districtDecision: (.text(maxWidth: 16), "H")
      case .unitDecision: (.text(maxWidth: 16), "I")
      case .districtAmount: (.money, "1")
      case .unitAmount: (.money, "2")
      case .difference: (.money, "3=2-1")
      case .districtRow: (.text(maxWidth: 18), "J")
      case .unitRow: (.text(maxWidth: 22), "K")
      }
    }
    guard !consolidation.differences.isEmpty else {
      var cells = [CellContent](repeating: .empty, count: columns.count)
      cells[1] = .text(try consolidationTemplate.texts.text(ConsolidationSheetText.noDifferences, language))
      return TableContent(columns: columns, rows: [TableRow(emphasis: .detail(level: 0), cells: cells)])
    }
    let rows = consolidation.differences.enumerated().map { index, difference -> TableRow in
      let sheetRow = layout.firstDataRow + index
      let line = difference.line
      return TableRow(
        emphasis: .detail(level: 0),
        cells: [
          .text(String(index + 1)), .text(unitName(line.unit)), .text(sourceName(line.source)),
          .text(plan.activityByCode[line.activity]?.name ?? line.activity.rawValue),
          .text(difference.kindLabel.text(language)),
          difference.originYear.map(CellContent.integer) ?? .empty,
          .text(difference.kind.title.text(language)),
          difference.districtDecision.map(CellContent.text) ?? .empty,
          difference.unitDecision.map(CellContent.text) ?? .empty, .money(difference.districtAmount),
          .money(difference.unitAmount),
          .formula(
            "\(FormulaText.cell(row: sheetRow, column: 10))-\(FormulaText.cell(row: sheetRow, column: 9))",
            cached: difference.difference),
          difference.districtLocation.map { .text($0.description) } ?? .empty,
          difference.unitLocation.map { .text($0.description) } ?? .empty,
        ])
    }
    return TableContent(columns: columns, rows: rows)
  }
}

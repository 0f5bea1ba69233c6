import BudgetCore
import BudgetEngine
import Foundation
import Xlsx

/// The handover schedule (biên bản bàn giao số dư) as a workbook: what each abolished unit held at
/// the handover date, by source, line and origin year, and what each successor receives — exact to
/// the đồng, with SUM formulas whose cached values are the engine's figures.
public struct HandoverWorkbook: SettingsWorkbook {
  public let handover: Handover
  public let plan: Plan
  /// The successors' units (from their plan), for names; codes are shown when a name is unknown.
  public let successorUnits: [UnitCode: BudgetCore.Unit]
  public let decision: String?
  /// The handover template (Templates/ban-giao.yaml): the document and the two schedules.
  public let template: SettlementTemplate
  /// Scale, language, creation date and interruption, as every workbook has them.
  public var settings: WorkbookSettings

  public init(
    handover: Handover, plan: Plan, successorUnits: [UnitCode: BudgetCore.Unit] = [:],
    decision: String? = nil,
    template: SettlementTemplate, settings: WorkbookSettings
  ) {
    self.handover = handover
    self.plan = plan
    self.successorUnits = successorUnits
    self.decision = decision
    self.template = template
    self.settings = settings
  }

  public static let recordSheet = "Biên bản"
  /// The schedules' template shipped in `Templates/`.
  public static let templateFileName = "ban-giao.yaml"

  private var vi: Bool { language == .vi }

  /// The successors in code order (the order of the schedule "Theo đơn vị nhận").
  var successors: [UnitCode] { Set(handover.openings.map(\.line.unit)).sorted() }

  /// The abolished units that hand something over, in the order of the balances.
  var handingUnits: [UnitCode] {
    let units = Set(handover.balances.map(\.line.unit))
    let inPlan = plan.units.map(\.code).filter { units.contains($0) }
    return inPlan + units.subtracting(inPlan).sorted()
  }

  public func write(to path: String) throws {
    try ReportWriteError.wrapping(path) { try writeWorkbook(to: path) }
  }

  private func writeWorkbook(to path: String) throws {
    let date = handover.date.vietnamese
    let document = template.document.localized(language)
    let workbook = try Workbook.report(
      path: path, plan: plan.info,
      title: vi ? "Biên bản bàn giao số dư kinh phí đến ngày \(date)" : "Handover of balances as of \(date)",
      comments: "kinhphi handover — số liệu tính bằng đồng.", keywords: "bàn giao, số dư, \(handover.year)",
      created: created, interruption: interruption)
    let layout = SheetLayout(document: document)
    let context = TemplateContext(plan: plan.info, year: handover.year).adding(["date": date])
    var frame = SheetFrame(document: document, layout: layout, scale: scale, context: context)
    frame.draftMark = settings.draftMark

    let record = try workbook.addWorksheet(named: Self.recordSheet)
    try writeRecord(record, document: document, context: context, frame: frame)

    if let sheet = template.handoverBalancesSheet?.localized(language) {
      let worksheet = try workbook.addWorksheet(named: sheet.name)
      try frame.write(
        balancesTable(layout: layout, sheet: sheet, context: context), sheet: sheet, to: worksheet)
      try frame.freezeBelowHeadings(worksheet, columns: 0)
    }
    if let sheet = template.handoverReceiptsSheet?.localized(language) {
      let worksheet = try workbook.addWorksheet(named: sheet.name)
      try frame.write(
        successorsTable(layout: layout, sheet: sheet, context: context), sheet: sheet, to: worksheet)
      try frame.freezeBelowHeadings(worksheet, columns: 0)
    }
    try workbook.close()
  }

  // MARK: - The record

  /// The record itself, on one A4 portrait sheet as such records are signed: header, title, the
  /// grounds (căn cứ), time and place, the two sides (thành phần), what is handed over (a total per
  /// receiving unit, the schedules attached) and a signature block for the handing side and for
  /// every receiving unit. Blanks (.....) are filled in by hand, as on a printed form.
  func writeRecord(
    _ worksheet: Worksheet, document: DocumentStyle, context: TemplateContext, frame: SheetFrame
  ) throws {
    let columnCount = 6
    let columnWidth = 15.0
    try worksheet.setColumns(0...(columnCount - 1), width: columnWidth)
    let lineHeight = (Double(document.fontSize) * 1.3).rounded()
    func style(bold: Bool = false, italic: Bool = false, center: Bool = false, wrap: Bool = true) -> CellStyle
    {
      var style = CellStyle(
        fontName: document.font, fontSizePoints: Double(document.fontSize), verticalAlignment: .center)
      style.bold = bold
      style.italic = italic
      style.horizontalAlignment = center ? .center : .left
      style.wrapText = wrap
      return style
    }
    var row = 0
    func line(
      _ text: String, columns: ClosedRange<Int> = 0...(columnCount - 1), style: CellStyle,
      advance: Bool = true
    ) throws {
      let width = columnWidth * Double(columns.count)
      let lines = style.wrapText ? frame.wrappedLines(text, width: width) : 1
      try worksheet.merge(
        CellRange(
          firstRow: row, firstColumn: columns.lowerBound, lastRow: row, lastColumn: columns.upperBound),
        text: text, style: style)
      if lines > 1 { try worksheet.setRow(row, height: lineHeight * Double(lines) + 2) }
      if advance { row += 1 }
    }
    // Header block: issuer and office on the left, the motto on the right, the record's number.
    let left = document.headerLeft.map(context.fill)
    let right = document.headerRight.map(context.fill)
    for index in 0..<max(left.count, right.count) {
      if index < left.count {
        try line(
          left[index], columns: 0...2, style: style(bold: index == left.count - 1, center: true, wrap: false),
          advance: false)
      }
      if index < right.count {
        var motto = style(bold: true, center: true, wrap: false)
        motto.underline = index == right.count - 1
        try line(right[index], columns: 3...5, style: motto, advance: false)
      }
      row += 1
    }
    // The record's texts (Templates/ban-giao.yaml, `texts:`), filled from the handover. Signed on
    // the day of the meeting, which the figures do not know: place and date are filled in by hand.
    let recordContext = context.adding([
      "place": plan.info.place ?? "......", "decision": decision ?? "....../QĐ-UBND",
      "total": vi ? handover.total.grouped : handover.total.groupedEnglish,
      "units": handingUnits.map(unitName).joined(separator: "; "),
    ])
    func text(_ key: HandoverRecordText) throws -> String {
      recordContext.fill(try template.texts.text(key, language))
    }
    try line(try text(.number), columns: 0...2, style: style(center: true), advance: false)
    try line(try text(.placeDate), columns: 3...5, style: style(italic: true, center: true, wrap: false))
    row += 1
    var title = style(bold: true, center: true)
    title.fontSizePoints = Double(document.titleSize)
    try line(try text(.title), style: title)
    try line(try text(.subject), style: style(bold: true, center: true))
    row += 1
    for ground in try template.texts.lines(HandoverRecordText.grounds, language) {
      try line(recordContext.fill(ground), style: style(italic: true))
    }
    try line(try text(.meeting), style: style())
    let representative = try text(.representative)
    try line(try text(.handingSide), style: style(bold: true))
    try line(try text(.handingUnits), style: style())
    try line(representative, style: style())
    try line(try text(.receivingSide), style: style(bold: true))
    for (index, successor) in successors.enumerated() {
      try line("\(index + 1). \(successorUnitName(successor))", style: style(bold: true))
      try line("    " + representative, style: style())
    }
    try line(try text(.contentsHeading), style: style(bold: true))
    try line(try text(.contents), style: style())
    try receiptTable(
      worksheet, firstRow: row, document: document, frame: frame,
      headings: (try text(.receiptUnit), try text(.receiptAmount)))
    row += successors.count + 2
    row += 1
    try line(try text(.copies), style: style())
    row += 1
    // Signatures: the handing side, then one block per receiving unit, three to a row.
    let hint = try text(.signerHint)
    try line(try text(.handingSigner), columns: 3...5, style: style(bold: true, center: true))
    try line((plan.info.issuer ?? "").uppercased(), columns: 3...5, style: style(bold: true, center: true))
    try line(hint, columns: 3...5, style: style(italic: true, center: true))
    row += 4
    try line(try text(.receivingSigner), style: style(bold: true, center: true))
    for start in stride(from: 0, to: successors.count, by: 3) {
      let group = Array(successors[start..<min(start + 3, successors.count)])
      for (offset, successor) in group.enumerated() {
        try line(
          successorUnitName(successor).uppercased(), columns: (offset * 2)...(offset * 2 + 1),
          style: style(bold: true, center: true), advance: false)
      }
      let names = group.map { successorUnitName($0).uppercased() }
      let lines = names.map { frame.wrappedLines($0, width: columnWidth * 2) }.max() ?? 1
      try worksheet.setRow(row, height: lineHeight * Double(lines) + 2)
      row += 1
      for offset in group.indices {
        try line(
          hint, columns: (offset * 2)...(offset * 2 + 1), style: style(italic: true, center: true),
          advance: false)
      }
      row += 5
    }
    try worksheet.setPageSetup(
      PageSetup(
        paper: .a4, orientation: .portrait, fitToPages: (1, 0),
        margins: PageSetup.Margins(left: 0.8, right: 0.6, top: 0.6, bottom: 0.6),
        footer: document.footer.isEmpty ? nil : "&C" + document.footer, centerHorizontally: true,
        printArea: CellRange(firstRow: 0, firstColumn: 0, lastRow: row, lastColumn: columnCount - 1)))
  }

  /// STT · receiving unit · amount, with a total (a SUM whose cached value is the engine's total).
  private func receiptTable(
    _ worksheet: Worksheet, firstRow: Int, document: DocumentStyle, frame: SheetFrame,
    headings: (unit: String, amount: String)
  ) throws {
    var cell = CellStyle(
      fontName: document.font, fontSizePoints: Double(document.fontSize), borders: .all(.thin),
      verticalAlignment: .center)
    var heading = cell
    heading.bold = true
    heading.horizontalAlignment = .center
    heading.wrapText = true
    try worksheet.writeString("STT", row: firstRow, column: 0, style: heading)
    try worksheet.merge(
      CellRange(firstRow: firstRow, firstColumn: 1, lastRow: firstRow, lastColumn: 3),
      text: headings.unit, style: heading)
    try worksheet.merge(
      CellRange(firstRow: firstRow, firstColumn: 4, lastRow: firstRow, lastColumn: 5),
      text: headings.amount, style: heading)
    var money = cell
    money.horizontalAlignment = .right
    money.numberFormat = document.numberFormats[scale]
    var center = cell
    center.horizontalAlignment = .center
    cell.wrapText = true
    let bySuccessor = Dictionary(grouping: handover.openings, by: \.line.unit)
    for (index, successor) in successors.enumerated() {
      let row = firstRow + 1 + index
      try worksheet.writeString(String(index + 1), row: row, column: 0, style: center)
      try worksheet.merge(
        CellRange(firstRow: row, firstColumn: 1, lastRow: row, lastColumn: 3),
        text: successorUnitName(successor),
        style: cell)
      try worksheet.merge(
        CellRange(firstRow: row, firstColumn: 4, lastRow: row, lastColumn: 5), text: "", style: money)
      try worksheet.writeInteger(
        (bySuccessor[successor] ?? []).map(\.amount).sum().dong, row: row, column: 4, style: money)
    }
    let totalRow = firstRow + 1 + successors.count
    var total = money
    total.bold = true
    var totalLabel = cell
    totalLabel.bold = true
    try worksheet.writeBlank(row: totalRow, column: 0, style: totalLabel)
    try worksheet.merge(
      CellRange(firstRow: totalRow, firstColumn: 1, lastRow: totalRow, lastColumn: 3),
      text: vi ? "TỔNG CỘNG" : "TOTAL", style: totalLabel)
    try worksheet.merge(
      CellRange(firstRow: totalRow, firstColumn: 4, lastRow: totalRow, lastColumn: 5), text: "", style: total)
    let sum =
      successors.isEmpty
      ? "=0"
      : "=SUM(\(FormulaText.cell(row: firstRow + 1, column: 4)):\(FormulaText.cell(row: totalRow - 1, column: 4)))"
    try worksheet.writeFormula(
      sum, cachedInteger: handover.total.dong, row: totalRow, column: 4, style: total)
  }

  private func unitName(_ unit: UnitCode) -> String {
    (plan.unitByCode[unit] ?? successorUnits[unit])?.name ?? unit.rawValue
  }

  private func successorUnitName(_ unit: UnitCode) -> String {
    (successorUnits[unit] ?? plan.unitByCode[unit])?.name ?? unit.rawValue
  }

  private func name(_ unit: UnitCode) -> String {
    (plan.unitByCode[unit] ?? successorUnits[unit]).map { "\($0.name) (\(unit))" } ?? unit.rawValue
  }

  private func successorName(_ unit: UnitCode) -> String {
    (successorUnits[unit] ?? plan.unitByCode[unit]).map { "\($0.name) (\(unit))" } ?? unit.rawValue
  }

  private func sourceName(_ source: SourceCode) -> String {
    plan.sourceByCode[source]?.name ?? source.rawValue
  }

  /// The template's columns with the settlement forms' numbering: letters for the text columns,
  /// numbers for the amounts; `lastNumber` replaces the last column's (a check written as its
  /// formula, "3=1-2").
  private func columns<Show>(
    _ sheet: TemplateSheet<Show>, context: TemplateContext, lastNumber: String? = nil,
    kind: (Show) -> ColumnKind
  ) -> [TableColumn] {
    var letters = 0
    var figures = 0
    return sheet.columns.enumerated().map { index, templateColumn in
      let columnKind = kind(templateColumn.show)
      let number: String
      if columnKind == .money {
        figures += 1
        number = String(figures)
      } else {
        number = FormulaText.columnName(letters)
        letters += 1
      }
      let heading = context.fill(templateColumn.heading)
      var column = TableColumn(
        heading: heading, number: number, kind: columnKind, fixedWidth: templateColumn.width)
      if index == sheet.columns.count - 1, let lastNumber {
        column = TableColumn(
          heading: heading, number: lastNumber, kind: columnKind, fixedWidth: templateColumn.width)
        // The check prints its 0, as on the settlement workbook's Tổng hợp.
        column.numberFormat = ReportTables.zeroShown(template.document.numberFormats[scale])
      }
      return column
    }
  }

  /// One group per balance (old unit · source · activity · origin), its parts under it; the group's
  /// received cell is the SUM of its parts and must equal the balance (the check column shows 0).
  func balancesTable(
    layout: SheetLayout, sheet: TemplateSheet<HandoverBalanceColumn>, context: TemplateContext
  ) -> TableContent {
    let vi = language == .vi
    // The columns stand in the enum's order (`fixedOrder`): the rows below count on it.
    let columns = columns(sheet, context: context, lastNumber: "3=1-2") { show in
      switch show {
      case .stt: .centeredText
      case .unit: .text(maxWidth: 45)
      case .source: .text(maxWidth: 34)
      case .activity: .text(maxWidth: 44)
      case .originYear: .integer
      case .balance, .received, .check: .money
      }
    }
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
            .text(String(index + 1)), .text(name(balance.line.unit)), .text(sourceName(balance.line.source)),
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
  func successorsTable(
    layout: SheetLayout, sheet: TemplateSheet<HandoverReceiptColumn>, context: TemplateContext
  ) -> TableContent {
    let vi = language == .vi
    // The columns stand in the enum's order (`fixedOrder`): the rows below count on it.
    let columns = columns(sheet, context: context) { show in
      switch show {
      case .stt: .centeredText
      case .successor: .text(maxWidth: 50)
      case .source: .text(maxWidth: 34)
      case .originYear: .integer
      case .entry: .text(maxWidth: 22)
      case .amount: .money
      case .from: .text(maxWidth: 30)
      }
    }
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
              .text(sourceName(opening.line.source)), .integer(opening.originYear),
              .text(opening.kind.label.text(language)), .money(opening.amount),
              .text(opening.fromUnits.map(unitName).joined(separator: "; ")),
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

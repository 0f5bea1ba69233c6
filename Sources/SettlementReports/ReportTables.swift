import BudgetCore
import BudgetEngine

/// Turns the report models into renderer-neutral tables following a template sheet: which columns,
/// in which order, with which headings; where the formulas go and what they must equal.
struct ReportTables {
  let plan: Plan
  let layout: SheetLayout
  let language: Language
  /// The document's money format for the chosen scale; the check column derives its own from it.
  var moneyFormat: String? = nil

  // MARK: Figure tables (Tổng hợp, Theo nội dung, Theo đơn vị)

  func figures(_ table: FigureTable, sheet: TemplateSheet<FigureColumn>) -> TableContent {
    let figureColumns = Dictionary(
      uniqueKeysWithValues: sheet.columns.enumerated().compactMap { index, column in
        column.show.figure.map { ($0, index) }
      })
    let columns = sheet.columns.map { column -> TableColumn in
      let kind: ColumnKind
      switch column.show {
      case .stt: kind = .centeredText
      case .label: kind = .text(maxWidth: 55)
      case .note: kind = .text(maxWidth: 30)
      case .figure: kind = .money
      }
      var tableColumn = TableColumn(
        heading: column.heading, number: figureNumber(column.show, sheet: sheet), kind: kind,
        fixedWidth: column.width)
      if column.show == .note {
        // Room for a remark written by hand on the printed form, clear of the amount on its left.
        tableColumn.minimumWidth = 20
        tableColumn.indent = 1
      }
      if column.show == .figure(.check) { tableColumn.numberFormat = Self.zeroShown(moneyFormat) }
      return tableColumn
    }
    let rows = table.rows.enumerated().map { index, row -> TableRow in
      let sheetRow = layout.firstDataRow + index
      let cells = sheet.columns.map { column -> CellContent in
        switch column.show {
        case .stt: .text(row.stt)
        case .label: .text(row.label)
        case .note: row.note.isEmpty ? .empty : .text(row.note)
        case .figure(let kind): figureCell(kind, row: row, sheetRow: sheetRow, columns: figureColumns)
        }
      }
      return TableRow(emphasis: RowEmphasis(row.kind), cells: cells)
    }
    return TableContent(columns: columns, rows: rows)
  }

  /// The money format with its zero section as "0": the check column says "must be 0", so its zero
  /// prints as 0 rather than the "-" of the other columns.
  static func zeroShown(_ format: String?) -> String? {
    guard let format else { return nil }
    let sections = format.split(separator: ";", omittingEmptySubsequences: false)
    guard sections.count == 3 else { return format }
    return sections[0] + ";" + sections[1] + ";0"
  }

  /// A figure cell: the row identities as formulas where their parts are on the sheet, subtotals
  /// as SUM over the rows they add up, and exact engine values everywhere else.
  private func figureCell(
    _ figure: FigureKind, row: FigureRow, sheetRow: Int, columns: [FigureKind: Int]
  ) -> CellContent {
    let value = figure.value(of: row.figures)
    func ref(_ kind: FigureKind) -> String? {
      columns[kind].map { FormulaText.cell(row: sheetRow, column: $0) }
    }
    switch figure {
    case .available:
      if let carriedIn = ref(.carriedIn), let allocated = ref(.allocated) {
        return .formula("\(carriedIn)+\(allocated)", cached: value)
      }
    case .check:
      if let available = ref(.available), let settled = ref(.settled), let carryOver = ref(.carryOver),
        let cancelled = ref(.cancelled)
      {
        return .formula("\(available)-\(settled)-\(carryOver)-\(cancelled)", cached: value)
      }
    default: break
    }
    if row.isSum, let column = columns[figure] {
      let childRows = row.children.map { layout.firstDataRow + $0 }
      return .formula(FormulaText.sum(rows: childRows, column: column), cached: value)
    }
    return .money(value)
  }

  /// The numbering row under the headings: letters for text columns, numbers for figures, and the
  /// identities spelled out ("3=1+2") the way settlement forms do.
  private func figureNumber(_ show: FigureColumn, sheet: TemplateSheet<FigureColumn>) -> String {
    let figureShows = sheet.columns.map(\.show).filter { $0.figure != nil }
    let textShows = sheet.columns.map(\.show).filter { $0.figure == nil }
    guard let figure = show.figure, let position = figureShows.firstIndex(of: show)
    else {
      return FormulaText.columnName(textShows.firstIndex(of: show) ?? 0)
    }
    func number(_ kind: FigureKind) -> String? {
      figureShows.firstIndex(of: .figure(kind)).map { String($0 + 1) }
    }
    let own = String(position + 1)
    switch figure {
    case .available:
      if let a = number(.carriedIn), let b = number(.allocated) { return "\(own)=\(a)+\(b)" }
    case .check:
      if let a = number(.available), let b = number(.settled), let c = number(.carryOver),
        let d = number(.cancelled)
      {
        return "\(own)=\(a)-\(b)-\(c)-\(d)"
      }
    default: break
    }
    return own
  }

  // MARK: Chi tiết chi

  /// The payments, their TỔNG CỘNG, and — given the year's overspending — the two rows that take
  /// the total (giải ngân) to the amount proposed for settlement, so the sheet's figures agree with
  /// Tổng hợp's "Số đề nghị quyết toán".
  func payments(_ payments: [Payment], sheet: TemplateSheet<PaymentColumn>, overspent: Money? = nil)
    -> TableContent
  {
    let columns = sheet.columns.enumerated().map { index, column -> TableColumn in
      let kind: ColumnKind
      switch column.show {
      case .date: kind = .date
      case .year: kind = .integer
      case .amount: kind = .money
      case .quantity: kind = .quantity
      case .sourceCode, .activityCode, .unitCode: kind = .centeredText
      // Names wrap in two or three lines; wider columns would only shrink the printed font.
      case .source: kind = .text(maxWidth: 30)
      case .activity: kind = .text(maxWidth: 36)
      case .unit: kind = .text(maxWidth: 20)
      case .description: kind = .text(maxWidth: 38)
      case .id, .voucher, .reverses, .location: kind = .text(maxWidth: 24)
      }
      return TableColumn(
        heading: column.heading, number: String(index + 1), kind: kind, fixedWidth: column.width)
    }
    var rows = payments.map { payment in
      TableRow(
        emphasis: .detail(level: 0),
        cells: sheet.columns.map { column in
          switch column.show {
          case .id: .text(payment.id)
          case .voucher: payment.voucher.map(CellContent.text) ?? .empty
          case .date: .date(payment.date)
          case .year: .integer(payment.year)
          case .source: .text(plan.sourceByCode[payment.source]?.name ?? payment.source.rawValue)
          case .activity: .text(plan.activityByCode[payment.activity]?.name ?? payment.activity.rawValue)
          case .unit: .text(plan.unitByCode[payment.unit]?.name ?? payment.unit.rawValue)
          case .sourceCode: .text(payment.source.rawValue)
          case .activityCode: .text(payment.activity.rawValue)
          case .unitCode: .text(payment.unit.rawValue)
          case .amount: .money(payment.amount)
          case .quantity: payment.quantity.map(CellContent.quantity) ?? .empty
          case .description: payment.description.map(CellContent.text) ?? .empty
          case .reverses: payment.reverses.map(CellContent.text) ?? .empty
          case .location: .text(payment.location.description)
          }
        })
    }
    let total = payments.map(\.amount).sum()
    rows.append(
      totalRow(columns: sheet.columns, detailRows: payments.count) { show in
        show == .amount ? total : nil
      })
    guard let overspent, let amount = sheet.index(of: .amount) else {
      return TableContent(columns: columns, rows: rows)
    }
    let vi = language == .vi
    let totalCell = FormulaText.cell(row: layout.firstDataRow + payments.count, column: amount)
    let overspentCell = FormulaText.cell(row: layout.firstDataRow + payments.count + 1, column: amount)
    func labelled(_ label: String, _ value: CellContent, emphasis: RowEmphasis) -> TableRow {
      TableRow(
        emphasis: emphasis,
        cells: sheet.columns.indices.map { index in
          index == amount ? value : index == 0 ? .text(label) : .empty
        },
        labelSpan: amount > 0 ? 0...(amount - 1) : nil)
    }
    rows.append(
      labelled(
        vi
          ? "Trừ: chi vượt dự toán, không đề nghị quyết toán"
          : "Less: spending beyond the budget, not proposed for settlement",
        .money(overspent), emphasis: .detail(level: 0)))
    rows.append(
      labelled(
        vi ? "KINH PHÍ ĐỀ NGHỊ QUYẾT TOÁN" : "PROPOSED FOR SETTLEMENT",
        .formula("\(totalCell)-\(overspentCell)", cached: total - overspent), emphasis: .total))
    return TableContent(columns: columns, rows: rows)
  }

  /// A TỔNG CỘNG row after `detailRows` data rows: SUM over each money column the closure values.
  private func totalRow<Show>(
    columns: [TemplateColumn<Show>], detailRows: Int, total: (Show) -> Money?
  ) -> TableRow {
    var labelled = false
    let firstAmount = columns.firstIndex { total($0.show) != nil }
    let cells = columns.enumerated().map { index, column -> CellContent in
      if let value = total(column.show) {
        return .formula(
          FormulaText.columnTotal(firstRow: layout.firstDataRow, rows: detailRows, column: index),
          cached: value)
      }
      if !labelled {
        labelled = true
        return .text(language == .vi ? "TỔNG CỘNG" : "TOTAL")
      }
      return .empty
    }
    // The label spans the text columns before the first amount (TỔNG CỘNG in a narrow id column
    // would wrap).
    let labelSpan = firstAmount.flatMap { $0 > 1 ? 0...($0 - 1) : nil }
    return TableRow(emphasis: .total, cells: cells, labelSpan: labelSpan)
  }

  // MARK: Kiểm tra

  func findings(
    _ findings: [Finding], summaries: [FindingsTable.CodeSummary] = [], identities: [IdentityCheck],
    sheet: TemplateSheet<FindingColumn>
  ) -> TableContent {
    let columns = sheet.columns.enumerated().map { index, column -> TableColumn in
      let kind: ColumnKind
      switch column.show {
      case .stt, .severity, .code, .year: kind = .centeredText
      case .amount: kind = .money
      case .label: kind = .text(maxWidth: 24)
      case .message: kind = .text(maxWidth: 64)
      case .line: kind = .text(maxWidth: 30)
      case .location, .id: kind = .text(maxWidth: 20)
      }
      var tableColumn = TableColumn(
        heading: column.heading, number: String(index + 1), kind: kind, fixedWidth: column.width)
      // The identity checks under the findings must show their 0.
      if column.show == .amount { tableColumn.numberFormat = Self.zeroShown(moneyFormat) }
      return tableColumn
    }
    var rows = findings.enumerated().map { index, finding in
      TableRow(
        emphasis: .detail(level: 0),
        cells: sheet.columns.map { column in
          switch column.show {
          case .stt: .text(String(index + 1))
          case .severity: .text(finding.severity.title.text(language))
          case .label: .text(finding.code.label.text(language))
          case .code: .text(finding.code.rawValue)
          case .year: finding.year.map(CellContent.integer) ?? .empty
          case .line: finding.lineDescription.isEmpty ? .empty : .text(finding.lineDescription)
          case .amount: finding.amount.map(CellContent.money) ?? .empty
          case .location: finding.location.map { .text($0.description) } ?? .empty
          case .id: finding.rowID.map(CellContent.text) ?? .empty
          case .message: .text(finding.message.text(language))
          }
        })
    }
    // Findings summarized by code (info findings unless asked for in full): one row each.
    for (offset, summary) in summaries.enumerated() {
      rows.append(
        TableRow(
          emphasis: .detail(level: 0),
          cells: sheet.columns.map { column in
            switch column.show {
            case .stt: .text(String(findings.count + offset + 1))
            case .severity: .text(summary.severity.title.text(language))
            case .label: .text(summary.code.label.text(language))
            case .code: .text(summary.code.rawValue)
            case .year: summary.year.map(CellContent.integer) ?? .empty
            case .amount: summary.total.map(CellContent.money) ?? .empty
            case .message: .text(Self.summaryMessage(summary, language: language))
            case .line, .location, .id: .empty
            }
          }))
    }
    if findings.isEmpty && summaries.isEmpty {
      rows.append(
        TableRow(
          emphasis: .detail(level: 0),
          cells: sheet.columns.map { column in
            column.show == .message
              ? .text(language == .vi ? "Không có phát hiện nào." : "No findings.") : .empty
          }))
    }
    guard !identities.isEmpty else { return TableContent(columns: columns, rows: rows) }
    rows.append(
      TableRow(
        emphasis: .group(level: 0),
        cells: sheet.columns.map { column in
          column.show == .message
            ? .text(language == .vi ? "ĐẲNG THỨC KIỂM TRA (phải bằng 0)" : "IDENTITY CHECKS (must be 0)")
            : .empty
        }))
    for identity in identities {
      rows.append(
        TableRow(
          emphasis: .detail(level: 0),
          cells: sheet.columns.map { column in
            switch column.show {
            case .severity: .text(language == .vi ? "Kiểm tra" : "Check")
            case .amount: .formula(identity.formula, cached: .zero)
            case .message: .text(identity.description)
            case .stt, .label, .code, .year, .line, .location, .id: .empty
            }
          }))
    }
    return TableContent(columns: columns, rows: rows)
  }

  /// What a summary row says: how many findings it stands for, that its amount is their total, and
  /// how to list them.
  static func summaryMessage(_ summary: FindingsTable.CodeSummary, language: Language) -> String {
    let total = summary.total != nil
    return language == .vi
      ? "\(Money.group(Int64(summary.count), separator: ".")) phát hiện cùng mã, gộp thành một dòng\(total ? "; số tiền là tổng của chúng" : "")."
        + " Xem từng phát hiện: kinhphi settle … --all-findings (hoặc kinhphi check --all)."
      : "\(Money.group(Int64(summary.count), separator: ",")) findings of this code on one row\(total ? "; the amount is their total" : "")."
        + " To list each one: kinhphi settle … --all-findings (or kinhphi check --all)."
  }

  // MARK: Chuyển nguồn

  func carryOver(_ schedule: [CarryOverRow], sheet: TemplateSheet<CarryOverColumn>) -> TableContent {
    let columns = sheet.columns.enumerated().map { index, column -> TableColumn in
      let kind: ColumnKind
      switch column.show {
      case .stt: kind = .centeredText
      case .originYear, .usableThrough: kind = .integer
      case .unspent, .carryOver, .cancelled, .carryOverUndrawn, .carryOverAdvance, .lapsedAdvance:
        kind = .money
      case .source, .activity, .unit: kind = .text(maxWidth: 40)
      }
      return TableColumn(
        heading: column.heading, number: String(index + 1), kind: kind, fixedWidth: column.width)
    }
    var rows = schedule.enumerated().map { index, row in
      TableRow(
        emphasis: .detail(level: 0),
        cells: sheet.columns.map { column -> CellContent in
          switch column.show {
          case .stt: .text(String(index + 1))
          case .source: .text("\(row.sourceName) (\(row.key.source))")
          case .activity: .text(row.activityName)
          case .unit: .text(row.unitName)
          case .originYear: .integer(row.originYear)
          case .usableThrough: .integer(row.usableThroughYear)
          case .unspent: .money(row.unspent)
          case .carryOver: .money(row.carryOver)
          case .cancelled: .money(row.cancelled)
          case .carryOverUndrawn: .money(row.carryOverUndrawn)
          case .carryOverAdvance: .money(row.carryOverAdvance)
          case .lapsedAdvance: .money(row.lapsedAdvance)
          }
        })
    }
    rows.append(
      totalRow(columns: sheet.columns, detailRows: schedule.count) { show in
        switch show {
        case .unspent: schedule.map(\.unspent).sum()
        case .carryOver: schedule.map(\.carryOver).sum()
        case .cancelled: schedule.map(\.cancelled).sum()
        case .carryOverUndrawn: schedule.map(\.carryOverUndrawn).sum()
        case .carryOverAdvance: schedule.map(\.carryOverAdvance).sum()
        case .lapsedAdvance: schedule.map(\.lapsedAdvance).sum()
        case .stt, .source, .activity, .unit, .originYear, .usableThrough: nil
        }
      })
    return TableContent(columns: columns, rows: rows)
  }

  // MARK: Biểu đồ (the chart's data table)

  /// One row per source: its amounts and, for `*_share` columns, the amount as a share of what was
  /// available (a formula over the row's cells when both are on the sheet), then the total. Shares
  /// are display values (a Double), never amounts.
  func chartData(_ bySource: [(label: String, figures: Figures)], sheet: TemplateSheet<ChartColumn>)
    -> TableContent
  {
    let columns = sheet.columns.enumerated().map { index, column in
      let kind: ColumnKind
      switch column.show {
      case .label: kind = .text(maxWidth: 40)
      case .spentShare, .settledShare, .carryOverShare, .cancelledShare: kind = .percent
      case .available, .spent, .settled, .carryOver, .cancelled, .allocated: kind = .money
      }
      return TableColumn(
        heading: column.heading, number: String(index + 1), kind: kind, fixedWidth: column.width)
    }
    let availableColumn = sheet.index(of: .available)
    /// `figure` as a share of what was available: a formula over the row's cells when both are on
    /// the sheet.
    func share(_ figure: FigureKind, _ figures: Figures, sheetRow: Int) -> CellContent {
      let share =
        figures.available.isPositive
        ? Double(figure.value(of: figures).dong) / Double(figures.available.dong) : 0
      guard let availableColumn, let part = sheet.columns.firstIndex(where: { $0.show.figure == figure })
      else { return .ratioFormula(String(share), cached: share) }
      let available = FormulaText.cell(row: sheetRow, column: availableColumn)
      let value = FormulaText.cell(row: sheetRow, column: part)
      // A source with nothing available has no share: 0, not a division by zero.
      return .ratioFormula(figures.available.isPositive ? "\(value)/\(available)" : "0", cached: share)
    }
    func cells(_ label: String, _ figures: Figures, sheetRow: Int) -> [CellContent] {
      sheet.columns.map { column in
        switch column.show {
        case .label: .text(label)
        case .available: .money(figures.available)
        case .spent: .money(figures.spent)
        case .settled: .money(figures.settled)
        case .carryOver: .money(figures.carryOver)
        case .cancelled: .money(figures.cancelled)
        case .allocated: .money(figures.allocated)
        case .spentShare: share(.spent, figures, sheetRow: sheetRow)
        case .settledShare: share(.settled, figures, sheetRow: sheetRow)
        case .carryOverShare: share(.carryOver, figures, sheetRow: sheetRow)
        case .cancelledShare: share(.cancelled, figures, sheetRow: sheetRow)
        }
      }
    }
    var rows = bySource.enumerated().map { index, entry in
      TableRow(
        emphasis: .detail(level: 0),
        cells: cells(entry.label, entry.figures, sheetRow: layout.firstDataRow + index))
    }
    let totalFigures = bySource.map(\.figures).sum()
    var total = totalRow(columns: sheet.columns, detailRows: bySource.count) { show in
      show.figure.map { kind in kind.value(of: totalFigures) }
    }
    let totalShares = cells("", totalFigures, sheetRow: layout.firstDataRow + bySource.count)
    total = TableRow(
      emphasis: .total,
      cells: zip(total.cells, totalShares).map { cell, share in
        if case .ratioFormula = share { return share }
        return cell
      }, labelSpan: total.labelSpan)
    rows.append(total)
    return TableContent(columns: columns, rows: rows)
  }
}

/// A cross-sheet identity shown on the Kiểm tra sheet: a formula that must evaluate to 0.
struct IdentityCheck {
  let description: String
  let formula: String
}

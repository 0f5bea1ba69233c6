import BudgetCore
import BudgetEngine

/// Everything a what-if comparison shows: one or more scenarios of the same year against the baseline,
/// and optionally a sweep of the first scenario.
public struct ComparisonReport: Sendable {
  public let comparisons: [ScenarioComparison]
  public let sweep: SweepResult?
  public let plan: Plan

  public init(comparisons: [ScenarioComparison], sweep: SweepResult? = nil, plan: Plan) {
    precondition(!comparisons.isEmpty, "a comparison needs at least one scenario")
    precondition(
      Set(comparisons.map(\.scenario.year)).count == 1, "the command checks the scenarios share a year")
    self.comparisons = comparisons
    self.sweep = sweep
    self.plan = plan
  }

  public var year: Int { comparisons[0].scenario.year }
  public var baseline: YearSettlement { comparisons[0].baseline }

  /// Every line of the year in the baseline or any scenario, in plan order.
  var lineKeys: [LineKey] {
    Set(comparisons.flatMap { $0.lines.map(\.key) }).sorted { plan.planOrder($0, $1) }
  }

  /// Every source of the year in the baseline or any scenario, in plan order.
  var sources: [SourceCode] {
    Set(comparisons.flatMap { $0.sources.map(\.source) }).sorted {
      (plan.sourceOrder[$0] ?? Int.max, $0.rawValue) < (plan.sourceOrder[$1] ?? Int.max, $1.rawValue)
    }
  }
}

/// A sweep's text (`scale.percent=-50..0 step 5`) and what each value did.
public struct SweepResult: Sendable {
  public let text: String
  public let points: [ScenarioSweep.Point]

  public init(text: String, points: [ScenarioSweep.Point]) {
    self.text = text
    self.points = points
  }
}

/// The short label of scenario `index` in headings ("KB1"); the full names stand in the legend.
enum ScenarioLabel {
  static func short(_ index: Int, language: Language = .vi) -> String {
    (language == .vi ? "KB" : "S") + String(index + 1)
  }
}

/// A template column after the per-scenario columns were repeated once per scenario.
struct ComparisonColumn<Show: ScenarioColumnKind>: Hashable {
  let show: Show
  let heading: String
  let width: Int?
  /// Which scenario a per-scenario column belongs to.
  let scenario: Int?

  /// The template's shared columns in order, then each scenario's columns headed with its short
  /// label, then the status (one scenario: the template's order unchanged). `dropping` leaves out
  /// per-scenario columns (a sheet too wide for A4 at a readable size).
  static func expand(
    _ columns: [TemplateColumn<Show>], names: [String], dropping: Set<Show> = [], language: Language = .vi
  ) -> [ComparisonColumn] {
    let kept = columns.filter { !($0.show.isPerScenario && dropping.contains($0.show)) }
    if names.count == 1 {
      return kept.map {
        ComparisonColumn(
          show: $0.show, heading: $0.heading, width: $0.width, scenario: $0.show.isPerScenario ? 0 : nil)
      }
    }
    let shared = kept.filter { !$0.show.isPerScenario }
    var out = shared.filter { !$0.show.standsLast }.map {
      ComparisonColumn(show: $0.show, heading: $0.heading, width: $0.width, scenario: nil)
    }
    for index in names.indices {
      for column in kept where column.show.isPerScenario {
        out.append(
          ComparisonColumn(
            show: column.show, heading: "\(column.heading) \(ScenarioLabel.short(index, language: language))",
            width: column.width, scenario: index))
      }
    }
    out += shared.filter { $0.show.standsLast }.map {
      ComparisonColumn(show: $0.show, heading: $0.heading, width: $0.width, scenario: nil)
    }
    return out
  }
}

/// Builds the renderer-neutral tables of the comparison workbook.
struct ComparisonTables {
  let report: ComparisonReport
  let layout: SheetLayout
  let language: Language

  private var vi: Bool { language == .vi }
  private var totalLabel: String { vi ? "TỔNG CỘNG" : "TOTAL" }

  init(report: ComparisonReport, layout: SheetLayout, language: Language) {
    self.report = report
    self.layout = layout
    self.language = language
  }

  /// A column of the table: its heading, its number (1, 2, …), how its cells look.
  private func tableColumn(heading: String, index: Int, kind: ColumnKind, width: Int?) -> TableColumn {
    TableColumn(heading: heading, number: String(index + 1), kind: kind, fixedWidth: width)
  }

  /// Ratios are written after the table (not money), so their width cannot come from the content.
  private func width<Show>(_ column: ComparisonColumn<Show>) -> Int? {
    column.width ?? (column.show == .deltaPercent ? 9 : nil)
  }

  // MARK: Lines

  private func lineColumns(_ columns: [ComparisonColumn<LineComparisonColumn>]) -> [TableColumn] {
    columns.enumerated().map { index, column in
      let kind: ColumnKind
      switch column.show {
      case .stt, .source, .deltaPercent: kind = .centeredText
      case .activity: kind = .text(maxWidth: 36)
      case .unit: kind = .text(maxWidth: 22)
      case .status: kind = .text(maxWidth: 28)
      case .spent, .baseline, .scenario, .delta: kind = .money
      }
      return tableColumn(heading: column.heading, index: index, kind: kind, width: width(column))
    }
  }

  /// Baseline and scenarios per line, Δ as a formula; Δ % cells are left for the writer (ratios are
  /// not money). `changedOnly`: only the lines a scenario changes or breaks (the sheet an officer
  /// reads); otherwise every line of the year. A total row closes the table.
  func lines(_ columns: [ComparisonColumn<LineComparisonColumn>], changedOnly: Bool = false) -> TableContent {
    let baseline = Dictionary(uniqueKeysWithValues: report.baseline.lines.map { ($0.key, $0.figures) })
    let scenarios = report.comparisons.map { comparison in
      Dictionary(uniqueKeysWithValues: comparison.result.lines.map { ($0.key, $0.figures) })
    }
    let brokenByLine = report.comparisons.map { comparison in
      Dictionary(grouping: comparison.broken) { entry -> LineKey? in
        let finding = entry.finding
        guard let year = finding.year, let source = finding.source, let activity = finding.activity,
          let unit = finding.unit
        else { return nil }
        return LineKey(year: year, source: source, activity: activity, unit: unit)
      }
    }
    func allocated(_ key: LineKey, scenario: Int?) -> Money {
      scenario.map { scenarios[$0][key]?.allocated ?? .zero } ?? (baseline[key]?.allocated ?? .zero)
    }
    let keys = report.lineKeys.filter { key in
      !changedOnly
        || report.comparisons.indices.contains { index in
          allocated(key, scenario: index) != allocated(key, scenario: nil) || brokenByLine[index][key] != nil
        }
    }
    let several = report.comparisons.count > 1
    let positions = Positions(columns)
    var rows: [TableRow] = []
    for (index, key) in keys.enumerated() {
      let sheetRow = layout.firstDataRow + index
      let cells = columns.map { column -> CellContent in
        let before = allocated(key, scenario: nil)
        let after = column.scenario.map { allocated(key, scenario: $0) } ?? .zero
        switch column.show {
        case .stt: return .text(String(index + 1))
        case .source: return .text(key.source.rawValue)
        case .activity: return .text(report.plan.activityByCode[key.activity]?.name ?? key.activity.rawValue)
        case .unit: return .text(report.plan.unitByCode[key.unit]?.name ?? key.unit.rawValue)
        case .spent: return .money(baseline[key]?.spent ?? .zero)
        case .baseline, .scenario, .delta, .deltaPercent:
          return changeCell(column, before: before, after: after, sheetRow: sheetRow, positions: positions)
        case .status:
          let entries = report.comparisons.indices.flatMap { scenario in
            (brokenByLine[scenario][key] ?? []).map {
              (several ? ScenarioLabel.short(scenario, language: language) + ": " : "") + status($0)
            }
          }
          return entries.isEmpty ? .empty : .text(entries.joined(separator: "; "))
        }
      }
      rows.append(TableRow(emphasis: .detail(level: 0), cells: cells))
    }
    rows.append(
      totalRow(
        columns, detailRows: keys.count,
        label: changedOnly ? (vi ? "Cộng các dòng thay đổi" : "Changed lines") : totalLabel
      ) { column in
        switch column.show {
        case .spent: return keys.map { baseline[$0]?.spent ?? .zero }.sum()
        case .baseline: return keys.map { allocated($0, scenario: nil) }.sum()
        case .scenario: return keys.map { allocated($0, scenario: column.scenario) }.sum()
        case .delta:
          return keys.map { allocated($0, scenario: column.scenario) - allocated($0, scenario: nil) }.sum()
        case .stt, .source, .activity, .unit, .deltaPercent, .status: return nil
        }
      })
    return TableContent(columns: lineColumns(columns), rows: rows)
  }

  /// `Chi vượt dự toán 5.000.000` — what broke, in words, with the amount.
  private func status(_ entry: BrokenFinding) -> String {
    let amount = entry.finding.amount.map { " " + (vi ? $0.grouped : $0.groupedEnglish) } ?? ""
    return entry.finding.code.label.text(language) + amount
  }

  /// Where each expanded column stands, by what it shows and whose scenario it is.
  private struct Positions<Show: ScenarioColumnKind> {
    private let index: [ComparisonColumn<Show>.Key: Int]

    init(_ columns: [ComparisonColumn<Show>]) {
      index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.key, $0) })
    }

    subscript(show: Show, scenario: Int?) -> Int? {
      index[ComparisonColumn<Show>.Key(show: show, scenario: scenario)]
    }
  }

  /// The cell of a column every comparison sheet has: the baseline, the scenario, Δ (a formula
  /// over the two when both are on the sheet), Δ % (written by the workbook as a ratio formula once
  /// the table is laid out).
  private func changeCell<Show>(
    _ column: ComparisonColumn<Show>, before: Money, after: Money, sheetRow: Int, positions: Positions<Show>
  ) -> CellContent {
    switch column.show {
    case .baseline: .money(before)
    case .scenario: .money(after)
    case .delta:
      deltaCell(
        before: before, after: after, sheetRow: sheetRow, positions: positions, scenario: column.scenario)
    default: .empty
    }
  }

  private func deltaCell<Show>(
    before: Money, after: Money, sheetRow: Int, positions: Positions<Show>, scenario: Int?
  ) -> CellContent {
    guard let base = positions[.baseline, nil], let scenario, let value = positions[.scenario, scenario]
    else {
      return .money(after - before)
    }
    return .formula(
      "\(FormulaText.cell(row: sheetRow, column: value))-\(FormulaText.cell(row: sheetRow, column: base))",
      cached: after - before)
  }

  // MARK: Sources

  func sources(_ columns: [ComparisonColumn<SourceComparisonColumn>]) -> TableContent {
    let codes = report.sources
    let positions = Positions(columns)
    func figures(_ comparison: ScenarioComparison, _ code: SourceCode, baseline: Bool) -> Money {
      let entry = comparison.sources.first { $0.source == code }
      return (baseline ? entry?.baseline.allocated : entry?.scenario.allocated) ?? .zero
    }
    var rows: [TableRow] = []
    for (index, code) in codes.enumerated() {
      let sheetRow = layout.firstDataRow + index
      let before = figures(report.comparisons[0], code, baseline: true)
      let cells = columns.map { column -> CellContent in
        let after = column.scenario.map { figures(report.comparisons[$0], code, baseline: false) } ?? .zero
        switch column.show {
        case .stt: return .text(String(index + 1))
        case .label:
          let name = report.plan.sourceByCode[code]?.name
          return .text(name.map { "\(code) — \($0)" } ?? code.rawValue)
        case .baseline, .scenario, .delta, .deltaPercent:
          return changeCell(column, before: before, after: after, sheetRow: sheetRow, positions: positions)
        }
      }
      rows.append(TableRow(emphasis: .detail(level: 0), cells: cells))
    }
    rows.append(totalRow(columns, detailRows: codes.count, total: allocatedTotal))
    let tableColumns = columns.enumerated().map { index, column in
      let kind: ColumnKind
      switch column.show {
      case .stt, .deltaPercent: kind = .centeredText
      case .label: kind = .text(maxWidth: 45)
      case .baseline, .scenario, .delta: kind = .money
      }
      return tableColumn(heading: column.heading, index: index, kind: kind, width: width(column))
    }
    return TableContent(columns: tableColumns, rows: rows)
  }

  /// The total allocation a baseline, scenario or Δ column adds up to (nil for other columns).
  private func allocatedTotal(_ column: ComparisonColumn<SourceComparisonColumn>) -> Money? {
    let baseline = report.baseline.totals.allocated
    switch column.show {
    case .baseline: return baseline
    case .scenario, .delta:
      return column.scenario.map {
        let after = report.comparisons[$0].result.totals.allocated
        return column.show == .scenario ? after : after - baseline
      }
    case .stt, .label, .deltaPercent: return nil
    }
  }

  // MARK: New findings

  func newFindings(_ sheet: TemplateSheet<NewFindingColumn>) -> TableContent {
    var rows: [TableRow] = []
    for (scenarioIndex, comparison) in report.comparisons.enumerated() {
      for entry in comparison.broken {
        let finding = entry.finding
        let cells = sheet.columns.map { column -> CellContent in
          switch column.show {
          case .stt: .text(String(rows.count + 1))
          case .scenario:
            .text(
              report.comparisons.count > 1
                ? ScenarioLabel.short(scenarioIndex, language: language) : comparison.scenario.name)
          case .severity: .text(finding.severity.title.text(language))
          case .code: .text(finding.code.rawValue)
          case .label: .text(finding.code.label.text(language))
          case .line: finding.lineDescription.isEmpty ? .empty : .text(finding.lineDescription)
          case .baselineAmount: entry.baselineAmount.map(CellContent.money) ?? .empty
          case .amount: finding.amount.map(CellContent.money) ?? .empty
          case .message: .text(finding.message.text(language))
          }
        }
        rows.append(TableRow(emphasis: .detail(level: 0), cells: cells))
      }
    }
    if rows.isEmpty {
      rows.append(
        TableRow(
          emphasis: .detail(level: 0),
          cells: sheet.columns.map {
            $0.show == .message
              ? .text(
                vi ? "Kịch bản không làm phát sinh lỗi hay cảnh báo mới." : "The scenario breaks nothing.")
              : .empty
          }))
    }
    let columns = sheet.columns.enumerated().map { index, column in
      let kind: ColumnKind
      switch column.show {
      case .stt, .severity, .code: kind = .centeredText
      case .label: kind = .text(maxWidth: 28)
      case .line: kind = .text(maxWidth: 30)
      case .scenario: kind = .text(maxWidth: 30)
      case .message: kind = .text(maxWidth: 70)
      case .baselineAmount, .amount: kind = .money
      }
      return tableColumn(heading: column.heading, index: index, kind: kind, width: column.width)
    }
    return TableContent(columns: columns, rows: rows)
  }

  // MARK: Sweep

  func sweep(_ sheet: TemplateSheet<SweepColumn>, points: [ScenarioSweep.Point]) -> TableContent {
    let rows = points.map { point in
      TableRow(
        emphasis: .detail(level: 0),
        cells: sheet.columns.map { column -> CellContent in
          switch column.show {
          case .value: .integer(Int(point.value))
          case .broken: .integer(point.brokenCount)
          case .newErrors: .integer(point.newErrorCount)
          case .overspendIncrease: .money(point.overspendIncrease)
          case .counterpartShortIncrease: .money(point.counterpartShortfallIncrease)
          case .allocated: .money(point.allocated)
          }
        })
    }
    let columns = sheet.columns.enumerated().map { index, column in
      let kind: ColumnKind
      switch column.show {
      case .value, .broken, .newErrors: kind = .integer
      case .overspendIncrease, .counterpartShortIncrease, .allocated: kind = .money
      }
      return tableColumn(heading: column.heading, index: index, kind: kind, width: column.width)
    }
    return TableContent(columns: columns, rows: rows)
  }

  // MARK: Shared

  /// A TỔNG CỘNG row: SUM over the detail rows of each column the closure gives a value for.
  private func totalRow<Show>(
    _ columns: [ComparisonColumn<Show>], detailRows: Int, label: String? = nil,
    total: (ComparisonColumn<Show>) -> Money?
  ) -> TableRow {
    // The label stands in the first wide text column, so that it does not widen a code column.
    let labelColumn =
      columns.firstIndex { $0.show.holdsTotalLabel }
      ?? columns.firstIndex { $0.show != .stt && $0.show != .deltaPercent && total($0) == nil }
    let cells = columns.enumerated().map { index, column -> CellContent in
      if let value = total(column) {
        return .formula(
          FormulaText.columnTotal(firstRow: layout.firstDataRow, rows: detailRows, column: index),
          cached: value)
      }
      if index == labelColumn { return .text(label ?? totalLabel) }
      return .empty
    }
    return TableRow(emphasis: .total, cells: cells)
  }
}

extension ComparisonColumn {
  struct Key: Hashable {
    let show: Show
    let scenario: Int?
  }

  var key: Key { Key(show: show, scenario: scenario) }
}

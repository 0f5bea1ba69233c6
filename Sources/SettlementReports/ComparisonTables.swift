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

/// A template column after the per-scenario columns were repeated once per scenario.
struct ComparisonColumn {
  /// Columns repeated once per scenario; `status` is one column naming the scenario in each entry.
  static let perScenario: Set<String> = ["scenario", "delta", "delta_percent"]

  let show: String
  let heading: String
  let width: Int?
  /// Which scenario a per-scenario column belongs to.
  let scenario: Int?

  /// The short label of scenario `index` in headings ("KB1"); the full names stand in the legend.
  static func label(_ index: Int, language: Language = .vi) -> String {
    (language == .vi ? "KB" : "S") + String(index + 1)
  }

  /// The template's shared columns in order, then each scenario's columns headed with its short
  /// label, then the status (one scenario: the template's order unchanged). `dropping` leaves out
  /// per-scenario columns (a sheet too wide for A4 at a readable size).
  static func expand(
    _ columns: [TemplateColumn], names: [String], dropping: Set<String> = [], language: Language = .vi
  ) -> [ComparisonColumn] {
    let kept = columns.filter { !(perScenario.contains($0.show) && dropping.contains($0.show)) }
    if names.count == 1 {
      return kept.map {
        ComparisonColumn(
          show: $0.show, heading: $0.heading, width: $0.width,
          scenario: perScenario.contains($0.show) ? 0 : nil)
      }
    }
    let shared = kept.filter { !perScenario.contains($0.show) }
    var out = shared.filter { $0.show != "status" }.map {
      ComparisonColumn(show: $0.show, heading: $0.heading, width: $0.width, scenario: nil)
    }
    for index in names.indices {
      for column in kept where perScenario.contains(column.show) {
        out.append(
          ComparisonColumn(
            show: column.show, heading: "\(column.heading) \(label(index, language: language))",
            width: column.width, scenario: index))
      }
    }
    out += shared.filter { $0.show == "status" }.map {
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

  /// `scenarioIsName`: on the findings sheet the `scenario` column names the scenario; elsewhere it
  /// holds the scenario's money.
  private func tableColumn(_ column: ComparisonColumn, index: Int, scenarioIsName: Bool = false)
    -> TableColumn
  {
    let kind: ColumnKind
    switch column.show {
    case "stt", "source", "severity", "code", "delta_percent": kind = .centeredText
    case "activity": kind = .text(maxWidth: 36)
    case "unit": kind = .text(maxWidth: 22)
    case "label" where scenarioIsName: kind = .text(maxWidth: 28)
    case "label": kind = .text(maxWidth: 45)
    case "line": kind = .text(maxWidth: 30)
    case "status": kind = .text(maxWidth: 28)
    case "scenario" where scenarioIsName: kind = .text(maxWidth: 30)
    case "message": kind = .text(maxWidth: 70)
    case "value", "broken", "new_errors": kind = .integer
    default: kind = .money
    }
    // Ratios are written after the table (not money), so their width cannot come from the content.
    let width = column.width ?? (column.show == "delta_percent" ? 9 : nil)
    return TableColumn(heading: column.heading, number: String(index + 1), kind: kind, fixedWidth: width)
  }

  init(report: ComparisonReport, layout: SheetLayout, language: Language) {
    self.report = report
    self.layout = layout
    self.language = language
  }

  // MARK: Lines

  /// Baseline and scenarios per line, Δ as a formula; Δ % cells are left for the writer (ratios are
  /// not money). `changedOnly`: only the lines a scenario changes or breaks (the sheet an officer
  /// reads); otherwise every line of the year. A total row closes the table.
  func lines(_ columns: [ComparisonColumn], changedOnly: Bool = false) -> TableContent {
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
    let positions = Dictionary(
      uniqueKeysWithValues: columns.enumerated().map { ("\($1.show)#\($1.scenario ?? -1)", $0) })
    var rows: [TableRow] = []
    for (index, key) in keys.enumerated() {
      let sheetRow = layout.firstDataRow + index
      let cells = columns.map { column -> CellContent in
        let before = allocated(key, scenario: nil)
        let after = column.scenario.map { allocated(key, scenario: $0) } ?? .zero
        switch column.show {
        case "stt": return .text(String(index + 1))
        case "source": return .text(key.source.rawValue)
        case "activity": return .text(report.plan.activityByCode[key.activity]?.name ?? key.activity.rawValue)
        case "unit": return .text(report.plan.unitByCode[key.unit]?.name ?? key.unit.rawValue)
        case "spent": return .money(baseline[key]?.spent ?? .zero)
        case "baseline": return .money(before)
        case "scenario": return .money(after)
        case "delta":
          return deltaCell(
            before: before, after: after, sheetRow: sheetRow, positions: positions, scenario: column.scenario)
        case "status":
          let entries = report.comparisons.indices.flatMap { scenario in
            (brokenByLine[scenario][key] ?? []).map {
              (several ? ComparisonColumn.label(scenario, language: language) + ": " : "") + status($0)
            }
          }
          return entries.isEmpty ? .empty : .text(entries.joined(separator: "; "))
        default: return .empty
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
        case "spent": return keys.map { baseline[$0]?.spent ?? .zero }.sum()
        case "baseline": return keys.map { allocated($0, scenario: nil) }.sum()
        case "scenario": return keys.map { allocated($0, scenario: column.scenario) }.sum()
        case "delta":
          return keys.map { allocated($0, scenario: column.scenario) - allocated($0, scenario: nil) }.sum()
        default: return nil
        }
      })
    return TableContent(columns: columns.enumerated().map { tableColumn($1, index: $0) }, rows: rows)
  }

  /// `Chi vượt dự toán 5.000.000` — what broke, in words, with the amount.
  private func status(_ entry: BrokenFinding) -> String {
    let amount = entry.finding.amount.map { " " + (vi ? $0.grouped : $0.groupedEnglish) } ?? ""
    return entry.finding.code.label.text(language) + amount
  }

  private func deltaCell(
    before: Money, after: Money, sheetRow: Int, positions: [String: Int], scenario: Int?
  ) -> CellContent {
    guard let base = positions["baseline#-1"], let scenario, let value = positions["scenario#\(scenario)"]
    else {
      return .money(after - before)
    }
    return .formula(
      "\(FormulaText.cell(row: sheetRow, column: value))-\(FormulaText.cell(row: sheetRow, column: base))",
      cached: after - before)
  }

  // MARK: Sources

  func sources(_ columns: [ComparisonColumn]) -> TableContent {
    let codes = report.sources
    let positions = Dictionary(
      uniqueKeysWithValues: columns.enumerated().map { ("\($1.show)#\($1.scenario ?? -1)", $0) })
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
        case "stt": return .text(String(index + 1))
        case "label":
          let name = report.plan.sourceByCode[code]?.name
          return .text(name.map { "\(code) — \($0)" } ?? code.rawValue)
        case "baseline": return .money(before)
        case "scenario": return .money(after)
        case "delta":
          return deltaCell(
            before: before, after: after, sheetRow: sheetRow, positions: positions, scenario: column.scenario)
        default: return .empty
        }
      }
      rows.append(TableRow(emphasis: .detail(level: 0), cells: cells))
    }
    rows.append(
      totalRow(columns, detailRows: codes.count, total: allocatedTotal))
    return TableContent(columns: columns.enumerated().map { tableColumn($1, index: $0) }, rows: rows)
  }

  /// The total allocation a baseline, scenario or Δ column adds up to (nil for other columns).
  private func allocatedTotal(_ column: ComparisonColumn) -> Money? {
    let baseline = report.baseline.totals.allocated
    switch column.show {
    case "baseline": return baseline
    case "scenario", "delta":
      return column.scenario.map {
        let after = report.comparisons[$0].result.totals.allocated
        return column.show == "scenario" ? after : after - baseline
      }
    default: return nil
    }
  }

  // MARK: New findings

  func newFindings(_ sheet: TemplateSheet) -> TableContent {
    let columns = sheet.columns.map {
      ComparisonColumn(show: $0.show, heading: $0.heading, width: $0.width, scenario: nil)
    }
    var rows: [TableRow] = []
    for (scenarioIndex, comparison) in report.comparisons.enumerated() {
      for entry in comparison.broken {
        let finding = entry.finding
        let cells = columns.map { column -> CellContent in
          switch column.show {
          case "stt": .text(String(rows.count + 1))
          case "scenario":
            .text(
              report.comparisons.count > 1
                ? ComparisonColumn.label(scenarioIndex, language: language) : comparison.scenario.name)
          case "severity": .text(finding.severity.title.text(language))
          case "code": .text(finding.code.rawValue)
          case "label": .text(finding.code.label.text(language))
          case "line": finding.lineDescription.isEmpty ? .empty : .text(finding.lineDescription)
          case "baseline_amount": entry.baselineAmount.map(CellContent.money) ?? .empty
          case "amount": finding.amount.map(CellContent.money) ?? .empty
          case "message": .text(finding.message.text(language))
          default: .empty
          }
        }
        rows.append(TableRow(emphasis: .detail(level: 0), cells: cells))
      }
    }
    if rows.isEmpty {
      rows.append(
        TableRow(
          emphasis: .detail(level: 0),
          cells: columns.map {
            $0.show == "message"
              ? .text(
                vi ? "Kịch bản không làm phát sinh lỗi hay cảnh báo mới." : "The scenario breaks nothing.")
              : .empty
          }))
    }
    return TableContent(
      columns: columns.enumerated().map { tableColumn($1, index: $0, scenarioIsName: true) }, rows: rows)
  }

  // MARK: Sweep

  func sweep(_ sheet: TemplateSheet, points: [ScenarioSweep.Point]) -> TableContent {
    let columns = sheet.columns.map {
      ComparisonColumn(show: $0.show, heading: $0.heading, width: $0.width, scenario: nil)
    }
    let rows = points.map { point in
      TableRow(
        emphasis: .detail(level: 0),
        cells: columns.map { column -> CellContent in
          switch column.show {
          case "value": .integer(Int(point.value))
          case "broken": .integer(point.brokenCount)
          case "new_errors": .integer(point.newErrorCount)
          case "overspend_increase": .money(point.overspendIncrease)
          case "counterpart_short_increase": .money(point.counterpartShortfallIncrease)
          case "allocated": .money(point.allocated)
          default: .empty
          }
        })
    }
    return TableContent(columns: columns.enumerated().map { tableColumn($1, index: $0) }, rows: rows)
  }

  // MARK: Shared

  /// A TỔNG CỘNG row: SUM over the detail rows of each column the closure gives a value for.
  private func totalRow(
    _ columns: [ComparisonColumn], detailRows: Int, label: String? = nil, total: (ComparisonColumn) -> Money?
  ) -> TableRow {
    // The label stands in the first wide text column, so that it does not widen a code column.
    let labelColumn =
      columns.firstIndex { ["label", "activity", "line"].contains($0.show) }
      ?? columns.firstIndex { $0.show != "stt" && $0.show != "delta_percent" && total($0) == nil }
    let cells = columns.enumerated().map { index, column -> CellContent in
      if let value = total(column) {
        let first = layout.firstDataRow
        let formula =
          detailRows == 0
          ? "0"
          : "SUM(\(FormulaText.cell(row: first, column: index)):\(FormulaText.cell(row: first + detailRows - 1, column: index)))"
        return .formula(formula, cached: value)
      }
      if index == labelColumn { return .text(label ?? totalLabel) }
      return .empty
    }
    return TableRow(emphasis: .total, cells: cells)
  }
}

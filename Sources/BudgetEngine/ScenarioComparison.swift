import BudgetCore

/// One line of the scenario year, baseline beside scenario.
public struct LineComparison: Sendable {
  public let key: LineKey
  /// Nil when the line has no row in that ledger.
  public let baseline: Figures?
  public let scenario: Figures?
  /// Whether a broken finding names this line.
  public let isBroken: Bool

  public var allocatedBefore: Money { baseline?.allocated ?? .zero }
  public var allocatedAfter: Money { scenario?.allocated ?? .zero }
  public var allocatedDelta: Money { allocatedAfter - allocatedBefore }
}

/// A finding the scenario adds (or makes worse) compared with the baseline.
public struct BrokenFinding: Sendable {
  /// The scenario's finding.
  public let finding: Finding
  /// The same finding's amount in the baseline when it was already there (and is now larger).
  public let baselineAmount: Money?
  public var isNew: Bool { baselineAmount == nil }
}

/// Baseline and scenario totals of one source in the scenario year.
public struct SourceComparison: Sendable {
  public let source: SourceCode
  public let baseline: Figures
  public let scenario: Figures
}

/// What a scenario changes and what it breaks, for one year. Both sides come from `Engine.analyze`:
/// the baseline on the workspace, the scenario on the derived ledger.
public struct ScenarioComparison: Sendable {
  public let scenario: Scenario
  public let derived: DerivedLedger
  public let baseline: YearSettlement
  public let result: YearSettlement
  /// Every line of the year in either ledger, in plan order.
  public let lines: [LineComparison]
  /// Error and warning findings of the year that are new in the scenario, or the same finding with a
  /// larger amount (an overspend that grows). Plan order, errors first.
  public let broken: [BrokenFinding]
  /// Baseline error and warning findings of the year that the scenario no longer has.
  public let resolved: [Finding]
  /// Per source with a line in either ledger, in plan order.
  public let sources: [SourceComparison]

  /// Lines whose allocation the scenario changes.
  public var changedLines: [LineComparison] { lines.filter { !$0.allocatedDelta.isZero } }

  /// How many lines (or counterpart rules) the scenario breaks.
  public var brokenCount: Int { broken.count }
  public var newErrorCount: Int { broken.filter { $0.finding.severity == .error }.count }

  /// Spending beyond the allocation that the scenario adds: per line the growth of the overspent
  /// amount. Never negative. Kept apart from the counterpart shortfall: one is money already spent
  /// without a budget, the other local money still to be allocated, and adding them means nothing.
  public var overspendIncrease: Money {
    var total = Money.zero
    for line in lines {
      total += ((line.scenario?.overspent ?? .zero) - (line.baseline?.overspent ?? .zero)).clampedAtZero
    }
    return total
  }

  /// Local counterpart money (NSĐP) the scenario leaves missing beyond the baseline: per counterpart
  /// rule the growth of the shortfall. Never negative.
  public var counterpartShortfallIncrease: Money {
    var total = Money.zero
    for entry in broken where entry.finding.code == .counterpartShort {
      total += ((entry.finding.amount ?? .zero) - (entry.baselineAmount ?? .zero)).clampedAtZero
    }
    return total
  }

  /// Analyses the scenario on the derived ledger and compares it with `baseline` (the analysis of the
  /// same workspace). Throws the scenario's located input errors.
  public static func run(_ scenario: Scenario, baseline: Analysis) throws -> ScenarioComparison {
    let derived = try DerivedLedger.derive(baseline.ledger, scenario: scenario)
    let analysis = Engine.analyze(derived.ledger)
    return compare(
      scenario: scenario, derived: derived, baseline: baseline.settlement(year: scenario.year),
      result: analysis.settlement(year: scenario.year), plan: baseline.ledger.plan)
  }

  /// Findings are compared by what they are about (code, line, row) — not by message or amount, which
  /// change with the figures. Only the scenario year and plan-level findings are compared: later
  /// years would need their carry-in closed again, which is a separate step.
  static func compare(
    scenario: Scenario, derived: DerivedLedger, baseline: YearSettlement, result: YearSettlement, plan: Plan
  ) -> ScenarioComparison {
    // An overlay row stands for a decision not taken yet: its missing decision number is no break.
    let overlayRows = Set(derived.overlay.map(\.location))
    let significant: (Finding) -> Bool = {
      ($0.severity == .error || $0.severity == .warning)
        && !($0.code == .missingDecision && $0.location.map(overlayRows.contains) == true)
    }
    var baselineAmounts: [FindingIdentity: Money?] = [:]
    for finding in baseline.findings where significant(finding) {
      baselineAmounts[FindingIdentity(finding)] = finding.amount
    }
    var broken: [BrokenFinding] = []
    var seen = Set<FindingIdentity>()
    for finding in result.findings where significant(finding) {
      let identity = FindingIdentity(finding)
      seen.insert(identity)
      guard let earlier = baselineAmounts[identity] else {
        broken.append(BrokenFinding(finding: finding, baselineAmount: nil))
        continue
      }
      if let amount = finding.amount, let before = earlier, amount > before {
        broken.append(BrokenFinding(finding: finding, baselineAmount: before))
      }
    }
    let resolved = baseline.findings.filter { significant($0) && !seen.contains(FindingIdentity($0)) }

    let brokenLines = Set(
      broken.compactMap { entry -> LineKey? in
        let finding = entry.finding
        guard let year = finding.year, let source = finding.source, let activity = finding.activity,
          let unit = finding.unit
        else { return nil }
        return LineKey(year: year, source: source, activity: activity, unit: unit)
      })
    let baselineByKey = Dictionary(uniqueKeysWithValues: baseline.lines.map { ($0.key, $0.figures) })
    let resultByKey = Dictionary(uniqueKeysWithValues: result.lines.map { ($0.key, $0.figures) })
    let keys = Set(baselineByKey.keys).union(resultByKey.keys).sorted { plan.planOrder($0, $1) }
    let lines = keys.map {
      LineComparison(
        key: $0, baseline: baselineByKey[$0], scenario: resultByKey[$0], isBroken: brokenLines.contains($0))
    }

    var sources: [SourceComparison] = []
    let baselineBySource = baseline.lines.totals(by: \.source)
    let resultBySource = result.lines.totals(by: \.source)
    let sourceCodes = Set(baselineBySource.keys).union(resultBySource.keys).sorted {
      (plan.sourceOrder[$0] ?? Int.max, $0.rawValue) < (plan.sourceOrder[$1] ?? Int.max, $1.rawValue)
    }
    for code in sourceCodes {
      sources.append(
        SourceComparison(
          source: code,
          baseline: baselineBySource[code] ?? .zero, scenario: resultBySource[code] ?? .zero))
    }
    return ScenarioComparison(
      scenario: scenario, derived: derived, baseline: baseline, result: result, lines: lines, broken: broken,
      resolved: resolved, sources: sources)
  }
}

/// What a finding is about, without its amount or wording.
private struct FindingIdentity: Hashable {
  let code: FindingCode
  let year: Int?
  let source: SourceCode?
  let activity: ActivityCode?
  let unit: UnitCode?
  let rowID: String?
  let file: String?
  let line: Int?

  init(_ finding: Finding) {
    code = finding.code
    year = finding.year
    source = finding.source
    activity = finding.activity
    unit = finding.unit
    rowID = finding.rowID
    file = finding.location?.file
    line = finding.location?.line
  }
}

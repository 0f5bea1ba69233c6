import BudgetCore

/// A classification code, or the explicit "chưa có mã" (not coded) group: money whose code the plan
/// or the row does not give is reported there, never dropped. Codes sort first, the missing group last.
public enum Coded<Code: Hashable & Comparable & Sendable>: Hashable, Comparable, Sendable {
  case code(Code)
  case missing

  public init(_ code: Code?) { self = code.map { .code($0) } ?? .missing }

  public var code: Code? {
    if case .code(let code) = self { return code }
    return nil
  }

  public static func < (lhs: Coded, rhs: Coded) -> Bool {
    switch (lhs, rhs) {
    case (.code(let left), .code(let right)): left < right
    case (.code, .missing): true
    case (.missing, _): false
    }
  }

  /// The words the forms print for the missing group.
  public static var missingLabel: LocalizedText { LocalizedText(vi: "Chưa có mã", en: "Not coded") }
}

/// Mục and tiểu mục of the economic classification (nội dung kinh tế) under which money is reported.
public struct ItemKey: Hashable, Comparable, Sendable {
  public let item: Coded<BudgetItemCode>
  public let subItem: Coded<BudgetSubItemCode>

  public init(item: Coded<BudgetItemCode>, subItem: Coded<BudgetSubItemCode>) {
    self.item = item
    self.subItem = subItem
  }

  public static func < (lhs: ItemKey, rhs: ItemKey) -> Bool {
    (lhs.item, lhs.subItem) < (rhs.item, rhs.subItem)
  }
}

/// The settled money of one project of the plan (dự án or tiểu dự án), in the year and since the
/// plan's first year.
public struct ProjectClassification: Hashable, Sendable {
  public let project: ProjectCode
  public let programmeCode: Coded<NationalProgrammeCode>
  /// Settled in the year by the activities of this project itself.
  public let settled: Money
  /// Settled from the plan's first year through the year by the project's own activities.
  public let cumulativeSettled: Money
  /// `settled` with every sub-project's (the whole subtree).
  public let settledWithSubprojects: Money
  public let cumulativeSettledWithSubprojects: Money
}

/// The year's settled money (Figures.settled, số đề nghị quyết toán) grouped by the Mục lục NSNN, for the
/// whole district or one unit (docs/workspace-format.md, "Budget classification codes"). Every grouping
/// adds up exactly to the settlement's total, or building it traps: money lost or counted twice is a
/// program error, never a result.
public struct BudgetClassification: Sendable {
  public let year: Int
  /// Nil: the whole district.
  public let unit: UnitCode?
  /// Σ settled of the lines, the figure each grouping adds up to.
  public let totalSettled: Money
  /// By loại-khoản (the activity's `sector_code`), codes ascending, the missing group last.
  public let bySector: [(sector: Coded<SectorCode>, settled: Money)]
  /// By mục and tiểu mục: a payment with its own tiểu mục is reported there, the rest under the
  /// activity's default.
  public let byItem: [(key: ItemKey, settled: Money)]
  /// By mục/tiểu mục and, within each, by the line's loại-khoản: the cells of F01-01/BCQT. Adds up to
  /// `byItem` per key and to `bySector` per sector.
  public let byItemAndSector: [ItemKey: [Coded<SectorCode>: Money]]
  /// Every project of the plan with money in the years up to this one, in the plan's order.
  public let byProject: [ProjectClassification]
  /// The programme as a whole (plan.yaml `plan.programme_code`).
  public let programmeCode: Coded<NationalProgrammeCode>
  public let cumulativeSettled: Money
  /// Per activity, the settled money reported under a missing loại-khoản, and under a missing mục or
  /// tiểu mục: what MISSING_BUDGET_CODE names.
  public let sectorMissingByActivity: [ActivityCode: Money]
  public let itemMissingByActivity: [ActivityCode: Money]
}

extension Analysis {
  /// The classification of `year`'s settlement, for the whole district (`unit` nil) or one unit's lines.
  /// The cumulative figures add the settlements of the plan's first year through `year`.
  public func budgetClassification(year: Int, unit: UnitCode? = nil) -> BudgetClassification {
    budgetClassifications([(unit, settlement(year: year))])[0]
  }

  /// The classification of each part of one year's settlement — the district's whole (`unit` nil) or a
  /// unit's part from `splitByUnit`, as the forms' `--per-unit` writes them — with the earlier years'
  /// lines and the reversed rows' tiểu mục gathered once for all the parts (per part, the payments would
  /// be scanned once per unit).
  public func budgetClassifications(_ parts: [(unit: UnitCode?, settlement: YearSettlement)])
    -> [BudgetClassification]
  {
    guard let year = parts.first?.settlement.year else { return [] }
    precondition(parts.allSatisfy { $0.settlement.year == year }, "the parts of one year's settlement")
    let plan = ledger.plan
    let earlierLines = (plan.info.firstYear..<max(plan.info.firstYear, year)).flatMap {
      linesByYear[$0] ?? []
    }
    var earlierByUnit: [UnitCode: [LineSettlement]] = [:]
    if parts.contains(where: { $0.unit != nil }) {
      for line in earlierLines { earlierByUnit[line.key.unit, default: []].append(line) }
    }
    var reversed: Set<String> = []
    for part in parts {
      reversed.formUnion(
        part.settlement.recognisedSpending.lazy.filter { $0.subItem == nil }.compactMap(\.reverses))
    }
    let reversedSubItems =
      reversed.isEmpty ? [:] : BudgetClassification.subItems(of: reversed, in: ledger.payments)
    return parts.map { part in
      BudgetClassification(
        plan: plan, settlement: part.settlement,
        earlierLines: part.unit.map { earlierByUnit[$0] ?? [] } ?? earlierLines, unit: part.unit,
        reversedSubItems: reversedSubItems)
    }
  }
}

extension BudgetClassification {
  /// Builds the groupings of `settlement` (restricted to `unit` when given); `earlierLines` are the
  /// settled lines of the years before it that the cumulative figures add (the plan's first year on).
  /// `reversedSubItems` gives the tiểu mục of rows that a reversal without its own names.
  public init(
    plan: Plan, settlement: YearSettlement, earlierLines: [LineSettlement], unit: UnitCode? = nil,
    reversedSubItems: [String: BudgetSubItemCode] = [:]
  ) {
    let inUnit = { (key: LineKey) in unit == nil || key.unit == unit }
    let lines = settlement.lines.filter { inUnit($0.key) }
    // Recognised spending only: an advance is money drawn, spending when (and as far as) it is settled.
    let payments = settlement.recognisedSpending.filter { inUnit($0.line) }
    year = settlement.year
    self.unit = unit
    totalSettled = lines.map(\.figures.settled).reduce(.zero, +)

    // Loại-khoản: a line's whole settled money goes to its activity's code.
    var sectors: [Coded<SectorCode>: Money] = [:]
    var sectorMissing: [ActivityCode: Money] = [:]
    for line in lines {
      let sector = Coded(plan.activityByCode[line.key.activity]?.classification.sector)
      sectors[sector, default: .zero] += line.figures.settled
      if sector == .missing { sectorMissing[line.key.activity, default: .zero] += line.figures.settled }
    }
    bySector = sectors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    sectorMissingByActivity = sectorMissing

    // Mục / tiểu mục: payments by their own or their activity's code, overspending taken off per line.
    let itemsByLine = Self.itemSplit(
      plan: plan, lines: lines, payments: payments, reversedSubItems: reversedSubItems)
    var items: [ItemKey: Money] = [:]
    var itemsAndSectors: [ItemKey: [Coded<SectorCode>: Money]] = [:]
    var itemMissing: [ActivityCode: Money] = [:]
    for (key, split) in itemsByLine {
      let sector = Coded(plan.activityByCode[key.activity]?.classification.sector)
      for (item, amount) in split {
        items[item, default: .zero] += amount
        itemsAndSectors[item, default: [:]][sector, default: .zero] += amount
        if item.subItem == .missing { itemMissing[key.activity, default: .zero] += amount }
      }
    }
    byItem = items.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    byItemAndSector = itemsAndSectors
    itemMissingByActivity = itemMissing.filter { !$0.value.isZero }

    // Programme and projects, with the cumulative figure.
    let earlierLines = earlierLines.filter { inUnit($0.key) }
    var ownYear: [ProjectCode: Money] = [:]
    var ownCumulative: [ProjectCode: Money] = [:]
    for line in lines {
      guard let project = plan.activityByCode[line.key.activity]?.project else { continue }
      ownYear[project, default: .zero] += line.figures.settled
      ownCumulative[project, default: .zero] += line.figures.settled
    }
    for line in earlierLines {
      guard let project = plan.activityByCode[line.key.activity]?.project else { continue }
      ownCumulative[project, default: .zero] += line.figures.settled
    }
    var children: [ProjectCode: [ProjectCode]] = [:]
    for project in plan.projects {
      if let parent = project.parent { children[parent, default: []].append(project.code) }
    }
    func subtree(_ code: ProjectCode, _ own: [ProjectCode: Money], depth: Int = 0) -> Money {
      // The plan reader refuses cycles and trees deeper than Limits.treeDepthMax.
      precondition(depth <= Limits.treeDepthMax, "project tree deeper than the plan reader allows")
      return (children[code] ?? []).reduce(own[code] ?? .zero) { $0 + subtree($1, own, depth: depth + 1) }
    }
    byProject = plan.projects.compactMap { project in
      let cumulative = subtree(project.code, ownCumulative)
      guard !cumulative.isZero || !subtree(project.code, ownYear).isZero else { return nil }
      return ProjectClassification(
        project: project.code, programmeCode: Coded(project.programmeCode),
        settled: ownYear[project.code] ?? .zero, cumulativeSettled: ownCumulative[project.code] ?? .zero,
        settledWithSubprojects: subtree(project.code, ownYear),
        cumulativeSettledWithSubprojects: cumulative)
    }
    programmeCode = Coded(plan.info.programmeCode)
    cumulativeSettled =
      totalSettled + earlierLines.map(\.figures.settled).reduce(.zero, +)

    let total = totalSettled
    precondition(
      bySector.map(\.settled).reduce(.zero, +) == total && byItem.map(\.settled).reduce(.zero, +) == total
        && ownYear.values.reduce(.zero, +) == total
        && lines.allSatisfy { plan.activityByCode[$0.key.activity] != nil || $0.figures.settled.isZero }
        && byItem.allSatisfy { key, settled in
          (itemsAndSectors[key] ?? [:]).values.reduce(.zero, +) == settled
        }
        && bySector.allSatisfy { sector, settled in
          itemsAndSectors.values.map { $0[sector] ?? .zero }.reduce(.zero, +) == settled
        },
      "Budget classification: every grouping must add up to the settled total")
  }

  /// The own tiểu mục of the rows `ids` names (the first row of an id: later ones are DUPLICATE_ID),
  /// for reversals that do not name their own.
  public static func subItems(of ids: Set<String>, in payments: [Payment]) -> [String: BudgetSubItemCode] {
    var result: [String: BudgetSubItemCode] = [:]
    var seen: Set<String> = []
    for payment in payments where ids.contains(payment.id) {
      guard seen.insert(payment.id).inserted, let subItem = payment.subItem else { continue }
      result[payment.id] = subItem
    }
    return result
  }

  /// Each line's settled money split by mục/tiểu mục. A line's spending is split by its payments'
  /// codes (own tiểu mục, else the reversed row's, else the activity's default); when the line is
  /// overspent, the excess is taken off the latest payments first (by date, then file order): they
  /// are the ones beyond the money available, so only what was settled is reported.
  static func itemSplit(
    plan: Plan, lines: [LineSettlement], payments: [Payment], reversedSubItems: [String: BudgetSubItemCode]
  ) -> [LineKey: [ItemKey: Money]] {
    func itemKey(_ payment: Payment) -> ItemKey {
      let defaults = plan.activityByCode[payment.activity]?.classification ?? .none
      let subItem = payment.subItem ?? payment.reverses.flatMap { reversedSubItems[$0] } ?? defaults.subItem
      return ItemKey(item: Coded(subItem?.item ?? defaults.item), subItem: Coded(subItem))
    }
    var spentByLine: [LineKey: [ItemKey: Money]] = [:]
    var paymentIndicesByLine: [LineKey: [Int]] = [:]
    let overspentLines = Set(lines.filter { $0.figures.overspent.isPositive }.map(\.key))
    for (index, payment) in payments.enumerated() {
      spentByLine[payment.line, default: [:]][itemKey(payment), default: .zero] += payment.amount
      if overspentLines.contains(payment.line) {
        paymentIndicesByLine[payment.line, default: []].append(index)
      }
    }
    var result: [LineKey: [ItemKey: Money]] = [:]
    for line in lines {
      var split = spentByLine[line.key] ?? [:]
      precondition(
        split.values.reduce(.zero, +) == line.figures.spent,
        "Budget classification: a line's payments must add up to its spending")
      var excess = line.figures.overspent
      if excess.isPositive {
        let latestFirst = (paymentIndicesByLine[line.key] ?? []).sorted {
          (payments[$0].date, $0) > (payments[$1].date, $1)
        }
        for index in latestFirst where excess.isPositive && payments[index].amount.isPositive {
          let key = itemKey(payments[index])
          let cut = Money.min(excess, Money.min(payments[index].amount, (split[key] ?? .zero).clampedAtZero))
          split[key, default: .zero] -= cut
          excess -= cut
        }
        // Reversals can leave a group smaller than its late payments: the rest from any positive group.
        for key in split.keys.sorted() where excess.isPositive {
          let cut = Money.min(excess, (split[key] ?? .zero).clampedAtZero)
          split[key, default: .zero] -= cut
          excess -= cut
        }
        precondition(excess.isZero, "spent ≥ overspent, so the excess is always found")
      }
      result[line.key] = split.filter { !$0.value.isZero }
    }
    return result
  }
}

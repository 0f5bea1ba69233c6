import BudgetCore

/// One successor's share of one balance.
public struct HandoverPart: Hashable, Sendable {
  public let successor: UnitCode
  public let amount: Money

  public init(successor: UnitCode, amount: Money) {
    self.successor = successor
    self.amount = amount
  }
}

/// The unspent money of one line of an abolished unit, of one origin year, at the handover date,
/// and how it is divided among the successors (the parts sum to `balance` exactly).
public struct HandoverBalance: Hashable, Sendable {
  /// The old unit's line in the handover year.
  public let line: LineKey
  public let originYear: Int
  public let balance: Money
  public let parts: [HandoverPart]
}

/// An opening row of a successor: the money it receives on one line of one origin year, summed over
/// every old unit that hands it over. Money of an earlier origin is a `carry_in` row (origin kept,
/// so oldest-first and carry_over_years still apply); money of the handover year itself cannot be
/// a carry_in of the same year (contract v1: origin_year < year), so it is a `supplement`.
public struct SuccessorOpening: Hashable, Sendable {
  public let line: LineKey
  public let originYear: Int
  public let amount: Money
  /// The old units the money comes from, sorted.
  public let fromUnits: [UnitCode]

  public var kind: AllocationKind { originYear < line.year ? .carryIn : .supplement }
}

/// A line of an abolished unit that no by-line rule matches and that has no `otherwise`.
public struct UnmatchedHandoverLine: Hashable, Sendable {
  public let line: LineKey
  public let balance: Money
  public let entry: UnitHandover
}

/// Settles the figures as of a date and divides the abolished units' balances among their
/// successors (issue 5, §2).
///
/// "As of the date": payments dated after it and allocations decided after it are left out (rows
/// without a decision date count); the handover year is the date's year. A balance is a portion's
/// unspent money after oldest-first spending; mid-year every portion of the year is still usable,
/// so nothing is cancelled here. Percentage splits use `ExactSplit` (largest remainder, ties by
/// successor code), per line and origin year, so every balance is handed over to the đồng.
public struct Handover: Sendable {
  public let date: CivilDate
  public var year: Int { date.year }
  /// The analysis of the ledger cut at the date.
  public let analysis: Analysis
  /// Balances of mapped units with money left, in plan order then origin year.
  public let balances: [HandoverBalance]
  /// Lines of mapped units that spent more than they had by the date: nothing to hand over, and
  /// the overspending must be settled by the old unit.
  public let overspentLines: [LineSettlement]
  /// Balances of units the map does not name (they are not abolished, or the map forgot them).
  public let unmappedBalances: [LineSettlement]
  public let unmatched: [UnmatchedHandoverLine]
  /// What each successor opens with, by successor, then plan order of the line, then origin year.
  public let openings: [SuccessorOpening]

  public var total: Money { balances.map(\.balance).sum() }

  /// The ledger as the books stood at the end of `date`.
  public static func ledger(_ ledger: Ledger, asOf date: CivilDate) -> Ledger {
    Ledger(
      plan: ledger.plan,
      allocations: ledger.allocations.filter { allocation in
        allocation.year <= date.year && (allocation.decisionDate.map { $0 <= date } ?? true)
      },
      payments: ledger.payments.filter { $0.date <= date && $0.year <= date.year })
  }

  public init(ledger: Ledger, map: HandoverMap, date: CivilDate) {
    self.date = date
    let cut = Handover.ledger(ledger, asOf: date)
    let analysis = Engine.analyze(cut)
    self.analysis = analysis
    let plan = ledger.plan
    let entryByUnit = Dictionary(map.units.map { ($0.unit, $0) }, uniquingKeysWith: { first, _ in first })

    var balances: [HandoverBalance] = []
    var overspent: [LineSettlement] = []
    var unmapped: [LineSettlement] = []
    var unmatched: [UnmatchedHandoverLine] = []
    for line in analysis.settlement(year: date.year).lines {
      guard let entry = entryByUnit[line.key.unit] else {
        if line.figures.remaining.isPositive { unmapped.append(line) }
        continue
      }
      if line.figures.overspent.isPositive { overspent.append(line) }
      for portion in line.portions where portion.unspent.isPositive {
        let parts: [HandoverPart]
        switch entry.rule {
        case .whole(let successor):
          parts = [HandoverPart(successor: successor, amount: portion.unspent)]
        case .percentages(let shares):
          // Recipients in code order: ExactSplit breaks equal remainders by that order.
          let sorted = shares.sorted { $0.successor < $1.successor }
          let recipients = sorted.map {
            ExactSplit.Recipient(name: $0.successor.rawValue, weight: $0.percent.hundredths)
          }
          guard
            case .success(let amounts) = ExactSplit.split(portion.unspent, among: recipients, roundToDong: 1)
          else { preconditionFailure("the successors reader accepts only positive shares summing to 100 %") }
          parts = zip(sorted, amounts).map { HandoverPart(successor: $0.successor, amount: $1) }
        case .byLine(let rules, let otherwise):
          guard let successor = rules.first(where: { $0.matches(line.key) })?.successor ?? otherwise else {
            unmatched.append(UnmatchedHandoverLine(line: line.key, balance: portion.unspent, entry: entry))
            continue
          }
          parts = [HandoverPart(successor: successor, amount: portion.unspent)]
        }
        balances.append(
          HandoverBalance(
            line: line.key, originYear: portion.originYear, balance: portion.unspent, parts: parts))
      }
    }
    self.balances = balances
    overspentLines = overspent
    unmappedBalances = unmapped
    self.unmatched = unmatched

    struct Key: Hashable {
      let line: LineKey
      let originYear: Int
    }
    var amountByKey: [Key: Money] = [:]
    var fromByKey: [Key: Set<UnitCode>] = [:]
    for balance in balances {
      for part in balance.parts where part.amount.isPositive {
        let key = Key(
          line: LineKey(
            year: balance.line.year, source: balance.line.source, activity: balance.line.activity,
            unit: part.successor), originYear: balance.originYear)
        amountByKey[key, default: .zero] += part.amount
        fromByKey[key, default: []].insert(balance.line.unit)
      }
    }
    openings = amountByKey.keys.sorted {
      if $0.line.unit != $1.line.unit { return $0.line.unit < $1.line.unit }
      if $0.line != $1.line { return plan.planOrder($0.line, $1.line) }
      return $0.originYear < $1.originYear
    }.map { key in
      SuccessorOpening(
        line: key.line, originYear: key.originYear, amount: amountByKey[key] ?? .zero,
        fromUnits: (fromByKey[key] ?? []).sorted())
    }
    precondition(
      openings.map(\.amount).sum() == balances.map(\.balance).sum(),
      "Every đồng handed over must be received by a successor")
  }
}

import BudgetCore

/// Runs the passes over a ledger. Pure: the same ledger always gives the same analysis.
public enum Engine {
  /// Runs every pass over the whole ledger (all years).
  ///
  /// Row checks first (they decide which rows count), then the per-line settlement, then the checks
  /// that read the settled figures; the plan's `checks:` overrides are applied last.
  public static func analyze(_ ledger: Ledger) -> Analysis {
    let plan = ledger.plan
    let policy = SeverityPolicy(plan.severityOverrides)
    let lines = LineTable(ledger)
    let catalogue = CatalogueCheck(plan: plan, lines: lines, policy: policy)
    let allocationChecks = AllocationChecks.run(ledger, lines: lines, catalogue: catalogue)
    let paymentChecks = PaymentChecks.run(ledger, lines: lines, catalogue: catalogue, policy: policy)
    let settlement = SettlementPass.run(
      ledger, lines: lines, includedAllocations: allocationChecks.included,
      includedPayments: paymentChecks.included, paymentKinds: paymentChecks.paymentKinds)
    let years = ledger.years

    var findings = CounterpartCheck.pooledListed(plan)
    findings += allocationChecks.findings
    findings += paymentChecks.findings
    for year in years { findings += LineChecks.run(settlement.linesByYear[year] ?? []) }
    findings += CounterpartCheck.run(ledger, includedAllocations: allocationChecks.included)
    let carryChain = CarryChain(
      ledger: ledger, includedAllocations: allocationChecks.included, linesByYear: settlement.linesByYear)
    findings += CarryInChain.run(carryChain, plan: plan, years: years)
    let ordered = FindingOrder.sorted(policy.apply(findings), plan: plan)

    return Analysis(
      ledger: ledger, findings: ordered, years: years, linesByYear: settlement.linesByYear,
      carryChain: carryChain, includedPayments: paymentChecks.included,
      paymentKinds: paymentChecks.paymentKinds)
  }
}

/// Everything the checks and the settlement found, for every year of the ledger.
public struct Analysis: Sendable {
  public let ledger: Ledger
  /// Every finding of every year plus plan-level ones, `checks:` overrides applied, sorted: severity
  /// (errors first), year, plan order of source/activity/unit, code, file line.
  public let findings: [Finding]
  /// Years with any row (included or not), ascending.
  public let years: [Int]
  /// Read by the settlements and the budget classification (BudgetClassification.swift).
  let linesByYear: [Int: [LineSettlement]]
  /// The carry-over chain between every pair of consecutive years: the one the check, the year-end
  /// close and the phase settlement read.
  public let carryChain: CarryChain
  /// Per payment row, whether it counts in the figures.
  private let includedPayments: [Bool]
  /// Per payment row, the kind it counts as; nil when every row is a final payment.
  private let paymentKinds: [PaymentKind]?

  init(
    ledger: Ledger, findings: [Finding], years: [Int], linesByYear: [Int: [LineSettlement]],
    carryChain: CarryChain, includedPayments: [Bool], paymentKinds: [PaymentKind]?
  ) {
    self.ledger = ledger
    self.findings = findings
    self.years = years
    self.linesByYear = linesByYear
    self.carryChain = carryChain
    self.includedPayments = includedPayments
    self.paymentKinds = paymentKinds
  }

  /// The settlement of one budget year: lines in plan order, totals, that year's findings and the
  /// plan-level ones. A year without rows gives an empty settlement.
  public func settlement(year: Int) -> YearSettlement {
    let lines = linesByYear[year] ?? []
    let (payments, kinds) = payments(year: year)
    return YearSettlement(
      year: year, lines: lines, findings: findings(year: year), payments: payments, paymentKinds: kinds)
  }

  /// The payment rows that count in the figures of `year`, in file order. Gathered on demand rather
  /// than during `analyze`: copying a million rows is the slowest part of a run that does not need them.
  private func payments(year: Int) -> ([Payment], [PaymentKind]?) {
    let all = ledger.payments
    // Counted first so the result is allocated once: regrowing an array of a million 200-byte rows
    // copied each row several times. Only the year is read per row, not the whole row.
    var count = 0
    for index in all.indices where all[index].year == year && includedPayments[index] { count += 1 }
    var payments: [Payment] = []
    payments.reserveCapacity(count)
    var kinds: [PaymentKind]? = paymentKinds == nil ? nil : []
    kinds?.reserveCapacity(count)
    for index in all.indices where all[index].year == year && includedPayments[index] {
      payments.append(all[index])
      if let paymentKinds { kinds?.append(paymentKinds[index]) }
    }
    return (payments, kinds)
  }

  /// The findings of one year plus the plan-level ones (nil = every finding), in the sorted order.
  public func findings(year: Int?) -> [Finding] {
    guard let year else { return findings }
    return findings.filter { $0.year == nil || $0.year == year }
  }

  /// Whether any finding has severity error (`check` then exits with status 1).
  public var hasErrors: Bool { findings.errorCount > 0 }
}

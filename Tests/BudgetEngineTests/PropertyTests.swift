import BudgetCore
import BudgetEngine
import Testing
import WorkspaceGenerator

/// The workspace generator's SplitMix64: a small seeded generator, so a failing case can be replayed
/// from its seed.
typealias SeededGenerator = SplitMix64

/// Random small ledgers (unknown codes, out-of-plan years, late payments, negative adjustments,
/// carry-in of several origins, reversals good and bad, duplicate ids) with random overrides.
func randomLedger(seed: UInt64) -> Ledger {
  var random = SeededGenerator(seed: seed)
  let sources: [SourceCode] = ["TW", "TINH", "HUYEN", "GNBV", "XX"]
  let activities: [ActivityCode] = ["PANO", "CNTT", "TANGQUA"]
  let units: [UnitCode] = ["PDT", "XA1"]
  let years = [2021, 2022, 2023, 2024, 2026]
  var overrides: [FindingCode: SeverityOverride] = [:]
  for code in FindingCode.allCases where Int.random(in: 0..<6, using: &random) == 0 {
    overrides[code] = SeverityOverride.allCases.randomElement(using: &random)
  }
  let rule = CounterpartRule(
    central: "TW", local: ["TINH", "HUYEN", "GNBV"],
    minPercent: Percent(hundredths: Int64.random(in: 0...3000, using: &random)))
  var builder = LedgerBuilder(rules: [rule], overrides: overrides)

  for _ in 0..<Int.random(in: 0...25, using: &random) {
    let year = years.randomElement(using: &random) ?? 2023
    let source = sources.randomElement(using: &random) ?? "TW"
    let activity = activities.randomElement(using: &random) ?? "PANO"
    let unit = units.randomElement(using: &random) ?? "PDT"
    let amount =
      Int64.random(in: 1...40, using: &random) * 1_000_000 + Int64.random(in: 0...999, using: &random)
    switch Int.random(in: 0..<4, using: &random) {
    case 0: builder.allocate(year, source, activity, unit, .initial, amount)
    case 1: builder.allocate(year, source, activity, unit, .adjustment, -amount)
    case 2:
      builder.carryIn(
        year, source, activity, unit, amount: amount, origin: year - Int.random(in: 1...3, using: &random))
    default: builder.allocate(year, source, activity, unit, .supplement, amount, decision: nil)
    }
  }
  var ids: [String] = []
  for index in 0..<Int.random(in: 0...40, using: &random) {
    let year = years.randomElement(using: &random) ?? 2023
    let source = sources.randomElement(using: &random) ?? "TW"
    let activity = activities.randomElement(using: &random) ?? "PANO"
    let unit = units.randomElement(using: &random) ?? "PDT"
    let date = day(year + Int.random(in: 0...1, using: &random), Int.random(in: 1...12, using: &random), 10)
    let id =
      Int.random(in: 0..<10, using: &random) == 0 ? (ids.randomElement(using: &random) ?? "p") : "p\(index)"
    if !ids.isEmpty, Int.random(in: 0..<4, using: &random) == 0,
      let target = ids.randomElement(using: &random)
    {
      builder.pay(
        id, year, source, activity, unit, -Int64.random(in: 1...20, using: &random) * 500_000, date: date,
        reverses: target)
    } else {
      builder.pay(
        id, year, source, activity, unit, Int64.random(in: 1...30, using: &random) * 1_000_000, date: date,
        quantity: Int.random(in: 0..<3, using: &random) == 0 ? Quantity(whole: 3) : nil, voucher: "PC-1")
    }
    ids.append(id)
  }
  return builder.ledger
}

@Suite("Properties")
struct PropertyTests {
  @Test func identityHoldsOnRandomLedgers() {
    for seed in UInt64(1)...400 {
      let ledger = randomLedger(seed: seed)
      let analysis = Engine.analyze(ledger)
      var spentOverYears = Money.zero
      var includedPaymentsTotal = Money.zero
      for year in analysis.years {
        let settlement = analysis.settlement(year: year)
        var sum = Figures()
        for line in settlement.lines {
          let figures = line.figures
          #expect(figures.overspent == (-figures.remaining).clampedAtZero, "seed \(seed) \(line.key)")
          #expect(figures.carryOver + figures.cancelled == figures.remaining.clampedAtZero, "seed \(seed)")
          #expect(line.portions.map(\.unspent).sum() == figures.remaining.clampedAtZero, "seed \(seed)")
          #expect(line.portions.map(\.carryOver).sum() == figures.carryOver, "seed \(seed)")
          #expect(line.portions.map(\.available).sum() == figures.available, "seed \(seed)")
          #expect(line.portions.allSatisfy { !$0.unspent.isNegative }, "seed \(seed)")
          #expect(line.key.year == year)
          sum += figures
        }
        #expect(settlement.totals == sum, "seed \(seed)")
        #expect(settlement.lines.totals(by: \.source).values.sum() == sum, "seed \(seed)")
        #expect(settlement.findings.allSatisfy { $0.year == nil || $0.year == year })
        spentOverYears += settlement.totals.spent
        includedPaymentsTotal += settlement.payments.map(\.amount).sum()
      }
      #expect(spentOverYears == includedPaymentsTotal, "seed \(seed)")
      // Switched-off codes never appear; the analysis is a pure function of the ledger.
      let off = Set(ledger.plan.severityOverrides.filter { $0.value == .off }.keys)
      #expect(analysis.findings.allSatisfy { !off.contains($0.code) }, "seed \(seed)")
      #expect(Engine.analyze(ledger).findings == analysis.findings, "seed \(seed)")
      #expect(analysis.hasErrors == analysis.findings.contains { $0.severity == .error })
    }
  }
}

@Suite("Volume")
struct VolumeTests {
  /// Many payments over 2.000 lines add up exactly. (Speed is measured in Benchmarks/, not here.)
  @Test func manyPayments() {
    let paymentsCount = 50_000
    let plan = TestPlan.make()
    let sources: [SourceCode] = ["TW", "TINH", "HUYEN"]
    var units: [UnitCode] = []
    for index in 0..<1000 { units.append(UnitCode("U\(index)")) }
    let bigPlan = Plan(
      info: plan.info, sources: plan.sources, units: units.map { Unit(code: $0, name: $0.rawValue) },
      projects: plan.projects, activities: plan.activities)
    var allocations: [Allocation] = []
    for unit in units {
      for source in sources.prefix(2) {
        allocations.append(
          Allocation(
            year: 2023, source: source, activity: "CNTT", unit: unit, kind: .initial,
            amount: dong(1_000_000_000), decision: "1/QĐ",
            location: SourceLocation(file: "allocations.csv", line: allocations.count + 2)))
      }
    }
    var payments: [Payment] = []
    payments.reserveCapacity(paymentsCount)
    for index in 0..<paymentsCount {
      payments.append(
        Payment(
          id: "s\(index)", voucher: "PC-\(index / 3)", date: day(2023, 1 + index % 12, 1 + index % 28),
          source: sources[index % 2], activity: "CNTT", unit: units[index % units.count],
          amount: dong(100_000 + Int64(index % 7)),
          location: SourceLocation(file: "spending.csv", line: index + 2)
        ))
    }
    let ledger = Ledger(plan: bigPlan, allocations: allocations, payments: payments)
    let analysis: Analysis? = Engine.analyze(ledger)
    let totals = analysis?.settlement(year: 2023).totals
    #expect(totals?.spent == payments.map(\.amount).sum())
    #expect(totals?.allocated == dong(2_000 * 1_000_000_000))
    #expect(analysis?.findings.allSatisfy { $0.code == .unspent } == true)
  }
}

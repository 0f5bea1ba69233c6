import BudgetCore
import Testing

@testable import BudgetEngine

/// Issue 10, point 2: what used to trap (exit 132) is a located input error, because the run-wide
/// Σ|amount| limit (`Limits.runTotalMaxDong`) is checked before any arithmetic could pass Int64 or a
/// figure could pass 2^53.

private let quadrillion: Int64 = 1_000_000_000_000_000  // 10^15, the largest single amount

private func scenario(_ kinds: [ScenarioOperation.Kind]) -> Scenario {
  Scenario(
    name: "Giới hạn", year: 2023,
    operations: kinds.enumerated().map {
      ScenarioOperation($1, location: SourceLocation(file: "scenarios/s.yaml", line: 5 + $0, column: 5))
    }, file: "scenarios/s.yaml")
}

/// A plan with `count` units under one activity every source may fund.
private func manyUnitsPlan(_ count: Int) -> Plan {
  var plan = TestPlan.make()
  plan = Plan(
    info: plan.info, sources: plan.sources,
    units: (1...count).map { Unit(code: UnitCode(String(format: "U%05d", $0)), name: "Đơn vị \($0)") },
    projects: plan.projects, activities: plan.activities)
  return plan
}

@Suite("Run-wide amount limit: no trap, a located error")
struct RunLimitTests {
  @Test("The limit's arithmetic: twice the limit stays below 2^53, and 2^53 − 1 is what it says")
  func limitIsBelowExactDoubles() {
    #expect(Limits.exactIntegerMax == (Int64(1) << 53) - 1)
    #expect(2 * Limits.runTotalMaxDong < Limits.exactIntegerMax)
    #expect(Limits.runTotalMaxDong == 4 * quadrillion)
  }

  @Test("2(a): scale +100 % again and again stops at the operation that passes the limit")
  func repeatedScaleIsLocated() {
    // 10^15 on one line; each +100 % doubles it. Before the fix the 14th doubling trapped in
    // ExactSplit.scaled (Int64(…) of 1.6 × 10^19).
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", "CNTT", "XA1", .initial, quadrillion)
    let baseline = builder.analyze()
    let doubling = ScenarioOperation.Kind.scale(LineFilter(source: "TW"), percent: Percent(whole: 100))
    let errors = thrownInputErrors {
      _ = try ScenarioComparison.run(scenario(Array(repeating: doubling, count: 20)), baseline: baseline)
    }
    // 1st: 2 × 10^15 (Σ 10^15 + 10^15); 2nd: 4 × 10^15 (Σ exactly the limit, allowed); 3rd: past it.
    #expect(errors.count == 1)
    #expect(errors.first?.location == SourceLocation(file: "scenarios/s.yaml", line: 7, column: 5))
    #expect(errors.first?.message.vi.contains("4.000.000.000.000.000") == true)
    #expect(errors.first?.message.en.contains("'scale'") == true)
  }

  @Test("2(a): exactly at the limit the scenario runs and the figures are exact")
  func scaleToTheLimitRuns() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", "CNTT", "XA1", .initial, quadrillion)
    let doubling = ScenarioOperation.Kind.scale(LineFilter(source: "TW"), percent: Percent(whole: 100))
    let comparison = try ScenarioComparison.run(
      scenario([doubling, doubling]), baseline: builder.analyze())
    #expect(comparison.result.totals.allocated == Money(dong: 4 * quadrillion))
  }

  @Test("ExactSplit.scaled says nil, never traps, when the result is not an Int64")
  func scaledBeyondInt64IsNil() {
    #expect(ExactSplit.scaled(Money(dong: .max), by: Percent(whole: 100), roundToDong: 1) == nil)
    #expect(
      ExactSplit.scaled(Money(dong: 5_000_000_000_000_000_000), by: Percent(whole: 100), roundToDong: 1000)
        == nil)
    #expect(
      ExactSplit.scaled(Money(dong: 2 * quadrillion), by: Percent(whole: 100), roundToDong: 1000)
        == Money(dong: 4 * quadrillion))
  }

  @Test("Minimums that add up past Int64 are an infeasible split, not a trap")
  func minimumsPastInt64() {
    let recipients = (1...10).map {
      ExactSplit.Recipient(name: "X\($0)", weight: 1, minimum: Money(dong: 1_000_000_000_000_000_000))
    }
    guard
      case .failure(.minimumsAboveTotal) = ExactSplit.split(
        Money(dong: 1000), among: recipients, roundToDong: 1000)
    else {
      Issue.record("expected minimumsAboveTotal")
      return
    }
  }

  @Test("2(b): thousands of 'set' of 10^15 stop at the operation that passes the limit")
  func manySetsAreLocated() {
    // Before the fix: 9,500 lines of 10^15 each, and `Money +` trapped summing them (SettlementPass).
    var builder = LedgerBuilder()
    builder.plan = manyUnitsPlan(9_500)
    builder.allocate(2023, "TW", "CNTT", "U00001", .initial, 1_000_000)
    let sets = (1...9_500).map {
      ScenarioOperation.Kind.set(
        ScenarioLine(source: "TW", activity: "CNTT", unit: UnitCode(String(format: "U%05d", $0))),
        amount: Money(dong: quadrillion))
    }
    let errors = thrownInputErrors {
      _ = try ScenarioComparison.run(scenario(sets), baseline: builder.analyze())
    }
    // Base 10^6; set 1 changes U00001 by 10^15 − 10^6 (Σ 10^15), sets 2–4 add 10^15 each (Σ exactly
    // 4 × 10^15, allowed): the 5th, on line 9, is refused.
    #expect(errors.count == 1)
    #expect(errors.first?.location == SourceLocation(file: "scenarios/s.yaml", line: 9, column: 5))
    #expect(errors.first?.message.en.contains("'set'") == true)
    #expect(errors.first?.message.en.contains("4,000,000,000,000,000") == true)
  }

  @Test("A distribute whose minimums add up past Int64 is infeasible, located, not a trap")
  func distributeMinimumsPastInt64() {
    // 9,500 units × min 10^15 = 9.5 × 10^18 > Int64.max: before the fix `Money.sum()` trapped.
    var builder = LedgerBuilder()
    builder.plan = manyUnitsPlan(9_500)
    builder.allocate(2023, "TW", "CNTT", "U00001", .initial, 1_000_000)
    let over = (1...9_500).map { (unit: UnitCode(String(format: "U%05d", $0)), weight: Int64(1)) }
    let errors = thrownInputErrors {
      _ = try ScenarioComparison.run(
        scenario([
          .distribute(
            source: "TW", activity: "CNTT", amount: Money(dong: quadrillion), over: over,
            minimum: Money(dong: quadrillion), maximum: nil)
        ]), baseline: builder.analyze())
    }
    #expect(errors.count == 1)
    #expect(errors.first?.location == SourceLocation(file: "scenarios/s.yaml", line: 5, column: 5))
    #expect(errors.first?.message.en.contains("9500 units") == true)
  }

  @Test("A move within the limit is applied; a distribute with huge minimums is infeasible, located")
  func moveAndDistribute() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", "CNTT", "XA1", .initial, 3 * quadrillion)
    let baseline = builder.analyze()
    let moved = try ScenarioComparison.run(
      scenario([
        .move(
          from: ScenarioLine(source: "TW", activity: "CNTT", unit: "XA1"),
          to: ScenarioLine(source: "TW", activity: "CNTT", unit: "PDT"), amount: Money(dong: quadrillion / 2))
      ]), baseline: baseline)
    // Σ = 3 × 10^15 + two changes of 5 × 10^14 = exactly the limit.
    #expect(moved.result.totals.allocated == Money(dong: 3 * quadrillion))
    let errors = thrownInputErrors {
      _ = try ScenarioComparison.run(
        scenario([
          .move(
            from: ScenarioLine(source: "TW", activity: "CNTT", unit: "XA1"),
            to: ScenarioLine(source: "TW", activity: "CNTT", unit: "PDT"),
            amount: Money(dong: quadrillion / 2 + 1))
        ]), baseline: baseline)
    }
    #expect(errors.first?.location?.line == 5)
  }

  @Test("A ledger past the limit given to a scenario is refused at the row that passes it")
  func baseLedgerPastTheLimit() {
    var builder = LedgerBuilder()
    for _ in 0..<5 { builder.allocate(2023, "TW", "CNTT", "XA1", .initial, quadrillion) }
    let ledger = builder.ledger
    let errors = thrownInputErrors {
      _ = try DerivedLedger.derive(
        ledger,
        scenario: scenario([.set(ScenarioLine(source: "TW", activity: "CNTT", unit: "PDT"), amount: .zero)]))
    }
    // Rows on lines 2–6; the fifth (line 6) takes Σ to 5 × 10^15.
    #expect(errors.count == 1)
    #expect(errors.first?.location == SourceLocation(file: "allocations.csv", line: 6))
  }

  @Test("2(c): ten submissions each at the old per-file limit stop at the row that passes the limit")
  func consolidationPastTheLimitIsLocated() {
    // Before the fix each file could hold 10^18 (1,000 rows of 10^15); ten of them trapped in
    // `SettlementPass.totals`. Now the sum over the district and every submission is checked first.
    var district = LedgerBuilder()
    district.plan = manyUnitsPlan(10)
    var submissions: [UnitSubmission] = []
    for index in 1...10 {
      let unit = UnitCode(String(format: "U%05d", index))
      district.allocate(2023, "TW", "CNTT", unit, .initial, 1_000_000)
      var payments: [Payment] = []
      for row in 0..<1_000 {
        payments.append(
          Payment(
            id: "p\(row)", date: day(2023, 6, 1), source: "TW", activity: "CNTT", unit: unit,
            amount: Money(dong: quadrillion),
            location: SourceLocation(file: "u\(index)/spending.csv", line: row + 2)))
      }
      submissions.append(UnitSubmission(name: "u\(index)", allocations: [], payments: payments))
    }
    let errors = thrownInputErrors {
      _ = try Consolidation.consolidate(district: district.ledger, submissions: submissions, year: 2023)
    }
    // District Σ 10^7; u1's first three rows bring 3 × 10^15, its fourth (line 5) passes the limit.
    #expect(errors.count == 1)
    #expect(errors.first?.location == SourceLocation(file: "u1/spending.csv", line: 5))
    #expect(errors.first?.message.vi.contains("hợp nhất") == true)
  }

  @Test("2(c): submissions each small, together past the limit: the first row past it is named")
  func consolidationOfSeveralUnitsIsLocated() throws {
    var district = LedgerBuilder()
    district.plan = manyUnitsPlan(5)
    var submissions: [UnitSubmission] = []
    for index in 1...5 {
      let unit = UnitCode(String(format: "U%05d", index))
      district.allocate(2023, "TW", "CNTT", unit, .initial, quadrillion / 10)
      submissions.append(
        UnitSubmission(
          name: "u\(index)", allocations: [],
          payments: [
            Payment(
              id: "p", date: day(2023, 6, 1), source: "TW", activity: "CNTT", unit: unit,
              amount: Money(dong: quadrillion),
              location: SourceLocation(file: "u\(index)/spending.csv", line: 2))
          ]))
    }
    let errors = thrownInputErrors {
      _ = try Consolidation.consolidate(district: district.ledger, submissions: submissions, year: 2023)
    }
    // District 5 × 10^14; u1–u3 bring it to 3.5 × 10^15; u4's row passes 4 × 10^15.
    #expect(errors.count == 1)
    #expect(errors.first?.location == SourceLocation(file: "u4/spending.csv", line: 2))
    // Three units are within the limit: they consolidate.
    let three = try Consolidation.consolidate(
      district: district.ledger, submissions: Array(submissions.prefix(3)), year: 2023)
    #expect(three.settlement.totals.spent == Money(dong: 3 * quadrillion))
  }
}

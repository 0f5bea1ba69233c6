import BudgetCore
import BudgetEngine
import Testing

/// Handover of an abolished unit's balances (issue 5 §2), hand-computed.
@Suite struct HandoverTests {
  static let date = day(2025, 6, 30)

  /// PDT holds on TW·PANO: 2024 carry-in 4M + 2025 allocation 10.000.001, spent 4M before the date →
  /// balances: origin 2024 0, origin 2025 10.000.001. A payment after the date and an allocation
  /// decided after it do not count.
  static func ledger() -> Ledger {
    var builder = LedgerBuilder()
    builder.carryIn(2025, "TW", 4_000_000, origin: 2024)
    builder.allocate(2025, "TW", 10_000_001)
    builder.allocate(2025, "TINH", "CNTT", "PDT", .initial, 7_000_000)
    builder.allocate(2025, "TW", "CNTT", "XA1", .initial, 1_000_000)
    builder.pay("a", 2025, "TW", 4_000_000, date: day(2025, 3, 1))
    builder.pay("after", 2025, "TW", 2_000_000, date: day(2025, 7, 1))
    var ledger = builder.ledger
    let late = Allocation(
      year: 2025, source: "TW", activity: "PANO", unit: "PDT", kind: .supplement, amount: dong(9_000_000),
      decision: "9/QĐ-UBND", decisionDate: day(2025, 8, 1),
      location: SourceLocation(file: "allocations.csv", line: 99))
    ledger = Ledger(plan: ledger.plan, allocations: ledger.allocations + [late], payments: ledger.payments)
    return ledger
  }

  @Test func threeWaySplitOfAnAmountThatDoesNotDivideSumsExactly() {
    let map = HandoverMap(units: [
      UnitHandover(
        unit: "PDT",
        rule: .percentages([
          SuccessorShare(successor: "XA_C", percent: Percent(hundredths: 3334)),
          SuccessorShare(successor: "XA_A", percent: Percent(hundredths: 3333)),
          SuccessorShare(successor: "XA_B", percent: Percent(hundredths: 3333)),
        ]))
    ])
    let handover = Handover(ledger: Self.ledger(), map: map, date: Self.date)
    // 10.000.001 × 33,33 % = 3.333.000,33 → floor 3.333.000 (remainder 3333/10000);
    // × 33,34 % = 3.334.000,33 → 3.334.000 (remainder 3334). One đồng left: largest remainder, XA_C.
    let pano = handover.balances.first { $0.line == key(2025, "TW") }
    #expect(pano?.balance == dong(10_000_001))
    #expect(pano?.originYear == 2025)
    #expect(
      pano?.parts == [
        HandoverPart(successor: "XA_A", amount: dong(3_333_000)),
        HandoverPart(successor: "XA_B", amount: dong(3_333_000)),
        HandoverPart(successor: "XA_C", amount: dong(3_334_001)),
      ])
    // TINH·CNTT 7.000.000 splits evenly; every part is handed over, to the đồng.
    #expect(handover.total == dong(17_000_001))
    #expect(handover.openings.map(\.amount).sum() == handover.total)
    // XA1 is not in the map: its balance stays.
    #expect(handover.unmappedBalances.map(\.key.unit) == ["XA1"])
  }

  @Test func equalRemaindersGoByCode() {
    var builder = LedgerBuilder()
    builder.allocate(2025, "TW", 2)
    let map = HandoverMap(units: [
      UnitHandover(
        unit: "PDT",
        rule: .percentages([
          SuccessorShare(successor: "XA_B", percent: Percent(hundredths: 3333)),
          SuccessorShare(successor: "XA_A", percent: Percent(hundredths: 3333)),
          SuccessorShare(successor: "XA_C", percent: Percent(hundredths: 3334)),
        ]))
    ])
    // 2 đ: every floor is 0; remainders 6666, 6666, 6668 → XA_C, then XA_A before XA_B.
    let parts = Handover(ledger: builder.ledger, map: map, date: Self.date).balances.first?.parts
    #expect(parts?.map(\.amount) == [dong(1), dong(0), dong(1)])
    #expect(parts?.map(\.successor) == ["XA_A", "XA_B", "XA_C"])
  }

  @Test func openingRowsKeepOriginsAndMergeOldUnits() {
    var builder = LedgerBuilder()
    builder.carryIn(2025, "TW", 3_000_000, origin: 2023)
    builder.allocate(2025, "TW", 1_000_000)
    builder.carryIn(2025, "TW", "PANO", "XA1", amount: 2_000_000, origin: 2023)
    let map = HandoverMap(units: [
      UnitHandover(unit: "PDT", rule: .whole("XA_NEW")),
      UnitHandover(
        unit: "XA1",
        rule: .byLine([SuccessorLineRule(source: "TW", activity: nil, successor: "XA_NEW")], otherwise: nil)),
    ])
    let openings = Handover(ledger: builder.ledger, map: map, date: Self.date).openings
    #expect(openings.count == 2)
    #expect(
      openings[0].originYear == 2023 && openings[0].amount == dong(5_000_000) && openings[0].kind == .carryIn)
    #expect(openings[0].fromUnits == ["PDT", "XA1"])
    #expect(
      openings[1].originYear == 2025 && openings[1].amount == dong(1_000_000)
        && openings[1].kind == .supplement)
  }

  @Test func aLineNoRuleMatchesIsReported() {
    var builder = LedgerBuilder()
    builder.allocate(2025, "TINH", 1_000_000)
    let map = HandoverMap(units: [
      UnitHandover(
        unit: "PDT",
        rule: .byLine([SuccessorLineRule(source: "TW", activity: nil, successor: "XA_NEW")], otherwise: nil))
    ])
    let handover = Handover(ledger: builder.ledger, map: map, date: Self.date)
    #expect(handover.unmatched.map(\.balance) == [dong(1_000_000)])
    #expect(handover.balances.isEmpty)
  }
}

import BudgetCore
import BudgetEngine
import Testing

/// `YearSettlement.splitByUnit` (settle --per-unit) and `HandoverMap.problems`, hand-computed.
@Suite struct UnitSettlementsTests {
  /// PDT: TW·PANO 10.000.000 allocated, 4.000.000 spent; XA1: CNTT 3.000.000 allocated, 5.000.000 spent
  /// (overspent 2.000.000); a payment of a unit the plan does not know (XA9: UNKNOWN_UNIT, an error
  /// that leaves the row out of the figures).
  static func settlement() -> (YearSettlement, Plan) {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 10_000_000)
    builder.allocate(2023, "TW", "CNTT", "XA1", .initial, 3_000_000)
    builder.pay("a", 2023, "TW", 4_000_000)
    builder.pay("b", 2023, "TW", "CNTT", "XA1", 5_000_000)
    builder.pay("c", 2023, "TW", "CNTT", "XA9", 700_000)
    return (builder.analyze().settlement(year: 2023), builder.plan)
  }

  @Test func eachUnitGetsItsLinesPaymentsAndFindingsAndTheTotalsAddUp() {
    let (settlement, plan) = Self.settlement()
    let parts = settlement.splitByUnit(plan: plan)
    // Plan order; XA9's row is excluded from the figures, so XA9 has nothing to settle.
    #expect(parts.map(\.unit) == ["PDT", "XA1"])
    let pdt = parts[0].settlement
    #expect(pdt.totals.allocated == dong(10_000_000) && pdt.totals.spent == dong(4_000_000))
    #expect(pdt.payments.map(\.id) == ["a"])
    let xa1 = parts[1].settlement
    #expect(xa1.totals.spent == dong(5_000_000) && xa1.totals.overspent == dong(2_000_000))
    #expect(xa1.findings.contains { $0.code == .overspend && $0.unit == "XA1" })
    #expect(!xa1.findings.contains { $0.unit != "XA1" })
    // Σ of the parts is the year, figure by figure.
    var sum = Figures()
    for part in parts { sum += part.settlement.totals }
    #expect(sum == settlement.totals)
    #expect(parts.map(\.settlement.payments.count).reduce(0, +) == settlement.payments.count)
  }

  @Test func mapProblemsUseTypedSourceActivityKeysInCodeOrder() {
    var builder = LedgerBuilder()
    builder.allocate(2025, "TW", 1_000_000)
    builder.allocate(2025, "TINH", "CNTT", "PDT", .initial, 2_000_000)
    builder.allocate(2025, "TW", "CNTT", "XA1", .initial, 3_000_000)
    let successorPlan = Plan(
      info: PlanInfo(name: "Sau sắp xếp", firstYear: 2025, lastYear: 2030),
      sources: [FundingSource(code: "TW", name: "Trung ương", kind: .central, carryOverYears: 2)],
      units: [Unit(code: "XA_MOI", name: "Xã mới")], projects: [Project(code: "DA10", name: "Dự án 10")],
      activities: [Activity(code: "PANO", name: "Pano", project: "DA10")], file: "moi/plan.yaml")
    let map = HandoverMap(units: [
      UnitHandover(
        unit: "PDT", rule: .whole("XA_MOI"), location: SourceLocation(file: "successors.yaml", line: 3)),
      UnitHandover(
        unit: "XA1", rule: .whole("XA_KHAC"), location: SourceLocation(file: "successors.yaml", line: 4)),
    ])
    let problems = map.problems(
      workspacePlan: builder.plan, allocations: builder.ledger.allocations, successorPlan: successorPlan)
    // XA1 is mapped too, so its TW·CNTT counts; TINH and CNTT are unknown to the successors' plan.
    #expect(
      problems.errors.map(\.message.en) == [
        "Successor 'XA_KHAC' is not in the successors' plan (moi/plan.yaml).",
        "The successors' plan lacks source 'TINH' or activity 'CNTT' used by the balances.",
        "The successors' plan lacks source 'TW' or activity 'CNTT' used by the balances.",
      ])
    #expect(problems.errors[0].location == SourceLocation(file: "successors.yaml", line: 4))
    // Without a successors' plan, only the old units are checked: both are in the workspace's plan.
    #expect(
      map.problems(workspacePlan: builder.plan, allocations: builder.ledger.allocations, successorPlan: nil)
        .isEmpty)
  }
}

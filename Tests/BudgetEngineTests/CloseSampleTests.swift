import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing

/// SampleData/chiem-hoa over 2021–2025: the figures of EXPECTED.md for the added years, a chain that
/// holds everywhere, and the handover of 30/06/2025.
@Suite struct CloseSampleTests {
  static func analysis() throws -> Analysis {
    try SampleWorkspaceTests.analyze("chiem-hoa")
  }

  @Test(
    arguments: [
      (2021, [0, 223_000_000, 223_000_000, 135_200_000, 87_800_000, 87_000_000, 800_000, 0]),
      (
        2024, [45_550_000, 1_273_000_000, 1_318_550_000, 1_271_700_000, 46_850_000, 45_350_000, 1_500_000, 0]
      ),
      (2025, [45_350_000, 902_000_000, 947_350_000, 375_550_000, 571_800_000, 571_500_000, 300_000, 0]),
    ] as [(Int, [Int64])])
  func addedYearsTotals(year: Int, figures: [Int64]) throws {
    let totals = try Self.analysis().settlement(year: year).totals
    #expect(
      [
        totals.carriedIn, totals.allocated, totals.available, totals.spent, totals.remaining,
        totals.carryOver, totals.cancelled, totals.overspent,
      ].map(\.dong) == figures)
  }

  @Test func everyYearIsClosedAndOnlyThe2023OverspendIsAnError() throws {
    let analysis = try Self.analysis()
    #expect(analysis.years == [2021, 2022, 2023, 2024, 2025])
    for year in 2021...2024 {
      let close = YearEndClose(analysis: analysis, year: year)
      #expect(close.isClosed, "\(year)")
      #expect(close.recorded.count == close.entries.count)
    }
    #expect(analysis.findings.filter { $0.severity == .error }.map(\.code) == [.overspend])
    #expect(analysis.findings(.carryInMismatch).isEmpty)
  }

  @Test func handoverOfThe2025Balances() throws {
    let analysis = try Self.analysis()
    let map = try SuccessorsReader.read(
      path: SampleWorkspaceTests.sampleData.appendingPathComponent("chiem-hoa/successors.yaml").path)
    let handover = Handover(
      ledger: analysis.ledger, map: map, date: CivilDate(year: 2025, month: 6, day: 30)!)
    #expect(handover.total == Money(dong: 571_800_000))
    #expect(
      handover.unmatched.isEmpty && handover.overspentLines.isEmpty && handover.unmappedBalances.isEmpty)
    var received: [UnitCode: Money] = [:]
    for opening in handover.openings { received[opening.line.unit, default: .zero] += opening.amount }
    #expect(received["XA_CHIEMHOA"] == Money(dong: 74_508_900))
    #expect(received["XA_KIMBINH"] == Money(dong: 44_495_550))
    #expect(received["XA_HOAAN"] == Money(dong: 44_795_550))
    let halang = handover.openings.first { $0.line.unit == "XA_HOAAN" && $0.originYear == 2023 }
    #expect(halang?.amount == Money(dong: 300_000) && halang?.kind == .carryIn)
  }

  /// One refusal for the dry run and the real run (issue 13 §3).
  @Test func closingTheLastPlanYearIsRefusedUnlessTheRowsGoToAFileOfTheirOwn() throws {
    let close = YearEndClose(analysis: try Self.analysis(), year: 2025)
    #expect(close.missing.count == 19)
    #expect(
      close.refusal(force: false, separateRowsFile: false)
        == .nextYearOutsidePlan(nextYear: 2026, planYears: 2021...2025))
    #expect(close.refusal(force: false, separateRowsFile: true) == nil)
    // 2023 has the overspend: refused unless forced; 2024 lies in the plan.
    let closing2023 = YearEndClose(analysis: try Self.analysis(), year: 2023)
    #expect(closing2023.refusal(force: false, separateRowsFile: false) == .errorFindings(count: 1))
    #expect(closing2023.refusal(force: true, separateRowsFile: false) == nil)
  }
}

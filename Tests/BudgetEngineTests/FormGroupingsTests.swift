import BudgetCore
import BudgetEngine
import Testing

/// The forms' groupings (FormGroupings.swift, BudgetClassification.byItemAndSector) on the small coded
/// ledger of BudgetClassificationTests, whose figures are worked out by hand there: in 2022 PANO
/// (DA10.1, 160-161) settles 10.000.000 of 12.000.000 spent, CNTT (DA10 itself, 340-341) 2.500.000,
/// TANGQUA (DA10.1, no codes) 800.000; in 2021 PANO settled 2.000.000.
@Suite struct FormGroupingsTests {
  let analysis = BudgetClassificationTests.ledger()

  @Test func linesGroupUnderTheirActivitysSectorAndAddUpToTheTotal() {
    let settlement = analysis.settlement(year: 2022)
    let groups = settlement.lines.bySector(plan: analysis.ledger.plan)
    #expect(groups.map(\.sector) == [.code(SectorCode("160-161")!), .code(SectorCode("340-341")!), .missing])
    #expect(
      groups.map(\.treasury.figures.settled) == [10_000_000, 2_500_000, 800_000].map { Money(dong: $0) })
    // The overspending stays with PANO's loại-khoản.
    #expect(groups.map(\.treasury.figures.overspent) == [2_000_000, 0, 0].map { Money(dong: $0) })
    #expect(groups.map(\.treasury).reduce(.zero, +) == settlement.lines.treasuryTotals())
  }

  @Test func itemsSplitByTheLinesSector() {
    let classification = analysis.budgetClassification(year: 2022)
    let split = classification.byItemAndSector
    let sector160 = Coded(SectorCode("160-161"))
    let sector340 = Coded(SectorCode("340-341"))
    func key(_ item: String?, _ subItem: String?) -> ItemKey {
      ItemKey(
        item: Coded(item.flatMap(BudgetItemCode.init)),
        subItem: Coded(subItem.flatMap(BudgetSubItemCode.init)))
    }
    #expect(split[key("6600", "6606")] == [sector160: Money(dong: 7_000_000)])
    #expect(split[key("6700", "6701")] == [sector160: Money(dong: 3_000_000)])
    #expect(split[key("6650", "6651")] == [sector340: Money(dong: 1_500_000)])
    #expect(split[key("6650", nil)] == [sector340: Money(dong: 1_000_000)])
    #expect(split[key(nil, nil)] == [.missing: Money(dong: 800_000)])
  }

  @Test func projectsCarryTheirSubProjectsAndTheCumulativeFigure() {
    let blocks = analysis.programmeFigures(year: 2022)
    #expect(blocks.map(\.project) == [nil, "DA10", "DA10.1"])
    #expect(blocks.map(\.depth) == [0, 1, 2])
    #expect(blocks.map(\.code) == ["0500", "0570", "0571"].map { Coded(NationalProgrammeCode($0)) })
    #expect(blocks.map(\.children) == [["DA10"], ["DA10.1"], []])
    // DA10 has an activity of its own (CNTT): its rows are numbers, not its sub-project's sum; the
    // programme has none outside the projects.
    #expect(blocks.map(\.hasOwnMoney) == [false, true, true])
    // Settled: 2022 alone, and 2021–2022 (PANO's 2.000.000 of 2021 is DA10.1's).
    #expect(
      blocks.map(\.year.figures.settled) == [13_300_000, 13_300_000, 10_800_000].map { Money(dong: $0) })
    #expect(
      blocks.map(\.sinceFirstYear.figures.settled)
        == [15_300_000, 15_300_000, 12_800_000].map { Money(dong: $0) })
    // Allocated over every year of the plan: PANO 3.000.000 + 10.000.000, TANGQUA 1.000.000, CNTT 5.000.000.
    #expect(blocks.map(\.approvedAllocated) == [19_000_000, 19_000_000, 14_000_000].map { Money(dong: $0) })
    // The first year's figures are the phase's opening: 2021 had only PANO.
    #expect(
      blocks.map(\.firstYear.figures.allocated) == [3_000_000, 3_000_000, 3_000_000].map { Money(dong: $0) })
    // One unit: PDT holds PANO and TANGQUA, not CNTT (XA1).
    let pdt = analysis.programmeFigures(year: 2022, unit: "PDT")
    #expect(pdt.map(\.year.figures.settled) == [10_800_000, 10_800_000, 10_800_000].map { Money(dong: $0) })
    #expect(pdt.map(\.hasOwnMoney) == [false, false, true])
  }
}

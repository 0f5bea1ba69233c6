import BudgetCore
import BudgetEngine
import Testing

/// The settled money grouped by the Mục lục NSNN (BudgetClassification.swift), on a small ledger whose
/// figures are worked out by hand in the comments.
@Suite struct BudgetClassificationTests {
  static func codedPlan(
    overrides: [FindingCode: SeverityOverride] = [:],
    subProjectCode: NationalProgrammeCode? = NationalProgrammeCode("0571")
  ) -> Plan {
    let base = TestPlan.make(overrides: overrides)
    return Plan(
      info: PlanInfo(
        name: base.info.name, firstYear: 2021, lastYear: 2025, programmeCode: NationalProgrammeCode("0500")),
      sources: base.sources, units: base.units,
      projects: [
        Project(code: "DA10", name: "Dự án 10", programmeCode: NationalProgrammeCode("0570")),
        Project(code: "DA10.1", name: "Tiểu dự án 1", parent: "DA10", programmeCode: subProjectCode),
      ],
      activities: [
        Activity(
          code: "PANO", name: "Pano", project: "DA10.1", eligibleSources: ["TW", "TINH", "HUYEN"],
          classification: ActivityClassification(
            sector: SectorCode("160-161"), item: BudgetItemCode("6600"), subItem: BudgetSubItemCode("6606"))),
        Activity(
          code: "CNTT", name: "Chuyển đổi số", project: "DA10",
          classification: ActivityClassification(sector: SectorCode("340-341"), item: BudgetItemCode("6650"))),
        Activity(code: "TANGQUA", name: "Tặng quà", project: "DA10.1"),
      ],
      severityOverrides: overrides)
  }

  static func ledger(
    overrides: [FindingCode: SeverityOverride] = [:],
    subProjectCode: NationalProgrammeCode? = NationalProgrammeCode("0571")
  ) -> Analysis {
    var builder = LedgerBuilder()
    builder.plan = codedPlan(overrides: overrides, subProjectCode: subProjectCode)
    // 2021: PANO 2.000.000 settled under its default 6606.
    builder.allocate(2021, "TW", 3_000_000)
    builder.pay("a1", 2021, "TW", 2_000_000)
    // 2022 PANO·TW·PDT: 10.000.000 available, 12.000.000 spent: the latest payment (p3, 6606) loses
    // the 2.000.000 overspent, so 6606 = 4 + 5 − 2 = 7.000.000 and p2's own 6701 keeps 3.000.000.
    builder.allocate(2022, "TW", 10_000_000)
    builder.pay("p1", 2022, "TW", 4_000_000, date: day(2022, 3, 1))
    builder.pay("p3", 2022, "TW", 5_000_000, date: day(2022, 5, 1))
    builder.pay("p2", 2022, "TW", 3_000_000, date: day(2022, 4, 1), subItem: "6701")
    // 2022 CNTT·TW·XA1: c1 own 6651, c2 the default (6650, no tiểu mục), c3 reverses half of c1 and
    // takes its tiểu mục: 6651 = 1.500.000, (6650, chưa có mã) = 1.000.000.
    builder.allocate(2022, "TW", "CNTT", "XA1", .initial, 5_000_000)
    builder.pay("c1", 2022, "TW", "CNTT", "XA1", 2_000_000, subItem: "6651")
    builder.pay("c2", 2022, "TW", "CNTT", "XA1", 1_000_000)
    builder.pay("c3", 2022, "TW", "CNTT", "XA1", -500_000, reverses: "c1")
    // 2022 TANGQUA·HUYEN·PDT: no codes at all, 800.000 under "chưa có mã" everywhere.
    builder.allocate(2022, "HUYEN", "TANGQUA", "PDT", .initial, 1_000_000)
    builder.pay("t1", 2022, "HUYEN", "TANGQUA", "PDT", 800_000)
    return builder.analyze()
  }

  /// Advances are money drawn, not spending: the grouping takes the settlements (with their own tiểu
  /// mục) and leaves the advance out, so it adds up to the settled total. (Before, the advance was
  /// grouped as spending and the line's sum check stopped the program.)
  @Test func anAdvanceIsGroupedOnlyAsItsSettlements() {
    var builder = LedgerBuilder()
    builder.plan = Self.codedPlan()
    // 2022 PANO·TW·PDT: 10.000.000 available; advance a1 6.000.000, settled 4.000.000 under its own
    // 6701 and 1.000.000 under the default 6606; a final payment of 2.000.000 (6606). Spent =
    // settled = 7.000.000: 6606 = 3.000.000, 6701 = 4.000.000; the 1.000.000 still advanced is
    // carried over as số dư tạm ứng, in no group.
    builder.allocate(2022, "TW", 10_000_000)
    builder.advance("a1", 2022, "TW", 6_000_000, date: day(2022, 3, 1))
    builder.pay(
      "s1", 2022, "TW", "PANO", "PDT", 4_000_000, date: day(2022, 3, 20), kind: .advanceSettlement,
      settles: "a1", subItem: "6701")
    builder.settle("s2", 2022, "TW", 1_000_000, advance: "a1", date: day(2022, 3, 25))
    builder.pay("f1", 2022, "TW", 2_000_000, date: day(2022, 4, 1))
    let analysis = builder.analyze()
    let classification = analysis.budgetClassification(year: 2022)
    #expect(classification.totalSettled == dong(7_000_000))
    #expect(
      classification.byItem.map { "\($0.key.subItem.code?.rawValue ?? "-") \($0.settled.dong)" } == [
        "6606 3000000", "6701 4000000",
      ])
    #expect(classification.bySector.map(\.settled) == [dong(7_000_000)])
    let line = analysis.settlement(year: 2022).lines.first { $0.key == key(2022, "TW") }
    #expect(line?.treasury.carryOverAdvance == dong(1_000_000))
  }

  @Test func districtGroupings() throws {
    let classification = Self.ledger().budgetClassification(year: 2022)
    #expect(classification.totalSettled == dong(13_300_000))
    #expect(classification.totalSettled == Self.ledger().settlement(year: 2022).totals.settled)
    #expect(
      classification.bySector.map { "\($0.sector.code?.description ?? "-") \($0.settled.dong)" } == [
        "160-161 10000000", "340-341 2500000", "- 800000",
      ])
    #expect(
      classification.byItem.map {
        "\($0.key.item.code?.rawValue ?? "-")/\($0.key.subItem.code?.rawValue ?? "-") \($0.settled.dong)"
      } == [
        "6600/6606 7000000", "6650/6651 1500000", "6650/- 1000000", "6700/6701 3000000", "-/- 800000",
      ])
    #expect(classification.sectorMissingByActivity == ["TANGQUA": dong(800_000)])
    #expect(classification.itemMissingByActivity == ["CNTT": dong(1_000_000), "TANGQUA": dong(800_000)])
  }

  @Test func projectsWithTheCumulativeFigure() {
    let classification = Self.ledger().budgetClassification(year: 2022)
    #expect(classification.programmeCode == .code(NationalProgrammeCode("0500")!))
    // 2021's 2.000.000 (PANO, DA10.1) is in the cumulative figures only.
    #expect(classification.cumulativeSettled == dong(15_300_000))
    let rows = classification.byProject.map {
      [$0.project.rawValue, $0.programmeCode.code?.rawValue ?? "-"]
        + [$0.settled, $0.cumulativeSettled, $0.settledWithSubprojects, $0.cumulativeSettledWithSubprojects]
        .map { String($0.dong) }
    }
    #expect(
      rows == [
        ["DA10", "0570", "2500000", "2500000", "13300000", "15300000"],
        ["DA10.1", "0571", "10800000", "12800000", "10800000", "12800000"],
      ])
    let first = Self.ledger().budgetClassification(year: 2021)
    #expect(first.cumulativeSettled == dong(2_000_000) && first.totalSettled == dong(2_000_000))
  }

  @Test func perUnitGroupingsAddUpToTheDistrict() {
    let analysis = Self.ledger()
    let district = analysis.budgetClassification(year: 2022)
    let xa1 = analysis.budgetClassification(year: 2022, unit: "XA1")
    let pdt = analysis.budgetClassification(year: 2022, unit: "PDT")
    #expect(xa1.totalSettled == dong(2_500_000) && pdt.totalSettled == dong(10_800_000))
    #expect(xa1.totalSettled + pdt.totalSettled == district.totalSettled)
    #expect(xa1.byItem.map(\.settled) == [dong(1_500_000), dong(1_000_000)])
    #expect(xa1.byProject.map(\.project) == ["DA10"])
    #expect(pdt.cumulativeSettled == dong(12_800_000))
    #expect(pdt.bySector.map(\.settled) == [dong(10_000_000), dong(800_000)])
  }

  @Test func missingCodesAreWarningsForWhatTheFormNeeds() {
    let classification = Self.ledger().budgetClassification(year: 2022)
    let plan = Self.codedPlan()
    let all = classification.missingCodeFindings(
      plan: plan, form: "F01-01/BCQT", needs: Set(BudgetCodeNeed.allCases))
    #expect(all.allSatisfy { $0.code == .missingBudgetCode && $0.severity == .warning && $0.year == 2022 })
    #expect(
      all.allSatisfy {
        $0.message.vi.hasPrefix("Biểu F01-01/BCQT:") && $0.message.en.hasPrefix("Form F01-01/BCQT:")
      })
    // Chapter and ĐVQHNS of the reporting body; TANGQUA's loại-khoản; CNTT's and TANGQUA's tiểu mục.
    #expect(all.map(\.activity) == [nil, nil, "TANGQUA", "CNTT", "TANGQUA"])
    #expect(all.map(\.amount) == [nil, nil, dong(800_000), dong(1_000_000), dong(800_000)])
    #expect(all[0].message.vi.contains("chapter_code") && all[1].message.en.contains("budget_unit_code"))
    let sectorOnly = classification.missingCodeFindings(plan: plan, form: "B01/BCQT", needs: [.sector])
    #expect(sectorOnly.count == 1 && sectorOnly[0].message.vi.contains("800.000"))
    // Everything the programme form needs is there.
    #expect(classification.missingCodeFindings(plan: plan, form: "F01-02/BCQT", needs: [.programme]).isEmpty)
  }

  @Test func anUncodedProjectIsNamedWithItsCumulativeMoney() {
    let analysis = Self.ledger(subProjectCode: nil)
    let classification = analysis.budgetClassification(year: 2022)
    let findings = classification.missingCodeFindings(
      plan: analysis.ledger.plan, form: "F01-02/BCQT", needs: [.programme])
    #expect(findings.count == 1 && findings[0].amount == dong(12_800_000))
    #expect(findings[0].message.vi.contains("DA10.1") && findings[0].message.en.contains("12,800,000"))
    #expect(classification.byProject[1].programmeCode == .missing)
  }

  @Test func checksCanSwitchTheWarningOff() {
    let analysis = Self.ledger(overrides: [.missingBudgetCode: .off])
    let findings = analysis.budgetClassification(year: 2022).missingCodeFindings(
      plan: analysis.ledger.plan, form: "B01/BCQT", needs: Set(BudgetCodeNeed.allCases))
    #expect(findings.isEmpty)
    // check never raises it: it belongs to the forms.
    #expect(!Self.ledger().findings.contains { $0.code == .missingBudgetCode })
  }

  @Test func aYearWithoutRowsHasEmptyGroupings() {
    let classification = Self.ledger().budgetClassification(year: 2024)
    #expect(
      classification.totalSettled == .zero && classification.byItem.isEmpty && classification.bySector.isEmpty
    )
    #expect(classification.cumulativeSettled == dong(15_300_000))
  }
}

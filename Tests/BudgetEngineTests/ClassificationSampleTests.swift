import BudgetCore
import BudgetEngine
import Testing

/// SampleData/chiem-hoa's budget classification figures, as EXPECTED.md lists them ("Budget
/// classification"), computed independently by scripts/classification-reference.py over the CSVs.
@Suite struct ClassificationSampleTests {
  static func rows(_ classification: BudgetClassification) -> (
    sectors: [String], items: [String], projects: [String]
  ) {
    (
      classification.bySector.map { "\($0.sector.code?.description ?? "-") \($0.settled.dong)" },
      classification.byItem.map {
        "\($0.key.item.code?.rawValue ?? "-")/\($0.key.subItem.code?.rawValue ?? "-") \($0.settled.dong)"
      },
      classification.byProject.map {
        "\($0.project) \($0.programmeCode.code?.rawValue ?? "-") \($0.settled.dong) \($0.cumulativeSettled.dong) "
          + "\($0.settledWithSubprojects.dong) \($0.cumulativeSettledWithSubprojects.dong)"
      }
    )
  }

  @Test func year2022() throws {
    let analysis = try SampleWorkspaceTests.analyze("chiem-hoa")
    let classification = analysis.budgetClassification(year: 2022)
    #expect(classification.totalSettled == Money(dong: 1_784_520_000))
    #expect(classification.cumulativeSettled == Money(dong: 1_919_720_000))
    let rows = Self.rows(classification)
    #expect(rows.sectors == ["160-161 1069500000", "340-341 715020000"])
    #expect(
      rows.items == [
        "6600/6606 834500000", "6600/6612 115000000", "6650/6652 26084000", "6650/6655 7590000",
        "6650/6658 426996000", "6650/6699 72500000", "6700/6701 16504000", "6700/6702 24471000",
        "7000/7012 135875000", "7750/7799 125000000",
      ])
    #expect(
      rows.projects == [
        "DA10 0570 0 0 1784520000 1919720000", "DA10.1 0571 1462670000 1562870000 1462670000 1562870000",
        "DA10.2 0572 140000000 175000000 140000000 175000000",
        "DA10.3 0573 181850000 181850000 181850000 181850000",
      ])
  }

  @Test func year2023WithTheOverspentLine() throws {
    let analysis = try SampleWorkspaceTests.analyze("chiem-hoa")
    let classification = analysis.budgetClassification(year: 2023)
    // settled = spent 1.927.480.000 − overspent 3.250.000.
    #expect(classification.totalSettled == Money(dong: 1_924_230_000))
    #expect(classification.cumulativeSettled == Money(dong: 3_843_950_000))
    let rows = Self.rows(classification)
    #expect(rows.sectors == ["160-161 1152800000", "340-341 771430000"])
    #expect(
      rows.items == [
        "6600/6606 879800000", "6600/6612 113000000", "6650/6652 33723000", "6650/6655 17367000",
        "6650/6658 412190000", "6650/6699 78000000", "6700/6701 12078000", "6700/6702 11567000",
        "7000/7012 204505000", "7750/7799 162000000",
      ])
    #expect(
      rows.projects == [
        "DA10 0570 0 0 1924230000 3843950000", "DA10.1 0571 1423780000 2986650000 1423780000 2986650000",
        "DA10.2 0572 300000000 475000000 300000000 475000000",
        "DA10.3 0573 200450000 382300000 200450000 382300000",
      ])
  }

  @Test func oneUnit2023() throws {
    let analysis = try SampleWorkspaceTests.analyze("chiem-hoa")
    let tckh = analysis.budgetClassification(year: 2023, unit: "TCKH")
    let rows = Self.rows(tckh)
    #expect(tckh.totalSettled == Money(dong: 20_000_000) && tckh.cumulativeSettled == Money(dong: 40_000_000))
    #expect(rows.items == ["6700/6701 6790000", "6700/6702 6464000", "7000/7012 6746000"])
    #expect(
      rows.projects == ["DA10 0570 0 0 20000000 40000000", "DA10.3 0573 20000000 40000000 20000000 40000000"])
  }

  @Test func theSampleIsFullyCoded() throws {
    let analysis = try SampleWorkspaceTests.analyze("chiem-hoa")
    let plan = analysis.ledger.plan
    for year in [2022, 2023] {
      let findings = analysis.budgetClassification(year: year).missingCodeFindings(
        plan: plan, form: "B01/BCQT", needs: Set(BudgetCodeNeed.allCases))
      #expect(findings.isEmpty, "\(findings.map(\.message.en))")
    }
    // Every commune has its own chapter and ĐVQHNS; the district bodies report under the plan's chapter.
    let unitFindings = analysis.budgetClassification(year: 2023, unit: "XA_TANMY").missingCodeFindings(
      plan: plan, form: "B01/BCQT", needs: [.chapter, .budgetRelationCode])
    #expect(unitFindings.isEmpty)
    #expect(plan.unitByCode["XA_TANMY"]?.chapter?.rawValue == "805")
  }
}

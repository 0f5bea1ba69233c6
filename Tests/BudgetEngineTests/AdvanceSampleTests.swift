import BudgetCore
import BudgetEngine
import Testing

/// SampleData/chiem-hoa's advances (tạm ứng) and treasury figures, as EXPECTED.md lists them
/// ("Advances (tạm ứng) and treasury figures"), computed independently by scripts/b01-reference.py.
@Suite struct AdvanceSampleTests {
  /// The treasury totals of a year, keyed as in `settle --json`.
  static func totals(_ year: Int) throws -> [String: Int64] {
    let treasury = try SampleWorkspaceTests.analyze("chiem-hoa").settlement(year: year).treasuryTotals
    return [
      "final_paid": treasury.finalPaid.dong, "advanced": treasury.advanced.dong,
      "advance_settled": treasury.advanceSettled.dong, "carried_in_advance": treasury.carriedInAdvance.dong,
      "carried_in_undrawn": treasury.carriedInUndrawn.dong, "drawn_in_year": treasury.drawnInYear.dong,
      "drawn": treasury.drawn.dong, "undrawn": treasury.undrawn.dong,
      "settled": treasury.figures.settled.dong, "open_advance": treasury.openAdvance.dong,
      "carry_over_undrawn": treasury.carryOverUndrawn.dong,
      "carry_over_advance": treasury.carryOverAdvance.dong,
      "cancelled_undrawn": treasury.cancelledUndrawn.dong, "lapsed_advance": treasury.lapsedAdvance.dong,
    ]
  }

  /// EXPECTED.md's table: each figure's key, its 2022 and its 2023 value.
  static let expected: [(key: String, year2022: Int64, year2023: Int64)] = [
    ("final_paid", 1_768_700_000, 1_900_652_000), ("advanced", 34_648_000, 8_000_000),
    ("advance_settled", 15_820_000, 26_828_000), ("carried_in_advance", 0, 18_828_000),
    ("carried_in_undrawn", 87_000_000, 157_152_000), ("drawn_in_year", 1_803_348_000, 1_908_652_000),
    ("drawn", 1_803_348_000, 1_927_480_000), ("undrawn", 159_652_000, 45_500_000),
    ("settled", 1_784_520_000, 1_924_230_000), ("open_advance", 18_828_000, 0),
    ("carry_over_undrawn", 157_152_000, 45_550_000), ("carry_over_advance", 18_828_000, 0),
    ("cancelled_undrawn", 2_500_000, 3_200_000), ("lapsed_advance", 0, 0),
  ]

  @Test(arguments: [2022, 2023])
  func treasuryTotals(year: Int) throws {
    let totals = try Self.totals(year)
    #expect(Set(totals.keys) == Set(Self.expected.map(\.key)))
    for row in Self.expected {
      #expect(totals[row.key] == (year == 2022 ? row.year2022 : row.year2023), "\(year) \(row.key)")
    }
  }

  /// The years without advances: everything drawn was spent in the year.
  @Test(arguments: [2021, 2024, 2025])
  func yearsWithoutAdvancesDrawWhatTheySpend(year: Int) throws {
    let settlement = try SampleWorkspaceTests.analyze("chiem-hoa").settlement(year: year)
    let treasury = settlement.treasuryTotals
    #expect(treasury.advanced.isZero && treasury.advanceSettled.isZero && treasury.carriedInAdvance.isZero)
    #expect(treasury.drawnInYear == settlement.totals.spent)
    #expect(treasury.carryOverUndrawn == settlement.totals.carryOver)
  }

  /// The advance carried over: TW·CSDL·VHTT's 75.000.000 of 2022 splits into số dư tạm ứng and số dư
  /// dự toán, and 2023 settles the advance against the carried-in balance.
  @Test func theCarriedAdvanceLine() throws {
    let analysis = try SampleWorkspaceTests.analyze("chiem-hoa")
    let key = { (year: Int) in
      LineKey(year: year, source: "TW", activity: "CSDL", unit: "VHTT")
    }
    let line2022 = try #require(analysis.settlement(year: 2022).lines.first { $0.key == key(2022) })
    #expect(line2022.figures.carryOver == dong(75_000_000))
    #expect(line2022.treasury.advanced == dong(18_828_000))
    #expect(line2022.treasury.openAdvance == dong(18_828_000))
    #expect(line2022.treasury.carryOverAdvance == dong(18_828_000))
    #expect(line2022.treasury.carryOverUndrawn == dong(56_172_000))
    let line2023 = try #require(analysis.settlement(year: 2023).lines.first { $0.key == key(2023) })
    #expect(line2023.treasury.carriedInAdvance == dong(18_828_000))
    #expect(line2023.treasury.carriedInUndrawn == dong(56_172_000))
    #expect(line2023.treasury.advanceSettled == dong(18_828_000))
    #expect(line2023.treasury.openAdvance == .zero)
    // The advance is open after 31/01/2023 (a warning at its row); the chain matches per part.
    let findings = analysis.settlement(year: 2022).findings
    let open = findings.filter { $0.code == .advanceOpen }
    #expect(open.map(\.rowID) == ["2022-0229"])
    #expect(open.first?.amount == dong(18_828_000))
    #expect(open.first?.location?.description == "spending.csv:614")
    let years = [2022, 2023].flatMap { analysis.settlement(year: $0).findings }
    #expect(!years.contains { $0.code == .carryInMismatch || $0.code == .badAdvanceSettlement })
  }
}

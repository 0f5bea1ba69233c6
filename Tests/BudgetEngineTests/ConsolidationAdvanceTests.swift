import BudgetCore
import BudgetIO
import Foundation
import Testing

@testable import BudgetEngine

/// `kinhphi consolidate` with advances in the units' submissions: each unit's advances are settled by
/// its own rows (ids are the unit's own, prefixed by its folder), and the treasury figures of the
/// consolidated settlement add up across units.
@Suite struct ConsolidationAdvanceTests {
  /// A submission of `builder`'s rows as a unit would send them, kinds and advance ids kept.
  static func submission(_ name: String, _ builder: LedgerBuilder) -> UnitSubmission {
    UnitSubmission(name: name, allocations: builder.allocations, payments: builder.payments)
  }

  /// District: TW·PANO·PDT 100M and TW·CNTT·XA1 50M (XA1 also carries in 10M of 2022, of which 3M is
  /// an advance balance). Both units number their rows 1, 2, 3 and each has an advance "1":
  /// - PDT: advance 1 of 20M, settled 12M by 2; final 3 of 10M. spent 22M, drawn 30M, open 8M.
  /// - XA1: records the carry-in as the district did; advance 1 of 5M settled wholly by 2; final 3 of
  ///   15M. spent 20M, drawn in the year 20M, drawn 23M with the 3M advance balance carried in (not
  ///   settled this year: still open), undrawn 60 − 23 = 37M.
  static func scenario() -> (district: Ledger, pdt: LedgerBuilder, xa1: LedgerBuilder) {
    var district = LedgerBuilder()
    district.allocate(2023, "TW", "PANO", "PDT", .initial, 100_000_000, decision: "10/QĐ-UBND")
    district.allocate(2023, "TW", "CNTT", "XA1", .initial, 50_000_000, decision: "10/QĐ-UBND")
    district.carryIn(2023, "TW", "CNTT", "XA1", amount: 7_000_000, origin: 2022)
    district.carryIn(2023, "TW", "CNTT", "XA1", amount: 3_000_000, origin: 2022, part: .advance)
    var pdt = LedgerBuilder()
    pdt.allocate(2023, "TW", "PANO", "PDT", .initial, 100_000_000, decision: "10/QĐ-UBND")
    pdt.pay("1", 2023, "TW", "PANO", "PDT", 20_000_000, date: day(2023, 3, 1), kind: .advance)
    pdt.pay(
      "2", 2023, "TW", "PANO", "PDT", 12_000_000, date: day(2023, 3, 20), kind: .advanceSettlement,
      settles: "1")
    pdt.pay("3", 2023, "TW", "PANO", "PDT", 10_000_000, date: day(2023, 4, 1))
    var xa1 = LedgerBuilder()
    xa1.allocate(2023, "TW", "CNTT", "XA1", .initial, 50_000_000, decision: "10/QĐ-UBND")
    xa1.carryIn(2023, "TW", "CNTT", "XA1", amount: 7_000_000, origin: 2022)
    xa1.carryIn(2023, "TW", "CNTT", "XA1", amount: 3_000_000, origin: 2022, part: .advance)
    xa1.pay("1", 2023, "TW", "CNTT", "XA1", 5_000_000, date: day(2023, 5, 1), kind: .advance)
    xa1.pay(
      "2", 2023, "TW", "CNTT", "XA1", 5_000_000, date: day(2023, 5, 9), kind: .advanceSettlement, settles: "1"
    )
    xa1.pay("3", 2023, "TW", "CNTT", "XA1", 15_000_000, date: day(2023, 6, 1))
    return (district.ledger, pdt, xa1)
  }

  @Test func eachUnitSettlesItsOwnAdvanceAndTheTreasuryAddsUp() throws {
    let (district, pdt, xa1) = Self.scenario()
    let result = try Consolidation.consolidate(
      district: district, submissions: [Self.submission("pdt", pdt), Self.submission("xa1", xa1)], year: 2023)
    // Advance "1" of each unit is settled by that unit's "2": no finding about advances or ids.
    #expect(
      !result.analysis.findings.contains {
        [.badAdvanceSettlement, .duplicateID, .drawnOverAvailable].contains($0.code)
      })
    #expect(result.ledger.payments.first { $0.id == "xa1/2" }?.settles == "xa1/1")
    let byUnit = result.settlement.lines.treasuryTotals { $0.unit }
    let pdtTreasury = try #require(byUnit["PDT"])
    #expect(pdtTreasury.advanced == dong(20_000_000) && pdtTreasury.advanceSettled == dong(12_000_000))
    #expect(pdtTreasury.figures.spent == dong(22_000_000) && pdtTreasury.drawn == dong(30_000_000))
    #expect(pdtTreasury.openAdvance == dong(8_000_000) && pdtTreasury.carryOverAdvance == dong(8_000_000))
    let xa1Treasury = try #require(byUnit["XA1"])
    #expect(xa1Treasury.carriedInAdvance == dong(3_000_000))
    #expect(xa1Treasury.figures.spent == dong(20_000_000) && xa1Treasury.drawnInYear == dong(20_000_000))
    #expect(xa1Treasury.drawn == dong(23_000_000) && xa1Treasury.openAdvance == dong(3_000_000))
    #expect(xa1Treasury.undrawn == dong(37_000_000))
    // The consolidated totals are the units' sums, and each unit's part is what its own submission
    // settles to on its own.
    let totals = result.settlement.treasuryTotals
    #expect(totals == pdtTreasury + xa1Treasury)
    #expect(totals.drawnInYear == dong(50_000_000) && totals.openAdvance == dong(11_000_000))
    for (unit, builder) in [("PDT", pdt), ("XA1", xa1)] as [(UnitCode, LedgerBuilder)] {
      var alone = builder
      alone.plan = district.plan
      #expect(alone.analyze().settlement(year: 2023).treasuryTotals == byUnit[unit])
    }
  }

  /// A unit that records its carried-in advance balance as undrawn money (the right total, split
  /// wrongly) differs from the district: both parts are reported, as the chain check would.
  @Test func aCarryInPartRecordedWronglyIsADifference() throws {
    let (district, pdt, _) = Self.scenario()
    var xa1 = LedgerBuilder()
    xa1.allocate(2023, "TW", "CNTT", "XA1", .initial, 50_000_000, decision: "10/QĐ-UBND")
    xa1.carryIn(2023, "TW", "CNTT", "XA1", amount: 10_000_000, origin: 2022)
    let result = try Consolidation.consolidate(
      district: district, submissions: [Self.submission("pdt", pdt), Self.submission("xa1", xa1)], year: 2023)
    let carried = result.differences.filter { $0.allocationKind == .carryIn }
    #expect(carried.count == 2)
    let undrawn = try #require(carried.first { $0.carryPart == .undrawn })
    #expect(undrawn.kind == .amount)
    #expect(undrawn.districtAmount == dong(7_000_000) && undrawn.unitAmount == dong(10_000_000))
    let advance = try #require(carried.first { $0.carryPart == .advance })
    #expect(advance.kind == .missingInUnit)
    #expect(advance.districtAmount == dong(3_000_000) && advance.unitAmount == .zero)
    #expect(advance.kindLabel.vi.contains("số dư tạm ứng"))
  }

  /// SampleData/chiem-hoa consolidated for `year` with its three units' own files (chiem-hoa-units).
  static func sample(year: Int) throws -> (district: Ledger, result: Consolidation) {
    let sampleData = SampleWorkspaceTests.sampleData
    let district = try WorkspaceReader.read(directory: sampleData.appendingPathComponent("chiem-hoa").path)
    let submissions = try ["vhtt", "xa-hung-my", "xa-kim-binh"].map { name in
      let tables = try WorkspaceReader.readSubmission(
        directory: sampleData.appendingPathComponent("chiem-hoa-units/\(name)").path, label: name)
      return UnitSubmission(name: name, allocations: tables.allocations, payments: tables.payments)
    }
    return (district, try Consolidation.consolidate(district: district, submissions: submissions, year: year))
  }

  /// The sample: the district's 2022 and 2023 with the three units' own files (chiem-hoa-units,
  /// made from chiem-hoa by make-units.py, the VHTT advance 2022-0229 and its 2023 settlement under
  /// the unit's own ids): the consolidated treasury figures are the district's own.
  @Test(arguments: [2022, 2023])
  func theSampleConsolidatesToTheDistrictsTreasuryFigures(year: Int) throws {
    let (district, result) = try Self.sample(year: year)
    let own = Engine.analyze(district).settlement(year: year)
    #expect(result.settlement.treasuryTotals == own.treasuryTotals)
    let vhtt = result.settlement.lines.treasuryTotals { $0.unit }["VHTT"]
    #expect(vhtt?.carryOverAdvance == (year == 2022 ? dong(18_828_000) : .zero))
    #expect(vhtt?.carriedInAdvance == (year == 2023 ? dong(18_828_000) : .zero))
    #expect(vhtt?.advanceSettled == (year == 2023 ? dong(18_828_000) : .zero))
  }
}

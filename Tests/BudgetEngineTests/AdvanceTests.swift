import BudgetCore
import BudgetEngine
import Testing

/// Advances (tạm ứng), their settlements and the treasury figures (docs/workspace-format.md,
/// "Advances and treasury drawdowns"). Amounts in đồng; each test spells its arithmetic out.
@Suite("Advances and treasury drawdowns")
struct AdvanceTests {
  /// TW 2023 (carry_over_years 2): allocated 100M; advance a1 30M, settled 18M in the year; final 10M.
  ///   spent = 10 + 18 = 28M; drawn = 10 + 30 = 40M; undrawn = 100 − 40 = 60M; open advance = 40 − 28
  ///   = 12M; remaining 72M = 60M undrawn + 12M advance, all carried (2024 ≤ 2023 + 2).
  @Test func partialSettlementSplitsTheCarryOver() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 100_000_000)
    builder.advance("a1", 2023, "TW", 30_000_000, date: day(2023, 3, 1))
    builder.settle("s1", 2023, "TW", 18_000_000, advance: "a1", date: day(2023, 4, 1))
    builder.pay("f1", 2023, "TW", 10_000_000)
    let analysis = builder.analyze()
    let line = try #require(analysis.line(key(2023, "TW")))
    #expect(line.figures == figures(allocated: 100_000_000, spent: 28_000_000, carryOver: 72_000_000))
    let treasury = line.treasury
    #expect(treasury.finalPaid == dong(10_000_000))
    #expect(treasury.advanced == dong(30_000_000))
    #expect(treasury.advanceSettled == dong(18_000_000))
    #expect(treasury.drawnInYear == dong(40_000_000))
    #expect(treasury.drawn == dong(40_000_000))
    #expect(treasury.undrawn == dong(60_000_000))
    #expect(treasury.openAdvance == dong(12_000_000))
    #expect(treasury.carryOverAdvance == dong(12_000_000))
    #expect(treasury.carryOverUndrawn == dong(60_000_000))
    #expect(treasury.lapsedAdvance == .zero && treasury.cancelledUndrawn == .zero)
    #expect(line.portions.map(\.openAdvance) == [dong(12_000_000)])
    #expect(line.figures.settled == dong(28_000_000))

    let open = analysis.findings(.advanceOpen)
    #expect(open.count == 1)
    #expect(open.first?.amount == dong(12_000_000))
    #expect(open.first?.rowID == "a1" && open.first?.severity == .warning)
    #expect(open.first?.message.vi.contains("31/01/2024") == true)
    #expect(!analysis.hasErrors)
    // The year's totals carry the same treasury figures.
    #expect(analysis.settlement(year: 2023).treasuryTotals == treasury)
  }

  /// An advance of 5M settled wholly by 3M + 2M leaves nothing open and no finding; a third
  /// settlement of it is an error, left out of the figures.
  @Test func wholeSettlementThenAlreadySettled() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 20_000_000)
    builder.advance("a2", 2023, "TW", 5_000_000, date: day(2023, 2, 1))
    builder.settle("s1", 2023, "TW", 3_000_000, advance: "a2", date: day(2023, 3, 1))
    builder.settle("s2", 2023, "TW", 2_000_000, advance: "a2", date: day(2023, 3, 2))
    builder.settle("s3", 2023, "TW", 1_000_000, advance: "a2", date: day(2023, 3, 3))
    let analysis = builder.analyze()
    let line = try #require(analysis.line(key(2023, "TW")))
    #expect(line.treasury.advanceSettled == dong(5_000_000))
    #expect(line.figures.spent == dong(5_000_000))
    #expect(line.treasury.openAdvance == .zero)
    #expect(line.treasury.undrawn == dong(15_000_000))
    #expect(analysis.findings(.advanceOpen).isEmpty)
    let bad = analysis.findings(.badAdvanceSettlement)
    #expect(bad.map(\.rowID) == ["s3"])
    #expect(bad.first?.location?.line == 5)
    #expect(bad.first?.message.en.contains("already fully settled") == true)
    #expect(bad.first?.amount == dong(1_000_000))
  }

  /// Settling 1.5M of a 1M advance is an error at the settling row; the row is left out, so the
  /// advance stays wholly open (1M, ADVANCE_OPEN). Unknown ids, rows that are not advances and
  /// settlements on another line are errors too.
  @Test func overSettlementUnknownIdNotAnAdvanceAndAnotherLine() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 20_000_000)
    builder.allocate(2023, "TINH", 20_000_000)
    builder.advance("a3", 2023, "TW", 1_000_000)
    builder.settle("s1", 2023, "TW", 1_500_000, advance: "a3")
    builder.settle("s2", 2023, "TW", 100_000, advance: "zz")
    builder.pay("f1", 2023, "TW", 400_000)
    builder.settle("s3", 2023, "TW", 100_000, advance: "f1")
    builder.settle("s4", 2023, "TINH", 100_000, advance: "a3")
    let analysis = builder.analyze()
    let bad = analysis.findings(.badAdvanceSettlement)
    #expect(bad.map(\.rowID) == ["s1", "s2", "s3", "s4"])
    #expect(bad.map { $0.location?.line } == [3, 4, 6, 7])
    #expect(bad.allSatisfy { $0.severity == .error })
    #expect(bad[0].message.en.contains("1,500,000") && bad[0].message.en.contains("1,000,000"))
    #expect(bad[1].message.en.contains("no spending row"))
    #expect(bad[2].message.en.contains("not an advance"))
    #expect(bad[3].message.en.contains("advance's source, activity and unit"))
    let tw = try #require(analysis.line(key(2023, "TW")))
    #expect(tw.treasury.advanceSettled == .zero)
    #expect(tw.figures.spent == dong(400_000))
    #expect(tw.treasury.openAdvance == dong(1_000_000))
    #expect(analysis.line(key(2023, "TINH"))?.figures.spent == .zero)
    #expect(analysis.findings(.advanceOpen).map(\.amount) == [dong(1_000_000)])
  }

  /// A 2022 advance of 6M settled 2M in 2022 and 4M in 2023 is open at 31/01/2023 (4M, ADVANCE_OPEN
  /// on the 2022 line, naming the later settlement); the 2023 line settles an earlier year's advance
  /// that no carry_in row brings in: ADVANCE_NOT_CARRIED_IN for 4M.
  @Test func advanceOpenAfterTheAdjustmentPeriodAndSettledNextYear() throws {
    var builder = LedgerBuilder()
    builder.allocate(2022, "TW", 10_000_000)
    builder.advance("a4", 2022, "TW", 6_000_000, date: day(2022, 11, 1))
    builder.settle("s1", 2022, "TW", 2_000_000, advance: "a4", date: day(2023, 1, 20))
    builder.allocate(2023, "TW", 1_000_000)
    builder.settle("s2", 2023, "TW", 4_000_000, advance: "a4", date: day(2023, 3, 1))
    let analysis = builder.analyze()
    let open = analysis.findings(.advanceOpen)
    #expect(open.count == 1)
    #expect(open.first?.amount == dong(4_000_000) && open.first?.year == 2022)
    #expect(open.first?.message.en.contains("Settled later: 4,000,000") == true)
    let line2022 = try #require(analysis.line(key(2022, "TW")))
    #expect(line2022.treasury.openAdvance == dong(4_000_000))
    #expect(line2022.treasury.carryOverAdvance == dong(4_000_000))
    #expect(line2022.treasury.carryOverUndrawn == dong(4_000_000))
    let notCarried = analysis.findings(.advanceNotCarriedIn)
    #expect(notCarried.map(\.amount) == [dong(4_000_000)])
    #expect(notCarried.first?.year == 2023)
    #expect(analysis.findings(.badAdvanceSettlement).isEmpty)
  }

  /// HUYEN 2023 (carry_over_years 0): allocated 10M, final 6M, advance 7M → drawn 13M > 10M available:
  /// DRAWN_OVER_AVAILABLE for 3M; nothing is overspent (spent 6M).
  @Test func drawnMoreThanAvailable() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "HUYEN", 10_000_000)
    builder.pay("f1", 2023, "HUYEN", 6_000_000)
    builder.advance("a1", 2023, "HUYEN", 7_000_000)
    let analysis = builder.analyze()
    let line = try #require(analysis.line(key(2023, "HUYEN")))
    #expect(line.treasury.undrawn == dong(-3_000_000))
    #expect(line.figures.overspent == .zero)
    let drawn = analysis.findings(.drawnOverAvailable)
    #expect(drawn.map(\.amount) == [dong(3_000_000)])
    #expect(drawn.first?.severity == .error)
    #expect(analysis.findings(.overspend).isEmpty)
    // All 4M left is drawn (as advance), none undrawn: it lapses and must be paid back.
    #expect(line.treasury.lapsedAdvance == dong(4_000_000))
    #expect(line.treasury.cancelledUndrawn == .zero)
  }

  /// HUYEN 2023 (lapses at year end): allocated 20M, advance 8M settled 5M, final 2M. spent 7M,
  /// remaining 13M cancelled: 3M open advance to pay back (còn phải nộp), 10M never drawn (bị hủy).
  @Test func lapsedPortionWithAnOpenAdvance() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "HUYEN", 20_000_000)
    builder.advance("a1", 2023, "HUYEN", 8_000_000)
    builder.settle("s1", 2023, "HUYEN", 5_000_000, advance: "a1")
    builder.pay("f1", 2023, "HUYEN", 2_000_000)
    let analysis = builder.analyze()
    let line = try #require(analysis.line(key(2023, "HUYEN")))
    #expect(line.figures == figures(allocated: 20_000_000, spent: 7_000_000, cancelled: 13_000_000))
    #expect(line.treasury.lapsedAdvance == dong(3_000_000))
    #expect(line.treasury.cancelledUndrawn == dong(10_000_000))
    #expect(line.treasury.carryOverAdvance == .zero)
    #expect(line.portions.first?.lapsedAdvance == dong(3_000_000))
    #expect(analysis.findings(.advanceOpen).map(\.amount) == [dong(3_000_000)])
  }

  /// Money paid back on an advance is its reversal: a 10M advance less 4M returned is settled in
  /// full by 6M. The reversal takes the advance's kind, so spending is 6M, drawn 6M.
  @Test func advanceReturnedInPartByAReversal() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 20_000_000)
    builder.advance("a1", 2023, "TW", 10_000_000)
    builder.pay("r1", 2023, "TW", -4_000_000, reverses: "a1")
    builder.settle("s1", 2023, "TW", 6_000_000, advance: "a1")
    let analysis = builder.analyze()
    let line = try #require(analysis.line(key(2023, "TW")))
    #expect(line.treasury.advanced == dong(6_000_000))
    #expect(line.treasury.finalPaid == .zero)
    #expect(line.figures.spent == dong(6_000_000))
    #expect(line.treasury.openAdvance == .zero)
    #expect(analysis.findings.isEmpty || analysis.findings.allSatisfy { $0.code == .unspent })
  }

  /// Carry-in money is drawn oldest first like spending: TW 2023 with 10M carried in from 2021 and
  /// 50M of its own; advance 15M, nothing settled. The 2021 portion is all drawn (10M advance, it
  /// lapses: 2024 > 2021 + 2), the 2023 portion has 5M advance and 45M undrawn, carried.
  @Test func drawnMoneyUsesTheOldestPortionFirst() throws {
    var builder = LedgerBuilder()
    builder.carryIn(2023, "TW", 10_000_000, origin: 2021)
    builder.allocate(2023, "TW", 50_000_000)
    builder.advance("a1", 2023, "TW", 15_000_000)
    let analysis = builder.analyze()
    let line = try #require(analysis.line(key(2023, "TW")))
    #expect(line.portions.map(\.openAdvance) == [dong(10_000_000), dong(5_000_000)])
    #expect(line.treasury.lapsedAdvance == dong(10_000_000))
    #expect(line.treasury.carryOverAdvance == dong(5_000_000))
    #expect(line.treasury.carryOverUndrawn == dong(45_000_000))
    #expect(line.treasury.cancelledUndrawn == .zero)
  }

  /// Without advances the treasury figures are the settlement's own: everything spent was drawn.
  @Test func withoutAdvancesEverythingSpentIsFinal() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 20_000_000)
    builder.pay("f1", 2023, "TW", 7_000_000)
    let line = try #require(builder.analyze().line(key(2023, "TW")))
    #expect(line.treasury == TreasuryFigures(finalOnly: line.figures))
    #expect(line.treasury.drawn == dong(7_000_000) && line.treasury.undrawn == dong(13_000_000))
    #expect(!line.treasury.hasAdvances)
  }
}

/// The year-end close and the carry chain with advances: each part is its own link.
@Suite("Advances across the year end")
struct AdvanceCarryTests {
  /// TW 2022 (carry_over_years 2): allocated 10M; advance a1 4M settled 1M; final 2M. spent 3M,
  /// remaining 7M: 3M open advance, 4M undrawn; both carried into 2023 (origin 2022).
  static func closing2022(advanceRecorded: Int64?, undrawnRecorded: Int64? = 4_000_000) -> LedgerBuilder {
    var builder = LedgerBuilder()
    builder.allocate(2022, "TW", 10_000_000)
    builder.advance("a1", 2022, "TW", 4_000_000, date: day(2022, 9, 1))
    builder.settle("s1", 2022, "TW", 1_000_000, advance: "a1", date: day(2022, 10, 1))
    builder.pay("f1", 2022, "TW", 2_000_000)
    if let undrawnRecorded { builder.carryIn(2023, "TW", amount: undrawnRecorded, origin: 2022) }
    if let advanceRecorded {
      builder.carryIn(2023, "TW", amount: advanceRecorded, origin: 2022, part: .advance)
    }
    builder.allocate(2023, "TW", 5_000_000)
    builder.settle("s2", 2023, "TW", 3_000_000, advance: "a1", date: day(2023, 3, 1))
    return builder
  }

  @Test func closeYieldsBothPartsAndTheChainHoldsWhenBothAreRecorded() throws {
    let analysis = Self.closing2022(advanceRecorded: 3_000_000).analyze()
    let close = YearEndClose(analysis: analysis, year: 2022)
    #expect(
      close.entries == [
        CarryInEntry(line: key(2023, "TW"), originYear: 2022, part: .undrawn, amount: dong(4_000_000)),
        CarryInEntry(line: key(2023, "TW"), originYear: 2022, part: .advance, amount: dong(3_000_000)),
      ])
    #expect(close.isClosed)
    #expect(analysis.findings(.carryInMismatch).isEmpty)
    #expect(analysis.findings(.advanceNotCarriedIn).isEmpty)
    // 2023: the 3M advance balance carried in is settled; nothing new drawn for it.
    let line = try #require(analysis.line(key(2023, "TW")))
    #expect(line.treasury.carriedInAdvance == dong(3_000_000))
    #expect(line.treasury.carriedInUndrawn == dong(4_000_000))
    #expect(line.treasury.advanceSettled == dong(3_000_000))
    #expect(line.treasury.drawnInYear == .zero)
    #expect(line.treasury.openAdvance == .zero)
    #expect(line.treasury.undrawn == dong(9_000_000))
    #expect(line.figures.spent == dong(3_000_000))
    // Settling the carried-in balance uses the oldest (2022) portion first.
    #expect(line.portions.map(\.unspent) == [dong(4_000_000), dong(5_000_000)])
  }

  @Test func closeListsTheMissingAdvancePartAndTheChainFlagsIt() throws {
    let analysis = Self.closing2022(advanceRecorded: nil).analyze()
    let close = YearEndClose(analysis: analysis, year: 2022)
    #expect(
      close.missing == [
        CarryInEntry(line: key(2023, "TW"), originYear: 2022, part: .advance, amount: dong(3_000_000))
      ])
    #expect(close.recorded.map(\.part) == [.undrawn])
    let mismatch = analysis.findings(.carryInMismatch)
    #expect(mismatch.map(\.amount) == [dong(3_000_000)])
    #expect(mismatch.first?.message.en.contains("advance balance") == true)
  }

  /// The undrawn part recorded as 1M too much and the advance part 1M too little: two mismatches, one
  /// per part, even though the total carried in (7M) is right.
  @Test func chainComparesEachPart() throws {
    let analysis = Self.closing2022(advanceRecorded: 2_000_000, undrawnRecorded: 5_000_000).analyze()
    let mismatch = analysis.findings(.carryInMismatch)
    #expect(mismatch.map(\.amount) == [dong(1_000_000), dong(1_000_000)])
    #expect(mismatch.filter { $0.message.en.contains("advance balance") }.count == 1)
    let close = YearEndClose(analysis: analysis, year: 2022)
    #expect(close.differences.map(\.part) == [.undrawn, .advance])
    #expect(close.differences.map(\.recorded) == [dong(5_000_000), dong(2_000_000)])
  }
}

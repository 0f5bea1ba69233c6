import BudgetCore
import BudgetEngine
import Testing

/// Reversing an advance settlement (docs/workspace-format.md, "Advances and treasury drawdowns"): a
/// reversal takes the kind of the row it reverses, so reversing a settlement takes that much out of
/// the recognised spending and re-opens that much of the advance; it may be settled again, up to the
/// advance less what stays settled. Line TW·PANO·PDT 2023, 20M allocated, advance a1 of 10M.
@Suite struct AdvanceReversalTests {
  static func builder() -> LedgerBuilder {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 20_000_000)
    builder.advance("a1", 2023, "TW", 10_000_000, date: day(2023, 3, 1))
    builder.settle("s1", 2023, "TW", 10_000_000, advance: "a1", date: day(2023, 4, 1))
    // 4M of s1's receipts are found ineligible: the settlement is reversed by that much.
    builder.pay("r1", 2023, "TW", -4_000_000, date: day(2023, 5, 1), reverses: "s1")
    return builder
  }

  /// Reversed and not settled again: spent = 10 − 4 = 6M, drawn 10M, so 4M of the advance is open
  /// at 31/01/2024 (ADVANCE_OPEN at a1) and carried over as số dư tạm ứng; the 10M never drawn is số
  /// dư dự toán. 20 = 6 spent + 14 carried (4 advance + 10 undrawn).
  @Test func aReversedSettlementReopensTheAdvance() throws {
    let analysis = Self.builder().analyze()
    let line = try #require(analysis.line(key(2023, "TW")))
    #expect(line.figures == figures(allocated: 20_000_000, spent: 6_000_000, carryOver: 14_000_000))
    #expect(line.treasury.advanceSettled == dong(6_000_000))
    #expect(line.treasury.finalPaid == .zero)
    #expect(line.treasury.advanced == dong(10_000_000))
    #expect(line.treasury.drawn == dong(10_000_000))
    #expect(line.treasury.openAdvance == dong(4_000_000))
    #expect(line.treasury.carryOverAdvance == dong(4_000_000))
    #expect(line.treasury.carryOverUndrawn == dong(10_000_000))
    let open = analysis.findings(.advanceOpen)
    #expect(open.map(\.rowID) == ["a1"])
    #expect(open.first?.amount == dong(4_000_000))
    #expect(!analysis.hasErrors)
    #expect(analysis.findings(.badReversal).isEmpty && analysis.findings(.badAdvanceSettlement).isEmpty)
  }

  /// The re-opened 4M settled again by s2 (other receipts): the advance is wholly settled, nothing
  /// open, spent 10M = drawn.
  @Test func theReopenedPartCanBeSettledAgain() throws {
    var builder = Self.builder()
    builder.settle("s2", 2023, "TW", 4_000_000, advance: "a1", date: day(2023, 6, 1))
    let analysis = builder.analyze()
    let treasury = try #require(analysis.line(key(2023, "TW"))?.treasury)
    // settled advances, spent, open, carried over as advance, as undrawn
    #expect(
      [
        treasury.advanceSettled, treasury.figures.spent, treasury.openAdvance, treasury.carryOverAdvance,
        treasury.carryOverUndrawn,
      ] == [10_000_000, 10_000_000, 0, 0, 10_000_000].map(dong))
    #expect(analysis.findings(.advanceOpen).isEmpty)
    #expect(!analysis.hasErrors)
  }

  /// Settling again more than was re-opened (5M where 4M is open) is BAD_ADVANCE_SETTLEMENT at s2,
  /// which is left out: the figures are those of the reversal alone.
  @Test func settlingAgainBeyondWhatWasReopenedIsRefused() throws {
    var builder = Self.builder()
    builder.settle("s2", 2023, "TW", 5_000_000, advance: "a1", date: day(2023, 6, 1))
    let analysis = builder.analyze()
    let bad = analysis.findings(.badAdvanceSettlement)
    #expect(bad.map(\.rowID) == ["s2"])
    #expect(bad.first?.amount == dong(5_000_000))
    #expect(bad.first?.message.en.contains("more than the 10,000,000") == true)
    let line = try #require(analysis.line(key(2023, "TW")))
    #expect(line.treasury.advanceSettled == dong(6_000_000))
    #expect(line.treasury.openAdvance == dong(4_000_000))
  }

  /// Reversing more than the settlement (r1's 4M, then r2's 7M: 11M of s1's 10M) is a BAD_REVERSAL
  /// like any reversal, left out: only r1 re-opens the advance.
  @Test func reversingMoreThanTheSettlementIsABadReversal() throws {
    var builder = Self.builder()
    builder.pay("r2", 2023, "TW", -7_000_000, date: day(2023, 5, 2), reverses: "s1")
    let analysis = builder.analyze()
    #expect(analysis.findings(.badReversal).map(\.rowID) == ["r2"])
    let treasury = try #require(analysis.line(key(2023, "TW"))?.treasury)
    #expect(treasury.advanceSettled == dong(6_000_000) && treasury.openAdvance == dong(4_000_000))
  }
}

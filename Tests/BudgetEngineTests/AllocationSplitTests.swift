import BudgetCore
import BudgetEngine
import Testing

/// Each line's allocation split into dự toán giao đầu năm (`initial` rows) and dự toán điều chỉnh
/// (supplements and adjustments, signed): Mẫu 20f's columns 7 and 8.
@Suite struct AllocationSplitTests {
  /// TW·PANO·PDT 2023: 10M carried in, 100M initial, 20M supplement, −35M adjustment. initial 100M,
  /// adjusted 20 − 35 = −15M; 10 + 100 − 15 = 95M available.
  @Test func initialAndAdjustedAddUpToTheAllocation() throws {
    var builder = LedgerBuilder()
    builder.carryIn(2023, "TW", 10_000_000, origin: 2022)
    builder.allocate(2023, "TW", .initial, 100_000_000)
    builder.allocate(2023, "TW", .supplement, 20_000_000)
    builder.allocate(2023, "TW", .adjustment, -35_000_000)
    builder.pay("p1", 2023, "TW", 40_000_000)
    let line = try #require(builder.analyze().line(key(2023, "TW")))
    #expect(line.initialAllocated == dong(100_000_000))
    #expect(line.adjustedAllocated == dong(-15_000_000))
    #expect(line.figures.available == dong(95_000_000))
  }

  /// A line with only a supplement has nothing initial; a line built without the split (a report's
  /// fixture) counts its whole allocation as initial.
  @Test func withoutInitialRowsEverythingIsAnAdjustment() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", .supplement, 5_000_000)
    let line = try #require(builder.analyze().line(key(2023, "TW")))
    #expect(line.initialAllocated == .zero && line.adjustedAllocated == dong(5_000_000))
    let built = LineSettlement(key: line.key, figures: line.figures, portions: line.portions)
    #expect(built.initialAllocated == dong(5_000_000) && built.adjustedAllocated == .zero)
  }
}

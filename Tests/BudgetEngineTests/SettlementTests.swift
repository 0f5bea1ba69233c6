import BudgetCore
import BudgetEngine
import Testing

@Suite("Settlement arithmetic")
struct SettlementTests {
  /// 2023, one line per source, carry-in of two origins (đồng):
  ///   TW (carry_over_years 2): carry-in 2021 10M, 2022 15M + 5M, allocated 100M, spent 5M.
  ///     Oldest first: the 5M come out of 2021 → 2021 unspent 5M, 2022 20M, 2023 100M.
  ///     2021: 2024 ≤ 2021 + 2? no → cancelled 5M. 2022: 2024 ≤ 2024 → carried 20M. 2023 → carried 100M.
  ///     → carry_over 120M, cancelled 5M, remaining 125M.
  ///   TINH (1): carry-in 2022 8M, allocated 40M, spent 3M → 2022 unspent 5M: 2024 ≤ 2023? no →
  ///     cancelled 5M; 2023 40M: 2024 ≤ 2024 → carried. → carry_over 40M, cancelled 5M.
  ///   HUYEN (0): allocated 30M, spent 12M → 18M of 2023: 2024 ≤ 2023? no → cancelled 18M.
  @Test func oldestMoneyFirstAndCarryOverYears() throws {
    var builder = LedgerBuilder()
    builder.carryIn(2023, "TW", 10_000_000, origin: 2021)
    builder.carryIn(2023, "TW", 15_000_000, origin: 2022)
    builder.carryIn(2023, "TW", 5_000_000, origin: 2022)
    builder.allocate(2023, "TW", 100_000_000)
    builder.pay("t1", 2023, "TW", 5_000_000)
    builder.carryIn(2023, "TINH", 8_000_000, origin: 2022)
    builder.allocate(2023, "TINH", 40_000_000)
    builder.pay("p1", 2023, "TINH", 3_000_000)
    builder.allocate(2023, "HUYEN", 30_000_000)
    builder.pay("h1", 2023, "HUYEN", 12_000_000)
    let analysis = builder.analyze()
    let settlement = analysis.settlement(year: 2023)
    // Plan order of sources: TW, TINH, HUYEN.
    #expect(settlement.lines.map(\.key.source) == ["TW", "TINH", "HUYEN"])

    let tw = try #require(analysis.line(key(2023, "TW")))
    #expect(
      tw.figures
        == figures(
          carriedIn: 30_000_000, allocated: 100_000_000, spent: 5_000_000, carryOver: 120_000_000,
          cancelled: 5_000_000))
    #expect(
      tw.portions == [
        Portion(
          originYear: 2021, usableThroughYear: 2023, available: dong(10_000_000), unspent: dong(5_000_000),
          carryOver: .zero, cancelled: dong(5_000_000)),
        Portion(
          originYear: 2022, usableThroughYear: 2024, available: dong(20_000_000), unspent: dong(20_000_000),
          carryOver: dong(20_000_000), cancelled: .zero),
        Portion(
          originYear: 2023, usableThroughYear: 2025, available: dong(100_000_000),
          unspent: dong(100_000_000), carryOver: dong(100_000_000), cancelled: .zero),
      ])

    let tinh = try #require(analysis.line(key(2023, "TINH")))
    #expect(
      tinh.figures
        == figures(
          carriedIn: 8_000_000, allocated: 40_000_000, spent: 3_000_000, carryOver: 40_000_000,
          cancelled: 5_000_000))
    #expect(tinh.portions.map(\.cancelled) == [dong(5_000_000), .zero])
    // Each portion carries its own last year of use: origin + the source's carry_over_years.
    #expect(tinh.portions.map(\.usableThroughYear) == [2023, 2024])

    let huyen = try #require(analysis.line(key(2023, "HUYEN")))
    #expect(huyen.figures == figures(allocated: 30_000_000, spent: 12_000_000, cancelled: 18_000_000))
    #expect(huyen.portions.map(\.usableThroughYear) == [2023])

    // Totals = Σ lines: carried 38M, allocated 170M, spent 20M, carry 160M, cancelled 28M.
    #expect(
      settlement.totals
        == figures(
          carriedIn: 38_000_000, allocated: 170_000_000, spent: 20_000_000, carryOver: 160_000_000,
          cancelled: 28_000_000))

    // UNSPENT on every line, info, amount = remaining, message with the split.
    let unspent = analysis.findings(.unspent)
    #expect(unspent.map(\.amount) == [dong(125_000_000), dong(45_000_000), dong(18_000_000)])
    #expect(unspent.allSatisfy { $0.severity == .info && $0.year == 2023 })
    #expect(unspent.first?.message.vi.contains("120.000.000") == true)
    #expect(unspent.first?.message.en.contains("5,000,000 cancelled") == true)
  }

  /// TW 2023: carry-in 2022 30M; initial 50M, adjustment −60M → allocated −10M; available 20M;
  /// spent 5M → remaining 15M. Consumption = 5M + 10M (the negative allocation) out of 2022's 30M →
  /// 15M of 2022 left, carried (2024 ≤ 2022 + 2). The 2023 portion is −10M with nothing left.
  @Test func negativeAdjustmentConsumesOlderMoney() throws {
    var builder = LedgerBuilder()
    builder.carryIn(2023, "TW", 30_000_000, origin: 2022)
    builder.allocate(2023, "TW", 50_000_000)
    builder.allocate(2023, "TW", .adjustment, -60_000_000)
    builder.pay("p1", 2023, "TW", 5_000_000)
    let line = try #require(builder.analyze().line(key(2023, "TW")))
    #expect(
      line.figures
        == figures(carriedIn: 30_000_000, allocated: -10_000_000, spent: 5_000_000, carryOver: 15_000_000))
    #expect(
      line.portions == [
        Portion(
          originYear: 2022, usableThroughYear: 2024, available: dong(30_000_000), unspent: dong(15_000_000),
          carryOver: dong(15_000_000), cancelled: .zero),
        Portion(
          originYear: 2023, usableThroughYear: 2025, available: dong(-10_000_000), unspent: .zero,
          carryOver: .zero, cancelled: .zero),
      ])
  }

  /// TW·CNTT·XA1 2023: allocated 50M, spent 55M → remaining −5M, overspent 5M, nothing carried or
  /// cancelled; OVERSPEND with amount 5M (the excess).
  @Test func overspentLine() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", "CNTT", "XA1", .initial, 50_000_000)
    builder.pay("p1", 2023, "TW", "CNTT", "XA1", 30_000_000)
    builder.pay("p2", 2023, "TW", "CNTT", "XA1", 25_000_000)
    let analysis = builder.analyze()
    let line = try #require(analysis.line(key(2023, "TW", "CNTT", "XA1")))
    #expect(line.figures == figures(allocated: 50_000_000, spent: 55_000_000))
    #expect(line.figures.overspent == dong(5_000_000))
    #expect(line.figures.remaining == dong(-5_000_000))
    #expect(line.portions.allSatisfy { $0.unspent.isZero })
    #expect(analysis.findings.map(\.code) == [.overspend])
    let finding = try #require(analysis.findings.first)
    #expect(finding.severity == .error && finding.year == 2023 && finding.source == "TW")
    #expect(finding.activity == "CNTT" && finding.unit == "XA1" && finding.amount == dong(5_000_000))
    #expect(finding.location == nil && finding.rowID == nil)
    #expect(
      finding.message.vi
        == "Chi vượt dự toán 5.000.000 đồng (được sử dụng 50.000.000, đã chi 55.000.000). Điều chỉnh dự toán hoặc thu hồi khoản chi vượt."
    )
    #expect(finding.message.en.contains("5,000,000"))
  }

  /// Nothing available: a line with payments only, and a line whose adjustment took all it was given.
  @Test func unbudgeted() throws {
    var builder = LedgerBuilder()
    builder.pay("p1", 2023, "TW", "CNTT", "XA1", 4_000_000)
    builder.allocate(2023, "HUYEN", 5_000_000)
    builder.allocate(2023, "HUYEN", .adjustment, -5_000_000)
    builder.pay("p2", 2023, "HUYEN", 1_000_000)
    let analysis = builder.analyze()
    let findings = analysis.findings(.unbudgeted)
    #expect(findings.count == 2)
    #expect(analysis.findings(.overspend).isEmpty)
    let huyen = try #require(findings.first { $0.source == "HUYEN" })
    #expect(huyen.severity == .error && huyen.year == 2023 && huyen.amount == dong(1_000_000))
    let tw = try #require(findings.first { $0.source == "TW" })
    #expect(tw.amount == dong(4_000_000) && tw.activity == "CNTT" && tw.unit == "XA1")
    #expect(
      analysis.line(key(2023, "TW", "CNTT", "XA1"))?.figures == figures(allocated: 0, spent: 4_000_000))
  }

  /// Allocated 20M. p1 10M with r1 −4M (partial), p2 3M with r2 −3M (full) → spent 6M, remaining 14M.
  @Test func reversalsPartialAndFull() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TINH", 20_000_000)
    builder.pay("p1", 2023, "TINH", 10_000_000)
    builder.pay("p2", 2023, "TINH", 3_000_000)
    builder.pay("r1", 2023, "TINH", -4_000_000, reverses: "p1")
    builder.pay("r2", 2023, "TINH", -3_000_000, reverses: "p2")
    let analysis = builder.analyze()
    #expect(analysis.findings(.badReversal).isEmpty)
    // TINH carries 2023 money into 2024 (2024 ≤ 2023 + 1).
    #expect(
      analysis.line(key(2023, "TINH"))?.figures
        == figures(allocated: 20_000_000, spent: 6_000_000, carryOver: 14_000_000))
    #expect(analysis.settlement(year: 2023).payments.map(\.id) == ["p1", "p2", "r1", "r2"])
  }

  @Test func yearWithoutRowsIsEmptyAndSettlementCarriesPlanLevelFindings() {
    let rule = CounterpartRule(
      central: "TW", local: ["GNBV"], minPercent: Percent(whole: 10),
      location: SourceLocation(file: "plan.yaml", line: 30))
    var builder = LedgerBuilder(rules: [rule])
    builder.allocate(2023, "TW", 1_000_000)
    builder.pay("p1", 2023, "TW", 1_000_000)
    let analysis = builder.analyze()
    let empty = analysis.settlement(year: 2022)
    #expect(empty.lines.isEmpty && empty.payments.isEmpty && empty.totals == Figures())
    #expect(empty.findings.map(\.code) == [.pooledAsCounterpart])
    #expect(
      analysis.settlement(year: 2023).findings.map(\.code) == [.pooledAsCounterpart, .counterpartShort])
  }

  /// One line overspent by 5M, another carrying 30M: the sum keeps both (the total's overspent is
  /// not max(−Σ remaining, 0) = 0), and the figures grouped by source add up to the same total.
  @Test func sumsKeepEachLinesOverspendingAndTotalsByKeyAddUp() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", "CNTT", "XA1", .initial, 50_000_000)
    builder.pay("p1", 2023, "TW", "CNTT", "XA1", 55_000_000)
    builder.allocate(2023, "TW", 30_000_000)
    builder.allocate(2023, "HUYEN", 10_000_000)
    builder.pay("p2", 2023, "HUYEN", 4_000_000)
    let settlement = builder.analyze().settlement(year: 2023)
    #expect(settlement.totals.overspent == dong(5_000_000))
    #expect(settlement.totals.remaining == dong(31_000_000))
    #expect(settlement.totals.settled == dong(54_000_000))
    let bySource = settlement.lines.totals(by: \.source)
    let tw = try #require(bySource["TW"])
    #expect(
      tw == figures(allocated: 50_000_000, spent: 55_000_000)
        + figures(allocated: 30_000_000, spent: 0, carryOver: 30_000_000))
    #expect(
      [tw.allocated, tw.spent, tw.carryOver, tw.overspent]
        == [80_000_000, 55_000_000, 30_000_000, 5_000_000].map(dong))
    #expect(bySource["HUYEN"] == figures(allocated: 10_000_000, spent: 4_000_000, cancelled: 6_000_000))
    #expect(bySource.values.sum() == settlement.totals)
    #expect(
      settlement.lines.totals(by: \.unit).mapValues(\.spent) == [
        "PDT": dong(4_000_000), "XA1": dong(55_000_000),
      ])
  }

  /// Figures whose carry-over and cancellation do not match what is left cannot exist: building
  /// one stops the program (before, every field was a public var and any module could).
  @Test func figuresThatDoNotAddUpCannotBeBuilt() async {
    await #expect(processExitsWith: .failure) {
      _ = Figures(
        carriedIn: Money(dong: 10), allocated: .zero, spent: Money(dong: 3), carryOver: Money(dong: 5),
        cancelled: .zero)
    }
    await #expect(processExitsWith: .failure) {
      _ = Figures(
        carriedIn: .zero, allocated: Money(dong: 10), spent: Money(dong: 3), carryOver: Money(dong: 9),
        cancelled: Money(dong: -2))
    }
  }
}

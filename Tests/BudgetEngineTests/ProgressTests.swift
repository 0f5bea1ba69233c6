import BudgetCore
import BudgetEngine
import Testing

/// What "disbursed to date" counts, the pace, the rates and the projection, on small ledgers
/// (docs/workspace-format.md, "Disbursement progress").
@Suite struct ProgressTests {
  @Test func disbursedToDateCountsRowsOfTheYearDatedByTheDate() {
    var ledger = LedgerBuilder()
    ledger.allocate(2022, "TW", 50_000_000)
    ledger.allocate(2023, "TW", 100_000_000)
    // 2022's adjustment period: dated in January 2023 but 2022's money.
    ledger.pay("P0", 2022, "TW", 4_000_000, date: day(2023, 1, 20))
    ledger.pay("P1", 2023, "TW", 10_000_000, date: day(2023, 3, 1))
    ledger.pay("P2", 2023, "TW", 20_000_000, date: day(2023, 6, 30))
    // A reversal counts by its own date.
    ledger.pay("R1", 2023, "TW", -3_000_000, date: day(2023, 6, 1), reverses: "P1")
    ledger.pay("P3", 2023, "TW", 7_000_000, date: day(2023, 7, 1))
    ledger.pay("R2", 2023, "TW", -1_000_000, date: day(2023, 7, 2), reverses: "P2")
    // A repeated id is left out of the figures (DUPLICATE_ID), and so out of progress.
    ledger.pay("P1", 2023, "TW", 9_000_000, date: day(2023, 4, 1))
    let progress = DisbursementProgress(analysis: ledger.analyze(), asOf: day(2023, 6, 30))
    #expect(progress.totals.disbursed == dong(27_000_000))
    #expect(progress.totals.available == dong(100_000_000))
    #expect(progress.totals.rate == Percent(hundredths: 2700))
    #expect(progress.paymentsAfterAsOf == PaymentTally(count: 2, amount: dong(6_000_000)))
    #expect(progress.excludedPayments == PaymentTally(count: 1, amount: dong(9_000_000)))
    // Last year by 30/06/2022: nothing; its adjustment-period payment is not this year's either.
    #expect(progress.totals.previousDisbursed == .zero)
    #expect(progress.totals.previousAvailable == dong(50_000_000))
    #expect(
      progress.monthlyTotal.cumulative.prefix(7) == [
        .zero, .zero, dong(10_000_000), dong(10_000_000), dong(10_000_000), dong(27_000_000), nil,
      ])
    #expect(progress.monthlyTotal.previousCumulative.allSatisfy { $0.isZero })
  }

  @Test func theStandardPaceAndAPlansOwn() {
    let pace = DisbursementPace.standard
    #expect(pace.expectedShare(at: day(2023, 6, 30)) == Percent(whole: 40))
    #expect(pace.expectedShare(at: day(2023, 9, 30)) == Percent(whole: 70))
    #expect(pace.expectedShare(at: day(2023, 12, 31)) == Percent(whole: 100))
    // 31/03: 90 of the 181 days to 30/06 → 40 % × 90 ÷ 181 = 19,889… % → 19,88 % (rounded down).
    #expect(pace.expectedShare(at: day(2023, 3, 31)) == Percent(hundredths: 1988))
    // 2024 is a leap year: 182 days to 30/06, so 31/03 is day 91.
    #expect(pace.expectedShare(at: day(2024, 3, 31)) == Percent(hundredths: 2000))
    // 15/08: 46 of the 92 days from 30/06 to 30/09 → 40 % + 30 % × 46 ÷ 92 = 55 %.
    #expect(pace.expectedShare(at: day(2023, 8, 15)) == Percent(whole: 55))
    #expect(pace.expectedShare(at: day(2023, 1, 1)) == Percent(hundredths: 22))
    let own = DisbursementPace(byJune30: Percent(whole: 50), bySeptember30: Percent(hundredths: 8_250))
    #expect(own.expectedShare(at: day(2023, 9, 30)) == Percent(hundredths: 8_250))
  }

  @Test func ratesAreExactHundredthsOfAPercentRoundedHalfAwayFromZero() {
    #expect(DisbursementRate.of(dong(1), dong(3)) == Percent(hundredths: 3333))
    #expect(DisbursementRate.of(dong(2), dong(3)) == Percent(hundredths: 6667))
    #expect(DisbursementRate.of(dong(1), dong(20_000)) == Percent(hundredths: 1))
    #expect(DisbursementRate.of(dong(1), dong(20_001)) == Percent(hundredths: 0))
    #expect(DisbursementRate.of(dong(-1), dong(20_000)) == Percent(hundredths: -1))
    #expect(DisbursementRate.of(dong(150), dong(100)) == Percent(hundredths: 15_000))
    #expect(DisbursementRate.of(dong(5), .zero) == nil)
    #expect(DisbursementRate.of(dong(5), dong(-5)) == nil)
    // The largest amounts a run may hold stay exact (Int128).
    let big = Money(dong: 4_000_000_000_000_000)
    #expect(DisbursementRate.of(big - dong(1), big) == Percent(hundredths: 10_000))
    // 1 đồng available, the run's largest spending: past an Int64 of hundredths, clamped, no trap.
    #expect(DisbursementRate.of(big, dong(1)) == Percent(hundredths: Int64.max))
    #expect(DisbursementRate.of(-big, dong(1)) == Percent(hundredths: -Int64.max))
  }

  @Test func laggingNeedsTheExpectedShareRoundedUp() {
    var ledger = LedgerBuilder()
    // 40 % of 1.000.001 = 400.000,4 → 400.001 must be disbursed by 30/06.
    ledger.allocate(2023, "TW", "PANO", "PDT", .initial, 1_000_001)
    ledger.allocate(2023, "TW", "PANO", "XA1", .initial, 1_000_000)
    ledger.pay("P1", 2023, "TW", "PANO", "PDT", 400_000, date: day(2023, 6, 1))
    ledger.pay("P2", 2023, "TW", "PANO", "XA1", 400_000, date: day(2023, 6, 1))
    let progress = DisbursementProgress(analysis: ledger.analyze(), asOf: day(2023, 6, 30))
    #expect(progress.laggingLines.map(\.subject.unit) == ["PDT"])
    #expect(progress.laggingLines.first?.expected == dong(400_001))
    #expect(progress.laggingLines.first?.behind == dong(1))
    #expect(progress.laggingUnits.map(\.subject) == ["PDT"])
  }

  /// At the pace so far, capped at what the line has; then the settlement's own carry-over rules.
  @Test func projectionAtThePaceSoFarThroughTheSettlementPass() throws {
    var ledger = LedgerBuilder()
    ledger.carryIn(2023, "TW", 30_000_000, origin: 2021)  // TW carries 2 years: 2021 money ends in 2023
    ledger.allocate(2023, "TW", 70_000_000)
    ledger.allocate(2023, "HUYEN", "CNTT", "PDT", .initial, 10_000_000)  // HUYEN carries 0 years
    ledger.allocate(2023, "TINH", "CNTT", "XA1", .initial, 10_000_000)
    ledger.pay("P1", 2023, "TW", 20_000_000, date: day(2023, 3, 1))
    ledger.pay("P2", 2023, "HUYEN", "CNTT", "PDT", 1_000_000, date: day(2023, 3, 1))
    ledger.pay("P3", 2023, "TINH", "CNTT", "XA1", 8_000_000, date: day(2023, 3, 1))
    let progress = DisbursementProgress(analysis: ledger.analyze(), asOf: day(2023, 6, 30))
    func line(_ source: SourceCode, _ activity: ActivityCode, _ unit: UnitCode) throws -> ProgressLine {
      try #require(progress.lines.first { $0.key == key(2023, source, activity, unit) })
    }
    // TW: 20.000.000 × 365 ÷ 181 = 40.331.491,7 → 40.331.491; 2021 money first (all 30.000.000 of it).
    let tw = try line("TW", "PANO", "PDT")
    #expect(tw.figures.projected.spent == dong(40_331_491))
    #expect(tw.figures.projected.carryOver == dong(59_668_509))
    #expect(tw.figures.projected.cancelled == .zero)
    // Today 10.000.000 of the 2021 money is unspent, and it expires this year.
    #expect(
      progress.expiringCarryIn == [
        ExpiringCarryIn(
          line: key(2023, "TW"), originYear: 2021, carriedIn: dong(30_000_000),
          unspentToDate: dong(10_000_000), projectedCancelled: .zero)
      ])
    // HUYEN: 1.000.000 × 365 ÷ 181 = 2.016.574; the rest is cancelled (0 carry-over years).
    let huyen = try line("HUYEN", "CNTT", "PDT")
    #expect(huyen.figures.projected.spent == dong(2_016_574))
    #expect(huyen.figures.projected.cancelled == dong(7_983_426))
    // TINH: 8.000.000 × 365 ÷ 181 > 10.000.000 → capped at what it has; nothing left.
    let tinh = try line("TINH", "CNTT", "XA1")
    #expect(tinh.figures.projected.spent == dong(10_000_000))
    #expect(tinh.figures.projected.carryOver == .zero && tinh.figures.projected.cancelled == .zero)
  }

  @Test func asOfTheYearsLastDayTheProjectionIsTheSettlement() {
    var ledger = LedgerBuilder()
    ledger.carryIn(2023, "TW", 5_000_000, origin: 2021)
    ledger.allocate(2023, "TW", 20_000_000)
    ledger.allocate(2023, "HUYEN", 3_000_000)
    ledger.pay("P1", 2023, "TW", 12_000_000, date: day(2023, 11, 1))
    ledger.pay("P2", 2023, "HUYEN", 1_000_000, date: day(2023, 12, 31))
    let analysis = ledger.analyze()
    let progress = DisbursementProgress(analysis: analysis, asOf: day(2023, 12, 31))
    #expect(progress.projectedTotals == analysis.settlement(year: 2023).totals)
    #expect(progress.lines.map(\.projected) == analysis.settlement(year: 2023).lines.map { $0 })
  }

  @Test func theSameDateLastYear() {
    var ledger = LedgerBuilder()
    ledger.allocate(2023, "TW", 10_000_000)
    ledger.allocate(2024, "TW", 10_000_000)
    ledger.pay("P1", 2023, "TW", 1_000_000, date: day(2023, 2, 28))
    ledger.pay("P2", 2023, "TW", 2_000_000, date: day(2023, 3, 1))
    let progress = DisbursementProgress(analysis: ledger.analyze(), asOf: day(2024, 2, 29))
    #expect(progress.previousAsOf == day(2023, 2, 28))
    #expect(progress.totals.previousDisbursed == dong(1_000_000))
    #expect(progress.totals.rate == Percent(hundredths: 0))
    // A line with money and no payment lags by its whole expected share: 60 of 182 days × 40 %
    // = 13,186… % → 13,18 %.
    #expect(progress.expectedShare == Percent(hundredths: 1318))
    #expect(progress.laggingLines.first?.behind == dong(1_318_000))
  }
}

import BudgetCore
import BudgetEngine
import Testing

/// Chiêm Hóa as of 30/06/2023 and 30/09/2023: the figures worked out from the CSV files in
/// SampleData/chiem-hoa/EXPECTED.md, "Disbursement progress".
@Suite struct ProgressSampleTests {
  static func progress(_ month: Int, _ dayOfMonth: Int) throws -> DisbursementProgress {
    DisbursementProgress(
      analysis: try SampleWorkspaceTests.analyze("chiem-hoa"), asOf: day(2023, month, dayOfMonth))
  }

  @Test func june30RatesBySourceAndTotal() throws {
    let progress = try Self.progress(6, 30)
    #expect(progress.expectedShare == Percent(whole: 40))
    #expect(progress.daysElapsed == 181 && progress.daysInYear == 365)
    #expect(progress.previousAsOf == day(2022, 6, 30))
    #expect(progress.totals.available == dong(1_972_980_000))
    #expect(progress.totals.disbursed == dong(862_958_000))
    #expect(progress.totals.remaining == dong(1_110_022_000))
    #expect(progress.totals.rate == Percent(hundredths: 4374))
    #expect(progress.totals.previousAvailable == dong(1_963_000_000))
    #expect(progress.totals.previousDisbursed == dong(267_020_000))
    #expect(progress.totals.previousRate == Percent(hundredths: 1360))
    let bySource = progress.totals(by: \.source)
    #expect(bySource["TW"]?.disbursed == dong(775_340_000))
    #expect(bySource["TW"]?.rate == Percent(hundredths: 4376))
    #expect(bySource["TINH"]?.rate == Percent(hundredths: 3536))
    #expect(bySource["HUYEN"]?.rate == Percent(hundredths: 4230))
    #expect(bySource["GNBV"]?.rate == Percent(hundredths: 6000))
    #expect(bySource["NTM"]?.rate == Percent(hundredths: 6459))
    #expect(bySource["KHAC"]?.rate == Percent(hundredths: 4718))
    #expect(bySource["GNBV"]?.previousRate == Percent(hundredths: 0))
    // 131 included rows of 2023 that draw money are dated after 30/06/2023 (settlements are not
    // counted on any date); none of the year's rows is left out. Disbursed to date + later drawings =
    // 2023's kinh phí thực nhận, 1.908.652.000.
    #expect(progress.paymentsAfterAsOf == PaymentTally(count: 131, amount: dong(1_045_694_000)))
    #expect(progress.totals.disbursed + progress.paymentsAfterAsOf.amount == dong(1_908_652_000))
    #expect(progress.excludedPayments == PaymentTally())
  }

  @Test func june30LaggingUnitsRankedByAmountBehind() throws {
    let lagging = try Self.progress(6, 30).laggingUnits
    #expect(lagging.count == 15)
    let top = lagging.prefix(7).map { ($0.subject.rawValue, $0.behind.dong) }
    // XA_XUANQUANG and XA_BINHPHU are equally behind: plan order (Bình Phú is listed first).
    #expect(
      top.map(\.0) == ["XA_BINHPHU", "XA_XUANQUANG", "XA_NHANLY", "XA_PHUBINH", "XA_HOAPHU", "TCKH", "PDT"])
    #expect(
      top.map(\.1) == [17_200_000, 17_200_000, 14_323_000, 12_533_000, 9_200_000, 8_000_000, 5_854_000])
    let pdt = try #require(lagging.first { $0.subject == "PDT" })
    #expect(pdt.figures.available == dong(628_150_000) && pdt.figures.disbursed == dong(245_406_000))
    #expect(pdt.expected == dong(251_260_000))
    #expect(lagging.last?.subject == "XA_TANMY" && lagging.last?.behind == dong(2_900_000))
  }

  @Test func june30LaggingLines() throws {
    let lagging = try Self.progress(6, 30).laggingLines
    #expect(lagging.count == 30)
    #expect(lagging.first?.subject == LineKey(year: 2023, source: "TW", activity: "HOINGHI", unit: "PDT"))
    #expect(lagging.first?.behind == dong(31_635_000))
    #expect(lagging[1].subject.activity == "BAO" && lagging[1].behind == dong(19_314_000))
  }

  @Test func june30Projection() throws {
    let progress = try Self.progress(6, 30)
    let projected = progress.projectedTotals
    #expect(projected.spent == dong(1_368_559_909))
    #expect(projected.carryOver == dong(603_252_687))
    #expect(projected.cancelled == dong(1_167_404))
    #expect(projected.overspent == .zero)
    let bySource = progress.totals(by: \.source)
    #expect(bySource["KHAC"]?.projected.cancelled == dong(1_167_404))
    #expect(bySource["TW"]?.projected.carryOver == dong(539_657_106))
    #expect(
      progress.expiringCarryIn == [
        ExpiringCarryIn(
          line: LineKey(year: 2023, source: "GNBV", activity: "PTTH", unit: "TTVH"), originYear: 2022,
          carriedIn: dong(3_000_000), unspentToDate: dong(1_200_000), projectedCancelled: .zero)
      ])
  }

  @Test func september30() throws {
    let progress = try Self.progress(9, 30)
    #expect(progress.expectedShare == Percent(whole: 70))
    #expect(progress.daysElapsed == 273)
    #expect(progress.totals.disbursed == dong(1_379_808_000))
    #expect(progress.totals.rate == Percent(hundredths: 6994))
    #expect(progress.totals.previousDisbursed == dong(1_019_734_000))
    #expect(progress.totals.previousRate == Percent(hundredths: 5195))
    #expect(progress.paymentsAfterAsOf == PaymentTally(count: 64, amount: dong(528_844_000)))
    let units = progress.laggingUnits
    #expect(units.count == 16)
    #expect(units.prefix(3).map(\.subject) == ["XA_BINHPHU", "PDT", "XA_HOAAN"])
    #expect(units.prefix(3).map(\.behind) == [dong(22_650_000), dong(21_856_000), dong(16_100_000)])
    #expect(progress.laggingLines.count == 31)
    #expect(progress.laggingLines.first?.subject.unit == "XA_BINHPHU")
    #expect(progress.laggingLines.first?.behind == dong(24_500_000))
    let projected = progress.projectedTotals
    #expect(projected.spent == dong(1_673_384_568))
    #expect(projected.carryOver == dong(294_130_046))
    #expect(projected.cancelled == dong(8_715_386))
    // TW·MOHINH·XA_KIMBINH is already overspent by 3.250.000 on 30/09: the projection keeps it.
    #expect(projected.overspent == dong(3_250_000))
    #expect(progress.expiringCarryIn.map(\.projectedCancelled) == [dong(593_407)])
    #expect(progress.expiringCarryIn.map(\.unspentToDate) == [dong(1_200_000)])
  }

  @Test func monthlyCumulativeAndQuarters() throws {
    let progress = try Self.progress(9, 30)
    let total = progress.monthlyTotal
    // January 2023 holds only 2022's adjustment-period payments (32.223.000 in five rows): not 2023's.
    #expect(total.cumulative[0] == .zero)
    #expect(total.quarter(1) == dong(354_938_000))
    #expect(total.quarter(2) == dong(862_958_000))
    #expect(total.quarter(3) == dong(1_379_808_000))
    #expect(total.quarter(4) == nil)
    #expect(total.cumulative[9] == nil)
    #expect(
      total.previousCumulative
        == [
          0, 10_919_000, 26_586_000, 49_848_000, 60_862_000, 267_020_000, 491_324_000, 771_078_000,
          1_019_734_000, 1_262_357_000, 1_525_788_000, 1_771_125_000,
        ].map(dong))
    // Pace: 40 % of 1.972.980.000 by 30/06, rounded up; 100 % by 31/12.
    #expect(total.paceCumulative[5] == dong(789_192_000))
    #expect(total.paceCumulative[11] == dong(1_972_980_000))
    let sources = progress.monthlyBySource.map { $0.source?.rawValue }
    #expect(sources == ["TW", "TINH", "HUYEN", "GNBV", "NTM", "KHAC"])
    let bySource = progress.monthlyBySource.map { $0.quarter(3) ?? .zero }.reduce(Money.zero, +)
    #expect(bySource == dong(1_379_808_000))
  }

  /// The projection goes through the settlement's own pass: settled again on the year's real
  /// spending, every 2023 line gives exactly the settlement's line.
  @Test func resettlingWithTheRealSpendingGivesTheSettlement() throws {
    let analysis = try SampleWorkspaceTests.analyze("chiem-hoa")
    for year in 2022...2025 {
      let settlement = analysis.settlement(year: year)
      let progress = DisbursementProgress(analysis: analysis, asOf: day(year, 12, 31))
      for line in settlement.lines {
        let toDate = try #require(progress.lines.first { $0.key == line.key }?.toDate)
        let spentInYear = progress.lines.first { $0.key == line.key }?.figures.disbursed
        // Equal whenever no payment of the line falls in the adjustment period; the projection
        // draws as it spends (final payments), so on a line with advances only the figures agree.
        guard spentInYear == line.figures.spent else { continue }
        #expect(toDate.figures == line.figures)
        if line.treasury.advanced.isZero && line.treasury.advanceSettled.isZero { #expect(toDate == line) }
      }
    }
  }

  @Test func aUnitsOwnReport() throws {
    let unit = try Self.progress(6, 30).restricted(to: "XA_NHANLY")
    #expect(unit.unit == "XA_NHANLY")
    #expect(unit.lines.allSatisfy { $0.key.unit == "XA_NHANLY" })
    #expect(unit.totals.available == dong(43_650_000))
    #expect(unit.totals.disbursed == dong(3_137_000))
    #expect(unit.laggingUnits.map(\.behind) == [dong(14_323_000)])
  }
}

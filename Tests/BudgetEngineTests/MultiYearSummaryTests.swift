import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing

/// The phase summary across years, hand-computed on SampleData/features/close-chain.
@Suite struct MultiYearSummaryTests {
  static func analysis() throws -> Analysis {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("SampleData/features/close-chain")
    return Engine.analyze(try WorkspaceReader.read(directory: folder.path))
  }

  /// TW: 100M + 50M allocated, 60M + 30M spent, 40M carried 2022 → 2023, 60M carried out of 2023.
  /// HUYEN: 20M allocated, 15M + 2M spent, 5M carried then 3M cancelled. KHAC: 3M, 1M spent, 2M cancelled.
  @Test func phaseFiguresCountCarriedMoneyOnce() throws {
    let summary = MultiYearSummary(analysis: try Self.analysis(), years: 2022...2023)
    let figures = Dictionary(
      uniqueKeysWithValues: summary.bySource.map { ($0.source.code.rawValue, $0.figures) })
    func expectFigures(_ code: String, _ values: [Int64]) {
      guard let phase = figures[code] else {
        Issue.record("no figures for \(code)")
        return
      }
      #expect(
        [
          phase.opening, phase.allocated, phase.spent, phase.settled, phase.cancelled, phase.closing,
          phase.chainDifference,
        ]
        .map(\.dong) == values, "\(code)")
      #expect(phase.check.isZero)
    }
    expectFigures("TW", [0, 150_000_000, 90_000_000, 90_000_000, 0, 60_000_000, 0])
    expectFigures("HUYEN", [0, 20_000_000, 17_000_000, 17_000_000, 3_000_000, 0, 0])
    expectFigures("KHAC", [0, 3_000_000, 1_000_000, 1_000_000, 2_000_000, 0, 0])
    #expect(
      summary.links.map { "\($0.source) \($0.carryOver.dong) \($0.carriedIn.dong)" } == [
        "TW 40000000 40000000", "HUYEN 5000000 5000000", "KHAC 0 0",
      ])
    #expect(summary.mismatches.isEmpty)
  }

  @Test func aBrokenChainShowsAsTheChainDifference() throws {
    let analysis = try Self.analysis()
    let ledger = analysis.ledger
    let late = Payment(
      id: "late", date: CivilDate(year: 2022, month: 12, day: 1)!, source: "TW", activity: "PANO",
      unit: "PDT",
      amount: Money(dong: 1_500_000), location: SourceLocation(file: "spending.csv", line: 99))
    let broken = Engine.analyze(
      Ledger(plan: ledger.plan, allocations: ledger.allocations, payments: ledger.payments + [late]))
    let summary = MultiYearSummary(analysis: broken, years: 2022...2023)
    let tw = summary.bySource.first { $0.source.code == "TW" }?.figures
    // 2023 carries in 40M while 2022 now carries over 38.5M.
    #expect(tw?.chainDifference == Money(dong: 1_500_000))
    #expect(tw?.check.isZero == true)
    #expect(summary.mismatches.map(\.amount) == [Money(dong: 1_500_000)])
  }
}

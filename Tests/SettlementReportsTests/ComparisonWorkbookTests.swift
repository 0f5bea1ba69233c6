import BudgetCore
import BudgetEngine
import Foundation
import Testing
import XlsxReadBack

@testable import SettlementReports

/// A hand-computed comparison (Fixtures.plan, 2023):
///
/// | line           | allocated   | spent       | A: scale TW −40 %        | B: set HUYEN 30.000.000 |
/// |----------------|-------------|-------------|--------------------------|-------------------------|
/// | TW·PANO·PDT    | 200.000.000 | 140.000.000 | 120.000.000 (overspent 20.000.000) | 200.000.000 |
/// | TW·CNTT·XA1    |  50.000.000 |  30.000.000 |  30.000.000              |  50.000.000             |
/// | HUYEN·PANO·PDT |  20.000.000 |  20.000.000 |  20.000.000              |  30.000.000             |
@Suite struct ComparisonWorkbookTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func report(sweep: Bool = false) throws -> ComparisonReport {
    func allocation(
      _ source: SourceCode, _ activity: ActivityCode, _ unit: UnitCode, _ amount: Int64, _ line: Int
    )
      -> Allocation
    {
      Allocation(
        year: 2023, source: source, activity: activity, unit: unit, kind: .initial,
        amount: Money(dong: amount),
        decision: "1/QĐ", location: SourceLocation(file: "allocations.csv", line: line))
    }
    func payment(
      _ id: String, _ source: SourceCode, _ activity: ActivityCode, _ unit: UnitCode, _ amount: Int64
    )
      -> Payment
    {
      Payment(
        id: id, date: CivilDate(year: 2023, month: 6, day: 1)!, source: source, activity: activity,
        unit: unit,
        amount: Money(dong: amount), location: SourceLocation(file: "spending.csv", line: 2))
    }
    let ledger = Ledger(
      plan: Fixtures.plan,
      allocations: [
        allocation("TW", "PANO", "PDT", 200_000_000, 2), allocation("TW", "CNTT", "XA1", 50_000_000, 3),
        allocation("HUYEN", "PANO", "PDT", 20_000_000, 4),
      ],
      payments: [
        payment("1", "TW", "PANO", "PDT", 140_000_000), payment("2", "TW", "CNTT", "XA1", 30_000_000),
        payment("3", "HUYEN", "PANO", "PDT", 20_000_000),
      ])
    let baseline = Engine.analyze(ledger)
    let at = SourceLocation(file: "a.yaml", line: 5)
    let cut = Scenario(
      name: "A", year: 2023,
      operations: [
        ScenarioOperation(.scale(LineFilter(source: "TW"), percent: Percent(whole: -40)), location: at)
      ],
      file: "a.yaml")
    let raise = Scenario(
      name: "B", year: 2023,
      operations: [
        ScenarioOperation(
          .set(ScenarioLine(source: "HUYEN", activity: "PANO", unit: "PDT"), amount: Money(dong: 30_000_000)),
          location: at)
      ], file: "b.yaml")
    let comparisons = try [cut, raise].map { try ScenarioComparison.run($0, baseline: baseline) }
    var sweepResult: SweepResult?
    if sweep {
      let spec = try ScenarioSweep.parse("scale.percent=-40..0 step 10")
      sweepResult = SweepResult(text: spec.text, points: try spec.run(cut, baseline: baseline))
    }
    return ComparisonReport(
      comparisons: sweep ? [comparisons[0]] : comparisons, sweep: sweepResult, plan: Fixtures.plan)
  }

  static func write(_ report: ComparisonReport) throws -> XlsxReadBack {
    let template = try TemplateReader.read(
      path: root.appendingPathComponent("Templates/so-sanh.yaml").path, kinds: SheetKind.comparisonKinds)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ss-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent("so-sanh.xlsx")
    try ComparisonWorkbook(
      report: report, template: template, created: Date(timeIntervalSince1970: 1_704_164_645)
    )
    .write(to: url.path)
    return try XlsxReadBack(url: url)
  }

  @Test func twoScenariosSideBySidePerLineWithDeltaAndStatus() throws {
    let book = try Self.write(try Self.report())
    #expect(try book.sheetNames() == ["Theo nguồn", "So sánh theo dòng", "Phát hiện mới"])
    let cells = try book.cells(sheet: "So sánh theo dòng")
    // Headings: shared columns, then each scenario's group named after it.
    #expect(cells["F7"]?.text == "Dự toán hiện trạng")
    #expect(cells["G7"]?.text == "Dự toán kịch bản — A")
    #expect(cells["K7"]?.text == "Dự toán kịch bản — B")
    #expect(cells["N7"]?.text == "Ảnh hưởng — B")
    // Lines in plan order: TW·PANO·PDT, TW·CNTT·XA1, HUYEN·PANO·PDT; total row 12.
    #expect([cells["B9"]?.text, cells["C9"]?.text, cells["D9"]?.text] == ["TW", "PANO", "PDT"])
    #expect(cells["E9"]?.value == "140000000")
    #expect(cells["F9"]?.value == "200000000")
    #expect(cells["G9"]?.value == "120000000")
    #expect(cells["H9"]?.formula == "G9-F9")
    #expect(cells["H9"]?.value == "-80000000")
    #expect(cells["I9"]?.formula == "IF(F9=0,\"\",H9/F9)")
    #expect(cells["I9"]?.value.flatMap(Double.init) == -0.4)
    #expect(cells["J9"]?.text == "OVERSPEND 20.000.000")
    #expect(cells["K9"]?.value == "200000000")
    #expect(cells["N9"] == nil || cells["N9"]?.text == nil)
    #expect(cells["G10"]?.value == "30000000")
    #expect(cells["K11"]?.value == "30000000")
    #expect(cells["L11"]?.value == "10000000")
    #expect(cells["B12"]?.text == "TỔNG CỘNG")
    #expect(cells["F12"]?.formula == "SUM(F9:F11)")
    #expect(cells["F12"]?.value == "270000000")
    #expect(cells["G12"]?.value == "170000000")
    #expect(cells["K12"]?.value == "280000000")
    #expect(cells["H12"]?.value == "-100000000")
    // The broken line is highlighted: a conditional format over the lines testing both status columns.
    let xml = try book.text(try book.sheetPart(named: "So sánh theo dòng"))
    #expect(
      xml.contains("OR($J9&lt;&gt;\"\",$N9&lt;&gt;\"\")")
        || xml.contains("OR($J9&lt;&gt;&quot;&quot;,$N9&lt;&gt;&quot;&quot;)"))
  }

  @Test func newFindingsAndSourcesWithChart() throws {
    let book = try Self.write(try Self.report())
    let findings = try book.cells(sheet: "Phát hiện mới")
    #expect(findings["B9"]?.text == "A")
    #expect(findings["D9"]?.text == "OVERSPEND")
    #expect(findings["E9"]?.text == "TW · PANO · PDT")
    #expect(findings["G9"]?.value == "20000000")
    #expect(findings["D10"] == nil || findings["D10"]?.text == nil)
    let sources = try book.cells(sheet: "Theo nguồn")
    #expect(sources["B9"]?.text == "TW — Trung ương")
    #expect(sources["C9"]?.value == "250000000")
    #expect(sources["D9"]?.value == "150000000")
    #expect(sources["G9"]?.value == "250000000")
    #expect(sources["C10"]?.value == "20000000")
    #expect(sources["G10"]?.value == "30000000")
    #expect(sources["C11"]?.value == "270000000")
    #expect(book.parts.keys.contains("xl/charts/chart1.xml"))
    // Header block, title and signature like the settlement workbook.
    #expect(sources["A1"]?.text == "UBND HUYỆN THỬ")
    #expect(sources["A4"]?.text == "SO SÁNH DỰ TOÁN GIAO NĂM 2023 THEO NGUỒN: HIỆN TRẠNG VÀ KỊCH BẢN")
    #expect(sources.values.contains { $0.text == "NGƯỜI LẬP BIỂU" })
  }

  @Test func everyMoneyFormulaComputesItsCachedValue() throws {
    for report in [try Self.report(), try Self.report(sweep: true)] {
      let book = try Self.write(report)
      let evaluator = try FormulaEvaluator(book)
      var formulas = 0
      for sheet in try book.sheetNames() {
        for (reference, cell) in try book.cells(sheet: sheet) {
          guard let formula = cell.formula, !formula.hasPrefix("IF(") else { continue }
          formulas += 1
          #expect(
            String(try evaluator.evaluate(formula, onSheet: sheet)) == cell.value, "\(sheet)!\(reference)")
        }
      }
      #expect(formulas >= 10)
    }
  }

  @Test func sweepSheetHasOneRowPerValueAndLineCharts() throws {
    let book = try Self.write(try Self.report(sweep: true))
    #expect(try book.sheetNames().contains("Quét tham số"))
    let cells = try book.cells(sheet: "Quét tham số")
    // TW's 250.000.000 scaled and split 4:1 — −40 %: PANO 120.000.000 for 140.000.000 spent → 20.000.000
    // short; −30 %: PANO 140.000.000, exactly what was spent → nothing breaks.
    #expect((9...13).map { cells["A\($0)"]?.value } == ["-40", "-30", "-20", "-10", "0"])
    #expect((9...13).map { cells["B\($0)"]?.value } == ["1", "0", "0", "0", "0"])
    #expect((9...13).map { cells["D\($0)"]?.value } == ["20000000", "0", "0", "0", "0"])
    #expect(
      (9...13).map { cells["E\($0)"]?.value } == [
        "170000000", "195000000", "220000000", "245000000", "270000000",
      ])
    let charts = book.parts.keys.filter { $0.hasPrefix("xl/charts/chart") }
    #expect(charts.count == 3)  // by source, and the two sweep charts
    let lineCharts = try charts.filter { try book.text($0).contains("lineChart") }
    #expect(lineCharts.count == 2)
  }

  @Test func sheetsOfTheOtherWorkbookAreRefusedWithTheirLine() throws {
    let settlement = Self.root.appendingPathComponent("Templates/quyet-toan.yaml").path
    let comparison = Self.root.appendingPathComponent("Templates/so-sanh.yaml").path
    for (path, kinds) in [(settlement, SheetKind.comparisonKinds), (comparison, SheetKind.settlementKinds)] {
      do {
        _ = try TemplateReader.read(path: path, kinds: kinds)
        Issue.record("\(path) was accepted with the wrong sheet kinds")
      } catch let errors as InputErrors {
        #expect(errors.errors.allSatisfy { ($0.location?.line ?? 0) > 0 })
        #expect(errors.errors.first?.message.en.contains("expected one of") == true)
      }
    }
  }
}

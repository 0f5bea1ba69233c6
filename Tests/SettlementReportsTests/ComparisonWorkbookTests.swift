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

  static func report(sweep: Bool = false, sweepText: String = "scale.percent=-40..0 step 10") throws
    -> ComparisonReport
  {
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
      let spec = try ScenarioSweep.parse(sweepText)
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
      report: report, template: template,
      settings: WorkbookSettings(created: Date(timeIntervalSince1970: 1_704_164_645))
    )
    .write(to: url.path)
    return try XlsxReadBack(url: url)
  }

  @Test func twoScenariosSideBySidePerLineWithDeltaAndStatus() throws {
    let book = try Self.write(try Self.report())
    #expect(
      try book.sheetNames() == ["Theo nguồn", "So sánh theo dòng", "Tất cả các dòng", "Phát hiện mới"])
    let cells = try book.cells(sheet: "So sánh theo dòng")
    // Headings: shared columns, each scenario's under its short label, one status column last.
    #expect(cells["F7"]?.text == "Dự toán hiện trạng")
    #expect(cells["G7"]?.text == "Dự toán kịch bản KB1")
    #expect(cells["H7"]?.text == "Chênh lệch KB1")
    #expect(cells["I7"]?.text == "Dự toán kịch bản KB2")
    #expect(cells["K7"]?.text == "Ảnh hưởng")
    #expect(cells["L7"] == nil)
    // The full names stand in the legend under the title.
    #expect(cells["A5"]?.text?.hasSuffix("\nKB1: A; KB2: B") == true)
    // Lines in plan order, names printed (source code narrow); total row 12.
    #expect(
      [cells["B9"]?.text, cells["C9"]?.text, cells["D9"]?.text] == ["TW", "Pano", "Phòng Dân tộc"])
    #expect(cells["E9"]?.value == "140000000")
    #expect(cells["F9"]?.value == "200000000")
    #expect(cells["G9"]?.value == "120000000")
    #expect(cells["H9"]?.formula == "G9-F9")
    #expect(cells["H9"]?.value == "-80000000")
    #expect(cells["I9"]?.value == "200000000")
    #expect(cells["K9"]?.text == "KB1: Chi vượt dự toán 20.000.000")
    #expect(cells["G10"]?.value == "30000000")
    #expect(cells["I11"]?.value == "30000000")
    #expect(cells["J11"]?.value == "10000000")
    #expect(cells["C12"]?.text == "Cộng các dòng thay đổi")
    #expect(cells["F12"]?.formula == "SUM(F9:F11)")
    #expect(cells["F12"]?.value == "270000000")
    #expect(cells["G12"]?.value == "170000000")
    #expect(cells["I12"]?.value == "280000000")
    #expect(cells["H12"]?.value == "-100000000")
    // No English code where an officer reads.
    #expect(!cells.values.contains { $0.text?.contains("OVERSPEND") == true })
    // The broken line is highlighted: a conditional format over the lines testing the status column.
    let xml = try book.text(try book.sheetPart(named: "So sánh theo dòng"))
    #expect(xml.contains("OR($K9&lt;&gt;\"\")") || xml.contains("OR($K9&lt;&gt;&quot;&quot;)"))
  }

  /// A scenario that changes one line of three: the line sheet shows that line, the full list all.
  @Test func theLineSheetListsTheChangedLinesAndTheFullListEveryLine() throws {
    let full = try Self.report()
    let onlyB = ComparisonReport(comparisons: [full.comparisons[1]], plan: Fixtures.plan)
    let book = try Self.write(onlyB)
    let changed = try book.cells(sheet: "So sánh theo dòng")
    #expect([changed["B9"]?.text, changed["C9"]?.text] == ["HUYEN", "Pano"])
    #expect(changed["G9"]?.value == "30000000" && changed["H9"]?.value == "10000000")
    #expect(changed["C10"]?.text == "Cộng các dòng thay đổi" && changed["F10"]?.value == "20000000")
    #expect(changed["A11"] == nil)
    // One scenario: template headings unchanged, its name in the legend.
    #expect(changed["G7"]?.text == "Dự toán kịch bản")
    #expect(changed["A5"]?.text?.hasSuffix("\nKịch bản: B") == true)
    let all = try book.cells(sheet: "Tất cả các dòng")
    #expect((9...11).map { all["A\($0)"]?.text } == ["1", "2", "3"])
    #expect(all["C12"]?.text == "TỔNG CỘNG" && all["F12"]?.value == "270000000")
    #expect(all["G12"]?.value == "280000000")
  }

  /// Six scenarios: short labels, one Δ column per scenario on the line sheet (the new amounts on the
  /// full list), and a table narrow enough for A4 landscape at about 9 points.
  @Test func sixScenariosStayReadableOnA4Landscape() throws {
    let base = try Self.report()
    let six = ComparisonReport(
      comparisons: (0..<6).map { base.comparisons[$0 % 2] }, plan: Fixtures.plan)
    let book = try Self.write(six)
    let lines = try book.cells(sheet: "So sánh theo dòng")
    let headings = (0..<26).compactMap { lines[String(UnicodeScalar(UInt8(65 + $0))) + "7"]?.text }
    #expect(headings.count == 13)
    #expect(headings.filter { $0.hasPrefix("Chênh lệch KB") }.count == 6)
    #expect(!headings.contains { $0.hasPrefix("Dự toán kịch bản") })
    #expect(headings.last == "Ảnh hưởng")
    #expect(lines["A5"]?.text?.hasSuffix("KB5: A; KB6: B") == true)
    for sheet in ["So sánh theo dòng", "Tất cả các dòng", "Theo nguồn"] {
      let node = try book.sheet(named: sheet)
      let widths = node.all("col").compactMap { $0.attributes["width"].flatMap(Double.init) }
      // Excel stores each width with 0.71 of padding. 200 units print one page wide at 8.8 points
      // or more (147 units fit at 100 %).
      #expect(widths.map { $0 - 0.71 }.reduce(0, +) <= 200, "\(sheet)")
      #expect(node.first("pageSetUpPr")?.attributes["fitToPage"] == "1", "\(sheet)")
      #expect(node.first("pageSetup")?.attributes["fitToWidth"] ?? "1" == "1", "\(sheet)")
      #expect(node.first("pageSetup")?.attributes["orientation"] == "landscape", "\(sheet)")
    }
    let all = try book.cells(sheet: "Tất cả các dòng")
    #expect(all["L7"]?.text == "Dự toán kịch bản KB6")
    // By source: baseline and each scenario's Δ, which the chart draws.
    let sources = try book.cells(sheet: "Theo nguồn")
    #expect(
      (0..<9).compactMap { sources[String(UnicodeScalar(UInt8(65 + $0))) + "7"]?.text } == [
        "STT", "Nguồn kinh phí", "Hiện trạng", "Chênh lệch KB1", "Chênh lệch KB2", "Chênh lệch KB3",
        "Chênh lệch KB4", "Chênh lệch KB5", "Chênh lệch KB6",
      ])
    // The legend row is as tall as its lines.
    let legendRow = try book.sheet(named: "So sánh theo dòng").all("row").first { $0.attributes["r"] == "5" }
    #expect((legendRow?.attributes["ht"].flatMap(Double.init) ?? 0) >= 30)
  }

  @Test func newFindingsAndSourcesWithChart() throws {
    let book = try Self.write(try Self.report())
    let findings = try book.cells(sheet: "Phát hiện mới")
    // Short labels as on the other sheets; the finding in words first, the stable code last.
    #expect(findings["B9"]?.text == "KB1")
    #expect(findings["D9"]?.text == "Chi vượt dự toán")
    #expect(findings["G9"]?.value == "20000000")
    #expect(findings["H9"]?.text == "TW · PANO · PDT")
    #expect(findings["I9"]?.text == "OVERSPEND")
    #expect(findings["D10"] == nil || findings["D10"]?.text == nil)
    let sources = try book.cells(sheet: "Theo nguồn")
    #expect(sources["B9"]?.text == "TW — Trung ương")
    #expect(sources["C9"]?.value == "250000000")
    #expect(sources["D9"]?.value == "150000000")
    #expect(sources["G9"]?.value == "250000000")
    #expect(sources["C10"]?.value == "20000000")
    #expect(sources["G10"]?.value == "30000000")
    #expect(sources["C11"]?.value == "270000000")
    // Δ % columns are wide enough for "-40,0%" and their heading.
    #expect(sources["F7"]?.text == "Chênh lệch % KB1")
    let widths = try book.sheet(named: "Theo nguồn").all("col").compactMap {
      $0.attributes["width"].flatMap(Double.init)
    }
    #expect(widths.count == 9 && widths[5] >= 9)
    // The chart draws each scenario's change per source (Δ columns E and H), in the document's font.
    let chart = try book.text("xl/charts/chart1.xml")
    #expect(chart.contains("'Theo nguồn'!$E$9:$E$10") && chart.contains("'Theo nguồn'!$H$9:$H$10"))
    #expect(!chart.contains("'Theo nguồn'!$C$9:$C$10"))
    #expect(chart.contains("Times New Roman"))
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
      (9...13).map { cells["F\($0)"]?.value } == [
        "170000000", "195000000", "220000000", "245000000", "270000000",
      ])
    // The printed area holds the header block: six columns, wide enough for issuer and motto.
    #expect(
      try book.definedNames().contains {
        $0.name == "_xlnm.Print_Area" && $0.formula.hasPrefix("'Quét tham số'!$A$1:$F$")
      })
    let node = try book.sheet(named: "Quét tham số")
    let widths = node.all("col").compactMap { $0.attributes["width"].flatMap(Double.init) }
    #expect(widths.reduce(0, +) >= 100)
    // A short sweep is one page, its charts included; no command line, the sweep in words.
    #expect(node.first("pageSetup")?.attributes["fitToHeight"] ?? "1" == "1")
    let subtitle = cells["A5"]?.text ?? ""
    #expect(subtitle.contains("Kịch bản “A”") && subtitle.contains("từ -40 đến 0, bước 10"))
    #expect(!subtitle.contains("--sweep") && !subtitle.contains("scale.percent"))
    // Three charts side by side under the table (row 15), starting at columns A, C and E.
    let drawing = try book.text(
      try #require(book.parts.keys.filter { $0.hasPrefix("xl/drawings/drawing") }.sorted().last))
    for column in [0, 2, 4] {
      #expect(
        drawing.contains(
          "<xdr:from><xdr:col>\(column)</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>14</xdr:row>"))
    }
    let charts = book.parts.keys.filter { $0.hasPrefix("xl/charts/chart") }
    #expect(charts.count == 4)  // by source, and the three sweep charts
    let lineCharts = try charts.filter { try book.text($0).contains("lineChart") }
    #expect(lineCharts.count == 3)
    // In the document's font, not the viewer's sans.
    #expect(try lineCharts.allSatisfy { try book.text($0).contains("Times New Roman") })
    // Broken lines shaded with black text (red on red disappears in black-and-white print).
    let styles = try book.text("xl/styles.xml")
    #expect(!styles.contains("FF9C0006"))
  }

  /// 41 values run over pages: the charts start a page of their own (a break before row 51 under
  /// the table's rows 9–49; zero-based 50), one blank row below the repeated headings.
  @Test func aLongSweepPutsItsChartsOnAPageOfTheirOwn() throws {
    let book = try Self.write(try Self.report(sweep: true, sweepText: "scale.percent=-40..0 step 1"))
    let node = try book.sheet(named: "Quét tham số")
    #expect(node.first("pageSetup")?.attributes["fitToHeight"] == "0")
    #expect(node.first("rowBreaks")?.all("brk").compactMap { $0.attributes["id"] } == ["50"])
    let drawing = try book.text(
      try #require(book.parts.keys.filter { $0.hasPrefix("xl/drawings/drawing") }.sorted().last))
    #expect(drawing.contains("<xdr:row>51</xdr:row>"))
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
        // Each sheet of the other kind, and the `texts:` the comparison workbook needs (the
        // settlement template has none; the comparison's are no settlement key).
        #expect(errors.errors.contains { $0.message.en.contains("expected one of") })
        #expect(errors.errors.contains { $0.message.en.contains("'texts'") })
      }
    }
  }
}

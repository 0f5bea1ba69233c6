import Foundation
import Testing
import XlsxReadBack

@testable import Xlsx

/// The print and chart options the settlement workbook needs (issue 13): first page number,
/// manual page breaks, and a bar chart in one font with labelled, bounded bars.
@Suite struct PrintOptionsTests {
  @Test func firstPageNumberAndPageBreaksAreWritten() throws {
    let folder = try TestFolder()
    let url = folder.file("p.xlsx")
    let workbook = try Workbook(url: url, options: Fixture.options)
    let sheet = try workbook.addWorksheet(named: "Kiểm tra")
    for row in 0..<60 { try sheet.writeInteger(Int64(row), row: row, column: 0) }
    try sheet.setHorizontalPageBreaks([25, 50])
    try sheet.setPageSetup(PageSetup(paper: .a4, footer: "&CTrang &P", firstPageNumber: 1))
    // A break before the first row, or more than Excel keeps, is refused.
    #expect(throws: XlsxError.self) { try sheet.setHorizontalPageBreaks([0]) }
    #expect(throws: XlsxError.self) {
      try sheet.setHorizontalPageBreaks(Array(1...(XlsxLimits.pageBreaksMax + 1)))
    }
    try workbook.close()
    let node = try XlsxReadBack(url: url).sheet(named: "Kiểm tra")
    #expect(node.first("pageSetup")?.attributes["useFirstPageNumber"] == "1")
    #expect(node.all("brk").compactMap { $0.attributes["id"] } == ["25", "50"])
    #expect(node.first("oddFooter")?.text == "&CTrang &P")
  }

  @Test func barChartPutsItsOptionsOnTheRightAxes() throws {
    let folder = try TestFolder()
    let url = folder.file("c.xlsx")
    let workbook = try Workbook(url: url, options: Fixture.options)
    let sheet = try workbook.addWorksheet(named: "Biểu đồ")
    for row in 0..<3 {
      try sheet.writeString("Nguồn \(row)", row: row, column: 0)
      try sheet.writeDouble(Double(row) / 4, row: row, column: 1)
    }
    try sheet.insertChart(
      Chart(
        kind: .bar, valueAxisTitle: "Tỷ lệ", valueAxisNumberFormat: "0%", legend: .bottom,
        series: [
          ChartSeries(
            name: "Tỷ lệ giải ngân",
            categories: SheetRange(
              sheet: "Biểu đồ", range: CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 0)),
            values: SheetRange(
              sheet: "Biểu đồ", range: CellRange(firstRow: 0, firstColumn: 1, lastRow: 2, lastColumn: 1)))
        ], fontName: "Times New Roman", fontSizePoints: 10, dataLabelNumberFormat: "0.0%", valueAxisMin: 0,
        valueAxisMax: 1, categoriesTopDown: true), row: 5, column: 0)
    try workbook.close()
    let book = try XlsxReadBack(url: url)
    let chart = try book.xml(try #require(book.parts.keys.first { $0.hasPrefix("xl/charts/chart") }))
    let categoryAxis = try #require(chart.first("catAx"))
    let valueAxis = try #require(chart.first("valAx"))
    // The categories read top-down; the value axis is bounded 0…1, titled and formatted as %.
    #expect(categoryAxis.first("orientation")?.attributes["val"] == "maxMin")
    // …and the value axis crosses them at the last one, so it stays at the bottom.
    #expect(valueAxis.first("crosses")?.attributes["val"] == "max")
    #expect(valueAxis.first("max")?.attributes["val"] == "1")
    #expect(valueAxis.first("min")?.attributes["val"] == "0")
    #expect(valueAxis.first("title")?.allText == "Tỷ lệ")
    #expect(valueAxis.first("numFmt")?.attributes["formatCode"] == "0%")
    #expect(chart.first("dLbls")?.first("numFmt")?.attributes["formatCode"] == "0.0%")
    let typefaces = chart.all("latin").compactMap { $0.attributes["typeface"] }
    #expect(!typefaces.isEmpty && typefaces.allSatisfy { $0 == "Times New Roman" })
  }
}

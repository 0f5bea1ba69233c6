import Foundation
import Testing
import XlsxReadBack

@testable import Xlsx

/// Writes one workbook with every feature and reads the XML parts back.
@Suite struct WorkbookContentTests {
  static let money = CellStyle(borders: .all(.thin), numberFormat: "#,##0")
  static let header = CellStyle(
    bold: true, fillColor: Color(rgb: 0xDDEBF7), borders: .all(.thin), horizontalAlignment: .center,
    wrapText: true)

  /// Builds the sample workbook at `url`.
  static func writeSample(to url: URL) throws {
    let workbook = try Workbook(url: url, options: Fixture.options)
    let summary = try workbook.addWorksheet(named: "Tổng hợp")
    let detail = try workbook.addWorksheet(named: "Chi tiết")

    try summary.merge(
      CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 3), text: "BÁO CÁO QUYẾT TOÁN",
      style: header)
    try summary.writeString("Đơn vị", row: 2, column: 0, style: header)
    try summary.writeString("Dự toán", row: 2, column: 1, style: header)
    try summary.writeString("Thực chi", row: 2, column: 2, style: header)
    try summary.writeString("Còn lại", row: 2, column: 3, style: header)
    let rows: [(String, Int64, Int64)] = [
      ("Phòng Dân tộc", 1_500_000_000, 1_234_567_890),
      ("UBND xã Hà Lang", 300_000_000, 300_000_000),
      ("Trung tâm Văn hóa", 9_007_199_254_740_992, 0),  // 2^53 exactly: still exact
    ]
    for (index, (unit, allocated, spent)) in rows.enumerated() {
      let row = 3 + index
      try summary.writeString(unit, row: row, column: 0)
      try summary.writeInteger(allocated, row: row, column: 1, style: money)
      try summary.writeInteger(spent, row: row, column: 2, style: money)
      try summary.writeFormula(
        "=B\(row + 1)-C\(row + 1)", cachedInteger: allocated - spent, row: row, column: 3, style: money)
    }
    try summary.writeFormula("=SUM(B4:B5)", cachedInteger: 1_800_000_000, row: 6, column: 1, style: money)
    try summary.writeFormula("=IF(D5=0,\"Đủ\",\"Thiếu\")", cachedText: "Đủ", row: 6, column: 3)
    try summary.writeDouble(0.5, row: 7, column: 1)
    try summary.writeBoolean(true, row: 7, column: 2)
    try summary.writeDate(year: 2024, month: 12, day: 31, row: 7, column: 3)
    try summary.writeBlank(row: 8, column: 0, style: money)
    try summary.writeURL("https://example.org/kinhphi", text: "Hướng dẫn", row: 8, column: 1)

    try summary.freezePanes(row: 3, column: 1)
    try summary.setAutofilter(CellRange(firstRow: 2, firstColumn: 0, lastRow: 5, lastColumn: 3))
    try summary.setColumns(0...0, width: 30)
    try summary.setColumns(1...3, width: 18, outlineLevel: 1)
    try summary.setRow(4, height: 20, outlineLevel: 1, collapsed: false)
    try summary.addConditionalFormat(
      .cellValue(.notEqual, .integer(0)),
      range: CellRange(firstRow: 3, firstColumn: 3, lastRow: 5, lastColumn: 3),
      style: CellStyle(fontColor: .red))
    try summary.addConditionalFormat(
      .cellValue(.less, .integer(0)),
      range: CellRange(firstRow: 3, firstColumn: 2, lastRow: 5, lastColumn: 2),
      style: CellStyle(bold: true))
    try summary.addConditionalFormat(
      .textContains("Thiếu"), range: CellRange(row: 6, column: 3),
      style: CellStyle(fillColor: Color(rgb: 0xFFC7CE)))
    try summary.addConditionalFormat(
      .formula("=$B4<$C4"), range: CellRange(firstRow: 3, firstColumn: 0, lastRow: 5, lastColumn: 0),
      style: CellStyle(italic: true))
    try summary.setPageSetup(
      PageSetup(
        paper: .a4, orientation: .landscape, fitToPages: (1, 0),
        margins: .init(left: 0.5, right: 0.4, top: 0.75, bottom: 0.75), header: "&CQuyết toán",
        footer: "&CTrang &P/&N", centerHorizontally: true, repeatRows: 2...2,
        printArea: CellRange(firstRow: 0, firstColumn: 0, lastRow: 8, lastColumn: 3)))

    try workbook.defineName(
      "TongDuToan", range: CellRange(firstRow: 3, firstColumn: 1, lastRow: 5, lastColumn: 1),
      onSheet: "Tổng hợp")
    try workbook.defineName("NgungChi", formula: "=0", scope: "Chi tiết")

    let categories = SheetRange(
      sheet: "Tổng hợp", range: CellRange(firstRow: 3, firstColumn: 0, lastRow: 4, lastColumn: 0))
    try summary.insertChart(
      Chart(
        kind: .column, title: "Dự toán và thực chi", categoryAxisTitle: "Đơn vị", valueAxisTitle: "Đồng",
        valueAxisNumberFormat: "#,##0", legend: .bottom,
        series: [
          ChartSeries(
            name: "Dự toán", categories: categories,
            values: SheetRange(
              sheet: "Tổng hợp", range: CellRange(firstRow: 3, firstColumn: 1, lastRow: 4, lastColumn: 1))),
          ChartSeries(
            name: "Thực chi", categories: categories,
            values: SheetRange(
              sheet: "Tổng hợp", range: CellRange(firstRow: 3, firstColumn: 2, lastRow: 4, lastColumn: 2))),
        ]), row: 10, column: 0, widthPixels: 720, heightPixels: 360)
    try summary.insertChart(
      Chart(
        kind: .line, title: "Giải ngân", legend: .none,
        series: [
          ChartSeries(
            values: SheetRange(
              sheet: "Tổng hợp", range: CellRange(firstRow: 3, firstColumn: 2, lastRow: 5, lastColumn: 2)))
        ]), row: 10, column: 6)

    try detail.writeString("Chứng từ", row: 0, column: 0)
    try detail.writeInteger(-5_000, row: 1, column: 0)
    try workbook.close()
  }

  @Test func cellsFormulasAndCachedValues() throws {
    let folder = try TestFolder()
    let url = folder.file("quyet-toan.xlsx")
    try Self.writeSample(to: url)
    #expect(try folder.contents() == ["quyet-toan.xlsx"])

    let book = try XlsxReadBack(url: url)
    let cells = try book.cells(sheet: "Tổng hợp")
    #expect(cells["A1"]?.text == "BÁO CÁO QUYẾT TOÁN")
    #expect(cells["A4"]?.type == "s")
    #expect(cells["A4"]?.text == "Phòng Dân tộc")
    #expect(cells["A5"]?.text == "UBND xã Hà Lang")
    #expect(cells["B4"]?.type == nil)
    #expect(cells["B4"]?.value == "1500000000")
    #expect(cells["C4"]?.value == "1234567890")
    #expect(cells["B6"]?.value == "9007199254740992")
    #expect(cells["D4"]?.formula == "B4-C4")
    #expect(cells["D4"]?.value == "265432110")
    #expect(cells["B7"]?.formula == "SUM(B4:B5)")
    #expect(cells["B7"]?.value == "1800000000")
    #expect(cells["D7"]?.type == "str")
    #expect(cells["D7"]?.formula == "IF(D5=0,\"Đủ\",\"Thiếu\")")
    #expect(cells["D7"]?.value == "Đủ")
    #expect(cells["B8"]?.value == "0.5")
    #expect(cells["C8"]?.type == "b")
    #expect(cells["C8"]?.value == "1")
    #expect(cells["D8"]?.value == "45657")  // 2024-12-31 as an Excel serial
    #expect(cells["A9"]?.value == nil && cells["A9"]?.styleIndex != nil)
    #expect(cells["B9"]?.text == "Hướng dẫn")
    #expect(try book.sharedStrings().contains("Phòng Dân tộc"))

    let detail = try book.cells(sheet: "Chi tiết")
    #expect(detail["A1"]?.text == "Chứng từ")
    #expect(detail["A2"]?.value == "-5000")
  }

  @Test func sheetStructure() throws {
    let folder = try TestFolder()
    let url = folder.file("quyet-toan.xlsx")
    try Self.writeSample(to: url)
    let book = try XlsxReadBack(url: url)

    #expect(try book.sheetNames() == ["Tổng hợp", "Chi tiết"])
    #expect(try book.mergedRanges(sheet: "Tổng hợp") == ["A1:D1"])
    let sheet = try book.sheet(named: "Tổng hợp")
    let pane = try #require(sheet.first("pane"))
    #expect(pane.attributes["xSplit"] == "1")
    #expect(pane.attributes["ySplit"] == "3")
    #expect(pane.attributes["topLeftCell"] == "B4")
    #expect(pane.attributes["state"] == "frozen")
    #expect(sheet.first("autoFilter")?.attributes["ref"] == "A3:D6")

    // libxlsxwriter writes the rules ordered by range.
    let rules = Dictionary(
      sheet.all("conditionalFormatting").map { ($0.attributes["sqref"] ?? "", $0) },
      uniquingKeysWith: { a, _ in a })
    #expect(rules.keys.sorted() == ["A4:A6", "C4:C6", "D4:D6", "D7"])
    let notZero = try #require(rules["D4:D6"]?.first("cfRule"))
    #expect(notZero.attributes["type"] == "cellIs")
    #expect(notZero.attributes["operator"] == "notEqual")
    #expect(notZero.first("formula")?.text == "0")
    #expect(rules["C4:C6"]?.first("cfRule")?.attributes["operator"] == "lessThan")
    #expect(rules["C4:C6"]?.first("formula")?.text == "0")
    #expect(rules["D7"]?.first("cfRule")?.attributes["type"] == "containsText")
    #expect(rules["D7"]?.first("cfRule")?.attributes["text"] == "Thiếu")
    #expect(rules["A4:A6"]?.first("cfRule")?.attributes["type"] == "expression")
    #expect(rules["A4:A6"]?.first("formula")?.text == "$B4<$C4")

    let columns = sheet.all("col")
    #expect(columns.first?.attributes["width"].flatMap(Double.init).map { $0 > 30 && $0 < 31 } == true)
    #expect(columns.last?.attributes["outlineLevel"] == "1")
    let row5 = sheet.all("row").first { $0.attributes["r"] == "5" }
    #expect(row5?.attributes["outlineLevel"] == "1")
    #expect(row5?.attributes["ht"] == "20")

    let setup = try #require(sheet.first("pageSetup"))
    #expect(setup.attributes["paperSize"] == "9")
    #expect(setup.attributes["orientation"] == "landscape")
    #expect(setup.attributes["fitToHeight"] == "0")
    #expect(sheet.first("pageSetUpPr")?.attributes["fitToPage"] == "1")
    #expect(sheet.first("printOptions")?.attributes["horizontalCentered"] == "1")
    #expect(sheet.first("oddFooter")?.text == "&CTrang &P/&N")
    #expect(sheet.first("oddHeader")?.text == "&CQuyết toán")
    #expect(sheet.first("pageMargins")?.attributes["left"] == "0.5")
  }

  @Test func definedNamesPropertiesAndCharts() throws {
    let folder = try TestFolder()
    let url = folder.file("quyet-toan.xlsx")
    try Self.writeSample(to: url)
    let book = try XlsxReadBack(url: url)

    let names = try book.definedNames()
    let byName = Dictionary(names.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    #expect(byName["TongDuToan"]?.formula == "'Tổng hợp'!$B$4:$B$6")
    #expect(byName["TongDuToan"]?.localSheetId == nil)
    #expect(byName["NgungChi"]?.formula == "0")
    #expect(byName["NgungChi"]?.localSheetId == "1")
    #expect(byName["_xlnm.Print_Titles"]?.formula == "'Tổng hợp'!$3:$3")
    #expect(byName["_xlnm.Print_Area"]?.formula == "'Tổng hợp'!$A$1:$D$9")
    #expect(byName["_xlnm._FilterDatabase"]?.formula == "'Tổng hợp'!$A$3:$D$6")

    #expect(try book.createdDate() == "2024-01-02T03:04:05Z")
    #expect(try book.xml("docProps/core.xml").first("title")?.text == "Quyết toán kinh phí")

    let column = try book.text("xl/charts/chart1.xml")
    #expect(column.contains("<c:barDir val=\"col\"/>"))
    #expect(column.contains("<c:f>'Tổng hợp'!$B$4:$B$5</c:f>"))
    #expect(column.contains("<c:f>'Tổng hợp'!$A$4:$A$5</c:f>"))
    #expect(column.contains("<c:legendPos val=\"b\"/>"))
    #expect(column.contains("Dự toán và thực chi"))
    #expect(column.contains("<c:formatCode>#,##0</c:formatCode>") || column.contains("formatCode=\"#,##0\""))
    let chart1 = try book.xml("xl/charts/chart1.xml")
    // Cached category text and values come from the written cells.
    #expect(chart1.all("v").map(\.text).contains("Phòng Dân tộc"))
    #expect(chart1.all("v").map(\.text).contains("1500000000"))
    let line = try book.text("xl/charts/chart2.xml")
    #expect(line.contains("<c:lineChart>"))
    #expect(!line.contains("<c:legend>"))
    // 720 × 360 px from A11: column A is 215 px, B–D 131 px each, E 64 px, then 48 px
    // (457200 EMU) into F; 18 default rows of 20 px.
    let drawing = try book.xml("xl/drawings/drawing1.xml")
    let firstAnchorEnd = try #require(drawing.first("twoCellAnchor")?.first("to"))
    #expect(firstAnchorEnd.first("col")?.text == "5")
    #expect(firstAnchorEnd.first("colOff")?.text == "457200")
    #expect(firstAnchorEnd.first("row")?.text == "28")
    #expect(firstAnchorEnd.first("rowOff")?.text == "0")
  }

  @Test func equalStylesShareOneFormatAndOutputIsReproducible() throws {
    let folder = try TestFolder()
    let first = folder.file("a.xlsx")
    let second = folder.file("b.xlsx")
    try Self.writeSample(to: first)
    try Self.writeSample(to: second)
    #expect(try Data(contentsOf: first) == Data(contentsOf: second))

    let workbook = try Workbook(url: folder.file("c.xlsx"), options: Fixture.options)
    let sheet = try workbook.addWorksheet(named: "S")
    for row in 0..<100 {
      try sheet.writeInteger(Int64(row), row: row, column: 0, style: CellStyle(numberFormat: "#,##0"))
      try sheet.writeInteger(Int64(row), row: row, column: 1, style: CellStyle(bold: true))
    }
    #expect(workbook.distinctStyleCount == 2)
    try workbook.close()
  }

  @Test func constantMemoryWritesRowsInOrder() throws {
    let folder = try TestFolder()
    let url = folder.file("big.xlsx")
    var options = Fixture.options
    options.constantMemory = true
    let workbook = try Workbook(url: url, options: options)
    let sheet = try workbook.addWorksheet(named: "Chi tiết")
    for row in 0..<1_000 {
      try sheet.writeString("Dòng \(row)", row: row, column: 0)
      try sheet.writeInteger(Int64(row) * 1_000, row: row, column: 1)
    }
    // Going back is refused by the library in this mode, and the refusal is surfaced.
    #expect(throws: XlsxError.self) { try sheet.writeInteger(1, row: 0, column: 2) }
    try workbook.close()
    let cells = try XlsxReadBack(url: url).cells(sheet: "Chi tiết")
    #expect(cells["A1000"]?.type == "inlineStr")
    #expect(cells["A1000"]?.text == "Dòng 999")
    #expect(cells["B1000"]?.value == "999000")
  }
}

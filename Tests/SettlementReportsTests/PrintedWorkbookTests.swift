import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing
import XlsxReadBack

@testable import SettlementReports

/// What a finance officer sees on the printed settlement workbook (issue 13, points 9–13, 18, 20):
/// each test reads back the cells, styles, print setup or chart a rendered page showed wrong.
@Suite struct PrintedWorkbookTests {
  static func write(
    workspace: String = "chiem-hoa", year: Int, unit: String? = nil, allFindings: Bool = false, to url: URL
  ) throws -> XlsxReadBack {
    let ledger = try WorkspaceReader.read(
      directory: SettlementWorkbookTests.root.appendingPathComponent("SampleData/" + workspace).path)
    let analysis = Engine.analyze(ledger)
    let template = try TemplateReader.read(
      path: SettlementWorkbookTests.root.appendingPathComponent("Templates/quyet-toan.yaml").path)
    var settlement = analysis.settlement(year: year)
    if let unit {
      let code = UnitCode(unit)
      let lines = settlement.lines.filter { $0.key.unit == code }
      settlement = YearSettlement(
        year: year, lines: lines,
        findings: settlement.findings.filter { $0.unit == code },
        payments: settlement.payments.filter { $0.unit == code })
    }
    var workbook = SettlementWorkbook(
      settlement: settlement, plan: ledger.plan, template: template,
      settings: WorkbookSettings(created: SettlementWorkbookTests.created))
    workbook.reportingUnit = unit.flatMap { ledger.plan.unitByCode[UnitCode($0)] }
    workbook.allFindings = allFindings
    try workbook.write(to: url.path)
    return try XlsxReadBack(url: url)
  }

  static func book(year: Int, unit: String? = nil, allFindings: Bool = false) throws -> XlsxReadBack {
    try write(
      year: year, unit: unit, allFindings: allFindings,
      to: try SettlementWorkbookTests.temporaryFile("qt.xlsx"))
  }

  /// The cell format (cellXfs entry) a cell uses: its number format code and alignment.
  struct CellFormat {
    let numberFormat: String?
    let indent: Int
  }

  static func format(_ cell: ReadCell?, in book: XlsxReadBack) throws -> CellFormat {
    let styles = try book.xml("xl/styles.xml")
    let codes = Dictionary(
      uniqueKeysWithValues: styles.all("numFmt").compactMap { node in
        node.attributes["numFmtId"].map { ($0, node.attributes["formatCode"] ?? "") }
      })
    let xfs = try #require(styles.first("cellXfs")).children.filter { $0.localName == "xf" }
    let xf = xfs[cell?.styleIndex ?? 0]
    return CellFormat(
      numberFormat: xf.attributes["numFmtId"].flatMap { codes[$0] },
      indent: xf.first("alignment")?.attributes["indent"].flatMap(Int.init) ?? 0)
  }

  /// Column widths by zero-based column.
  static func widths(_ book: XlsxReadBack, sheet: String) throws -> [Int: Double] {
    var widths: [Int: Double] = [:]
    for column in try book.sheet(named: sheet).all("col") {
      guard let min = column.attributes["min"].flatMap(Int.init),
        let max = column.attributes["max"].flatMap(Int.init),
        let width = column.attributes["width"].flatMap(Double.init)
      else { continue }
      for index in min...max { widths[index - 1] = width }
    }
    return widths
  }

  // MARK: 9. Tổng hợp

  /// The check column printed "-" flush against the Ghi chú text; Ghi chú was 6 characters wide.
  @Test func summaryCheckColumnShowsZeroAndNotesHaveRoom() throws {
    let book = try Self.book(year: 2023)
    let cells = try book.cells(sheet: "Tổng hợp")
    #expect(cells["J7"]?.text == "Kiểm tra (phải bằng 0)")
    #expect(cells["K7"]?.text == "Ghi chú")
    // The check column's zero prints as 0 (it says "must be 0"); the others keep their "-".
    #expect(try Self.format(cells["J11"], in: book).numberFormat == "#,##0;-#,##0;0")
    #expect(try Self.format(cells["I11"], in: book).numberFormat == "#,##0;-#,##0;\"-\"")
    // Ghi chú: wide enough to write in, and its text set off from the amount on its left.
    #expect(try Self.widths(book, sheet: "Tổng hợp")[10] ?? 0 >= 20)
    // Row 10 is "trong đó: vốn lồng ghép"; row 11 the first source kind, with the overspending.
    #expect(cells["B10"]?.text == "trong đó: vốn lồng ghép")
    #expect(cells["K11"]?.text == "Chi vượt 3.250.000")
    #expect(try Self.format(cells["K11"], in: book).indent == 1)
    // 2022 has no notes at all: the column keeps its width.
    let book2022 = try Self.book(year: 2022)
    #expect(try Self.widths(book2022, sheet: "Tổng hợp")[10] ?? 0 >= 20)
  }

  // MARK: 10. Theo nội dung

  /// Activity names printed the plan's internal note "(số lượng = bảng)", and one-line rows were
  /// written double height.
  @Test func contentSheetPrintsNamesOnlyAndOneLineRowsStayOneLine() throws {
    let book = try Self.book(year: 2023)
    let cells = try book.cells(sheet: "Theo nội dung")
    #expect(!cells.values.contains { $0.text?.contains("số lượng") == true })
    #expect(
      cells.values.contains {
        $0.text == "Xây dựng cụm pano, áp phích tuyên truyền trên các địa bàn thực hiện Chương trình"
      })
    let heights = Dictionary(
      uniqueKeysWithValues: try book.sheet(named: "Theo nội dung").all("row").compactMap { row in
        row.attributes["r"].flatMap(Int.init).map { ($0, row.attributes["ht"].flatMap(Double.init)) }
      })
    // One line of 12-point text: no taller than 15.75 points (Excel's default for the font).
    let oneLine = try #require(
      cells.first { $0.value.text == "Ngân sách huyện Chiêm Hóa (đối ứng) (HUYEN)" }?.key)
    let row = Int(oneLine.drop { $0.isLetter })!
    #expect(
      (heights[row] ?? nil).map { $0 <= 15.75 } ?? true, "row \(row): \(String(describing: heights[row]))")
  }

  /// Times metrics: a name that fits a 55-wide column is one line, twice as much is two.
  @Test func wrappedLinesMeasureTimesNotCharacterCounts() throws {
    let template = try TemplateReader.read(
      path: SettlementWorkbookTests.root.appendingPathComponent("Templates/quyet-toan.yaml").path)
    let frame = SheetFrame(
      document: template.document, layout: SheetLayout(document: template.document), scale: .dong,
      context: TemplateContext(plan: PlanInfo(name: "x", firstYear: 2021, lastYear: 2025), year: 2023))
    // 336 points of Times at 12 points; a 66-wide column holds 346 (7 pixels a unit, as Excel
    // measures with its default Calibri). Counting characters (1.2 a unit) said 3 lines at 20 wide.
    let name = "Cấp Báo Dân tộc và Phát triển, Báo Tuyên Quang cho người có uy tín"
    #expect(frame.wrappedLines(name, width: 66) == 1)
    #expect(frame.wrappedLines(name, width: 55.71) == 2)
    #expect(frame.wrappedLines(name + " " + name, width: 66) == 2)
    #expect(frame.wrappedLines(name, width: 20) == 4)
    #expect(frame.wrappedLines(name, width: 66, indentLevels: 2) == 2)
  }

  // MARK: 11. Chi tiết chi

  /// Codes (HOINGHI, XA_PHUBINH) printed where names belong; the subtitle said the payments were
  /// "được tính vào số quyết toán" while the total included the 3,250,000 not proposed.
  @Test func detailSheetPrintsNamesAndReconcilesToTheSettledAmount() throws {
    let book = try Self.book(year: 2023)
    let cells = try book.cells(sheet: "Chi tiết chi")
    #expect(
      ["E7", "F7", "G7", "I7"].map { cells[$0]?.text } == [
        "Nguồn kinh phí", "Nội dung chi", "Đơn vị thực hiện", "Số tiền",
      ])
    #expect(cells["A9"]?.text == "2023-0001")
    #expect(cells["E9"]?.text == "Ngân sách trung ương - CTMTQG DTTS&MN (kinh phí sự nghiệp)")
    #expect(cells["F9"]?.text == "Xây dựng mô hình truyền thông, tuyên truyền đặc thù tại cộng đồng")
    #expect(cells["G9"]?.text == "UBND xã Trung Hòa")
    #expect(!cells.values.contains { ["HOINGHI", "XA_PHUBINH", "TW"].contains($0.text ?? "") })
    let subtitle = try #require(cells["A5"]?.text)
    #expect(!subtitle.contains("được tính vào số quyết toán"))
    #expect(subtitle.contains("chi vượt dự toán"))
    // The payments from row 9; the total, the overspending taken off, what is proposed.
    let totalReference = try #require(cells.first { $0.value.text == "TỔNG CỘNG" }?.key)
    let total = Int(totalReference.drop { $0.isLetter })!
    #expect(totalReference == "A\(total)")
    #expect(cells["A\(total - 1)"]?.text?.hasPrefix("2023-") == true)
    #expect(cells["I\(total)"]?.formula == "SUM(I9:I\(total - 1))")
    #expect(cells["I\(total)"]?.value == "1927480000")
    #expect(cells["A\(total + 1)"]?.text == "Trừ: chi vượt dự toán, không đề nghị quyết toán")
    #expect(cells["I\(total + 1)"]?.value == "3250000")
    #expect(cells["A\(total + 2)"]?.text == "KINH PHÍ ĐỀ NGHỊ QUYẾT TOÁN")
    #expect(cells["I\(total + 2)"]?.formula == "I\(total)-I\(total + 1)")
    #expect(cells["I\(total + 2)"]?.value == "1924230000")
    // The same figure as Tổng hợp's "Số đề nghị quyết toán", checked on Kiểm tra.
    #expect(try book.cells(sheet: "Tổng hợp")["G9"]?.value == "1924230000")
    let checks = try book.cells(sheet: "Kiểm tra")
    #expect(checks.values.contains { $0.formula == "'Chi tiết chi'!I\(total + 2)-'Tổng hợp'!G9" })
    // The labels span the columns before the amount.
    let merges = try book.mergedRanges(sheet: "Chi tiết chi")
    #expect(merges.contains("A\(total):H\(total)"))
    #expect(merges.contains("A\(total + 2):H\(total + 2)"))
  }

  // MARK: 12. Kiểm tra

  /// Amber text on amber fill vanished in black-and-white print; file:line and English codes came
  /// first.
  @Test func findingsLeadWithWordsAndPrintInGrey() throws {
    let book = try Self.book(year: 2023)
    let cells = try book.cells(sheet: "Kiểm tra")
    #expect(
      ["A7", "B7", "C7", "D7", "E7", "F7", "G7", "H7"].map { cells[$0]?.text } == [
        "STT", "Mức độ", "Vấn đề", "Nội dung, việc cần làm", "Số tiền", "Mã nguồn - nội dung - đơn vị",
        "Mã kiểm tra", "Tệp, dòng",
      ])
    #expect(cells["C10"]?.text == "Thiếu kinh phí đối ứng (NSĐP)")
    #expect(cells["G10"]?.text == "COUNTERPART_SHORT")
    #expect(cells["C12"]?.text == "Dự toán chưa sử dụng hết")
    // The codes and file:line are narrower than the words.
    let widths = try Self.widths(book, sheet: "Kiểm tra")
    #expect((widths[3] ?? 0) > (widths[6] ?? 0) && (widths[3] ?? 0) > (widths[7] ?? 0))
    // Highlighting: black text on a light fill, errors bold; no coloured text.
    let styles = try book.xml("xl/styles.xml")
    let dxfs = try #require(styles.first("dxfs")).children.filter { $0.localName == "dxf" }
    let severityRules = try book.sheet(named: "Kiểm tra").all("cfRule").filter {
      $0.attributes["type"] == "expression"
    }
    #expect(severityRules.count == 2)
    for rule in severityRules {
      let dxf = dxfs[Int(rule.attributes["dxfId"] ?? "") ?? -1]
      let colors = dxf.first("font")?.all("color").compactMap { $0.attributes["rgb"] } ?? []
      #expect(colors.allSatisfy { $0 == "FF000000" }, "\(colors)")
    }
    let errorRule = try #require(severityRules.first { $0.allText.contains("Lỗi") })
    #expect(dxfs[Int(errorRule.attributes["dxfId"] ?? "")!].first("b") != nil)
  }

  // MARK: 13. Biểu đồ

  /// A sans chart with source codes on the axis where only the central budget's bars were
  /// visible: now shares of each source, horizontal bars named and labelled, Times New Roman.
  @Test func chartShowsEverySourceAsAShareInTimes() throws {
    let book = try Self.book(year: 2023)
    let cells = try book.cells(sheet: "Biểu đồ")
    #expect(cells["A9"]?.text == "Ngân sách trung ương - CTMTQG DTTS&MN (kinh phí sự nghiệp)")
    #expect(cells["E7"]?.text == "Tỷ lệ giải ngân")
    #expect(cells["E9"]?.formula == "C9/B9")
    #expect(Double(cells["E9"]?.value ?? "") == 1_734_180_000.0 / 1_771_980_000.0)
    // GNBV: 1.800.000 of 3.000.000 — as readable as the central budget.
    #expect(cells["A12"]?.text == "Lồng ghép CTMTQG giảm nghèo bền vững (truyền thông giảm nghèo)")
    #expect(Double(cells["E12"]?.value ?? "") == 0.6)
    let chartPart = try #require(book.parts.keys.first { $0.hasPrefix("xl/charts/chart") })
    let chart = try book.text(chartPart)
    #expect(chart.contains("<c:barDir val=\"bar\"/>"))
    #expect(chart.contains("'Biểu đồ'!$A$9:$A$14"))
    #expect(chart.contains("'Biểu đồ'!$E$9:$E$14") && chart.contains("'Biểu đồ'!$F$9:$F$14"))
    #expect(!chart.contains("'Biểu đồ'!$B$9:$B$14"))  // the amounts are in the table, not the bars
    #expect(chart.contains("typeface=\"Times New Roman\""))
    #expect(chart.contains("<c:dLbls>") && chart.contains("formatCode=\"0.0%\""))
    #expect(chart.contains("<c:max val=\"1\"/>"))
  }

  // MARK: 18. A unit's own workbook

  /// `settle --per-unit` kept the district's header and never named the commune.
  @Test func unitWorkbookNamesTheUnit() throws {
    let book = try Self.book(year: 2023, unit: "XA_KIMBINH")
    for sheet in ["Tổng hợp", "Chi tiết chi", "Kiểm tra"] {
      let cells = try book.cells(sheet: sheet)
      #expect(cells["A1"]?.text == "UBND HUYỆN CHIÊM HÓA", "\(sheet)")
      #expect(cells["A2"]?.text == "UBND XÃ KIM BÌNH", "\(sheet)")
      #expect(cells["A5"]?.text?.hasPrefix("Đơn vị: UBND xã Kim Bình") == true, "\(sheet)")
    }
    // The district's own workbook keeps the office.
    let district = try Self.book(year: 2023).cells(sheet: "Tổng hợp")
    #expect(district["A2"]?.text == "PHÒNG TÀI CHÍNH - KẾ HOẠCH")
    #expect(district["A5"]?.text?.hasPrefix("Đơn vị") == false)
  }

  // MARK: 20. Page numbers

  /// "Trang 14/16" on the Kiểm tra sheet: each sheet numbers its own pages from 1, and the footer
  /// leaves out &N, which counts the whole print job (see Templates/quyet-toan.yaml).
  @Test func everySheetNumbersItsOwnPages() throws {
    let book = try Self.book(year: 2022)
    for sheet in try book.sheetNames() {
      let node = try book.sheet(named: sheet)
      #expect(node.first("pageSetup")?.attributes["useFirstPageNumber"] == "1", "\(sheet)")
      let firstPage = node.first("pageSetup")?.attributes["firstPageNumber"]
      #expect(firstPage == nil || firstPage == "1", "\(sheet)")
      #expect(node.first("oddFooter")?.text == "&C&\"Times New Roman,Regular\"Trang &P", "\(sheet)")
    }
  }

  // MARK: Page layout

  /// The signature block printed alone on a page under repeated headings (Theo nội dung 2023):
  /// kinhphi sets the page breaks, and the last one takes the table's last three rows over to the
  /// signatures.
  @Test func signaturesNeverPrintAloneOnAPage() throws {
    // Every finding listed: Kiểm tra runs over pages (summarized, it fits on one).
    let book = try Self.book(year: 2023, allFindings: true)
    for sheet in ["Theo nội dung", "Theo đơn vị"] {
      let cells = try book.cells(sheet: sheet)
      let placeDate = try #require(cells.first { $0.value.text?.contains(", ngày ..... tháng") == true }?.key)
      let placeRow = Int(placeDate.drop { $0.isLetter })!  // 1-based; the gap row is above it
      let breaks = try book.sheet(named: sheet).all("brk").compactMap {
        $0.attributes["id"].flatMap(Int.init)
      }
      #expect(!breaks.isEmpty, "\(sheet)")
      #expect(breaks == breaks.sorted(), "\(sheet)")
      // Last data row (1-based) = placeRow − 2 (0-based placeRow − 3): the last page holds some.
      #expect((breaks.last ?? 0) <= placeRow - 3, "\(sheet): \(breaks) place/date on row \(placeRow)")
    }
    // Tổng hợp fits on its page with the signatures: no break.
    #expect(try book.sheet(named: "Tổng hợp").all("brk").isEmpty)
    // The working sheets are not signed: no place and date, no signer, and they still break pages.
    for sheet in ["Chi tiết chi", "Kiểm tra"] {
      let texts = try book.cells(sheet: sheet).values.compactMap(\.text)
      #expect(!texts.contains { $0.contains(", ngày ..... tháng") }, "\(sheet)")
      #expect(!texts.contains("NGƯỜI LẬP BIỂU"), "\(sheet)")
      #expect(!(try book.sheet(named: sheet).all("brk").isEmpty), "\(sheet)")
    }
  }

  /// While an error finding stands (2023's overspending) every printed page of every sheet says
  /// DỰ THẢO: it is in the page header, which each page prints; 2022 has no error and no mark.
  @Test func aDraftSaysSoOnEveryPrintedPage() throws {
    let draft = try Self.book(year: 2023)
    for sheet in try draft.sheetNames() {
      let header = try draft.sheet(named: sheet).first("oddHeader")?.allText ?? ""
      #expect(header.hasSuffix("DỰ THẢO"), "\(sheet): \(header)")
      #expect(header.contains("Times New Roman,Bold"), "\(sheet): \(header)")
    }
    let final = try Self.book(year: 2022)
    for sheet in try final.sheetNames() {
      #expect(try final.sheet(named: sheet).first("oddHeader") == nil, "\(sheet)")
    }
  }

  /// The district's workbook is the office's report: Người lập biểu · Trưởng phòng, with its number
  /// line; a unit's own is signed by the unit and carries no "…/BC-TCKH" number.
  @Test func signersAndNumberLineFollowWhoseDocumentItIs() throws {
    let district = try Self.book(year: 2022).cells(sheet: "Theo đơn vị")
    let districtTexts = Set(district.values.compactMap(\.text))
    #expect(districtTexts.isSuperset(of: ["NGƯỜI LẬP BIỂU", "TRƯỞNG PHÒNG", "Số: ........./BC-TCKH"]))
    #expect(districtTexts.isDisjoint(with: ["KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ"]))
    let unit = try Self.book(year: 2022, unit: "VHTT").cells(sheet: "Theo đơn vị")
    let unitTexts = Set(unit.values.compactMap(\.text))
    #expect(unitTexts.isSuperset(of: ["NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ"]))
    #expect(unitTexts.isDisjoint(with: ["TRƯỞNG PHÒNG", "Số: ........./BC-TCKH"]))
    // The form number stays: it names the form, whoever signs it.
    #expect(unitTexts.contains("Biểu số 03"))
  }

  /// Whatever the table's length, its last page holds table rows with the signatures; where they
  /// would not fit under the rows, the last three rows go over with them.
  @Test func pageBreaksKeepRowsWithTheSignatures() throws {
    let template = try TemplateReader.read(
      path: SettlementWorkbookTests.root.appendingPathComponent("Templates/quyet-toan.yaml").path)
    let layout = SheetLayout(document: template.document)
    let frame = SheetFrame(
      document: template.document, layout: layout, scale: .dong,
      context: TemplateContext(plan: PlanInfo(name: "x", firstYear: 2021, lastYear: 2025), year: 2023))
    var movedThree = 0
    for count in 1...120 {
      let breaks = frame.pageBreaks(
        widths: [60, 20, 20, 20], headingHeight: 35, rowHeights: Array(repeating: nil, count: count))
      #expect(breaks == breaks.sorted() && Set(breaks).count == breaks.count)
      #expect(breaks.allSatisfy { $0 > layout.firstDataRow && $0 < layout.firstDataRow + count }, "\(count)")
      if let last = breaks.last, layout.firstDataRow + count - last == 3 { movedThree += 1 }
    }
    #expect(movedThree > 0)
    // A heading (every fifth row) never ends a page: it goes over with the rows it heads.
    var headingsMoved = 0
    for count in 20...120 {
      let headings = (0..<count).map { $0 % 5 == 0 }
      let plain = frame.pageBreaks(
        widths: [60, 20, 20, 20], headingHeight: 35, rowHeights: Array(repeating: nil, count: count))
      let breaks = frame.pageBreaks(
        widths: [60, 20, 20, 20], headingHeight: 35, rowHeights: Array(repeating: nil, count: count),
        keepWithNext: headings)
      for row in breaks { #expect(!headings[row - layout.firstDataRow - 1], "\(count): \(breaks)") }
      if breaks != plain { headingsMoved += 1 }
    }
    #expect(headingsMoved > 0)
    // Short tables: no break at all.
    #expect(frame.pageBreaks(widths: [60, 20], headingHeight: 35, rowHeights: [nil, nil]).isEmpty)
  }

  /// The header block and the signers split the page by width, not by column count: the motto was
  /// clipped over three narrow columns on Biểu đồ and "NGƯỜI LẬP BIỂU" over STT and Mức độ.
  @Test func headerAndSignersSplitThePageByWidth() throws {
    let book = try Self.book(year: 2023)
    func mergedWidth(_ sheet: String, text: String) throws -> Double {
      let cells = try book.cells(sheet: sheet)
      let widths = try Self.widths(book, sheet: sheet)
      let start = try #require(cells.first { $0.value.text == text }?.key)
      let range = try #require(try book.mergedRanges(sheet: sheet).first { $0.hasPrefix(start + ":") })
      func column(_ reference: Substring) -> Int {
        reference.prefix { $0.isLetter }.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
      }
      let parts = range.split(separator: ":")
      return (column(parts[0])...column(parts[1])).map { widths[$0] ?? 0 }.reduce(0, +)
    }
    // Bold capitals of the motto take about 48 width units.
    #expect(try mergedWidth("Biểu đồ", text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") >= 48)
    #expect(try mergedWidth("Chuyển nguồn", text: "NGƯỜI LẬP BIỂU") >= 20)
    // TỔNG CỘNG spans the columns before the first amount; it does not widen STT (was 17 wide).
    let schedule = try Self.widths(book, sheet: "Chuyển nguồn")
    #expect((schedule[0] ?? 99) < 8)
    #expect((schedule[4] ?? 0) >= 9 && (schedule[5] ?? 0) >= 9)  // Năm gốc, Được sử dụng đến năm
  }
}

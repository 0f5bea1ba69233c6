import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing
import XlsxReadBack

@testable import SettlementReports

/// The progress workbook of Chiêm Hóa as of 30/06/2023 read back (figures: SampleData/chiem-hoa/
/// EXPECTED.md, "Disbursement progress 2023"). Data rows start on row 9 under the header block.
@Suite struct ProgressWorkbookTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func progress(_ month: Int, _ day: Int) throws -> DisbursementProgress {
    let ledger = try WorkspaceReader.read(directory: root.appendingPathComponent("SampleData/chiem-hoa").path)
    return DisbursementProgress(
      analysis: Engine.analyze(ledger), asOf: CivilDate(year: 2023, month: month, day: day)!)
  }

  static func template() throws -> SettlementTemplate {
    try TemplateReader.read(
      path: root.appendingPathComponent("Templates/tien-do.yaml").path, kinds: SheetKind.progressKinds)
  }

  static func write(_ progress: DisbursementProgress, by dimension: ProgressDimension = .source) throws
    -> XlsxReadBack
  {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kinhphi-progress-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent("tien-do.xlsx")
    var workbook = ProgressWorkbook(
      progress: progress, template: try template(),
      settings: WorkbookSettings(created: Date(timeIntervalSince1970: 1_700_000_000)))
    workbook.firstDimension = dimension
    try workbook.write(to: url.path)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try XlsxReadBack(url: url)
  }

  @Test func sheetsInOrderWithTheChosenDimensionFirst() throws {
    let progress = try Self.progress(6, 30)
    let names = [
      "Theo nguồn", "Theo đơn vị", "Theo nội dung", "Lũy kế theo tháng", "Đơn vị chậm", "Dòng chậm",
      "Dự kiến cuối năm", "Hết hạn chuyển nguồn",
    ]
    #expect(try Self.write(progress).sheetNames() == names)
    #expect(try Self.write(progress, by: .unit).sheetNames().first == "Theo đơn vị")
    #expect(
      try Self.write(progress, by: .activity).sheetNames().prefix(2) == ["Theo nội dung", "Theo nguồn"])
  }

  @Test func bySourceHoldsTheRatesAndTheNotes() throws {
    let cells = try Self.write(try Self.progress(6, 30)).cells(sheet: "Theo nguồn")
    #expect(
      cells["A4"]?.text == "BÁO CÁO TIẾN ĐỘ GIẢI NGÂN KINH PHÍ DỰ ÁN 10 NĂM 2023 ĐẾN HẾT NGÀY 30/06/2023")
    #expect(cells["A5"]?.text?.contains("tiến độ kế hoạch đến ngày 30/06/2023: 40,00 %") == true)
    // TỔNG CỘNG: SUM over the source kinds; the rate from the engine, as ROUND(D/C, 4).
    #expect(cells["B9"]?.text == "TỔNG CỘNG")
    #expect(cells["C9"]?.value == "1972980000")
    #expect(cells["D9"]?.value == "862958000")
    #expect(cells["D9"]?.formula?.hasPrefix("SUM(") == true)
    #expect(cells["E9"]?.formula == "ROUND(D9/C9,4)")
    #expect(cells["E9"]?.value == "0.4374")
    #expect(cells["F9"]?.formula == "C9-D9" && cells["F9"]?.value == "1110022000")
    #expect(cells["G9"]?.value == "789192000")  // 40 % of 1.972.980.000
    #expect(cells["I9"]?.value == "267020000")
    #expect(cells["J9"]?.value == "0.136")
    // I. Ngân sách trung ương, then TW.
    #expect(cells["B11"]?.text == "Ngân sách trung ương - CTMTQG DTTS&MN (kinh phí sự nghiệp)")
    #expect(cells["D11"]?.value == "775340000" && cells["E11"]?.value == "0.4376")
    // Under the table (5 kinds, 6 sources, the total: rows 9–20), the payments not counted.
    #expect(
      cells["A22"]?.text
        == "Ghi chú: Không tính 131 khoản chi của năm 2023 ghi ngày sau 30/06/2023 (1.045.694.000 đồng).")
  }

  @Test func laggingUnitsRankedWithTheirTotal() throws {
    let cells = try Self.write(try Self.progress(6, 30)).cells(sheet: "Đơn vị chậm")
    #expect(cells["B9"]?.text == "UBND xã Bình Phú (XA_BINHPHU)")
    #expect(cells["G9"]?.value == "17200000")
    #expect(cells["B15"]?.text == "Phòng Dân tộc (PDT)")
    #expect(cells["F15"]?.value == "251260000" && cells["G15"]?.value == "5854000")
    #expect(cells["B23"]?.text == "UBND xã Tân Mỹ (XA_TANMY)")
    // 15 units, then their total: the amounts behind add up (112.384.000).
    #expect(cells["B24"]?.text == "TỔNG CỘNG (15)")
    #expect(cells["G24"]?.formula == "SUM(G9:G23)" && cells["G24"]?.value == "112384000")
  }

  @Test func projectionAndExpiringCarryIn() throws {
    let book = try Self.write(try Self.progress(9, 30))
    let projection = try book.cells(sheet: "Dự kiến cuối năm")
    #expect(projection["F9"]?.value == "1673384568")
    #expect(projection["G9"]?.value == "294130046")
    #expect(projection["H9"]?.value == "8715386")
    // TW·MOHINH·XA_KIMBINH's overspending by 30/09 stays (available = spent + carry + cancel − overspent).
    #expect(projection["I9"]?.value == "3250000")
    let lines = try book.cells(sheet: "Dòng chậm")
    #expect(lines["B9"]?.text?.hasPrefix("TW · Xây dựng cụm pano") == true)
    #expect(lines["B9"]?.text?.hasSuffix(" · UBND xã Bình Phú") == true)
    #expect(lines["G9"]?.value == "24500000")
    let expiring = try book.cells(sheet: "Hết hạn chuyển nguồn")
    #expect(expiring["D9"]?.text == "Trung tâm Văn hóa, Truyền thông và Thể thao (TTVH)")
    #expect(expiring["E9"]?.value == "2022")
    #expect(["F9", "G9", "H9"].map { expiring[$0]?.value } == ["3000000", "1200000", "593407"])
    #expect(expiring["B10"]?.text == "TỔNG CỘNG" && expiring["H10"]?.formula == "SUM(H9)")
  }

  @Test func monthlyCurveAndItsChart() throws {
    let book = try Self.write(try Self.progress(6, 30))
    let cells = try book.cells(sheet: "Lũy kế theo tháng")
    // This year, last year, the pace; months E (January) … P (December).
    #expect(cells["C9"]?.value == "2023" && cells["C10"]?.value == "2022")
    #expect(cells["G9"]?.value == "354938000")  // end of March (quarter I)
    #expect(cells["J9"]?.value == "862958000")  // at 30/06
    #expect(cells["K9"] == nil || cells["K9"]?.value == nil)  // July: not yet
    #expect(cells["P10"]?.value == "1771125000")  // 2022 by 31/12/2022, with the 18.828.000 advance of 20/12
    #expect(cells["J11"]?.value == "789192000")  // the pace by 30/06
    #expect(cells["Q9"]?.value == "0.4374")
    // TW's two rows follow.
    #expect(cells["J12"]?.value == "775340000" && cells["J13"]?.value == "172599000")
    let chart = try book.text("xl/charts/chart1.xml")
    #expect(chart.contains("<c:lineChart>"))
    #expect(chart.contains("'Lũy kế theo tháng'!$E$9:$P$9"))
    #expect(chart.contains("'Lũy kế theo tháng'!$E$10:$P$10"))
    #expect(chart.contains("'Lũy kế theo tháng'!$E$11:$P$11"))
  }

  @Test func aUnitsOwnWorkbookNamesTheUnit() throws {
    let progress = try Self.progress(6, 30).restricted(to: "XA_NHANLY")
    let cells = try Self.write(progress).cells(sheet: "Theo nguồn")
    #expect(cells["A2"]?.text == "UBND XÃ NHÂN LÝ")
    #expect(cells["A5"]?.text?.hasPrefix("Đơn vị: UBND xã Nhân Lý — ") == true)
    #expect(cells["C9"]?.value == "43650000" && cells["D9"]?.value == "3137000")
  }

  @Test func aTemplateColumnOutsideTheKindIsRefusedWithItsLine() throws {
    let text = try String(
      contentsOf: Self.root.appendingPathComponent("Templates/tien-do.yaml"), encoding: .utf8)
    let broken = text.replacingOccurrences(
      of:
        "      - {show: expected, heading: \"Phải giải ngân theo tiến độ\"}\n      - {show: behind, heading: \"Còn thiếu so với tiến độ\"}\n      - {show: previous_disbursed",
      with:
        "      - {show: spent, heading: \"Phải giải ngân theo tiến độ\"}\n      - {show: behind, heading: \"Còn thiếu so với tiến độ\"}\n      - {show: previous_disbursed"
    )
    #expect(broken != text)
    do {
      _ = try TemplateReader.parse(yaml: broken, file: "tien-do.yaml", kinds: SheetKind.progressKinds)
      Issue.record("a template showing 'spent' on a progress sheet was accepted")
    } catch let errors as InputErrors {
      let error = try #require(errors.errors.first)
      let line = broken.components(separatedBy: "\n").firstIndex {
        $0.contains("{show: spent, heading: \"Phải giải ngân theo tiến độ\"}")
      }
      #expect(error.location?.line == line.map { $0 + 1 })
      #expect(error.message.en.contains("'spent'") && error.message.en.contains("projected_carry_over"))
    }
    // The settlement template's sheets are not progress sheets.
    #expect(throws: InputErrors.self) {
      _ = try TemplateReader.read(
        path: Self.root.appendingPathComponent("Templates/quyet-toan.yaml").path,
        kinds: SheetKind.progressKinds)
    }
  }
}

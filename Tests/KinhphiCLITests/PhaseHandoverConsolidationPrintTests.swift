import Foundation
import Testing
import XlsxReadBack

/// What the phase, consolidation and handover workbooks print, read back from the files written from
/// the Chiêm Hóa sample (issue 13, points 14, 17 and 19).
@Suite struct PhaseHandoverConsolidationPrintTests {
  /// 15/07/2025 and 01/03/2026, 00:00 in Vietnam.
  static let july2025 = "1752512400"
  static let march2026 = "1772298000"

  static func phase(epoch: String) throws -> XlsxReadBack {
    let book = try CLIRunner.temporaryDirectory().appendingPathComponent("gd.xlsx")
    let result = try CLIRunner.run(
      ["settle", CLIRunner.sample("chiem-hoa"), "--years", "2021-2025", "-o", book.path],
      environment: ["SOURCE_DATE_EPOCH": epoch])
    #expect(result.status <= 1, "\(result.stderr)")
    return try XlsxReadBack(url: book)
  }

  /// Every text cell of a sheet.
  static func texts(_ cells: [String: ReadCell]) -> [String] { cells.values.compactMap(\.text) }

  // MARK: - Point 14: the phase workbook

  @Test func phaseColumnsAreNumberedLikeTheSettlementForm() throws {
    let phase = try Self.phase(epoch: Self.july2025).cells(sheet: "Toàn giai đoạn")
    // Row 8 is the numbering row: letters for the text columns, then 1, 2, … for the figures.
    #expect(
      ["A8", "B8", "C8", "D8", "E8", "F8", "G8", "H8", "I8", "J8"].map { phase[$0]?.text } == [
        "A", "B", "1", "2", "3", "4", "5", "6", "7", "8=1+2+7-4-5-6",
      ])
    #expect(phase["J9"]?.formula == "C9+D9+I9-F9-G9-H9")
  }

  @Test func phaseDateLineIsTheYearTheReportIsMadeInNeverBeforeTheLastPayment() throws {
    func dateLine(_ book: XlsxReadBack) throws -> String? {
      Self.texts(try book.cells(sheet: "Toàn giai đoạn")).first { $0.contains("ngày ..... tháng") }
    }
    // Made in July 2025, when the district ended (its last payment 22/06/2025): signed in 2025.
    let july = try Self.phase(epoch: Self.july2025)
    #expect(try dateLine(july) == "Chiêm Hóa, ngày ..... tháng ..... năm 2025")
    #expect(
      Self.texts(try july.cells(sheet: "Toàn giai đoạn")).contains {
        $0.hasSuffix("khoản chi cuối cùng ngày 22/06/2025")
      })
    // Every year's sheet of the phase report carries the same date line.
    for year in 2021...2025 {
      #expect(
        Self.texts(try july.cells(sheet: "Năm \(year)")).contains(
          "Chiêm Hóa, ngày ..... tháng ..... năm 2025"))
    }
    // Made the next spring: 2026.
    #expect(
      try dateLine(try Self.phase(epoch: Self.march2026)) == "Chiêm Hóa, ngày ..... tháng ..... năm 2026")
  }

  @Test func phaseWorkbookPrintsNoProgramWordsAndNeverAddsDifferentYearsCarryOvers() throws {
    let book = try Self.phase(epoch: Self.july2025)
    #expect(try book.sharedStrings().allSatisfy { !$0.contains("kinhphi") })
    let chain = try book.cells(sheet: "Đối chiếu chuyển nguồn")
    // One subtotal per pair of years, no grand total across years.
    #expect(!Self.texts(chain).contains("TỔNG CỘNG"))
    #expect(chain["B9"]?.text == "Năm 2021 chuyển sang năm 2022")
    #expect(chain["C9"]?.formula == "SUM(C10:C11)")
    #expect([chain["C9"]?.value, chain["D9"]?.value, chain["E9"]?.value] == ["87000000", "87000000", "0"])
    #expect(chain["B12"]?.text == "Năm 2022 chuyển sang năm 2023")
    #expect(chain["C12"]?.value == "175980000")
    #expect(
      ["A8", "B8", "C8", "D8", "E8", "F8"].map { chain[$0]?.text } == ["A", "B", "1", "2", "3=2-1", "C"])
    let differences = chain.filter { $0.key.hasPrefix("E") && $0.value.formula != nil }.map(\.value.value)
    #expect(differences.count == 14 && differences.allSatisfy { $0 == "0" })
    // The table is at least as wide as the header block: issuer and motto are never clipped.
    let widths = try book.sheet(named: "Đối chiếu chuyển nguồn").all("col").compactMap {
      $0.attributes["width"].flatMap(Double.init)
    }
    #expect(widths.reduce(0, +) >= 120)
    // Each of the three signers spans two columns (the first one is not squeezed into STT).
    #expect(
      try book.mergedRanges(sheet: "Đối chiếu chuyển nguồn").contains {
        $0.hasPrefix("A") && $0.contains(":B")
      })
  }

  // MARK: - Point 17: consolidation

  @Test func consolidationSaysHopNhatAndLeadsWithNames() throws {
    let out = try CLIRunner.temporaryDirectory().appendingPathComponent("hop-nhat.xlsx")
    let units = ["vhtt", "xa-hung-my", "xa-kim-binh"].map { CLIRunner.sample("chiem-hoa-units/" + $0) }
    let result = try CLIRunner.run(
      ["consolidate", CLIRunner.sample("chiem-hoa")] + units + ["--year", "2023", "-o", out.path],
      environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    #expect(result.status == 1, "\(result.stderr)")
    let book = try XlsxReadBack(url: out)
    #expect(
      try book.cells(sheet: "Tổng hợp")["A4"]?.text
        == "BÁO CÁO QUYẾT TOÁN HỢP NHẤT KINH PHÍ THỰC HIỆN DỰ ÁN 10 NĂM 2023")
    // Reconciliation: the unit's name first, the folder last.
    let reconciliation = try book.cells(sheet: "Đối chiếu")
    #expect(reconciliation["B7"]?.text == "Đơn vị" && reconciliation["I7"]?.text == "Thư mục số liệu")
    #expect(reconciliation["B9"]?.text == "Phòng Văn hóa và Thông tin")
    #expect(reconciliation["I9"]?.text == "vhtt")
    #expect(reconciliation["F12"]?.value == "-5000000" && reconciliation["F12"]?.formula == "E12-D12")
    // Differences: the allocation kind in words, names, the file rows last.
    let differences = try book.cells(sheet: "Chênh lệch dự toán")
    #expect(differences["B9"]?.text == "UBND xã Kim Bình")
    #expect(differences["E9"]?.text == "Dự toán giao đầu năm")
    #expect(differences["L9"]?.formula == "K9-J9" && differences["L9"]?.value == "-5000000")
    #expect(differences["N9"]?.text == "xa-kim-binh/allocations.xlsx!allocations:7")
    #expect(!Self.texts(differences).contains("initial"))
    // A unit's sheet leads with what an officer reads; the id and the file row come last.
    let unitSheet = try book.cells(sheet: "ĐV XA_HUNGMY")
    let headings = unitSheet.filter { $0.key.hasSuffix("7") && $0.key.count == 2 }
      .sorted { $0.key < $1.key }.compactMap(\.value.text)
    #expect(headings.first == "Số chứng từ")
    #expect(headings.suffix(2) == ["Mã", "Tệp, dòng của đơn vị"])
    #expect(!headings.contains("Đơn vị thực hiện"))
  }

  // MARK: - Point 19: the handover record

  @Test func handoverIsARealRecordSignedByEveryReceivingUnit() throws {
    let folder = try CLIRunner.temporaryDirectory()
    let book = folder.appendingPathComponent("ban-giao.xlsx")
    let result = try CLIRunner.run([
      "handover", CLIRunner.sample("chiem-hoa"), "--date", "2025-06-30", "--map",
      CLIRunner.sample("chiem-hoa/successors.yaml"), "-o", book.path, "--rows",
      folder.appendingPathComponent("mo-so.csv").path,
    ])
    #expect(result.status <= 1, "\(result.stderr)")
    let read = try XlsxReadBack(url: book)
    #expect(try read.sheetNames() == ["Biên bản", "Bàn giao số dư", "Theo đơn vị nhận"])
    let record = try read.cells(sheet: "Biên bản")
    let texts = Self.texts(record)
    // The opening: grounds (the map's decision), time and place to fill in, both sides.
    #expect(texts.contains { $0.hasPrefix("Căn cứ Quyết định số ....../QĐ-UBND ngày") })
    #expect(texts.contains { $0.hasPrefix("Hôm nay, ngày ..... tháng ..... năm 2025, tại") })
    #expect(texts.contains("I. BÊN GIAO: UBND huyện Chiêm Hóa") && texts.contains("II. BÊN NHẬN:"))
    #expect(
      texts.contains { $0.hasPrefix("Các đơn vị bàn giao số dư: Phòng Dân tộc; Phòng Văn hóa và Thông tin;") }
    )
    // Nine receiving units, each named in the list and with its own signature block.
    let receivers = [
      "Báo và Phát thanh, Truyền hình Tuyên Quang", "Ủy ban MTTQ Việt Nam tỉnh", "Sở Dân tộc và Tôn giáo",
      "Sở Tư pháp", "UBND xã Chiêm Hóa", "UBND xã Hòa An", "UBND xã Kim Bình", "UBND xã Minh Quang",
      "UBND xã Yên Lập",
    ]
    for (index, name) in receivers.enumerated() {
      #expect(texts.contains("\(index + 1). \(name)"), "\(name)")
      #expect(texts.contains(name.uppercased()), "\(name)")
    }
    #expect(texts.filter { $0 == "(Ký, ghi rõ họ tên, đóng dấu)" }.count == 10)
    #expect(texts.contains("ĐẠI DIỆN BÊN GIAO") && texts.contains("ĐẠI DIỆN BÊN NHẬN"))
    // What each receives, with a total that is the engine's figure.
    let total = record.first { $0.value.formula?.hasPrefix("SUM(") == true }
    #expect(total?.value.value == "571800000")
    // Printed on A4 portrait, one page wide, the whole record.
    let sheet = try read.sheet(named: "Biên bản")
    #expect(sheet.first("pageSetup")?.attributes["orientation"] == "portrait")
    #expect(
      try read.definedNames().contains {
        $0.name == "_xlnm.Print_Area" && $0.localSheetId == "0" && $0.formula.hasPrefix("'Biên bản'!$A$1:$F$")
      })
    // Row kinds in words, never the file's codes.
    let strings = try read.sharedStrings()
    #expect(!strings.contains { $0.contains("carry_in") || $0.contains("supplement") })
    let receipts = Self.texts(try read.cells(sheet: "Theo đơn vị nhận"))
    #expect(receipts.contains("Kinh phí chuyển nguồn năm trước sang") && receipts.contains("Dự toán bổ sung"))
    // The schedules are annexes signed by whoever drew them up and the handing side.
    let annex = Self.texts(try read.cells(sheet: "Bàn giao số dư"))
    #expect(annex.contains("Kèm theo Biên bản bàn giao số dư ngày 30/06/2025"))
    #expect(annex.contains("ĐẠI DIỆN BÊN GIAO") && !annex.contains("ĐẠI DIỆN BÊN NHẬN"))
  }
}

import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing
import XlsxReadBack

@testable import SettlementReports

/// Writes settlement workbooks and reads them back: sheets, headings, merges, every number, every
/// formula's text and cached value — and that each cached value is what the formula computes.
@Suite struct SettlementWorkbookTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let created = Date(timeIntervalSince1970: 1_704_164_645)  // 2024-01-02T03:04:05Z

  static func write(
    workspace: String, year: Int, scale: DisplayScale = .dong, allFindings: Bool = false, to url: URL
  ) throws -> XlsxReadBack {
    let ledger = try WorkspaceReader.read(
      directory: root.appendingPathComponent("SampleData/" + workspace).path)
    let analysis = Engine.analyze(ledger)
    let template = try TemplateReader.read(
      path: root.appendingPathComponent("Templates/quyet-toan.yaml").path)
    var workbook = SettlementWorkbook(
      settlement: analysis.settlement(year: year), plan: ledger.plan, template: template,
      settings: WorkbookSettings(scale: scale, created: created))
    workbook.allFindings = allFindings
    try workbook.write(to: url.path)
    return try XlsxReadBack(url: url)
  }

  static func temporaryFile(_ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name)
  }

  /// features/carry-over, 2022 (hand-computed in SampleData/README.md):
  ///   TW·PANO·PDT     carried_in 40.000.000 + allocated 100.000.000 = 140.000.000; spent 30.000.000;
  ///                   unspent 10.000.000 (origin 2021) + 100.000.000 (2022), both carried (TW: 2 years).
  ///   KHAC·HOINGHI·PDT allocated 10.000.000; spent 4.000.000; 6.000.000 cancelled (KHAC: 0 years).
  ///   Total: available 150.000.000 = settled 34.000.000 + carry_over 110.000.000 + cancelled 6.000.000.
  @Test func summarySheetHoldsTheHandComputedFigures() throws {
    let book = try Self.write(
      workspace: "features/carry-over", year: 2022, to: try Self.temporaryFile("qt.xlsx"))
    #expect(
      try book.sheetNames() == [
        "Tổng hợp", "Theo nội dung", "Theo đơn vị", "Chi tiết chi", "Kiểm tra", "Chuyển nguồn", "Biểu đồ",
      ])
    let cells = try book.cells(sheet: "Tổng hợp")
    // Header block and title.
    #expect(cells["A1"]?.text == "UBND HUYỆN CHIÊM HÓA")
    #expect(cells["F1"]?.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    #expect(cells["F2"]?.text == "Độc lập - Tự do - Hạnh phúc")
    #expect(cells["A4"]?.text == "BÁO CÁO QUYẾT TOÁN KINH PHÍ THỰC HIỆN DỰ ÁN 10 NĂM 2022")
    #expect(cells["I6"]?.text == "Đơn vị tính: đồng")
    let merges = try book.mergedRanges(sheet: "Tổng hợp")
    for range in ["A1:E1", "A2:E2", "F1:K1", "F2:K2", "A4:K4", "A5:K5", "I6:K6"] {
      #expect(merges.contains(range), "\(range) in \(merges)")
    }
    // Headings as officers know them, and the numbering row.
    #expect(
      ["A7", "B7", "C7", "D7", "E7", "F7", "G7", "H7", "I7", "J7", "K7"].map { cells[$0]?.text } == [
        "STT", "Nội dung", "Số dư kinh phí năm trước chuyển sang", "Dự toán giao trong năm",
        "Tổng số được sử dụng", "Giải ngân (thực chi)", "Kinh phí đề nghị quyết toán",
        "Chuyển nguồn sang năm sau", "Dự toán bị hủy",
        "Kiểm tra (phải bằng 0)", "Ghi chú",
      ])
    #expect(cells["E8"]?.text == "3=1+2")
    #expect(cells["J8"]?.text == "8=3-5-6-7")
    // Row 9: the total; 10: I. central; 11: TW; 12: V. other; 13: KHAC.
    #expect(cells["B9"]?.text == "TỔNG CỘNG")
    #expect(cells["A10"]?.text == "I")
    #expect(cells["B11"]?.text == "Ngân sách trung ương - CTMTQG DTTS&MN (TW)")
    #expect(cells["B12"]?.text == "Nguồn huy động hợp pháp khác")
    #expect(cells["B13"]?.text == "Nguồn huy động hợp pháp khác (KHAC)")
    #expect(cells["C9"]?.formula == "SUM(C10,C12)")
    #expect(cells["C9"]?.value == "40000000")
    #expect(cells["E9"]?.formula == "C9+D9")
    #expect(cells["E9"]?.value == "150000000")
    #expect(cells["F9"]?.value == "34000000")
    #expect(cells["G9"]?.value == "34000000")
    #expect(cells["H9"]?.value == "110000000")
    #expect(cells["I9"]?.value == "6000000")
    #expect(cells["J9"]?.formula == "E9-G9-H9-I9")
    #expect(cells["J9"]?.value == "0")
    // Detail rows hold exact integers, no formula (except the row identities).
    #expect(cells["C11"]?.formula == nil)
    #expect(cells["C11"]?.value == "40000000")
    #expect(cells["D11"]?.value == "100000000")
    #expect(cells["E11"]?.formula == "C11+D11")
    #expect(cells["E11"]?.value == "140000000")
    #expect(cells["I13"]?.value == "6000000")
    // Signature block after the table: the district office's report, signed by its head; the
    // number line under the office and the form number on the right, in the row above the title.
    let texts = cells.values.compactMap(\.text)
    for signer in ["NGƯỜI LẬP BIỂU", "TRƯỞNG PHÒNG"] {
      #expect(texts.contains(signer))
    }
    #expect(!texts.contains("KẾ TOÁN TRƯỞNG"))
    #expect(cells["A3"]?.text == "Số: ........./BC-TCKH")
    #expect(cells["F3"]?.text == "Biểu số 01")
    #expect(texts.contains { $0.hasPrefix("Chiêm Hóa, ngày ..... tháng ..... năm 2023") })
  }

  @Test func carryOverAndDetailSheetsListEveryPortionAndPayment() throws {
    let book = try Self.write(
      workspace: "features/carry-over", year: 2023, to: try Self.temporaryFile("qt.xlsx"))
    let schedule = try book.cells(sheet: "Chuyển nguồn")
    // 2023: origin 2021 → 5.000.000 cancelled; 2022 → 100.000.000 and 2023 → 50.000.000 carried.
    #expect(["E9", "E10", "E11"].map { schedule[$0]?.value } == ["2021", "2022", "2023"])
    #expect(["F9", "F10", "F11"].map { schedule[$0]?.value } == ["2023", "2024", "2025"])
    #expect(["H9", "H10", "H11"].map { schedule[$0]?.value } == ["0", "100000000", "50000000"])
    // Without advances the carry-over is all undrawn (số dư dự toán), no advance balance, nothing to
    // pay back.
    #expect(["I9", "I10", "I11"].map { schedule[$0]?.value } == ["0", "100000000", "50000000"])
    #expect(["J9", "J10", "J11"].map { schedule[$0]?.value } == ["0", "0", "0"])
    #expect(["K9", "K10", "K11"].map { schedule[$0]?.value } == ["5000000", "0", "0"])
    #expect(["L9", "L10", "L11"].map { schedule[$0]?.value } == ["0", "0", "0"])
    #expect(schedule["I12"]?.formula == "SUM(I9:I11)")
    #expect(schedule["H12"]?.formula == "SUM(H9:H11)")
    #expect(schedule["H12"]?.value == "150000000")
    let detail = try book.cells(sheet: "Chi tiết chi")
    #expect(detail["A9"]?.text == "s3")
    #expect(detail["C9"]?.value == "45056")  // 10/05/2023 as an Excel date serial
    #expect(detail["I9"]?.value == "5000000")
    #expect(detail["I10"]?.formula == "SUM(I9:I9)")
    let sheet = try book.sheet(named: "Chi tiết chi")
    #expect(sheet.first("autoFilter")?.attributes["ref"] == "A7:I9")
    #expect(sheet.first("pane")?.attributes["topLeftCell"] == "A9")
  }

  @Test func everyCachedValueIsWhatItsFormulaComputes() throws {
    for (workspace, year) in [("chiem-hoa", 2022), ("chiem-hoa", 2023), ("features/carry-over", 2023)] {
      let book = try Self.write(workspace: workspace, year: year, to: try Self.temporaryFile("qt.xlsx"))
      let evaluator = try FormulaEvaluator(book)
      var formulas = 0
      for sheet in try book.sheetNames() {
        for (reference, cell) in try book.cells(sheet: sheet) {
          guard let formula = cell.formula else { continue }
          formulas += 1
          // A share on the chart sheet (`C9/B9`): the quotient of two whole amounts.
          let parts = formula.split(separator: "/")
          if parts.count == 2 {
            let share =
              Double(try evaluator.evaluate(String(parts[0]), onSheet: sheet))
              / Double(try evaluator.evaluate(String(parts[1]), onSheet: sheet))
            // Stored with 16 significant digits: a display value, not money.
            #expect(
              abs((Double(cell.value ?? "") ?? -1) - share) < 1e-12, "\(sheet)!\(reference): \(formula)")
            continue
          }
          let computed = try evaluator.evaluate(formula, onSheet: sheet)
          #expect(String(computed) == cell.value, "\(workspace) \(year) \(sheet)!\(reference): \(formula)")
        }
      }
      #expect(formulas > 20)
      // The identity checks on the Kiểm tra sheet all show 0.
      let checks = try book.cells(sheet: "Kiểm tra").filter { $0.value.formula?.contains("!") == true }
      #expect(checks.count == 8)
      #expect(checks.allSatisfy { $0.value.value == "0" })
    }
  }

  @Test func findingsSheetListsErrorsFirstWithTheirRows() throws {
    let book = try Self.write(workspace: "chiem-hoa", year: 2023, to: try Self.temporaryFile("qt.xlsx"))
    let cells = try book.cells(sheet: "Kiểm tra")
    #expect(cells["B9"]?.text == "Lỗi")
    #expect(cells["C9"]?.text == "Chi vượt dự toán")
    #expect(cells["D9"]?.text?.hasPrefix("Chi vượt dự toán 3.250.000 đồng") == true)
    #expect(cells["E9"]?.value == "3250000")
    #expect(cells["F9"]?.text == "TW · MOHINH · XA_KIMBINH")
    #expect(cells["G9"]?.text == "OVERSPEND")
    #expect(cells["C11"]?.text == "Có thể chi trùng")
    #expect(cells["G11"]?.text == "POSSIBLE_DUPLICATE")
    #expect(cells["H11"]?.text == "spending.csv:390")
    let sheet = try book.sheet(named: "Kiểm tra")
    #expect(sheet.all("cfRule").count >= 3)  // errors, warnings, and non-zero identity checks
  }

  /// Info findings are one row per code by default (count in words, total in the amount column),
  /// every one with `allFindings`; errors and warnings are always listed in full.
  @Test func infoFindingsAreOneRowPerCodeUnlessAskedForInFull() throws {
    let ledger = try WorkspaceReader.read(
      directory: Self.root.appendingPathComponent("SampleData/chiem-hoa").path)
    let findings = Engine.analyze(ledger).settlement(year: 2023).findings
    let unspent = findings.filter { $0.code == .unspent }
    let others = findings.count - unspent.count
    #expect(unspent.count > 1 && others > 0)
    let total = unspent.compactMap(\.amount).reduce(0) { $0 + $1.dong }

    func rows(_ book: XlsxReadBack) throws -> [[String: String]] {
      let cells = try book.cells(sheet: "Kiểm tra")
      return (9..<200).compactMap { row in
        guard let code = cells["G\(row)"]?.text, !code.isEmpty else { return nil }
        return [
          "code": code, "stt": cells["A\(row)"]?.text ?? "", "severity": cells["B\(row)"]?.text ?? "",
          "message": cells["D\(row)"]?.text ?? "", "amount": cells["E\(row)"]?.value ?? "",
        ]
      }
    }
    let summary = try rows(
      Self.write(workspace: "chiem-hoa", year: 2023, to: try Self.temporaryFile("s.xlsx")))
    #expect(summary.count == others + 1)
    let row = try #require(summary.last)
    #expect(row["code"] == "UNSPENT")
    #expect(row["severity"] == "Thông tin")
    #expect(row["stt"] == String(others + 1))
    #expect(row["amount"] == String(total))
    #expect(row["message"]?.hasPrefix("\(unspent.count) phát hiện cùng mã, gộp thành một dòng") == true)

    let full = try rows(
      Self.write(workspace: "chiem-hoa", year: 2023, allFindings: true, to: try Self.temporaryFile("f.xlsx")))
    #expect(full.count == findings.count)
    #expect(full.filter { $0["code"] == "UNSPENT" }.count == unspent.count)
    #expect(Array(full.prefix(others)) == Array(summary.prefix(others)))
  }

  @Test func displayScaleChangesTheFormatNotTheValues() throws {
    let dong = try Self.write(workspace: "chiem-hoa", year: 2022, to: try Self.temporaryFile("a.xlsx"))
    let trieu = try Self.write(
      workspace: "chiem-hoa", year: 2022, scale: .trieu, to: try Self.temporaryFile("b.xlsx"))
    let dongCells = try dong.cells(sheet: "Tổng hợp")
    let trieuCells = try trieu.cells(sheet: "Tổng hợp")
    #expect(dongCells["E9"]?.value == "1963000000")
    #expect(trieuCells["E9"]?.value == "1963000000")
    #expect(trieuCells["I6"]?.text == "Đơn vị tính: triệu đồng")
    let styles = try trieu.text("xl/styles.xml")
    #expect(styles.contains("formatCode=\"#,##0.000,,;-#,##0.000,,;&quot;-&quot;\""))
  }

  @Test func printSetupIsA4LandscapeOnePageWideWithRepeatedHeadings() throws {
    let book = try Self.write(workspace: "chiem-hoa", year: 2022, to: try Self.temporaryFile("qt.xlsx"))
    let sheet = try book.sheet(named: "Theo nội dung")
    let page = try #require(sheet.first("pageSetup"))
    #expect(page.attributes["paperSize"] == "9")
    #expect(page.attributes["orientation"] == "landscape")
    #expect(page.attributes["fitToWidth"] == nil || page.attributes["fitToWidth"] == "1")
    #expect(page.attributes["fitToHeight"] == "0")
    let names = try book.definedNames()
    #expect(names.contains { $0.name == "_xlnm.Print_Titles" && $0.formula == "'Theo nội dung'!$7:$8" })
    let styles = try book.text("xl/styles.xml")
    #expect(styles.contains("Times New Roman"))
    #expect(try book.createdDate() == "2024-01-02T03:04:05Z")
  }
}

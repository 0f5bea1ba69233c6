import Foundation
import Testing
import XlsxReadBack

/// `kinhphi settle` writing the workbook, end to end on SampleData/chiem-hoa.
@Suite struct SettleWorkbookTests {
  @Test(arguments: [2022, 2023])
  func writesTheSettlementWorkbookForEveryYear(year: Int) throws {
    let folder = try CLIRunner.temporaryDirectory()
    let path = folder.appendingPathComponent("qt-\(year).xlsx")
    let result = try CLIRunner.run([
      "settle", CLIRunner.sample("chiem-hoa"), "--year", String(year), "-o", path.path,
    ])
    // 2023 has an error finding: the workbook is written and the status is 1 (README, "Exit status").
    #expect(result.status == (year == 2023 ? 1 : 0), "\(result.stderr)")
    #expect(result.stdout.contains("Đã ghi"))
    let book = try XlsxReadBack(url: path)
    #expect(
      try book.sheetNames() == [
        "Tổng hợp", "Theo nội dung", "Theo đơn vị", "Chi tiết chi", "Kiểm tra", "Chuyển nguồn", "Biểu đồ",
      ])
    let summary = try book.cells(sheet: "Tổng hợp")
    // SampleData/chiem-hoa/EXPECTED.md: available 1.963.000.000 (2022), 1.972.980.000 (2023).
    #expect(summary["E9"]?.value == (year == 2022 ? "1963000000" : "1972980000"))
    #expect(summary["A4"]?.text?.hasSuffix("NĂM \(year)") == true)
    // Only the workbook is left in the folder: the temporary file was renamed.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: path.deletingLastPathComponent().path) == [
        "qt-\(year).xlsx"
      ])
  }

  @Test func defaultOutputNameAndFixedDocumentDate() throws {
    let folder = try CLIRunner.temporaryDirectory()
    let first = try CLIRunner.run(
      [
        "settle", CLIRunner.sample("features/clean"), "--year", "2023", "--template",
        CLIRunner.packageRoot.appendingPathComponent("Templates/quyet-toan.yaml").path,
      ],
      in: folder, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    #expect(first.status == 0, "\(first.stderr)")
    let written = folder.appendingPathComponent("quyet-toan-2023.xlsx")
    let bytes = try Data(contentsOf: written)
    let second = try CLIRunner.run(
      [
        "settle", CLIRunner.sample("features/clean"), "--year", "2023", "--template",
        CLIRunner.packageRoot.appendingPathComponent("Templates/quyet-toan.yaml").path,
      ],
      in: folder, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    #expect(second.status == 0)
    #expect(try Data(contentsOf: written) == bytes)  // reproducible
    #expect(try XlsxReadBack(url: written).createdDate() == "2023-11-14T22:13:20Z")
  }

  @Test func aBrokenTemplateIsAnInputErrorAndNothingIsWritten() throws {
    let folder = try CLIRunner.temporaryDirectory()
    let template = folder.appendingPathComponent("mau.yaml")
    let original = try String(
      contentsOf: CLIRunner.packageRoot.appendingPathComponent("Templates/quyet-toan.yaml"), encoding: .utf8)
    try original.replacingOccurrences(of: "  font_size: 12", with: "  font_size: big")
      .write(to: template, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("qt.xlsx")
    let result = try CLIRunner.run([
      "settle", CLIRunner.sample("chiem-hoa"), "--year", "2022", "--template", template.path, "-o",
      output.path,
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("mau.yaml:"))
    #expect(result.stderr.contains("6 đến 36"))
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }

  @Test func aFailedWriteKeepsThePreviousWorkbook() throws {
    let folder = try CLIRunner.temporaryDirectory()
    let output = folder.appendingPathComponent("qt.xlsx")
    try Data("previous".utf8).write(to: output)
    // A path whose folder is a file cannot be written: exit 2, the previous file untouched.
    let blocked = folder.appendingPathComponent("qt.xlsx/inner.xlsx")
    let result = try CLIRunner.run([
      "settle", CLIRunner.sample("chiem-hoa"), "--year", "2022", "-o", blocked.path,
    ])
    #expect(result.status == 2)
    #expect(try Data(contentsOf: output) == Data("previous".utf8))
  }
}

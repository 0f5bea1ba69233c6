import Foundation
import Testing
import XlsxReadBack

/// `kinhphi progress`: the terminal report, the JSON and the refusals of bad dates.
@Suite struct ProgressCommandTests {
  static let workspace = CLIRunner.sample("chiem-hoa")

  @Test func terminalReportAsOfJune30() throws {
    let result = try CLIRunner.run(["progress", Self.workspace, "--as-of", "30/06/2023"])
    #expect(result.status == 0)
    let out = result.stdout
    #expect(
      out.contains("Tiến độ giải ngân năm 2023 đến hết ngày 30/06/2023 (cùng kỳ năm trước: 30/06/2022)"))
    #expect(
      out.contains(
        "TỔNG CỘNG                       1.972.980.000   862.958.000  43,74 %  1.110.022.000           267.020.000        13,60 %"
      ))
    #expect(out.contains("Đơn vị chậm so với tiến độ (15)"))
    #expect(
      out.contains(
        "1  UBND xã Bình Phú (XA_BINHPHU)        43.000.000             0   0,00 %   17.200.000  17.200.000"))
    #expect(out.contains("Tổng cộng  1.972.980.000     1.368.559.909   603.252.687       1.167.404"))
    #expect(out.contains("GNBV · PTTH · TTVH            2022    3.000.000       1.200.000               0"))
    #expect(
      out.contains("Không tính 131 khoản chi của năm 2023 ghi ngày sau 30/06/2023 (1.045.694.000 đồng)."))
  }

  @Test func byUnitInEnglish() throws {
    let result = try CLIRunner.run([
      "progress", Self.workspace, "--as-of", "2023-09-30", "--by", "unit", "--lang", "en",
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("By unit"))
    #expect(result.stdout.contains("Units behind the pace (16), by the amount behind"))
    #expect(result.stdout.contains("TOTAL"))
    #expect(result.stdout.contains("1,379,808,000"))
    #expect(result.stdout.contains("69.94%"))
    #expect(
      result.stdout.contains("Not counted: 64 payments of 2023 dated after 30/09/2023 (528,844,000 VND)."))
  }

  @Test func jsonHoldsTheFigures() throws {
    let folder = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("tien-do.json").path
    let result = try CLIRunner.run(["progress", Self.workspace, "--as-of", "30/09/2023", "--json", path])
    #expect(result.status == 0)
    let data = try #require(FileManager.default.contents(atPath: path))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(root["as_of"] as? String == "2023-09-30")
    #expect(root["expected_share"] as? Int == 7000)
    let totals = try #require(root["totals"] as? [String: Any])
    #expect(totals["disbursed"] as? Int == 1_379_808_000)
    #expect(totals["rate"] as? Int == 6994)
    #expect(totals["previous_rate"] as? Int == 5195)
    let projection = try #require(root["projection"] as? [String: Any])
    #expect(projection["spent"] as? Int == 1_673_384_568)
    #expect(projection["carry_over"] as? Int == 294_130_046)
    #expect(projection["cancelled"] as? Int == 8_715_386)
    let lagging = try #require(root["lagging_units"] as? [[String: Any]])
    #expect(lagging.count == 16)
    #expect(
      lagging.first?["unit"] as? String == "XA_BINHPHU" && lagging.first?["behind"] as? Int == 22_650_000)
    let monthly = try #require(root["monthly"] as? [[String: Any]])
    let total = try #require(monthly.last)
    #expect(total["source"] as? String == "*")
    #expect((total["cumulative"] as? [Int])?.count == 9)
    #expect((total["cumulative"] as? [Int])?.last == 1_379_808_000)
    #expect((total["previous_cumulative"] as? [Int])?.count == 12)
    let after = try #require(root["payments_after_as_of"] as? [String: Any])
    #expect(after["count"] as? Int == 64)
  }

  @Test func workbookAndOnePerUnit() throws {
    let folder = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let workbook = folder.appendingPathComponent("tien-do.xlsx").path
    let units = folder.appendingPathComponent("don-vi").path
    let result = try CLIRunner.run([
      "progress", Self.workspace, "--as-of", "30/06/2023", "--by", "unit", "-o", workbook, "--per-unit",
      units,
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Đã ghi \(workbook)"))
    #expect(result.stdout.contains("Đã ghi 32 bảng tính (một bảng cho mỗi đơn vị) vào \(units)"))
    let book = try XlsxReadBack(url: URL(fileURLWithPath: workbook))
    #expect(try book.sheetNames().first == "Theo đơn vị")
    #expect(try book.cells(sheet: "Theo nguồn")["D9"]?.value == "862958000")
    let files = try FileManager.default.contentsOfDirectory(atPath: units).sorted()
    #expect(files.count == 32)
    #expect(files.contains("tien-do-2023-06-30-XA_NHANLY.xlsx"))
    let unit = try XlsxReadBack(url: URL(fileURLWithPath: units + "/tien-do-2023-06-30-XA_NHANLY.xlsx"))
    let cells = try unit.cells(sheet: "Theo nguồn")
    #expect(cells["A2"]?.text == "UBND XÃ NHÂN LÝ")
    #expect(cells["C9"]?.value == "43650000" && cells["D9"]?.value == "3137000")
  }

  @Test func aBrokenTemplateStopsTheRunBeforeAnyWork() throws {
    let folder = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let template = folder.appendingPathComponent("mau.yaml")
    try "document: {}\nsheets: []\n".write(to: template, atomically: true, encoding: .utf8)
    let workbook = folder.appendingPathComponent("tien-do.xlsx").path
    let result = try CLIRunner.run([
      "progress", Self.workspace, "--as-of", "30/06/2023", "-o", workbook, "--template", template.path,
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("mau.yaml"))
    #expect(!FileManager.default.fileExists(atPath: workbook))
  }

  @Test(arguments: [
    ("31/02/2023", "no such day in the calendar"),
    ("2023/06/30", "is not a date"),
    ("06/30/2023", "no such day in the calendar"),
    ("hôm nay", "is not a date"),
    ("30/06/2030", "2030 is outside the plan 2021–2025"),
  ])
  func aBadDateIsRefusedWithNothingWritten(date: String, reason: String) throws {
    let folder = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("tien-do.json").path
    let result = try CLIRunner.run(["progress", Self.workspace, "--as-of", date, "--json", path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("--as-of"))
    #expect(result.stderr.contains(reason))
    // Both languages.
    #expect(result.stderr.contains("không") || result.stderr.contains("nằm ngoài"))
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }
}

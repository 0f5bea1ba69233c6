import BudgetCore
import Foundation
import Testing
import XlsxReadBack

@testable import KinhphiWeb

/// What-if, year-end close and the per-unit workbooks: through the application layer, as the CLI.
@Suite struct AppActionRouteTests {
  @Test func aWorkspaceScenarioShowsChangedAndBrokenLinesAndWritesNothing() async throws {
    let workspace = try sampleWorkspace()
    let before = try Data(contentsOf: URL(fileURLWithPath: workspace + "/allocations.csv"))
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      let form = try await browser.get("/whatif").text
      #expect(form.contains("<option value=\"tinh-giam-30.yaml\">"))
      let page = try await browser.post("/whatif", fields: ["file": "tinh-giam-30.yaml"])
      #expect(page.status == .ok)
      let html = page.text
      #expect(html.contains("Tỉnh giảm 30% đối ứng"))
      // The 2023 TINH lines lose 30 %: 50.000.000 allocated becomes 35.000.000 in all.
      let changed = try #require(
        html.range(of: "id=\"changed-lines\"").map { String(html[$0.upperBound...]) })
      #expect(changed.contains("TINH"))
      let broken = try #require(html.range(of: "id=\"broken-lines\"").map { String(html[$0.upperBound...]) })
      #expect(
        broken.contains("data-code=\"COUNTERPART_SHORT\"") || broken.contains("data-code=\"OVERSPEND\""))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: workspace + "/allocations.csv")) == before)
  }

  @Test func aPastedScenarioWithAnErrorIsLocated() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      _ = try await browser.get("/whatif")
      let text =
        "scenario:\n  name: x\n  year: 2023\noperations:\n  - scale: {source: KHONGCO, percent: -30}\n"
      let page = try await browser.post("/whatif", fields: ["file": "", "text": text])
      #expect(page.status == .unprocessableContent)
      #expect(page.text.contains("kich-ban.yaml:5"))
      #expect(page.text.contains("KHONGCO"))
    }
  }

  @Test func onlyListedScenarioFilesAreOpened() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      _ = try await browser.get("/whatif")
      let token = try #require(browser.csrfToken)
      for name in ["../plan.yaml", "/etc/passwd", "plan.yaml", "scenarios/tinh-giam-30.yaml"] {
        let page = try await browser.post("/whatif", fields: ["file": name], token: token)
        #expect(page.status == .notFound, "\(name)")
      }
    }
  }

  @Test func theComparisonWorkbookDownloads() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    let data = try await withPage(options) { browser in
      _ = try await browser.get("/whatif")
      let page = try await browser.post("/whatif/workbook", fields: ["file": "tinh-giam-30.yaml"])
      #expect(page.status == .ok)
      #expect(page.headers[.contentDisposition] == "attachment; filename=\"so-sanh-2023.xlsx\"")
      return Data(page.body.readableBytesView)
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString).xlsx")
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    #expect(try XlsxReadBack(url: file).sheetNames().count >= 2)
  }

  @Test func aUnitsWorkbookDownloadsWithTheCommandLinesName() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    let data = try await withPage(options) { browser in
      let reports = try await browser.get("/reports?year=2022").text
      #expect(reports.contains("href=\"/download/quyet-toan-2022-VHTT.xlsx\""))
      // The unit list is kept per year and language: the English page gets its own.
      #expect(reports.contains("Bảng tính theo đơn vị") && !reports.contains("Per-unit workbooks"))
      _ = try await browser.get("/lang?to=en&back=%2Freports")
      let english = try await browser.get("/reports?year=2022").text
      #expect(english.contains("Per-unit workbooks") && !english.contains("Bảng tính theo đơn vị"))
      #expect(english.contains("href=\"/download/quyet-toan-2022-VHTT.xlsx\""))
      let page = try await browser.get("/download/quyet-toan-2022-VHTT.xlsx")
      #expect(page.status == .ok)
      #expect(page.headers[.contentDisposition] == "attachment; filename=\"quyet-toan-2022-VHTT.xlsx\"")
      return Data(page.body.readableBytesView)
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString).xlsx")
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    #expect(try XlsxReadBack(url: file).sheetNames().contains("Tổng hợp"))
  }

  @Test func aYearWithErrorsIsRefusedAsByTheCommandLine() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      let page = try await browser.get("/close?year=2023")
      #expect(page.status == .ok)
      #expect(page.text.contains("id=\"close-refused\""))
      #expect(!page.text.contains("id=\"confirm-close\""))
      // The sample's 2023 rows are written already (EXPECTED.md): with --force nothing is left to add.
      let forced = try await browser.get("/close?year=2023&force=1")
      #expect(forced.text.contains("id=\"close-done\""))
    }
  }

  @Test func closingShowsTheRowsAndWritesThemOnlyOnConfirmation() async throws {
    let workspace = try sampleWorkspace()
    let path = workspace + "/allocations.csv"
    // Without its 2023 carry_in rows, 2022 is open again: the close has rows to add.
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
      !($0.hasPrefix("2023,") && $0.contains(",carry_in,"))
    }
    #expect(kept.count < text.split(separator: "\n", omittingEmptySubsequences: false).count)
    try kept.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      let preview = try await browser.get("/close?year=2022")
      #expect(preview.status == .ok)
      #expect(preview.text.contains("id=\"close-rows\""))
      // EXPECTED.md: TW·CSDL·VHTT carries 75.000.000 into 2023, as 56.172.000 số dư dự toán and
      // 18.828.000 số dư tạm ứng (the open advance 2022-0229), two rows.
      #expect(preview.text.contains("56.172.000") && preview.text.contains("18.828.000"))
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
      let id = try #require(pendingID(preview.text))
      let token = try #require(browser.csrfToken)
      // Without the tick box: refused, nothing written.
      let unticked = try await browser.post("/close/confirm", fields: ["id": id], token: token)
      #expect(unticked.status == .badRequest)
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
      let done = try await browser.post("/close/confirm", fields: ["id": id, "confirm": "yes"], token: token)
      #expect(done.status == .ok)
      #expect(done.text.contains("id=\"close-written\""))
      let after = try Data(contentsOf: URL(fileURLWithPath: path))
      #expect(after.count > before.count && after.prefix(before.count) == before)
      let log = try String(contentsOfFile: workspace + "/" + WriteLog.fileName, encoding: .utf8)
      #expect(
        log.contains("\tclose 2022\tallocations.csv\t\(WriteLog.sha256(before))\t\(WriteLog.sha256(after))"))
      // Closed now.
      let again = try await browser.get("/close?year=2022")
      #expect(again.text.contains("id=\"close-done\""))
    }
  }

  @Test func aRecordedRowThatDiffersIsNotCalledClosed() async throws {
    let workspace = try sampleWorkspace()
    let path = workspace + "/allocations.csv"
    // Nothing of 2022 is missing from the sample's 2023 carry_in rows (EXPECTED.md). One of them
    // recorded 1.000.000 short: the recorded row differs, the year is not closed, nothing can be written.
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.components(separatedBy: "\n")
    let index = try #require(lines.firstIndex { $0.hasPrefix("2023,TW,CSDL,VHTT,carry_in,") })
    var fields = lines[index].components(separatedBy: ",")
    fields[5] = String(try #require(Int64(fields[5])) - 1_000_000)
    lines[index] = fields.joined(separator: ",")
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      let page = try await browser.get("/close?year=2022")
      #expect(page.status == .ok)
      #expect(page.text.contains("id=\"close-differs\""))
      #expect(page.text.contains("1 dòng chuyển sang (carry_in) năm 2023 đã ghi khác số chuyển nguồn"))
      #expect(!page.text.contains("id=\"close-done\""))
      #expect(!page.text.contains("id=\"confirm-close\""))
    }
  }
}

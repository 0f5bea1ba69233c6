import BudgetCore
import BudgetIO
import Foundation
import SafeOutput
import Testing
import XlsxReadBack

@testable import KinhphiWeb

/// Reports out and data in: downloads read back, uploads refused with located errors or previewed,
/// confirmed writes under the workspace lock and in the write log.
@Suite struct WriteRouteTests {
  @Test func theSettlementWorkbookDownloadsWithTheCommandLinesNameAndFigures() async throws {
    let workspace = try sampleWorkspace()
    let options = try webOptions(workspace: workspace)
    let data = try await withPage(options) { browser in
      let reports = try await browser.get("/reports?year=2022").text
      #expect(reports.contains("href=\"/download/quyet-toan-2022.xlsx\""))
      let page = try await browser.get("/download/quyet-toan-2022.xlsx")
      #expect(page.status == .ok)
      #expect(page.headers[.contentDisposition] == "attachment; filename=\"quyet-toan-2022.xlsx\"")
      return Data(page.body.readableBytesView)
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString).xlsx")
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let workbook = try XlsxReadBack(url: file)
    #expect(try workbook.sheetNames().contains("Tổng hợp"))
    // The summary's cached values hold the engine's 2022 total: available 1.963.000.000.
    let values = try workbook.cells(sheet: "Tổng hợp").values.compactMap(\.value)
    #expect(values.contains("1963000000"))
    #expect(values.contains("1784520000"))
  }

  @Test func theFormsWorkbookDownloadsWithTheCommandLinesNameAndFigures() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    let data = try await withPage(options) { browser in
      let reports = try await browser.get("/reports?year=2022").text
      #expect(reports.contains("href=\"/download/bao-cao-quyet-toan-2022.xlsx\""))
      let page = try await browser.get("/download/bao-cao-quyet-toan-2022.xlsx")
      #expect(page.status == .ok)
      #expect(page.headers[.contentDisposition] == "attachment; filename=\"bao-cao-quyet-toan-2022.xlsx\"")
      for name in [
        "bao-cao-quyet-toan-1999.xlsx", "bao-cao-quyet-toan-2022.json", "bao-cao-quyet-toan-2022-VHTT.xlsx",
        "bao-cao-quyet-toan-20x2.xlsx", "bao-cao-quyet-toan-2022.xlsx.bak",
      ] {
        let refused = try await browser.get("/download/" + name).status == .notFound
        #expect(refused, "\(name)")
      }
      return Data(page.body.readableBytesView)
    }
    #expect(ReportPages.Download(fileName: "bao-cao-quyet-toan-2022.xlsx") == .forms(year: 2022))
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString).xlsx")
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let workbook = try XlsxReadBack(url: file)
    #expect(try workbook.sheetNames() == ["B01-BCQT", "F01-01-BCQT", "F01-02-BCQT", "Mau 20f"])
    // EXPECTED.md, B01/BCQT 2022: mã số 01 87.000.000, 11 1.963.000.000, 17 1.784.520.000.
    let values = Set(try workbook.cells(sheet: "B01-BCQT").values.compactMap(\.value))
    #expect(values.isSuperset(of: ["87000000", "1963000000", "1784520000"]))
  }

  @Test func theFiguresDownloadAsJSON() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      let page = try await browser.get("/download/quyet-toan-2023.json")
      #expect(page.status == .ok)
      #expect(page.headers[.contentDisposition] == "attachment; filename=\"quyet-toan-2023.json\"")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(page.body.readableBytesView)) as? [String: Any])
      let totals = try #require(json["totals"] as? [String: Any])
      #expect((totals["available"] as? NSNumber)?.int64Value == 1_972_980_000)
    }
  }

  @Test func downloadNamesNeverReachTheFileSystem() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      for name in [
        "plan.yaml", "..%2Fplan.yaml", "quyet-toan-2022.xlsx.bak", "quyet-toan-1999.xlsx",
        "quyet-toan-2022-..xlsx",
        "quyet-toan-2022-%2E%2E.xlsx", "quyet-toan-2022-KHONGCO.xlsx", "quyet-toan-20x2.xlsx", "spending.csv",
      ] {
        let checked1 = try await browser.get("/download/" + name).status == .notFound
        #expect(checked1, "\(name)")
      }
    }
    #expect(ReportPages.Download(fileName: "quyet-toan-2022.xlsx") == .settlement(year: 2022))
    #expect(
      ReportPages.Download(fileName: "quyet-toan-2022-XA_KIMBINH.xlsx")
        == .unit(year: 2022, unit: UnitCode("XA_KIMBINH")))
    #expect(ReportPages.Download(fileName: "quyet-toan-2022-a/b.xlsx") == nil)
    #expect(ReportPages.Download(fileName: "quyet-toan-2022-...xlsx") == nil)
  }

  @Test func aMalformedSheetShowsItsLocatedErrorsAndWritesNothing() async throws {
    let workspace = try sampleWorkspace()
    let before = try Data(contentsOf: URL(fileURLWithPath: workspace + "/spending.csv"))
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      _ = try await browser.get("/import")
      let page = try await browser.upload(
        "/import", fields: ["table": "spending", "mode": "append"], fileField: "file", fileName: "bad.xlsx",
        data: try fixture("import-bad-codes.xlsx"))
      #expect(page.status == .unprocessableContent)
      // TableImportTests: the unknown source in cell D3, the unknown unit in F5, shown as Excel names
      // the cells, and each message leads with its cell.
      #expect(page.text.contains("<span class=\"where\">bad.xlsx · import-bad-codes!D3</span> ô D3: Nguồn"))
      #expect(page.text.contains("<span class=\"where\">bad.xlsx · import-bad-codes!F5</span> ô F5: Đơn vị"))
      #expect(page.text.contains("&#39;TW_X&#39;"))
      #expect(page.text.contains("&#39;XA_KHONGCO&#39;"))
      #expect(!page.text.contains("id=\"confirm-import\""))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: workspace + "/spending.csv")) == before)
    #expect(!FileManager.default.fileExists(atPath: workspace + "/" + WriteLog.fileName))
  }

  @Test func neitherAWorkbookNorACSVFileIsRefused() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      _ = try await browser.get("/import")
      let text = try await browser.upload(
        "/import", fields: ["table": "spending"], fileField: "file", fileName: "chi.txt",
        data: Data("id,amount\n".utf8))
      #expect(text.status == .unprocessableContent)
      #expect(text.text.contains("không phải tệp .xlsx hay .csv"))
      let junk = try await browser.upload(
        "/import", fields: ["table": "spending"], fileField: "file", fileName: "chi.xlsx",
        data: Data("not a zip".utf8))
      #expect(junk.status == .unprocessableContent)
      #expect(junk.text.contains("id=\"input-errors\""))
    }
  }

  @Test func aMalformedCSVFileShowsLineAndFieldAndWritesNothing() async throws {
    let workspace = try sampleWorkspace()
    let before = try Data(contentsOf: URL(fileURLWithPath: workspace + "/spending.csv"))
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      _ = try await browser.get("/import")
      let csv = "id,date,source,activity,unit,amount\nCSV-1,15/03/2023,TW,HOINGHI,VHTT,12abc\n"
      let page = try await browser.upload(
        "/import", fields: ["table": "spending", "mode": "append"], fileField: "file", fileName: "chi.csv",
        data: Data(csv.utf8))
      #expect(page.status == .unprocessableContent)
      // Line 2, field 6 (the amount).
      #expect(page.text.contains("<span class=\"where\">chi.csv:2:6</span>"))
      #expect(page.text.contains("12abc"))
      #expect(!page.text.contains("id=\"confirm-import\""))
      // A sheet name means nothing for a CSV file: said, not ignored.
      let sheet = try await browser.upload(
        "/import", fields: ["table": "spending", "mode": "append", "sheet": "Chi tiết"], fileField: "file",
        fileName: "chi.csv", data: Data(csv.replacingOccurrences(of: "12abc", with: "12").utf8))
      #expect(sheet.status == .unprocessableContent)
      #expect(sheet.text.contains("không có trang"))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: workspace + "/spending.csv")) == before)
  }

  @Test func aGoodCSVFileIsPreviewedPerYearThenWritten() async throws {
    let (workspace, csvPath, before) = try sampleSpending()
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      _ = try await browser.get("/import")
      let csv =
        "Mã;Ngày chi;Nguồn;Nội dung;Đơn vị;Số tiền\nCSV-2024-1;02/04/2024;TW;HOINGHI;VHTT;1500000\n"
        + "CSV-2025-1;03/04/2025;HUYEN;HOINGHI;VHTT;700000\n"
      let preview = try await browser.upload(
        "/import", fields: ["table": "spending", "mode": "append"], fileField: "file", fileName: "chi.csv",
        data: Data(csv.utf8))
      #expect(preview.status == .ok)
      #expect(try Data(contentsOf: URL(fileURLWithPath: csvPath)) == before)
      // One row added to each of 2024 and 2025, nothing removed.
      let years = try SpendingReader.read(bytes: [UInt8](before), file: "spending.csv").map(\.year)
      let now2024 = years.filter { $0 == 2024 }.count
      let now2025 = years.filter { $0 == 2025 }.count
      #expect(
        preview.text.contains(
          "<tr><td>2024</td><td class=\"num\">\(now2024)</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">\(now2024 + 1)</td></tr>"
        ))
      #expect(
        preview.text.contains(
          "<tr><td>2025</td><td class=\"num\">\(now2025)</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">\(now2025 + 1)</td></tr>"
        ))
      let id = try #require(pendingID(preview.text))
      let done = try await browser.post("/import/confirm", fields: ["id": id])
      #expect(done.status == .ok)
      let rows = try SpendingReader.read(
        bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: csvPath))), file: "spending.csv")
      #expect(rows.suffix(2).map(\.id) == ["CSV-2024-1", "CSV-2025-1"])
      #expect(rows.suffix(2).map(\.amount.dong) == [1_500_000, 700_000])
    }
  }

  @Test func aGoodSheetIsPreviewedThenWrittenOnConfirmationAndLogged() async throws {
    let (workspace, csvPath, before) = try sampleSpending()
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      let dashboard = try await browser.get("/year/2023").text
      #expect(dashboard.contains("1.927.480.000"))
      _ = try await browser.get("/import")
      let preview = try await browser.upload(
        "/import", fields: ["table": "spending", "mode": "replace-2023"], fileField: "file",
        fileName: "import-2023-spending.xlsx", data: try fixture("import-2023-spending.xlsx"))
      #expect(preview.status == .ok)
      #expect(preview.text.contains("id=\"preview-table\""))
      // Nothing written by the preview.
      #expect(try Data(contentsOf: URL(fileURLWithPath: csvPath)) == before)
      // 2023 had 242 rows (241 payments and the advance 2023-0242): the preview says they are replaced.
      #expect(preview.text.contains("<td>2023</td><td class=\"num\">242</td><td class=\"num\">242</td>"))
      let id = try #require(pendingID(preview.text))

      let token = try #require(browser.csrfToken)
      let done = try await browser.post("/import/confirm", fields: ["id": id])
      #expect(done.status == .ok)
      #expect(done.text.contains("id=\"import-done\""))
      let after = try Data(contentsOf: URL(fileURLWithPath: csvPath))
      #expect(after != before)
      // The previous file kept beside it.
      let backups = try FileManager.default.contentsOfDirectory(atPath: workspace).filter {
        $0.hasPrefix("spending.csv.bak-")
      }
      #expect(backups.count == 1)
      #expect(try Data(contentsOf: URL(fileURLWithPath: workspace + "/" + backups[0])) == before)
      // The log: who, what, the hashes before and after.
      let log = try String(contentsOfFile: workspace + "/" + WriteLog.fileName, encoding: .utf8)
      let entry = try #require(log.split(separator: "\n").first { $0.contains("\tspending.csv\t") })
      let fields = entry.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      #expect(fields[1] == "local")
      #expect(fields[3] == "import import-2023-spending.xlsx")
      #expect(fields[5] == WriteLog.sha256(before))
      #expect(fields[6] == WriteLog.sha256(after))
      // A confirmation cannot be replayed.
      let checked2 =
        try await browser.post("/import/confirm", fields: ["id": id], token: token).status == .gone
      #expect(checked2)
      // The page shows the new figures at once.
      let changed = try await browser.get("/year/2023").text
      #expect(!changed.contains("1.927.480.000"))
    }
  }

  @Test func aConfirmationWaitsForTheWorkspaceLockAndRefusesWhenItStaysTaken() async throws {
    let (workspace, csvPath, before) = try sampleSpending()
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      _ = try await browser.get("/import")
      let preview = try await browser.upload(
        "/import", fields: ["table": "spending", "mode": "replace-2023"], fileField: "file",
        fileName: "import-2023-spending.xlsx", data: try fixture("import-2023-spending.xlsx"))
      let id = try #require(pendingID(preview.text))
      // The command line (here: this test) holds the lock for longer than the page waits.
      let held = try WorkspaceLock.acquire(workspace: workspace)
      let refused = try await browser.post("/import/confirm", fields: ["id": id])
      held.release()
      #expect(refused.status == .conflict)
      #expect(refused.text.contains("đang được một lệnh khác ghi"))
      #expect(try Data(contentsOf: URL(fileURLWithPath: csvPath)) == before)
    }
  }
}

@Suite struct WorkspaceLockTests {
  @Test func oneHolderAtATime() throws {
    let workspace = try sampleWorkspace()
    let first = try WorkspaceLock.acquire(workspace: workspace)
    // Another writer (another thread here; another process behaves the same with flock).
    let refused = onAnotherThread { () -> String in
      do {
        _ = try WorkspaceLock.acquire(workspace: workspace, waitSeconds: 0.2)
        return "taken"
      } catch let busy as WorkspaceLock.Busy {
        return busy.en
      } catch {
        return "\(error)"
      }
    }
    #expect(refused.contains("is being written by another run"))
    #expect(FileManager.default.fileExists(atPath: workspace + "/" + WorkspaceLock.fileName))
    first.release()
    let second = onAnotherThread { try? WorkspaceLock.acquire(workspace: workspace) }
    #expect(second != nil)
    second?.release()
    // No lock file is left in the workspace between writes.
    #expect(!FileManager.default.fileExists(atPath: workspace + "/" + WorkspaceLock.fileName))
  }

  @Test func aWriterWaitingOnARemovedLockFileTakesTheNewOne() throws {
    let workspace = try sampleWorkspace()
    let path = workspace + "/" + WorkspaceLock.fileName
    // A run killed while holding the lock leaves its (unlocked) file: the next writer locks it.
    FileManager.default.createFile(atPath: path, contents: nil)
    let first = try WorkspaceLock.acquire(workspace: workspace)
    // Two writers wait while the first holds it; each gets it in turn, never both at once.
    let order = ThreadResult<[String]>()
    order.value = []
    let lock = NSLock()
    let done = DispatchSemaphore(value: 0)
    for name in ["a", "b"] {
      Thread {
        if let held = try? WorkspaceLock.acquire(workspace: workspace, waitSeconds: 20) {
          lock.withLock { order.value!.append(name + "+") }
          usleep(100_000)
          lock.withLock { order.value!.append(name + "-") }
          held.release()
        }
        done.signal()
      }.start()
    }
    usleep(200_000)
    first.release()
    done.wait()
    done.wait()
    let events = order.value!
    #expect(events.count == 4)
    // Holds never overlap: each take is followed by its own release.
    #expect(events[0].dropLast() == events[1].dropLast() && events[2].dropLast() == events[3].dropLast())
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func aWaitingWriterGetsTheLockWhenTheHolderLetsGo() async throws {
    let workspace = try sampleWorkspace()
    let first = try WorkspaceLock.acquire(workspace: workspace)
    let releaser = Task.detached {
      try await Task.sleep(nanoseconds: 300_000_000)
      first.release()
    }
    let value = try WorkspaceLock.withLock(workspace: workspace, waitSeconds: 10) { 42 }
    #expect(value == 42)
    try await releaser.value
  }

  @Test func theHolderMayTakeItAgainOnItsThreadButNoOtherThreadMay() throws {
    let workspace = try sampleWorkspace()
    try WorkspaceLock.withLock(workspace: workspace) {
      // A write entry point called by a front end that holds the lock: nested, not waiting for itself.
      try WorkspaceLock.withLock(workspace: workspace) {}
      #expect(onAnotherThread { try? WorkspaceLock.acquire(workspace: workspace) } == nil)
    }
    // Released by the outer hold: another thread may take it now.
    let after = onAnotherThread { try? WorkspaceLock.acquire(workspace: workspace) }
    #expect(after != nil)
    after?.release()
  }

  @Test func aMissingFolderIsAFileProblem() {
    #expect(throws: FileProblem.self) { try WorkspaceLock.acquire(workspace: "/nonexistent/kinhphi-ws") }
  }
}

/// Runs `body` on a thread of its own (GCD may run a `sync` block on the calling thread).
func onAnotherThread<T>(_ body: @escaping @Sendable () -> T) -> T {
  let box = ThreadResult<T>()
  let done = DispatchSemaphore(value: 0)
  let thread = Thread {
    box.value = body()
    done.signal()
  }
  thread.start()
  done.wait()
  return box.value!
}

final class ThreadResult<T>: @unchecked Sendable {
  var value: T?
}

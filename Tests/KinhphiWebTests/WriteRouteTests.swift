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
      // TableImportTests: the unknown source on sheet row 3, the unknown unit on row 5.
      #expect(page.text.contains("bad.xlsx!import-bad-codes:3"))
      #expect(page.text.contains("bad.xlsx!import-bad-codes:5"))
      #expect(page.text.contains("&#39;TW_X&#39;"))
      #expect(page.text.contains("&#39;XA_KHONGCO&#39;"))
      #expect(!page.text.contains("id=\"confirm-import\""))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: workspace + "/spending.csv")) == before)
    #expect(!FileManager.default.fileExists(atPath: workspace + "/" + WriteLog.fileName))
  }

  @Test func notAWorkbookIsRefused() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      _ = try await browser.get("/import")
      let csv = try await browser.upload(
        "/import", fields: ["table": "spending"], fileField: "file", fileName: "chi.csv",
        data: Data("id,amount\n".utf8))
      #expect(csv.status == .unprocessableContent)
      #expect(csv.text.contains("không phải tệp .xlsx"))
      let junk = try await browser.upload(
        "/import", fields: ["table": "spending"], fileField: "file", fileName: "chi.xlsx",
        data: Data("not a zip".utf8))
      #expect(junk.status == .unprocessableContent)
      #expect(junk.text.contains("id=\"input-errors\""))
    }
  }

  @Test func aGoodSheetIsPreviewedThenWrittenOnConfirmationAndLogged() async throws {
    let workspace = try sampleWorkspace()
    let csvPath = workspace + "/spending.csv"
    let before = try Data(contentsOf: URL(fileURLWithPath: csvPath))
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
      // 2023 had 241 rows: the preview says they are replaced.
      #expect(preview.text.contains("<td>2023</td><td class=\"num\">241</td><td class=\"num\">241</td>"))
      let id = try #require(
        preview.text.range(of: "name=\"id\" value=\"").map { range in
          String(preview.text[range.upperBound...].prefix(64))
        })

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
    let workspace = try sampleWorkspace()
    let csvPath = workspace + "/spending.csv"
    let before = try Data(contentsOf: URL(fileURLWithPath: csvPath))
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      _ = try await browser.get("/import")
      let preview = try await browser.upload(
        "/import", fields: ["table": "spending", "mode": "replace-2023"], fileField: "file",
        fileName: "import-2023-spending.xlsx", data: try fixture("import-2023-spending.xlsx"))
      let id = try #require(
        preview.text.range(of: "name=\"id\" value=\"").map {
          String(preview.text[$0.upperBound...].prefix(64))
        })
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

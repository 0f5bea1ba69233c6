import BudgetApp
import BudgetCore
import Foundation
import Testing
import WorkspaceGenerator
import XlsxReadBack

/// Where templates are found; runs cancelled between workbooks and inside a workbook's rows.
@Suite struct RunControlTests {
  @Test func installedTemplatesAreLookedForFromTheEnvironmentThenBesideTheProgram() {
    let locations = TemplateLocations.installed(
      executable: URL(fileURLWithPath: "/opt/kinhphi/bin/kinhphi"),
      environment: ["KINHPHI_TEMPLATES": "/srv/mau"])
    #expect(
      locations.folders == [
        "/srv/mau", "/opt/kinhphi/share/kinhphi/Templates", "/opt/kinhphi/bin/Templates",
        "/opt/kinhphi/Templates",
        "/opt/Templates", "/Templates",
      ])
    #expect(
      locations.candidates(explicitPath: nil, fileName: "quyet-toan.yaml").first == "/srv/mau/quyet-toan.yaml"
    )
    // An explicit template file is the only candidate.
    #expect(locations.candidates(explicitPath: "mau.yaml", fileName: "quyet-toan.yaml") == ["mau.yaml"])
  }

  @Test func aMissingTemplateSaysWhereItLookedAndNothingIsWritten() throws {
    let folder = try Fixture.temporaryDirectory()
    let app = KinhphiApp(templates: TemplateLocations(folders: [folder.path]), documentDate: Date())
    let error = try #require(throws: AppError.self) {
      try app.settleYear(
        SettleYearRequest(
          workspace: Fixture.chiemHoa, year: 2022,
          output: .workbook(path: folder.appendingPathComponent("q.xlsx").path)))
    }
    guard case .input(let errors) = error else { Issue.record("expected .input, got \(error)"); return }
    #expect(
      errors.errors.map(\.message.en) == [
        "No report template found; looked in: \(folder.path)/quyet-toan.yaml. Use --template."
      ])
    #expect(try Fixture.contents(of: folder) == [])
  }

  @Test func aPerUnitRunCancelledBeforeItsWorkbooksWritesNone() throws {
    let folder = try Fixture.temporaryDirectory().appendingPathComponent("units")
    let token = CancellationToken()
    let control = RunControl(
      progress: { event in
        // Cancelled when the workbooks are about to be written.
        if case .begin(let step, _, _) = event, step.en == "Writing unit workbooks" { token.cancel() }
      }, cancellation: token)
    let error = try #require(throws: AppError.self) {
      try Fixture.app.settlePerUnit(
        SettlePerUnitRequest(workspace: Fixture.chiemHoa, year: 2022, folder: folder.path), run: control)
    }
    guard case .cancelled = error else { Issue.record("expected .cancelled, got \(error)"); return }
    #expect(try Fixture.contents(of: folder) == [])
  }

  /// A generated year of 12,000 payments: the detail sheet alone has more rows than a run writes
  /// before it looks at the token again.
  static func largeWorkspace() throws -> String {
    let folder = try Fixture.temporaryDirectory().appendingPathComponent("ws").path
    _ = try Fixture.app.generate(
      GenerateRequest(
        folder: folder,
        options: GeneratorOptions(units: 20, payments: 12_000, firstYear: 2023, lastYear: 2023, seed: 7)))
    return folder
  }

  @Test func aRunCancelledInsideTheWorkbooksRowsStopsThereAndLeavesNoFile() throws {
    let workspace = try Self.largeWorkspace()
    let folder = try Fixture.temporaryDirectory()
    let path = folder.appendingPathComponent("qt.xlsx").path
    let token = CancellationToken()
    let cancelAfterRows = 4096
    let rows = Counter()
    let control = RunControl(
      progress: { event in
        switch event {
        case .begin(let step, _, let total) where step.en == "Writing the workbook": rows.total = total ?? 0
        case .advance(let count):
          // Rows are reported per 1,024 written; the token is cancelled once K rows are out.
          rows.done += count
          if rows.done >= cancelAfterRows { token.cancel() }
        default: break
        }
      }, cancellation: token)
    let error = try #require(throws: AppError.self) {
      try Fixture.app.settleYear(
        SettleYearRequest(workspace: workspace, year: 2023, output: .workbook(path: path)), run: control)
    }
    guard case .cancelled = error else { Issue.record("expected .cancelled, got \(error)"); return }
    // Stopped inside the rows: K rows were written, and fewer than 1,024 more (the check comes every
    // 4,096 cells, several cells a row), far from the workbook's end.
    #expect(rows.total > 12_000)
    #expect(rows.done >= cancelAfterRows)
    #expect(rows.done <= cancelAfterRows + 1024)
    // No workbook and no temporary file beside it.
    #expect(try Fixture.contents(of: folder) == [])
  }

  @Test func aPerUnitRunCancelledWhileWorkbooksAreWrittenLeavesOnlyWholeOnes() throws {
    let workspace = try Self.largeWorkspace()
    let folder = try Fixture.temporaryDirectory().appendingPathComponent("units")
    let token = CancellationToken()
    // Cancelled when the first unit's workbook is done: those being written on other threads stop
    // inside their rows (or finish), none starts after.
    let control = RunControl(
      progress: { event in if case .advance = event { token.cancel() } }, cancellation: token)
    let error = try #require(throws: AppError.self) {
      try Fixture.app.settlePerUnit(
        SettlePerUnitRequest(workspace: workspace, year: 2023, folder: folder.path), run: control)
    }
    guard case .cancelled = error else { Issue.record("expected .cancelled, got \(error)"); return }
    let written = try Fixture.contents(of: folder)
    #expect(!written.isEmpty && written.count < 20)
    // Only whole workbooks: no temporary file, and each one reads back with its sheets.
    for name in written {
      #expect(name.hasSuffix(".xlsx") && !name.hasPrefix("."))
      let workbook = try XlsxReadBack(url: folder.appendingPathComponent(name))
      #expect(try !workbook.sheetNames().isEmpty)
    }
  }
}

/// Counts rows from the progress callback (called on the writing thread).
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var doneRows = 0
  private var totalRows = 0
  var done: Int {
    get { lock.withLock { doneRows } }
    set { lock.withLock { doneRows = newValue } }
  }
  var total: Int {
    get { lock.withLock { totalRows } }
    set { lock.withLock { totalRows = newValue } }
  }
}

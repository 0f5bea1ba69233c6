import BudgetApp
import BudgetCore
import Foundation
import Testing

/// Where templates are found, and a per-unit run cancelled between workbooks.
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
}

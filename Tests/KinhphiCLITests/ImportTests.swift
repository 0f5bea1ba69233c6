import Foundation
import Testing

/// `kinhphi import` and xlsx tables inside a workspace, on the built binary.
@Suite("kinhphi import and xlsx workspaces")
struct ImportTests {
  static let fixtures = CLIRunner.packageRoot.appendingPathComponent("Tests/BudgetIOTests/Fixtures")

  /// A workspace with Chiêm Hóa's plan and the given files copied in.
  func workspace(_ files: [(from: URL, name: String)]) throws -> URL {
    let folder = try CLIRunner.temporaryDirectory()
    let manager = FileManager.default
    try manager.copyItem(
      at: URL(fileURLWithPath: CLIRunner.sample("chiem-hoa/plan.yaml")),
      to: folder.appendingPathComponent("plan.yaml"))
    for file in files { try manager.copyItem(at: file.from, to: folder.appendingPathComponent(file.name)) }
    return folder
  }

  @Test("import writes the CSV; it settles to the same figures as the original CSV")
  func importSpending() throws {
    let folder = try workspace([
      (Self.fixtures.appendingPathComponent("chiem-hoa-allocations.csv"), "allocations.csv")
    ])
    let result = try CLIRunner.run([
      "import", Self.fixtures.appendingPathComponent("chiem-hoa-spending.xlsx").path, "--as", "spending",
      "--into",
      folder.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("466"))
    let imported = try CLIRunner.run(["settle", folder.path, "--year", "2023", "--json", "-"])
    let original = try workspace([
      (Self.fixtures.appendingPathComponent("chiem-hoa-allocations.csv"), "allocations.csv"),
      (Self.fixtures.appendingPathComponent("chiem-hoa-spending.csv"), "spending.csv"),
    ])
    let expected = try CLIRunner.run(["settle", original.path, "--year", "2023", "--json", "-"])
    #expect(imported.stdout.contains("\"spent\""))
    // Same figures; only the file names in findings may differ (both are spending.csv here).
    #expect(imported.stdout == expected.stdout)

    // A second import refuses to overwrite; --force does.
    let again = try CLIRunner.run([
      "import", Self.fixtures.appendingPathComponent("chiem-hoa-spending.xlsx").path, "--as", "spending",
      "--into",
      folder.path,
    ])
    #expect(again.status == 2 && again.stderr.contains("--force"))
    let forced = try CLIRunner.run([
      "import", Self.fixtures.appendingPathComponent("chiem-hoa-spending.xlsx").path, "--as", "spending",
      "--into",
      folder.path, "--force",
    ])
    #expect(forced.status == 0)
  }

  @Test("a malformed sheet: located errors by cell, exit 2, nothing written")
  func importMalformed() throws {
    let folder = try workspace([])
    let result = try CLIRunner.run([
      "import", Self.fixtures.appendingPathComponent("malformed-spending.xlsx").path, "--as", "spending",
      "--into",
      folder.path, "--lang", "en",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("malformed-spending.xlsx!Sheet1"))
    #expect(result.stderr.contains("cell F2"))
    #expect(result.stderr.contains("cell B3"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("spending.csv").path))
  }

  @Test("an xlsx table is read wherever a CSV is; both for one table is an error")
  func xlsxInWorkspace() throws {
    let folder = try workspace([
      (Self.fixtures.appendingPathComponent("chiem-hoa-allocations.xlsx"), "allocations.xlsx"),
      (Self.fixtures.appendingPathComponent("chiem-hoa-spending.xlsx"), "spending.xlsx"),
    ])
    let fromXlsx = try CLIRunner.run(["settle", folder.path, "--year", "2022", "--json", "-"])
    #expect(fromXlsx.status == 0, "\(fromXlsx.stderr)")
    let original = try workspace([
      (Self.fixtures.appendingPathComponent("chiem-hoa-allocations.csv"), "allocations.csv"),
      (Self.fixtures.appendingPathComponent("chiem-hoa-spending.csv"), "spending.csv"),
    ])
    let fromCSV = try CLIRunner.run(["settle", original.path, "--year", "2022", "--json", "-"])
    // The figures agree; findings point at the sheet instead of the CSV.
    func figures(_ json: String) throws -> String {
      let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
      let data = try JSONSerialization.data(
        withJSONObject: ["lines": object?["lines"] ?? [], "totals": object?["totals"] ?? [:]],
        options: .sortedKeys)
      return String(decoding: data, as: UTF8.self)
    }
    #expect(try figures(fromXlsx.stdout) == figures(fromCSV.stdout))
    #expect(fromXlsx.stdout.contains("allocations.xlsx!allocations"))

    try FileManager.default.copyItem(
      at: Self.fixtures.appendingPathComponent("chiem-hoa-spending.csv"),
      to: folder.appendingPathComponent("spending.csv"))
    let both = try CLIRunner.run(["check", folder.path, "--lang", "en"])
    #expect(both.status == 2)
    #expect(both.stderr.contains("both spending.csv and spending.xlsx"))
  }

  @Test("plan.yaml's excel section names the sheet")
  func sheetFromPlan() throws {
    let folder = try workspace([
      (Self.fixtures.appendingPathComponent("chiem-hoa-allocations.csv"), "allocations.csv"),
      (Self.fixtures.appendingPathComponent("titled-spending.xlsx"), "spending.xlsx"),
    ])
    let plan = folder.appendingPathComponent("plan.yaml")
    var text = try String(contentsOf: plan, encoding: .utf8)
    text += "\nexcel:\n  spending_sheet: \"Sheet9\"\n"
    try text.write(to: plan, atomically: true, encoding: .utf8)
    let wrong = try CLIRunner.run(["check", folder.path, "--lang", "en"])
    #expect(wrong.status == 2 && wrong.stderr.contains("No sheet named 'Sheet9'"))
    try text.replacingOccurrences(of: "Sheet9", with: "Chi tiết").write(
      to: plan, atomically: true, encoding: .utf8)
    let right = try CLIRunner.run(["check", folder.path, "--year", "2023", "--lang", "en"])
    #expect(right.status != 2, "\(right.stderr)")
    try (text + "  sheet: x\n").write(to: plan, atomically: true, encoding: .utf8)
    let typo = try CLIRunner.run(["check", folder.path, "--lang", "en"])
    #expect(typo.status == 2 && typo.stderr.contains("Unknown key 'sheet' in 'excel'"))
  }
}

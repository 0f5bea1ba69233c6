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

    // A second import of the same sheet would duplicate every payment: refused, nothing written.
    let written = try Data(contentsOf: folder.appendingPathComponent("spending.csv"))
    let again = try CLIRunner.run([
      "import", Self.fixtures.appendingPathComponent("chiem-hoa-spending.xlsx").path, "--as", "spending",
      "--into", folder.path, "--yes",
    ])
    #expect(again.status == 2 && again.stderr.contains("--replace-year"))
    // --force (which used to replace the whole file) is refused with what to use instead.
    let forced = try CLIRunner.run([
      "import", Self.fixtures.appendingPathComponent("chiem-hoa-spending.xlsx").path, "--as", "spending",
      "--into", folder.path, "--force",
    ])
    #expect(forced.status == 2 && forced.stderr.contains("--replace-year"))
    #expect(try Data(contentsOf: folder.appendingPathComponent("spending.csv")) == written)
  }

  @Test("import takes a CSV file too: the same figures, and its errors at line and field")
  func importCSV() throws {
    let folder = try workspace([
      (Self.fixtures.appendingPathComponent("chiem-hoa-allocations.csv"), "allocations.csv")
    ])
    let csv = Self.fixtures.appendingPathComponent("chiem-hoa-spending.csv").path
    let result = try CLIRunner.run(["import", csv, "--as", "spending", "--into", folder.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("466"))
    let imported = try CLIRunner.run(["settle", folder.path, "--year", "2023", "--json", "-"])
    let original = try workspace([
      (Self.fixtures.appendingPathComponent("chiem-hoa-allocations.csv"), "allocations.csv"),
      (Self.fixtures.appendingPathComponent("chiem-hoa-spending.csv"), "spending.csv"),
    ])
    let expected = try CLIRunner.run(["settle", original.path, "--year", "2023", "--json", "-"])
    #expect(imported.stdout.contains("\"spent\""))
    #expect(imported.stdout == expected.stdout)

    let bad = try CLIRunner.temporaryDirectory().appendingPathComponent("chi-loi.csv")
    try Data("id,date,source,activity,unit,amount\nCSV-1,15/03/2023,TW,HOINGHI,VHTT,12abc\n".utf8).write(
      to: bad)
    let written = try Data(contentsOf: folder.appendingPathComponent("spending.csv"))
    let refused = try CLIRunner.run(["import", bad.path, "--as", "spending", "--into", folder.path, "--yes"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("chi-loi.csv:2:6"))
    #expect(refused.stderr.contains("12abc"))
    let sheet = try CLIRunner.run([
      "import", csv, "--as", "spending", "--into", folder.path, "--sheet", "Chi tiết", "--yes",
    ])
    #expect(sheet.status == 2 && sheet.stderr.contains("only .xlsx files have sheets"))
    #expect(try Data(contentsOf: folder.appendingPathComponent("spending.csv")) == written)
  }

  /// Issue 13 §4: `import --force` replaced 609 rows of every year by a sheet's 62. Now the rows are
  /// appended (or one year replaced), the change is shown per year, and the old file is kept.
  @Test func importKeepsTheRowsAndABackupNamedInTheOutput() throws {
    let folder = try CLIRunner.temporaryDirectory().appendingPathComponent("ws")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: CLIRunner.sample("chiem-hoa")), to: folder)
    let spending = folder.appendingPathComponent("spending.csv")
    let before = try Data(contentsOf: spending)
    let sheet = Self.fixtures.appendingPathComponent("import-2023-spending.xlsx").path

    // No terminal and no --yes: the changes are shown, nothing is written.
    let unconfirmed = try CLIRunner.run(["import", sheet, "--as", "spending", "--into", folder.path])
    #expect(unconfirmed.status == 2)
    #expect(unconfirmed.stderr.contains("--yes"))
    #expect(try Data(contentsOf: spending) == before)

    let result = try CLIRunner.run(["import", sheet, "--as", "spending", "--into", folder.path, "--yes"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines[0] == "Nhập import-2023-spending.xlsx vào \(spending.path): ghi thêm 5 dòng, không bỏ dòng nào.")
    #expect(
      Array(lines[1...7]) == [
        "  Năm   Hiện có  Bỏ đi  Thêm vào  Sau khi nhập",
        "  2021       10      0         0            10",
        "  2022      229      0         0           229",
        "  2023      242      0         5           247",
        "  2024       80      0         0            80",
        "  2025       53      0         0            53",
        "  Cộng      614      0         5           619",
      ])
    #expect(lines[8] == "Đã ghi \(spending.path) (619 dòng).")
    let backups = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasPrefix("spending.csv.bak-")
    }
    #expect(backups.count == 1)
    let backup = try #require(backups.first)
    #expect(lines[9].hasPrefix("Tệp cũ được giữ nguyên tại \(folder.appendingPathComponent(backup).path)"))
    #expect(try Data(contentsOf: folder.appendingPathComponent(backup)) == before)
    let after = try Data(contentsOf: spending)
    #expect(after.prefix(before.count) == before)
    #expect(String(decoding: after, as: UTF8.self).split(separator: "\n").count == 620)  // header + 619
  }

  @Test func importRefusesAFolderWithoutAPlan() throws {
    let folder = try CLIRunner.temporaryDirectory()
    let result = try CLIRunner.run([
      "import", Self.fixtures.appendingPathComponent("import-2023-spending.xlsx").path, "--as", "spending",
      "--into", folder.path, "--yes",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("không có plan.yaml"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
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

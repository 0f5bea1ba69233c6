import Foundation
import Testing

/// One rule for every command (README, "Exit status"): 0 done and no error findings · 1 done, outputs
/// written, error findings stand (one line on stderr) · 2 unusable input or command line, nothing
/// written. On SampleData/chiem-hoa, 2023 has one error finding (an OVERSPEND) and 2022 none.
@Suite struct ExitStatusTests {
  static let workspace = CLIRunner.sample("chiem-hoa")
  static let standsLine =
    "Đã xong, nhưng còn 1 lỗi trong số liệu năm 2023 (mã thoát 1). / Done, but 1 error finding stands in 2023 (exit status 1)."

  /// Runs `arguments` (with `{out}` replaced by a fresh folder) and returns the result and the folder.
  static func run(_ arguments: [String]) throws -> (CLIRunner.Result, URL) {
    let out = try CLIRunner.temporaryDirectory()
    let result = try CLIRunner.run(arguments.map { $0.replacingOccurrences(of: "{out}", with: out.path) })
    return (result, out)
  }

  static func written(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test(arguments: [
    ["check", workspace, "--year", "{year}"],
    ["settle", workspace, "--year", "{year}", "-o", "{out}/q.xlsx"],
    ["settle", workspace, "--year", "{year}", "--json", "{out}/q.json"],
    ["settle", workspace, "--year", "{year}", "--per-unit", "{out}/units"],
  ])
  func settleAndCheckFollowTheRule(_ arguments: [String]) throws {
    let (clean, cleanOut) = try Self.run(arguments.map { $0 == "{year}" ? "2022" : $0 })
    #expect(clean.status == 0, "\(arguments): \(clean.stderr)")
    #expect(!clean.stderr.contains("mã thoát 1"))
    let (errors, errorsOut) = try Self.run(arguments.map { $0 == "{year}" ? "2023" : $0 })
    #expect(errors.status == 1, "\(arguments): \(errors.stderr)")
    #expect(errors.stderr.contains(Self.standsLine))
    // Status 1 means the outputs were written all the same.
    if arguments[0] == "settle" {
      #expect(try Self.written(errorsOut) == Self.written(cleanOut))
      #expect(try !Self.written(errorsOut).isEmpty)
    }
  }

  @Test func settleYearsCountsEveryYearOfThePhase() throws {
    let (phase, out) = try Self.run(["settle", Self.workspace, "--years", "2021-2025", "-o", "{out}/p.xlsx"])
    #expect(phase.status == 1)
    #expect(phase.stderr.contains("còn 1 lỗi trong số liệu các năm 2021–2025"))
    #expect(try Self.written(out) == ["p.xlsx"])
    let (early, _) = try Self.run(["settle", Self.workspace, "--years", "2021-2022", "-o", "{out}/p.xlsx"])
    #expect(early.status == 0, "\(early.stderr)")
  }

  @Test func whatIfCountsTheErrorsThatStandAfterTheScenario() throws {
    // Every sample scenario is of 2023, whose OVERSPEND no scenario removes.
    let (harmless, _) = try Self.run(["whatif", Self.workspace, "scenarios/chuyen-pano-sang-ptth.yaml"])
    #expect(harmless.status == 1)
    #expect(harmless.stderr.contains("còn 1 lỗi trong số liệu năm 2023 sau kịch bản"))
    let out = try CLIRunner.temporaryDirectory()
    let scenario = out.appendingPathComponent("khong-doi-2022.yaml")
    try Data("scenario:\n  name: Không đổi\n  year: 2022\noperations:\n  - scale: {percent: 0}\n".utf8)
      .write(to: scenario)
    let clean = try CLIRunner.run(["whatif", Self.workspace, scenario.path])
    #expect(clean.status == 0, "\(clean.stderr)")
  }

  @Test func closeRefusesWithTwoAndWritesWithOneWhenForced() throws {
    let folder = try CLIRunner.temporaryDirectory().appendingPathComponent("ws")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.workspace), to: folder)
    let allocations = folder.appendingPathComponent("allocations.csv")
    let before = try Data(contentsOf: allocations)
    #expect(try CLIRunner.run(["close", folder.path, "--year", "2022", "--yes"]).status == 0)
    let refused = try CLIRunner.run(["close", folder.path, "--year", "2023", "--yes"])
    #expect(refused.status == 2)  // nothing written
    let book = folder.deletingLastPathComponent().appendingPathComponent("cn.xlsx")
    let forced = try CLIRunner.run([
      "close", folder.path, "--year", "2023", "--yes", "--force", "-o", book.path,
    ])
    #expect(forced.status == 1, "\(forced.stderr)")
    #expect(FileManager.default.fileExists(atPath: book.path))
    #expect(try Data(contentsOf: allocations) == before)
  }

  @Test func handoverConsolidateAndImport() throws {
    let (handover, handoverOut) = try Self.run([
      "handover", Self.workspace, "--date", "2025-06-30", "--map", Self.workspace + "/successors.yaml",
      "-o", "{out}/bg.xlsx", "--rows", "{out}/ms.csv",
    ])
    #expect(handover.status == 0, "\(handover.stderr)")
    #expect(try Self.written(handoverOut) == ["bg.xlsx", "ms.csv"])

    let units = ["vhtt", "xa-hung-my", "xa-kim-binh"].map { CLIRunner.sample("chiem-hoa-units/\($0)") }
    let (clean, _) = try Self.run(
      ["consolidate", Self.workspace] + units + ["--year", "2022", "-o", "{out}/h.xlsx"])
    #expect(clean.status == 0, "\(clean.stderr)")
    let (errors, errorsOut) = try Self.run(
      ["consolidate", Self.workspace] + units + ["--year", "2023", "-o", "{out}/h.xlsx"])
    #expect(errors.status == 1)
    #expect(errors.stderr.contains("(mã thoát 1)"))
    #expect(try Self.written(errorsOut) == ["h.xlsx"])

    // import needs a workspace with a plan (issue 13 §4); a new table needs no confirmation.
    let importOut = try CLIRunner.temporaryDirectory()
    try FileManager.default.copyItem(
      atPath: CLIRunner.sample("chiem-hoa/plan.yaml"),
      toPath: importOut.appendingPathComponent("plan.yaml").path)
    let imported = try CLIRunner.run([
      "import", CLIRunner.sample("chiem-hoa-units/xa-hung-my/spending.xlsx"), "--as", "spending", "--into",
      importOut.path,
    ])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(try Self.written(importOut) == ["plan.yaml", "spending.csv"])
  }

  @Test func unusableInputAndUsageErrorsAreTwoAndWriteNothing() throws {
    let (unknownYear, out1) = try Self.run(["settle", Self.workspace, "--year", "1999", "-o", "{out}/q.xlsx"])
    #expect(unknownYear.status == 2)
    #expect(try Self.written(out1).isEmpty)
    let (usage, _) = try Self.run(["settle", Self.workspace, "--yaer", "2023"])
    #expect(usage.status == 2)
    let (missingScenario, _) = try Self.run(["whatif", Self.workspace, "nope.yaml"])
    #expect(missingScenario.status == 2)
    #expect(try CLIRunner.run(["--help"]).status == 0)
  }

  /// The output's folder must exist: a typo in -o is refused before any work, and no folder is made.
  @Test func anOutputFolderThatDoesNotExistIsRefusedAndNotCreated() throws {
    let out = try CLIRunner.temporaryDirectory()
    for arguments in [
      ["settle", Self.workspace, "--year", "2022", "-o", "\(out.path)/n/b/c/q.xlsx"],
      ["settle", Self.workspace, "--year", "2022", "--json", "\(out.path)/n/b/c/q.json"],
      ["settle", Self.workspace, "--years", "2021-2022", "-o", "\(out.path)/n/b/c/q.xlsx"],
      ["whatif", Self.workspace, "scenarios/tinh-giam-30.yaml", "-o", "\(out.path)/n/b/c/q.xlsx"],
    ] {
      let result = try CLIRunner.run(arguments)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stderr.contains("thư mục \(out.path)/n/b/c không tồn tại"), "\(result.stderr)")
      #expect(result.stderr.contains("the folder \(out.path)/n/b/c does not exist"))
      #expect(try Self.written(out).isEmpty, "\(arguments)")
    }
  }
}

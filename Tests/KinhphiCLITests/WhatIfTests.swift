import Foundation
import Testing
import XlsxReadBack

/// `kinhphi whatif` on the Chiêm Hóa workspace and on broken scenario files, through the built binary.
@Suite struct WhatIfTests {
  static let workspace = CLIRunner.sample("chiem-hoa")

  /// Every file of the workspace and its bytes.
  static func snapshot() throws -> [String: Data] {
    var files: [String: Data] = [:]
    let root = URL(fileURLWithPath: workspace)
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
        files[url.path] = try Data(contentsOf: url)
      }
    }
    return files
  }

  @Test func cutPrintsChangedAndBrokenLinesAndLeavesTheWorkspaceAlone() throws {
    let before = try Self.snapshot()
    let out = try CLIRunner.temporaryDirectory()
    let result = try CLIRunner.run([
      "whatif", Self.workspace, "scenarios/tinh-giam-30.yaml", "-o",
      out.appendingPathComponent("s.xlsx").path,
      "--json", out.appendingPathComponent("s.json").path, "--lang", "en",
    ])
    #expect(result.status == 1, "new error findings → status 1; \(result.stderr)")
    let pbplRow = result.stdout.split(separator: "\n").first { $0.contains("TINH · PBPL · TP") }
    #expect(pbplRow?.hasSuffix("20,000,000  14,000,000  -6,000,000  20,000,000") == true)
    #expect(result.stdout.contains("OVERSPEND  TINH · BAO · PDT  4,500,000"))
    #expect(result.stdout.contains("COUNTERPART_SHORT  TW  21,100,000 (before: 6,100,000)"))
    #expect(result.stdout.contains("Result: 4 broken lines (3 new errors), 30,000,000 VND more shortfall."))
    #expect(try Self.snapshot() == before, "the workspace must be byte-identical after a run")

    let book = try XlsxReadBack(url: out.appendingPathComponent("s.xlsx"))
    #expect(try book.sheetNames() == ["Theo nguồn", "So sánh theo dòng", "Phát hiện mới"])
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("s.json")))
    let object = try #require(json as? [String: Any])
    #expect(object["year"] as? Int == 2023)
    #expect((object["totals"] as? [String: Any])?["allocated"] as? Int == 1_782_000_000)
    #expect((object["baseline_totals"] as? [String: Any])?["allocated"] as? Int == 1_797_000_000)
    #expect(object["shortfall"] as? Int == 30_000_000)
    let lines = try #require(object["lines"] as? [[String: Any]])
    let pbpl = try #require(
      lines.first { $0["source"] as? String == "TINH" && $0["activity"] as? String == "PBPL" })
    #expect(pbpl["allocated"] as? Int == 14_000_000)
    #expect((pbpl["baseline"] as? [String: Any])?["allocated"] as? Int == 20_000_000)
    #expect(pbpl["overspent"] as? Int == 6_000_000)
    let broken = try #require(object["broken"] as? [[String: Any]])
    let counterpart = try #require(broken.first { $0["code"] as? String == "COUNTERPART_SHORT" })
    #expect(counterpart["amount"] as? Int == 21_100_000)
    #expect(counterpart["baseline_amount"] as? Int == 6_100_000)
    #expect(broken.first { $0["code"] as? String == "OVERSPEND" }?["baseline_amount"] == nil)  // new
  }

  @Test func severalScenariosInOneWorkbookAndAHarmlessMoveExitsZero() throws {
    let out = try CLIRunner.temporaryDirectory()
    let path = out.appendingPathComponent("compare.xlsx").path
    let result = try CLIRunner.run([
      "whatif", Self.workspace, "scenarios/chuyen-pano-sang-ptth.yaml", "scenarios/dong-tai-tro-pano.yaml",
      "-o", path,
    ])
    #expect(result.status == 1)  // the second scenario overspends TW · HOINGHI · PDT
    let cells = try XlsxReadBack(url: URL(fileURLWithPath: path)).cells(sheet: "So sánh theo dòng")
    #expect(
      cells.values.contains {
        $0.text?.hasSuffix("— Chuyển 7 triệu pano sang phát thanh tiếng dân tộc") == true
      })
    #expect(cells.values.contains { $0.text?.hasSuffix("— Pano Phòng Dân tộc đồng tài trợ 90/10") == true })
    let harmless = try CLIRunner.run(["whatif", Self.workspace, "scenarios/chuyen-pano-sang-ptth.yaml"])
    // No new error, but 2023's own OVERSPEND still stands after the scenario: status 1 (one rule).
    #expect(harmless.status == 1)
    #expect(harmless.stderr.contains("còn 1 lỗi trong số liệu năm 2023 sau kịch bản"))
    #expect(harmless.stdout.contains("Dòng bị ảnh hưởng (0)"))
  }

  @Test func sweepReportsEachValue() throws {
    let result = try CLIRunner.run([
      "whatif", Self.workspace, "scenarios/tinh-giam-30.yaml", "--sweep", "scale.percent=-20..0 step 10",
      "--json", "-",
    ])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let points = try #require(object["points"] as? [[String: Any]])
    #expect(points.map { $0["value"] as? Int } == [-20, -10, 0])
    #expect(points.map { $0["broken"] as? Int } == [4, 4, 0])
    #expect(points.map { $0["shortfall"] as? Int } == [20_000_000, 10_000_000, 0])
  }

  @Test func scenarioFileErrorsAreLocatedExitTwoAndWriteNothing() throws {
    let out = try CLIRunner.temporaryDirectory()
    let scenario = out.appendingPathComponent("bad.yaml")
    try """
    scenario:
      name: "Sai"
      year: 2023
    operations:
      - scale: {source: TINH, percnt: -30}
    """.write(to: scenario, atomically: true, encoding: .utf8)
    let xlsx = out.appendingPathComponent("x.xlsx")
    let json = out.appendingPathComponent("x.json")
    let result = try CLIRunner.run([
      "whatif", Self.workspace, scenario.path, "-o", xlsx.path, "--json", json.path,
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("\(scenario.path):5:"))
    #expect(result.stderr.contains("percnt"))
    #expect(!FileManager.default.fileExists(atPath: xlsx.path))
    #expect(!FileManager.default.fileExists(atPath: json.path))

    // A code the plan does not know is found when the scenario is applied, still located.
    try """
    scenario: {name: "Sai mã", year: 2023}
    operations:
      - set: {line: {source: TW, activity: PANO, unit: XA_KHONGCO}, amount: 1000}
    """.write(to: scenario, atomically: true, encoding: .utf8)
    let unknown = try CLIRunner.run(["whatif", Self.workspace, scenario.path, "-o", xlsx.path])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("\(scenario.path):3:"))
    #expect(unknown.stderr.contains("XA_KHONGCO"))
    #expect(!FileManager.default.fileExists(atPath: xlsx.path))

    let badSweep = try CLIRunner.run([
      "whatif", Self.workspace, "scenarios/tinh-giam-30.yaml", "--sweep", "scale.percent=0..-50", "-o",
      xlsx.path,
    ])
    #expect(badSweep.status == 2)
    #expect(!FileManager.default.fileExists(atPath: xlsx.path))
  }
}

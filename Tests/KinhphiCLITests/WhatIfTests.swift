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
    let pbplRow = result.stdout.split(separator: "\n").first { $0.hasPrefix("  TINH    PBPL") }
    #expect(pbplRow?.hasSuffix("20,000,000  14,000,000  -6,000,000  20,000,000") == true)
    #expect(result.stdout.contains("ERROR  Overspent · OVERSPEND  TINH · BAO · PDT  4,500,000"))
    #expect(
      result.stdout.contains(
        "WARNING  Local counterpart funding short · COUNTERPART_SHORT  TW  21,100,000 (before: 6,100,000)"))
    // Issue 13 §6: overspending and the counterpart shortfall are two things, each stated on its own
    // (they used to be added into "30,000,000 VND more shortfall").
    #expect(
      result.stdout.contains(
        "Result: 4 broken lines (3 new errors). Already spent beyond the new allocations: 15,000,000 VND more. Local counterpart funding still missing: 15,000,000 VND more.\n"
      ))
    #expect(try Self.snapshot() == before, "the workspace must be byte-identical after a run")

    let book = try XlsxReadBack(url: out.appendingPathComponent("s.xlsx"))
    #expect(
      try book.sheetNames() == ["Theo nguồn", "So sánh theo dòng", "Tất cả các dòng", "Phát hiện mới"])
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("s.json")))
    let object = try #require(json as? [String: Any])
    #expect(object["year"] as? Int == 2023)
    #expect((object["totals"] as? [String: Any])?["allocated"] as? Int == 1_782_000_000)
    #expect((object["baseline_totals"] as? [String: Any])?["allocated"] as? Int == 1_797_000_000)
    #expect(object["shortfall"] == nil)
    #expect(object["overspend_increase"] as? Int == 15_000_000)
    #expect(object["counterpart_shortfall_increase"] as? Int == 15_000_000)
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
    // Short labels in the headings, the full names in the legend under the title.
    #expect(cells["G7"]?.text == "Dự toán kịch bản KB1")
    #expect(
      cells["A5"]?.text?.hasSuffix(
        "\nKB1: Chuyển 7 triệu pano sang phát thanh tiếng dân tộc; KB2: Pano Phòng Dân tộc đồng tài trợ 90/10"
      )
        == true)
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
    #expect(points.map { $0["overspend_increase"] as? Int } == [10_000_000, 5_000_000, 0])
    #expect(points.map { $0["counterpart_shortfall_increase"] as? Int } == [10_000_000, 5_000_000, 0])
  }

  /// Issue 13 §6: "…với 1/11 giá trị, từ 0 đến 0" did not read as a sentence; the two kinds of
  /// missing money get a column each.
  @Test func theSweepSummaryIsASentence() throws {
    let vi = try CLIRunner.run([
      "whatif", Self.workspace, "scenarios/tinh-giam-30.yaml", "--sweep", "scale.percent=-50..0 step 5",
    ])
    let lines = vi.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.contains("Chỉ với giá trị 0 (1 trong 11 giá trị đã quét), không dòng nào bị ảnh hưởng."))
    #expect(
      lines.contains(
        "  Giá trị  Dòng bị ảnh hưởng  Lỗi mới  Chi vượt thêm (đồng)  Thiếu đối ứng thêm (đồng)  Dự toán giao (đồng)"
      ))
    #expect(
      lines.contains(
        "      -30                  4        3            15.000.000                 15.000.000        1.782.000.000"
      ))
    #expect(
      lines.contains(
        "Kết quả: 4 dòng bị ảnh hưởng (3 lỗi mới). Số đã chi vượt dự toán mới: thêm 15.000.000 đồng. Kinh phí đối ứng (NSĐP) còn thiếu: thêm 15.000.000 đồng."
      ))
    let en = try CLIRunner.run([
      "whatif", Self.workspace, "scenarios/tinh-giam-30.yaml", "--sweep", "scale.percent=-10..10 step 5",
      "--lang", "en",
    ])
    #expect(en.stdout.contains("\nWith 3 of the 5 values swept (from 0 to 10), nothing breaks.\n"))
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

import Foundation
import Testing
import XlsxReadBack

/// The built `kinhphi` binary on SampleData: exit statuses, what it prints, what it writes.
@Suite struct CheckAndSettleTests {
  @Test func checkExitsOneWhenAYearHasErrors() throws {
    let result = try CLIRunner.run(["check", CLIRunner.sample("chiem-hoa")])
    #expect(result.status == 1)
    #expect(result.stdout.contains("1 LỖI"))
    #expect(
      result.stdout.contains(
        "  Chi vượt dự toán · OVERSPEND\n    2023  TW     MOHINH    XA_KIMBINH       3.250.000\n"))
    #expect(result.stdout.contains("3.250.000"))
    #expect(result.stdout.contains("spending.csv:390"))
    #expect(result.stdout.contains("Tổng cộng: 1 lỗi"))
  }

  @Test func checkOfACleanYearExitsZero() throws {
    let result = try CLIRunner.run(["check", CLIRunner.sample("chiem-hoa"), "--year", "2022"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("NORM_EXCEEDED"))
    #expect(result.stdout.contains("960.000"))
    #expect(!result.stdout.contains("OVERSPEND"))
    #expect(result.stderr.isEmpty)  // no progress line when stderr is not a terminal
  }

  @Test func checkSpeaksEnglishOnRequest() throws {
    let result = try CLIRunner.run(["check", CLIRunner.sample("chiem-hoa"), "--year", "2023", "--lang", "en"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("1 ERROR"))
    #expect(result.stdout.contains("3,250,000"))
  }

  @Test func checkJSONListsTheFindings() throws {
    let result = try CLIRunner.run(["check", CLIRunner.sample("features/overspend"), "--json"])
    #expect(result.status == 1)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let findings = try #require(object?["findings"] as? [[String: Any]])
    #expect(findings.count == 1)
    #expect(findings[0]["code"] as? String == "OVERSPEND")
    #expect(findings[0]["amount"] as? Int == 2_000_000)
    #expect(findings[0]["unit"] as? String == "PDT")
    #expect(findings[0]["file"] == nil)  // keys that do not apply are omitted
  }

  @Test func settleJSONCarriesTheFiguresToTheDong() throws {
    let folder = try CLIRunner.temporaryDirectory()
    let path = folder.appendingPathComponent("qt-2022.json").path
    let result = try CLIRunner.run([
      "settle", CLIRunner.sample("chiem-hoa"), "--year", "2022", "--json", path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
    let root = try #require(object as? [String: Any])
    #expect(root["year"] as? Int == 2022)
    let totals = try #require(root["totals"] as? [String: Any])
    // SampleData/chiem-hoa/EXPECTED.md, 2022.
    #expect(totals["carried_in"] as? Int == 87_000_000)
    #expect(totals["allocated"] as? Int == 1_876_000_000)
    #expect(totals["available"] as? Int == 1_963_000_000)
    #expect(totals["spent"] as? Int == 1_784_520_000)
    #expect(totals["remaining"] as? Int == 178_480_000)
    #expect(totals["carry_over"] as? Int == 175_980_000)
    #expect(totals["cancelled"] as? Int == 2_500_000)
    let lines = try #require(root["lines"] as? [[String: Any]])
    #expect(lines.count == 65)
    let csdl = try #require(
      lines.first { $0["activity"] as? String == "CSDL" && $0["source"] as? String == "TW" })
    #expect(csdl["remaining"] as? Int == 75_000_000)
    #expect(csdl["carry_over"] as? Int == 75_000_000)
  }

  @Test func settleJSONToStandardOutput() throws {
    let result = try CLIRunner.run([
      "settle", CLIRunner.sample("features/unspent"), "--year", "2023", "--json", "-",
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("\"remaining\": 3000000"))
  }

  @Test(arguments: [
    ("bad-amount", "spending.csv:3:8", "1.5"),
    ("impossible-date", "spending.csv:5:3", "31/02/2023"),
    ("unknown-column", "allocations.csv:1:11", "nguoi_lap"),
    ("plan-unknown-key", "plan.yaml:43:5", "sorces"),
  ])
  func malformedInputExitsTwoWithALocatedMessageAndWritesNothing(
    workspace: String, location: String, value: String
  ) throws {
    let folder = try CLIRunner.temporaryDirectory()
    let json = folder.appendingPathComponent("out.json").path
    let xlsx = folder.appendingPathComponent("out.xlsx").path
    for arguments in [
      ["check", CLIRunner.sample("features/malformed/" + workspace)],
      ["settle", CLIRunner.sample("features/malformed/" + workspace), "--year", "2023", "--json", json],
      ["settle", CLIRunner.sample("features/malformed/" + workspace), "--year", "2023", "-o", xlsx],
    ] {
      let result = try CLIRunner.run(arguments)
      #expect(result.status == 2)
      #expect(result.stderr.contains(location), "\(result.stderr)")
      #expect(result.stderr.contains("'\(value)'"))
      #expect(result.stderr.contains("không ghi tệp nào") && result.stderr.contains("nothing was written"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func aMissingWorkspaceOrAYearOutsideThePlanIsUnusableInput() throws {
    let missing = try CLIRunner.run(["check", "/nonexistent/workspace"])
    #expect(missing.status == 2)
    let outside = try CLIRunner.run([
      "settle", CLIRunner.sample("chiem-hoa"), "--year", "2030", "--json", "-",
    ])
    #expect(outside.status == 2)
    #expect(outside.stderr.contains("2030"))
    let usage = try CLIRunner.run(["settle", CLIRunner.sample("chiem-hoa")])
    #expect(usage.status == 2)  // --year is required
  }

  @Test func helpExplainsTheWorkspaceWithAnExample() throws {
    let help = try CLIRunner.run(["--help"])
    #expect(help.status == 0)
    for text in ["plan.yaml", "allocations.csv", "spending.csv", "kinhphi check SampleData/chiem-hoa"] {
      #expect(help.stdout.contains(text))
    }
    let settleHelp = try CLIRunner.run(["settle", "--help"])
    #expect(settleHelp.stdout.contains("--scale trieu"))
  }
}

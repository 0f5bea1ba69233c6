import Foundation
import Testing
import XlsxReadBack

/// `kinhphi forms`: parse → KinhphiApp.forms → the lines printed → the exit status.
@Suite struct FormsCommandTests {
  static let workspace = CLIRunner.sample("chiem-hoa")

  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("forms-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func aYearWithAnErrorWritesTheDraftFormsAndExitsOne() throws {
    let folder = try Self.folder()
    let path = folder.appendingPathComponent("b01.xlsx").path
    let result = try CLIRunner.run(["forms", Self.workspace, "--year", "2023", "-o", path])
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("Đã ghi \(path)\n"))
    #expect(result.stdout.contains("các biểu là bản DỰ THẢO, mỗi trang in có dấu DỰ THẢO"))
    #expect(result.stderr.contains("còn 1 lỗi trong số liệu năm 2023 (mã thoát 1)"))
    let header = try XlsxReadBack(url: URL(fileURLWithPath: path)).sheet(named: "B01-BCQT").first("oddHeader")
    #expect(header?.allText.hasSuffix("DỰ THẢO") == true)
  }

  @Test func aCleanYearExitsZeroAndPerUnitWritesOneWorkbookPerUnit() throws {
    let folder = try Self.folder()
    let units = folder.appendingPathComponent("don-vi").path
    let result = try CLIRunner.run(["forms", Self.workspace, "--year", "2022", "--per-unit", units])
    #expect(result.status == 0, "\(result.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: units).sorted()
    #expect(files.contains("bao-cao-quyet-toan-2022-VHTT.xlsx"))
    #expect(result.stdout == "Đã ghi \(files.count) bảng tính (một bảng cho mỗi đơn vị) vào \(units)\n")
    let json = try CLIRunner.run(["forms", Self.workspace, "--year", "2022", "--json", "-", "--lang", "en"])
    #expect(json.status == 0)
    #expect(json.stdout.contains("\"label\": \"Proposed for settlement (17=18+19)\""))
    #expect(json.stdout.contains("\"amount\": 1784520000"))
  }

  /// Per unit, each unit's own findings decide: only XA_KIMBINH (2023's overspending) is a draft.
  @Test func perUnitOnlyTheUnitWithTheErrorIsADraft() throws {
    let units = try Self.folder().appendingPathComponent("don-vi")
    let result = try CLIRunner.run(["forms", Self.workspace, "--year", "2023", "--per-unit", units.path])
    #expect(result.status == 1)
    #expect(result.stdout.contains("biểu của đơn vị còn lỗi là bản DỰ THẢO"))
    var drafts: [String] = []
    for file in try FileManager.default.contentsOfDirectory(atPath: units.path).sorted() {
      let book = try XlsxReadBack(url: units.appendingPathComponent(file))
      if try book.sheet(named: "B01-BCQT").first("oddHeader") != nil { drafts.append(file) }
    }
    #expect(drafts == ["bao-cao-quyet-toan-2023-XA_KIMBINH.xlsx"])
  }

  /// A plan without a loại-khoản for KTGS: the forms are written, the command names the missing code
  /// (a warning: exit status 0 in 2022), and the money is under "chưa có mã".
  @Test func aMissingCodeIsWarnedAndTheFormsAreWritten() throws {
    let folder = try Self.folder()
    let workspace = folder.appendingPathComponent("ws")
    try FileManager.default.copyItem(atPath: Self.workspace, toPath: workspace.path)
    let planPath = workspace.appendingPathComponent("plan.yaml").path
    var plan = try String(contentsOfFile: planPath, encoding: .utf8)
    let ktgs = try #require(plan.range(of: "  - code: KTGS"))
    plan.removeSubrange(
      try #require(plan.range(of: "    sector_code: 340-341\n", range: ktgs.upperBound..<plan.endIndex)))
    try plan.write(toFile: planPath, atomically: true, encoding: .utf8)
    let path = folder.appendingPathComponent("bc.xlsx").path
    let result = try CLIRunner.run(["forms", workspace.path, "--year", "2022", "-o", path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Biểu thiếu mã Mục lục NSNN (1):"))
    #expect(result.stdout.contains("MISSING_BUDGET_CODE"))
    #expect(result.stdout.contains("nội dung KTGS chưa có loại-khoản"))
    #expect(result.stdout.contains("56.850.000"))
    #expect(FileManager.default.fileExists(atPath: path))
    // Beside JSON on standard output, the warning goes to standard error.
    let json = try CLIRunner.run(["forms", workspace.path, "--year", "2022", "--json", "-", "--lang", "en"])
    #expect(json.status == 0)
    #expect(json.stdout.hasPrefix("{"))
    #expect(json.stderr.contains("Budget codes missing from the forms (1):"))
  }

  /// Per unit every unit repeats the plan's gaps: ten in full, the rest counted; the JSON has them all.
  @Test func perUnitListsTheFirstMissingCodesAndCountsTheRest() throws {
    let folder = try Self.folder()
    let workspace = folder.appendingPathComponent("ws")
    try FileManager.default.copyItem(atPath: Self.workspace, toPath: workspace.path)
    let planPath = workspace.appendingPathComponent("plan.yaml").path
    let plan = try String(contentsOfFile: planPath, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("sector_code:") }
      .joined(separator: "\n")
    try plan.write(toFile: planPath, atomically: true, encoding: .utf8)
    let json = try CLIRunner.run([
      "forms", workspace.path, "--year", "2022", "--per-unit", "-", "--json", "-",
    ])
    #expect(json.status == 2)  // --per-unit and --json are one choice
    let whole = try CLIRunner.run(["forms", workspace.path, "--year", "2022", "--json", "-"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any])
    let district = try #require((object["forms"] as? [[String: Any]])?.first?["missing_codes"] as? [Any])
    // The district's forms: one warning per activity with money (all 12 lack a loại-khoản).
    #expect(district.count == 12)
    let units = folder.appendingPathComponent("don-vi").path
    let result = try CLIRunner.run(["forms", workspace.path, "--year", "2022", "--per-unit", units])
    #expect(result.status == 0, "\(result.stderr)")
    let header = try #require(
      result.stdout.split(separator: "\n").first { $0.hasPrefix("Biểu thiếu mã Mục lục NSNN (") })
    let count = try #require(
      Int(header.dropFirst("Biểu thiếu mã Mục lục NSNN (".count).prefix { $0.isNumber }))
    #expect(count > 10)
    #expect(result.stdout.components(separatedBy: "· MISSING_BUDGET_CODE\n").count - 1 == 10)
    #expect(
      result.stdout.contains("… và \(count - 10) cảnh báo MISSING_BUDGET_CODE khác (--json liệt kê đủ)."))
  }

  @Test func unusableRequestsExitTwoAndWriteNothing() throws {
    let folder = try Self.folder()
    let path = folder.appendingPathComponent("b01.xlsx").path
    let outside = try CLIRunner.run(["forms", Self.workspace, "--year", "2030", "-o", path])
    #expect(outside.status == 2)
    #expect(outside.stderr.contains("2030"))
    let both = try CLIRunner.run(["forms", Self.workspace, "--year", "2022", "-o", path, "--json", "-"])
    #expect(both.status == 2)
    #expect(both.stderr.contains("Choose one of -o, --per-unit, --json"))
    let missingFolder = try CLIRunner.run(
      [
        "forms", Self.workspace, "--year", "2022", "-o",
        folder.appendingPathComponent("khong-co/b01.xlsx").path,
      ])
    #expect(missingFolder.status == 2)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
  }
}

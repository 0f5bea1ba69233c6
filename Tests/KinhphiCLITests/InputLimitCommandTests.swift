import Foundation
import Testing
import XlsxReadBack

/// Issue 10, points 2 and 5, through the binary: what used to trap (exit 132), or passed `check` and
/// then failed at an output cell, is exit 2 with the input's file and line, and nothing is written.
@Suite("Input limits: exit 2 at the input, never a trap")
struct InputLimitCommandTests {
  static let quadrillion = "1000000000000000"

  /// plan.yaml with one source, one activity and the given units; `name` as written (YAML).
  static func plan(units: [String] = ["PDT"], name: String = "\"Giới hạn\"") -> String {
    """
    plan:
      name: \(name)
      issuer: "UBND huyện"
      first_year: 2023
      last_year: 2023
    sources:
      - {code: TW, name: "Trung ương", kind: central}
    units:
    \(units.map { "  - {code: \($0), name: \"Đơn vị \($0)\"}" }.joined(separator: "\n"))
    projects:
      - {code: DA10, name: "Dự án 10"}
    activities:
      - {code: HOINGHI, name: "Hội nghị", project: DA10}

    """
  }

  static let allocationsHeader =
    "year,source,activity,unit,kind,amount,origin_year,decision,decision_date,note\n"
  static let spendingHeader =
    "id,voucher,date,year,source,activity,unit,amount,quantity,description,reverses\n"

  static func allocation(_ amount: String, unit: String = "PDT") -> String {
    "2023,TW,HOINGHI,\(unit),initial,\(amount),,1/QĐ-UBND,,\n"
  }

  static func payment(_ id: String, _ amount: String, unit: String = "PDT", description: String = "Chi")
    -> String
  {
    "\(id),PC-1,2023-05-02,,TW,HOINGHI,\(unit),\(amount),,\(description),\n"
  }

  /// A folder with the files given (name → text).
  static func folder(_ files: [String: String], in parent: URL, named name: String) throws -> URL {
    let url = parent.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for (file, text) in files {
      try text.write(to: url.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }
    return url
  }

  @Test("2(a): whatif doubling a line again and again: exit 2 at the scale that passes the limit")
  func whatifScale() throws {
    let root = try CLIRunner.temporaryDirectory()
    let workspace = try Self.folder(
      [
        "plan.yaml": Self.plan(),
        "allocations.csv": Self.allocationsHeader + Self.allocation(Self.quadrillion),
        "spending.csv": Self.spendingHeader,
      ], in: root, named: "ws")
    let scenario = root.appendingPathComponent("s.yaml")
    try
      ("scenario: {name: \"Gấp đôi\", year: 2023}\noperations:\n"
      + String(repeating: "  - scale: {source: TW, percent: 100}\n", count: 20))
      .write(to: scenario, atomically: true, encoding: .utf8)
    let out = root.appendingPathComponent("so-sanh.xlsx")
    let result = try CLIRunner.run(["whatif", workspace.path, scenario.path, "-o", out.path])
    // Operations on lines 3, 4, 5, …: the first two reach 4 × 10^15 exactly, the third passes it.
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("\(scenario.path):5:5"), "\(result.stderr)")
    #expect(
      result.stderr.contains("4.000.000.000.000.000") && result.stderr.contains("4,000,000,000,000,000"))
    #expect(!FileManager.default.fileExists(atPath: out.path))

    // Two doublings: exactly at the limit, the comparison workbook is written.
    try
      ("scenario: {name: \"Gấp đôi\", year: 2023}\noperations:\n"
      + String(repeating: "  - scale: {source: TW, percent: 100}\n", count: 2))
      .write(to: scenario, atomically: true, encoding: .utf8)
    let atLimit = try CLIRunner.run(["whatif", workspace.path, scenario.path, "-o", out.path])
    #expect(atLimit.status == 0, "\(atLimit.stderr)")
    #expect(FileManager.default.fileExists(atPath: out.path))
  }

  @Test("2(b): whatif with 9,500 'set' of 10^15: exit 2 at the set that passes the limit")
  func whatifManySets() throws {
    let root = try CLIRunner.temporaryDirectory()
    let units = (1...9_500).map { String(format: "U%05d", $0) }
    let workspace = try Self.folder(
      [
        "plan.yaml": Self.plan(units: units),
        "allocations.csv": Self.allocationsHeader + Self.allocation("1000000", unit: "U00001"),
        "spending.csv": Self.spendingHeader,
      ], in: root, named: "ws")
    let scenario = root.appendingPathComponent("s.yaml")
    var text = "scenario: {name: \"Nhiều set\", year: 2023}\noperations:\n"
    for unit in units {
      text += "  - set: {line: {source: TW, activity: HOINGHI, unit: \(unit)}, amount: \(Self.quadrillion)}\n"
    }
    try text.write(to: scenario, atomically: true, encoding: .utf8)
    let json = root.appendingPathComponent("out.json")
    let result = try CLIRunner.run(["whatif", workspace.path, scenario.path, "--json", json.path])
    // Sets 1–4 take Σ to exactly 4 × 10^15 (the first replaces the 10^6 allocated); the fifth, on
    // line 7, passes it.
    #expect(result.status == 2, "\(result.stderr.prefix(2000))")
    #expect(result.stderr.contains("\(scenario.path):7:5"), "\(result.stderr.prefix(2000))")
    #expect(result.stderr.contains("'set'"))
    #expect(!FileManager.default.fileExists(atPath: json.path))
  }

  @Test("2(c): consolidate of ten units at the old per-file limit: exit 2 at each file's row")
  func consolidateTenUnitsAtTheOldFileLimit() throws {
    let root = try CLIRunner.temporaryDirectory()
    let units = (1...10).map { "U\($0)" }
    let district = try Self.folder(
      [
        "plan.yaml": Self.plan(units: units),
        "allocations.csv": Self.allocationsHeader
          + units.map { Self.allocation("1000000", unit: $0) }.joined(),
        "spending.csv": Self.spendingHeader,
      ], in: root, named: "huyen")
    var folders: [String] = []
    for unit in units {
      let rows = (1...1_000).map { Self.payment("p\($0)", Self.quadrillion, unit: unit) }.joined()
      folders.append(
        try Self.folder(
          ["allocations.csv": Self.allocationsHeader, "spending.csv": Self.spendingHeader + rows], in: root,
          named: unit.lowercased()
        ).path)
    }
    let out = root.appendingPathComponent("hop-nhat.xlsx")
    let result = try CLIRunner.run(
      ["consolidate", district.path] + folders + ["--year", "2023", "-o", out.path])
    // Each file passes 4 × 10^15 on its fifth row (line 6).
    #expect(result.status == 2, "\(result.stderr.prefix(2000))")
    #expect(result.stderr.contains("u1/spending.csv:6"), "\(result.stderr.prefix(2000))")
    #expect(result.stderr.contains("u10/spending.csv:6"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test("2(c): five units each within the limit, together past it: exit 2 at the row that passes it")
  func consolidateFiveUnitsTogether() throws {
    let root = try CLIRunner.temporaryDirectory()
    let units = (1...5).map { "U\($0)" }
    let district = try Self.folder(
      [
        "plan.yaml": Self.plan(units: units),
        "allocations.csv": Self.allocationsHeader
          + units.map { Self.allocation("100000000000000", unit: $0) }.joined(),
        "spending.csv": Self.spendingHeader,
      ], in: root, named: "huyen")
    var folders: [String] = []
    for unit in units {
      folders.append(
        try Self.folder(
          [
            "allocations.csv": Self.allocationsHeader,
            "spending.csv": Self.spendingHeader + Self.payment("p1", Self.quadrillion, unit: unit),
          ], in: root, named: unit.lowercased()
        ).path)
    }
    let out = root.appendingPathComponent("hop-nhat.xlsx")
    let result = try CLIRunner.run(
      ["consolidate", district.path] + folders + ["--year", "2023", "-o", out.path])
    // District 5 × 10^14, u1–u3 3 × 10^15: u4's payment passes 4 × 10^15. Before the fix: "beyond 2^53"
    // from the workbook writer, with no input location.
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("u4/spending.csv:2"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test("A workspace exactly at the limit settles, and its workbook holds the exact figures")
  func workspaceAtTheLimitSettles() throws {
    let root = try CLIRunner.temporaryDirectory()
    let workspace = try Self.folder(
      [
        "plan.yaml": Self.plan(),
        "allocations.csv": Self.allocationsHeader + Self.allocation(Self.quadrillion)
          + Self.allocation(Self.quadrillion),
        "spending.csv": Self.spendingHeader + Self.payment("c1", Self.quadrillion)
          + Self.payment("c2", "999999999999999") + Self.payment("c3", "1"),
      ], in: root, named: "ws")
    let out = root.appendingPathComponent("qt.xlsx")
    let result = try CLIRunner.run(["settle", workspace.path, "--year", "2023", "-o", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    let summary = try XlsxReadBack(url: out).cells(sheet: "Tổng hợp")
    #expect(summary.values.contains { $0.value == "2000000000000000" })

    // One đồng more: exit 2 at that row, and `check` says the same.
    try
      (Self.spendingHeader + Self.payment("c1", Self.quadrillion) + Self.payment("c2", Self.quadrillion)
      + Self.payment("c3", "1"))
      .write(to: workspace.appendingPathComponent("spending.csv"), atomically: true, encoding: .utf8)
    for command in [
      ["check", workspace.path], ["settle", workspace.path, "--year", "2023", "-o", out.path + "2"],
    ] {
      let over = try CLIRunner.run(command)
      #expect(over.status == 2, "\(over.stderr)")
      #expect(over.stderr.contains("spending.csv:4"), "\(over.stderr)")
    }
  }

  @Test("5: check refuses ten times 10^15 on one line, which settle could not write")
  func checkRefusesTenQuadrillion() throws {
    let root = try CLIRunner.temporaryDirectory()
    let rows = (1...10).map { Self.payment("c\($0)", Self.quadrillion) }.joined()
    let workspace = try Self.folder(
      [
        "plan.yaml": Self.plan(), "allocations.csv": Self.allocationsHeader + Self.allocation("1000000"),
        "spending.csv": Self.spendingHeader + rows,
      ], in: root, named: "ws")
    let result = try CLIRunner.run(["check", workspace.path])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("spending.csv:6"), "\(result.stderr)")
  }

  @Test(
    "5: text the workbook cannot hold is refused by check, at the input, escaped",
    arguments: [
      ("spending.csv", "Chi\u{1}hội nghị", "spending.csv:2:10", "U+0001"),
      ("spending.csv", "Chi\u{1B}[31m", "spending.csv:2:10", "U+001B"),
      ("spending.csv", "Chi\u{FFFE}", "spending.csv:2:10", "U+FFFE"),
      ("spending.csv", String(repeating: "x", count: 32_768), "spending.csv:2:10", "32768"),
      ("plan.yaml", "\"Kế hoạch\\0\"", "plan.yaml:2:9", "U+0000"),
      ("plan.yaml", "\"Kế hoạch\\uFFFF\"", "plan.yaml:2:9", "U+FFFF"),
    ])
  func textTheOutputsCannotHold(file: String, value: String, location: String, named: String) throws {
    let root = try CLIRunner.temporaryDirectory()
    let workspace = try Self.folder(
      [
        "plan.yaml": file == "plan.yaml" ? Self.plan(name: value) : Self.plan(),
        "allocations.csv": Self.allocationsHeader + Self.allocation("5000000"),
        "spending.csv": Self.spendingHeader
          + Self.payment("c1", "1000000", description: file == "spending.csv" ? value : "Chi"),
      ], in: root, named: "ws")
    let out = root.appendingPathComponent("qt.xlsx")
    for command in [
      ["check", workspace.path], ["settle", workspace.path, "--year", "2023", "-o", out.path],
    ] {
      let result = try CLIRunner.run(command)
      #expect(result.status == 2, "\(result.stderr)")
      #expect(result.stderr.contains(location), "\(result.stderr)")
      #expect(result.stderr.contains(named), "\(result.stderr)")
      // The raw character never reaches the terminal.
      #expect(!result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0xFFFE })
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }
}

import Foundation
import Testing

/// Issue 13 §7: help that reads cleanly, references that exist, messages that say what is wrong, and a
/// program that finds its own templates wherever it is run from.
@Suite struct MessagesTests {
  static let commands = [
    [], ["check"], ["settle"], ["whatif"], ["close"], ["handover"], ["import"], ["consolidate"],
    ["generate"],
  ]

  /// ArgumentParser wraps the help at 80 columns; text wrapped by hand as well gave ragged lines
  /// ("…rồi" / "GHI THÊM…" split mid-paragraph) and examples whose tail fell to column 0.
  @Test(arguments: commands)
  func helpIsWrappedOnce(_ command: [String]) throws {
    let result = try CLIRunner.run(command + ["--help"])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let discussion = lines.prefix { !$0.hasPrefix("USAGE:") }
    for (line, next) in zip(discussion, discussion.dropFirst()) where !line.isEmpty && !next.isEmpty {
      let nextWord = next.split(separator: " ").first.map(String.init) ?? ""
      if line.hasPrefix(" ") {
        // An indented line (example, table) is never continued at column 0.
        #expect(next.hasPrefix(" "), "\(command): '\(line)' wrapped onto '\(next)'")
      } else if !next.hasPrefix(" ") {
        // A line of a paragraph ends only where the next word would not have fitted.
        #expect(
          line.count + 1 + nextWord.count >= 80 || line.hasSuffix(".") || line.hasSuffix(":"),
          "\(command): ragged line '\(line)' before '\(next)'")
      }
    }
  }

  @Test func noReferenceToTheMissingFormatsFile() throws {
    #expect(!(try CLIRunner.run(["--help"]).stdout.contains("FORMATS.md")))
    #expect(try CLIRunner.run(["--help"]).stdout.contains("docs/workspace-format.md"))
    let sources = CLIRunner.packageRoot.appendingPathComponent("Sources")
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
    var citing: [String] = []
    while let url = files?.nextObject() as? URL {
      if url.pathExtension == "swift", try String(contentsOf: url, encoding: .utf8).contains("FORMATS.md") {
        citing.append(url.path)
      }
    }
    #expect(citing.isEmpty)
  }

  /// A year outside the plan is a mistake on the command line, not an unusable input file.
  @Test func aYearOutsideThePlanSaysSo() throws {
    let result = try CLIRunner.run(["check", CLIRunner.sample("chiem-hoa"), "--year", "2027"])
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "Lỗi: năm 2027 nằm ngoài kế hoạch 2021–2025; chọn một năm trong khoảng đó. Không ghi tệp nào.\n"
        + "Error: 2027 is outside the plan 2021–2025; choose a year within it. Nothing was written.\n")
    #expect(result.stdout.isEmpty)
  }

  @Test func anExistingOutputFileIsNamed() throws {
    let folder = try CLIRunner.temporaryDirectory()
    let rows = folder.appendingPathComponent("mo-so.csv")
    try Data("x\n".utf8).write(to: rows)
    let result = try CLIRunner.run([
      "handover", CLIRunner.sample("chiem-hoa"), "--date", "2025-06-30", "--map",
      CLIRunner.sample("chiem-hoa/successors.yaml"), "-o", folder.appendingPathComponent("b.xlsx").path,
      "--rows", rows.path,
    ])
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("Lỗi: tệp đầu ra đã tồn tại: \(rows.path);"))
    #expect(!result.stderr.contains("không dùng được"))
  }

  /// The default templates are found from the program's own place, not from the current folder.
  @Test func theTemplatesAreFoundFromAnywhere() throws {
    let elsewhere = try CLIRunner.temporaryDirectory()
    let book = elsewhere.appendingPathComponent("qt.xlsx")
    let result = try CLIRunner.run(
      ["settle", CLIRunner.sample("chiem-hoa"), "--year", "2022", "-o", book.path], in: elsewhere)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: book.path))
  }

  /// `make install`'s layout: PREFIX/bin/kinhphi finds PREFIX/share/kinhphi/Templates.
  @Test func anInstalledProgramFindsItsTemplates() throws {
    let prefix = try CLIRunner.temporaryDirectory()
    let manager = FileManager.default
    try manager.createDirectory(
      at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
    try manager.createDirectory(
      at: prefix.appendingPathComponent("share/kinhphi"), withIntermediateDirectories: true)
    try manager.copyItem(at: CLIRunner.binary, to: prefix.appendingPathComponent("bin/kinhphi"))
    try manager.copyItem(
      at: CLIRunner.packageRoot.appendingPathComponent("Templates"),
      to: prefix.appendingPathComponent("share/kinhphi/Templates"))
    // Found on PATH, as an officer runs it: argv[0] is then just "kinhphi".
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.environment = ["PATH": prefix.appendingPathComponent("bin").path + ":/usr/bin:/bin"]
    process.arguments = [
      "kinhphi", "settle", CLIRunner.sample("chiem-hoa"), "--year", "2022", "-o",
      prefix.appendingPathComponent("qt.xlsx").path,
    ]
    process.currentDirectoryURL = prefix
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(manager.fileExists(atPath: prefix.appendingPathComponent("qt.xlsx").path))
  }
}

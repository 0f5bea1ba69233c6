import Foundation
import Testing

/// Tier 3 of the CLI tests: whole outputs, as hledger's `.test` files hold them. Each file in
/// GoldenText/ is one run of the built binary from the package root:
///
///     $ kinhphi ARGUMENTS…          (one line; arguments split on spaces; $OUT is a fresh folder)
///     >1                            (then the exact standard output)
///     >2                            (then the exact standard error)
///     >= STATUS
///
/// Regenerate with `KINHPHI_UPDATE_GOLDEN_TEXT=1 swift test --filter GoldenTextTests`, then read the diff.
@Suite struct GoldenTextTests {
  static let folder = CLIRunner.packageRoot.appendingPathComponent("Tests/KinhphiCLITests/GoldenText")

  static var files: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
      $0.hasSuffix(".test")
    }
    .sorted()
  }

  struct Case {
    let arguments: [String]
    let stdout: String
    let stderr: String
    let status: Int32

    init(parsing text: String) throws {
      let lines = text.components(separatedBy: "\n")
      guard let command = lines.first, command.hasPrefix("$ kinhphi "),
        let outMark = lines.firstIndex(of: ">1"), let errMark = lines.firstIndex(of: ">2"),
        let statusLine = lines.last(where: { $0.hasPrefix(">= ") }),
        let statusMark = lines.lastIndex(of: statusLine),
        let status = Int32(statusLine.dropFirst(3)), outMark < errMark, errMark < statusMark
      else { throw CocoaError(.fileReadCorruptFile) }
      arguments = command.dropFirst("$ kinhphi ".count).split(separator: " ").map(String.init)
      stdout = lines[(outMark + 1)..<errMark].map { $0 + "\n" }.joined()
      stderr = lines[(errMark + 1)..<statusMark].map { $0 + "\n" }.joined()
      self.status = status
    }

    func text(stdout: String, stderr: String, status: Int32) -> String {
      "$ kinhphi " + arguments.joined(separator: " ") + "\n>1\n" + stdout + ">2\n" + stderr + ">= \(status)\n"
    }
  }

  @Test func thereAreGoldenTexts() {
    #expect(Self.files.count >= 6)
  }

  @Test(arguments: files)
  func wholeOutputIsExactlyTheGoldenText(_ name: String) throws {
    let path = Self.folder.appendingPathComponent(name)
    let golden = try Case(parsing: try String(contentsOf: path, encoding: .utf8))
    let out = try CLIRunner.temporaryDirectory()
    let result = try CLIRunner.run(
      golden.arguments.map { $0.replacingOccurrences(of: "$OUT", with: out.path) },
      environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    // The fresh folder's path differs on every run: shown as $OUT.
    let stdout = result.stdout.replacingOccurrences(of: out.path, with: "$OUT")
    let stderr = result.stderr.replacingOccurrences(of: out.path, with: "$OUT")
    if ProcessInfo.processInfo.environment["KINHPHI_UPDATE_GOLDEN_TEXT"] != nil {
      try golden.text(stdout: stdout, stderr: stderr, status: result.status)
        .write(to: path, atomically: true, encoding: .utf8)
      return
    }
    #expect(stdout == golden.stdout, "\(name): standard output")
    #expect(stderr == golden.stderr, "\(name): standard error")
    #expect(result.status == golden.status, "\(name): exit status")
  }
}

import BudgetEngine
import BudgetIO
import Foundation
import Testing
import XlsxReadBack

@testable import SettlementReports

/// The default workbook of a small workspace, compared part by part with reviewed golden files in
/// `Golden/carry-over-2023/`. Parts are stored one XML tag per line so a change reads as a small diff.
/// Regenerate with `make golden` (sets KINHPHI_UPDATE_GOLDEN=1), then review `git diff` before committing.
@Suite struct GoldenWorkbookTests {
  static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden/carry-over-2023")

  /// One tag per line; the creation and modification stamps are the only parts of the file that may
  /// differ between runs, and they are fixed here anyway (a fixed `created` date) — removed for safety.
  static func normalized(_ data: Data) -> String {
    var text = String(decoding: data, as: UTF8.self)
    text = text.replacingOccurrences(of: "><", with: ">\n<")
    for tag in ["dcterms:created", "dcterms:modified"] {
      while let open = text.range(of: "<\(tag) "),
        let close = text.range(of: "</\(tag)>", range: open.upperBound..<text.endIndex)
      {
        text.replaceSubrange(open.lowerBound..<close.upperBound, with: "<\(tag)/>")
      }
    }
    return text.hasSuffix("\n") ? text : text + "\n"
  }

  @Test func defaultWorkbookMatchesTheGoldenFilesPartByPart() throws {
    let url = try SettlementWorkbookTests.temporaryFile("golden.xlsx")
    let book = try SettlementWorkbookTests.write(workspace: "features/carry-over", year: 2023, to: url)
    let parts = book.parts.mapValues(Self.normalized)

    if ProcessInfo.processInfo.environment["KINHPHI_UPDATE_GOLDEN"] != nil {
      try? FileManager.default.removeItem(at: Self.goldenFolder)
      for (path, text) in parts {
        let file = Self.goldenFolder.appendingPathComponent(path)
        try FileManager.default.createDirectory(
          at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
      }
      return
    }

    let enumerator = FileManager.default.enumerator(at: Self.goldenFolder, includingPropertiesForKeys: nil)
    var goldenPaths: [String] = []
    while let file = enumerator?.nextObject() as? URL {
      guard !file.hasDirectoryPath else { continue }
      goldenPaths.append(String(file.path.dropFirst(Self.goldenFolder.path.count + 1)))
    }
    #expect(
      goldenPaths.sorted() == parts.keys.sorted(), "the workbook's parts changed; run make golden and review")
    for path in goldenPaths.sorted() {
      let golden = try String(contentsOf: Self.goldenFolder.appendingPathComponent(path), encoding: .utf8)
      let written = parts[path] ?? ""
      if golden != written {
        let goldenLines = golden.components(separatedBy: "\n")
        let writtenLines = written.components(separatedBy: "\n")
        let first =
          zip(goldenLines, writtenLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
          ?? min(goldenLines.count, writtenLines.count)
        let expected = first < goldenLines.count ? goldenLines[first] : "<end>"
        let wrote = first < writtenLines.count ? writtenLines[first] : "<end>"
        let message =
          "\(path) differs from its golden file at line \(first + 1): expected \(expected), wrote \(wrote)"
        Issue.record(Comment(rawValue: message))
      }
    }
  }
}

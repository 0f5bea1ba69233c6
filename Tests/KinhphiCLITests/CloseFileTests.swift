import Foundation
import Testing

/// What `close` does to the allocations file on disk.
@Suite struct CloseFileTests {
  /// allocations.csv kept elsewhere and linked into the workspace: the rows go into the file the link
  /// points to, and the link stays a link (it used to be replaced by a regular file).
  @Test func aSymlinkedAllocationsFileIsWrittenThrough() throws {
    let root = try CLIRunner.temporaryDirectory()
    let workspace = root.appendingPathComponent("ws")
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: CLIRunner.sample("features/close-chain")), to: workspace)
    let shared = root.appendingPathComponent("chung")
    try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
    let target = shared.appendingPathComponent("du-toan.csv")
    let link = workspace.appendingPathComponent("allocations.csv")
    try FileManager.default.moveItem(at: link, to: target)
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
    let before = try Data(contentsOf: target)

    let result = try CLIRunner.run(["close", workspace.path, "--year", "2023", "--yes"])
    #expect(result.status == 0, "\(result.stderr)")
    let type = try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType
    #expect(type == .typeSymbolicLink)
    let after = try Data(contentsOf: target)
    #expect(after.count > before.count && after.prefix(before.count) == before)
    #expect(String(decoding: after, as: UTF8.self).contains(";carry_in;"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: shared.path) == ["du-toan.csv"])
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter { $0.hasPrefix(".") }.isEmpty
    )
  }
}

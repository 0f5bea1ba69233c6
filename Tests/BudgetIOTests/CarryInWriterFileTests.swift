import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

/// How the appended allocations file is written on disk: the file's own line ending, a symbolic link
/// written through to its target, and no temporary file of any naming left in the folder.
@Suite struct CarryInWriterFileTests {
  static let row = CarryInWriter.Row(
    year: 2024, source: "TW", activity: "PANO", unit: "PDT", kind: .carryIn, amount: Money(dong: 10_000_000),
    originYear: 2022, note: "x")
  static let header = "year,source,activity,unit,kind,amount,origin_year,decision,note"
  static let existing = "2023,TW,PANO,PDT,initial,20000000,,1/QĐ,a"
  static let added = "2024,TW,PANO,PDT,carry_in,10000000,2022,....../QĐ-UBND,x"

  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "carry-in-file-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test(arguments: ["\n", "\r\n", "\r"])
  func theFilesOwnLineEndingIsKept(lineEnding: String) throws {
    let folder = try Self.folder()
    let path = folder.appendingPathComponent("allocations.csv").path
    let original = Self.header + lineEnding + Self.existing + lineEnding
    try Data(original.utf8).write(to: URL(fileURLWithPath: path))
    try CarryInWriter.append([Self.row], toFileAt: path, file: "allocations.csv")
    let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    #expect(written == original + Self.added + lineEnding)
    // And the reader still takes it, with the new row.
    let rows = try AllocationsReader.read(bytes: Array(written.utf8), file: "allocations.csv")
    #expect(rows.count == 2)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["allocations.csv"])
  }

  @Test func aLastLineWithoutItsCarriageReturnGetsOne() throws {
    let folder = try Self.folder()
    let path = folder.appendingPathComponent("allocations.csv").path
    try Data((Self.header + "\r" + Self.existing).utf8).write(to: URL(fileURLWithPath: path))
    try CarryInWriter.append([Self.row], toFileAt: path, file: "allocations.csv")
    let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    #expect(written == Self.header + "\r" + Self.existing + "\r" + Self.added + "\r")
  }

  /// allocations.csv kept in a shared folder and linked into the workspace stays a link; the rows go
  /// into the file it points to, and the target keeps its permissions.
  @Test func aSymbolicLinkIsWrittenThroughToItsTarget() throws {
    let folder = try Self.folder()
    let shared = folder.appendingPathComponent("shared")
    try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
    let target = shared.appendingPathComponent("du-toan.csv")
    try Data((Self.header + "\n" + Self.existing + "\n").utf8).write(to: target)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target.path)
    let workspace = folder.appendingPathComponent("ws")
    try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
    let link = workspace.appendingPathComponent("allocations.csv")
    try FileManager.default.createSymbolicLink(
      atPath: link.path, withDestinationPath: "../shared/du-toan.csv")

    try CarryInWriter.append([Self.row], toFileAt: link.path, file: "allocations.csv")

    let type = try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType
    #expect(type == .typeSymbolicLink)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "../shared/du-toan.csv")
    let written = String(decoding: try Data(contentsOf: target), as: UTF8.self)
    #expect(written == Self.header + "\n" + Self.existing + "\n" + Self.added + "\n")
    let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
    #expect(mode == 0o640)
    #expect(try FileManager.default.contentsOfDirectory(atPath: shared.path) == ["du-toan.csv"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path) == ["allocations.csv"])
  }
}

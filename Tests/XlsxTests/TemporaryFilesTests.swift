import Foundation
import SafeOutput
import Testing
import Xlsx

/// Our temporary files carry the creating process's id, so that a run can tell the files a killed
/// run left (its process is gone) from those of a run still writing, and never touches other names.
@Suite struct TemporaryFilesTests {
  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tmpfiles-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func aWorkbookWritesThroughATemporaryFileNamedWithOurPid() throws {
    let folder = try Self.folder()
    let workbook = try Workbook(path: folder.appendingPathComponent("a.xlsx").path)
    _ = try workbook.addWorksheet(named: "A")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(names.count == 1)
    let name = try #require(names.first)
    #expect(name.hasPrefix(".kinhphi-\(getpid())-") && name.hasSuffix(".xlsx.tmp"))
    #expect(TemporaryFiles.creatorPid(ofTemporaryName: name) == getpid())
    #expect(TemporaryFiles.registeredPaths.contains(folder.appendingPathComponent(name).path))
    try workbook.close()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.xlsx"])
    #expect(!TemporaryFiles.registeredPaths.contains(folder.appendingPathComponent(name).path))
  }

  @Test func theSweepRemovesOnlyOldFilesOfDeadProcesses() throws {
    let folder = try Self.folder()
    let finished = Process()
    finished.executableURL = URL(fileURLWithPath: "/bin/true")
    try finished.run()
    finished.waitUntilExit()
    let dead = finished.processIdentifier
    let names = [
      ".kinhphi-\(dead)-aB3dE9.xlsx.tmp",  // a killed run's: removed
      ".kinhphi-\(getpid())-aB3dE9.csv.tmp",  // ours, still writing: kept
      ".kinhphi-1-aB3dE9.xlsx.tmp",  // pid 1 is running: kept
      ".kinhphi-notes.tmp", "kinhphi-\(dead)-aB3dE9.xlsx.tmp", ".kinhphi-\(dead)-aB3dE9.xlsx",  // not ours
    ]
    let hourAgo = Date().addingTimeInterval(-3600)
    for name in names {
      let path = folder.appendingPathComponent(name).path
      try Data("x".utf8).write(to: URL(fileURLWithPath: path))
      try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: path)
    }
    TemporaryFiles.sweepStale(in: folder.path)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == names.dropFirst().sorted())
  }

  @Test func aNewFileOfADeadPidIsKeptUntilItIsOlderThanThisProcess() throws {
    // Written after this process started: it cannot be a leftover of a run before this one.
    let folder = try Self.folder()
    _ = TemporaryFiles.registeredPaths  // this process's start time is fixed by now
    let name = ".kinhphi-999999-aB3dE9.xlsx.tmp"
    try Data("x".utf8).write(to: folder.appendingPathComponent(name))
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(3600)],
      ofItemAtPath: folder.appendingPathComponent(name).path)
    TemporaryFiles.sweepStale(in: folder.path)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [name])
  }
}

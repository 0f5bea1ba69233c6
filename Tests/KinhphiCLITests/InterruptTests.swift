import Foundation
import Testing

/// What an interrupted or killed run leaves behind: nothing of ours. SIGINT / SIGTERM remove our
/// temporary files before exiting with 130 / 143; after SIGKILL (which cannot be caught) the next run
/// in the same folder removes the files of the dead process.
@Suite(.serialized) struct InterruptTests {
  /// A generated workspace big enough that writing its workbook takes a few seconds.
  static func workspace() throws -> URL {
    let folder = try CLIRunner.temporaryDirectory().appendingPathComponent("ws")
    let result = try CLIRunner.run([
      "generate", folder.path, "--units", "50", "--payments", "60000", "--seed", "3", "--quiet",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    return folder
  }

  static func temporaryFiles(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasPrefix(".kinhphi-") && $0.hasSuffix(".tmp")
    }
  }

  /// Starts `settle` into `folder`, waits until its temporary workbook exists (it is being written),
  /// then sends `signal`; returns the exit status and what the folder holds afterwards.
  static func settleInterrupted(by signal: Int32, into folder: URL) throws -> (
    status: Int32, reason: Process.TerminationReason
  ) {
    let process = Process()
    process.executableURL = CLIRunner.binary
    process.arguments = [
      "settle", try workspace().path, "--year", "2023", "-o", folder.appendingPathComponent("q.xlsx").path,
      "--quiet",
    ]
    process.currentDirectoryURL = CLIRunner.packageRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Waiting for a condition, not for a time: the temporary file appears once writing has begun.
    while try temporaryFiles(in: folder).isEmpty && process.isRunning { usleep(10_000) }
    #expect(process.isRunning, "settle ended before it could be interrupted")
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    return (process.terminationStatus, process.terminationReason)
  }

  @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
  func aSignalDuringSettleRemovesTheTemporaryWorkbook(signal: Int32, status: Int32) throws {
    let folder = try CLIRunner.temporaryDirectory()
    let (exit, reason) = try Self.settleInterrupted(by: signal, into: folder)
    #expect(reason == .exit)
    #expect(exit == status)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func aKilledRunsTemporaryFileIsSweptByTheNextRunInTheSameFolder() throws {
    let folder = try CLIRunner.temporaryDirectory()
    let (_, reason) = try Self.settleInterrupted(by: SIGKILL, into: folder)
    #expect(reason == .uncaughtSignal)
    let left = try Self.temporaryFiles(in: folder)
    #expect(left.count == 1)  // SIGKILL cannot be caught
    // Somebody else's file that merely looks similar is never touched.
    let foreign = folder.appendingPathComponent(".kinhphi-notes.tmp")
    try Data("x".utf8).write(to: foreign)

    let next = try CLIRunner.run([
      "settle", CLIRunner.sample("chiem-hoa"), "--year", "2022", "-o",
      folder.appendingPathComponent("b.xlsx").path,
    ])
    #expect(next.status == 0, "\(next.stderr)")
    #expect(try Self.temporaryFiles(in: folder) == [".kinhphi-notes.tmp"])
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("b.xlsx").path))
  }
}

import Foundation

/// Runs the built `kinhphi` binary the way an officer or a script would, and captures what it says.
struct CLIRunner {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// The package root, found from this file's path (Tests/KinhphiCLITests/CLIRunner.swift).
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The binary beside the test bundle (`swift build` puts both in the same products folder), or
  /// $KINHPHI_BIN.
  static let binary: URL = {
    if let path = ProcessInfo.processInfo.environment["KINHPHI_BIN"] {
      return URL(fileURLWithPath: path)
    }
    let testBundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [
      testBundleFolder.appendingPathComponent("kinhphi"),
      testBundleFolder.deletingLastPathComponent().appendingPathComponent("kinhphi"),
      packageRoot.appendingPathComponent(".build/debug/kinhphi"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
  }()

  static func sample(_ relativePath: String) -> String {
    packageRoot.appendingPathComponent("SampleData").appendingPathComponent(relativePath).path
  }

  static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:])
    throws -> Result
  {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? packageRoot
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting: a full pipe would otherwise block the child forever.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// A fresh temporary folder for outputs.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("kinhphi-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

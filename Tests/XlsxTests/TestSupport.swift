import Foundation

@testable import Xlsx

/// A fresh folder per test, removed when the test ends.
final class TestFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "xlsx-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  /// Names of everything in the folder, hidden files included.
  func contents() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
  }
}

enum Fixture {
  /// 2024-01-02T03:04:05Z: a fixed, non-zero creation date for reproducible output.
  static let created = Date(timeIntervalSince1970: 1_704_164_645)

  static var options: WorkbookOptions {
    WorkbookOptions(
      properties: DocumentProperties(title: "Quyết toán kinh phí", author: "kinhphi", created: created))
  }
}

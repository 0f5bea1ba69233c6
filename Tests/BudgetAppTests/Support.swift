import BudgetApp
import BudgetCore
import Foundation

/// The package root, the sample workspace and a fresh folder for outputs.
enum Fixture {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func sample(_ relativePath: String) -> String {
    packageRoot.appendingPathComponent("SampleData").appendingPathComponent(relativePath).path
  }

  static let chiemHoa = sample("chiem-hoa")

  /// The application with the package's own templates and a fixed date (reproducible workbooks).
  static let app = KinhphiApp(
    templates: TemplateLocations(folders: [packageRoot.appendingPathComponent("Templates").path]),
    documentDate: Date(timeIntervalSince1970: 1_700_000_000))

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kinhphi-app-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The files in a folder, sorted (to show that nothing was written).
  static func contents(of folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }
}

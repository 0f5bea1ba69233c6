import BudgetCore
import Foundation
import SettlementReports

/// Where the report templates live: the folders searched, in order, for a template's file name when
/// the request names no template file of its own.
public struct TemplateLocations: Hashable, Sendable {
  public let folders: [String]

  public init(folders: [String]) {
    self.folders = folders
  }

  /// The templates that came with the program: `$KINHPHI_TEMPLATES`, then beside the executable's
  /// real path (not the current folder, so the program works the same from anywhere):
  /// `PREFIX/share/kinhphi/Templates` after `make install` (`PREFIX/bin/kinhphi`), or the package's
  /// `Templates/` for a binary in `.build/<config>/` (up to four folders up).
  public static func installed(executable: URL, environment: [String: String]) -> TemplateLocations {
    var folders: [String] = []
    if let folder = environment["KINHPHI_TEMPLATES"] { folders.append(folder) }
    var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
    folders.append(folder.deletingLastPathComponent().appendingPathComponent("share/kinhphi/Templates").path)
    for _ in 0..<4 {
      folders.append(folder.appendingPathComponent("Templates").path)
      folder = folder.deletingLastPathComponent()
    }
    return TemplateLocations(folders: folders)
  }

  /// The paths tried for `fileName`, in order (the explicit file alone when one is given).
  public func candidates(explicitPath: String?, fileName: String) -> [String] {
    if let explicitPath { return [explicitPath] }
    return folders.map { $0 + "/" + fileName }
  }

  /// The template read from the first candidate that exists, or a located error saying where it looked.
  public func load(
    explicitPath: String?, fileName: String = TemplateReader.defaultFileName,
    kinds: Set<SheetKind> = SheetKind.settlementKinds
  ) throws(AppError) -> SettlementTemplate {
    let candidates = candidates(explicitPath: explicitPath, fileName: fileName)
    guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
      let list = candidates.joined(separator: ", ")
      throw .input(
        nil, vi: "Không tìm thấy mẫu báo cáo; đã tìm: \(list). Dùng --template.",
        en: "No report template found; looked in: \(list). Use --template.")
    }
    return try AppError.mapping { try TemplateReader.read(path: path, kinds: kinds) }
  }
}

import BudgetApp
import BudgetCore
import Foundation

/// Makes a download's bytes through the application layer's entry points, as `kinhphi settle` and
/// `kinhphi forms` make the same files, into a private temporary folder that is removed after.
enum ReportMaker {
  static func make(_ download: ReportPages.Download, app: KinhphiApp, workspace: String, language: Language)
    -> Result<Data, AppError>
  {
    TemporaryFolder.with { folder in
      let style = WorkbookStyle(language: language)
      let path = folder + "/" + download.fileName
      do throws(AppError) {
        switch download {
        case .json(let year):
          let result = try app.settleYear(
            SettleYearRequest(workspace: workspace, year: year, output: .jsonText, style: style))
          return .success(Data((result.json ?? "").utf8))
        case .settlement(let year):
          _ = try app.settleYear(
            SettleYearRequest(workspace: workspace, year: year, output: .workbook(path: path), style: style))
          return read(path)
        case .forms(let year):
          _ = try app.forms(
            FormsRequest(workspace: workspace, year: year, output: .workbook(path: path), style: style))
          return read(path)
        case .unit(let year, _):
          let units = folder + "/don-vi"
          let result = try app.settlePerUnit(
            SettlePerUnitRequest(workspace: workspace, year: year, folder: units, style: style))
          guard let path = result.paths.first(where: { $0.hasSuffix("/" + download.fileName) }) else {
            return .failure(
              .request(
                LocalizedText(
                  vi: "đơn vị không có số liệu năm \(year).", en: "the unit has no figures in \(year).")))
          }
          return read(path)
        }
      } catch {
        return .failure(error)
      }
    }
  }

  private static func read(_ path: String) -> Result<Data, AppError> {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(.unusable(LocalizedText(vi: "Không đọc được \(path).", en: "Could not read \(path).")))
    }
    return .success(data)
  }
}

/// A private folder for one request's files (uploads, pasted scenarios, workbooks to send), removed after.
enum TemporaryFolder {
  static func with<T>(_ body: (String) -> T) -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kinhphi-web-\(randomToken().prefix(16))")
    try? FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(at: folder) }
    return body(folder.path)
  }
}

import Xlsx

/// A workbook that could not be written, in both languages: what the xlsx layer reported, with the
/// path. The public `write(to:)` of every workbook throws this and nothing of `Xlsx`, so the layers
/// above need not import it.
public struct ReportWriteError: Error, Hashable, Sendable {
  public let path: String
  public let vi: String
  public let en: String

  public init(path: String, vi: String, en: String) {
    self.path = path
    self.vi = vi
    self.en = en
  }

  /// Runs a workbook write, turning an xlsx failure into a `ReportWriteError` for `path`.
  static func wrapping(_ path: String, _ body: () throws -> Void) throws {
    do {
      try body()
    } catch let error as XlsxError {
      throw ReportWriteError(path: path, vi: error.vi, en: error.en)
    }
  }
}

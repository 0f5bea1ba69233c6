import BudgetCore
import WorkspaceGenerator

/// `generate`: a synthetic workspace of any size (same options, same bytes).
public struct GenerateRequest: Hashable, Sendable {
  /// The folder to write (made when missing).
  public let folder: String
  public let options: GeneratorOptions

  public init(folder: String, options: GeneratorOptions) {
    self.folder = folder
    self.options = options
  }
}

extension KinhphiApp {
  public func generate(_ request: GenerateRequest, run: RunControl = RunControl()) throws(AppError)
    -> GenerationSummary
  {
    defer { run.progress(.finish) }
    try run.begin(
      LocalizedText(vi: "Ghi dữ liệu", en: "Writing"), unit: LocalizedText(vi: "dòng", en: "rows"),
      total: request.options.payments)
    let progress = run.progress
    do {
      return try WorkspaceGenerator.generate(request.options, to: request.folder) { progress(.set(done: $0)) }
    } catch let error as GeneratorError {
      throw .request(
        LocalizedText(
          vi: "tham số không hợp lệ: \(error.description).", en: "invalid options: \(error.description)."))
    } catch {
      throw .unusable(
        LocalizedText(
          vi: "Không ghi được \(request.folder): \(error)", en: "Could not write \(request.folder): \(error)")
      )
    }
  }
}

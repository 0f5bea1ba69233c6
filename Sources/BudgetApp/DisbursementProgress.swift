import BudgetCore
import BudgetEngine
import BudgetIO
import SettlementReports

/// `progress`: how far the year's money is disbursed as of a date.
public struct ProgressRequest: Hashable, Sendable {
  public let workspace: String
  public let asOf: CivilDate
  public let json: JSONOutput?
  public let language: Language

  public init(workspace: String, asOf: CivilDate, json: JSONOutput? = nil, language: Language = .vi) {
    self.workspace = workspace
    self.asOf = asOf
    self.json = json
    self.language = language
  }
}

public struct ProgressResult: Sendable {
  public let progress: DisbursementProgress
  /// The JSON written or returned (nil when none was asked for).
  public let json: String?
}

extension KinhphiApp {
  public func disbursementProgress(_ request: ProgressRequest, run: RunControl = RunControl())
    throws(AppError)
    -> ProgressResult
  {
    defer { run.progress(.finish) }
    if case .file(let path) = request.json { try requireOutputFolder(of: path) }
    try run.begin(RunControl.readingStep)
    let analysis = try analyze(workspace: request.workspace)
    try AppError.mapping { try ProgressAsOf.check(request.asOf, in: analysis.ledger.plan.info) }
    let progress = DisbursementProgress(analysis: analysis, asOf: request.asOf)
    guard let output = request.json else { return ProgressResult(progress: progress, json: nil) }
    let json = ProgressJSON.render(progress, language: request.language)
    if case .file(let path) = output { try writeText(json, to: path) }
    return ProgressResult(progress: progress, json: json)
  }
}

/// `--as-of`: a date of the plan's years, or an input error naming the argument (status 2).
public enum ProgressAsOf {
  public static func parse(_ text: String) throws -> CivilDate {
    let bytes = Array(text.utf8)
    switch bytes.withUnsafeBufferPointer({ FieldParsers.date($0, 0, $0.count) }) {
    case .date(let date): return date
    case .impossible:
      throw InputErrors([
        InputError(
          nil, vi: "--as-of '\(text)': không có ngày này trong lịch (cần một ngày có thật, DD/MM/YYYY).",
          en: "--as-of '\(text)': no such day in the calendar (expected a real date, DD/MM/YYYY).")
      ])
    case .invalid:
      throw InputErrors([
        InputError(
          nil,
          vi: "--as-of '\(text)' không hợp lệ: cần ngày dạng DD/MM/YYYY hoặc YYYY-MM-DD, ví dụ 30/06/2023.",
          en: "--as-of '\(text)' is not a date: expected DD/MM/YYYY or YYYY-MM-DD, for example 30/06/2023.")
      ])
    }
  }

  public static func check(_ date: CivilDate, in info: PlanInfo) throws {
    guard info.years.contains(date.year) else {
      throw InputErrors([
        InputError(
          nil,
          vi:
            "--as-of \(date.vietnamese): năm \(date.year) nằm ngoài kế hoạch \(info.firstYear)–\(info.lastYear); "
            + "chọn một ngày trong các năm đó.",
          en:
            "--as-of \(date.vietnamese): \(date.year) is outside the plan \(info.firstYear)–\(info.lastYear); "
            + "choose a date within those years.")
      ])
    }
  }
}

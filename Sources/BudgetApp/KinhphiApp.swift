import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import SafeOutput
import SettlementReports

/// The application layer: one entry point per thing a user does (check, settle a year, a phase or per
/// unit, what-if, close, handover, import, consolidate, generate), shared by every front end.
///
/// Plain values in (a request per use case), a result or an `AppError` out; no printing, no process
/// exit, no terminal. Progress goes to `RunControl.progress`; `RunControl.cancellation` stops a run
/// between steps. Every output is written whole or not at all (`AtomicFile`, the workbooks' own
/// temporary files) and only after everything it holds was computed.
public struct KinhphiApp: Sendable {
  /// Where the report templates are found when a request names no template file.
  public let templates: TemplateLocations
  /// The creation date written into workbooks (fixed for reproducible files: `SOURCE_DATE_EPOCH`).
  public let documentDate: Date

  /// How long a write waits for another writer of the workspace (a `kinhphi serve` page, another
  /// command) to finish before it is refused with nothing written.
  public static let lockWaitSeconds = 10.0

  public init(templates: TemplateLocations, documentDate: Date) {
    self.templates = templates
    self.documentDate = documentDate
  }

  /// The workbook's creation date: now, or `SOURCE_DATE_EPOCH` (the reproducible-builds convention)
  /// so two runs on the same data give byte-identical files.
  public static func documentDate(environment: [String: String], now: Date = Date()) -> Date {
    if let epoch = environment["SOURCE_DATE_EPOCH"], let seconds = Int(epoch) {
      return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
    return now
  }

  // MARK: Shared steps

  /// Reads and analyses a workspace.
  func analyze(workspace: String) throws(AppError) -> Analysis {
    try AppError.mapping { Engine.analyze(try WorkspaceReader.read(directory: workspace)) }
  }

  /// Reads and analyses the workspace as a step of its own, then checks that every year asked for
  /// lies in the plan.
  func analyze(workspace: String, years: [Int], run: RunControl) throws(AppError) -> Analysis {
    try run.begin(RunControl.readingStep)
    let analysis = try analyze(workspace: workspace)
    for year in years { try checkYear(year, in: analysis.ledger.plan.info) }
    return analysis
  }

  /// A year asked for must lie in the plan's range: anything else is a typo in the request.
  func checkYear(_ year: Int, in info: PlanInfo) throws(AppError) {
    guard info.years.contains(year) else {
      throw .request(
        LocalizedText(
          vi:
            "năm \(year) nằm ngoài kế hoạch \(info.firstYear)–\(info.lastYear); chọn một năm trong khoảng đó.",
          en: "\(year) is outside the plan \(info.firstYear)–\(info.lastYear); choose a year within it."))
    }
  }

  /// An output's folder must exist: kinhphi creates no folders for its outputs (a typo must not leave a
  /// tree of empty folders behind), and says which folder is missing before any work is done.
  func requireOutputFolder(of path: String) throws(AppError) {
    do {
      try AtomicFile.requireFolder(of: path)
    } catch {
      throw .output(error)
    }
  }

  /// Writes a text output whole or not at all (the folder must exist).
  func writeText(_ text: String, to path: String) throws(AppError) {
    do {
      try AtomicFile.write(Data(text.utf8), to: path)
    } catch {
      throw .output(error)
    }
  }

  /// A workbook's settings in this run: the request's scale and language, the document date, and the
  /// run's cancellation checked while the workbook is written.
  func workbookSettings(scale: DisplayScale, language: Language, run: RunControl) -> WorkbookSettings {
    WorkbookSettings(scale: scale, language: language, created: documentDate, interruption: run.interruption)
  }

  func workbookSettings(_ style: WorkbookStyle, run: RunControl) -> WorkbookSettings {
    workbookSettings(scale: style.scale, language: style.language, run: run)
  }

  /// The same, for a workbook that is a draft while `standing` errors stand (every printed page
  /// marked DỰ THẢO); `standing` then says so in its message.
  func workbookSettings(_ style: WorkbookStyle, run: RunControl, draftWhile standing: inout StandingErrors)
    -> WorkbookSettings
  {
    var settings = workbookSettings(style, run: run)
    settings.isDraft = standing.count > 0
    standing.markedDraft = settings.isDraft
    return settings
  }

  /// Writes a workbook through `body` into an existing folder.
  func writeWorkbook(_ path: String, _ body: (String) throws -> Void) throws(AppError) {
    try requireOutputFolder(of: path)
    try AppError.mapping { try body(path) }
  }
}

/// The error findings that stand after a run that wrote every output (exit status 1 on the command
/// line): how many, and where ("năm 2023" / "in 2023"). Which findings count is decided per use case,
/// here in the application layer (README, "Exit status").
public struct StandingErrors: Hashable, Sendable {
  public let count: Int
  public let scope: LocalizedText?
  /// A workbook written by the run carries the DỰ THẢO mark because of them (the message says so).
  public var markedDraft = false

  public init(count: Int, scope: LocalizedText?) {
    self.count = count
    self.scope = scope
  }

  public init(in findings: [Finding], scope: LocalizedText?) {
    self.init(count: findings.errorCount, scope: scope)
  }

  /// One line, both languages.
  public var message: String {
    let vi = scope.map { " \($0.vi)" } ?? ""
    let en = scope.map { " \($0.en)" } ?? ""
    let draftVi = markedDraft ? "; bảng tính là bản DỰ THẢO, mỗi trang in có dấu DỰ THẢO" : ""
    let draftEn = markedDraft ? "; the workbook is a DRAFT, marked so on every printed page" : ""
    return
      "Đã xong, nhưng còn \(count) lỗi trong số liệu\(vi)\(draftVi) (mã thoát 1). / Done, but \(count) error "
      + (count == 1 ? "finding stands" : "findings stand") + "\(en)\(draftEn) (exit status 1)."
  }
}

extension LocalizedText {
  /// "năm 2023" / "in 2023", or a range of years.
  public static func years(_ years: ClosedRange<Int>) -> LocalizedText {
    years.count == 1
      ? LocalizedText(vi: "năm \(years.lowerBound)", en: "in \(years.lowerBound)")
      : LocalizedText(
        vi: "các năm \(years.lowerBound)–\(years.upperBound)",
        en: "in \(years.lowerBound)–\(years.upperBound)")
  }
}

/// How a workbook is laid out and worded: the same three choices for every workbook kinhphi writes.
public struct WorkbookStyle: Hashable, Sendable {
  /// Đồng, nghìn or triệu: the number format only; every cell still holds whole đồng.
  public let scale: DisplayScale
  /// A template file of the officer's own; nil for the one that came with the program.
  public let template: String?
  public let language: Language
  /// Info findings each on a row of Kiểm tra (settlement workbooks); by default one row per code.
  public let allFindings: Bool

  public init(
    scale: DisplayScale = .dong, template: String? = nil, language: Language = .vi, allFindings: Bool = false
  ) {
    self.scale = scale
    self.template = template
    self.language = language
    self.allFindings = allFindings
  }
}

import BudgetCore
import BudgetEngine
import SettlementReports

/// `settle --years A-B`: the phase workbook (phase summary, carry chain, one sheet per year).
public struct SettlePhaseRequest: Hashable, Sendable {
  public let workspace: String
  public let years: ClosedRange<Int>
  /// The workbook to write; nil for `defaultWorkbookPath(years:)`.
  public let output: String?
  /// The workbook's scale, template and language (the language of the JSON too).
  public let style: WorkbookStyle

  public init(
    workspace: String, years: ClosedRange<Int>, output: String? = nil, style: WorkbookStyle = WorkbookStyle()
  ) {
    self.workspace = workspace
    self.years = years
    self.output = output
    self.style = style
  }

  /// `quyet-toan-2021-2025.xlsx`.
  public static func defaultWorkbookPath(years: ClosedRange<Int>) -> String {
    "quyet-toan-\(years.lowerBound)-\(years.upperBound).xlsx"
  }

  public var workbookPath: String { output ?? Self.defaultWorkbookPath(years: years) }
}

public struct SettlePhaseResult: Sendable {
  public let summary: MultiYearSummary
  public let writtenPath: String
  /// The error findings of every year of the phase, plan-level ones included.
  public let standing: StandingErrors
}

extension KinhphiApp {
  public func settlePhase(_ request: SettlePhaseRequest, run: RunControl = RunControl()) throws(AppError)
    -> SettlePhaseResult
  {
    defer { run.progress(.finish) }
    let template = try templates.load(explicitPath: request.style.template)
    let phaseTemplate = try templates.load(
      explicitPath: nil, fileName: MultiYearWorkbook.templateFileName, kinds: SheetKind.phaseKinds)
    let path = request.workbookPath
    try requireOutputFolder(of: path)
    let analysis = try analyze(
      workspace: request.workspace, years: [request.years.lowerBound, request.years.upperBound], run: run)
    let summary = MultiYearSummary(analysis: analysis, years: request.years)
    let findings =
      request.years.flatMap { year in analysis.findings(year: year).filter { $0.year == year } }
      + analysis.findings(year: nil).filter { $0.year == nil }
    var standing = StandingErrors(in: findings, scope: .years(request.years))
    let workbook = MultiYearWorkbook(
      summary: summary, plan: analysis.ledger.plan, template: template, phaseTemplate: phaseTemplate,
      settings: workbookSettings(request.style, run: run, draftWhile: &standing))
    try run.begin(LocalizedText(vi: "Ghi bảng tính", en: "Writing the workbook"))
    try writeWorkbook(path) { try workbook.write(to: $0) }
    return SettlePhaseResult(summary: summary, writtenPath: path, standing: standing)
  }
}

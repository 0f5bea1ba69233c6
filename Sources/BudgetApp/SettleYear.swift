import BudgetCore
import BudgetEngine
import SettlementReports

/// What `settle --year` produces.
public enum SettlementOutput: Hashable, Sendable {
  /// The settlement workbook, laid out by the template.
  case workbook(path: String)
  /// The figures as JSON, written to a file.
  case jsonFile(path: String)
  /// The figures as JSON, returned in the result only (the command line's `--json -`).
  case jsonText
}

/// `settle --year Y`: the settlement of one budget year.
public struct SettleYearRequest: Hashable, Sendable {
  public let workspace: String
  public let year: Int
  public let output: SettlementOutput
  /// The workbook's scale, template and language (the language of the JSON too).
  public let style: WorkbookStyle

  public init(
    workspace: String, year: Int, output: SettlementOutput, style: WorkbookStyle = WorkbookStyle()
  ) {
    self.workspace = workspace
    self.year = year
    self.output = output
    self.style = style
  }

  /// `quyet-toan-2023.xlsx`, the workbook written when no path is given.
  public static func defaultWorkbookPath(year: Int) -> String { "quyet-toan-\(year).xlsx" }
}

public struct SettleYearResult: Sendable {
  public let settlement: YearSettlement
  /// The file written (workbook or JSON); nil for `.jsonText`.
  public let writtenPath: String?
  /// The JSON for `.jsonText` (and `.jsonFile`: the text written).
  public let json: String?
  /// The year's error findings (plan-level ones included).
  public let standing: StandingErrors
}

extension KinhphiApp {
  public func settleYear(_ request: SettleYearRequest, run: RunControl = RunControl()) throws(AppError)
    -> SettleYearResult
  {
    defer { run.progress(.finish) }
    // An output folder that does not exist, then a broken template, stop the run before any work.
    switch request.output {
    case .workbook(let path), .jsonFile(let path): try requireOutputFolder(of: path)
    case .jsonText: break
    }
    var workbookTarget: (path: String, template: SettlementTemplate)?
    if case .workbook(let path) = request.output {
      workbookTarget = (path, try templates.load(explicitPath: request.style.template))
    }
    let analysis = try analyze(workspace: request.workspace, years: [request.year], run: run)
    let settlement = analysis.settlement(year: request.year)
    let standing = StandingErrors(in: settlement.findings, scope: .years(request.year...request.year))
    if let (path, template) = workbookTarget {
      var workbook = SettlementWorkbook(
        settlement: settlement, plan: analysis.ledger.plan, template: template,
        settings: workbookSettings(request.style, run: run))
      workbook.allFindings = request.style.allFindings
      try run.begin(
        LocalizedText(vi: "Ghi bảng tính", en: "Writing the workbook"),
        unit: LocalizedText(vi: "dòng", en: "rows"),
        total: settlement.payments.count + settlement.lines.count * 3 + settlement.findings.count)
      let progress = run.progress
      workbook.rowsWritten = { progress(.advance(by: $0)) }
      try writeWorkbook(path) { try workbook.write(to: $0) }
      return SettleYearResult(settlement: settlement, writtenPath: path, json: nil, standing: standing)
    }
    let json = SettlementJSON.render(
      SettlementReport(settlement: settlement, plan: analysis.ledger.plan, language: request.style.language))
    var writtenPath: String?
    if case .jsonFile(let path) = request.output {
      try run.cancellation.check()
      try writeText(json, to: path)
      writtenPath = path
    }
    return SettleYearResult(settlement: settlement, writtenPath: writtenPath, json: json, standing: standing)
  }
}

import BudgetCore
import BudgetEngine

/// `check`: every check on a workspace, the findings of one year or of every year.
public struct CheckRequest: Hashable, Sendable {
  public let workspace: String
  /// Only this budget year; nil for every year in the data.
  public let year: Int?

  public init(workspace: String, year: Int? = nil) {
    self.workspace = workspace
    self.year = year
  }
}

public struct CheckResult: Sendable {
  public let analysis: Analysis
  /// The findings listed: the year's (plan-level ones included), or every one.
  public let findings: [Finding]
  /// The years the findings cover.
  public let years: [Int]
  /// The error findings among those listed.
  public let standing: StandingErrors
}

extension KinhphiApp {
  public func check(_ request: CheckRequest, run: RunControl = RunControl()) throws(AppError) -> CheckResult {
    defer { run.progress(.finish) }
    let analysis = try analyze(workspace: request.workspace, years: request.year.map { [$0] } ?? [], run: run)
    let findings = analysis.findings(year: request.year)
    return CheckResult(
      analysis: analysis, findings: findings, years: request.year.map { [$0] } ?? analysis.years,
      standing: StandingErrors(in: findings, scope: request.year.map { .years($0...$0) }))
  }
}

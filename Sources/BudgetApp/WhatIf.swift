import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import SettlementReports

/// Where a JSON result goes.
public enum JSONOutput: Hashable, Sendable {
  case file(path: String)
  /// Returned in the result only (the command line's `--json -`).
  case text
}

/// `whatif`: scenarios applied to a year's allocations on a derived ledger, compared with the baseline
/// (and optionally one operation's value swept). The workspace files are never modified.
public struct WhatIfRequest: Hashable, Sendable {
  public let workspace: String
  /// Scenario files, tried as given, then inside the workspace.
  public let scenarios: [String]
  /// `scale.percent=-50..0 step 5`: one operation's value swept (one scenario only).
  public let sweep: String?
  /// The comparison workbook to write, if any.
  public let workbook: String?
  public let json: JSONOutput?
  /// The workbook's scale, template and language (the language of the JSON too).
  public let style: WorkbookStyle

  public init(
    workspace: String, scenarios: [String], sweep: String? = nil, workbook: String? = nil,
    json: JSONOutput? = nil, style: WorkbookStyle = WorkbookStyle()
  ) {
    self.workspace = workspace
    self.scenarios = scenarios
    self.sweep = sweep
    self.workbook = workbook
    self.json = json
    self.style = style
  }
}

public struct WhatIfResult: Sendable {
  public let scenarios: [Scenario]
  public let report: ComparisonReport
  public let sweep: SweepResult?
  /// The JSON written or returned (nil when none was asked for).
  public let json: String?
  /// The files written, in the order written (workbook, then JSON file).
  public let writtenPaths: [String]
  /// Error findings that stand in the scenario year after the scenario (the worst scenario when
  /// several are compared).
  public let standing: StandingErrors
}

extension KinhphiApp {
  public func whatIf(_ request: WhatIfRequest, run: RunControl = RunControl()) throws(AppError)
    -> WhatIfResult
  {
    if request.scenarios.isEmpty {
      throw .request(
        LocalizedText(vi: "cần ít nhất một tệp kịch bản.", en: "at least one scenario file is needed."))
    }
    return try whatIf(request, count: request.scenarios.count, run: run) { () throws(AppError) in
      try readScenarios(request.scenarios, workspace: request.workspace)
    }
  }

  /// The same run for scenarios already built (the web page's what-if form builds one with the
  /// reader's rules); `request.scenarios` is not read.
  public func whatIf(_ request: WhatIfRequest, scenarios: [Scenario], run: RunControl = RunControl())
    throws(AppError) -> WhatIfResult
  {
    if scenarios.isEmpty {
      throw .request(LocalizedText(vi: "cần ít nhất một kịch bản.", en: "at least one scenario is needed."))
    }
    return try whatIf(request, count: scenarios.count, run: run) { () throws(AppError) in scenarios }
  }

  /// `count` scenarios, read by `scenarios` after the request's own checks (its output folders, the
  /// sweep), so a wrong request is refused before any scenario file is opened.
  private func whatIf(
    _ request: WhatIfRequest, count: Int, run: RunControl,
    scenarios readScenarios: () throws(AppError) -> [Scenario]
  ) throws(AppError) -> WhatIfResult {
    defer { run.progress(.finish) }
    if request.sweep != nil && count > 1 {
      throw .request(
        LocalizedText(vi: "--sweep chỉ dùng với một kịch bản.", en: "--sweep takes exactly one scenario."))
    }
    let template = try request.workbook.map { _ throws(AppError) in
      try templates.load(
        explicitPath: request.style.template, fileName: ComparisonWorkbook.defaultFileName,
        kinds: SheetKind.comparisonKinds)
    }
    var files = request.workbook.map { [$0] } ?? []
    if case .file(let path) = request.json { files.append(path) }
    for path in files { try requireOutputFolder(of: path) }
    let sweepSpec = try request.sweep.map { text throws(AppError) in
      try AppError.mapping { try ScenarioSweep.parse(text) }
    }
    let scenarios = try readScenarios()
    try run.begin(RunControl.readingStep)
    let analysis = try analyze(workspace: request.workspace)
    let years = Set(scenarios.map(\.year))
    if years.count > 1 {
      let list = years.sorted().map(String.init).joined(separator: ", ")
      throw .input(
        nil, vi: "Các kịch bản so sánh cùng nhau phải cùng năm; đang có: \(list).",
        en: "Scenarios compared together must share a year; found: \(list).")
    }
    // Everything is computed before anything is written: an error leaves no file behind.
    try run.begin(LocalizedText(vi: "Chạy kịch bản", en: "Running the scenarios"))
    let comparisons = try AppError.mapping {
      try scenarios.map { try ScenarioComparison.run($0, baseline: analysis) }
    }
    let sweep = try sweepSpec.map { spec throws(AppError) in
      SweepResult(
        text: spec.text, points: try AppError.mapping { try spec.run(scenarios[0], baseline: analysis) })
    }
    let report = ComparisonReport(comparisons: comparisons, sweep: sweep, plan: analysis.ledger.plan)
    let year = scenarios[0].year
    var standing = StandingErrors(
      count: comparisons.map(\.result.findings.errorCount).max() ?? 0,
      scope: LocalizedText(vi: "năm \(year) sau kịch bản", en: "in \(year) after the scenario"))
    var written: [String] = []
    if let template, let path = request.workbook {
      let workbook = ComparisonWorkbook(
        report: report, template: template,
        settings: workbookSettings(request.style, run: run, draftWhile: &standing))
      try run.begin(LocalizedText(vi: "Ghi bảng tính", en: "Writing the workbook"))
      try writeWorkbook(path) { try workbook.write(to: $0) }
      written.append(path)
    }
    var json: String?
    if let output = request.json {
      let text =
        sweep.map { ComparisonJSON.render($0, scenario: scenarios[0]) }
        ?? ComparisonJSON.render(report, language: request.style.language)
      if case .file(let path) = output {
        try run.cancellation.check()
        try writeText(text, to: path)
        written.append(path)
      }
      json = text
    }
    return WhatIfResult(
      scenarios: scenarios, report: report, sweep: sweep, json: json, writtenPaths: written,
      standing: standing)
  }

  /// Every scenario file read, with every file's errors collected before stopping. A path is tried as
  /// given, then inside the workspace.
  private func readScenarios(_ paths: [String], workspace: String) throws(AppError) -> [Scenario] {
    var errors = InputErrors()
    var values: [Scenario] = []
    for path in paths {
      let inWorkspace = (workspace as NSString).appendingPathComponent(path)
      let found =
        FileManager.default.fileExists(atPath: path) || !FileManager.default.fileExists(atPath: inWorkspace)
        ? path : inWorkspace
      do {
        values.append(try ScenarioReader.read(path: found, file: path))
      } catch let fileErrors as InputErrors {
        errors.append(contentsOf: fileErrors)
      } catch {
        throw .unusable(LocalizedText(vi: "\(error)", en: "\(error)"))
      }
    }
    if !errors.isEmpty { throw .input(errors) }
    return values
  }
}

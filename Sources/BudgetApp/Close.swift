import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import SafeOutput
import SettlementReports

/// `close`: the year-end close of one budget year, planned first (what carries into the next year,
/// whether the close is refused), then applied (the carry_in rows appended or written to their own file).
public struct CloseRequest: Hashable, Sendable {
  public let workspace: String
  public let year: Int
  /// The officer reviewed the year's error findings and closes anyway.
  public let force: Bool
  /// A file of its own for the rows instead of the workspace's allocations.csv.
  public let rowsFile: String?
  /// Carry-over schedule workbooks to write.
  public let schedules: [String]
  /// The workbook's scale, template and language (the language of the JSON too).
  public let style: WorkbookStyle

  public init(
    workspace: String, year: Int, force: Bool = false, rowsFile: String? = nil, schedules: [String] = [],
    style: WorkbookStyle = WorkbookStyle()
  ) {
    self.workspace = workspace
    self.year = year
    self.force = force
    self.rowsFile = rowsFile
    self.schedules = schedules
    self.style = style
  }
}

/// What closing would do, computed without writing anything.
public struct ClosePlan: Sendable {
  public let request: CloseRequest
  public let analysis: Analysis
  public let close: YearEndClose
  /// Why the close writes nothing, or nil: the same decision for a dry run and the real run.
  public let refusal: CloseRefusal?
  /// The carry_in rows the close appends (those not yet recorded), with their notes.
  public let rows: [CarryInWriter.Row]
  /// Where the rows go: the rows file, or the workspace's allocations.csv.
  public let destination: String
  /// Error findings that stand after the close: recorded rows that differ from the computed carry-over
  /// (CARRY_IN_MISMATCH), and the year's own errors when the close was forced.
  public let standing: StandingErrors
  /// Applying the plan writes rows: it is not refused and next year's carry_in rows lack some of the
  /// close. Only then does a front end ask to confirm (the command line's prompt, the web page's button).
  public var writesRows: Bool { refusal == nil && !rows.isEmpty }
  /// Nothing to write because next year's carry_in rows already match the close exactly. False when
  /// recorded rows differ from it (CARRY_IN_MISMATCH, counted in `standing`): `close` never edits
  /// them, the officer corrects them, and the year is not closed until then.
  public var alreadyClosed: Bool { refusal == nil && close.isClosed }
  /// The bytes of allocations.csv the rows were computed from: if the file changes before the rows
  /// are appended, nothing is written.
  let snapshot: Data?
  let template: SettlementTemplate?
}

extension KinhphiApp {
  public func planClose(_ request: CloseRequest, run: RunControl = RunControl()) throws(AppError) -> ClosePlan
  {
    defer { run.progress(.finish) }
    let template = request.schedules.isEmpty ? nil : try templates.load(explicitPath: request.style.template)
    for path in request.schedules + (request.rowsFile.map { [$0] } ?? []) {
      try requireOutputFolder(of: path)
    }
    let allocationsPath = URL(fileURLWithPath: request.workspace)
      .appendingPathComponent(WorkspaceReader.allocationsFile).path
    let snapshot = FileManager.default.contents(atPath: allocationsPath)
    let analysis = try analyze(workspace: request.workspace, years: [request.year], run: run)
    let close = YearEndClose(analysis: analysis, year: request.year)
    let rows = close.missing.map { entry in
      CarryInWriter.Row(
        year: entry.line.year, source: entry.line.source, activity: entry.line.activity,
        unit: entry.line.unit,
        kind: .carryIn, amount: entry.amount, originYear: entry.originYear, carryPart: entry.part,
        note: entry.part == .advance
          ? "Số dư tạm ứng năm \(request.year) chuyển sang (kinh phí đã nhận), năm gốc \(entry.originYear)"
          : "Dự toán năm \(request.year) chuyển sang (chuyển nguồn), năm gốc \(entry.originYear)")
    }
    // A file that cannot take an advance balance's row is refused now, before any schedule is written.
    if let snapshot, rows.contains(where: { $0.carryPart == .advance }) {
      try AppError.mapping {
        let layout = try CarryInWriter.layout(of: snapshot, file: WorkspaceReader.allocationsFile)
        try CarryInWriter.checkColumns(layout, for: rows, file: WorkspaceReader.allocationsFile)
      }
    }
    return ClosePlan(
      request: request, analysis: analysis, close: close,
      refusal: close.refusal(force: request.force, separateRowsFile: request.rowsFile != nil), rows: rows,
      destination: request.rowsFile ?? allocationsPath,
      standing: StandingErrors(
        count: close.differences.count + close.errorFindings.count,
        scope: .years(request.year...request.year + 1)),
      snapshot: snapshot, template: template)
  }

  /// Writes the carry-over schedule workbooks the request names; returns their paths.
  public func writeCloseSchedules(_ plan: ClosePlan, run: RunControl = RunControl()) throws(AppError)
    -> [String]
  {
    try requireNotRefused(plan)
    guard let template = plan.template else { return [] }
    let request = plan.request
    for path in request.schedules {
      guard
        let workbook = CarryOverWorkbook(
          settlement: plan.analysis.settlement(year: request.year), plan: plan.analysis.ledger.plan,
          template: template, settings: workbookSettings(request.style, run: run))
      else {
        throw .unusable(
          LocalizedText(
            vi: "Mẫu báo cáo không có trang carry_over.", en: "The report template has no carry_over sheet."))
      }
      try run.begin(LocalizedText(vi: "Ghi bảng tính", en: "Writing the workbook"))
      try writeWorkbook(path) { try workbook.write(to: $0) }
    }
    return request.schedules
  }

  /// Appends the plan's rows to allocations.csv (refused when the file changed since the plan) or
  /// writes them to the rows file in allocations.csv's layout; returns how many rows were written.
  public func applyClose(_ plan: ClosePlan, run: RunControl = RunControl()) throws(AppError) -> Int {
    try requireNotRefused(plan)
    guard !plan.rows.isEmpty else { return 0 }
    try run.cancellation.check()
    // Under the workspace lock shared with `kinhphi serve` (and re-entrant when the page holds it).
    try AppError.mapping {
      try WorkspaceLock.withLock(workspace: plan.request.workspace, waitSeconds: KinhphiApp.lockWaitSeconds) {
        if let target = plan.request.rowsFile {
          let layout = try plan.snapshot.map {
            try CarryInWriter.layout(of: $0, file: WorkspaceReader.allocationsFile)
          }
          try CarryInWriter.write(plan.rows, toFileAt: target, like: layout)
        } else {
          try CarryInWriter.append(
            plan.rows, toFileAt: plan.destination, file: WorkspaceReader.allocationsFile,
            expected: plan.snapshot)
        }
      }
    }
    return plan.rows.count
  }

  private func requireNotRefused(_ plan: ClosePlan) throws(AppError) {
    if let refusal = plan.refusal {
      throw .unusable(
        LocalizedText(
          vi: CloseText.refusal(refusal, year: plan.request.year, language: .vi).trimmingCharacters(
            in: .newlines),
          en: CloseText.refusal(refusal, year: plan.request.year, language: .en).trimmingCharacters(
            in: .newlines)))
    }
  }
}

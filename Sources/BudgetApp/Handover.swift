import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import SettlementReports

/// `handover`: the figures as of a date, the abolished units' balances divided among their successors,
/// the handover schedule (xlsx) and the successors' opening rows (CSV).
public struct HandoverRequest: Hashable, Sendable {
  public let workspace: String
  public let date: CivilDate
  /// The successors map (YAML).
  public let map: String
  /// The schedule workbook; nil for `ban-giao-DATE.xlsx`.
  public let workbook: String?
  /// The successors' opening rows; nil for `mo-so-DATE.csv`. Never overwritten.
  public let rows: String?
  /// The workbook's scale, template and language (the language of the JSON too).
  public let style: WorkbookStyle

  public init(
    workspace: String, date: CivilDate, map: String, workbook: String? = nil, rows: String? = nil,
    style: WorkbookStyle = WorkbookStyle()
  ) {
    self.workspace = workspace
    self.date = date
    self.map = map
    self.workbook = workbook
    self.rows = rows
    self.style = style
  }

  public var workbookPath: String { workbook ?? "ban-giao-\(date.iso).xlsx" }
  public var rowsPath: String { rows ?? "mo-so-\(date.iso).csv" }

  /// A handover date as typed (`YYYY-MM-DD` or `DD/MM/YYYY`), or an error saying what is expected.
  public static func date(_ text: String) throws(AppError) -> CivilDate {
    let bytes = Array(text.utf8)
    if case .date(let parsed) = bytes.withUnsafeBufferPointer({ FieldParsers.date($0, 0, $0.count) }) {
      return parsed
    }
    throw .input(
      nil, vi: "Ngày bàn giao không hợp lệ '\(text)': cần YYYY-MM-DD hoặc DD/MM/YYYY.",
      en: "Invalid handover date '\(text)': expected YYYY-MM-DD or DD/MM/YYYY.")
  }
}

public struct HandoverResult: Sendable {
  public let handover: Handover
  /// Names of the successors, from the successors' plan (empty without one).
  public let successorNames: [UnitCode: String]
  public let workbookPath: String
  public let rowsPath: String
  public let rowsWritten: Int
  /// The handover year's error findings.
  public let standing: StandingErrors
}

extension KinhphiApp {
  public func handover(_ request: HandoverRequest, run: RunControl = RunControl()) throws(AppError)
    -> HandoverResult
  {
    defer { run.progress(.finish) }
    let template = try templates.load(
      explicitPath: request.style.template, fileName: HandoverWorkbook.templateFileName,
      kinds: SheetKind.handoverKinds)
    // Every output checked before any work, so that a refusal writes nothing.
    for path in [request.workbookPath, request.rowsPath] { try requireOutputFolder(of: path) }
    if FileManager.default.fileExists(atPath: request.rowsPath) {
      throw .request(
        LocalizedText(
          vi:
            "tệp đầu ra đã tồn tại: \(request.rowsPath); chọn tệp khác bằng --rows (không ghi đè, không ghi thêm lần hai).",
          en:
            "the output file exists: \(request.rowsPath); choose another file with --rows (no overwriting, no second append)."
        ))
    }
    let map = try AppError.mapping { try SuccessorsReader.read(path: request.map) }
    if let mapDate = map.date, mapDate != request.date {
      throw .input(
        SourceLocation(file: map.file, line: 1),
        vi: "Ngày trong tệp bàn giao (\(mapDate.vietnamese)) khác --date (\(request.date.vietnamese)).",
        en: "The map's date (\(mapDate.vietnamese)) differs from --date (\(request.date.vietnamese)).")
    }
    let analysis = try analyze(workspace: request.workspace, years: [request.date.year], run: run)
    let ledger = analysis.ledger
    let successorPlan = try readSuccessorPlan(map, mapPath: request.map)
    let problems = map.problems(
      workspacePlan: ledger.plan, allocations: ledger.allocations, successorPlan: successorPlan)
    if !problems.isEmpty { throw .input(problems) }
    let handover = Handover(ledger: ledger, map: map, date: request.date)
    if !handover.unmatched.isEmpty { throw .input(handover.unmatchedErrors) }

    let year = request.date.year
    var standing = StandingErrors(in: analysis.findings(year: year), scope: .years(year...year))
    let workbook = HandoverWorkbook(
      handover: handover, plan: ledger.plan, successorUnits: successorPlan?.unitByCode ?? [:],
      decision: map.decision, template: template,
      settings: workbookSettings(request.style, run: run, draftWhile: &standing))
    let openingRows = handover.openings.map { opening in
      CarryInWriter.Row(
        year: opening.line.year, source: opening.line.source, activity: opening.line.activity,
        unit: opening.line.unit, kind: opening.kind, amount: opening.amount,
        originYear: opening.kind == .carryIn ? opening.originYear : nil,
        decision: map.decision ?? CarryInWriter.decisionPlaceholder,
        note:
          "Nhận bàn giao ngày \(request.date.vietnamese) từ \(opening.fromUnits.map(\.rawValue).joined(separator: ", ")), năm gốc \(opening.originYear)"
      )
    }
    try run.begin(LocalizedText(vi: "Ghi bảng tính", en: "Writing the workbook"))
    try writeWorkbook(request.workbookPath) { try workbook.write(to: $0) }
    let allocationsPath = URL(fileURLWithPath: request.workspace)
      .appendingPathComponent(WorkspaceReader.allocationsFile).path
    try AppError.mapping {
      let layout = try FileManager.default.contents(atPath: allocationsPath).map {
        try CarryInWriter.layout(of: $0, file: WorkspaceReader.allocationsFile)
      }
      try CarryInWriter.write(openingRows, toFileAt: request.rowsPath, like: layout)
    }
    return HandoverResult(
      handover: handover, successorNames: (successorPlan?.unitByCode ?? [:]).mapValues(\.name),
      workbookPath: request.workbookPath, rowsPath: request.rowsPath, rowsWritten: openingRows.count,
      standing: standing)
  }

  /// The successors' plan named by the map, relative to the map file.
  private func readSuccessorPlan(_ map: HandoverMap, mapPath: String) throws(AppError) -> Plan? {
    guard let relative = map.successorPlan else { return nil }
    let folder = URL(fileURLWithPath: mapPath).deletingLastPathComponent()
    let url =
      relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : folder.appendingPathComponent(relative)
    return try AppError.mapping {
      let text = try TextInputFile.read(
        path: url.path, file: relative,
        what: LocalizedText(
          vi: "kế hoạch của đơn vị nhận (successor_plan)", en: "successors' plan (successor_plan)"))
      return try PlanReader.read(yaml: text, file: relative)
    }
  }
}

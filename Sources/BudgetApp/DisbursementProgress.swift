import BudgetCore
import BudgetEngine
import BudgetIO
import SettlementReports

/// `progress`: how far the year's money is disbursed as of a date.
public struct ProgressRequest: Hashable, Sendable {
  public let workspace: String
  public let asOf: CivilDate
  public let json: JSONOutput?
  /// The workbook to write (`-o`).
  public let workbook: String?
  /// The folder of one workbook per unit (`--per-unit`): made when missing, inside a folder that exists.
  public let perUnitFolder: String?
  /// The workbooks' template; nil = the installed tien-do.yaml.
  public let template: String?
  public let scale: DisplayScale
  /// The dimension whose sheet comes first in the workbooks (`--by`).
  public let firstDimension: ProgressDimension
  public let language: Language

  public init(
    workspace: String, asOf: CivilDate, json: JSONOutput? = nil, workbook: String? = nil,
    perUnitFolder: String? = nil, template: String? = nil, scale: DisplayScale = .dong,
    firstDimension: ProgressDimension = .source, language: Language = .vi
  ) {
    self.workspace = workspace
    self.asOf = asOf
    self.json = json
    self.workbook = workbook
    self.perUnitFolder = perUnitFolder
    self.template = template
    self.scale = scale
    self.firstDimension = firstDimension
    self.language = language
  }

  /// `tien-do-2023-06-30-XA_NHANLY.xlsx`: codes are `[A-Z0-9._-]`, safe in a file name.
  public static func perUnitFileName(asOf: CivilDate, unit: UnitCode) -> String {
    "tien-do-\(asOf.iso)-\(unit.rawValue).xlsx"
  }
}

public struct ProgressResult: Sendable {
  public let progress: DisbursementProgress
  /// The JSON written or returned (nil when none was asked for).
  public let json: String?
  /// The workbook written, if any.
  public let workbook: String?
  /// The units' workbooks written, in the plan's order of units.
  public let perUnitPaths: [String]
}

extension KinhphiApp {
  /// Every output folder and the template are checked before any work, so a refusal writes nothing.
  /// `progress` reports figures, not findings: it has no standing errors (rows with errors are left
  /// out of the figures and counted in its notes).
  public func disbursementProgress(_ request: ProgressRequest, run: RunControl = RunControl())
    throws(AppError)
    -> ProgressResult
  {
    defer { run.progress(.finish) }
    if case .file(let path) = request.json { try requireOutputFolder(of: path) }
    if let path = request.workbook { try requireOutputFolder(of: path) }
    if let folder = request.perUnitFolder { try requireOutputFolder(of: folder) }
    let template =
      request.workbook == nil && request.perUnitFolder == nil
      ? nil
      : try templates.load(
        explicitPath: request.template, fileName: "tien-do.yaml", kinds: SheetKind.progressKinds)
    try run.begin(RunControl.readingStep)
    let analysis = try analyze(workspace: request.workspace)
    try AppError.mapping { try ProgressAsOf.check(request.asOf, in: analysis.ledger.plan.info) }
    let progress = DisbursementProgress(analysis: analysis, asOf: request.asOf)
    var json: String?
    if let output = request.json {
      let text = ProgressJSON.render(progress, language: request.language)
      if case .file(let path) = output { try writeText(text, to: path) }
      json = text
    }
    func workbook(_ progress: DisbursementProgress, template: SettlementTemplate) -> ProgressWorkbook {
      var workbook = ProgressWorkbook(
        progress: progress, template: template,
        settings: workbookSettings(scale: request.scale, language: request.language, run: run))
      workbook.firstDimension = request.firstDimension
      return workbook
    }
    if let path = request.workbook, let template {
      try run.cancellation.check()
      try writeWorkbook(path) { try workbook(progress, template: template).write(to: $0) }
    }
    var perUnitPaths: [String] = []
    if let folder = request.perUnitFolder, let template {
      // A unit outside the plan (its rows count only when UNKNOWN_UNIT is off) gets no workbook.
      let units = progress.plan.units.map(\.code).filter { unit in
        progress.lines.contains { $0.key.unit == unit }
      }
      try makeFolder(folder)
      try run.begin(
        LocalizedText(vi: "Ghi bảng tính theo đơn vị", en: "Writing unit workbooks"),
        unit: LocalizedText(vi: "bảng tính", en: "workbooks"), total: units.count)
      for unit in units {
        try run.cancellation.check()
        let path = folder + "/" + ProgressRequest.perUnitFileName(asOf: request.asOf, unit: unit)
        try writeWorkbook(path) {
          try workbook(progress.restricted(to: unit), template: template).write(to: $0)
        }
        perUnitPaths.append(path)
        run.progress(.advance(by: 1))
      }
    }
    return ProgressResult(
      progress: progress, json: json, workbook: request.workbook, perUnitPaths: perUnitPaths)
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

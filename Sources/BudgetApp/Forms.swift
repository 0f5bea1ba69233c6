import BudgetCore
import BudgetEngine
import Foundation
import SettlementReports

/// What `forms` produces.
public enum FormsOutput: Hashable, Sendable {
  /// The district's consolidated forms workbook.
  case workbook(path: String)
  /// One forms workbook per unit in this folder (made when missing, inside a folder that exists).
  case perUnit(folder: String)
  /// The form models as JSON, written to a file.
  case jsonFile(path: String)
  /// The form models as JSON, returned in the result only (`--json -`).
  case jsonText
}

/// `forms --year Y`: the official forms (B01/BCQT, F01-01/BCQT, F01-02/BCQT; docs/forms.md) of one
/// budget year.
public struct FormsRequest: Hashable, Sendable {
  public let workspace: String
  public let year: Int
  public let output: FormsOutput
  /// The workbook's scale, template (default bao-cao-quyet-toan.yaml) and language.
  public let style: WorkbookStyle

  public init(workspace: String, year: Int, output: FormsOutput, style: WorkbookStyle = WorkbookStyle()) {
    self.workspace = workspace
    self.year = year
    self.output = output
    self.style = style
  }

  /// `bao-cao-quyet-toan-2023.xlsx`: the district's forms when no path is given.
  public static func defaultWorkbookPath(year: Int) -> String { "bao-cao-quyet-toan-\(year).xlsx" }

  /// `bao-cao-quyet-toan-2023-VHTT.xlsx`: a unit's forms in the `--per-unit` folder (codes are
  /// `[A-Z0-9._-]`, safe in a file name).
  public static func unitFileName(year: Int, unit: UnitCode) -> String {
    "bao-cao-quyet-toan-\(year)-\(unit.rawValue).xlsx"
  }
}

public struct FormsResult: Sendable {
  /// The district's forms, or each unit's in the plan's order of units (`.perUnit`).
  public let forms: [FormSet]
  /// The workbooks or the JSON file written.
  public let writtenPaths: [String]
  /// The JSON for `.jsonText` and `.jsonFile`.
  public let json: String?
  /// The year's error findings: while they stand the forms say DỰ THẢO.
  public let standing: StandingErrors
  /// MISSING_BUDGET_CODE warnings of the forms written (each form set's, in order): codes the forms
  /// print that the plan or the rows do not give.
  public var missingCodes: [Finding] { forms.flatMap(\.missingCodes) }
}

extension KinhphiApp {
  /// The workspace is read and analysed once; the forms are built from the year's settlement (the
  /// district's whole, or each unit's part) and written whole or not at all.
  public func forms(_ request: FormsRequest, run: RunControl = RunControl()) throws(AppError) -> FormsResult {
    defer { run.progress(.finish) }
    var template: SettlementTemplate?
    switch request.output {
    case .workbook(let path), .jsonFile(let path): try requireOutputFolder(of: path)
    case .perUnit(let folder): try requireOutputFolder(of: folder)
    case .jsonText: break
    }
    switch request.output {
    case .workbook, .perUnit:
      template = try templates.load(
        explicitPath: request.style.template, fileName: FormsWorkbook.templateFileName,
        kinds: SheetKind.formKinds)
    case .jsonFile, .jsonText: break
    }
    let analysis = try analyze(workspace: request.workspace, years: [request.year], run: run)
    let plan = analysis.ledger.plan
    let settlement = analysis.settlement(year: request.year)
    let standing = StandingErrors(in: settlement.findings, scope: .years(request.year...request.year))
    let language = request.style.language
    let forms: [FormSet]
    var paths: [String] = []
    if case .perUnit(let folder) = request.output {
      // A unit outside the plan is an UNKNOWN_UNIT error finding; it gets no forms of its own.
      let parts = settlement.splitByUnit(plan: plan).filter { plan.unitByCode[$0.unit] != nil }
      // The classification of every unit in one pass over the year's payments.
      let classifications = analysis.budgetClassifications(parts.map { ($0.unit, $0.settlement) })
      forms = zip(parts, classifications).map { part, classification in
        FormSet(
          analysis: analysis, settlement: part.settlement, unit: part.unit, classification: classification,
          language: language)
      }
      paths = parts.map { folder + "/" + FormsRequest.unitFileName(year: request.year, unit: $0.unit) }
    } else {
      forms = [FormSet(analysis: analysis, settlement: settlement, language: language)]
    }
    try run.cancellation.check()
    switch request.output {
    case .workbook(let path):
      try write(forms[0], plan: plan, template: template!, style: request.style, to: path)
      paths = [path]
    case .perUnit(let folder):
      try makeFolder(folder)
      for (set, path) in zip(forms, paths) {
        try run.cancellation.check()
        try write(set, plan: plan, template: template!, style: request.style, to: path)
      }
    case .jsonFile(let path):
      let json = FormsJSON.render(forms)
      try writeText(json, to: path)
      return FormsResult(forms: forms, writtenPaths: [path], json: json, standing: standing)
    case .jsonText:
      return FormsResult(forms: forms, writtenPaths: [], json: FormsJSON.render(forms), standing: standing)
    }
    return FormsResult(forms: forms, writtenPaths: paths, json: nil, standing: standing)
  }

  private func write(
    _ forms: FormSet, plan: Plan, template: SettlementTemplate, style: WorkbookStyle, to path: String
  ) throws(AppError) {
    let workbook = FormsWorkbook(
      forms: forms, plan: plan, template: template, scale: style.scale, language: style.language,
      created: documentDate)
    try writeWorkbook(path) { try workbook.write(to: $0) }
  }
}

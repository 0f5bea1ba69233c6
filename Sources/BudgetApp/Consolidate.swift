import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import SettlementReports

/// `consolidate`: the units' submissions merged into the district's settlement of a year, their
/// allocations compared with the district's.
public struct ConsolidateRequest: Hashable, Sendable {
  /// The district's workspace.
  public let district: String
  /// One folder per unit (allocations and spending; plan.yaml optional).
  public let units: [String]
  public let year: Int
  /// The workbook; nil for `quyet-toan-hop-nhat-YEAR.xlsx`.
  public let output: String?
  /// The workbook's scale, template and language (the language of the JSON too).
  public let style: WorkbookStyle

  public init(
    district: String, units: [String], year: Int, output: String? = nil,
    style: WorkbookStyle = WorkbookStyle()
  ) {
    self.district = district
    self.units = units
    self.year = year
    self.output = output
    self.style = style
  }

  public var workbookPath: String { output ?? "quyet-toan-hop-nhat-\(year).xlsx" }
}

public struct ConsolidateResult: Sendable {
  public let consolidation: Consolidation
  public let writtenPath: String
  /// Every difference between the district and a unit, plus the year's error findings: the officer
  /// must resolve them.
  public let standing: StandingErrors
}

extension KinhphiApp {
  public func consolidate(_ request: ConsolidateRequest, run: RunControl = RunControl()) throws(AppError)
    -> ConsolidateResult
  {
    defer { run.progress(.finish) }
    if request.units.isEmpty {
      throw .request(
        LocalizedText(vi: "cần ít nhất một thư mục đơn vị.", en: "expected at least one unit folder."))
    }
    let template = try templates.load(explicitPath: request.style.template)
    let consolidationTemplate = try templates.load(
      explicitPath: nil, fileName: ConsolidatedWorkbook.templateFileName, kinds: SheetKind.consolidationKinds)
    try requireOutputFolder(of: request.workbookPath)
    try run.begin(RunControl.readingStep)
    // Every folder's errors collected before stopping.
    var errors = InputErrors()
    var districtLedger: Ledger?
    do {
      districtLedger = try WorkspaceReader.read(directory: request.district)
    } catch let thrown as InputErrors {
      errors.append(contentsOf: thrown)
    } catch {
      throw .unusable(LocalizedText(vi: "\(error)", en: "\(error)"))
    }
    var submissions: [UnitSubmission] = []
    for folder in request.units {
      let name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
      do {
        let tables = try WorkspaceReader.readSubmission(directory: folder, label: name)
        submissions.append(
          UnitSubmission(name: name, allocations: tables.allocations, payments: tables.payments))
      } catch let thrown as InputErrors {
        errors.append(contentsOf: thrown)
      } catch {
        throw .unusable(LocalizedText(vi: "\(error)", en: "\(error)"))
      }
    }
    guard errors.isEmpty, let districtLedger else { throw .input(errors) }
    try checkYear(request.year, in: districtLedger.plan.info)
    let consolidation = try AppError.mapping {
      try Consolidation.consolidate(district: districtLedger, submissions: submissions, year: request.year)
    }
    let workbook = ConsolidatedWorkbook(
      consolidation: consolidation, template: template, consolidationTemplate: consolidationTemplate,
      settings: workbookSettings(request.style, run: run))
    try run.begin(LocalizedText(vi: "Ghi bảng tính", en: "Writing the workbook"))
    try writeWorkbook(request.workbookPath) { try workbook.write(to: $0) }
    return ConsolidateResult(
      consolidation: consolidation, writtenPath: request.workbookPath,
      standing: StandingErrors(
        count: consolidation.differences.count + consolidation.settlement.findings.errorCount,
        scope: .years(request.year...request.year)))
  }
}

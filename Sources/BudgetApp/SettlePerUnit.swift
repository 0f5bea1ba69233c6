import BudgetCore
import BudgetEngine
import Foundation
import SettlementReports

/// `settle --year Y --per-unit DIR`: one settlement workbook per implementing unit.
public struct SettlePerUnitRequest: Hashable, Sendable {
  public let workspace: String
  public let year: Int
  /// The folder the workbooks go into: made when missing, inside a folder that exists.
  public let folder: String
  /// The workbook's scale, template and language (the language of the JSON too).
  public let style: WorkbookStyle

  public init(
    workspace: String, year: Int, folder: String, style: WorkbookStyle = WorkbookStyle()
  ) {
    self.workspace = workspace
    self.year = year
    self.folder = folder
    self.style = style
  }

  /// `quyet-toan-2023-DV000001.xlsx`: codes are `[A-Z0-9._-]`, safe in a file name.
  public static func fileName(year: Int, unit: UnitCode) -> String {
    "quyet-toan-\(year)-\(unit.rawValue).xlsx"
  }
}

public struct SettlePerUnitResult: Sendable {
  public let folder: String
  /// The workbooks written, in the plan's order of units.
  public let paths: [String]
  /// The year's error findings, whichever unit's workbook shows them (province-wide ones too).
  public let standing: StandingErrors
}

extension KinhphiApp {
  /// The workspace is read and analysed once; each unit's workbook then holds that unit's lines,
  /// payments and findings (`YearSettlement.splitByUnit`). The workbooks are independent, so they are
  /// written in parallel, one libxlsxwriter workbook per thread. A cancelled run stops starting new
  /// workbooks, and those being written stop inside their rows and leave no file; those already
  /// written stay, each whole.
  public func settlePerUnit(_ request: SettlePerUnitRequest, run: RunControl = RunControl()) throws(AppError)
    -> SettlePerUnitResult
  {
    defer { run.progress(.finish) }
    let template = try templates.load(explicitPath: request.style.template)
    let analysis = try analyze(workspace: request.workspace, years: [request.year], run: run)
    let plan = analysis.ledger.plan
    let settlement = analysis.settlement(year: request.year)
    // A unit outside the plan is an UNKNOWN_UNIT error finding; it gets no workbook of its own.
    let parts = settlement.splitByUnit(plan: plan).filter { plan.unitByCode[$0.unit] != nil }
    try makeFolder(request.folder)
    try run.begin(
      LocalizedText(vi: "Ghi bảng tính theo đơn vị", en: "Writing unit workbooks"),
      unit: LocalizedText(vi: "bảng tính", en: "workbooks"), total: parts.count)
    let paths = parts.map {
      request.folder + "/" + SettlePerUnitRequest.fileName(year: request.year, unit: $0.unit)
    }
    let failures = Collected<ReportWriteError>()
    let (progress, cancellation, created) = (run.progress, run.cancellation, documentDate)
    DispatchQueue.concurrentPerform(iterations: parts.count) { index in
      guard !cancellation.isCancelled else { return }
      // Made here, on the workbook's own thread (settings hold a closure, not sendable).
      let settings = WorkbookSettings(
        scale: request.style.scale, language: request.style.language, created: created,
        interruption: { try cancellation.check() })
      var workbook = SettlementWorkbook(
        settlement: parts[index].settlement, plan: plan, template: template, settings: settings)
      workbook.reportingUnit = plan.unitByCode[parts[index].unit]
      workbook.allFindings = request.style.allFindings
      do {
        try workbook.write(to: paths[index])
      } catch let failure as ReportWriteError {
        failures.add(failure)
      } catch AppError.cancelled {
        return  // stopped inside its rows: no file; the run throws .cancelled below
      } catch {
        failures.add(ReportWriteError(path: paths[index], vi: "\(error)", en: "\(error)"))
      }
      progress(.advance(by: 1))
    }
    let failed = failures.values
    guard failed.isEmpty else { throw .workbooksNotWritten(failed) }
    try cancellation.check()
    return SettlePerUnitResult(
      folder: request.folder, paths: paths,
      standing: StandingErrors(in: settlement.findings, scope: .years(request.year...request.year)))
  }

  /// The folder named by `--per-unit` is the output itself: made when missing, inside a folder that exists.
  func makeFolder(_ folder: String) throws(AppError) {
    try requireOutputFolder(of: folder)
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    } catch CocoaError.fileWriteFileExists {
    } catch {
      var isDirectory: ObjCBool = false
      if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue
      {
        throw .input(
          nil, vi: "Không tạo được thư mục \(folder): \(error.localizedDescription).",
          en: "Could not create the folder \(folder): \(error.localizedDescription).")
      }
    }
  }
}

/// Values collected from worker threads.
final class Collected<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var collected: [Value] = []

  func add(_ value: Value) { lock.withLock { collected.append(value) } }
  var values: [Value] { lock.withLock { collected } }
}

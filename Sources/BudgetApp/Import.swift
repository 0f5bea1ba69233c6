import BudgetCore
import BudgetIO
import Foundation
import SafeOutput
import SettlementReports

/// `import`: a sheet of an .xlsx file (or a .csv file) turned into the workspace's CSV rows, planned first (rows per
/// year before and after; every row checked against the plan), then applied (the previous file kept
/// as a .bak copy).
public struct ImportRequest: Hashable, Sendable {
  /// The .xlsx file, or a .csv file (by its extension).
  public let file: String
  public let table: WorkspaceTable
  /// The workspace folder (with plan.yaml) that receives the rows.
  public let workspace: String
  /// The sheet, hidden ones too; nil for the first visible sheet.
  public let sheet: String?
  /// Replace this year's rows by the sheet's; nil to append.
  public let replaceYear: Int?

  public init(
    file: String, table: WorkspaceTable, workspace: String, sheet: String? = nil, replaceYear: Int? = nil
  ) {
    self.file = file
    self.table = table
    self.workspace = workspace
    self.sheet = sheet
    self.replaceYear = replaceYear
  }
}

public struct ImportPlan: Sendable {
  public let request: ImportRequest
  public let plan: TableImport.Plan
  /// Rows per year before and after, for the renderers.
  public let summary: ImportText.Summary
  /// The sheet's file name as shown (without its folder).
  public let sheetFile: String
  /// Whether applying changes a file that exists (a new file loses nothing).
  public var changesExistingFile: Bool { plan.changesExistingFile }
}

extension KinhphiApp {
  public func planImport(_ request: ImportRequest, run: RunControl = RunControl()) throws(AppError)
    -> ImportPlan
  {
    defer { run.progress(.finish) }
    guard let data = FileManager.default.contents(atPath: request.file) else {
      throw .input(nil, vi: "Không đọc được tệp '\(request.file)'.", en: "Could not read '\(request.file)'.")
    }
    let name = URL(fileURLWithPath: request.file).lastPathComponent
    try run.begin(RunControl.readingStep)
    let format: TableImport.Format
    if name.lowercased().hasSuffix(".csv") {
      // A CSV file has one table; a sheet name would be silently ignored.
      if let sheet = request.sheet {
        throw .input(
          nil, vi: "'\(name)' là tệp CSV, không có trang '\(sheet)': chỉ tệp .xlsx mới có trang.",
          en: "'\(name)' is a CSV file and has no sheet '\(sheet)': only .xlsx files have sheets.")
      }
      format = .csv
    } else {
      format = .xlsx(sheet: request.sheet)
    }
    let plan = try AppError.mapping {
      try TableImport.prepare(
        data: data, file: name, format: format, table: request.table, workspace: request.workspace,
        mode: request.replaceYear.map { .replaceYear($0) } ?? .append)
    }
    let summary = ImportText.Summary(
      targetPath: plan.targetPath, tableFile: request.table.csvFile, replacedYear: request.replaceYear,
      years: plan.years.map { ($0.year, $0.before, $0.removed, $0.added) })
    return ImportPlan(request: request, plan: plan, summary: summary, sheetFile: name)
  }

  /// Writes the planned file (refused when it changed since the plan); returns the backup's path.
  public func applyImport(_ plan: ImportPlan, run: RunControl = RunControl()) throws(AppError) -> String? {
    try run.cancellation.check()
    // Under the workspace lock shared with `kinhphi serve` (and re-entrant when the page holds it).
    return try AppError.mapping {
      try WorkspaceLock.withLock(workspace: plan.request.workspace, waitSeconds: KinhphiApp.lockWaitSeconds) {
        try TableImport.commit(plan.plan)
      }
    }
  }
}

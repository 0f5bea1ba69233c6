import BudgetCore
import Foundation
import Xlsx

/// Called every few thousand cells while a workbook is written (`Workbook.interruption`): a run's
/// cancellation check. What it throws stops the write and reaches the caller of `write(to:)`
/// unchanged; no file is left behind.
public typealias WriteInterruption = () throws -> Void

extension Workbook {
  /// The workbook of one of kinhphi's reports: its document properties (the plan's name as subject,
  /// its office as author, its issuer as company) and the run's interruption, set the one way every
  /// report sets them.
  static func report(
    path: String, plan: PlanInfo, title: String, comments: String, keywords: String, created: Date,
    constantMemory: Bool = false, interruption: WriteInterruption?
  ) throws -> Workbook {
    let properties = DocumentProperties(
      title: title, subject: plan.name, author: plan.office, company: plan.issuer, comments: comments,
      keywords: keywords, created: created)
    let workbook = try Workbook(
      path: path,
      options: WorkbookOptions(
        constantMemory: constantMemory, useZip64: constantMemory, properties: properties))
    workbook.interruption = interruption
    return workbook
  }
}

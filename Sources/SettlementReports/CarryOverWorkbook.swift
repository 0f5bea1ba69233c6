import BudgetCore
import BudgetEngine
import Foundation

/// The "Chuyển nguồn" sheet of the settlement workbook on its own: the year-end carry-over and
/// cancellation schedule that `kinhphi close -o` writes for the decision on carrying money over.
/// Same template, same layout and formulas as the sheet inside the full workbook.
public struct CarryOverWorkbook {
  public private(set) var workbook: SettlementWorkbook

  /// Nil when the template has no `carry_over` sheet (nothing to write from it).
  public init?(
    settlement: YearSettlement, plan: Plan, template: SettlementTemplate, settings: WorkbookSettings
  ) {
    let sheets = template.sheets.filter { $0.kind == .carryOver }
    guard !sheets.isEmpty else { return nil }
    let only = SettlementTemplate(document: template.document, sheets: sheets, file: template.file)
    workbook = SettlementWorkbook(
      settlement: settlement, plan: plan, template: only, settings: settings)
  }

  public func write(to path: String) throws { try workbook.write(to: path) }
}

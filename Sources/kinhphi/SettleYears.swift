import ArgumentParser
import BudgetCore
import BudgetEngine
import Foundation
import SettlementReports

/// `--years 2021-2025`: a range of budget years written as `A-B` (or a single year `A`).
struct YearRange: ExpressibleByArgument {
  let range: ClosedRange<Int>

  init?(argument: String) {
    let parts = argument.split(separator: "-", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = Int(parts.last ?? ""),
      first <= last, first >= Limits.yearMin, last <= Limits.yearMax
    else { return nil }
    range = first...last
  }
}

/// Exactly one of --year and --years; --years writes a workbook, never JSON.
func validateYearChoice(year: Int?, years: YearRange?, json: String?) throws {
  switch (year, years) {
  case (nil, nil):
    throw ValidationError("Cần --year NĂM hoặc --years A-B. / Give --year YEAR or --years A-B.")
  case (.some, .some):
    throw ValidationError("Chỉ một trong --year và --years. / Give only one of --year and --years.")
  case (nil, .some) where json != nil:
    throw ValidationError("--years ghi bảng tính, không ghi JSON. / --years writes a workbook, not JSON.")
  default: break
  }
}

/// Writes the phase workbook (`settle --years A-B`): phase summary, chain, one sheet per year.
func settleYears(
  _ years: YearRange, options: WorkspaceOptions, output: String?, scale: DisplayScale, template: String?
) throws {
  let settlementTemplate = try loadTemplate(template)
  try requireOutputFolder(of: output ?? "quyet-toan-\(years.range.lowerBound)-\(years.range.upperBound).xlsx")
  let analysis = try loadAnalysis(options)
  for year in [years.range.lowerBound, years.range.upperBound] { try checkYear(year, in: analysis) }
  let summary = MultiYearSummary(analysis: analysis, years: years.range)
  let path = output ?? "quyet-toan-\(years.range.lowerBound)-\(years.range.upperBound).xlsx"
  let workbook = MultiYearWorkbook(
    summary: summary, plan: analysis.ledger.plan, template: settlementTemplate, scale: scale,
    language: options.lang, created: documentDate())
  try writeWorkbook(path) { try workbook.write(to: $0) }
  let vi = options.lang == .vi
  let total = summary.total
  func money(_ amount: Money) -> String { vi ? amount.grouped : amount.groupedEnglish }
  print(vi ? "Đã ghi \(path)" : "Wrote \(path)")
  print(
    vi
      ? "Giai đoạn \(years.range.lowerBound)–\(years.range.upperBound): giao \(money(total.allocated)), quyết toán \(money(total.settled)), hủy \(money(total.cancelled)), chuyển sang \(years.range.upperBound + 1) \(money(total.closing)) đồng."
      : "\(years.range.lowerBound)–\(years.range.upperBound): allocated \(money(total.allocated)), settled \(money(total.settled)), cancelled \(money(total.cancelled)), carried to \(years.range.upperBound + 1) \(money(total.closing)) đồng."
  )
  if !summary.mismatches.isEmpty {
    print(
      vi
        ? "Lưu ý: \(summary.mismatches.count) dòng chuyển nguồn không khớp giữa các năm (CARRY_IN_MISMATCH; xem kinhphi check)."
        : "Note: \(summary.mismatches.count) carry-in lines do not match the previous year (CARRY_IN_MISMATCH; see kinhphi check)."
    )
  }
  try ErrorFindingsStand.throwIfAny(
    in: years.range.flatMap { year in analysis.findings(year: year).filter { $0.year == year } }
      + analysis.findings(year: nil).filter { $0.year == nil },
    scope: .years(years.range))
}

import ArgumentParser
import BudgetApp
import BudgetCore
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

/// What `settle --years A-B` says after writing the phase workbook: the path, the phase's totals and
/// the carry-in lines that do not match between years.
enum PhaseText {
  static func render(
    _ result: SettlePhaseResult, years: ClosedRange<Int>, language: Language
  ) -> String {
    let (summary, path) = (result.summary, result.writtenPath)
    let vi = language == .vi
    let total = summary.total
    let (first, last) = (years.lowerBound, years.upperBound)
    func money(_ amount: Money) -> String { vi ? amount.grouped : amount.groupedEnglish }
    var text = vi ? "Đã ghi \(path)\n" : "Wrote \(path)\n"
    text +=
      vi
      ? "Giai đoạn \(first)–\(last): giao \(money(total.allocated)), quyết toán \(money(total.settled)), hủy \(money(total.cancelled)), chuyển sang \(last + 1) \(money(total.closing)) đồng.\n"
      : "\(first)–\(last): allocated \(money(total.allocated)), settled \(money(total.settled)), cancelled \(money(total.cancelled)), carried to \(last + 1) \(money(total.closing)) đồng.\n"
    if !summary.mismatches.isEmpty {
      text +=
        vi
        ? "Lưu ý: \(summary.mismatches.count) dòng chuyển nguồn không khớp giữa các năm (CARRY_IN_MISMATCH; xem kinhphi check).\n"
        : "Note: \(summary.mismatches.count) carry-in lines do not match the previous year (CARRY_IN_MISMATCH; see kinhphi check).\n"
    }
    return text
  }
}

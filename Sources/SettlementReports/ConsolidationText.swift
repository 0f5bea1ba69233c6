import BudgetCore
import BudgetEngine

/// The terminal summary of a consolidation: each submission, the differences with both figures,
/// the superseded district rows and the year's error findings.
public enum ConsolidationText {
  public static func render(_ consolidation: Consolidation, language: Language) -> String {
    let vi = language == .vi
    func amount(_ money: Money) -> String { vi ? money.grouped : money.groupedEnglish }
    var lines: [String] = []
    lines.append(
      vi
        ? "Hợp nhất năm \(consolidation.year): \(consolidation.submissions.count) bộ số liệu đơn vị."
        : "Consolidation of \(consolidation.year): \(consolidation.submissions.count) unit submissions.")
    for submission in consolidation.submissions {
      let units = submission.units.map(\.rawValue).sorted().joined(separator: ", ")
      let paid = submission.payments.filter { $0.year == consolidation.year }.count
      lines.append(
        vi
          ? "  \(submission.name): đơn vị \(units); \(submission.allocations.count) dòng dự toán, \(paid) khoản chi năm \(consolidation.year)"
          : "  \(submission.name): unit \(units); \(submission.allocations.count) allocation rows, \(paid) payments in \(consolidation.year)"
      )
    }
    if !consolidation.supersededPayments.isEmpty {
      lines.append(
        vi
          ? "Bỏ \(consolidation.supersededPayments.count) khoản chi huyện tự ghi cho các đơn vị trên (thay bằng số liệu của đơn vị)."
          : "Left out \(consolidation.supersededPayments.count) district payment rows for these units (replaced by the units' own)."
      )
    }
    if consolidation.differences.isEmpty {
      lines.append(
        vi
          ? "Dự toán các đơn vị ghi nhận khớp dự toán huyện giao."
          : "Every unit's allocations match the district's.")
    } else {
      lines.append(
        vi
          ? "CHÊNH LỆCH DỰ TOÁN (\(consolidation.differences.count)):"
          : "ALLOCATION DIFFERENCES (\(consolidation.differences.count)):")
      for difference in consolidation.differences {
        let line = "\(difference.line.source) · \(difference.line.activity) · \(difference.line.unit)"
        let decisions =
          "\(difference.districtDecision ?? "—") / \(difference.unitDecision ?? "—")"
        let places = [difference.districtLocation, difference.unitLocation].compactMap { $0?.description }
          .joined(separator: " · ")
        lines.append(
          vi
            ? "  [\(difference.submission)] \(difference.kind.title.vi): \(line), \(difference.kindLabel.vi.lowercased()) (\(difference.allocationKind.rawValue)); "
              + "huyện giao \(amount(difference.districtAmount)), đơn vị ghi \(amount(difference.unitAmount)) "
              + "(chênh lệch \(amount(difference.difference))); quyết định huyện/đơn vị \(decisions); \(places)"
            : "  [\(difference.submission)] \(difference.kind.title.en): \(line), \(difference.kindLabel.en.lowercased()) (\(difference.allocationKind.rawValue)); "
              + "district \(amount(difference.districtAmount)), unit \(amount(difference.unitAmount)) "
              + "(difference \(amount(difference.difference))); decisions district/unit \(decisions); \(places)"
        )
      }
    }
    let errors = consolidation.settlement.findings.errorCount
    let warnings = consolidation.settlement.findings.filter { $0.severity == .warning }.count
    lines.append(
      vi
        ? "Phát hiện năm \(consolidation.year): \(errors) lỗi, \(warnings) cảnh báo (xem trang Kiểm tra)."
        : "Findings of \(consolidation.year): \(errors) errors, \(warnings) warnings (see the Kiểm tra sheet)."
    )
    return lines.joined(separator: "\n")
  }
}

import BudgetCore
import BudgetEngine

/// The handover on the terminal: the as-of figures, what each successor receives, what is left out.
public enum HandoverText {
  public static func render(_ handover: Handover, language: Language) -> String {
    let vi = language == .vi
    func money(_ amount: Money) -> String { vi ? amount.grouped : amount.groupedEnglish }
    var out =
      vi
      ? "Bàn giao số dư đến hết ngày \(handover.date.vietnamese): \(handover.balances.count) khoản, tổng \(money(handover.total)) đồng.\n"
      : "Handover of balances as of \(handover.date.vietnamese): \(handover.balances.count) balances, total \(money(handover.total)) đồng.\n"
    var bySuccessor: [UnitCode: Money] = [:]
    for opening in handover.openings { bySuccessor[opening.line.unit, default: .zero] += opening.amount }
    out += TextTable.render(
      headers: vi ? ["Đơn vị nhận", "Số tiền (đồng)"] : ["Successor", "Amount (đồng)"],
      rows: bySuccessor.keys.sorted().map { [$0.rawValue, money(bySuccessor[$0] ?? .zero)] }
        + [[vi ? "Cộng" : "Total", money(handover.total)]],
      rightAligned: [1])
    if !handover.overspentLines.isEmpty {
      out +=
        vi
        ? "\nDòng chi vượt đến ngày bàn giao (không có số dư; đơn vị cũ phải xử lý):\n"
        : "\nLines overspent by the date (nothing to hand over; the old unit must settle them):\n"
      for line in handover.overspentLines {
        out += "  \(line.key)  \(money(line.figures.overspent))\n"
      }
    }
    if !handover.unmappedBalances.isEmpty {
      out +=
        vi
        ? "\nĐơn vị có số dư nhưng không có trong tệp bàn giao (giữ nguyên):\n"
        : "\nUnits with balances that the map does not name (kept):\n"
      for line in handover.unmappedBalances {
        out += "  \(line.key)  \(money(line.figures.remaining))\n"
      }
    }
    return out
  }
}

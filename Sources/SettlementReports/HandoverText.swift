import BudgetCore
import BudgetEngine

/// The handover on the terminal: the as-of figures, what each successor receives — as money carried
/// in from earlier years and as a supplement of the handover year, each named in words beside its
/// row kind — and what is left out.
public enum HandoverText {
  /// `names`: the successors' names by code (from the successor plan), shown beside the codes.
  public static func render(_ handover: Handover, language: Language, names: [UnitCode: String] = [:])
    -> String
  {
    let vi = language == .vi
    func money(_ amount: Money) -> String { vi ? amount.grouped : amount.groupedEnglish }
    var out =
      vi
      ? "Bàn giao số dư đến hết ngày \(handover.date.vietnamese): \(handover.balances.count) khoản, tổng \(money(handover.total)) đồng.\n"
      : "Handover of balances as of \(handover.date.vietnamese): \(handover.balances.count) balances, total \(money(handover.total)) đồng.\n"
    var carriedIn: [UnitCode: Money] = [:]
    var supplement: [UnitCode: Money] = [:]
    for opening in handover.openings {
      if opening.kind == .carryIn {
        carriedIn[opening.line.unit, default: .zero] += opening.amount
      } else {
        supplement[opening.line.unit, default: .zero] += opening.amount
      }
    }
    let successors = Set(carriedIn.keys).union(supplement.keys).sorted()
    let carryIn = AllocationKind.carryIn
    let supplementKind = AllocationKind.supplement
    out +=
      vi
      ? "Đơn vị nhận mở sổ: \(carryIn.label.vi.lowercased()) (\(carryIn.rawValue)) cho tiền của các năm trước năm \(handover.year), \(supplementKind.label.vi.lowercased()) (\(supplementKind.rawValue)) cho tiền của năm \(handover.year).\n"
      : "The successors open: \(carryIn.label.en.lowercased()) (\(carryIn.rawValue)) for money of the years before \(handover.year), \(supplementKind.label.en.lowercased()) (\(supplementKind.rawValue)) for money of \(handover.year).\n"
    let totalCarriedIn = carriedIn.values.reduce(Money.zero, +)
    let totalSupplement = supplement.values.reduce(Money.zero, +)
    out += TextTable.render(
      headers: vi
        ? ["Đơn vị nhận", "Tên", "Chuyển nguồn sang", "Bổ sung", "Cộng (đồng)"]
        : ["Successor", "Name", "Carried in", "Supplement", "Total (đồng)"],
      rows: successors.map { unit in
        let carried = carriedIn[unit] ?? .zero
        let added = supplement[unit] ?? .zero
        return [unit.rawValue, names[unit] ?? "", money(carried), money(added), money(carried + added)]
      } + [
        [vi ? "Cộng" : "Total", "", money(totalCarriedIn), money(totalSupplement), money(handover.total)]
      ],
      rightAligned: [2, 3, 4])
    /// Each line with its amount under a heading; nothing when there are none.
    func lines(
      _ lines: [LineSettlement], vi viHeading: String, en enHeading: String, _ amount: (Figures) -> Money
    ) {
      guard !lines.isEmpty else { return }
      out += "\n" + (vi ? viHeading : enHeading) + "\n"
      for line in lines { out += "  \(line.key)  \(money(amount(line.figures)))\n" }
    }
    lines(
      handover.overspentLines,
      vi: "Dòng chi vượt đến ngày bàn giao (không có số dư; đơn vị cũ phải xử lý):",
      en: "Lines overspent by the date (nothing to hand over; the old unit must settle them):", \.overspent)
    lines(
      handover.unmappedBalances, vi: "Đơn vị có số dư nhưng không có trong tệp bàn giao (giữ nguyên):",
      en: "Units with balances that the map does not name (kept):", \.remaining)
    return out
  }
}

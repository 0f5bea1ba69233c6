import BudgetCore
import BudgetEngine

/// The close as the officer reads it on the terminal.
public enum CloseText {
  public static func render(_ close: YearEndClose, plan: Plan, language: Language) -> String {
    let vi = language == .vi
    func money(_ amount: Money) -> String { vi ? amount.grouped : amount.groupedEnglish }
    // Only the parts that are there: no "hủy dự toán 0 đồng".
    var parts: [String] = []
    if close.carryOverTotal.isPositive {
      parts.append(
        vi
          ? "chuyển nguồn \(money(close.carryOverTotal)) đồng"
          : "carried over \(money(close.carryOverTotal)) đồng")
    }
    if close.cancelledTotal.isPositive {
      parts.append(
        vi
          ? "hủy dự toán \(money(close.cancelledTotal)) đồng"
          : "cancelled \(money(close.cancelledTotal)) đồng")
    }
    if parts.isEmpty { parts.append(vi ? "không còn số dư" : "nothing left over") }
    var out =
      vi
      ? "Khóa sổ năm \(close.year): \(parts.joined(separator: ", ")).\n"
      : "Closing \(close.year): \(parts.joined(separator: ", ")).\n"
    let kind = AllocationKind.carryIn
    out +=
      vi
      ? "Dòng \(kind.label.vi.lowercased()) (\(kind.rawValue)) năm \(close.nextYear): \(close.entries.count) cần có, \(close.recorded.count) đã ghi đúng, \(close.missing.count) cần thêm.\n"
      : "\(kind.label.en) rows (\(kind.rawValue)) for \(close.nextYear): \(close.entries.count) due, \(close.recorded.count) already recorded, \(close.missing.count) to add.\n"
    if !close.missing.isEmpty {
      out += "\n" + (vi ? "Các dòng sẽ thêm:" : "Rows to add:") + "\n"
      let rows = close.missing.map {
        [
          String($0.line.year), $0.line.source.rawValue, $0.line.activity.rawValue, $0.line.unit.rawValue,
          origin($0.originYear, $0.part, vi: vi), money($0.amount),
        ]
      }
      out += TextTable.render(
        headers: vi
          ? ["Năm", "Nguồn", "Nội dung", "Đơn vị", "Năm gốc", "Số tiền (đồng)"]
          : ["Year", "Source", "Activity", "Unit", "Origin", "Amount (đồng)"],
        rows: rows + [[vi ? "Cộng" : "Total", "", "", "", "", money(close.missing.map(\.amount).sum())]],
        rightAligned: [5])
    }
    if !close.differences.isEmpty {
      out += "\n"
      out +=
        vi
        ? "Dòng dự toán chuyển sang năm \(close.nextYear) đã ghi nhưng KHÁC số tính được (không sửa tự động; `check` báo \(FindingCode.carryInMismatch.label.vi) · CARRY_IN_MISMATCH):\n"
        : "Carried-in rows for \(close.nextYear) recorded with OTHER amounts (not edited; `check` reports \(FindingCode.carryInMismatch.label.en) · CARRY_IN_MISMATCH):\n"
      out += TextTable.render(
        headers: vi
          ? ["Nguồn", "Nội dung", "Đơn vị", "Năm gốc", "Tính được", "Đã ghi", "Chênh lệch"]
          : ["Source", "Activity", "Unit", "Origin", "Computed", "Recorded", "Difference"],
        rows: close.differences.map {
          [
            $0.line.source.rawValue, $0.line.activity.rawValue, $0.line.unit.rawValue,
            origin($0.originYear, $0.part, vi: vi), money($0.expected), money($0.recorded),
            money($0.difference),
          ]
        }, rightAligned: [4, 5, 6])
    }
    return out
  }

  /// The origin year, and which part for an advance balance (undrawn rows read as they always did).
  static func origin(_ year: Int, _ part: CarryInPart, vi: Bool) -> String {
    part == .advance ? "\(year) (\(vi ? "số dư tạm ứng" : "advance balance"))" : String(year)
  }

  /// Why nothing is written. Error findings: in the officer's language (stdout, status 2, the
  /// findings follow). Year outside the plan: both languages, like every status-2 message.
  public static func refusal(_ refusal: CloseRefusal, year: Int, language: Language) -> String {
    switch refusal {
    case .errorFindings(let count):
      return language == .vi
        ? "Không khóa sổ năm \(year): năm có \(count) lỗi. Sửa số liệu, hoặc dùng --force nếu đã xem xét và vẫn muốn chuyển nguồn theo số hiện có.\n"
        : "Not closing \(year): the year has \(count) error findings. Fix the data, or use --force if you reviewed them and still want to carry over the current figures.\n"
    case .nextYearOutsidePlan(let nextYear, let planYears):
      let range = "\(planYears.lowerBound)–\(planYears.upperBound)"
      return
        "Không khóa sổ năm \(year): năm \(nextYear) nằm ngoài kế hoạch \(range), nên không ghi được số chuyển nguồn vào allocations.csv; không ghi gì. Dùng --output TỆP để ghi các dòng ra tệp riêng, hoặc `kinhphi handover` để bàn giao số dư.\n"
        + "Not closing \(year): \(nextYear) is outside the plan \(range), so its carry-in rows cannot go into allocations.csv; nothing written. Use --output FILE to write the rows to a file of their own, or `kinhphi handover` to hand the balances over.\n"
    }
  }
}

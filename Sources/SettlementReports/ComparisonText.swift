import BudgetCore
import BudgetEngine

/// The compact terminal table of `kinhphi whatif`: per scenario the changed lines (before → after, Δ),
/// the lines the scenario breaks, and the totals by source; for a sweep, one row per value.
public enum ComparisonText {
  public static func render(_ report: ComparisonReport, language: Language) -> String {
    let vi = language == .vi
    var out = ""
    for (position, comparison) in report.comparisons.enumerated() {
      let scenario = comparison.scenario
      out +=
        vi
        ? "Kịch bản \"\(scenario.name)\" (\(scenario.file)) · năm \(scenario.year) · làm tròn \(group(Money(dong: scenario.roundToDong), vi)) đồng\n"
        : "Scenario \"\(scenario.name)\" (\(scenario.file)) · year \(scenario.year) · rounded to \(group(Money(dong: scenario.roundToDong), vi)) VND\n"

      let changed = comparison.changedLines
      out += "\n" + (vi ? "Dòng thay đổi (\(changed.count))" : "Changed lines (\(changed.count))") + "\n"
      if changed.isEmpty {
        out += vi ? "  Không dòng nào thay đổi.\n" : "  No line changes.\n"
      } else {
        let header =
          vi
          ? ["Nguồn", "Nội dung", "Đơn vị", "Trước", "Sau", "Chênh lệch", "Đã chi"]
          : ["Source", "Activity", "Unit", "Before", "After", "Change", "Spent"]
        let rows = changed.map { line in
          [
            line.key.source.rawValue, line.key.activity.rawValue, line.key.unit.rawValue,
            group(line.allocatedBefore, vi), group(line.allocatedAfter, vi),
            signed(line.allocatedDelta, vi), group(line.baseline?.spent ?? .zero, vi),
          ]
        }
        out += table(header, rows, numeric: [3, 4, 5, 6])
      }

      out +=
        "\n"
        + (vi ? "Dòng bị ảnh hưởng (\(comparison.brokenCount))" : "Broken lines (\(comparison.brokenCount))")
        + "\n"
      if comparison.broken.isEmpty {
        out += vi ? "  Không có lỗi hay cảnh báo mới.\n" : "  No new error or warning.\n"
      } else {
        for entry in comparison.broken {
          let finding = entry.finding
          let amount = finding.amount.map { group($0, vi) } ?? ""
          let before =
            entry.baselineAmount.map { (vi ? " (trước: " : " (before: ") + group($0, vi) + ")" } ?? ""
          out +=
            "  \(finding.severity.title.text(language).uppercased())  "
            + "\(finding.code.label.text(language)) · \(finding.code.rawValue)  "
            + "\(finding.lineDescription)  \(amount)\(before)\n"
          out += "      → \(finding.message.text(language))\n"
        }
      }

      out +=
        "\n" + (vi ? "Tổng theo nguồn (dự toán giao trong năm)" : "Totals by source (allocated in the year)")
        + "\n"
      let header =
        vi
        ? ["Nguồn", "Hiện trạng", "Kịch bản", "Chênh lệch"] : ["Source", "Baseline", "Scenario", "Change"]
      var rows = comparison.sources.map { source in
        [
          source.source.rawValue, group(source.baseline.allocated, vi), group(source.scenario.allocated, vi),
          signed(source.scenario.allocated - source.baseline.allocated, vi),
        ]
      }
      let before = comparison.baseline.totals.allocated
      let after = comparison.result.totals.allocated
      rows.append([
        vi ? "Tổng cộng" : "Total", group(before, vi), group(after, vi), signed(after - before, vi),
      ])
      out += table(header, rows, numeric: [1, 2, 3])

      out += "\n" + result(comparison, vi) + "\n"
      if position < report.comparisons.count - 1 { out += "\n" + String(repeating: "─", count: 60) + "\n\n" }
    }
    return out
  }

  public static func render(_ sweep: SweepResult, scenario: Scenario, language: Language) -> String {
    let vi = language == .vi
    var out =
      vi
      ? "Quét \(sweep.text) · kịch bản \"\(scenario.name)\" · năm \(scenario.year)\n\n"
      : "Sweep \(sweep.text) · scenario \"\(scenario.name)\" · year \(scenario.year)\n\n"
    let header =
      vi
      ? [
        "Giá trị", "Dòng bị ảnh hưởng", "Lỗi mới", "Chi vượt thêm (đồng)", "Thiếu đối ứng thêm (đồng)",
        "Dự toán giao (đồng)",
      ]
      : [
        "Value", "Broken lines", "New errors", "More overspent (VND)", "More counterpart short (VND)",
        "Allocated (VND)",
      ]
    let rows = sweep.points.map { point in
      [
        String(point.value), String(point.brokenCount), String(point.newErrorCount),
        group(point.overspendIncrease, vi), group(point.counterpartShortfallIncrease, vi),
        group(point.allocated, vi),
      ]
    }
    out += table(header, rows, numeric: [0, 1, 2, 3, 4, 5])
    out += "\n" + sweepSummary(sweep, vi) + "\n"
    return out
  }

  /// The scenario's outcome as a sentence; each kind of missing money on its own (overspending is
  /// money already spent without a budget, a counterpart shortfall is local money still to be
  /// allocated: their sum means nothing), and no "0" parts.
  static func result(_ comparison: ScenarioComparison, _ vi: Bool) -> String {
    guard comparison.brokenCount > 0 else {
      return vi ? "Kết quả: không dòng nào bị ảnh hưởng." : "Result: nothing breaks."
    }
    var sentence =
      vi
      ? "Kết quả: \(comparison.brokenCount) dòng bị ảnh hưởng (\(comparison.newErrorCount) lỗi mới)."
      : "Result: \(comparison.brokenCount) broken lines (\(comparison.newErrorCount) new errors)."
    if comparison.overspendIncrease.isPositive {
      let amount = group(comparison.overspendIncrease, vi)
      sentence +=
        vi
        ? " Số đã chi vượt dự toán mới: thêm \(amount) đồng."
        : " Already spent beyond the new allocations: \(amount) VND more."
    }
    if comparison.counterpartShortfallIncrease.isPositive {
      let amount = group(comparison.counterpartShortfallIncrease, vi)
      sentence +=
        vi
        ? " Kinh phí đối ứng (NSĐP) còn thiếu: thêm \(amount) đồng."
        : " Local counterpart funding still missing: \(amount) VND more."
    }
    return sentence
  }

  /// Which swept values break nothing, as a sentence ("from 0 to 0" never appears).
  static func sweepSummary(_ sweep: SweepResult, _ vi: Bool) -> String {
    let total = sweep.points.count
    let cleanFlags = sweep.points.map { $0.brokenCount == 0 }
    let clean = sweep.points.filter { $0.brokenCount == 0 }.map(\.value)
    guard let first = clean.first, let last = clean.last else {
      return vi
        ? "Với mọi giá trị đã quét (\(total) giá trị), đều có dòng bị ảnh hưởng."
        : "Every one of the \(total) values swept breaks something."
    }
    if clean.count == total {
      return vi
        ? "Với cả \(total) giá trị đã quét, không dòng nào bị ảnh hưởng."
        : "With all \(total) values swept, nothing breaks."
    }
    if clean.count == 1 {
      return vi
        ? "Chỉ với giá trị \(first) (1 trong \(total) giá trị đã quét), không dòng nào bị ảnh hưởng."
        : "Only with the value \(first) (1 of the \(total) values swept), nothing breaks."
    }
    // Clean values next to each other in the sweep read as a range; scattered ones are listed.
    let firstIndex = cleanFlags.firstIndex(of: true)!
    let lastIndex = cleanFlags.lastIndex(of: true)!
    let contiguous = cleanFlags[firstIndex...lastIndex].allSatisfy { $0 }
    let which =
      contiguous
      ? (vi ? "từ \(first) đến \(last)" : "from \(first) to \(last)")
      : clean.map(String.init).joined(separator: ", ")
    return vi
      ? "Với \(clean.count) trong \(total) giá trị đã quét (\(which)), không dòng nào bị ảnh hưởng."
      : "With \(clean.count) of the \(total) values swept (\(which)), nothing breaks."
  }

  private static func group(_ amount: Money, _ vi: Bool) -> String {
    vi ? amount.grouped : amount.groupedEnglish
  }

  private static func signed(_ amount: Money, _ vi: Bool) -> String {
    amount.isPositive ? "+" + group(amount, vi) : group(amount, vi)
  }

  /// Columns padded to their widest cell; numeric columns right-aligned.
  private static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>) -> String {
    TextTable.render(headers: header, rows: rows, rightAligned: numeric)
  }
}

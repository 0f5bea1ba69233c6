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
          ? ["Dòng (nguồn · nội dung · đơn vị)", "Trước", "Sau", "Δ", "Đã chi"]
          : ["Line (source · activity · unit)", "Before", "After", "Δ", "Spent"]
        let rows = changed.map { line in
          [
            line.key.description, group(line.allocatedBefore, vi), group(line.allocatedAfter, vi),
            signed(line.allocatedDelta, vi), group(line.baseline?.spent ?? .zero, vi),
          ]
        }
        out += table(header, rows, numeric: [1, 2, 3, 4])
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
            "  \(finding.severity.title.text(language).uppercased())  \(finding.code.rawValue)  "
            + "\(finding.lineDescription)  \(amount)\(before)\n"
          out += "      → \(finding.message.text(language))\n"
        }
      }

      out +=
        "\n" + (vi ? "Tổng theo nguồn (dự toán giao trong năm)" : "Totals by source (allocated in the year)")
        + "\n"
      let header = vi ? ["Nguồn", "Hiện trạng", "Kịch bản", "Δ"] : ["Source", "Baseline", "Scenario", "Δ"]
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

      out +=
        "\n"
        + (vi
          ? "Kết quả: \(comparison.brokenCount) dòng bị ảnh hưởng (\(comparison.newErrorCount) lỗi mới), thiếu hụt thêm \(group(comparison.shortfall, vi)) đồng.\n"
          : "Result: \(comparison.brokenCount) broken lines (\(comparison.newErrorCount) new errors), \(group(comparison.shortfall, vi)) VND more shortfall.\n")
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
      ? ["Giá trị", "Dòng bị ảnh hưởng", "Lỗi mới", "Thiếu hụt (đồng)", "Dự toán giao (đồng)"]
      : ["Value", "Broken lines", "New errors", "Shortfall (VND)", "Allocated (VND)"]
    let rows = sweep.points.map { point in
      [
        String(point.value), String(point.brokenCount), String(point.newErrorCount),
        group(point.shortfall, vi),
        group(point.allocated, vi),
      ]
    }
    out += table(header, rows, numeric: [0, 1, 2, 3, 4])
    let clean = sweep.points.filter { $0.brokenCount == 0 }.map(\.value)
    if let low = clean.min(), let high = clean.max() {
      out +=
        vi
        ? "\nKhông dòng nào bị ảnh hưởng với \(clean.count)/\(sweep.points.count) giá trị, từ \(low) đến \(high).\n"
        : "\nNothing breaks for \(clean.count) of \(sweep.points.count) values, from \(low) to \(high).\n"
    } else {
      out += vi ? "\nMọi giá trị đều làm phát sinh dòng bị ảnh hưởng.\n" : "\nEvery value breaks something.\n"
    }
    return out
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

import BudgetCore
import BudgetEngine

/// The terminal report of `kinhphi progress`: the table of the chosen dimension, the quarters against
/// last year and the pace, the lagging units and lines, the projection and the expiring carry-in.
public enum ProgressText {
  /// How many lagging lines the terminal lists (the workbook and the JSON list them all).
  static let laggingLinesShown = 10

  public static func render(
    _ progress: DisbursementProgress, by dimension: ProgressDimension, language: Language
  ) -> String {
    let vi = language == .vi
    let tables = ProgressTables(progress: progress, language: language)
    func money(_ amount: Money) -> String { ProgressFormat.money(amount, language) }
    func rate(_ rate: Percent?) -> String { ProgressFormat.rate(rate, language) }
    let asOf = progress.asOf.vietnamese
    var out = ""
    if let unit = progress.unit { out += (vi ? "Đơn vị: " : "Unit: ") + tables.unitName(unit) + "\n" }
    out +=
      vi
      ? "Tiến độ giải ngân năm \(progress.year) đến hết ngày \(asOf) (cùng kỳ năm trước: \(progress.previousAsOf.vietnamese))\n"
      : "Disbursement in \(progress.year) to the end of \(asOf) (same date last year: \(progress.previousAsOf.vietnamese))\n"
    let pace = progress.pace
    out +=
      vi
      ? "Tiến độ kế hoạch: \(rate(pace.byJune30)) đến 30/06, \(rate(pace.bySeptember30)) đến 30/09; đến ngày \(asOf) cần đạt \(rate(progress.expectedShare)) số được sử dụng.\n"
      : "Plan's pace: \(rate(pace.byJune30)) by 30/06, \(rate(pace.bySeptember30)) by 30/09; by \(asOf), \(rate(progress.expectedShare)) of the available money.\n"

    // The main table.
    let title: String
    switch dimension {
    case .source: title = vi ? "Theo nguồn" : "By source"
    case .unit: title = vi ? "Theo đơn vị" : "By unit"
    case .activity: title = vi ? "Theo nội dung" : "By activity"
    }
    out += "\n\(title)\n"
    let header =
      vi
      ? [
        "STT", "", "Được sử dụng", "Đã giải ngân", "Tỷ lệ", "Còn lại", "Cùng kỳ đã giải ngân",
        "Tỷ lệ cùng kỳ",
      ]
      : ["No.", "", "Available", "Disbursed", "Rate", "Remaining", "Disbursed last year", "Rate last year"]
    let rows = tables.rows(by: dimension).map { row in
      [
        row.stt, String(repeating: " ", count: 2 * row.level) + (row.code ?? row.name),
        money(row.figures.available), money(row.figures.disbursed), rate(row.figures.rate),
        money(row.figures.remaining), money(row.figures.previousDisbursed), rate(row.figures.previousRate),
      ]
    }
    out += TextTable.render(headers: header, rows: rows, rightAligned: [2, 3, 4, 5, 6, 7])

    // Quarters.
    let total = progress.monthlyTotal
    out +=
      "\n"
      + (vi ? "Lũy kế giải ngân theo quý (mọi nguồn)" : "Cumulative disbursement by quarter (all sources)")
      + "\n"
    let quarterRows = (1...4).map { quarter -> [String] in
      [
        (vi ? "Quý " : "Q") + Numbering.roman(quarter), total.quarter(quarter).map(money) ?? "",
        money(total.previousQuarter(quarter)), money(total.paceCumulative[quarter * 3 - 1]),
      ]
    }
    out += TextTable.render(
      headers: vi
        ? ["", "Năm \(progress.year)", "Năm \(progress.year - 1)", "Theo tiến độ"]
        : ["", "\(progress.year)", "\(progress.year - 1)", "At the pace"],
      rows: quarterRows, rightAligned: [1, 2, 3])

    /// A titled list: "None." when empty, else the table.
    func section(_ title: String, headers: [String], rows: [[String]], rightAligned: Set<Int>) {
      out += "\n" + title + "\n"
      out +=
        rows.isEmpty
        ? (vi ? "  Không có.\n" : "  None.\n")
        : TextTable.render(headers: headers, rows: rows, rightAligned: rightAligned)
    }

    // Lagging units and lines.
    let units = progress.laggingUnits
    section(
      vi
        ? "Đơn vị chậm so với tiến độ (\(units.count)), xếp theo số còn thiếu"
        : "Units behind the pace (\(units.count)), by the amount behind",
      headers: vi
        ? ["STT", "Đơn vị", "Được sử dụng", "Đã giải ngân", "Tỷ lệ", "Cần đạt", "Còn thiếu"]
        : ["No.", "Unit", "Available", "Disbursed", "Rate", "Expected", "Behind"],
      rows: units.enumerated().map { index, entry in
        [
          String(index + 1), tables.unitName(entry.subject), money(entry.figures.available),
          money(entry.figures.disbursed), rate(entry.figures.rate), money(entry.expected),
          money(entry.behind),
        ]
      }, rightAligned: [0, 2, 3, 4, 5, 6])
    let lines = progress.laggingLines
    let shown = lines.prefix(laggingLinesShown)
    let more = lines.count > shown.count
    section(
      vi
        ? "Dòng dự toán chậm so với tiến độ (\(lines.count))"
          + (more ? ", \(shown.count) dòng thiếu nhiều nhất" : "")
        : "Lines behind the pace (\(lines.count))" + (more ? ", the \(shown.count) furthest behind" : ""),
      headers: vi
        ? ["STT", "Nguồn · nội dung · đơn vị", "Được sử dụng", "Đã giải ngân", "Tỷ lệ", "Còn thiếu"]
        : ["No.", "Source · activity · unit", "Available", "Disbursed", "Rate", "Behind"],
      rows: shown.enumerated().map { index, entry in
        [
          String(index + 1), entry.subject.description, money(entry.figures.available),
          money(entry.figures.disbursed), rate(entry.figures.rate), money(entry.behind),
        ]
      }, rightAligned: [0, 2, 3, 4, 5])

    // Projection.
    out +=
      "\n"
      + (vi
        ? "Dự kiến đến 31/12/\(progress.year) nếu giữ tốc độ giải ngân hiện nay (quyết toán theo quy tắc chuyển nguồn của từng nguồn)"
        : "Projected to 31/12/\(progress.year) at the current pace (settled by each source's carry-over rules)")
      + "\n"
    let bySource = progress.totals(by: \.source)
    let sources = progress.plan.sources.map(\.code).filter { bySource[$0] != nil }
    var projectionRows = sources.map { source -> [String] in
      let projected = bySource[source]!.projected
      return [
        source.rawValue, money(projected.available), money(projected.spent), money(projected.carryOver),
        money(projected.cancelled),
      ]
    }
    let projected = progress.projectedTotals
    projectionRows.append([
      vi ? "Tổng cộng" : "Total", money(projected.available), money(projected.spent),
      money(projected.carryOver),
      money(projected.cancelled),
    ])
    out += TextTable.render(
      headers: vi
        ? ["Nguồn", "Được sử dụng", "Giải ngân cả năm", "Chuyển nguồn", "Dự toán bị hủy"]
        : ["Source", "Available", "Disbursed in the year", "Carried over", "Cancelled"],
      rows: projectionRows, rightAligned: [1, 2, 3, 4])
    if projected.overspent.isPositive {
      out +=
        vi
        ? "  Trong đó chi vượt dự toán (đã có đến ngày \(asOf)): \(money(projected.overspent))\n"
        : "  Overspent already by \(asOf): \(money(projected.overspent))\n"
    }

    // Expiring carry-in.
    let expiring = progress.expiringCarryIn
    section(
      vi
        ? "Kinh phí năm trước chuyển sang hết hạn sử dụng trong năm \(progress.year), chưa giải ngân (\(expiring.count))"
        : "Carried-in money that expires in \(progress.year), not yet disbursed (\(expiring.count))",
      headers: vi
        ? ["Nguồn · nội dung · đơn vị", "Năm gốc", "Chuyển sang", "Chưa giải ngân", "Dự kiến bị hủy"]
        : ["Source · activity · unit", "Origin", "Carried in", "Not disbursed", "Projected cancelled"],
      rows: expiring.map { entry in
        [
          entry.line.description, String(entry.originYear), money(entry.carriedIn),
          money(entry.unspentToDate),
          money(entry.projectedCancelled),
        ]
      }, rightAligned: [1, 2, 3, 4])

    out += "\n" + notes(progress, language: language).map { $0 + "\n" }.joined()
    return out
  }

  /// What the figures leave out, said in full (both the terminal and the workbook show these).
  public static func notes(_ progress: DisbursementProgress, language: Language) -> [String] {
    let vi = language == .vi
    let asOf = progress.asOf.vietnamese
    var notes: [String] = []
    let later = progress.paymentsAfterAsOf
    notes.append(
      vi
        ? "Không tính \(later.count) khoản chi của năm \(progress.year) ghi ngày sau \(asOf) (\(later.amount.grouped) đồng)."
        : "Not counted: \(later.count) payments of \(progress.year) dated after \(asOf) (\(later.amount.groupedEnglish) VND)."
    )
    let excluded = progress.excludedPayments
    if excluded.count > 0 {
      notes.append(
        vi
          ? "Không tính \(excluded.count) khoản chi có lỗi (\(excluded.amount.grouped) đồng): xem kinhphi check."
          : "Not counted: \(excluded.count) payments with errors (\(excluded.amount.groupedEnglish) VND): see kinhphi check."
      )
    }
    return notes
  }
}

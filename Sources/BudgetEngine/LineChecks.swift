import BudgetCore

/// Findings about settled lines: overspending, spending with nothing available, money left over.
enum LineChecks {
  static func run(_ lines: [LineSettlement]) -> [Finding] {
    var findings: [Finding] = []
    for line in lines {
      let figures = line.figures
      if figures.remaining.isNegative {
        if figures.available.isZero {
          findings.append(
            Finding(
              code: .unbudgeted, line: line.key, amount: figures.spent,
              message: LocalizedText(
                vi:
                  "Chi \(Text.vi(figures.spent)) trên dòng không có dự toán. Giao hoặc điều chỉnh dự toán cho dòng, hoặc chuyển khoản chi sang đúng dòng.",
                en:
                  "Spent \(Text.en(figures.spent)) on a line with nothing available. Allocate to the line, or move the payments to the right line."
              )))
        } else {
          let excess = -figures.remaining
          findings.append(
            Finding(
              code: .overspend, line: line.key, amount: excess,
              message: LocalizedText(
                vi:
                  "Chi vượt dự toán \(Text.vi(excess)) (được sử dụng \(figures.available.grouped), đã chi \(figures.spent.grouped)). Điều chỉnh dự toán hoặc thu hồi khoản chi vượt.",
                en:
                  "Spent \(Text.en(excess)) more than available (available \(figures.available.groupedEnglish), spent \(figures.spent.groupedEnglish)). Adjust the allocation or recover the excess."
              )))
        }
      } else if figures.remaining.isPositive {
        findings.append(
          Finding(
            code: .unspent, line: line.key, amount: figures.remaining,
            message: unspentMessage(figures)))
      }
    }
    return findings
  }

  /// "Còn X chưa chi: …" naming only the parts that are there (no "hủy dự toán 0").
  static func unspentMessage(_ figures: Figures) -> LocalizedText {
    let head = (
      vi: "Còn \(Text.vi(figures.remaining)) chưa chi", en: "\(Text.en(figures.remaining)) left unspent"
    )
    switch (figures.carryOver.isPositive, figures.cancelled.isPositive) {
    case (true, true):
      return LocalizedText(
        vi:
          "\(head.vi): chuyển nguồn sang năm sau \(figures.carryOver.grouped), hủy dự toán \(figures.cancelled.grouped).",
        en:
          "\(head.en): \(figures.carryOver.groupedEnglish) carried over to next year, \(figures.cancelled.groupedEnglish) cancelled."
      )
    case (true, false):
      return LocalizedText(
        vi: "\(head.vi): chuyển nguồn sang năm sau.", en: "\(head.en): carried over to next year.")
    case (false, true):
      return LocalizedText(vi: "\(head.vi): hủy dự toán.", en: "\(head.en): cancelled.")
    case (false, false):
      return LocalizedText(vi: "\(head.vi).", en: "\(head.en).")
    }
  }
}

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
      }
      findings += treasuryFindings(line)
      if figures.remaining.isPositive {
        findings.append(
          Finding(
            code: .unspent, line: line.key, amount: figures.remaining,
            message: unspentMessage(figures)))
      }
    }
    return findings
  }

  /// DRAWN_OVER_AVAILABLE when more was drawn from the treasury than available (beyond what OVERSPEND
  /// already reports), ADVANCE_NOT_CARRIED_IN when earlier years' advances were settled beyond the
  /// advance balance the carry_in rows bring in.
  static func treasuryFindings(_ line: LineSettlement) -> [Finding] {
    let treasury = line.treasury
    guard treasury.hasAdvances else { return [] }
    var findings: [Finding] = []
    let figures = treasury.figures
    if treasury.undrawn.isNegative && !figures.remaining.isNegative {
      let excess = -treasury.undrawn
      findings.append(
        Finding(
          code: .drawnOverAvailable, line: line.key, amount: excess,
          message: LocalizedText(
            vi:
              "Kinh phí đã nhận (thực chi và tạm ứng) \(treasury.drawn.grouped) vượt tổng số được sử dụng \(figures.available.grouped); vượt \(Text.vi(excess)). Thu hồi tạm ứng vượt hoặc điều chỉnh dự toán.",
            en:
              "Drawn from the treasury (final payments and advances) \(treasury.drawn.groupedEnglish), more than the \(figures.available.groupedEnglish) available; excess \(Text.en(excess)). Recover the excess advance or adjust the allocation."
          )))
    }
    if treasury.openAdvance.isNegative {
      let missing = -treasury.openAdvance
      findings.append(
        Finding(
          code: .advanceNotCarriedIn, line: line.key, amount: missing,
          message: LocalizedText(
            vi:
              "Thanh toán tạm ứng \(treasury.advanceSettled.grouped) vượt số tạm ứng của dòng (số dư tạm ứng năm trước chuyển sang \(treasury.carriedInAdvance.grouped), tạm ứng trong năm \(treasury.advanced.grouped)); thiếu \(Text.vi(missing)). Ghi phần số dư tạm ứng vào dòng carry_in năm \(line.key.year) (cột 'carry_part').",
            en:
              "Advance settlements \(treasury.advanceSettled.groupedEnglish) exceed the line's advances (advance balance carried in \(treasury.carriedInAdvance.groupedEnglish), advanced in the year \(treasury.advanced.groupedEnglish)); short by \(Text.en(missing)). Record the advance balance in the \(line.key.year) carry_in rows (column 'carry_part')."
          )))
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

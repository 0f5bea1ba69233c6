import BudgetCore
import BudgetEngine

/// The treasury figures of a year in the terminal (`settle`), said only when the year has advances:
/// without them everything spent was drawn as a final payment and the line would say nothing new.
public enum TreasuryText {
  public static func render(_ treasury: TreasuryFigures, year: Int, language: Language) -> String? {
    guard treasury.hasAdvances else { return nil }
    let t = treasury
    if language == .vi {
      return """
        Kho bạc năm \(year): kinh phí thực nhận \(t.drawnInYear.grouped) đ (thực chi \(t.finalPaid.grouped), \
        tạm ứng \(t.advanced.grouped)); thanh toán tạm ứng \(t.advanceSettled.grouped); \
        số dư tạm ứng năm trước chuyển sang \(t.carriedInAdvance.grouped); dự toán còn dư ở Kho bạc \
        \(t.undrawn.grouped); số dư tạm ứng đến 31/01/\(year + 1) \(t.openAdvance.grouped).
        Chuyển nguồn \(t.figures.carryOver.grouped) = số dư dự toán \(t.carryOverUndrawn.grouped) + \
        số dư tạm ứng \(t.carryOverAdvance.grouped); dự toán bị hủy \(t.cancelledUndrawn.grouped); \
        tạm ứng còn phải nộp NSNN \(t.lapsedAdvance.grouped).

        """
    }
    return """
      Treasury \(year): drawn in the year \(t.drawnInYear.groupedEnglish) đ (final \(t.finalPaid.groupedEnglish), \
      advances \(t.advanced.groupedEnglish)); advances settled \(t.advanceSettled.groupedEnglish); \
      advance balance carried in \(t.carriedInAdvance.groupedEnglish); undrawn at the treasury \
      \(t.undrawn.groupedEnglish); advances open at 31/01/\(year + 1) \(t.openAdvance.groupedEnglish).
      Carry-over \(t.figures.carryOver.groupedEnglish) = undrawn balance \(t.carryOverUndrawn.groupedEnglish) + \
      advance balance \(t.carryOverAdvance.groupedEnglish); cancelled \(t.cancelledUndrawn.groupedEnglish); \
      advances to pay back \(t.lapsedAdvance.groupedEnglish).

      """
  }
}

import BudgetCore

/// Small helpers for the two-language messages: amounts grouped the way each language writes them.
enum Text {
  /// `1.234.567 đồng` / `1,234,567 VND`.
  static func vi(_ amount: Money) -> String { "\(amount.grouped) đồng" }
  static func en(_ amount: Money) -> String { "\(amount.groupedEnglish) VND" }

  /// What the officer reads when a row error keeps the row out of the figures.
  static let excludedVi = " Dòng này không được tính vào số liệu quyết toán."
  static let excludedEn = " The row is left out of the settlement figures."

  static func row(_ message: LocalizedText, excluded: Bool) -> LocalizedText {
    excluded ? LocalizedText(vi: message.vi + excludedVi, en: message.en + excludedEn) : message
  }
}

import BudgetCore

/// BAD_REVERSAL: a reversal must name an included, non-reversal row of the same line, be negative, and
/// together with the earlier reversals of that row (file order) undo no more than the row's amount.
enum ReversalCheck {
  static func run(
    _ payments: [Payment], firstIndexByID: FirstIndexTable, policy: SeverityPolicy,
    result: inout RowCheckResult
  ) {
    // Magnitude already reversed per original row, counting only reversals that stay in the figures.
    var reversedByOriginal: [Int: Money] = [:]
    // Only the `reverses` field is read per row: copying each whole row (and retaining its strings)
    // cost more than the check itself, and few rows are reversals.
    for index in payments.indices {
      guard let target = payments[index].reverses else { continue }
      let payment = payments[index]
      let problem: LocalizedText?
      var originalIndex: Int? = nil
      if let found = firstIndexByID.find(
        hash: PaymentChecks.idHash(target), isEqual: { payments[$0].id == target })
      {
        let original = payments[found]
        if original.reverses != nil {
          problem = LocalizedText(
            vi: "Dòng '\(target)' được hoàn lại cũng là một dòng hoàn/giảm chi; chỉ hoàn lại khoản chi gốc.",
            en: "Row '\(target)' being reversed is itself a reversal; reverse the original payment instead.")
        } else if !result.included[found] {
          problem = LocalizedText(
            vi:
              "Dòng '\(target)' được hoàn lại đã bị loại khỏi số liệu (xem lỗi của dòng đó); sửa dòng gốc trước.",
            en:
              "Row '\(target)' being reversed is itself left out of the figures (see its findings); fix that row first."
          )
        } else if original.line != payment.line {
          problem = LocalizedText(
            vi:
              "Dòng hoàn lại ghi vào \(payment.year) · \(payment.line) nhưng dòng gốc '\(target)' thuộc \(original.year) · \(original.line). Ghi dòng hoàn lại đúng năm, nguồn, nội dung, đơn vị của dòng gốc.",
            en:
              "The reversal is on \(payment.year) · \(payment.line) but the original '\(target)' is on \(original.year) · \(original.line). Put the reversal on the original's year, source, activity and unit."
          )
        } else if !payment.amount.isNegative {
          problem = LocalizedText(
            vi: "Dòng hoàn lại phải có số tiền âm (đang là \(Text.vi(payment.amount))).",
            en: "A reversal must have a negative amount (it is \(Text.en(payment.amount))).")
        } else {
          let already = reversedByOriginal[found] ?? .zero
          let total = already - payment.amount
          if total > original.amount {
            problem = LocalizedText(
              vi:
                "Tổng hoàn lại của dòng '\(target)' là \(Text.vi(total)), vượt số đã chi \(Text.vi(original.amount)). Sửa số tiền hoàn lại.",
              en:
                "Reversals of row '\(target)' add up to \(Text.en(total)), more than its \(Text.en(original.amount)). Fix the reversed amount."
            )
          } else {
            problem = nil
          }
          originalIndex = found
        }
      } else {
        problem = LocalizedText(
          vi: "Cột 'reverses' ghi mã '\(target)' nhưng không có dòng chi nào mang mã đó. Sửa mã dòng gốc.",
          en: "'reverses' names id '\(target)' but no spending row has that id. Fix the original's id.")
      }

      if let problem { result.reportPayment(payment, at: index, .badReversal, problem, policy: policy) }
      // A reversal that stays in the figures (valid, or its finding downgraded) uses up the original.
      if result.included[index], let originalIndex, payment.amount.isNegative {
        reversedByOriginal[originalIndex, default: .zero] -= payment.amount
      }
    }
  }
}

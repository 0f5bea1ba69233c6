import BudgetCore

/// Row checks of `spending.csv`, in file order: catalogue codes, plan years, payment window, duplicate
/// ids, possible duplicates, spending norms; then the reversals (`ReversalCheck`), which need to know
/// which originals the first checks excluded.
enum PaymentChecks {
  static func run(
    _ ledger: Ledger, lines: LineTable, catalogue: CatalogueCheck, policy: SeverityPolicy
  ) -> RowCheckResult {
    let payments = ledger.payments
    var result = RowCheckResult(included: Array(repeating: true, count: payments.count))
    var firstIndexByID = FirstIndexTable(capacity: payments.count)
    // Rows that look like the same payment entered twice under different ids: same voucher, line
    // (its number), date and amount.
    var firstIndexByDuplicateKey = FirstIndexTable(capacity: payments.count)

    // The window changes only with the budget year: work it out once per run of equal years.
    var windowYear = Int.min
    var window: ClosedRange<CivilDate>? = nil

    for (index, payment) in payments.enumerated() {
      let lineNumber = lines.paymentLines[index]
      let line = lines.keys[lineNumber]
      var excluded = catalogue.check(
        lineNumber: lineNumber, line: line, amount: payment.amount, location: payment.location,
        rowID: payment.id,
        into: &result.findings)
      func add(_ code: FindingCode, amount: Money, _ message: LocalizedText) {
        let excludes = policy.excludesRow(code)
        excluded = excluded || excludes
        result.findings.append(
          Finding(
            code: code, line: line, amount: amount, location: payment.location, rowID: payment.id,
            message: Text.row(message, excluded: excludes)))
      }

      if payment.year != windowYear {
        windowYear = payment.year
        window = paymentWindow(year: payment.year)
      }
      if let window, !window.contains(payment.date) {
        add(
          .paymentOutsideWindow, amount: payment.amount,
          LocalizedText(
            vi:
              "Ngày chi \(payment.date.vietnamese) nằm ngoài thời hạn chi của năm ngân sách \(payment.year) (\(window.lowerBound.vietnamese)–\(window.upperBound.vietnamese)). Sửa ngày hoặc cột 'year' (năm ngân sách) của dòng.",
            en:
              "Payment date \(payment.date.iso) is outside the payment window of budget year \(payment.year) (\(window.lowerBound.iso) to \(window.upperBound.iso)). Fix the date or the row's 'year' (budget year)."
          ))
      }

      // One hash per row: the modify accessor inserts this row's index when the id is new.
      let first = firstIndexByID.firstIndex(hash: idHash(payment.id), index: index) {
        payments[$0].id == payment.id
      }
      if first != index {
        let firstLine = payments[first].location.line
        add(
          .duplicateID, amount: payment.amount,
          LocalizedText(
            vi:
              "Mã dòng '\(payment.id)' đã dùng ở dòng \(firstLine). Đặt mã khác cho dòng này (nếu là khoản chi khác) hoặc xóa dòng (nếu nhập trùng).",
            en:
              "Row id '\(payment.id)' is already used on line \(firstLine). Give this row another id (if it is another payment) or delete it (if it was entered twice)."
          ))
      }

      if let voucher = payment.voucher, !voucher.isEmpty {
        let date = payment.date
        var hash = RowHash()
        hash.combine(voucher)
        hash.combine(Int64(lineNumber))
        hash.combine(Int64((date.year * 100 + date.month) * 100 + date.day))
        hash.combine(payment.amount.dong)
        let first = firstIndexByDuplicateKey.firstIndex(hash: hash.finalized, index: index) { other in
          lines.paymentLines[other] == lineNumber && payments[other].date == date
            && payments[other].amount == payment.amount && payments[other].voucher == voucher
        }
        if first != index {
          let earlier = payments[first]
          if earlier.id != payment.id {
            add(
              .possibleDuplicate, amount: payment.amount,
              LocalizedText(
                vi:
                  "Có thể nhập trùng: cùng chứng từ \(voucher), ngày \(payment.date.vietnamese), dòng và số tiền \(Text.vi(payment.amount)) như mã '\(earlier.id)' (dòng \(earlier.location.line)). Kiểm tra chứng từ; xóa dòng nếu là nhập trùng.",
                en:
                  "Possible duplicate: same voucher \(voucher), date \(payment.date.iso), line and amount \(Text.en(payment.amount)) as id '\(earlier.id)' (line \(earlier.location.line)). Check the voucher; delete the row if it was entered twice."
              ))
          }
        }
      }

      if let quantity = payment.quantity,
        let norm = catalogue.verdicts[lineNumber].unitCostMax,
        let excess = NormCheck.excess(amount: payment.amount, quantity: quantity, unitCostMax: norm)
      {
        let unitCost = NormCheck.unitCost(amount: payment.amount, quantity: quantity)
        add(
          .normExceeded, amount: excess,
          LocalizedText(
            vi:
              "Đơn giá \(Text.vi(unitCost)) (\(Text.vi(payment.amount)) cho số lượng \(quantity)) vượt định mức \(Text.vi(norm)); vượt \(Text.vi(excess)). Kiểm tra số lượng, hoặc thu hồi phần vượt định mức.",
            en:
              "Unit cost \(Text.en(unitCost)) (\(Text.en(payment.amount)) for \(quantity) units) exceeds the norm of \(Text.en(norm)) by \(Text.en(excess)) in total. Check the quantity, or recover the amount above the norm."
          ))
      }

      if excluded { result.included[index] = false }
    }

    ReversalCheck.run(
      payments, firstIndexByID: firstIndexByID, policy: policy, result: &result)
    result.paymentKinds = AdvanceCheck.run(
      payments, firstIndexByID: firstIndexByID, policy: policy, result: &result)
    return result
  }

  /// The hash of a row id, the same in `run` and in `ReversalCheck`.
  static func idHash(_ id: String) -> UInt64 {
    var hash = RowHash()
    hash.combine(id)
    return hash.finalized
  }

  /// 01/01/Y … 31/01/(Y+1): the year plus the year-end adjustment period (thời gian chỉnh lý).
  static func paymentWindow(year: Int) -> ClosedRange<CivilDate>? {
    guard let first = CivilDate(year: year, month: 1, day: 1),
      let last = CivilDate(year: year + 1, month: 1, day: 31)
    else { return nil }
    return first...last
  }
}

/// The spending norm (định mức), decided exactly: quantities are thousandths, products are Int128.
enum NormCheck {
  /// The amount above `unitCostMax × quantity` (floored to whole đồng), or nil within the norm.
  static func excess(amount: Money, quantity: Quantity, unitCostMax: Money) -> Money? {
    let normTimesScale = Int128(unitCostMax.dong) * Int128(quantity.thousandths)
    guard Int128(amount.dong) * Int128(Limits.quantityScale) > normTimesScale else { return nil }
    let allowed = normTimesScale / Int128(Limits.quantityScale)
    return Money(dong: Int64(Int128(amount.dong) - allowed))
  }

  /// amount ÷ quantity rounded half up to whole đồng, for the message.
  static func unitCost(amount: Money, quantity: Quantity) -> Money {
    let numerator = Int128(amount.dong) * Int128(Limits.quantityScale)
    let denominator = Int128(quantity.thousandths)
    return Money(dong: Int64((2 * numerator + denominator) / (2 * denominator)))
  }
}

import BudgetCore

/// Advances (tạm ứng) and their settlements (docs/workspace-format.md, "Advances and treasury
/// drawdowns"), after the reversals so it knows which rows count:
///
/// - BAD_ADVANCE_SETTLEMENT (a row error): a settlement must name an included advance of the same
///   source, activity and unit and of its own or an earlier budget year, and together with the
///   earlier settlements of that advance (file order) settle no more than was advanced (net of the
///   advance's reversals, money paid back).
/// - ADVANCE_OPEN (warning): an advance not wholly settled within its own budget year, that is by the
///   end of the adjustment period (31/01 of the next year).
///
/// It also works out each row's kind in the figures: a reversal takes the kind of the row it reverses.
enum AdvanceCheck {
  /// The kinds the figures count each row as, or nil when every row is a final payment (the common
  /// case, which then costs nothing).
  static func run(
    _ payments: [Payment], firstIndexByID: FirstIndexTable, policy: SeverityPolicy,
    result: inout RowCheckResult
  ) -> [PaymentKind]? {
    guard payments.contains(where: { $0.kind != .final }) else { return nil }
    func find(_ id: String) -> Int? {
      firstIndexByID.find(hash: PaymentChecks.idHash(id), isEqual: { payments[$0].id == id })
    }
    var kinds = payments.map(\.kind)
    var originalByReversal: [Int: Int] = [:]
    for index in payments.indices {
      guard let target = payments[index].reverses, let original = find(target) else { continue }
      originalByReversal[index] = original
      kinds[index] = payments[original].kind
    }

    // What each advance still holds after the money paid back (its included reversals).
    var advancedByAdvance: [Int: Money] = [:]
    for index in payments.indices where kinds[index] == .advance && result.included[index] {
      advancedByAdvance[originalByReversal[index] ?? index, default: .zero] += payments[index].amount
    }

    var settledByAdvance: [Int: Money] = [:]
    var settledInOwnYearByAdvance: [Int: Money] = [:]
    var advanceBySettlement: [Int: Int] = [:]
    for index in payments.indices where kinds[index] == .advanceSettlement {
      let payment = payments[index]
      if payment.reverses != nil {
        // A reversal of a settlement re-opens that much of the advance.
        if result.included[index], let original = originalByReversal[index],
          let advance = advanceBySettlement[original]
        {
          settledByAdvance[advance, default: .zero] += payment.amount
          if payments[advance].year == payments[original].year {
            settledInOwnYearByAdvance[advance, default: .zero] += payment.amount
          }
        }
        continue
      }
      guard let target = payment.settles else { continue }
      var advanceIndex: Int?
      let problem: LocalizedText?
      if let found = find(target) {
        let advance = payments[found]
        let advanced = advancedByAdvance[found] ?? .zero
        let already = settledByAdvance[found] ?? .zero
        if advance.kind != .advance || advance.reverses != nil {
          problem = LocalizedText(
            vi:
              "Dòng '\(target)' được thanh toán không phải là một khoản tạm ứng. Ghi mã của dòng tạm ứng (hình thức chi 'tạm ứng').",
            en:
              "Row '\(target)' being settled is not an advance. Name the id of the advance row (payment kind 'advance')."
          )
        } else if !result.included[found] {
          problem = LocalizedText(
            vi:
              "Khoản tạm ứng '\(target)' đã bị loại khỏi số liệu (xem lỗi của dòng đó); sửa dòng tạm ứng trước.",
            en:
              "Advance '\(target)' is itself left out of the figures (see its findings); fix that row first.")
        } else if advance.source != payment.source || advance.activity != payment.activity
          || advance.unit != payment.unit
        {
          problem = LocalizedText(
            vi:
              "Dòng thanh toán ghi vào \(payment.line) nhưng tạm ứng '\(target)' thuộc \(advance.line). Ghi dòng thanh toán đúng nguồn, nội dung, đơn vị của khoản tạm ứng.",
            en:
              "The settlement is on \(payment.line) but advance '\(target)' is on \(advance.line). Put the settlement on the advance's source, activity and unit."
          )
        } else if advance.year > payment.year {
          problem = LocalizedText(
            vi:
              "Dòng thanh toán thuộc năm ngân sách \(payment.year), trước năm \(advance.year) của tạm ứng '\(target)'. Sửa năm hoặc mã tạm ứng.",
            en:
              "The settlement's budget year \(payment.year) is before the year \(advance.year) of advance '\(target)'. Fix the year or the advance's id."
          )
        } else if already >= advanced {
          problem = LocalizedText(
            vi:
              "Tạm ứng '\(target)' (\(Text.vi(advanced))) đã được thanh toán hết ở các dòng trước. Kiểm tra mã tạm ứng, hoặc xóa dòng nếu nhập trùng.",
            en:
              "Advance '\(target)' (\(Text.en(advanced))) is already fully settled by earlier rows. Check the advance's id, or delete the row if it was entered twice."
          )
        } else if already + payment.amount > advanced {
          let total = already + payment.amount
          problem = LocalizedText(
            vi:
              "Thanh toán tạm ứng '\(target)' cộng dồn \(Text.vi(total)), vượt số đã tạm ứng \(Text.vi(advanced)) (đã thanh toán trước \(already.grouped)). Phần vượt là thực chi: ghi thành dòng thực chi riêng.",
            en:
              "Settlements of advance '\(target)' add up to \(Text.en(total)), more than the \(Text.en(advanced)) advanced (settled before: \(already.groupedEnglish)). The excess is a final payment: enter it as a row of its own."
          )
        } else {
          problem = nil
        }
        if problem == nil { advanceIndex = found }
      } else {
        problem = LocalizedText(
          vi:
            "Cột 'settles' ghi mã tạm ứng '\(target)' nhưng không có dòng chi nào mang mã đó. Sửa mã tạm ứng.",
          en: "'settles' names advance id '\(target)' but no spending row has that id. Fix the advance's id.")
      }

      if let problem {
        result.reportPayment(payment, at: index, .badAdvanceSettlement, problem, policy: policy)
      }
      // A settlement that stays in the figures (valid, or its finding downgraded) uses up the advance.
      if result.included[index], let found = advanceIndex ?? find(target) {
        advanceBySettlement[index] = found
        settledByAdvance[found, default: .zero] += payment.amount
        if payments[found].year == payment.year {
          settledInOwnYearByAdvance[found, default: .zero] += payment.amount
        }
      }
    }

    // A reversal of a settlement the check just left out cannot count either.
    for (reversal, original) in originalByReversal.sorted(by: { $0.key < $1.key })
    where kinds[reversal] == .advanceSettlement && result.included[reversal] && !result.included[original] {
      result.reportPayment(
        payments[reversal], at: reversal, .badReversal,
        LocalizedText(
          vi:
            "Dòng '\(payments[original].id)' được hoàn lại đã bị loại khỏi số liệu (xem lỗi của dòng đó); sửa dòng gốc trước.",
          en:
            "Row '\(payments[original].id)' being reversed is itself left out of the figures (see its findings); fix that row first."
        ), policy: policy)
    }

    for (index, advanced) in advancedByAdvance.sorted(by: { $0.key < $1.key }) where advanced.isPositive {
      let advance = payments[index]
      let open = advanced - (settledInOwnYearByAdvance[index] ?? .zero)
      guard open.isPositive else { continue }
      let later = (settledByAdvance[index] ?? .zero) - (settledInOwnYearByAdvance[index] ?? .zero)
      let laterVI = later.isPositive ? " Năm sau đã thanh toán thêm \(later.grouped)." : ""
      let laterEN = later.isPositive ? " Settled later: \(later.groupedEnglish)." : ""
      result.findings.append(
        Finding(
          code: .advanceOpen, line: advance.line, amount: open, location: advance.location,
          rowID: advance.id,
          message: LocalizedText(
            vi:
              "Tạm ứng '\(advance.id)' còn \(Text.vi(open)) chưa thanh toán khi hết thời gian chỉnh lý quyết toán (31/01/\(advance.year + 1)): là số dư tạm ứng chuyển sang năm sau, hoặc phải nộp trả NSNN nếu dự toán bị hủy.\(laterVI)",
            en:
              "Advance '\(advance.id)' still has \(Text.en(open)) unsettled at the end of the adjustment period (31/01/\(advance.year + 1)): it is an advance balance carried over, or must be paid back if the allocation lapses.\(laterEN)"
          )))
    }
    return kinds
  }
}

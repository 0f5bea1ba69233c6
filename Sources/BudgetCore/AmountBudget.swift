/// The running Σ|amount| of what a run has read, against `Limits.runTotalMaxDong`. Readers add each
/// row as they read it; the row that takes the total over the limit gets the (single) located error,
/// so no later sum, in Int64 or in Excel's doubles, can leave the exact range.
public struct AmountBudget: Sendable {
  /// Σ|amount| so far; never above the limit (adding stops at the first crossing).
  public private(set) var totalDong: Int64 = 0
  /// Set once a row has passed the limit; later rows are not added or reported again.
  public private(set) var isExceeded = false
  /// What the total covers, for the message ("this file", "the workspace", …).
  public let scope: LocalizedText

  public init(scope: LocalizedText) { self.scope = scope }

  /// One file read on its own.
  public static var file: AmountBudget {
    AmountBudget(scope: LocalizedText(vi: "của tệp này", en: "of this file"))
  }
  /// Every table of a workspace together.
  public static var workspace: AmountBudget {
    AmountBudget(
      scope: LocalizedText(vi: "của mọi tệp trong thư mục dữ liệu", en: "of every file of the workspace"))
  }
  /// A district and every submission consolidated into it.
  public static var consolidation: AmountBudget {
    AmountBudget(
      scope: LocalizedText(
        vi: "của huyện và mọi đơn vị được hợp nhất", en: "of the district and every submission consolidated"))
  }

  /// Adds every row of a ledger in reading order (allocations, then payments); the first error, if any.
  public mutating func add(_ allocations: [Allocation], _ payments: [Payment]) -> InputError? {
    for allocation in allocations {
      if let error = add(allocation.amount.dong, at: allocation.location) { return error }
    }
    for payment in payments {
      if let error = add(payment.amount.dong, at: payment.location) { return error }
    }
    return nil
  }

  /// Adds |amountDong|. Returns the error for the row at `location` when it is the one that takes the
  /// total over the limit; nil otherwise (also for every row after that one).
  public mutating func add(_ amountDong: Int64, at location: SourceLocation) -> InputError? {
    guard !isExceeded else { return nil }
    // `magnitude` (UInt64) has no trap for Int64.min; the room is never negative.
    let room = UInt64(Limits.runTotalMaxDong - totalDong)
    guard amountDong.magnitude > room else {
      totalDong += Int64(amountDong.magnitude)
      return nil
    }
    isExceeded = true
    let limit = Money(dong: Limits.runTotalMaxDong)
    let before = Money(dong: totalDong)
    // Only Int64.min has no Int64 magnitude; it is shown as written.
    let amount = Int64(exactly: amountDong.magnitude).map { Money(dong: $0) }
    let amountVi = amount?.grouped ?? String(amountDong.magnitude)
    let amountEn = amount?.groupedEnglish ?? String(amountDong.magnitude)
    return InputError(
      location,
      vi: "Tổng giá trị tuyệt đối các số tiền (\(scope.vi)) vượt giới hạn \(limit.grouped) đồng ở dòng này: "
        + "đến dòng trước là \(before.grouped) đồng, dòng này thêm \(amountVi) đồng. Giới hạn giữ mọi con số "
        + "của báo cáo chính xác (trong Excel, dưới 2^53); cần kiểm tra số tiền (thừa chữ số?) hoặc tách dữ liệu.",
      en: "The sum of the absolute amounts (\(scope.en)) passes the limit of \(limit.groupedEnglish) đồng on "
        + "this row: \(before.groupedEnglish) đồng up to the previous row, this row adds \(amountEn) đồng. The "
        + "limit keeps every figure of the reports exact (in Excel, below 2^53); expected the amounts checked "
        + "(extra digits?) or the data split.")
  }
}

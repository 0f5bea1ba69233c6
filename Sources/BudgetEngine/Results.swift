import BudgetCore

/// The settlement figures of one line, or of a sum of lines (docs/workspace-format.md, "Settlement arithmetic").
/// Every field is whole đồng; `identityHolds` is the identity the program asserts.
public struct Figures: Hashable, Sendable {
  /// Σ carry_in allocations (dự toán năm trước chuyển sang).
  public var carriedIn: Money = .zero
  /// Σ initial + supplement + adjustment allocations (dự toán giao trong năm).
  public var allocated: Money = .zero
  /// carriedIn + allocated (tổng số được sử dụng).
  public var available: Money = .zero
  /// Σ payments settled against the year, reversals included, excluded rows left out.
  public var spent: Money = .zero
  /// available − spent.
  public var remaining: Money = .zero
  /// Unspent money that may still be used next year (chuyển nguồn).
  public var carryOver: Money = .zero
  /// Unspent money that lapses (hủy dự toán).
  public var cancelled: Money = .zero
  /// max(−remaining, 0).
  public var overspent: Money = .zero

  public init() {}

  /// `available = spent + carry_over + cancelled − overspent`.
  public var identityHolds: Bool {
    available == spent + carryOver + cancelled - overspent
      && available == carriedIn + allocated && remaining == available - spent
  }

  public static func + (lhs: Figures, rhs: Figures) -> Figures {
    var sum = Figures()
    sum.carriedIn = lhs.carriedIn + rhs.carriedIn
    sum.allocated = lhs.allocated + rhs.allocated
    sum.available = lhs.available + rhs.available
    sum.spent = lhs.spent + rhs.spent
    sum.remaining = lhs.remaining + rhs.remaining
    sum.carryOver = lhs.carryOver + rhs.carryOver
    sum.cancelled = lhs.cancelled + rhs.cancelled
    sum.overspent = lhs.overspent + rhs.overspent
    return sum
  }

  public static func += (lhs: inout Figures, rhs: Figures) { lhs = lhs + rhs }
}

/// The part of a line's money that shares one origin year, after oldest-first spending.
public struct Portion: Hashable, Sendable {
  public let originYear: Int
  /// Money of this origin available to the line in the year (may be negative only for the year's
  /// own allocation, when adjustments took more than was given).
  public let available: Money
  /// What was left unspent of it at year end.
  public let unspent: Money
  /// `unspent` when the source's `carry_over_years` still allows it next year, else zero.
  public let carryOver: Money
  /// `unspent` when it lapses, else zero.
  public let cancelled: Money

  public init(originYear: Int, available: Money, unspent: Money, carryOver: Money, cancelled: Money) {
    self.originYear = originYear
    self.available = available
    self.unspent = unspent
    self.carryOver = carryOver
    self.cancelled = cancelled
  }
}

/// One settled line.
public struct LineSettlement: Hashable, Sendable {
  public let key: LineKey
  public let figures: Figures
  /// By ascending origin year; the carry-over and cancellation schedule is read from here.
  public let portions: [Portion]

  public init(key: LineKey, figures: Figures, portions: [Portion]) {
    self.key = key
    self.figures = figures
    self.portions = portions
  }
}

/// The settlement of one budget year: every line, the totals, the findings of that year.
public struct YearSettlement: Sendable {
  public let year: Int
  /// In the plan's order of sources, activities and units.
  public let lines: [LineSettlement]
  public let totals: Figures
  /// The year's findings plus plan-level ones (without a year), errors first.
  public let findings: [Finding]
  /// The payment rows used in the figures (excluded rows left out), in file order.
  public let payments: [Payment]

  public init(
    year: Int, lines: [LineSettlement], totals: Figures, findings: [Finding], payments: [Payment]
  ) {
    self.year = year
    self.lines = lines
    self.totals = totals
    self.findings = findings
    self.payments = payments
  }
}

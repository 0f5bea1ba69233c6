import BudgetCore

/// The settlement figures of one line, or of a sum of lines (docs/workspace-format.md, "Settlement arithmetic").
///
/// Every field is whole đồng. The base amounts are stored; `available`, `remaining`, `settled` are
/// derived, and `overspent` is fixed when the value is built (a line's `max(−remaining, 0)`, a sum's
/// Σ of its parts). Every way to build one checks `available = spent + carry_over + cancelled −
/// overspent` (a precondition: if it failed the program is wrong, not the data), so no module can
/// hold figures that do not add up.
public struct Figures: Hashable, Sendable {
  /// Σ carry_in allocations (dự toán năm trước chuyển sang).
  public let carriedIn: Money
  /// Σ initial + supplement + adjustment allocations (dự toán giao trong năm).
  public let allocated: Money
  /// Σ payments settled against the year, reversals included, excluded rows left out.
  public let spent: Money
  /// Unspent money that may still be used next year (chuyển nguồn).
  public let carryOver: Money
  /// Unspent money that lapses (hủy dự toán).
  public let cancelled: Money
  /// Spending beyond what was available (chi vượt): max(−remaining, 0) on a line, the sum of the
  /// lines' on a sum (one line's overspending is not covered by another line's money).
  public let overspent: Money

  /// carriedIn + allocated (tổng số được sử dụng).
  public var available: Money { carriedIn + allocated }
  /// available − spent.
  public var remaining: Money { available - spent }
  /// Số đề nghị quyết toán: spending up to what was available (spent − overspent).
  public var settled: Money { spent - overspent }

  /// All zero: the sum of no lines.
  public init() {
    self.init(carriedIn: .zero, allocated: .zero, spent: .zero, carryOver: .zero, cancelled: .zero)
  }

  public static let zero = Figures()

  /// The figures of one line, with the carry-over / cancellation split its portions decided; the
  /// split must be what is left: `carryOver + cancelled = max(remaining, 0)`, both ≥ 0.
  public init(carriedIn: Money, allocated: Money, spent: Money, carryOver: Money, cancelled: Money) {
    let available = carriedIn + allocated
    self.init(
      carriedIn: carriedIn, allocated: allocated, spent: spent, carryOver: carryOver, cancelled: cancelled,
      overspent: (spent - available).clampedAtZero)
  }

  private init(
    carriedIn: Money, allocated: Money, spent: Money, carryOver: Money, cancelled: Money, overspent: Money
  ) {
    self.carriedIn = carriedIn
    self.allocated = allocated
    self.spent = spent
    self.carryOver = carryOver
    self.cancelled = cancelled
    self.overspent = overspent
    precondition(
      carriedIn + allocated == spent + carryOver + cancelled - overspent && !carryOver.isNegative
        && !cancelled.isNegative && !overspent.isNegative,
      "Settlement identity broken: \(self)")
  }

  /// The exact sum, checked like every value.
  public static func + (lhs: Figures, rhs: Figures) -> Figures {
    Figures(
      carriedIn: lhs.carriedIn + rhs.carriedIn, allocated: lhs.allocated + rhs.allocated,
      spent: lhs.spent + rhs.spent, carryOver: lhs.carryOver + rhs.carryOver,
      cancelled: lhs.cancelled + rhs.cancelled, overspent: lhs.overspent + rhs.overspent)
  }

  public static func += (lhs: inout Figures, rhs: Figures) { lhs = lhs + rhs }
}

extension Sequence where Element == Figures {
  /// The exact sum, checked like every value.
  public func sum() -> Figures { reduce(.zero, +) }
}

extension Sequence where Element == LineSettlement {
  /// The lines' figures summed.
  public func totals() -> Figures { reduce(.zero) { $0 + $1.figures } }

  /// The lines grouped by a key of their line (`\.source`, `\.activity`, `\.unit`, `\.year`, …) and
  /// each group's figures summed: every report and comparison that adds lines up goes through here.
  public func totals<Key: Hashable>(by key: (LineKey) -> Key) -> [Key: Figures] {
    var totals: [Key: Figures] = [:]
    for line in self { totals[key(line.key), default: .zero] += line.figures }
    return totals
  }
}

/// The part of a line's money that shares one origin year, after oldest-first spending.
public struct Portion: Hashable, Sendable {
  public let originYear: Int
  /// The last budget year the money may be used in: origin + the source's `carry_over_years`. Money
  /// still unspent at the end of a year before it is carried over, at the end of this year cancelled.
  public let usableThroughYear: Int
  /// Money of this origin available to the line in the year (may be negative only for the year's
  /// own allocation, when adjustments took more than was given).
  public let available: Money
  /// What was left unspent of it at year end.
  public let unspent: Money
  /// `unspent` when the source's `carry_over_years` still allows it next year, else zero.
  public let carryOver: Money
  /// `unspent` when it lapses, else zero.
  public let cancelled: Money

  public init(
    originYear: Int, usableThroughYear: Int, available: Money, unspent: Money, carryOver: Money,
    cancelled: Money
  ) {
    self.originYear = originYear
    self.usableThroughYear = usableThroughYear
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

  /// The totals are the lines' sum.
  public init(year: Int, lines: [LineSettlement], findings: [Finding], payments: [Payment]) {
    self.year = year
    self.lines = lines
    self.totals = lines.totals()
    self.findings = findings
    self.payments = payments
  }
}

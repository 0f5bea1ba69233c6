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
  /// The lines' treasury figures summed.
  public func treasuryTotals() -> TreasuryFigures { reduce(.zero) { $0 + $1.treasury } }

  /// The lines' treasury figures grouped by a key of their line and summed, like `totals(by:)`.
  public func treasuryTotals<Key: Hashable>(by key: (LineKey) -> Key) -> [Key: TreasuryFigures] {
    var totals: [Key: TreasuryFigures] = [:]
    for line in self { totals[key(line.key), default: .zero] += line.treasury }
    return totals
  }
}

/// A line's money seen from the State Treasury (Kho bạc Nhà nước): what was drawn, as final payments or
/// advances (tạm ứng), what of the advances was settled, and how the year-end remainder splits into
/// allocation still undrawn and advances still open (docs/workspace-format.md, "Advances and treasury
/// drawdowns").
///
/// It extends the line's `Figures` (kept here, so every derived value reads one pair): base amounts are
/// stored, the rest derived. Every way to build one checks that the recognised spending is final
/// payments plus settled advances (`finalPaid + advanceSettled = spent`), that the carried-in advance
/// balance is part of the carry-in, and that the year-end advance parts are parts of the carry-over and
/// of the lapsed money — so `remaining = undrawn + openAdvance` and `carryOver + cancelled =
/// (carryOverUndrawn + cancelledUndrawn) + (carryOverAdvance + lapsedAdvance)` hold by construction.
public struct TreasuryFigures: Hashable, Sendable {
  /// The line's settlement figures; `spent` is the recognised spending (final + settled advances).
  public let figures: Figures
  /// Số dư tạm ứng năm trước chuyển sang: the part of `carriedIn` that is advances drawn in an earlier
  /// year and not yet settled (kinh phí đã nhận năm trước chuyển sang).
  public let carriedInAdvance: Money
  /// Σ final payments (thực chi) of the year, reversals included.
  public let finalPaid: Money
  /// Σ advances (tạm ứng) drawn in the year, reversals (money returned) included.
  public let advanced: Money
  /// Σ advance settlements (thanh toán tạm ứng) of the year, of this year's or carried-in advances.
  public let advanceSettled: Money
  /// The part of `figures.carryOver` that is open advances (số dư tạm ứng chuyển sang năm sau).
  public let carryOverAdvance: Money
  /// The part of `figures.cancelled` that is open advances of lapsing money: drawn, so it cannot be
  /// cancelled; it must be paid back to the budget (còn phải nộp NSNN).
  public let lapsedAdvance: Money

  /// Dự toán còn dư ở Kho bạc năm trước chuyển sang: carried-in allocation not yet drawn.
  public var carriedInUndrawn: Money { figures.carriedIn - carriedInAdvance }
  /// Kinh phí thực nhận trong năm: drawn from the treasury in the year (final + advances).
  public var drawnInYear: Money { finalPaid + advanced }
  /// Kinh phí đã nhận: everything of the line's money that has left the treasury (the carried-in
  /// advance balance plus this year's drawings).
  public var drawn: Money { carriedInAdvance + drawnInYear }
  /// Dự toán còn dư ở Kho bạc: available − drawn (negative only when more was drawn than available).
  public var undrawn: Money { figures.available - drawn }
  /// Số dư tạm ứng at the end of the adjustment period: drawn as advances and not settled.
  public var openAdvance: Money { drawn - figures.spent }
  /// Số dư dự toán chuyển sang năm sau: the carry-over not yet drawn.
  public var carryOverUndrawn: Money { figures.carryOver - carryOverAdvance }
  /// Dự toán bị hủy: lapsing money never drawn.
  public var cancelledUndrawn: Money { figures.cancelled - lapsedAdvance }

  /// All zero: the sum of no lines.
  public init() {
    self.init(
      figures: .zero, carriedInAdvance: .zero, finalPaid: .zero, advanced: .zero, advanceSettled: .zero,
      carryOverAdvance: .zero, lapsedAdvance: .zero)
  }

  public static let zero = TreasuryFigures()

  public init(
    figures: Figures, carriedInAdvance: Money, finalPaid: Money, advanced: Money, advanceSettled: Money,
    carryOverAdvance: Money, lapsedAdvance: Money
  ) {
    self.figures = figures
    self.carriedInAdvance = carriedInAdvance
    self.finalPaid = finalPaid
    self.advanced = advanced
    self.advanceSettled = advanceSettled
    self.carryOverAdvance = carryOverAdvance
    self.lapsedAdvance = lapsedAdvance
    precondition(
      finalPaid + advanceSettled == figures.spent && !carriedInAdvance.isNegative
        && carriedInAdvance <= figures.carriedIn && !carryOverAdvance.isNegative
        && carryOverAdvance <= figures.carryOver && !lapsedAdvance.isNegative
        && lapsedAdvance <= figures.cancelled,
      "Treasury identity broken: \(self)")
  }

  /// The figures of a line without advances: everything spent was a final payment.
  public init(finalOnly figures: Figures) {
    self.init(
      figures: figures, carriedInAdvance: .zero, finalPaid: figures.spent, advanced: .zero,
      advanceSettled: .zero, carryOverAdvance: .zero, lapsedAdvance: .zero)
  }

  /// Whether any advance touches the line (drawn, settled, carried in or out).
  public var hasAdvances: Bool {
    !(carriedInAdvance.isZero && advanced.isZero && advanceSettled.isZero && carryOverAdvance.isZero
      && lapsedAdvance.isZero)
  }

  /// The exact sum, checked like every value.
  public static func + (lhs: TreasuryFigures, rhs: TreasuryFigures) -> TreasuryFigures {
    TreasuryFigures(
      figures: lhs.figures + rhs.figures, carriedInAdvance: lhs.carriedInAdvance + rhs.carriedInAdvance,
      finalPaid: lhs.finalPaid + rhs.finalPaid, advanced: lhs.advanced + rhs.advanced,
      advanceSettled: lhs.advanceSettled + rhs.advanceSettled,
      carryOverAdvance: lhs.carryOverAdvance + rhs.carryOverAdvance,
      lapsedAdvance: lhs.lapsedAdvance + rhs.lapsedAdvance)
  }

  public static func += (lhs: inout TreasuryFigures, rhs: TreasuryFigures) { lhs = lhs + rhs }
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
  /// The part of `unspent` already drawn from the treasury as advances not settled (số dư tạm ứng);
  /// the rest of it is still undrawn there.
  public let openAdvance: Money

  public init(
    originYear: Int, usableThroughYear: Int, available: Money, unspent: Money, carryOver: Money,
    cancelled: Money, openAdvance: Money = .zero
  ) {
    precondition(!openAdvance.isNegative && openAdvance <= unspent, "Portion advance part outside unspent")
    self.originYear = originYear
    self.usableThroughYear = usableThroughYear
    self.available = available
    self.unspent = unspent
    self.carryOver = carryOver
    self.cancelled = cancelled
    self.openAdvance = openAdvance
  }

  /// The unspent money still undrawn at the treasury (số dư dự toán).
  public var undrawn: Money { unspent - openAdvance }
  /// The carried-over part that is an advance balance (số dư tạm ứng chuyển sang).
  public var carryOverAdvance: Money { carryOver.isPositive ? openAdvance : .zero }
  /// The carried-over part still undrawn (số dư dự toán chuyển sang).
  public var carryOverUndrawn: Money { carryOver - carryOverAdvance }
  /// The lapsing part that was drawn as an advance: to be paid back (còn phải nộp NSNN).
  public var lapsedAdvance: Money { cancelled.isPositive ? openAdvance : .zero }
}

/// One settled line.
public struct LineSettlement: Hashable, Sendable {
  public let key: LineKey
  public let figures: Figures
  /// The same figures seen from the treasury (drawn, advances, their year-end split).
  public let treasury: TreasuryFigures
  /// By ascending origin year; the carry-over and cancellation schedule is read from here.
  public let portions: [Portion]
  /// The part of `figures.allocated` given at the start of the year (`initial` rows: dự toán giao đầu
  /// năm, Mẫu 20f column 7); the rest is `adjustedAllocated`.
  public let initialAllocated: Money

  /// Supplements and adjustments of the year, signed (dự toán điều chỉnh, Mẫu 20f column 8):
  /// `figures.allocated − initialAllocated`, so carried in + initial + adjusted = available.
  public var adjustedAllocated: Money { figures.allocated - initialAllocated }

  /// A line whose spending was all final payments.
  public init(key: LineKey, figures: Figures, portions: [Portion], initialAllocated: Money? = nil) {
    self.init(
      key: key, treasury: TreasuryFigures(finalOnly: figures), portions: portions,
      initialAllocated: initialAllocated)
  }

  /// `initialAllocated` nil: the whole allocation was given at the start of the year.
  public init(key: LineKey, treasury: TreasuryFigures, portions: [Portion], initialAllocated: Money? = nil) {
    self.key = key
    self.figures = treasury.figures
    self.treasury = treasury
    self.portions = portions
    self.initialAllocated = initialAllocated ?? treasury.figures.allocated
    // Initial rows are positive amounts; the identity of column 5 (= 6 + 7 + 8) holds by definition.
    precondition(
      !self.initialAllocated.isNegative
        && figures.carriedIn + self.initialAllocated + adjustedAllocated == figures.available,
      "Allocation split broken: \(key)")
  }
}

/// The settlement of one budget year: every line, the totals, the findings of that year.
public struct YearSettlement: Sendable {
  public let year: Int
  /// In the plan's order of sources, activities and units.
  public let lines: [LineSettlement]
  public let totals: Figures
  /// The lines' treasury figures summed (`treasuryTotals.figures == totals`).
  public let treasuryTotals: TreasuryFigures
  /// The year's findings plus plan-level ones (without a year), errors first.
  public let findings: [Finding]
  /// The payment rows used in the figures (excluded rows left out), in file order.
  public let payments: [Payment]
  /// Parallel to `payments`: the kind each row counts as (a reversal takes its original's); nil when
  /// every row is a final payment.
  public let paymentKinds: [PaymentKind]?

  /// The totals are the lines' sum.
  public init(
    year: Int, lines: [LineSettlement], findings: [Finding], payments: [Payment],
    paymentKinds: [PaymentKind]? = nil
  ) {
    precondition(paymentKinds.map { $0.count == payments.count } ?? true, "One kind per payment")
    self.year = year
    self.paymentKinds = paymentKinds
    self.lines = lines
    self.treasuryTotals = lines.treasuryTotals()
    self.totals = treasuryTotals.figures
    self.findings = findings
    self.payments = payments
  }
}

extension YearSettlement {
  /// The kind the payment at `index` of `payments` counts as.
  public func kind(ofPaymentAt index: Int) -> PaymentKind { paymentKinds?[index] ?? .final }

  /// Whether the payment at `index` drew money from the treasury in the year (a final payment or an
  /// advance, and their reversals); a settlement only recognises money drawn before.
  public func drawsMoney(paymentAt index: Int) -> Bool { kind(ofPaymentAt: index) != .advanceSettlement }

  /// The payments that are recognised spending (all but advances and their reversals), in file order.
  public var recognisedSpending: [Payment] {
    guard paymentKinds != nil else { return payments }
    return payments.indices.compactMap { kind(ofPaymentAt: $0) == .advance ? nil : payments[$0] }
  }

  /// `recognisedSpending.count`, without building the array.
  public var recognisedSpendingCount: Int {
    guard let paymentKinds else { return payments.count }
    return paymentKinds.reduce(0) { $0 + ($1 == .advance ? 0 : 1) }
  }
}

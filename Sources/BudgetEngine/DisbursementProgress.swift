import BudgetCore

/// Disbursement progress during a budget year (`kinhphi progress --as-of D`): what each line has
/// disbursed by the date against what it has available, the same at the same date of the year
/// before, the month-by-month cumulative curve, the lines and units behind the plan's pace, and the
/// year end projected at the pace so far, settled by the settlement's own pass.
/// The definitions are in docs/workspace-format.md, "Disbursement progress".
public struct DisbursementProgress: Sendable {
  /// The as-of date; its year is the budget year reported.
  public let asOf: CivilDate
  /// The same day a year earlier (29/02 → 28/02).
  public let previousAsOf: CivilDate
  public let pace: DisbursementPace
  /// The share of available money that should be disbursed by `asOf` at the plan's pace.
  public let expectedShare: Percent
  /// Days from 01/01 to `asOf`, both counted, and the days of the year: the projection's ratio.
  public let daysElapsed: Int
  public let daysInYear: Int
  /// Every line with a row this year or last year (keyed by this year), in plan order.
  public let lines: [ProgressLine]
  /// Σ of `lines`.
  public let totals: ProgressFigures
  /// Included rows of the year dated after `asOf` that draw money (final payments, advances, their
  /// reversals): not counted. Settlements are left out: they would not count on any date.
  public let paymentsAfterAsOf: PaymentTally
  /// Payment rows of the year dated on or before `asOf` that the checks leave out (row errors): not
  /// counted either.
  public let excludedPayments: PaymentTally
  /// Set on a unit's own report (`--per-unit`): the unit whose lines these are.
  public let unit: UnitCode?
  /// The catalogue: names, and the order of ties.
  public let plan: Plan

  public var year: Int { asOf.year }

  /// Reads the figures of `asOf.year` and the year before from an analysis of the whole ledger; rows
  /// the checks leave out of the settlement are left out here too.
  public init(analysis: Analysis, asOf: CivilDate) {
    let builder = ProgressBuilder(analysis: analysis, asOf: asOf)
    self.init(
      plan: analysis.ledger.plan, asOf: asOf, lines: builder.lines,
      paymentsAfterAsOf: builder.later.values.reduce(PaymentTally(), +),
      excludedPayments: builder.excluded.values.reduce(PaymentTally(), +), unit: nil,
      laterByUnit: builder.later, excludedByUnit: builder.excluded)
  }

  private let laterByUnit: [UnitCode: PaymentTally]
  private let excludedByUnit: [UnitCode: PaymentTally]

  private init(
    plan: Plan, asOf: CivilDate, lines: [ProgressLine], paymentsAfterAsOf: PaymentTally,
    excludedPayments: PaymentTally, unit: UnitCode?, laterByUnit: [UnitCode: PaymentTally],
    excludedByUnit: [UnitCode: PaymentTally]
  ) {
    self.plan = plan
    self.asOf = asOf
    previousAsOf = ProgressCalendar.sameDayYearBefore(asOf)
    pace = plan.progressPace
    expectedShare = pace.expectedShare(at: asOf)
    daysElapsed = ProgressCalendar.daysElapsed(asOf)
    daysInYear = ProgressCalendar.daysInYear(asOf.year)
    self.lines = lines
    totals = lines.reduce(ProgressFigures()) { $0 + $1.figures }
    self.paymentsAfterAsOf = paymentsAfterAsOf
    self.excludedPayments = excludedPayments
    self.unit = unit
    self.laterByUnit = laterByUnit
    self.excludedByUnit = excludedByUnit
  }

  /// The report of one unit's own lines (`--per-unit`): its figures, curve, lagging lines and
  /// projection; the payment counts are the unit's.
  public func restricted(to unit: UnitCode) -> DisbursementProgress {
    DisbursementProgress(
      plan: plan, asOf: asOf, lines: lines.filter { $0.key.unit == unit },
      paymentsAfterAsOf: laterByUnit[unit] ?? PaymentTally(),
      excludedPayments: excludedByUnit[unit] ?? PaymentTally(), unit: unit,
      laterByUnit: laterByUnit.filter { $0.key == unit },
      excludedByUnit: excludedByUnit.filter { $0.key == unit })
  }

  // MARK: Groupings

  /// The figures summed by any grouping of lines (a source, an activity, a unit, a source kind …).
  public func totals<Key: Hashable>(by key: (LineKey) -> Key) -> [Key: ProgressFigures] {
    var out: [Key: ProgressFigures] = [:]
    for line in lines { out[key(line.key), default: ProgressFigures()] += line.figures }
    return out
  }

  /// The money that should have been disbursed by `asOf` out of `figures.available`.
  public func expected(_ figures: ProgressFigures) -> Money { figures.expected(share: expectedShare) }

  // MARK: Lagging

  /// Lines behind the plan's pace, the largest amount behind first (ties in plan order).
  public var laggingLines: [Lagging<LineKey>] {
    let ranked = lines.compactMap { line in lagging(line.key, line.figures) }
    return Self.ranked(ranked)
  }

  /// Implementing units (the unit of each line) behind the plan's pace on the sum of their lines,
  /// the largest amount behind first (ties in plan order).
  public var laggingUnits: [Lagging<UnitCode>] {
    let byUnit = totals(by: \.unit)
    let order = byUnit.keys.sorted {
      (plan.unitOrder[$0] ?? Int.max, $0) < (plan.unitOrder[$1] ?? Int.max, $1)
    }
    return Self.ranked(order.compactMap { unit in byUnit[unit].flatMap { lagging(unit, $0) } })
  }

  private func lagging<Subject>(_ subject: Subject, _ figures: ProgressFigures) -> Lagging<Subject>? {
    let expected = expected(figures)
    let behind = (expected - figures.disbursed).clampedAtZero
    guard behind.isPositive else { return nil }
    return Lagging(subject: subject, figures: figures, expected: expected, behind: behind)
  }

  /// Stable: equal amounts keep the plan order they came in.
  private static func ranked<Subject>(_ entries: [Lagging<Subject>]) -> [Lagging<Subject>] {
    entries.enumerated().sorted { left, right in
      left.element.behind != right.element.behind
        ? left.element.behind > right.element.behind : left.offset < right.offset
    }.map(\.element)
  }

  // MARK: Month by month

  /// Cumulative disbursement at the end of each month per source (plan order, sources with money
  /// either year), then `monthlyTotal`.
  public var monthlyBySource: [MonthlyDisbursement] {
    let bySource = Dictionary(grouping: lines, by: \.key.source)
    let order = bySource.keys.sorted {
      (plan.sourceOrder[$0] ?? Int.max, $0) < (plan.sourceOrder[$1] ?? Int.max, $1)
    }
    return order.map { monthly(bySource[$0] ?? [], source: $0) }
  }

  /// Every source together, with the plan's pace beside it.
  public var monthlyTotal: MonthlyDisbursement { monthly(lines, source: nil) }

  private func monthly(_ lines: [ProgressLine], source: SourceCode?) -> MonthlyDisbursement {
    var current = Array(repeating: Money.zero, count: 12)
    var previous = Array(repeating: Money.zero, count: 12)
    var figures = ProgressFigures()
    for line in lines {
      for month in 0..<12 {
        current[month] += line.disbursedByMonth[month]
        previous[month] += line.previousDisbursedByMonth[month]
      }
      figures += line.figures
    }
    var cumulative: [Money?] = []
    var previousCumulative: [Money] = []
    var pace: [Money] = []
    var running = Money.zero
    var previousRunning = Money.zero
    for month in 1...12 {
      running += current[month - 1]
      previousRunning += previous[month - 1]
      // The as-of month counts up to the as-of date; later months have no figure yet.
      cumulative.append(month <= asOf.month ? running : nil)
      previousCumulative.append(previousRunning)
      let monthEnd = CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))!
      pace.append(figures.expected(share: self.pace.expectedShare(at: monthEnd)))
    }
    return MonthlyDisbursement(
      source: source, figures: figures, cumulative: cumulative, previousCumulative: previousCumulative,
      paceCumulative: pace)
  }

  // MARK: Projection

  /// Σ of the lines settled at year end at the pace so far (the settlement's figures).
  public var projectedTotals: Figures { totals.projected }

  /// Carried-in money whose last year is this one (its source's `carry_over_years` ends here) and
  /// that is not yet spent by `asOf`: the money the office loses first. By origin year, then plan
  /// order.
  public var expiringCarryIn: [ExpiringCarryIn] {
    var out: [ExpiringCarryIn] = []
    for line in lines {
      guard let toDate = line.toDate, let projected = line.projected else { continue }
      // Settled on what is disbursed so far, a portion that would be cancelled rather than carried
      // is money whose last year this is (the same rule as the year end).
      for (now, end) in zip(toDate.portions, projected.portions)
      where now.originYear < year && now.unspent.isPositive && now.carryOver.isZero {
        out.append(
          ExpiringCarryIn(
            line: line.key, originYear: now.originYear, carriedIn: now.available, unspentToDate: now.unspent,
            projectedCancelled: end.cancelled))
      }
    }
    return out.enumerated().sorted { left, right in
      left.element.originYear != right.element.originYear
        ? left.element.originYear < right.element.originYear : left.offset < right.offset
    }.map(\.element)
  }
}

/// A count of payment rows and their sum.
public struct PaymentTally: Hashable, Sendable {
  public var count = 0
  public var amount = Money.zero

  public init(count: Int = 0, amount: Money = .zero) {
    self.count = count
    self.amount = amount
  }

  public static func + (lhs: PaymentTally, rhs: PaymentTally) -> PaymentTally {
    PaymentTally(count: lhs.count + rhs.count, amount: lhs.amount + rhs.amount)
  }

  mutating func add(_ amount: Money) {
    count += 1
    self.amount += amount
  }
}

/// What a line (or a sum of lines) has and has disbursed by the as-of date, the same a year
/// earlier, and its projected year-end settlement. Sums of these add up exactly.
public struct ProgressFigures: Hashable, Sendable {
  /// carried in + allocated this year (the settlement's `available`, every allocation row of the
  /// year whatever its decision date).
  public var available: Money = .zero
  /// Σ included payments of the year dated on or before the as-of date, reversals included.
  public var disbursed: Money = .zero
  /// Last year's available money and what it had disbursed by the same date last year.
  public var previousAvailable: Money = .zero
  public var previousDisbursed: Money = .zero
  /// The year-end settlement if each line goes on at its pace so far (see `ProgressBuilder`).
  public var projected = Figures()

  public init() {}

  /// available − disbursed: what is still to be paid out (negative when overspent).
  public var remaining: Money { available - disbursed }
  public var previousRemaining: Money { previousAvailable - previousDisbursed }
  /// disbursed ÷ available (nil when nothing is available).
  public var rate: Percent? { DisbursementRate.of(disbursed, available) }
  public var previousRate: Percent? { DisbursementRate.of(previousDisbursed, previousAvailable) }

  /// The smallest whole đồng at or above `share` of the available money (0 when nothing is
  /// available): a minimum is met only by a whole đồng at or above it, as in the counterpart rule.
  public func expected(share: Percent) -> Money {
    available.isPositive ? share.ceilingShare(of: available) : .zero
  }

  public static func + (lhs: ProgressFigures, rhs: ProgressFigures) -> ProgressFigures {
    var sum = ProgressFigures()
    sum.available = lhs.available + rhs.available
    sum.disbursed = lhs.disbursed + rhs.disbursed
    sum.previousAvailable = lhs.previousAvailable + rhs.previousAvailable
    sum.previousDisbursed = lhs.previousDisbursed + rhs.previousDisbursed
    sum.projected = lhs.projected + rhs.projected
    return sum
  }

  public static func += (lhs: inout ProgressFigures, rhs: ProgressFigures) { lhs = lhs + rhs }
}

/// Rates as exact percentages.
public enum DisbursementRate {
  /// `part ÷ whole` in hundredths of a percent (basis points), rounded half away from zero, from
  /// Int128 integers; nil when `whole` ≤ 0 (a rate of nothing available means nothing).
  public static func of(_ part: Money, _ whole: Money) -> Percent? {
    guard whole.isPositive else { return nil }
    let numerator = Int128(part.dong) * 10_000
    let denominator = Int128(whole.dong)
    let (quotient, remainder) = numerator.magnitude.quotientAndRemainder(dividingBy: denominator.magnitude)
    let rounded = remainder * 2 >= denominator.magnitude ? quotient + 1 : quotient
    // 1 đồng available and 4 × 10^15 disbursed is 4 × 10^19 hundredths, past an Int64: such a rate
    // says "overspent many times over" as well at the largest Int64 (never a trap).
    let basisPoints = Int64(clamping: rounded)
    return Percent(hundredths: numerator < 0 ? -basisPoints : basisPoints)
  }
}

/// One line's progress.
public struct ProgressLine: Hashable, Sendable {
  /// The line in the reported year.
  public let key: LineKey
  public let figures: ProgressFigures
  /// Disbursed this year per calendar month 1…12 (index 0 = January), up to the as-of date.
  public let disbursedByMonth: [Money]
  /// Last year's per month, the whole year (its adjustment period, January after, left out).
  public let previousDisbursedByMonth: [Money]
  /// The line settled on what it has disbursed by the as-of date (oldest money first): what is left
  /// of each origin year's money now. Nil when the line has no row this year.
  public let toDate: LineSettlement?
  /// The line settled at year end with its projected spending. Nil when it has no row this year.
  public let projected: LineSettlement?
}

/// A line or unit behind the plan's pace.
public struct Lagging<Subject: Hashable & Sendable>: Hashable, Sendable {
  public let subject: Subject
  public let figures: ProgressFigures
  /// What it should have disbursed by the as-of date.
  public let expected: Money
  /// expected − disbursed, > 0.
  public let behind: Money
}

/// Cumulative disbursement at each month's end, this year and last, and the plan's pace.
public struct MonthlyDisbursement: Hashable, Sendable {
  /// Nil for every source together.
  public let source: SourceCode?
  public let figures: ProgressFigures
  /// Index 0 = end of January; the as-of month holds the figure at the as-of date, later months nil.
  public let cumulative: [Money?]
  /// Last year, all twelve months.
  public let previousCumulative: [Money]
  /// What the plan's pace expects by each month's end out of this year's available money.
  public let paceCumulative: [Money]

  /// Quarter 1…4: the cumulative figure at its last month's end (nil when not reached yet).
  public func quarter(_ quarter: Int) -> Money? { cumulative[quarter * 3 - 1] }
  public func previousQuarter(_ quarter: Int) -> Money { previousCumulative[quarter * 3 - 1] }
}

/// Carried-in money that expires at the end of this year.
public struct ExpiringCarryIn: Hashable, Sendable {
  public let line: LineKey
  public let originYear: Int
  /// What was carried in of that origin.
  public let carriedIn: Money
  /// What is left of it by the as-of date (oldest money is spent first).
  public let unspentToDate: Money
  /// What would be cancelled at year end at the pace so far.
  public let projectedCancelled: Money

  public init(
    line: LineKey, originYear: Int, carriedIn: Money, unspentToDate: Money, projectedCancelled: Money
  ) {
    self.line = line
    self.originYear = originYear
    self.carriedIn = carriedIn
    self.unspentToDate = unspentToDate
    self.projectedCancelled = projectedCancelled
  }
}

enum ProgressCalendar {
  /// Days from 01/01 of the date's year to the date, both counted.
  static func daysElapsed(_ date: CivilDate) -> Int {
    date.excelSerial - CivilDate(year: date.year, month: 1, day: 1)!.excelSerial + 1
  }

  static func daysInYear(_ year: Int) -> Int { CivilDate.daysIn(month: 2, year: year) == 29 ? 366 : 365 }

  static func sameDayYearBefore(_ date: CivilDate) -> CivilDate {
    let year = max(date.year - 1, 1)
    return CivilDate(
      year: year, month: date.month, day: min(date.day, CivilDate.daysIn(month: date.month, year: year)))!
  }
}

/// Gathers the per-line figures in one pass over each year's included payments.
private struct ProgressBuilder {
  var lines: [ProgressLine] = []
  var later: [UnitCode: PaymentTally] = [:]
  var excluded: [UnitCode: PaymentTally] = [:]

  private struct Accumulator {
    var figures = ProgressFigures()
    var byMonth = Array(repeating: Money.zero, count: 12)
    var previousByMonth = Array(repeating: Money.zero, count: 12)
    var settlement: LineSettlement?
  }

  private struct LineCode: Hashable {
    let source: SourceCode
    let activity: ActivityCode
    let unit: UnitCode
  }

  init(analysis: Analysis, asOf: CivilDate) {
    let year = asOf.year
    let plan = analysis.ledger.plan
    let previousAsOf = ProgressCalendar.sameDayYearBefore(asOf)
    let current = analysis.settlement(year: year)
    let previous = analysis.settlement(year: year - 1)

    var accumulators: [LineCode: Accumulator] = [:]
    func code(_ key: LineKey) -> LineCode {
      LineCode(source: key.source, activity: key.activity, unit: key.unit)
    }
    for line in current.lines {
      accumulators[code(line.key), default: Accumulator()].figures.available = line.figures.available
      accumulators[code(line.key), default: Accumulator()].settlement = line
    }
    for line in previous.lines {
      accumulators[code(line.key), default: Accumulator()].figures.previousAvailable = line.figures.available
    }

    // This year: included rows dated on or before the as-of date count, by their month; later ones
    // are tallied. Rows come grouped by line, so the previous row's line is tried first.
    var includedToDate: [UnitCode: PaymentTally] = [:]
    // Disbursement is money drawn from the treasury: final payments and advances. A settlement of an
    // advance draws nothing new (its money was disbursed as the advance), so it is not counted again.
    // The rows dated later that the note counts are those that would count here: drawings too.
    for (index, payment) in current.payments.enumerated() {
      let draws = current.drawsMoney(paymentAt: index)
      guard payment.date <= asOf else {
        if draws { later[payment.unit, default: PaymentTally()].add(payment.amount) }
        continue
      }
      includedToDate[payment.unit, default: PaymentTally()].add(payment.amount)
      guard draws else { continue }
      let month = payment.date.year < year ? 0 : payment.date.month - 1
      let key = code(payment.line)
      accumulators[key, default: Accumulator()].figures.disbursed += payment.amount
      accumulators[key, default: Accumulator()].byMonth[month] += payment.amount
    }
    // Rows of the year dated by the as-of date that the checks left out: every such row, less the
    // included ones.
    var allToDate: [UnitCode: PaymentTally] = [:]
    for payment in analysis.ledger.payments where payment.year == year && payment.date <= asOf {
      allToDate[payment.unit, default: PaymentTally()].add(payment.amount)
    }
    for (unit, all) in allToDate {
      let included = includedToDate[unit] ?? PaymentTally()
      if all.count > included.count {
        excluded[unit] = PaymentTally(count: all.count - included.count, amount: all.amount - included.amount)
      }
    }
    // Last year: to the same date, and month by month over its calendar year.
    for (index, payment) in previous.payments.enumerated() where previous.drawsMoney(paymentAt: index) {
      let key = code(payment.line)
      if payment.date <= previousAsOf {
        accumulators[key, default: Accumulator()].figures.previousDisbursed += payment.amount
      }
      guard payment.date.year <= year - 1 else { continue }
      let month = payment.date.year < year - 1 ? 0 : payment.date.month - 1
      accumulators[key, default: Accumulator()].previousByMonth[month] += payment.amount
    }

    let daysElapsed = Int128(ProgressCalendar.daysElapsed(asOf))
    let daysInYear = Int128(ProgressCalendar.daysInYear(year))
    var built: [ProgressLine] = []
    built.reserveCapacity(accumulators.count)
    for (lineCode, accumulator) in accumulators {
      var figures = accumulator.figures
      let key = LineKey(year: year, source: lineCode.source, activity: lineCode.activity, unit: lineCode.unit)
      var toDate: LineSettlement?
      var projected: LineSettlement?
      if let settlement = accumulator.settlement {
        let carryOverYears = plan.sourceByCode[key.source]?.carryOverYears ?? 0
        let disbursed = figures.disbursed
        // At the pace so far: disbursed × days of the year ÷ days elapsed (rounded down), never
        // beyond what the line has available, never below what it has already disbursed.
        let paced = Money(dong: Int64(Int128(disbursed.dong) * daysInYear / daysElapsed))
        let projectedSpent = Money.max(disbursed, Money.min(paced, settlement.figures.available))
        toDate = SettlementPass.resettle(settlement, spent: disbursed, carryOverYears: carryOverYears)
        projected = SettlementPass.resettle(settlement, spent: projectedSpent, carryOverYears: carryOverYears)
        figures.projected = projected!.figures
      }
      built.append(
        ProgressLine(
          key: key, figures: figures, disbursedByMonth: accumulator.byMonth,
          previousDisbursedByMonth: accumulator.previousByMonth, toDate: toDate, projected: projected))
    }
    built.sort { plan.planOrder($0.key, $1.key) }
    lines = built
  }
}

extension SettlementPass {
  /// The line settled again with another `spent`: the same carry-in groups by origin year and the
  /// same allocation, through the settlement's own `settle` (never a second copy of the carry-over
  /// and cancellation rules). `settle` makes one portion per carry-in origin, ascending, then one
  /// for the year's own allocation, so the groups are read back from the portions.
  static func resettle(_ line: LineSettlement, spent: Money, carryOverYears: Int) -> LineSettlement {
    let carried = line.portions.dropLast().map { (originYear: $0.originYear, amount: $0.available) }
    let allocated = line.portions.last?.available ?? .zero
    return settle(
      key: line.key, carriedInByOrigin: carried, allocated: allocated,
      initialAllocated: line.initialAllocated, finalPaid: spent, carryOverYears: carryOverYears)
  }
}

/// The kind of an allocation row (docs/workspace-format.md, "allocations.csv").
public enum AllocationKind: String, CaseIterable, Sendable {
  /// giao đầu năm
  case initial
  /// bổ sung
  case supplement
  /// điều chỉnh; the only kind whose amount may be negative
  case adjustment
  /// năm trước chuyển sang; carries the year the money was first allocated
  case carryIn = "carry_in"
}

/// Which part of the previous year's remainder a `carry_in` row brings in (docs/workspace-format.md,
/// "Advances and treasury drawdowns").
public enum CarryInPart: String, CaseIterable, Sendable {
  /// Số dư dự toán: allocation still undrawn at the treasury. The default.
  case undrawn
  /// Số dư tạm ứng: advances drawn and not yet settled (kinh phí đã nhận).
  case advance
}

/// One row of `allocations.csv`: money a line may spend.
public struct Allocation: Hashable, Sendable {
  public let year: Int
  public let source: SourceCode
  public let activity: ActivityCode
  public let unit: UnitCode
  public let kind: AllocationKind
  public let amount: Money
  /// For `carry_in` rows: the year the money was first allocated (< `year`). Nil otherwise.
  public let originYear: Int?
  /// For `carry_in` rows: whether the money is undrawn allocation or an advance balance.
  public let carryPart: CarryInPart
  public let decision: String?
  public let decisionDate: CivilDate?
  public let note: String?
  public let location: SourceLocation

  public init(
    year: Int, source: SourceCode, activity: ActivityCode, unit: UnitCode, kind: AllocationKind,
    amount: Money, originYear: Int? = nil, carryPart: CarryInPart = .undrawn, decision: String? = nil,
    decisionDate: CivilDate? = nil, note: String? = nil, location: SourceLocation
  ) {
    self.carryPart = carryPart
    self.year = year
    self.source = source
    self.activity = activity
    self.unit = unit
    self.kind = kind
    self.amount = amount
    self.originYear = originYear
    self.decision = decision
    self.decisionDate = decisionDate
    self.note = note
    self.location = location
  }

  public var line: LineKey { LineKey(year: year, source: source, activity: activity, unit: unit) }

  /// The year the money belongs to for the oldest-first rule: its origin for carry-in, else its year.
  public var moneyYear: Int { originYear ?? year }
}

/// How a spending row left the treasury (docs/workspace-format.md, "Advances and treasury drawdowns").
public enum PaymentKind: String, CaseIterable, Sendable {
  /// thực chi: a final payment, recognised as spending when it is drawn. The default.
  case final
  /// tạm ứng: money drawn from the treasury as an advance; not yet spending.
  case advance
  /// thanh toán tạm ứng: recognises (part of) an earlier advance as spending; draws nothing new.
  case advanceSettlement = "advance_settlement"
}

/// One row of `spending.csv`: a payment line (thực chi), an advance (tạm ứng) or its settlement, or a
/// reversal of one of them.
public struct Payment: Hashable, Sendable {
  public let id: String
  public let voucher: String?
  public let date: CivilDate
  /// The budget year the payment settles against (the `year` column, or the year of `date`).
  public let year: Int
  /// Whether `year` was written in the file (rather than taken from the date).
  public let yearIsExplicit: Bool
  public let source: SourceCode
  public let activity: ActivityCode
  public let unit: UnitCode
  /// Positive, or negative only together with `reverses`.
  public let amount: Money
  public let quantity: Quantity?
  public let description: String?
  /// The id of the row this row reverses, wholly or in part.
  public let reverses: String?
  /// How the row left the treasury. A reversal is always `.final` here; it takes the kind of the
  /// row it reverses in the figures.
  public let kind: PaymentKind
  /// For `.advanceSettlement`: the id of the advance row it settles, wholly or in part.
  public let settles: String?
  /// The row's own tiểu mục, overriding its activity's default (docs/workspace-format.md,
  /// "spending.csv").
  public let subItem: BudgetSubItemCode?
  public let location: SourceLocation

  public init(
    id: String, voucher: String? = nil, date: CivilDate, year: Int? = nil, source: SourceCode,
    activity: ActivityCode, unit: UnitCode, amount: Money, quantity: Quantity? = nil,
    description: String? = nil, reverses: String? = nil, kind: PaymentKind = .final,
    settles: String? = nil, subItem: BudgetSubItemCode? = nil, location: SourceLocation
  ) {
    self.id = id
    self.voucher = voucher
    self.date = date
    self.year = year ?? date.year
    self.yearIsExplicit = year != nil
    self.source = source
    self.activity = activity
    self.unit = unit
    self.amount = amount
    self.quantity = quantity
    self.description = description
    self.reverses = reverses
    self.kind = kind
    self.settles = settles
    self.subItem = subItem
    self.location = location
  }

  public var line: LineKey { LineKey(year: year, source: source, activity: activity, unit: unit) }
}

/// The whole workspace as immutable values: the only source of truth every pass reads.
public struct Ledger: Sendable {
  public let plan: Plan
  public let allocations: [Allocation]
  public let payments: [Payment]

  public init(plan: Plan, allocations: [Allocation], payments: [Payment]) {
    self.plan = plan
    self.allocations = allocations
    self.payments = payments
  }

  /// Every budget year that has a row, ascending.
  public var years: [Int] {
    Set(allocations.map(\.year)).union(payments.map(\.year)).sorted()
  }
}

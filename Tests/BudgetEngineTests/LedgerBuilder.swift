import BudgetCore
import BudgetEngine

/// A small plan for the engine tests.
///
/// Sources: TW (central, carry_over_years 2), TINH (provincial, 1), HUYEN (district, 0),
/// GNBV (pooled, 0). Units: PDT, XA1. Activities: PANO (TW, TINH, HUYEN only; norm 7.000.000 đ per
/// unit), CNTT (every source), TANGQUA (every source; norm 100.001 đ, to test flooring).
enum TestPlan {
  static func make(
    rules: [CounterpartRule] = [], overrides: [FindingCode: SeverityOverride] = [:]
  ) -> Plan {
    Plan(
      info: PlanInfo(name: "Kế hoạch thử", firstYear: 2021, lastYear: 2025),
      sources: [
        FundingSource(code: "TW", name: "Trung ương", kind: .central, carryOverYears: 2),
        FundingSource(code: "TINH", name: "Tỉnh", kind: .provincial, carryOverYears: 1),
        FundingSource(code: "HUYEN", name: "Huyện", kind: .district, carryOverYears: 0),
        FundingSource(code: "GNBV", name: "Giảm nghèo", kind: .pooled, programme: "GNBV"),
      ],
      units: [Unit(code: "PDT", name: "Phòng Dân tộc"), Unit(code: "XA1", name: "Xã Một")],
      projects: [Project(code: "DA10", name: "Dự án 10")],
      activities: [
        Activity(
          code: "PANO", name: "Pano", project: "DA10", eligibleSources: ["TW", "TINH", "HUYEN"],
          unitCostMax: Money(dong: 7_000_000)),
        Activity(code: "CNTT", name: "Chuyển đổi số", project: "DA10"),
        Activity(code: "TANGQUA", name: "Tặng quà", project: "DA10", unitCostMax: Money(dong: 100_001)),
      ],
      counterpartRules: rules, severityOverrides: overrides)
  }
}

func day(_ year: Int, _ month: Int, _ dayOfMonth: Int) -> CivilDate {
  guard let date = CivilDate(year: year, month: month, day: dayOfMonth) else {
    preconditionFailure("test date \(year)-\(month)-\(dayOfMonth) is impossible")
  }
  return date
}

func key(_ year: Int, _ source: SourceCode, _ activity: ActivityCode = "PANO", _ unit: UnitCode = "PDT")
  -> LineKey
{
  LineKey(year: year, source: source, activity: activity, unit: unit)
}

func dong(_ amount: Int64) -> Money { Money(dong: amount) }

/// Builds a ledger row by row; file lines count the header as line 1, as the readers do.
struct LedgerBuilder {
  var plan = TestPlan.make()
  private(set) var allocations: [Allocation] = []
  private(set) var payments: [Payment] = []

  init(rules: [CounterpartRule] = [], overrides: [FindingCode: SeverityOverride] = [:]) {
    plan = TestPlan.make(rules: rules, overrides: overrides)
  }

  /// An allocation on any line.
  mutating func allocate(
    _ year: Int, _ source: SourceCode, _ activity: ActivityCode, _ unit: UnitCode,
    _ kind: AllocationKind, _ amount: Int64, origin: Int? = nil, decision: String? = "1/QĐ-UBND",
    part: CarryInPart = .undrawn
  ) {
    allocations.append(
      Allocation(
        year: year, source: source, activity: activity, unit: unit, kind: kind, amount: dong(amount),
        originYear: origin, carryPart: part, decision: kind == .carryIn ? nil : decision,
        location: SourceLocation(file: "allocations.csv", line: allocations.count + 2)))
  }

  /// An allocation on `source`·PANO·PDT.
  mutating func allocate(
    _ year: Int, _ source: SourceCode, _ kind: AllocationKind, _ amount: Int64,
    decision: String? = "1/QĐ-UBND"
  ) {
    allocate(year, source, "PANO", "PDT", kind, amount, decision: decision)
  }

  /// An initial allocation on `source`·PANO·PDT.
  mutating func allocate(
    _ year: Int, _ source: SourceCode, _ amount: Int64, decision: String? = "1/QĐ-UBND"
  ) {
    allocate(year, source, "PANO", "PDT", .initial, amount, decision: decision)
  }

  mutating func carryIn(
    _ year: Int, _ source: SourceCode, _ activity: ActivityCode = "PANO", _ unit: UnitCode = "PDT",
    amount: Int64, origin: Int, part: CarryInPart = .undrawn
  ) {
    allocate(year, source, activity, unit, .carryIn, amount, origin: origin, part: part)
  }

  mutating func carryIn(_ year: Int, _ source: SourceCode, _ amount: Int64, origin: Int) {
    carryIn(year, source, amount: amount, origin: origin)
  }

  /// A payment; the budget year defaults to the date's year, the date to 15 June of `year`.
  mutating func pay(
    _ id: String, _ year: Int, _ source: SourceCode, _ activity: ActivityCode, _ unit: UnitCode,
    _ amount: Int64, date: CivilDate? = nil, quantity: Quantity? = nil, voucher: String? = nil,
    reverses: String? = nil, kind: PaymentKind = .final, settles: String? = nil, subItem: String? = nil
  ) {
    let paid = date ?? day(year, 6, 15)
    payments.append(
      Payment(
        id: id, voucher: voucher, date: paid, year: paid.year == year ? nil : year, source: source,
        activity: activity, unit: unit, amount: dong(amount), quantity: quantity, reverses: reverses,
        kind: kind, settles: settles,
        subItem: subItem.map { code in
          guard let subItem = BudgetSubItemCode(code) else { preconditionFailure("test sub-item \(code)") }
          return subItem
        }, location: SourceLocation(file: "spending.csv", line: payments.count + 2)))
  }

  /// An advance (tạm ứng) on `source`·PANO·PDT.
  mutating func advance(
    _ id: String, _ year: Int, _ source: SourceCode, _ amount: Int64, date: CivilDate? = nil
  ) {
    pay(id, year, source, "PANO", "PDT", amount, date: date, kind: .advance)
  }

  /// A settlement (thanh toán tạm ứng) of advance `advanceID` on `source`·PANO·PDT.
  mutating func settle(
    _ id: String, _ year: Int, _ source: SourceCode, _ amount: Int64, advance advanceID: String,
    date: CivilDate? = nil
  ) {
    pay(id, year, source, "PANO", "PDT", amount, date: date, kind: .advanceSettlement, settles: advanceID)
  }

  /// A payment on `source`·PANO·PDT.
  mutating func pay(
    _ id: String, _ year: Int, _ source: SourceCode, _ amount: Int64, date: CivilDate? = nil,
    quantity: Quantity? = nil, voucher: String? = nil, reverses: String? = nil, subItem: String? = nil
  ) {
    pay(
      id, year, source, "PANO", "PDT", amount, date: date, quantity: quantity, voucher: voucher,
      reverses: reverses, subItem: subItem)
  }

  var ledger: Ledger { Ledger(plan: plan, allocations: allocations, payments: payments) }
  func analyze() -> Analysis { Engine.analyze(ledger) }
}

extension Analysis {
  func line(_ key: LineKey) -> LineSettlement? {
    settlement(year: key.year).lines.first { $0.key == key }
  }

  func findings(_ code: FindingCode) -> [Finding] { findings.filter { $0.code == code } }
}

func figures(
  carriedIn: Int64 = 0, allocated: Int64, spent: Int64, carryOver: Int64 = 0, cancelled: Int64 = 0
) -> Figures {
  Figures(
    carriedIn: dong(carriedIn), allocated: dong(allocated), spent: dong(spent), carryOver: dong(carryOver),
    cancelled: dong(cancelled))
}

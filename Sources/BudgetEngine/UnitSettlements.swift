import BudgetCore

/// One implementing unit's share of a year's settlement: its lines, its payments and the findings
/// about it (province-wide findings such as COUNTERPART_SHORT belong to no unit).
public struct UnitSettlement: Sendable {
  public let unit: UnitCode
  public let settlement: YearSettlement
}

extension YearSettlement {
  /// The settlement split by unit: every unit with a line or a payment this year, in the plan's order of
  /// units (codes the plan does not know, which are UNKNOWN_UNIT findings, after them in code order).
  /// The parts' totals add up to the year's totals exactly, or the split traps: a line counted twice or
  /// lost is a bug, never a result.
  public func splitByUnit(plan: Plan) -> [UnitSettlement] {
    var linesByUnit: [UnitCode: [LineSettlement]] = [:]
    for line in lines { linesByUnit[line.key.unit, default: []].append(line) }
    var paymentsByUnit: [UnitCode: [Payment]] = [:]
    var kindsByUnit: [UnitCode: [PaymentKind]] = [:]
    for (index, payment) in payments.enumerated() {
      paymentsByUnit[payment.unit, default: []].append(payment)
      if paymentKinds != nil { kindsByUnit[payment.unit, default: []].append(kind(ofPaymentAt: index)) }
    }
    var findingsByUnit: [UnitCode: [Finding]] = [:]
    for finding in findings {
      if let unit = finding.unit { findingsByUnit[unit, default: []].append(finding) }
    }
    let present = Set(linesByUnit.keys).union(paymentsByUnit.keys)
    let planned = plan.units.map(\.code).filter { present.contains($0) }
    let unplanned = present.subtracting(planned).sorted { $0.rawValue < $1.rawValue }
    let parts = (planned + unplanned).map { unit in
      UnitSettlement(
        unit: unit,
        settlement: YearSettlement(
          year: year, lines: linesByUnit[unit] ?? [], findings: findingsByUnit[unit] ?? [],
          payments: paymentsByUnit[unit] ?? [],
          paymentKinds: paymentKinds == nil ? nil : kindsByUnit[unit] ?? []))
    }
    precondition(
      parts.map(\.settlement.totals).sum() == totals
        && parts.map(\.settlement.payments.count).reduce(0, +) == payments.count,
      "Split by unit: the units' lines and payments must add up to the year's")
    return parts
  }
}

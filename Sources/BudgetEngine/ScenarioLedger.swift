import BudgetCore

/// A scenario applied to a workspace: the derived ledger (the base rows untouched plus one
/// `adjustment` row per changed line — the overlay) and the year's allocations before and after.
public struct DerivedLedger: Sendable {
  public let scenario: Scenario
  public let ledger: Ledger
  /// The overlay: one adjustment per line whose allocation changed, by `after − before`.
  public let overlay: [Allocation]
  /// The scenario year's allocation (initial + supplement + adjustment) of every line, before.
  public let before: [LineKey: Money]
  /// The same after the operations; lines created by the scenario appear here only.
  public let after: [LineKey: Money]

  /// Applies the operations in order. Problems that make the request impossible (unknown codes, a year
  /// outside the plan, moving more than a line has, infeasible distributions) are located input errors
  /// pointing at the scenario file.
  public static func derive(_ base: Ledger, scenario: Scenario) throws -> DerivedLedger {
    var errors = InputErrors()
    let plan = base.plan
    let year = scenario.year
    if !plan.info.years.contains(year) {
      errors.append(
        InputError(
          scenario.yearLocation,
          vi: "Năm \(year) của kịch bản nằm ngoài kế hoạch (\(plan.info.firstYear)–\(plan.info.lastYear)).",
          en: "The scenario year \(year) is outside the plan (\(plan.info.firstYear)–\(plan.info.lastYear)).")
      )
    }
    for operation in scenario.operations { checkCodes(operation, plan: plan, into: &errors) }
    try errors.throwIfAny()

    var before: [LineKey: Money] = [:]
    for allocation in base.allocations where allocation.year == year && allocation.kind != .carryIn {
      before[allocation.line, default: .zero] += allocation.amount
    }
    var state = Working(year: year, roundToDong: scenario.roundToDong, amounts: before)
    for operation in scenario.operations {
      if let problem = state.apply(operation) { errors.append(problem) }
    }
    try errors.throwIfAny()

    var overlay: [Allocation] = []
    let decision = "Kịch bản / scenario: \(scenario.name)"
    for key in Set(before.keys).union(state.amounts.keys).sorted() {
      let delta = (state.amounts[key] ?? .zero) - (before[key] ?? .zero)
      guard !delta.isZero, let location = state.lastTouched[key] else { continue }
      overlay.append(
        Allocation(
          year: year, source: key.source, activity: key.activity, unit: key.unit, kind: .adjustment,
          amount: delta, decision: decision, note: "what-if", location: location))
    }
    let ledger = Ledger(plan: plan, allocations: base.allocations + overlay, payments: base.payments)
    return DerivedLedger(
      scenario: scenario, ledger: ledger, overlay: overlay, before: before, after: state.amounts)
  }

  private static func checkCodes(_ operation: ScenarioOperation, plan: Plan, into errors: inout InputErrors) {
    var sources: [SourceCode] = []
    var activities: [ActivityCode] = []
    var units: [UnitCode] = []
    switch operation.kind {
    case .scale(let filter, _):
      sources = filter.source.map { [$0] } ?? []
      activities = filter.activity.map { [$0] } ?? []
      units = filter.unit.map { [$0] } ?? []
    case .move(let from, let to, _):
      sources = [from.source, to.source]
      activities = [from.activity, to.activity]
      units = [from.unit, to.unit]
    case .set(let line, _):
      sources = [line.source]
      activities = [line.activity]
      units = [line.unit]
    case .distribute(let source, let activity, _, let over, _, _):
      sources = [source]
      activities = [activity]
      units = over.map(\.unit)
    case .cofinance(let activity, let unit, _, let shares):
      sources = shares.map(\.source)
      activities = [activity]
      units = [unit]
    }
    func unknown(_ what: (vi: String, en: String), _ code: String) {
      errors.append(
        InputError(
          operation.location,
          vi: "'\(operation.name)': mã \(what.vi) '\(code)' không có trong \(plan.file).",
          en: "'\(operation.name)': \(what.en) code '\(code)' is not defined in \(plan.file)."))
    }
    for code in sources where plan.sourceByCode[code] == nil { unknown(("nguồn", "source"), code.rawValue) }
    for code in activities where plan.activityByCode[code] == nil {
      unknown(("nội dung", "activity"), code.rawValue)
    }
    for code in units where plan.unitByCode[code] == nil { unknown(("đơn vị", "unit"), code.rawValue) }
  }
}

/// The year's allocations while the operations run, and which operation touched each line last (the
/// overlay row points there, so a finding about it leads back to the scenario file).
private struct Working {
  let year: Int
  let roundToDong: Int64
  var amounts: [LineKey: Money]
  var lastTouched: [LineKey: SourceLocation] = [:]

  init(year: Int, roundToDong: Int64, amounts: [LineKey: Money]) {
    self.year = year
    self.roundToDong = roundToDong
    self.amounts = amounts
  }

  mutating func assign(_ key: LineKey, _ amount: Money, _ location: SourceLocation) {
    amounts[key] = amount
    lastTouched[key] = location
  }

  /// Applies one operation; returns the reason when it cannot be done.
  mutating func apply(_ operation: ScenarioOperation) -> InputError? {
    let location = operation.location
    switch operation.kind {
    case .scale(let filter, let percent):
      let keys = amounts.keys.filter { $0.year == year && filter.matches($0) && amounts[$0]!.isPositive }
        .sorted()
      guard !keys.isEmpty else {
        return InputError(
          location,
          vi: "'scale' không khớp dòng nào có dự toán năm \(year): kiểm tra source/activity/unit.",
          en: "'scale' matches no line with an allocation in \(year): check source/activity/unit.")
      }
      guard percent.hundredths != 0 else {
        keys.forEach { lastTouched[$0] = location }
        return nil
      }
      let total = keys.map { amounts[$0]! }.sum()
      let scaled = ExactSplit.scaled(total, by: percent, roundToDong: roundToDong)
      let recipients = keys.map { ExactSplit.Recipient(name: $0.description, weight: amounts[$0]!.dong) }
      switch ExactSplit.split(scaled, among: recipients, roundToDong: roundToDong) {
      case .success(let parts): for (key, part) in zip(keys, parts) { assign(key, part, location) }
      case .failure(let problem): return ScenarioProblemText.error(problem, operation: operation)
      }
    case .move(let from, let to, let amount):
      let fromKey = from.key(year: year)
      let available = amounts[fromKey] ?? .zero
      guard amount <= available else {
        return InputError(
          location,
          vi: "'move' chuyển \(amount.grouped) đồng khỏi \(fromKey) nhưng dòng chỉ có \(available.grouped) "
            + "đồng dự toán năm \(year).",
          en: "'move' takes \(amount.groupedEnglish) VND from \(fromKey) but the line has only "
            + "\(available.groupedEnglish) VND allocated in \(year).")
      }
      let toKey = to.key(year: year)
      assign(fromKey, available - amount, location)
      assign(toKey, (amounts[toKey] ?? .zero) + amount, location)
    case .set(let line, let amount):
      assign(line.key(year: year), amount, location)
    case .distribute(let source, let activity, let amount, let over, let minimum, let maximum):
      // Ties go to the smaller unit code.
      let sorted = over.sorted { $0.unit < $1.unit }
      let recipients = sorted.map {
        ExactSplit.Recipient(
          name: $0.unit.rawValue, weight: $0.weight, minimum: minimum ?? .zero, maximum: maximum)
      }
      switch ExactSplit.split(amount, among: recipients, roundToDong: roundToDong) {
      case .success(let parts):
        for (entry, part) in zip(sorted, parts) {
          assign(LineKey(year: year, source: source, activity: activity, unit: entry.unit), part, location)
        }
      case .failure(let problem): return ScenarioProblemText.error(problem, operation: operation)
      }
    case .cofinance(let activity, let unit, let total, let shares):
      // Ties go to the smaller source code.
      let sorted = shares.sorted { $0.source < $1.source }
      let recipients = sorted.map {
        ExactSplit.Recipient(name: $0.source.rawValue, weight: $0.share.hundredths)
      }
      switch ExactSplit.split(total, among: recipients, roundToDong: roundToDong) {
      case .success(let parts):
        for (entry, part) in zip(sorted, parts) {
          assign(LineKey(year: year, source: entry.source, activity: activity, unit: unit), part, location)
        }
      case .failure(let problem): return ScenarioProblemText.error(problem, operation: operation)
      }
    }
    return nil
  }
}

/// What an infeasible split means to the officer, naming the numbers that conflict.
enum ScenarioProblemText {
  static func error(_ problem: ExactSplit.Problem, operation: ScenarioOperation) -> InputError {
    let op = operation.name
    let vi: String
    let en: String
    switch problem {
    case .noRecipients:
      vi = "'\(op)' không có đơn vị/nguồn nào để chia."
      en = "'\(op)' has nobody to split among."
    case .negativeTotal(let total):
      vi = "'\(op)': tổng \(total.grouped) đồng âm."
      en = "'\(op)': the total \(total.groupedEnglish) VND is negative."
    case .roundingUnitNotPositive(let unit):
      vi = "round_to \(unit) phải dương."
      en = "round_to \(unit) must be positive."
    case .nonPositiveWeight(let name, let weight):
      vi = "'\(op)': trọng số của \(name) là \(weight); cần số nguyên dương."
      en = "'\(op)': the weight of \(name) is \(weight); expected a positive whole number."
    case .minimumAboveMaximum(let name, let minimum, let maximum):
      vi = "'\(op)': min \(minimum.grouped) lớn hơn max \(maximum.grouped) (\(name))."
      en = "'\(op)': min \(minimum.groupedEnglish) is above max \(maximum.groupedEnglish) (\(name))."
    case .boundNotMultiple(let name, let bound, let unit):
      vi = "'\(op)': min/max \(bound.grouped) của \(name) không phải bội số của round_to \(unit)."
      en = "'\(op)': min/max \(bound.groupedEnglish) of \(name) is not a multiple of round_to \(unit)."
    case .minimumsAboveTotal(let minimums, let total):
      vi =
        "'\(op)': tổng các mức tối thiểu \(minimums.grouped) đồng lớn hơn số cần chia \(total.grouped) đồng."
      en =
        "'\(op)': the minimums add up to \(minimums.groupedEnglish) VND, more than the "
        + "\(total.groupedEnglish) VND to split."
    case .maximumsBelowTotal(let maximums, let total):
      vi = "'\(op)': tổng các mức tối đa \(maximums.grouped) đồng nhỏ hơn số cần chia \(total.grouped) đồng."
      en =
        "'\(op)': the maximums add up to \(maximums.groupedEnglish) VND, less than the "
        + "\(total.groupedEnglish) VND to split."
    }
    return InputError(operation.location, vi: vi, en: en)
  }
}

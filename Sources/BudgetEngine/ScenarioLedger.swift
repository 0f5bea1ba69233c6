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
    // The workspace within the run's limit (its reader checked it; a ledger built in the program is
    // checked here), so the sums below and the operations' arithmetic stay in range.
    var budget = AmountBudget.workspace
    if let error = budget.add(base.allocations, base.payments) { errors.append(error) }
    try errors.throwIfAny()

    var before: [LineKey: Money] = [:]
    for allocation in base.allocations where allocation.year == year && allocation.kind != .carryIn {
      before[allocation.line, default: .zero] += allocation.amount
    }
    var state = Working(
      year: year, roundToDong: scenario.roundToDong, before: before, baseDong: budget.totalDong)
    for operation in scenario.operations {
      if let problem = state.apply(operation) { errors.append(problem) }
      // Past the limit every later operation would say so again: the first one is the place.
      if state.isPastLimit { break }
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
///
/// The derived ledger (workspace + overlay) keeps the run's limit: Σ|workspace amounts| + Σ|overlay
/// amounts| ≤ `Limits.runTotalMaxDong`, checked before each operation's result is applied. Every line's
/// amount is then at most the limit, every sum of them too, so no operation's arithmetic can overflow
/// and every figure of the derived ledger is as bounded as one read from files.
private struct Working {
  let year: Int
  let roundToDong: Int64
  let before: [LineKey: Money]
  var amounts: [LineKey: Money]
  var lastTouched: [LineKey: SourceLocation] = [:]
  /// Σ|amount| of the workspace's rows.
  let baseDong: Int64
  /// Σ over lines of |amount − before|: the overlay's Σ|amount|.
  var overlayDong: Int64 = 0
  /// An operation was refused for the limit.
  var isPastLimit = false

  init(year: Int, roundToDong: Int64, before: [LineKey: Money], baseDong: Int64) {
    self.year = year
    self.roundToDong = roundToDong
    self.before = before
    self.amounts = before
    self.baseDong = baseDong
  }

  /// Applies one operation's new amounts (in order; a later one for the same line wins) when the
  /// derived ledger stays within the limit; otherwise changes nothing and returns the located error.
  mutating func commit(_ changes: [(key: LineKey, amount: Money)], _ operation: ScenarioOperation)
    -> InputError?
  {
    var final: [LineKey: Money] = [:]
    for change in changes { final[change.key] = change.amount }
    var overlay = Int128(overlayDong)
    for (key, amount) in final {
      let original = Int128(before[key]?.dong ?? 0)
      overlay -= abs(Int128(amounts[key]?.dong ?? 0) - original)
      overlay += abs(Int128(amount.dong) - original)
    }
    guard Int128(baseDong) + overlay <= Int128(Limits.runTotalMaxDong) else {
      return limitError(operation, overlay: overlay)
    }
    overlayDong = Int64(overlay)
    for change in changes {
      amounts[change.key] = change.amount
      lastTouched[change.key] = operation.location
    }
    return nil
  }

  mutating func limitError(_ operation: ScenarioOperation, overlay: Int128) -> InputError {
    isPastLimit = true
    let limit = Money(dong: Limits.runTotalMaxDong)
    let base = Money(dong: baseDong)
    // At most a few times the limit, far inside Int64; clamped rather than trapping all the same.
    let changes = Money(dong: Int64(clamping: overlay))
    return InputError(
      operation.location,
      vi: "'\(operation.name)' đưa tổng giá trị tuyệt đối các số tiền (dữ liệu \(base.grouped) đồng cộng các "
        + "thay đổi của kịch bản \(changes.grouped) đồng) vượt giới hạn \(limit.grouped) đồng. Giới hạn giữ mọi "
        + "con số của báo cáo chính xác (trong Excel, dưới 2^53); cần kiểm tra số tiền, tỷ lệ của thao tác.",
      en: "'\(operation.name)' takes the sum of the absolute amounts (the workspace's \(base.groupedEnglish) "
        + "đồng plus the scenario's changes, \(changes.groupedEnglish) đồng) past the limit of "
        + "\(limit.groupedEnglish) đồng. The limit keeps every figure of the reports exact (in Excel, below "
        + "2^53); expected the operation's amount or percentage checked.")
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
      // Σ of lines within the limit (see `Working`), so neither this sum nor the Int128 product can
      // overflow; the scaled total (a part of the derived ledger) is checked against the limit before
      // it is split, the exact Σ in `commit`.
      let total = keys.map { amounts[$0]! }.sum()
      guard let scaled = ExactSplit.scaled(total, by: percent, roundToDong: roundToDong),
        scaled.dong <= Limits.runTotalMaxDong
      else {
        return limitError(
          operation, overlay: Int128(overlayDong) + Int128(total.dong) * Int128(percent.hundredths) / 10_000)
      }
      let recipients = keys.map { ExactSplit.Recipient(name: $0.description, weight: amounts[$0]!.dong) }
      switch ExactSplit.split(scaled, among: recipients, roundToDong: roundToDong) {
      case .success(let parts): return commit(Array(zip(keys, parts)), operation)
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
      // A move within one line leaves it as it is.
      let toAmount = toKey == fromKey ? available : (amounts[toKey] ?? .zero) + amount
      return commit([(fromKey, available - amount), (toKey, toAmount)], operation)
    case .set(let line, let amount):
      return commit([(line.key(year: year), amount)], operation)
    case .distribute(let source, let activity, let amount, let over, let minimum, let maximum):
      // Σ min must fit the amount (`ExactSplit` says so with the figures); a Σ past Int64 is said here,
      // as the product it is (one minimum for every unit).
      if let minimum {
        if minimum.dong.multipliedReportingOverflow(by: Int64(over.count)).overflow {
          return InputError(
            location,
            vi: "'distribute': \(over.count) đơn vị × min \(minimum.grouped) đồng lớn hơn số cần chia "
              + "\(amount.grouped) đồng.",
            en: "'distribute': \(over.count) units × min \(minimum.groupedEnglish) VND is more than the "
              + "\(amount.groupedEnglish) VND to split.")
        }
      }
      // Ties go to the smaller unit code.
      let sorted = over.sorted { $0.unit < $1.unit }
      let recipients = sorted.map {
        ExactSplit.Recipient(
          name: $0.unit.rawValue, weight: $0.weight, minimum: minimum ?? .zero, maximum: maximum)
      }
      switch ExactSplit.split(amount, among: recipients, roundToDong: roundToDong) {
      case .success(let parts):
        return commit(
          zip(sorted, parts).map {
            (LineKey(year: year, source: source, activity: activity, unit: $0.unit), $1)
          }, operation)
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
        return commit(
          zip(sorted, parts).map {
            (LineKey(year: year, source: $0.source, activity: activity, unit: unit), $1)
          }, operation)
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

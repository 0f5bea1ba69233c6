import BudgetCore

/// Per-line arithmetic of docs/workspace-format.md, "Settlement arithmetic" over the included rows: one pass over the allocations and
/// one over the payments into a dictionary keyed by line, then each line settled oldest money first.
enum SettlementPass {
  /// What the rows of one line add up to before settling.
  struct LineTotals {
    /// Carry-in per origin year; few entries, so a small array beats a dictionary.
    var carriedInByOrigin: [(originYear: Int, amount: Money)] = []
    var allocated: Money = .zero
    /// The part of `allocated` given by `initial` rows (dự toán giao đầu năm).
    var initialAllocated: Money = .zero
    /// The carry-in that is an advance balance of an earlier year (số dư tạm ứng chuyển sang).
    var carriedInAdvance: Money = .zero
    var finalPaid: Money = .zero
    var advanced: Money = .zero
    var advanceSettled: Money = .zero

    mutating func addCarryIn(_ amount: Money, originYear: Int) {
      if let index = carriedInByOrigin.firstIndex(where: { $0.originYear == originYear }) {
        carriedInByOrigin[index].amount += amount
      } else {
        carriedInByOrigin.append((originYear, amount))
      }
    }
  }

  struct Result {
    /// Per year with any line, the lines in plan order.
    var linesByYear: [Int: [LineSettlement]]
  }

  static func run(
    _ ledger: Ledger, lines: LineTable, includedAllocations: [Bool], includedPayments: [Bool],
    paymentKinds: [PaymentKind]? = nil
  ) -> Result {
    var totalsByLine = Array(repeating: LineTotals(), count: lines.keys.count)
    var hasRows = Array(repeating: false, count: lines.keys.count)
    for (index, allocation) in ledger.allocations.enumerated() where includedAllocations[index] {
      let number = lines.allocationLines[index]
      hasRows[number] = true
      if allocation.kind == .carryIn {
        totalsByLine[number].addCarryIn(allocation.amount, originYear: allocation.moneyYear)
        if allocation.carryPart == .advance { totalsByLine[number].carriedInAdvance += allocation.amount }
      } else {
        totalsByLine[number].allocated += allocation.amount
        if allocation.kind == .initial { totalsByLine[number].initialAllocated += allocation.amount }
      }
    }
    // Indexed, reading the amount alone: no copy of each whole row.
    let payments = ledger.payments
    for index in payments.indices where includedPayments[index] {
      let number = lines.paymentLines[index]
      hasRows[number] = true
      let amount = payments[index].amount
      switch paymentKinds?[index] ?? .final {
      case .final: totalsByLine[number].finalPaid += amount
      case .advance: totalsByLine[number].advanced += amount
      case .advanceSettlement: totalsByLine[number].advanceSettled += amount
      }
    }

    let plan = ledger.plan
    // Lines of a year are those with an included row; a line whose rows were all excluded is left out.
    var numbersByYear: [Int: [Int]] = [:]
    for (number, key) in lines.keys.enumerated() where hasRows[number] {
      numbersByYear[key.year, default: []].append(number)
    }
    // Plan positions looked up once per line, not once per comparison (the sort made six dictionary
    // lookups per comparison and was the largest part of this pass). Same order as `plan.planOrder`:
    // unknown codes last, ties broken by the codes themselves.
    let positions = lines.keys.map { key in
      (
        plan.sourceOrder[key.source] ?? Int.max, plan.activityOrder[key.activity] ?? Int.max,
        plan.unitOrder[key.unit] ?? Int.max
      )
    }
    var linesByYear: [Int: [LineSettlement]] = [:]
    for (year, numbers) in numbersByYear {
      let ordered = numbers.sorted { left, right in
        let (a, b) = (positions[left], positions[right])
        if a != b { return a < b }
        return lines.keys[left] < lines.keys[right]
      }
      linesByYear[year] = ordered.map { number in
        let key = lines.keys[number]
        let totals = totalsByLine[number]
        return settle(
          key: key, carriedInByOrigin: totals.carriedInByOrigin, allocated: totals.allocated,
          initialAllocated: totals.initialAllocated, carriedInAdvance: totals.carriedInAdvance,
          finalPaid: totals.finalPaid, advanced: totals.advanced,
          advanceSettled: totals.advanceSettled,
          carryOverYears: plan.sourceByCode[key.source]?.carryOverYears ?? 0)
      }
    }
    return Result(linesByYear: linesByYear)
  }

  /// Settles one line: figures, and the portions by origin year after oldest-first spending.
  ///
  /// Portions are the carry-in groups by ascending origin year, then the year's own allocation. A
  /// negative portion (adjustments that took more than was given) is extra consumption of the others.
  /// If reversals left more than the portions hold (only possible when BAD_REVERSAL is downgraded),
  /// the surplus is counted as the year's own money, which keeps the identity.
  ///
  /// Money drawn from the treasury (the carried-in advance balance, final payments, advances) uses the
  /// portions oldest first too; what a portion has drawn beyond what it has spent is its open advance,
  /// the rest of its remainder is still undrawn.
  static func settle(
    key: LineKey, carriedInByOrigin: [(originYear: Int, amount: Money)], allocated: Money,
    initialAllocated: Money? = nil, carriedInAdvance: Money = .zero, finalPaid: Money,
    advanced: Money = .zero,
    advanceSettled: Money = .zero, carryOverYears: Int
  ) -> LineSettlement {
    let spent = finalPaid + advanceSettled
    let drawn = carriedInAdvance + finalPaid + advanced
    let carriedIn = carriedInByOrigin.map(\.amount).sum()
    let available = carriedIn + allocated

    let groups =
      carriedInByOrigin.sorted { $0.originYear < $1.originYear } + [(key.year, allocated)]
    let unspentByGroup = leftOver(groups, used: spent, available: available)
    let undrawnByGroup = leftOver(groups, used: drawn, available: available)

    var portions: [Portion] = []
    portions.reserveCapacity(groups.count)
    var carryOver = Money.zero
    var cancelled = Money.zero
    var carryOverAdvance = Money.zero
    var lapsedAdvance = Money.zero
    for (index, group) in groups.enumerated() {
      let unspent = unspentByGroup[index]
      // Drawn beyond spent; never below zero, never above the remainder (both only when more was
      // settled or drawn than the line had, which the checks report).
      let openAdvance = Money.min((unspent - undrawnByGroup[index]).clampedAtZero, unspent.clampedAtZero)
      let usableThroughYear = group.originYear + carryOverYears
      let carried = key.year + 1 <= usableThroughYear
      portions.append(
        Portion(
          originYear: group.originYear, usableThroughYear: usableThroughYear, available: group.amount,
          unspent: unspent, carryOver: carried ? unspent : .zero, cancelled: carried ? .zero : unspent,
          openAdvance: openAdvance))
      if carried {
        carryOver += unspent
        carryOverAdvance += openAdvance
      } else {
        cancelled += unspent
        lapsedAdvance += openAdvance
      }
    }
    // Figures checks the identity (carry-over + cancelled = what is left) as it is built, and
    // TreasuryFigures that the advance parts are parts of it.
    let figures = Figures(
      carriedIn: carriedIn, allocated: allocated, spent: spent, carryOver: carryOver, cancelled: cancelled)
    let treasury = TreasuryFigures(
      figures: figures, carriedInAdvance: carriedInAdvance, finalPaid: finalPaid, advanced: advanced,
      advanceSettled: advanceSettled, carryOverAdvance: carryOverAdvance, lapsedAdvance: lapsedAdvance)
    return LineSettlement(
      key: key, treasury: treasury, portions: portions, initialAllocated: initialAllocated ?? allocated)
  }

  /// What each group keeps after `used` is taken from them oldest first (zero for every group when
  /// nothing is left of `available`). Negative groups are taken as extra use.
  private static func leftOver(
    _ groups: [(originYear: Int, amount: Money)], used: Money, available: Money
  ) -> [Money] {
    var leftOver = groups.map { _ in Money.zero }
    guard (available - used).isPositive else { return leftOver }
    var consumption = used
    for group in groups where group.amount.isNegative { consumption -= group.amount }
    var toConsume = consumption.clampedAtZero
    for (index, group) in groups.enumerated() {
      let positive = group.amount.clampedAtZero
      let taken = Money.min(positive, toConsume)
      toConsume -= taken
      leftOver[index] = positive - taken
    }
    if consumption.isNegative {
      leftOver[groups.count - 1] -= consumption
    }
    return leftOver
  }
}

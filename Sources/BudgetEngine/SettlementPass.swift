import BudgetCore

/// Per-line arithmetic of docs/workspace-format.md, "Settlement arithmetic" over the included rows: one pass over the allocations and
/// one over the payments into a dictionary keyed by line, then each line settled oldest money first.
enum SettlementPass {
  /// What the rows of one line add up to before settling.
  struct LineTotals {
    /// Carry-in per origin year; few entries, so a small array beats a dictionary.
    var carriedInByOrigin: [(originYear: Int, amount: Money)] = []
    var allocated: Money = .zero
    var spent: Money = .zero

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
    _ ledger: Ledger, lines: LineTable, includedAllocations: [Bool], includedPayments: [Bool]
  ) -> Result {
    var totalsByLine = Array(repeating: LineTotals(), count: lines.keys.count)
    var hasRows = Array(repeating: false, count: lines.keys.count)
    for (index, allocation) in ledger.allocations.enumerated() where includedAllocations[index] {
      let number = lines.allocationLines[index]
      hasRows[number] = true
      if allocation.kind == .carryIn {
        totalsByLine[number].addCarryIn(allocation.amount, originYear: allocation.moneyYear)
      } else {
        totalsByLine[number].allocated += allocation.amount
      }
    }
    // Indexed, reading the amount alone: no copy of each whole row.
    let payments = ledger.payments
    for index in payments.indices where includedPayments[index] {
      let number = lines.paymentLines[index]
      hasRows[number] = true
      totalsByLine[number].spent += payments[index].amount
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
          spent: totals.spent, carryOverYears: plan.sourceByCode[key.source]?.carryOverYears ?? 0)
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
  static func settle(
    key: LineKey, carriedInByOrigin: [(originYear: Int, amount: Money)], allocated: Money, spent: Money,
    carryOverYears: Int
  ) -> LineSettlement {
    let carriedIn = carriedInByOrigin.map(\.amount).sum()
    let remaining = carriedIn + allocated - spent

    let groups =
      carriedInByOrigin.sorted { $0.originYear < $1.originYear } + [(key.year, allocated)]
    var consumption = spent
    for group in groups where group.amount.isNegative { consumption -= group.amount }

    var unspentByGroup = groups.map { _ in Money.zero }
    if remaining.isPositive {
      var toConsume = consumption.clampedAtZero
      for (index, group) in groups.enumerated() {
        let positive = group.amount.clampedAtZero
        let used = Money.min(positive, toConsume)
        toConsume -= used
        unspentByGroup[index] = positive - used
      }
      if consumption.isNegative {
        unspentByGroup[groups.count - 1] -= consumption
      }
    }

    var portions: [Portion] = []
    portions.reserveCapacity(groups.count)
    var carryOver = Money.zero
    var cancelled = Money.zero
    for (index, group) in groups.enumerated() {
      let unspent = unspentByGroup[index]
      let usableThroughYear = group.originYear + carryOverYears
      let carried = key.year + 1 <= usableThroughYear
      portions.append(
        Portion(
          originYear: group.originYear, usableThroughYear: usableThroughYear, available: group.amount,
          unspent: unspent, carryOver: carried ? unspent : .zero, cancelled: carried ? .zero : unspent))
      if carried { carryOver += unspent } else { cancelled += unspent }
    }
    // Figures checks the identity (carry-over + cancelled = what is left) as it is built.
    let figures = Figures(
      carriedIn: carriedIn, allocated: allocated, spent: spent, carryOver: carryOver, cancelled: cancelled)
    return LineSettlement(key: key, figures: figures, portions: portions)
  }

}

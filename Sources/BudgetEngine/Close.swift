import BudgetCore

/// One `carry_in` row of year Y+1 that closing year Y yields: a line's unspent money of one origin
/// year that its source's `carry_over_years` still allows (docs/workspace-format.md, "Settlement arithmetic").
public struct CarryInEntry: Hashable, Sendable {
  /// The line in the year the money is carried into (Y+1).
  public let line: LineKey
  /// The year the money was first allocated; kept through every carry-over (oldest-first uses it).
  public let originYear: Int
  /// Undrawn allocation or an advance balance (the `carry_part` column).
  public let part: CarryInPart
  public let amount: Money

  public init(line: LineKey, originYear: Int, part: CarryInPart = .undrawn, amount: Money) {
    self.line = line
    self.originYear = originYear
    self.part = part
    self.amount = amount
  }
}

/// A (line, origin year) whose recorded carry-in differs from what closing yields.
public struct CarryInDifference: Hashable, Sendable {
  public let line: LineKey
  public let originYear: Int
  public let part: CarryInPart
  /// What closing year Y yields (zero when it yields nothing for this line and origin).
  public let expected: Money
  /// What allocations.csv already records for year Y+1.
  public let recorded: Money

  public init(
    line: LineKey, originYear: Int, part: CarryInPart = .undrawn, expected: Money, recorded: Money
  ) {
    self.line = line
    self.originYear = originYear
    self.part = part
    self.expected = expected
    self.recorded = recorded
  }

  /// The difference in đồng, always positive.
  public var difference: Money { expected > recorded ? expected - recorded : recorded - expected }
}

/// Why `close` writes nothing (see `YearEndClose.refusal`).
public enum CloseRefusal: Hashable, Sendable {
  /// The year has error findings and the close was not forced (nothing written, exit status 2).
  case errorFindings(count: Int)
  /// Year Y+1 is outside the plan, so its rows cannot go into allocations.csv (exit status 2).
  case nextYearOutsidePlan(nextYear: Int, planYears: ClosedRange<Int>)
}

/// The year-end close of one budget year: what carries into the next year, compared with the
/// carry_in rows the workspace already holds, so closing twice adds nothing (beancount's close
/// appends entries; it never edits them).
public struct YearEndClose: Sendable {
  public let year: Int
  public var nextYear: Int { year + 1 }
  /// Everything closing yields, in the plan's order of lines, then ascending origin year.
  public let entries: [CarryInEntry]
  /// Entries without any recorded carry_in row for their line and origin year: what `close` appends.
  public let missing: [CarryInEntry]
  /// Entries already recorded exactly.
  public let recorded: [CarryInEntry]
  /// Lines and origins recorded with another amount, or recorded although closing yields nothing.
  /// `close` never edits them: the officer corrects the row (and `check` reports CARRY_IN_MISMATCH).
  public let differences: [CarryInDifference]
  /// Σ carry-over and Σ cancellation of the year (the schedule's totals).
  public let carryOverTotal: Money
  public let cancelledTotal: Money
  /// The year's findings of severity error (plan-level ones included): closing is refused on them
  /// unless forced.
  public let errorFindings: [Finding]

  /// Whether the next year's carry-in is exactly what closing yields.
  public var isClosed: Bool { missing.isEmpty && differences.isEmpty }

  /// Whether year Y+1 lies in the plan, i.e. whether its rows may go into the workspace's
  /// allocations file (rows of a year outside the plan would be findings of their own).
  public let nextYearInPlan: Bool
  /// The plan's years, for the refusal message.
  public let planYears: ClosedRange<Int>

  /// Why the close stops before writing anything, or nil when it may go on. One decision for the dry
  /// run and the real run, so `--dry-run` never promises rows the real run then refuses to write.
  /// - Parameters:
  ///   - force: the officer reviewed the year's error findings and closes anyway.
  ///   - separateRowsFile: the rows go to a file of their own (`--output`), not to allocations.csv.
  public func refusal(force: Bool, separateRowsFile: Bool) -> CloseRefusal? {
    if !errorFindings.isEmpty && !force { return .errorFindings(count: errorFindings.count) }
    if !missing.isEmpty && !separateRowsFile && !nextYearInPlan {
      return .nextYearOutsidePlan(nextYear: nextYear, planYears: planYears)
    }
    return nil
  }

  public init(analysis: Analysis, year: Int) {
    let plan = analysis.ledger.plan
    let settlement = analysis.settlement(year: year)
    self.year = year
    nextYearInPlan = plan.info.years.contains(year + 1)
    planYears = plan.info.years
    // The analysis's carry chain, the one `check` reads: a carry_in row left out of the figures
    // (an error finding on its line) is not recorded money here either.
    let links = analysis.carryChain.links(closing: year)
    entries = links.filter(\.expected.isPositive).map {
      CarryInEntry(line: $0.line, originYear: $0.originYear, part: $0.part, amount: $0.expected)
    }
    carryOverTotal = settlement.totals.carryOver
    cancelledTotal = settlement.totals.cancelled
    errorFindings = settlement.findings.errorFindings

    var missing: [CarryInEntry] = []
    var recorded: [CarryInEntry] = []
    var differences: [CarryInDifference] = []
    // Carry-in rows adding up to zero where closing yields nothing are no difference.
    for link in links where link.expected.isPositive || !link.holds {
      let entry = CarryInEntry(
        line: link.line, originYear: link.originYear, part: link.part, amount: link.expected)
      if !link.isRecorded {
        missing.append(entry)
      } else if link.holds {
        recorded.append(entry)
      } else {
        differences.append(
          CarryInDifference(
            line: link.line, originYear: link.originYear, part: link.part, expected: link.expected,
            recorded: link.recorded))
      }
    }
    self.missing = missing
    self.recorded = recorded
    self.differences = differences
  }
}

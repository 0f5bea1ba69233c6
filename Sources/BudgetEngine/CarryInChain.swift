import BudgetCore

/// One link of the carry-over chain: for one line of year Y+1 and one origin year, what closing year
/// Y carries over against what year Y+1's carry_in rows record.
public struct CarryLink: Hashable, Sendable {
  /// The line in the year the money is carried into (Y+1).
  public let line: LineKey
  /// The year the money was first allocated (kept through every carry-over).
  public let originYear: Int
  /// Undrawn allocation (số dư dự toán) or an advance balance (số dư tạm ứng): each is its own link.
  public let part: CarryInPart
  /// What closing year Y carries over (zero when it yields nothing for this line and origin).
  public let expected: Money
  /// Σ of year Y+1's carry_in rows for this line and origin that count in the figures. A row an
  /// error finding leaves out of the figures is not recorded money (docs/workspace-format.md, "The
  /// carry-over chain").
  public let recorded: Money
  /// The first of those rows; nil when none is recorded.
  public let firstRecordedRow: SourceLocation?

  /// The year whose close yields this link (Y).
  public var closingYear: Int { line.year - 1 }
  /// Whether any carry_in row that counts records this line and origin.
  public var isRecorded: Bool { firstRecordedRow != nil }
  /// Whether the recorded carry-in is exactly what closing yields.
  public var holds: Bool { expected == recorded }
  /// |recorded − expected|.
  public var difference: Money { expected > recorded ? expected - recorded : recorded - expected }
}

/// The carry-over chain of an analysis, computed once by `Engine.analyze` and read by the check
/// (CARRY_IN_MISMATCH), the year-end close (`YearEndClose`) and the phase settlement
/// (`MultiYearSummary`), so the three cannot disagree.
///
/// Expected money is read from the settled lines' portions (what each year carries over); recorded
/// money from the carry_in rows that count in the figures, per line and origin year.
public struct CarryChain: Sendable {
  private struct LinkKey: Hashable {
    let line: LineKey
    let originYear: Int
    let part: CarryInPart
  }

  private let linksByClosingYear: [Int: [CarryLink]]

  /// The links from closing `year` into `year + 1`: every line and origin that closing carries over
  /// or that a carry_in row records, in the plan's order of lines, then ascending origin year.
  public func links(closing year: Int) -> [CarryLink] { linksByClosingYear[year] ?? [] }

  init(ledger: Ledger, includedAllocations: [Bool], linesByYear: [Int: [LineSettlement]]) {
    var recorded: [LinkKey: (amount: Money, first: SourceLocation)] = [:]
    for (index, allocation) in ledger.allocations.enumerated()
    where includedAllocations[index] && allocation.kind == .carryIn {
      let key = LinkKey(line: allocation.line, originYear: allocation.moneyYear, part: allocation.carryPart)
      if let entry = recorded[key] {
        recorded[key] = (entry.amount + allocation.amount, entry.first)
      } else {
        recorded[key] = (allocation.amount, allocation.location)
      }
    }

    // Links of what closing carries over, already in plan order (lines are, portions ascend).
    var linksByClosingYear: [Int: [CarryLink]] = [:]
    for (year, lines) in linesByYear {
      var links: [CarryLink] = []
      for line in lines {
        let next = LineKey(
          year: year + 1, source: line.key.source, activity: line.key.activity, unit: line.key.unit)
        // Undrawn first, then the advance balance; a part closing yields nothing of is no link
        // (unless a row records it, below).
        for portion in line.portions where portion.carryOver.isPositive {
          for (part, expected) in [
            (CarryInPart.undrawn, portion.carryOverUndrawn), (.advance, portion.carryOverAdvance),
          ] where expected.isPositive {
            let key = LinkKey(line: next, originYear: portion.originYear, part: part)
            let entry = recorded.removeValue(forKey: key)
            links.append(
              CarryLink(
                line: next, originYear: portion.originYear, part: part, expected: expected,
                recorded: entry?.amount ?? .zero, firstRecordedRow: entry?.first))
          }
        }
      }
      linksByClosingYear[year] = links
    }

    // Recorded where closing yields nothing: few, sorted, then merged into each year's links.
    let plan = ledger.plan
    func precedes(_ lhs: CarryLink, _ rhs: CarryLink) -> Bool {
      guard lhs.line == rhs.line else { return plan.planOrder(lhs.line, rhs.line) }
      guard lhs.originYear == rhs.originYear else { return lhs.originYear < rhs.originYear }
      return lhs.part == .undrawn && rhs.part == .advance
    }
    var unexpectedByClosingYear: [Int: [CarryLink]] = [:]
    for (key, entry) in recorded {
      unexpectedByClosingYear[key.line.year - 1, default: []].append(
        CarryLink(
          line: key.line, originYear: key.originYear, part: key.part, expected: .zero,
          recorded: entry.amount, firstRecordedRow: entry.first))
    }
    for (year, unexpected) in unexpectedByClosingYear {
      linksByClosingYear[year] = Self.merge(
        linksByClosingYear[year] ?? [], unexpected.sorted(by: precedes), by: precedes)
    }
    self.linksByClosingYear = linksByClosingYear
  }

  /// Two lists sorted by `precedes`, merged into one.
  private static func merge(
    _ left: [CarryLink], _ right: [CarryLink], by precedes: (CarryLink, CarryLink) -> Bool
  ) -> [CarryLink] {
    var merged: [CarryLink] = []
    merged.reserveCapacity(left.count + right.count)
    var (leftIndex, rightIndex) = (0, 0)
    while leftIndex < left.count || rightIndex < right.count {
      if rightIndex == right.count
        || (leftIndex < left.count && !precedes(right[rightIndex], left[leftIndex]))
      {
        merged.append(left[leftIndex])
        leftIndex += 1
      } else {
        merged.append(right[rightIndex])
        rightIndex += 1
      }
    }
    return merged
  }
}

/// CARRY_IN_MISMATCH: year Y+1's carry_in rows must be exactly what closing year Y carries over, per
/// line and origin year. Checked only when both years have rows and lie in the plan (the first year
/// of a workspace has nothing to compare its carry-in with).
enum CarryInChain {
  static func run(_ chain: CarryChain, plan: Plan, years: [Int]) -> [Finding] {
    // Only years of the plan take part: a year outside it holds nothing but rows already reported
    // as YEAR_OUTSIDE_PLAN, and comparing the last plan year with it would flag every carry-over.
    let planYears = Set(years.filter(plan.info.years.contains))
    var findings: [Finding] = []
    for closing in planYears.sorted() where planYears.contains(closing + 1) {
      for link in chain.links(closing: closing) where !link.holds {
        let (expected, recorded, difference) = (link.expected, link.recorded, link.difference)
        // The message names the part only when it is the advance balance: without advances it reads
        // as it always did.
        let partVI = link.part == .advance ? ", số dư tạm ứng" : ""
        let partEN = link.part == .advance ? ", advance balance" : ""
        findings.append(
          Finding(
            code: .carryInMismatch, line: link.line, amount: difference, location: link.firstRecordedRow,
            message: LocalizedText(
              vi:
                "Dự toán năm trước chuyển sang (năm gốc \(link.originYear)\(partVI)) ghi \(Text.vi(recorded)), nhưng quyết toán năm \(closing) chuyển nguồn \(Text.vi(expected)); chênh lệch \(Text.vi(difference)). Sửa các dòng carry_in năm \(link.line.year) cho khớp số chuyển nguồn.",
              en:
                "Carry-in (origin year \(link.originYear)\(partEN)) records \(Text.en(recorded)), but closing \(closing) carries over \(Text.en(expected)); difference \(Text.en(difference)). Fix the \(link.line.year) carry_in rows to match the carry-over."
            )))
      }
    }
    return findings
  }
}

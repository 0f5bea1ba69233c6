import BudgetCore

/// CARRY_IN_MISMATCH: year Y+1's carry_in rows must be exactly what closing year Y carries over, per
/// line and origin year. Checked only when both years have rows and lie in the plan (the first year
/// of a workspace has nothing to compare its carry-in with).
enum CarryInChain {
  private struct ChainKey: Hashable {
    let line: LineKey
    let originYear: Int
  }

  static func run(
    _ ledger: Ledger, includedAllocations: [Bool], linesByYear: [Int: [LineSettlement]], years: [Int]
  ) -> [Finding] {
    // Only years of the plan take part: a year outside it holds nothing but rows already reported
    // as YEAR_OUTSIDE_PLAN, and comparing the last plan year with it would flag every carry-over.
    let planYears = years.filter(ledger.plan.info.years.contains)
    let yearSet = Set(planYears)
    let checkedYears = Set(planYears.filter { yearSet.contains($0 + 1) }.map { $0 + 1 })
    guard !checkedYears.isEmpty else { return [] }

    var expected: [ChainKey: Money] = [:]
    for year in checkedYears {
      for line in linesByYear[year - 1] ?? [] {
        let next = LineKey(
          year: year, source: line.key.source, activity: line.key.activity, unit: line.key.unit)
        for portion in line.portions where !portion.carryOver.isZero {
          expected[ChainKey(line: next, originYear: portion.originYear), default: .zero] += portion.carryOver
        }
      }
    }
    var actual: [ChainKey: Money] = [:]
    var firstLocation: [ChainKey: SourceLocation] = [:]
    for (index, allocation) in ledger.allocations.enumerated()
    where includedAllocations[index] && allocation.kind == .carryIn && checkedYears.contains(allocation.year)
    {
      let key = ChainKey(line: allocation.line, originYear: allocation.moneyYear)
      actual[key, default: .zero] += allocation.amount
      if firstLocation[key] == nil { firstLocation[key] = allocation.location }
    }

    var findings: [Finding] = []
    // Only the keys that differ are sorted (usually none of the thousands compared), so the findings
    // come out the same on every run (dictionary order is random).
    let keys = Set(expected.keys).union(actual.keys).filter {
      (expected[$0] ?? .zero) != (actual[$0] ?? .zero)
    }
    .sorted { ($0.line, $0.originYear) < ($1.line, $1.originYear) }
    for key in keys {
      let expectedAmount = expected[key] ?? .zero
      let actualAmount = actual[key] ?? .zero
      let difference =
        expectedAmount > actualAmount ? expectedAmount - actualAmount : actualAmount - expectedAmount
      let closing = key.line.year - 1
      findings.append(
        Finding(
          code: .carryInMismatch, line: key.line, amount: difference, location: firstLocation[key],
          message: LocalizedText(
            vi:
              "Dự toán năm trước chuyển sang (năm gốc \(key.originYear)) ghi \(Text.vi(actualAmount)), nhưng quyết toán năm \(closing) chuyển nguồn \(Text.vi(expectedAmount)); chênh lệch \(Text.vi(difference)). Sửa các dòng carry_in năm \(key.line.year) cho khớp số chuyển nguồn.",
            en:
              "Carry-in (origin year \(key.originYear)) records \(Text.en(actualAmount)), but closing \(closing) carries over \(Text.en(expectedAmount)); difference \(Text.en(difference)). Fix the \(key.line.year) carry_in rows to match the carry-over."
          )))
    }
    return findings
  }
}

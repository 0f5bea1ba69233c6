import BudgetCore
import BudgetEngine
import Testing

private func split(
  _ total: Int64, _ weights: [(String, Int64)], min: Int64 = 0, max: Int64? = nil, roundTo: Int64 = 1000
) -> Result<[Money], ExactSplit.Problem> {
  ExactSplit.split(
    dong(total),
    among: weights.map {
      ExactSplit.Recipient(name: $0.0, weight: $0.1, minimum: dong(min), maximum: max.map(dong))
    }, roundToDong: roundTo)
}

private func parts(_ result: Result<[Money], ExactSplit.Problem>) -> [Int64]? {
  guard case .success(let parts) = result else { return nil }
  return parts.map(\.dong)
}

@Suite("Exact split: the rounding and distribution rule")
struct ScenarioSplitTests {
  @Test("The issue's example: 1,000,000,000 over {XA1: 3, XA2: 2, XA3: 1}, min 100,000,000")
  func issueExample() {
    let result = split(1_000_000_000, [("XA1", 3), ("XA2", 2), ("XA3", 1)], min: 100_000_000)
    #expect(parts(result) == [450_000_000, 333_333_000, 216_667_000])
  }

  @Test("Leftover units go to the largest remainders, ties to the first code")
  func ties() {
    // 10,000 over three equal weights: 3,333.33 each → 3,000 each, 1,000 left: one unit to XA1
    // (equal remainders, first code), the other units are not there.
    #expect(parts(split(10_000, [("XA1", 1), ("XA2", 1), ("XA3", 1)])) == [4000, 3000, 3000])
    // 11,000: 3,666.67 each → 3,000 each, 2,000 left: XA1 and XA2.
    #expect(parts(split(11_000, [("XA1", 1), ("XA2", 1), ("XA3", 1)])) == [4000, 4000, 3000])
  }

  @Test("A total that is not a multiple of round_to: the part-unit goes to the next remainder")
  func partUnit() {
    // 10,500 by {2, 1}: exact 7,000 and 3,500 → 7,000 + 3,000; leftover 500 < 1,000 goes to the
    // largest remainder (the second).
    #expect(parts(split(10_500, [("A", 2), ("B", 1)])) == [7000, 3500])
    // 12,345 over {1, 1, 1}: 4,115 each → 4,000 each; leftover 345: one part-unit to the first.
    #expect(parts(split(12_345, [("A", 1), ("B", 1), ("C", 1)])) == [4345, 4000, 4000])
  }

  @Test("Capped recipients: what a capped one cannot take is shared again among the others")
  func caps() {
    // 1,000,000 over {A: 8, B: 1, C: 1}, max 500,000: A would get 800,000, capped at 500,000; the other
    // 500,000 is shared 1:1.
    #expect(
      parts(split(1_000_000, [("A", 8), ("B", 1), ("C", 1)], max: 500_000)) == [500_000, 250_000, 250_000])
    // Two rounds: {A: 6, B: 3, C: 1}, max 400,000 over 1,000,000: A capped first (600,000), then B
    // (3/4 of 600,000 = 450,000 > 400,000), C takes the rest 200,000.
    #expect(
      parts(split(1_000_000, [("A", 6), ("B", 3), ("C", 1)], max: 400_000)) == [400_000, 400_000, 200_000])
    // Maximums exactly equal to the total: everyone at max.
    #expect(
      parts(split(900_000, [("A", 5), ("B", 1), ("C", 1)], max: 300_000)) == [300_000, 300_000, 300_000])
  }

  @Test("Infeasible requests name the numbers that conflict")
  func infeasible() {
    #expect(
      split(200_000, [("A", 1), ("B", 1), ("C", 1)], min: 100_000)
        == .failure(.minimumsAboveTotal(minimums: dong(300_000), total: dong(200_000))))
    #expect(
      split(1_000_000, [("A", 1), ("B", 1)], max: 400_000)
        == .failure(.maximumsBelowTotal(maximums: dong(800_000), total: dong(1_000_000))))
    #expect(split(1_000, [("A", 1), ("B", 0)]) == .failure(.nonPositiveWeight(name: "B", weight: 0)))
    #expect(split(1_000, [("A", -2)]) == .failure(.nonPositiveWeight(name: "A", weight: -2)))
    #expect(
      split(1_000_000, [("A", 1)], min: 500_000, max: 400_000)
        == .failure(.minimumAboveMaximum(name: "A", minimum: dong(500_000), maximum: dong(400_000))))
    #expect(
      split(1_000_000, [("A", 1)], min: 500, roundTo: 1000)
        == .failure(.boundNotMultiple(name: "A", bound: dong(500), roundToDong: 1000)))
    #expect(split(1_000, []) == .failure(.noRecipients))
  }

  @Test("Scaling rounds to the nearest multiple of round_to, halves up")
  func scaled() {
    #expect(
      ExactSplit.scaled(dong(100_000_000), by: Percent(whole: -30), roundToDong: 1000) == dong(70_000_000))
    // 1,234,567 × 0.7 = 864,196.9 → 864,000 (below the half).
    #expect(ExactSplit.scaled(dong(1_234_567), by: Percent(whole: -30), roundToDong: 1000) == dong(864_000))
    // 1,500 × 1.0 with round_to 1,000: the half goes up.
    #expect(ExactSplit.scaled(dong(1_500), by: Percent(whole: 0), roundToDong: 1000) == dong(2_000))
    #expect(ExactSplit.scaled(dong(999), by: Percent(whole: -100), roundToDong: 1000) == .zero)
    #expect(ExactSplit.scaled(dong(1_000), by: Percent(hundredths: 1250), roundToDong: 1) == dong(1_125))
  }

  @Test("Property: parts sum to the total, stay within min/max, multiples of round_to when the total is")
  func property() {
    var random = SeededGenerator(seed: 0x5CE_4A21)
    let roundings: [Int64] = [1, 10, 1000, 1_000_000]
    for _ in 0..<3000 {
      let roundTo = roundings.randomElement(using: &random) ?? 1000
      let count = Int.random(in: 1...12, using: &random)
      let weights = (0..<count).map { ("U\($0)", Int64.random(in: 1...1_000, using: &random)) }
      let minimum = roundTo * Int64.random(in: 0...50, using: &random)
      let useMax = Bool.random(using: &random)
      let maximum: Int64? = useMax ? minimum + roundTo * Int64.random(in: 0...400, using: &random) : nil
      var lower = minimum * Int64(count)
      var upper = (maximum ?? (minimum + roundTo * 1000)) * Int64(count)
      if Int.random(in: 0..<10, using: &random) == 0 {  // sometimes infeasible on purpose
        lower = max(0, lower - roundTo * 5)
        upper += roundTo * 5
      }
      let multiple = Bool.random(using: &random)
      var total = Int64.random(in: lower...max(lower, upper), using: &random)
      if multiple { total -= total % roundTo }
      let result = split(total, weights, min: minimum, max: maximum, roundTo: roundTo)
      let feasible = total >= minimum * Int64(count) && (maximum.map { total <= $0 * Int64(count) } ?? true)
      guard case .success(let parts) = result else {
        #expect(
          !feasible, "feasible split refused: \(total) \(weights) \(minimum) \(String(describing: maximum))")
        continue
      }
      #expect(feasible)
      #expect(parts.map(\.dong).reduce(0, +) == total)
      for part in parts {
        #expect(part.dong >= minimum)
        if let maximum { #expect(part.dong <= maximum) }
      }
      if total % roundTo == 0 { #expect(parts.allSatisfy { $0.dong % roundTo == 0 }) }
      // At most one part is off the rounding grid, and only when the total is.
      #expect(parts.filter { $0.dong % roundTo != 0 }.count <= (total % roundTo == 0 ? 0 : 1))
    }
  }

  @Test("Property: no part is more than one round_to away from its exact proportional share")
  func proportional() {
    var random = SeededGenerator(seed: 42)
    for _ in 0..<2000 {
      let count = Int.random(in: 1...8, using: &random)
      let weights = (0..<count).map { ("U\($0)", Int64.random(in: 1...100, using: &random)) }
      let total = 1000 * Int64.random(in: 0...10_000_000, using: &random)
      guard let parts = parts(split(total, weights)) else {
        Issue.record("split refused")
        continue
      }
      let weightSum = weights.map(\.1).reduce(0, +)
      for (part, weight) in zip(parts, weights.map(\.1)) {
        // |part × W − total × w| < 1000 × W, in integers.
        let difference = Int128(part) * Int128(weightSum) - Int128(total) * Int128(weight)
        #expect(difference.magnitude < UInt128(1000 * weightSum))
      }
    }
  }
}

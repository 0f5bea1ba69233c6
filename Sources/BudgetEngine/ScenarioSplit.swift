import BudgetCore

/// Exact splitting of an amount of money into parts: the rule every what-if operation (and anything
/// else that divides money) uses, because the parts decide real allocations. Integers only (`Int128`
/// for products); the parts always add up to the total exactly.
///
/// The rule, for a total `T`, a rounding unit `R` and recipients with weight `w > 0`, minimum `min`
/// and optional maximum `max` (both multiples of `R`), given in tie-break order:
/// 1. Every recipient first gets `min`; the rest `E = T − Σ min` is shared in proportion to the
///    weights. Exact shares are rational numbers: `E_A × w / W_A` over the active recipients `A`.
/// 2. Caps: a recipient whose exact share would pass `max − min` is fixed at `max`; what it cannot
///    take is shared again among the others (repeat until no share passes its cap). Because only
///    whole amounts are ever fixed, `E_A` stays an integer and every exact share has the denominator
///    `W_A`.
/// 3. Rounding: each exact amount is rounded down to a multiple of `R`. The leftover `L = T − Σ`
///    is `k × R + r` with `0 ≤ r < R` (`r > 0` only when `T` itself is not a multiple of `R`). The `k`
///    units of `R` go one each to the recipients with the largest fractional remainders, ties broken by
///    the recipients' order (callers sort by code); then the part-unit `r`, if any, goes to the next
///    recipient in that same order. No recipient gets more than one unit, so none passes its cap, and
///    no recipient drops below its minimum.
public enum ExactSplit {
  public struct Recipient: Hashable, Sendable {
    /// The code that names the recipient in messages (unit code, source code, line).
    public let name: String
    public let weight: Int64
    public let minimum: Money
    public let maximum: Money?

    public init(name: String, weight: Int64, minimum: Money = .zero, maximum: Money? = nil) {
      self.name = name
      self.weight = weight
      self.minimum = minimum
      self.maximum = maximum
    }
  }

  /// Why a split cannot be made; each case carries the numbers that conflict.
  public enum Problem: Error, Hashable, Sendable {
    case noRecipients
    case negativeTotal(Money)
    case roundingUnitNotPositive(Int64)
    case nonPositiveWeight(name: String, weight: Int64)
    case minimumAboveMaximum(name: String, minimum: Money, maximum: Money)
    case boundNotMultiple(name: String, bound: Money, roundToDong: Int64)
    case minimumsAboveTotal(minimums: Money, total: Money)
    case maximumsBelowTotal(maximums: Money, total: Money)
  }

  /// Splits `total` among `recipients` (in tie-break order); the parts come back in the same order.
  public static func split(_ total: Money, among recipients: [Recipient], roundToDong: Int64) -> Result<
    [Money], Problem
  > {
    if let problem = check(total, recipients, roundToDong) { return .failure(problem) }
    let count = recipients.count
    let unit = Int128(roundToDong)

    // Steps 1–2: exact shares with caps. `fixed[i]` holds the amount of a capped recipient.
    var fixed: [Int64?] = Array(repeating: nil, count: count)
    var rest = Int128(total.dong) - recipients.reduce(Int128(0)) { $0 + Int128($1.minimum.dong) }
    var activeWeight = recipients.reduce(Int128(0)) { $0 + Int128($1.weight) }
    while true {
      var cappedAny = false
      var newlyCapped: [Int] = []
      for index in 0..<count where fixed[index] == nil {
        guard let maximum = recipients[index].maximum else { continue }
        let room = Int128(maximum.dong - recipients[index].minimum.dong)
        if rest * Int128(recipients[index].weight) > room * activeWeight { newlyCapped.append(index) }
      }
      for index in newlyCapped {
        let recipient = recipients[index]
        guard let maximum = recipient.maximum else { continue }
        fixed[index] = maximum.dong
        rest -= Int128(maximum.dong - recipient.minimum.dong)
        activeWeight -= Int128(recipient.weight)
        cappedAny = true
      }
      if !cappedAny || activeWeight == 0 { break }
    }

    // Step 3: round down to R, remember the remainders (all over the same denominator W_A × R).
    var parts = [Int128](repeating: 0, count: count)
    var remainders = [Int128](repeating: 0, count: count)
    for index in 0..<count {
      if let amount = fixed[index] {
        parts[index] = Int128(amount)
        continue
      }
      let numerator = rest * Int128(recipients[index].weight)
      let denominator = activeWeight * unit
      let units = numerator / denominator
      parts[index] = Int128(recipients[index].minimum.dong) + units * unit
      remainders[index] = numerator - units * denominator
    }
    var leftover = Int128(total.dong) - parts.reduce(0, +)
    precondition(leftover >= 0, "rounding down cannot exceed the total")
    // Largest remainder first; equal remainders keep the callers' order (by code).
    let order = (0..<count).filter { fixed[$0] == nil && remainders[$0] > 0 }.sorted {
      remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1
    }
    var position = 0
    while leftover > 0 {
      precondition(position < order.count, "the leftover is smaller than one unit per remainder")
      let handout = min(unit, leftover)
      parts[order[position]] += handout
      leftover -= handout
      position += 1
    }
    let result = parts.map { Money(dong: Int64($0)) }
    precondition(result.sum() == total, "the parts must add up to the total")
    return .success(result)
  }

  private static func check(_ total: Money, _ recipients: [Recipient], _ roundToDong: Int64) -> Problem? {
    guard roundToDong > 0 else { return .roundingUnitNotPositive(roundToDong) }
    guard !recipients.isEmpty else { return .noRecipients }
    guard !total.isNegative else { return .negativeTotal(total) }
    for recipient in recipients {
      if recipient.weight <= 0 { return .nonPositiveWeight(name: recipient.name, weight: recipient.weight) }
      for bound in [recipient.minimum] + (recipient.maximum.map { [$0] } ?? [])
      where bound.dong % roundToDong != 0 || bound.isNegative {
        return .boundNotMultiple(name: recipient.name, bound: bound, roundToDong: roundToDong)
      }
      if let maximum = recipient.maximum, maximum < recipient.minimum {
        return .minimumAboveMaximum(name: recipient.name, minimum: recipient.minimum, maximum: maximum)
      }
    }
    // In Int128: many recipients with large bounds can add up past Int64 (that is then a problem
    // for the minimums, never for the maximums).
    let minimums = recipients.reduce(Int128(0)) { $0 + Int128($1.minimum.dong) }
    if minimums > Int128(total.dong) {
      // Past Int64 only through a caller that does not bound Σ min (the scenario ledger does): shown
      // at Int64.max rather than trapping.
      return .minimumsAboveTotal(minimums: Money(dong: Int64(clamping: minimums)), total: total)
    }
    if recipients.allSatisfy({ $0.maximum != nil }) {
      let maximums = recipients.reduce(Int128(0)) { $0 + Int128($1.maximum?.dong ?? 0) }
      if maximums < Int128(total.dong) {
        return .maximumsBelowTotal(maximums: Money(dong: Int64(maximums)), total: total)
      }
    }
    return nil
  }

  /// `amount × (100 % + percent)` rounded to the nearest multiple of `roundToDong`, halves rounded up;
  /// nil when that is not an Int64 (computed in Int128, so the caller checks the result against its
  /// limits before any Int64 arithmetic). `percent` is at least −100 %, so the result is never negative
  /// for a non-negative amount.
  public static func scaled(_ amount: Money, by percent: Percent, roundToDong: Int64) -> Money? {
    precondition(roundToDong > 0 && percent.hundredths >= -10_000, "checked by the scenario reader")
    let numerator = Int128(amount.dong) * Int128(10_000 + percent.hundredths)
    let denominator = Int128(10_000) * Int128(roundToDong)
    // floor((2n + d) / 2d) is the nearest integer with halves up; written for any sign of n.
    let doubled = 2 * numerator + denominator
    let twice = 2 * denominator
    var units = doubled / twice
    if doubled % twice != 0 && doubled < 0 { units -= 1 }
    return Int64(exactly: units * Int128(roundToDong)).map { Money(dong: $0) }
  }
}

/// An amount of money in whole đồng. VND has no minor unit, so an `Int64` of đồng is exact.
///
/// Arithmetic traps on overflow (a broken program invariant, never user data: readers limit every
/// input amount and the Σ|amount| of everything a run reads, `Limits.runTotalMaxDong`, which keeps
/// every sum a thousand times below `Int64.max`). No floating point is ever involved.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let dong: Int64

  public init(dong: Int64) { self.dong = dong }

  public static let zero = Money(dong: 0)

  public static func + (lhs: Money, rhs: Money) -> Money {
    let (sum, overflow) = lhs.dong.addingReportingOverflow(rhs.dong)
    precondition(!overflow, "Money overflow: \(lhs.dong) + \(rhs.dong)")
    return Money(dong: sum)
  }

  public static func - (lhs: Money, rhs: Money) -> Money {
    let (difference, overflow) = lhs.dong.subtractingReportingOverflow(rhs.dong)
    precondition(!overflow, "Money overflow: \(lhs.dong) - \(rhs.dong)")
    return Money(dong: difference)
  }

  public static prefix func - (amount: Money) -> Money { Money.zero - amount }

  public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }
  public static func -= (lhs: inout Money, rhs: Money) { lhs = lhs - rhs }

  public static func < (lhs: Money, rhs: Money) -> Bool { lhs.dong < rhs.dong }

  public var isZero: Bool { dong == 0 }
  public var isPositive: Bool { dong > 0 }
  public var isNegative: Bool { dong < 0 }

  /// `max(self, 0)`: the part of a signed figure that is money left over.
  public var clampedAtZero: Money { dong > 0 ? self : .zero }

  public static func min(_ a: Money, _ b: Money) -> Money { a < b ? a : b }
  public static func max(_ a: Money, _ b: Money) -> Money { a < b ? b : a }

  /// Vietnamese digit grouping: `1.234.567`, `-5.000`.
  public var grouped: String { Money.group(dong, separator: ".") }

  /// English digit grouping: `1,234,567`.
  public var groupedEnglish: String { Money.group(dong, separator: ",") }

  public var description: String { String(dong) }

  /// Groups the digits of an integer in threes; exact, no locale involved.
  public static func group(_ value: Int64, separator: Character) -> String {
    let digits = String(value.magnitude)
    var out = ""
    out.reserveCapacity(digits.count + digits.count / 3 + 1)
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(separator) }
      out.append(digit)
    }
    return value < 0 ? "-" + out : out
  }

  public init(from decoder: any Decoder) throws {
    dong = try decoder.singleValueContainer().decode(Int64.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(dong)
  }
}

extension Sequence where Element == Money {
  /// The exact sum; traps on overflow like `+`.
  public func sum() -> Money { reduce(.zero, +) }
}

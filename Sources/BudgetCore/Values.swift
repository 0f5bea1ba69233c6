/// A calendar date without time or zone: payments and decisions are dated, not timed.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Returns nil for an impossible date such as 31/02/2023.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      day >= 1, day <= CivilDate.daysIn(month: month, year: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// ISO `YYYY-MM-DD`, used in JSON.
  public var iso: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
  /// Vietnamese `DD/MM/YYYY`, used in reports.
  public var vietnamese: String { "\(pad(day, 2))/\(pad(month, 2))/\(pad(year, 4))" }
  public var description: String { iso }

  /// Days since 1899-12-30, the Excel (1900 system) serial of this date.
  public var excelSerial: Int {
    // Days from civil (Howard Hinnant's algorithm), then shift to Excel's epoch.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let monthIndex = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let daysSince1970 = era * 146_097 + dayOfEra - 719_468
    return daysSince1970 + 25_569
  }
}

private func pad(_ value: Int, _ width: Int) -> String {
  let text = String(value)
  return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

/// A positive quantity with at most three decimals, kept exactly as thousandths.
public struct Quantity: Hashable, Sendable, CustomStringConvertible {
  public let thousandths: Int64

  public init(thousandths: Int64) {
    precondition(thousandths > 0, "Quantity must be positive")
    self.thousandths = thousandths
  }

  public init(whole: Int64) { self.init(thousandths: whole * Limits.quantityScale) }

  public var description: String {
    let whole = thousandths / Limits.quantityScale
    let fraction = thousandths % Limits.quantityScale
    guard fraction != 0 else { return String(whole) }
    var digits = String(fraction)
    digits = String(repeating: "0", count: 3 - digits.count) + digits
    while digits.hasSuffix("0") { digits.removeLast() }
    return "\(whole).\(digits)"
  }
}

/// A percentage kept exactly as hundredths of a percent (`12.5 %` = 1250), so that rules such as
/// "≥ 10 % of the central funds" are decided with integers only.
public struct Percent: Hashable, Sendable, CustomStringConvertible {
  public let hundredths: Int64

  public init(hundredths: Int64) { self.hundredths = hundredths }
  public init(whole: Int64) { self.hundredths = whole * 100 }

  /// The smallest whole-đồng amount that is at least this percentage of `base` (exact; rounds up,
  /// because a minimum is met only by a whole đồng at or above it).
  public func ceilingShare(of base: Money) -> Money {
    let product = Int128(base.dong) * Int128(hundredths)
    let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 10_000)
    let rounded = remainder > 0 ? quotient + 1 : quotient
    return Money(dong: Int64(rounded))
  }

  public var description: String {
    let whole = hundredths / 100
    let fraction = hundredths % 100
    if fraction == 0 { return String(whole) }
    let digits = pad(Int(fraction), 2)
    return "\(whole).\(digits.hasSuffix("0") ? String(digits.prefix(1)) : digits)"
  }
}

/// A message in both languages the product speaks. Vietnamese first: it is the officers' language.
public struct LocalizedText: Hashable, Sendable {
  public let vi: String
  public let en: String

  public init(vi: String, en: String) {
    self.vi = vi
    self.en = en
  }

  public func text(_ language: Language) -> String { language == .vi ? vi : en }
}

public enum Language: String, Sendable, CaseIterable {
  case vi
  case en
}

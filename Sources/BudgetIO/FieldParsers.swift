import BudgetCore

/// Parsers for the values of docs/workspace-format.md, "How the CSV files are read", straight from the bytes of a (trimmed) field: no String is
/// made for numbers and dates, which keeps a million-row file fast. Every parser is exact (integers
/// only) and decides one way: a value that could be read two ways is rejected.
public enum FieldParsers {
  public enum AmountResult: Equatable, Sendable {
    case value(Int64)
    /// Not whole đồng grouped in threes.
    case invalid
    /// |amount| > Limits.amountMaxDong.
    case tooLarge
  }

  /// `1234567`, `1.234.567`, `1,234,567`, `1 234 567` (also with no-break spaces), optionally with a
  /// leading `-`. The group separator must be the same throughout, the first group has 1–3 digits and
  /// every other group exactly 3 — so `1.5`, `1234,50`, `1.23.456` and `12e6` are all rejected.
  @inline(__always)
  public static func amount(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> AmountResult {
    var index = start
    var negative = false
    if index < end && bytes[index] == 0x2D {
      negative = true
      index += 1
    }
    guard index < end else { return .invalid }
    var value: Int64 = 0
    var digitsInGroup = 0
    var groupCount = 1
    // 0 = none seen yet; '.', ',', ' ' (0x20) for the separator in use; no-break space counts as ' '.
    var separator: UInt8 = 0
    var tooLarge = false
    while index < end {
      let byte = bytes[index]
      if byte >= 0x30 && byte <= 0x39 {
        if !tooLarge {
          value = value * 10 + Int64(byte &- 0x30)
          if value > Limits.amountMaxDong { tooLarge = true }
        }
        digitsInGroup += 1
        index += 1
        continue
      }
      var kind: UInt8
      var width = 1
      switch byte {
      case 0x2E, 0x2C, 0x20: kind = byte
      case 0xC2 where index + 1 < end && bytes[index + 1] == 0xA0:
        kind = 0x20
        width = 2
      default: return .invalid
      }
      // A group just ended: the first has 1–3 digits, the others exactly 3.
      if groupCount == 1 {
        guard digitsInGroup >= 1 && digitsInGroup <= 3 else { return .invalid }
      } else {
        guard digitsInGroup == 3 else { return .invalid }
      }
      if separator == 0 {
        separator = kind
      } else if separator != kind {
        return .invalid
      }
      groupCount += 1
      digitsInGroup = 0
      index += width
    }
    if groupCount == 1 {
      guard digitsInGroup >= 1 else { return .invalid }
    } else {
      guard digitsInGroup == 3 else { return .invalid }
    }
    if tooLarge { return .tooLarge }
    return .value(negative ? -value : value)
  }

  /// A four-digit year, or nil. The caller checks the range.
  @inline(__always)
  public static func year(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
    guard end - start == 4 else { return nil }
    return digits(bytes, start, end)
  }

  public enum DateResult: Equatable, Sendable {
    case date(CivilDate)
    /// Well formed but not a day of the calendar (31/02/2023) or outside the years the program accepts.
    case impossible
    /// Neither `YYYY-MM-DD` nor `DD/MM/YYYY`.
    case invalid
  }

  /// `YYYY-MM-DD` or `DD/MM/YYYY` (also `D/M/YYYY`). Never month first: a day-month order is the only
  /// one Vietnamese documents use, and guessing would move money between months silently.
  @inline(__always)
  public static func date(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> DateResult {
    let length = end - start
    var year: Int
    var month: Int
    var day: Int
    if length == 10 && bytes[start + 4] == 0x2D && bytes[start + 7] == 0x2D {
      guard let y = digits(bytes, start, start + 4), let m = digits(bytes, start + 5, start + 7),
        let d = digits(bytes, start + 8, end)
      else { return .invalid }
      (year, month, day) = (y, m, d)
    } else {
      // D/M/YYYY with 1–2 digit day and month.
      var firstSlash = -1
      var secondSlash = -1
      for index in start..<end where bytes[index] == 0x2F {
        if firstSlash < 0 {
          firstSlash = index
        } else if secondSlash < 0 {
          secondSlash = index
        } else {
          return .invalid
        }
      }
      guard firstSlash > start, secondSlash > firstSlash + 1, end - secondSlash == 5,
        firstSlash - start <= 2, secondSlash - firstSlash - 1 <= 2,
        let d = digits(bytes, start, firstSlash), let m = digits(bytes, firstSlash + 1, secondSlash),
        let y = digits(bytes, secondSlash + 1, end)
      else { return .invalid }
      (year, month, day) = (y, m, d)
    }
    guard (Limits.yearMin...Limits.yearMax).contains(year),
      let date = CivilDate(year: year, month: month, day: day)
    else { return .impossible }
    return .date(date)
  }

  public enum QuantityResult: Equatable, Sendable {
    case thousandths(Int64)
    /// Not a number with at most three decimals.
    case invalid
    /// Zero or negative.
    case notPositive
    /// Above Limits.quantityMax units.
    case tooLarge
  }

  /// `2`, `2.5`, `2,5`, `0.125`: a positive number with at most three decimals after `.` or `,`.
  /// No digit grouping: with a decimal comma allowed, `1.000` could not be told apart from one.
  public static func quantity(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> QuantityResult
  {
    guard start < end else { return .invalid }
    if bytes[start] == 0x2D {
      // A minus sign followed by a well-formed number is a sign problem, not a format problem.
      if case .invalid = quantity(bytes, start + 1, end) { return .invalid }
      return .notPositive
    }
    var whole: Int64 = 0
    var wholeDigits = 0
    var fraction: Int64 = 0
    var fractionDigits = 0
    var seenSeparator = false
    for index in start..<end {
      let byte = bytes[index]
      if byte >= 0x30 && byte <= 0x39 {
        if seenSeparator {
          fractionDigits += 1
          guard fractionDigits <= 3 else { return .invalid }
          fraction = fraction * 10 + Int64(byte - 0x30)
        } else {
          wholeDigits += 1
          guard wholeDigits <= 12 else { return .tooLarge }
          whole = whole * 10 + Int64(byte - 0x30)
        }
      } else if (byte == 0x2E || byte == 0x2C) && !seenSeparator {
        seenSeparator = true
      } else {
        return .invalid
      }
    }
    guard wholeDigits > 0, !seenSeparator || fractionDigits > 0 else { return .invalid }
    while fractionDigits < 3 {
      fraction *= 10
      fractionDigits += 1
    }
    let value = whole * Limits.quantityScale + fraction
    guard value > 0 else { return .notPositive }
    guard value <= Limits.quantityMax * Limits.quantityScale else { return .tooLarge }
    return .thousandths(value)
  }

  /// The value of a run of 1–9 ASCII digits, or nil.
  @inline(__always)
  static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
    guard start < end, end - start <= 9 else { return nil }
    var value = 0
    for index in start..<end {
      let byte = bytes[index]
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      value = value * 10 + Int(byte - 0x30)
    }
    return value
  }

  /// Whether the range holds a space, tab or line break (codes may not).
  @inline(__always)
  static func containsWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    for index in start..<end {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { return true }
      if byte == 0xC2 && index + 1 < end && bytes[index + 1] == 0xA0 { return true }
    }
    return false
  }
}

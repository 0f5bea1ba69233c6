import BudgetCore
import Testing

@testable import BudgetIO

@Suite struct FieldParsersTests {
  func amount(_ text: String) -> FieldParsers.AmountResult {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { FieldParsers.amount($0, 0, $0.count) }
  }

  func date(_ text: String) -> FieldParsers.DateResult {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { FieldParsers.date($0, 0, $0.count) }
  }

  func quantity(_ text: String) -> FieldParsers.QuantityResult {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { FieldParsers.quantity($0, 0, $0.count) }
  }

  @Test(arguments: [
    ("1234567", Int64(1_234_567)), ("1.234.567", 1_234_567), ("1,234,567", 1_234_567),
    ("1 234 567", 1_234_567), ("1\u{00A0}234\u{00A0}567", 1_234_567), ("-5.000", -5000), ("999", 999),
    ("1000000000000000", 1_000_000_000_000_000),
  ])
  func groupedAmounts(text: String, dong: Int64) {
    #expect(amount(text) == .value(dong))
  }

  @Test(arguments: [
    "1.5", "1234,50", "12e6", "1.23.456", "1.234,567", "abc", "", "-", "1..234", ".123", "123.", "1 234.567",
    "+5", "12 34",
  ])
  func badAmounts(text: String) {
    #expect(amount(text) == .invalid)
  }

  @Test func amountsAboveTheLimit() {
    #expect(amount("1000000000000001") == .tooLarge)
    #expect(amount("-1.000.000.000.000.001") == .tooLarge)
    #expect(amount("99999999999999999999999") == .tooLarge)
  }

  @Test func bothDateFormsDayFirst() {
    #expect(date("2023-03-05") == .date(CivilDate(year: 2023, month: 3, day: 5)!))
    #expect(date("05/03/2023") == .date(CivilDate(year: 2023, month: 3, day: 5)!))
    #expect(date("5/3/2023") == .date(CivilDate(year: 2023, month: 3, day: 5)!))
    #expect(date("29/02/2024") == .date(CivilDate(year: 2024, month: 2, day: 29)!))
  }

  @Test func impossibleAndMalformedDates() {
    #expect(date("31/02/2023") == .impossible)
    #expect(date("2023-13-01") == .impossible)
    #expect(date("05/13/2023") == .impossible)  // never month first
    #expect(date("29/02/2023") == .impossible)
    #expect(date("05/03/1999") == .impossible)  // outside the years the program accepts
    #expect(date("2023/03/05") == .invalid)
    #expect(date("05-03-2023") == .invalid)
    #expect(date("5/3/23") == .invalid)
    #expect(date("yesterday") == .invalid)
    #expect(date("123/3/2023") == .invalid)
  }

  @Test func quantities() {
    #expect(quantity("2") == .thousandths(2000))
    #expect(quantity("2.5") == .thousandths(2500))
    #expect(quantity("2,5") == .thousandths(2500))
    #expect(quantity("0.125") == .thousandths(125))
    #expect(quantity("0") == .notPositive)
    #expect(quantity("-2") == .notPositive)
    #expect(quantity("1.2345") == .invalid)
    #expect(quantity("1,000.5") == .invalid)
    #expect(quantity("2.") == .invalid)
    #expect(quantity("x") == .invalid)
    #expect(quantity("1000000001") == .tooLarge)
  }
}

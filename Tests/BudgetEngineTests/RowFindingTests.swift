import BudgetCore
import BudgetEngine
import Testing

@Suite("Row-level findings")
struct RowFindingTests {
  @Test func unknownCodesAreErrorsAndLeaveTheRowOut() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 100_000_000)
    builder.allocate(2023, "XX", 9_000_000)  // allocations.csv:3
    builder.pay("p1", 2023, "XX", 5_000_000)  // spending.csv:2
    builder.pay("p2", 2023, "TW", "ZZ", "PDT", 6_000_000)  // spending.csv:3
    builder.pay("p3", 2023, "TW", "PANO", "XA9", 7_000_000)  // spending.csv:4
    builder.pay("p4", 2023, "TW", 1_000_000)
    let analysis = builder.analyze()

    let sources = analysis.findings(.unknownSource)
    #expect(sources.count == 2)
    let allocationRow = try #require(sources.first { $0.location?.file == "allocations.csv" })
    #expect(allocationRow.severity == .error)
    #expect(allocationRow.year == 2023)
    #expect(allocationRow.source == "XX")
    #expect(allocationRow.amount == dong(9_000_000))
    #expect(allocationRow.location == SourceLocation(file: "allocations.csv", line: 3))
    #expect(allocationRow.rowID == nil)
    let paymentRow = try #require(sources.first { $0.location?.file == "spending.csv" })
    #expect(paymentRow.rowID == "p1")
    #expect(paymentRow.amount == dong(5_000_000))
    #expect(paymentRow.activity == "PANO" && paymentRow.unit == "PDT")
    // An unknown source is not also reported as ineligible.
    #expect(analysis.findings(.ineligibleSource).isEmpty)

    let activity = try #require(analysis.findings(.unknownActivity).first)
    #expect(analysis.findings(.unknownActivity).count == 1)
    #expect(activity.severity == .error && activity.year == 2023 && activity.activity == "ZZ")
    #expect(activity.amount == dong(6_000_000) && activity.rowID == "p2")
    #expect(activity.location == SourceLocation(file: "spending.csv", line: 3))

    let unit = try #require(analysis.findings(.unknownUnit).first)
    #expect(unit.severity == .error && unit.unit == "XA9" && unit.amount == dong(7_000_000))
    #expect(unit.message.vi.contains("XA9") && unit.message.en.contains("left out"))

    // Only TW·PANO·PDT remains: 100.000.000 allocated, p4 1.000.000 spent.
    let lines = analysis.settlement(year: 2023).lines
    #expect(lines.map(\.key) == [key(2023, "TW")])
    #expect(lines.first?.figures.spent == dong(1_000_000))
    #expect(lines.first?.figures.allocated == dong(100_000_000))
    #expect(analysis.settlement(year: 2023).payments.map(\.id) == ["p4"])
    #expect(analysis.hasErrors)
  }

  @Test func ineligibleSource() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 10_000_000)
    builder.allocate(2023, "GNBV", "CNTT", "XA1", .initial, 4_000_000)
    builder.pay("p1", 2023, "GNBV", 3_000_000)  // PANO does not take GNBV
    builder.pay("p2", 2023, "GNBV", "CNTT", "XA1", 4_000_000)  // CNTT takes every source
    let analysis = builder.analyze()
    let findings = analysis.findings(.ineligibleSource)
    #expect(findings.count == 1)
    let finding = try #require(findings.first)
    #expect(finding.severity == .error)
    #expect(finding.year == 2023 && finding.source == "GNBV" && finding.activity == "PANO")
    #expect(finding.amount == dong(3_000_000) && finding.rowID == "p1")
    #expect(finding.location == SourceLocation(file: "spending.csv", line: 2))
    #expect(analysis.line(key(2023, "GNBV")) == nil)
    #expect(analysis.line(key(2023, "GNBV", "CNTT", "XA1"))?.figures.spent == dong(4_000_000))
  }

  @Test func yearOutsidePlan() throws {
    var builder = LedgerBuilder()
    builder.allocate(2026, "TW", 10_000_000)
    builder.pay("p1", 2020, "TW", 2_000_000)
    let analysis = builder.analyze()
    let findings = analysis.findings(.yearOutsidePlan)
    #expect(findings.map(\.year) == [2020, 2026])
    #expect(findings.map(\.amount) == [dong(2_000_000), dong(10_000_000)])
    #expect(findings.allSatisfy { $0.severity == .error })
    #expect(analysis.years == [2020, 2026])
    #expect(analysis.settlement(year: 2026).lines.isEmpty)
    #expect(analysis.settlement(year: 2020).lines.isEmpty)
    #expect(analysis.settlement(year: 2026).totals == Figures())
  }

  @Test func paymentOutsideWindow() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 10_000_000)
    builder.pay("p1", 2023, "TW", 1_000_000, date: day(2024, 1, 31))  // last day of chỉnh lý: fine
    builder.pay("p2", 2023, "TW", 2_000_000, date: day(2024, 2, 1))  // one day late
    builder.pay("p3", 2023, "TW", 3_000_000, date: day(2022, 12, 31))  // before the year
    builder.pay("p4", 2023, "TW", 4_000_000, date: day(2023, 1, 1))
    let analysis = builder.analyze()
    let findings = analysis.findings(.paymentOutsideWindow)
    #expect(findings.map(\.rowID) == ["p2", "p3"])
    #expect(findings.map(\.amount) == [dong(2_000_000), dong(3_000_000)])
    #expect(findings.allSatisfy { $0.severity == .error && $0.year == 2023 && $0.source == "TW" })
    #expect(findings.first?.message.vi.contains("01/02/2024") == true)
    // 1.000.000 + 4.000.000 count.
    #expect(analysis.line(key(2023, "TW"))?.figures.spent == dong(5_000_000))
    #expect(analysis.settlement(year: 2023).payments.map(\.id) == ["p1", "p4"])
  }

  @Test func duplicateIDKeepsTheFirstRow() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 20_000_000)
    builder.pay("p1", 2023, "TW", 5_000_000)
    builder.pay("p1", 2023, "TW", 7_000_000)  // spending.csv:3
    builder.pay("p1", 2023, "TW", 1_000_000)  // spending.csv:4
    let analysis = builder.analyze()
    let findings = analysis.findings(.duplicateID)
    #expect(findings.count == 2)
    let first = try #require(findings.first)
    #expect(first.severity == .error && first.year == 2023 && first.source == "TW")
    #expect(first.amount == dong(7_000_000))
    #expect(first.location == SourceLocation(file: "spending.csv", line: 3))
    #expect(first.message.en.contains("line 2"))
    #expect(findings.last?.location?.line == 4)
    #expect(analysis.line(key(2023, "TW"))?.figures.spent == dong(5_000_000))
  }

  @Test func possibleDuplicateWarnsButCounts() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 20_000_000)
    let paid = day(2023, 3, 10)
    builder.pay("p1", 2023, "TW", 2_000_000, date: paid, voucher: "PC-01")
    builder.pay("p2", 2023, "TW", 2_000_000, date: paid, voucher: "PC-01")  // same everything: warn
    builder.pay("p3", 2023, "TW", 3_000_000, date: paid, voucher: "PC-01")  // split payment: fine
    builder.pay("p4", 2023, "TW", 2_000_000, date: paid)  // no voucher: fine
    builder.pay("p5", 2023, "TW", 2_000_000, date: paid)
    builder.pay("p6", 2023, "TW", 2_000_000, date: paid, voucher: "PC-01")  // warn again
    let analysis = builder.analyze()
    let findings = analysis.findings(.possibleDuplicate)
    #expect(findings.map(\.rowID) == ["p2", "p6"])
    let finding = try #require(findings.first)
    #expect(finding.severity == .warning && finding.year == 2023 && finding.source == "TW")
    #expect(finding.amount == dong(2_000_000))
    #expect(finding.location == SourceLocation(file: "spending.csv", line: 3))
    #expect(finding.message.vi.contains("'p1'") && finding.message.vi.contains("dòng 2"))
    // Not excluded: 2 + 2 + 3 + 2 + 2 + 2 = 13 million.
    #expect(analysis.line(key(2023, "TW"))?.figures.spent == dong(13_000_000))
  }

  @Test func badReversals() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 50_000_000)
    builder.allocate(2023, "TW", "CNTT", "PDT", .initial, 10_000_000)
    builder.pay("p1", 2023, "TW", 10_000_000)  // line 2
    builder.pay("r1", 2023, "TW", -6_000_000, reverses: "p1")  // line 3: fine, 6 of 10 reversed
    builder.pay("r2", 2023, "TW", -5_000_000, reverses: "p1")  // line 4: 6 + 5 > 10 → bad
    builder.pay("r3", 2023, "TW", -4_000_000, reverses: "p1")  // line 5: 6 + 4 = 10 → fine
    builder.pay("r4", 2023, "TW", -1_000_000, reverses: "nope")  // line 6: no such row
    builder.pay("r5", 2023, "TW", -1_000_000, reverses: "r1")  // line 7: a reversal
    builder.pay("p2", 2023, "TW", "PANO", "XA9", 3_000_000)  // line 8: excluded (unknown unit)
    builder.pay("r6", 2023, "TW", -1_000_000, reverses: "p2")  // line 9: original excluded
    builder.pay("p3", 2023, "TW", 8_000_000)  // line 10
    builder.pay("r7", 2023, "TW", "CNTT", "PDT", -1_000_000, reverses: "p3")  // line 11: other line
    builder.pay("r8", 2023, "TW", 1_000_000, reverses: "p3")  // line 12: not negative
    builder.pay("r9", 2024, "TW", -1_000_000, reverses: "p3")  // line 13: other year
    let analysis = builder.analyze()
    let findings = analysis.findings(.badReversal)
    #expect(findings.compactMap(\.rowID).sorted() == ["r2", "r4", "r5", "r6", "r7", "r8", "r9"])
    #expect(findings.allSatisfy { $0.severity == .error })
    let overReversal = try #require(findings.first { $0.rowID == "r2" })
    #expect(overReversal.amount == dong(-5_000_000))
    #expect(overReversal.location == SourceLocation(file: "spending.csv", line: 4))
    #expect(overReversal.year == 2023 && overReversal.source == "TW" && overReversal.activity == "PANO")
    #expect(overReversal.message.vi.contains("11.000.000"))
    // TW·PANO·PDT counts p1 10, r1 −6, r3 −4, p3 8 → 8.000.000; CNTT has nothing spent.
    #expect(analysis.line(key(2023, "TW"))?.figures.spent == dong(8_000_000))
    #expect(analysis.line(key(2023, "TW", "CNTT"))?.figures.spent == .zero)
    #expect(analysis.settlement(year: 2023).payments.map(\.id) == ["p1", "r1", "r3", "p3"])
  }

  @Test func missingDecision() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 10_000_000, decision: nil)  // line 2
    builder.allocate(2023, "TW", .supplement, 2_000_000, decision: "  ")  // line 3
    builder.allocate(2023, "TW", .adjustment, -1_000_000, decision: "5/QĐ-UBND")
    builder.carryIn(2023, "TW", 3_000_000, origin: 2022)  // carry-in needs no decision
    builder.pay("p1", 2023, "TW", 14_000_000)
    let analysis = builder.analyze()
    let findings = analysis.findings(.missingDecision)
    #expect(findings.map(\.location?.line) == [2, 3])
    #expect(findings.map(\.amount) == [dong(10_000_000), dong(2_000_000)])
    #expect(findings.allSatisfy { $0.severity == .warning && $0.year == 2023 && $0.source == "TW" })
    // Warnings do not exclude: 3 + 10 + 2 − 1 = 14 available, all spent.
    #expect(
      analysis.line(key(2023, "TW"))?.figures
        == figures(carriedIn: 3_000_000, allocated: 11_000_000, spent: 14_000_000))
  }

  @Test func normExceededIsExact() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 100_000_000)
    builder.allocate(2023, "TW", "TANGQUA", "PDT", .initial, 1_000_000)
    // 2 boards at most 7.000.000 each = 14.000.000; 15.000.000 is 1.000.000 over.
    builder.pay("p1", 2023, "TW", 15_000_000, quantity: Quantity(whole: 2))
    // 2.5 × 7.000.000 = 17.500.000 exactly: within the norm.
    builder.pay("p2", 2023, "TW", 17_500_000, quantity: Quantity(thousandths: 2500))
    builder.pay("p3", 2023, "TW", 17_500_001, quantity: Quantity(thousandths: 2500))
    // 0.5 × 100.001 = 50.000,5: 50.000 is within, 50.001 is over by 50.001 − floor(50.000,5) = 1.
    builder.pay("p4", 2023, "TW", "TANGQUA", "PDT", 50_000, quantity: Quantity(thousandths: 500))
    builder.pay("p5", 2023, "TW", "TANGQUA", "PDT", 50_001, quantity: Quantity(thousandths: 500))
    builder.pay("p6", 2023, "TW", 99_000_000)  // no quantity: no check
    let analysis = builder.analyze()
    let findings = analysis.findings(.normExceeded)
    #expect(findings.compactMap(\.rowID).sorted() == ["p1", "p3", "p5"])
    let p1 = try #require(findings.first { $0.rowID == "p1" })
    #expect(p1.severity == .warning && p1.year == 2023 && p1.source == "TW" && p1.activity == "PANO")
    #expect(p1.amount == dong(1_000_000))
    #expect(p1.message.vi.contains("7.500.000") && p1.message.vi.contains("7.000.000"))
    #expect(findings.first { $0.rowID == "p3" }?.amount == dong(1))
    #expect(findings.first { $0.rowID == "p5" }?.amount == dong(1))
    // Warnings keep the row: 15 + 17,5 + 17,5 + 99 million + 1 đ.
    #expect(analysis.line(key(2023, "TW"))?.figures.spent == dong(149_000_001))
  }
}

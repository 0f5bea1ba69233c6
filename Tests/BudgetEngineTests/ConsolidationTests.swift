import BudgetCore
import BudgetIO
import Foundation
import Testing

@testable import BudgetEngine

/// A district that allocates to PDT and XA1, and the two units' own submissions.
private struct Scenario {
  var district = LedgerBuilder()
  var pdt = LedgerBuilder()
  var xa1 = LedgerBuilder()

  init() {
    district.allocate(2023, "TW", "PANO", "PDT", .initial, 100_000_000, decision: "10/QĐ-UBND")
    district.allocate(2023, "TW", "CNTT", "XA1", .initial, 50_000_000, decision: "10/QĐ-UBND")
    district.allocate(2023, "HUYEN", "CNTT", "XA1", .supplement, 8_000_000, decision: "22/QĐ-UBND")
    // PDT's receipts agree with the district.
    pdt.allocate(2023, "TW", "PANO", "PDT", .initial, 100_000_000, decision: "10/QĐ-UBND")
    pdt.pay("1", 2023, "TW", "PANO", "PDT", 30_000_000)
    pdt.pay("2", 2023, "TW", "PANO", "PDT", 20_000_000)
    // XA1 shows 45 million instead of 50, and writes the supplement's decision differently.
    xa1.allocate(2023, "TW", "CNTT", "XA1", .initial, 45_000_000, decision: "10/QĐ-UBND")
    xa1.allocate(2023, "HUYEN", "CNTT", "XA1", .supplement, 8_000_000, decision: "22/QD-UBND")
    // Ids "1" and "2" again: duplicates only across units.
    xa1.pay("1", 2023, "TW", "CNTT", "XA1", 40_000_000)
    xa1.pay("2", 2023, "HUYEN", "CNTT", "XA1", 5_000_000)
  }

  func submission(_ name: String, _ builder: LedgerBuilder) -> UnitSubmission {
    UnitSubmission(
      name: name,
      allocations: builder.allocations.map {
        Allocation(
          year: $0.year, source: $0.source, activity: $0.activity, unit: $0.unit, kind: $0.kind,
          amount: $0.amount,
          decision: $0.decision,
          location: SourceLocation(file: "\(name)/allocations.xlsx!Sheet1", line: $0.location.line))
      },
      payments: builder.payments.map {
        Payment(
          id: $0.id, date: $0.date, source: $0.source, activity: $0.activity, unit: $0.unit,
          amount: $0.amount,
          location: SourceLocation(file: "\(name)/spending.xlsx!Sheet1", line: $0.location.line))
      })
  }

  func consolidate() throws -> Consolidation {
    try Consolidation.consolidate(
      district: district.ledger, submissions: [submission("pdt", pdt), submission("xa1", xa1)], year: 2023)
  }
}

@Suite("Consolidation")
struct ConsolidationTests {
  @Test("a unit whose receipts differ from the district's allocation: differences with both figures")
  func receiptDiffers() throws {
    let result = try Scenario().consolidate()
    #expect(result.differences.count == 2)
    let amount = try #require(result.differences.first { $0.kind == .amount })
    #expect(amount.submission == "xa1")
    #expect(amount.line == LineKey(year: 2023, source: "TW", activity: "CNTT", unit: "XA1"))
    #expect(amount.districtAmount == dong(50_000_000))
    #expect(amount.unitAmount == dong(45_000_000))
    #expect(amount.difference == dong(-5_000_000))
    #expect(amount.districtLocation == SourceLocation(file: "allocations.csv", line: 3))
    #expect(amount.unitLocation == SourceLocation(file: "xa1/allocations.xlsx!Sheet1", line: 2))
    let decision = try #require(result.differences.first { $0.kind == .decision })
    #expect(decision.districtDecision == "22/QĐ-UBND")
    #expect(decision.unitDecision == "22/QD-UBND")
    #expect(decision.districtAmount == dong(8_000_000) && decision.unitAmount == dong(8_000_000))
    #expect(result.hasProblems)
  }

  @Test("ids repeated across units are not duplicates; origins are kept")
  func idsUniqueWithinUnit() throws {
    let result = try Scenario().consolidate()
    #expect(!result.analysis.findings.contains { $0.code == .duplicateID })
    #expect(result.ledger.payments.map(\.id).sorted() == ["pdt/1", "pdt/2", "xa1/1", "xa1/2"])
    let xa1First = try #require(result.ledger.payments.first { $0.id == "xa1/1" })
    #expect(xa1First.location == SourceLocation(file: "xa1/spending.xlsx!Sheet1", line: 2))
    // The district's allocations are the figures: XA1 has 50 + 8 million whatever its file says.
    let tw = try #require(result.settlement.lines.first { $0.key.unit == "XA1" && $0.key.source == "TW" })
    #expect(tw.figures.available == dong(50_000_000))
    #expect(tw.figures.spent == dong(40_000_000))
    #expect(result.settlement.totals.spent == dong(95_000_000))
  }

  @Test("a duplicate id within one unit is still a finding")
  func duplicateWithinUnit() throws {
    var scenario = Scenario()
    scenario.xa1.pay("2", 2023, "TW", "CNTT", "XA1", 1_000_000)
    let result = try scenario.consolidate()
    let duplicates = result.analysis.findings.filter { $0.code == .duplicateID }
    #expect(duplicates.count == 1)
    #expect(duplicates.first?.location?.file == "xa1/spending.xlsx!Sheet1")
  }

  @Test("reconciliation: district allocation vs unit receipt vs unit spending, per unit and source")
  func reconciliation() throws {
    let rows = try Scenario().consolidate().reconciliation
    #expect(rows.count == 3)
    let xa1TW = try #require(rows.first { $0.unit == "XA1" && $0.source == "TW" })
    #expect(xa1TW.districtAllocated == dong(50_000_000))
    #expect(xa1TW.unitReceived == dong(45_000_000))
    #expect(xa1TW.receiptDifference == dong(-5_000_000))
    #expect(xa1TW.unitSpent == dong(40_000_000))
    #expect(xa1TW.remaining == dong(10_000_000))
    let pdt = try #require(rows.first { $0.unit == "PDT" })
    #expect(pdt.receiptDifference == .zero && pdt.unitSpent == dong(50_000_000))
  }

  @Test("district rows for a unit that sent a submission are superseded, not counted twice")
  func supersededDistrictRows() throws {
    var scenario = Scenario()
    scenario.district.pay("d1", 2023, "TW", "PANO", "PDT", 50_000_000)
    scenario.district.allocate(2023, "TW", "PANO", "XA1", .initial, 9_000_000)
    let result = try scenario.consolidate()
    #expect(result.supersededPayments.map(\.id) == ["d1"])
    #expect(result.settlement.totals.spent == dong(95_000_000))
    // The district allocated PANO to XA1; the unit does not show it.
    let missing = try #require(result.differences.first { $0.kind == .missingInUnit })
    #expect(missing.districtAmount == dong(9_000_000) && missing.unitAmount == .zero)
  }

  @Test("two submissions for one unit, or one empty, are input errors")
  func ambiguousSubmissions() throws {
    let scenario = Scenario()
    #expect(throws: InputErrors.self) {
      _ = try Consolidation.consolidate(
        district: scenario.district.ledger,
        submissions: [scenario.submission("a", scenario.pdt), scenario.submission("b", scenario.pdt)],
        year: 2023)
    }
    #expect(throws: InputErrors.self) {
      _ = try Consolidation.consolidate(
        district: scenario.district.ledger,
        submissions: [UnitSubmission(name: "empty", allocations: [], payments: [])],
        year: 2023)
    }
  }

  @Test("superseded district rows are counted for the consolidated year only (chiem-hoa-units, 2023)")
  func supersededCountIsTheYears() throws {
    let result = try ConsolidationAdvanceTests.sample(year: 2023).result
    // 90 district rows name these units over all years; 31 of them are 2023's.
    #expect(result.supersededPayments.count == 31)
    #expect(result.supersededPayments.allSatisfy { $0.year == 2023 })
  }
}

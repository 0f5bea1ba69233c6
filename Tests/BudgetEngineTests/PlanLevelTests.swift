import BudgetCore
import BudgetEngine
import Testing

@Suite("Counterpart and carry-in chain")
struct PlanLevelTests {
  static let rule = CounterpartRule(
    central: "TW", local: ["TINH", "HUYEN", "GNBV"], minPercent: Percent(hundredths: 1250),
    location: SourceLocation(file: "plan.yaml", line: 42))

  @Test func pooledSourceListedAsCounterpart() throws {
    let analysis = LedgerBuilder(rules: [Self.rule]).analyze()
    let findings = analysis.findings(.pooledAsCounterpart)
    #expect(findings.count == 1)
    let finding = try #require(findings.first)
    #expect(finding.severity == .error && finding.year == nil && finding.source == "GNBV")
    #expect(finding.amount == nil)
    #expect(finding.location == SourceLocation(file: "plan.yaml", line: 42))
    #expect(analysis.hasErrors)
  }

  /// 2023: TW allocated 100.000.000 + 3 = 100.000.003 (its carry-in of 7M does not count).
  /// Required 12,5 % → 12.500.000,375 → rounded up to 12.500.001.
  /// Local: TINH 5M + HUYEN 7M = 12M; GNBV's 20M is pooled and never counts; TINH's carry-in neither.
  /// Shortfall 500.001.
  /// 2022: TW 80M, HUYEN 10M ≥ 12,5 % × 80M = 10M → met. 2024: TW allocated nothing → no check.
  @Test func counterpartShortWithCeilingAndPooledNotCounted() throws {
    var builder = LedgerBuilder(rules: [Self.rule])
    builder.allocate(2023, "TW", 100_000_000)
    builder.allocate(2023, "TW", .supplement, 3)
    builder.carryIn(2023, "TW", 7_000_000, origin: 2022)
    builder.allocate(2023, "TINH", 5_000_000)
    builder.carryIn(2023, "TINH", 9_000_000, origin: 2022)
    builder.allocate(2023, "HUYEN", "CNTT", "XA1", .initial, 7_000_000)
    builder.allocate(2023, "GNBV", "CNTT", "XA1", .initial, 20_000_000)
    builder.allocate(2022, "TW", 80_000_000)
    builder.allocate(2022, "HUYEN", 10_000_000)
    builder.allocate(2024, "TINH", 1_000_000)
    let analysis = builder.analyze()
    let findings = analysis.findings(.counterpartShort)
    #expect(findings.count == 1)
    let finding = try #require(findings.first)
    #expect(finding.severity == .warning && finding.year == 2023 && finding.source == "TW")
    #expect(finding.activity == nil && finding.unit == nil)
    #expect(finding.amount == dong(500_001))
    #expect(finding.message.vi.contains("12.5%") && finding.message.vi.contains("100.000.003"))
    #expect(finding.message.vi.contains("12.000.000") && finding.message.vi.contains("12.500.001"))
  }

  /// Closing 2023: TW·PANO·PDT allocated 100M, spent 60M → 40M of origin 2023 carried (TW keeps 2
  /// years); HUYEN·PANO·PDT allocated 10M, spent 4M → 6M cancelled (carries nothing).
  /// 2024 carry-in TW origin 2023 40M: matches, no finding.
  @Test func carryInChainThatMatches() {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 100_000_000)
    builder.pay("p1", 2023, "TW", 60_000_000)
    builder.allocate(2023, "HUYEN", 10_000_000)
    builder.pay("p2", 2023, "HUYEN", 4_000_000)
    builder.carryIn(2024, "TW", 40_000_000, origin: 2023)
    builder.pay("p3", 2024, "TW", 40_000_000)
    let analysis = builder.analyze()
    #expect(analysis.findings(.carryInMismatch).isEmpty)
    #expect(
      analysis.line(key(2024, "TW"))?.figures
        == figures(carriedIn: 40_000_000, allocated: 0, spent: 40_000_000))
  }

  /// Same 2023; 2024 records TW origin 2023 35M (expected 40M → differs by 5M) and HUYEN origin 2023
  /// 2M (expected 0, HUYEN cancels → differs by 2M).
  @Test func carryInChainThatDiffers() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 100_000_000)
    builder.pay("p1", 2023, "TW", 60_000_000)
    builder.allocate(2023, "HUYEN", 10_000_000)
    builder.pay("p2", 2023, "HUYEN", 4_000_000)
    builder.carryIn(2024, "TW", 30_000_000, origin: 2023)  // allocations.csv:4
    builder.carryIn(2024, "TW", 5_000_000, origin: 2023)
    builder.carryIn(2024, "HUYEN", 2_000_000, origin: 2023)  // allocations.csv:6
    let analysis = builder.analyze()
    let findings = analysis.findings(.carryInMismatch)
    #expect(findings.map(\.source) == ["TW", "HUYEN"])
    let tw = try #require(findings.first)
    #expect(tw.severity == .error && tw.year == 2024 && tw.activity == "PANO" && tw.unit == "PDT")
    #expect(tw.amount == dong(5_000_000))
    #expect(tw.location == SourceLocation(file: "allocations.csv", line: 4))
    #expect(tw.message.vi.contains("35.000.000") && tw.message.vi.contains("40.000.000"))
    #expect(tw.message.en.contains("2023"))
    let huyen = try #require(findings.last)
    #expect(huyen.amount == dong(2_000_000) && huyen.location?.line == 6)
  }

  /// Expected carry-over with no carry-in row at all: the finding has no location. A year without its
  /// previous year in the ledger is not checked.
  @Test func carryInMissingEntirely() throws {
    var builder = LedgerBuilder()
    builder.allocate(2023, "TW", 100_000_000)
    builder.allocate(2024, "TW", 1_000_000)
    builder.carryIn(2022, "TINH", 3_000_000, origin: 2021)  // 2021 has no rows: not checked
    let analysis = builder.analyze()
    let findings = analysis.findings(.carryInMismatch)
    #expect(findings.count == 1)
    let finding = try #require(findings.first)
    #expect(finding.year == 2024 && finding.source == "TW" && finding.amount == dong(100_000_000))
    #expect(finding.location == nil)
  }
}

@Suite("Severity overrides and order")
struct SeverityTests {
  @Test func downgradedRowFindingLetsTheRowCount() throws {
    var builder = LedgerBuilder(overrides: [.ineligibleSource: .warning])
    builder.allocate(2023, "GNBV", 5_000_000)
    builder.pay("p1", 2023, "GNBV", 3_000_000)
    let analysis = builder.analyze()
    let findings = analysis.findings(.ineligibleSource)
    #expect(findings.count == 2)
    #expect(findings.allSatisfy { $0.severity == .warning })
    #expect(!findings[0].message.en.contains("left out"))
    #expect(
      analysis.line(key(2023, "GNBV"))?.figures
        == figures(allocated: 5_000_000, spent: 3_000_000, cancelled: 2_000_000))
    #expect(!analysis.hasErrors)
  }

  @Test func switchedOffFindingIsGoneAndTheRowCounts() {
    var builder = LedgerBuilder(overrides: [.duplicateID: .off, .unspent: .off])
    builder.allocate(2023, "TW", 10_000_000)
    builder.pay("p1", 2023, "TW", 1_000_000)
    builder.pay("p1", 2023, "TW", 2_000_000)
    let analysis = builder.analyze()
    #expect(analysis.findings.isEmpty)
    #expect(analysis.line(key(2023, "TW"))?.figures.spent == dong(3_000_000))
  }

  @Test func upgradedAndDowngradedSeverities() {
    let rule = CounterpartRule(central: "TW", local: ["HUYEN"], minPercent: Percent(whole: 10))
    var builder = LedgerBuilder(
      rules: [rule], overrides: [.unspent: .error, .counterpartShort: .off, .overspend: .info])
    builder.allocate(2023, "TW", 10_000_000)
    builder.allocate(2023, "TW", "CNTT", "PDT", .initial, 1_000_000)
    builder.pay("p1", 2023, "TW", "CNTT", "PDT", 2_000_000)
    let analysis = builder.analyze()
    #expect(analysis.findings.map(\.code) == [.unspent, .overspend])
    #expect(analysis.findings.map(\.severity) == [.error, .info])
    #expect(analysis.hasErrors)
  }

  @Test func findingsAreSortedAndFilteredByYear() {
    let rule = CounterpartRule(
      central: "TW", local: ["GNBV"], minPercent: Percent(whole: 10),
      location: SourceLocation(file: "plan.yaml", line: 9))
    var builder = LedgerBuilder(rules: [rule])
    builder.allocate(2024, "HUYEN", 1_000_000, decision: nil)  // MISSING_DECISION 2024 (warning)
    // UNSPENT 2023 (info); TW carries the 1.000.000 over, 2024 has no carry-in: CARRY_IN_MISMATCH.
    builder.allocate(2023, "TW", "CNTT", "PDT", .initial, 1_000_000)
    builder.pay("p1", 2024, "TW", "PANO", "PDT", 5_000_000)  // UNBUDGETED 2024 (error)
    builder.pay("p2", 2023, "HUYEN", "PANO", "XA1", 2_000_000)  // UNBUDGETED 2023, HUYEN·PANO·XA1
    builder.pay("p3", 2023, "TW", "PANO", "XA9", 2_000_000)  // UNKNOWN_UNIT 2023
    let analysis = builder.analyze()
    let summary = analysis.findings.map {
      "\($0.code.rawValue) \($0.year.map(String.init) ?? "-") \($0.lineDescription)"
    }
    #expect(
      summary == [
        "POOLED_AS_COUNTERPART - GNBV",
        "UNKNOWN_UNIT 2023 TW · PANO · XA9",
        "UNBUDGETED 2023 HUYEN · PANO · XA1",
        "UNBUDGETED 2024 TW · PANO · PDT",
        "CARRY_IN_MISMATCH 2024 TW · CNTT · PDT",
        "COUNTERPART_SHORT 2023 TW",
        "MISSING_DECISION 2024 HUYEN · PANO · PDT",
        "UNSPENT 2023 TW · CNTT · PDT",
        "UNSPENT 2024 HUYEN · PANO · PDT",
      ])
    #expect(
      analysis.findings(year: 2024).map(\.code) == [
        .pooledAsCounterpart, .unbudgeted, .carryInMismatch, .missingDecision, .unspent,
      ])
    #expect(analysis.findings(year: nil).count == summary.count)
    #expect(analysis.years == [2023, 2024])
  }
}

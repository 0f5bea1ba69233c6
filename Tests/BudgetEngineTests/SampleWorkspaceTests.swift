import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing

/// The workspaces under SampleData/ run through the real reader and engine. Each feature workspace
/// must raise exactly the findings SampleData/README.md lists for it — code, severity, year, line,
/// amount and row — and nothing else.
@Suite struct SampleWorkspaceTests {
  static let sampleData = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("SampleData")

  static func analyze(_ path: String) throws -> Analysis {
    Engine.analyze(try WorkspaceReader.read(directory: sampleData.appendingPathComponent(path).path))
  }

  /// One expected finding: `line` is `SOURCE·ACTIVITY·UNIT` (or the parts that apply), `row` is
  /// `file:line` for row-level findings.
  struct Expected: CustomStringConvertible, Sendable {
    let workspace: String
    let code: FindingCode
    let severity: Severity
    let year: Int?
    let line: String
    let amountDong: Int64?
    let row: String?

    var description: String { "\(workspace): \(code.rawValue)" }
  }

  static let expected: [Expected] = [
    .init(
      workspace: "unknown-source", code: .unknownSource, severity: .error, year: 2023,
      line: "NSTW·HOINGHI·PDT", amountDong: 2_000_000, row: "spending.csv:3"),
    .init(
      workspace: "unknown-activity", code: .unknownActivity, severity: .error, year: 2023,
      line: "TW·PANNO·PDT", amountDong: 2_000_000, row: "spending.csv:3"),
    .init(
      workspace: "unknown-unit", code: .unknownUnit, severity: .error, year: 2023, line: "TW·PANO·XA_HUNGMI",
      amountDong: 5_000_000, row: "allocations.csv:3"),
    .init(
      workspace: "ineligible-source", code: .ineligibleSource, severity: .error, year: 2023,
      line: "GNBV·PANO·PDT", amountDong: 3_000_000, row: "spending.csv:3"),
    .init(
      workspace: "year-outside-plan", code: .yearOutsidePlan, severity: .error, year: 2024,
      line: "TW·PANO·PDT", amountDong: 1_000_000, row: "spending.csv:3"),
    .init(
      workspace: "payment-outside-window", code: .paymentOutsideWindow, severity: .error, year: 2023,
      line: "TW·PANO·PDT", amountDong: 1_500_000, row: "spending.csv:3"),
    .init(
      workspace: "duplicate-id", code: .duplicateID, severity: .error, year: 2023, line: "TW·PANO·PDT",
      amountDong: 1_000_000, row: "spending.csv:4"),
    .init(
      workspace: "possible-duplicate", code: .possibleDuplicate, severity: .warning, year: 2023,
      line: "TW·PANO·PDT", amountDong: 5_000_000, row: "spending.csv:3"),
    .init(
      workspace: "bad-reversal", code: .badReversal, severity: .error, year: 2023, line: "TW·PANO·PDT",
      amountDong: -12_000_000, row: "spending.csv:3"),
    .init(
      workspace: "unbudgeted", code: .unbudgeted, severity: .error, year: 2023, line: "TW·HOINGHI·PDT",
      amountDong: 2_500_000, row: nil),
    .init(
      workspace: "overspend", code: .overspend, severity: .error, year: 2023, line: "TW·PANO·PDT",
      amountDong: 2_000_000, row: nil),
    .init(
      workspace: "counterpart-short", code: .counterpartShort, severity: .warning, year: 2023, line: "TW",
      amountDong: 2_000_000, row: nil),
    .init(
      workspace: "pooled-as-counterpart", code: .pooledAsCounterpart, severity: .error, year: nil,
      line: "GNBV", amountDong: nil, row: "plan.yaml:50"),
    .init(
      workspace: "norm-exceeded", code: .normExceeded, severity: .warning, year: 2023, line: "TW·PANO·PDT",
      amountDong: 1_000_000, row: "spending.csv:2"),
    .init(
      workspace: "missing-decision", code: .missingDecision, severity: .warning, year: 2023,
      line: "TW·PANO·PDT", amountDong: 10_000_000, row: "allocations.csv:2"),
    .init(
      workspace: "carry-in-mismatch", code: .carryInMismatch, severity: .error, year: 2023,
      line: "TW·PANO·PDT", amountDong: 3_000_000, row: "allocations.csv:3"),
    .init(
      workspace: "bad-advance-settlement", code: .badAdvanceSettlement, severity: .error, year: 2023,
      line: "TW·PANO·PDT", amountDong: 1_000_000, row: "spending.csv:5"),
    .init(
      workspace: "drawn-over-available", code: .drawnOverAvailable, severity: .error, year: 2023,
      line: "TW·PANO·PDT", amountDong: 1_000_000, row: nil),
    .init(
      workspace: "advance-not-carried-in", code: .advanceNotCarriedIn, severity: .error, year: 2023,
      line: "HUYEN·PANO·PDT", amountDong: 4_000_000, row: nil),
    .init(
      workspace: "advance-open", code: .advanceOpen, severity: .warning, year: 2023, line: "TW·PANO·PDT",
      amountDong: 3_000_000, row: "spending.csv:2"),
    .init(
      workspace: "unspent", code: .unspent, severity: .info, year: 2023, line: "TW·PANO·PDT",
      amountDong: 3_000_000, row: nil),
  ]

  @Test(arguments: expected)
  func featureWorkspaceRaisesExactlyItsFinding(_ expected: Expected) throws {
    let findings = try Self.analyze("features/" + expected.workspace).findings
    #expect(findings.count == 1, "\(findings.map(\.code.rawValue))")
    let finding = try #require(findings.first)
    #expect(finding.code == expected.code)
    #expect(finding.severity == expected.severity)
    #expect(finding.year == expected.year)
    #expect(finding.lineDescription.replacingOccurrences(of: " · ", with: "·") == expected.line)
    #expect(finding.amount?.dong == expected.amountDong)
    #expect(finding.location.map { "\($0.file):\($0.line)" } == expected.row)
    #expect(!finding.message.vi.isEmpty && !finding.message.en.isEmpty)
  }

  @Test func everyFindingCodeHasAWorkspace() {
    // MISSING_BUDGET_CODE is raised when a form is written, never by `check` (BudgetClassificationTests).
    #expect(Set(Self.expected.map(\.code)) == Set(FindingCode.allCases).subtracting([.missingBudgetCode]))
  }

  @Test func rowsWithRowErrorsAreLeftOutOfTheFigures() throws {
    // unknown-source: the 2.000.000 payment on NSTW is out; TW·PANO·PDT is spent exactly.
    let settlement = try Self.analyze("features/unknown-source").settlement(year: 2023)
    #expect(settlement.lines.count == 1)
    #expect(settlement.totals.spent.dong == 10_000_000)
    #expect(settlement.totals.remaining == .zero)
  }

  /// features/carry-over (hand-computed in SampleData/README.md): TW carries 2 years, KHAC 0.
  @Test func carryOverWorkspaceSplitsCarryAndCancel() throws {
    let analysis = try Self.analyze("features/carry-over")
    let findings = analysis.findings.map { "\($0.year ?? 0) \($0.lineDescription) \($0.amount?.dong ?? 0)" }
    #expect(
      findings == [
        "2022 TW · PANO · PDT 110000000", "2022 KHAC · HOINGHI · PDT 6000000",
        "2023 TW · PANO · PDT 155000000",
      ])
    let closing2022 = analysis.settlement(year: 2022).totals
    #expect(closing2022.carryOver.dong == 110_000_000)
    #expect(closing2022.cancelled.dong == 6_000_000)
  }

  @Test func vietnameseExcelExportReadsToTheSameFiguresAsTheCleanWorkspace() throws {
    let clean = try Self.analyze("features/clean")
    let vietnamese = try Self.analyze("features/reader-vi")
    #expect(clean.findings.isEmpty && vietnamese.findings.isEmpty)
    for year in clean.years {
      #expect(clean.settlement(year: year).lines == vietnamese.settlement(year: year).lines)
    }
    let descriptions = vietnamese.ledger.payments.compactMap(\.description)
    #expect(descriptions.contains { $0.contains(";") && $0.contains("\n") })
  }

  /// The figures of SampleData/chiem-hoa/EXPECTED.md, to the đồng.
  @Test(
    arguments: [
      (
        2022,
        [87_000_000, 1_876_000_000, 1_963_000_000, 1_784_520_000, 178_480_000, 175_980_000, 2_500_000, 0]
      ),
      (
        2023,
        [
          175_980_000, 1_797_000_000, 1_972_980_000, 1_927_480_000, 45_500_000, 45_550_000, 3_200_000,
          3_250_000,
        ]
      ),
    ] as [(Int, [Int64])])
  func chiemHoaTotals(year: Int, figures: [Int64]) throws {
    let totals = try Self.analyze("chiem-hoa").settlement(year: year).totals
    #expect(
      [
        totals.carriedIn, totals.allocated, totals.available, totals.spent, totals.remaining,
        totals.carryOver, totals.cancelled, totals.overspent,
      ].map(\.dong) == figures)
  }

  @Test func chiemHoaFindingsAreTheExpectedOnes() throws {
    let analysis = try Self.analyze("chiem-hoa")
    let notable = analysis.findings(year: 2023).filter { $0.code != .unspent }
      .map { "\($0.code.rawValue) \($0.lineDescription) \($0.amount?.dong ?? 0)" }
    #expect(
      notable == [
        "OVERSPEND TW · MOHINH · XA_KIMBINH 3250000",
        "COUNTERPART_SHORT TW 6100000",
        "POSSIBLE_DUPLICATE TW · TAPHUAN · PDT 4200000",
      ])
    #expect(analysis.findings(year: 2022).filter { $0.severity == .error }.isEmpty)
    #expect(!analysis.findings.contains { $0.code == .carryInMismatch })
  }
}

@Suite struct DecisionPlaceholderTests {
  /// The blank decision `close`/`handover` write ("....../QĐ-UBND") is still a missing decision.
  @Test func anUnfilledDecisionNumberIsMissing() {
    let plan = Plan(
      info: PlanInfo(name: "p", firstYear: 2023, lastYear: 2023),
      sources: [FundingSource(code: "TW", name: "t", kind: .central)], units: [Unit(code: "U", name: "u")],
      projects: [Project(code: "P", name: "p")], activities: [Activity(code: "A", name: "a", project: "P")])
    func allocation(_ decision: String?, line: Int) -> Allocation {
      Allocation(
        year: 2023, source: "TW", activity: "A", unit: "U", kind: .supplement, amount: Money(dong: 1_000),
        decision: decision, location: SourceLocation(file: "allocations.csv", line: line))
    }
    let ledger = Ledger(
      plan: plan,
      allocations: [
        allocation("....../QĐ-UBND", line: 2), allocation("  ", line: 3), allocation("12/QĐ-UBND", line: 4),
      ],
      payments: [])
    let missing = Engine.analyze(ledger).findings.filter { $0.code == .missingDecision }
    #expect(missing.map { $0.location?.line } == [2, 3])
  }
}

@Suite struct CarryInChainPlanYearsTests {
  /// A payment dated after the plan's last year is YEAR_OUTSIDE_PLAN — and must not make the last
  /// plan year's carry-over look unrecorded (CARRY_IN_MISMATCH) in a year the plan does not have.
  @Test func aYearOutsideThePlanIsNotChainChecked() throws {
    let plan = Plan(
      info: PlanInfo(name: "p", firstYear: 2023, lastYear: 2023),
      sources: [FundingSource(code: "TW", name: "t", kind: .central, carryOverYears: 1)],
      units: [Unit(code: "U", name: "u")], projects: [Project(code: "P", name: "p")],
      activities: [Activity(code: "A", name: "a", project: "P")])
    let ledger = Ledger(
      plan: plan,
      allocations: [
        Allocation(
          year: 2023, source: "TW", activity: "A", unit: "U", kind: .initial, amount: Money(dong: 10_000),
          decision: "1/QĐ", location: SourceLocation(file: "allocations.csv", line: 2))
      ],
      payments: [
        Payment(
          id: "s1", date: try #require(CivilDate(year: 2024, month: 3, day: 1)), source: "TW", activity: "A",
          unit: "U", amount: Money(dong: 1_000), location: SourceLocation(file: "spending.csv", line: 2))
      ])
    let codes = Engine.analyze(ledger).findings.map(\.code)
    #expect(codes.contains(.yearOutsidePlan))
    #expect(!codes.contains(.carryInMismatch))
  }
}

import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing
import WorkspaceGenerator

@Suite struct WorkspaceGeneratorTests {
  static func temporaryFolder(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "kinhphi-generator-\(name)-\(UUID().uuidString)"
    return path
  }

  static func bytes(_ folder: String, _ file: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
  }

  @Test func sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws {
    let options = GeneratorOptions(units: 30, payments: 5_000, firstYear: 2021, lastYear: 2023, seed: 42)
    let first = Self.temporaryFolder("a")
    let second = Self.temporaryFolder("b")
    let third = Self.temporaryFolder("c")
    defer { for folder in [first, second, third] { try? FileManager.default.removeItem(atPath: folder) } }
    let summaryA = try WorkspaceGenerator.generate(options, to: first)
    let summaryB = try WorkspaceGenerator.generate(options, to: second)
    var other = options
    other.seed = 43
    try WorkspaceGenerator.generate(other, to: third)
    #expect(summaryA == summaryB)
    for file in ["plan.yaml", "allocations.csv", "spending.csv"] {
      #expect(try Self.bytes(first, file) == Self.bytes(second, file), "\(file) differs between runs")
    }
    #expect(try Self.bytes(first, "spending.csv") != Self.bytes(third, "spending.csv"))
  }

  /// FNV-1a (64 bits) of a file's bytes: a fingerprint of the generator's output.
  static func fingerprint(_ data: Data) -> UInt64 {
    data.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
  }

  /// The options the benchmarks and the tests have always used write exactly the bytes they wrote
  /// before `--lines-per-unit` existed (fingerprints and sizes taken from the tree before the change).
  @Test(arguments: [
    (
      GeneratorOptions(units: 30, payments: 5_000, firstYear: 2021, lastYear: 2023, seed: 42),
      [
        ("plan.yaml", 0xf9f9_5a40_0475_8fcc as UInt64, 4840),
        ("allocations.csv", 0x2ddf_1bd3_e780_fb75, 50247),
        ("spending.csv", 0x0992_9033_e35a_674d, 590_799),
      ]
    ),
    (
      GeneratorOptions(
        units: 7, payments: 12_345, firstYear: 2022, lastYear: 2023, seed: 3, anomalyPerMille: 20),
      [
        ("plan.yaml", 0x0e35_21b9_4901_db33, 3322), ("allocations.csv", 0x834f_e986_8dc7_be71, 7147),
        ("spending.csv", 0x5a53_b5c4_a3e0_68b4, 1_453_781),
      ]
    ),
  ])
  func theOldOptionsWriteTheSameBytesAsBefore(options: GeneratorOptions, files: [(String, UInt64, Int)])
    throws
  {
    let folder = Self.temporaryFolder("old")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try WorkspaceGenerator.generate(options, to: folder)
    for (file, fingerprint, size) in files {
      let data = try Self.bytes(folder, file)
      #expect(data.count == size, "\(file) size")
      #expect(Self.fingerprint(data) == fingerprint, "\(file) bytes")
    }
  }

  @Test(arguments: [
    GeneratorOptions(
      units: 40, payments: 20_000, firstYear: 2021, lastYear: 2025, seed: 7, anomalyPerMille: 5),
    GeneratorOptions(
      units: 7, payments: 12_345, firstYear: 2022, lastYear: 2023, seed: 3, anomalyPerMille: 20),
    GeneratorOptions(units: 3, payments: 100, firstYear: 2024, lastYear: 2024, seed: 9, anomalyPerMille: 0),
    // W5's shape, small: many lines per unit (the plan gains numbered activities), one and two years.
    GeneratorOptions(
      units: 12, payments: 3_000, firstYear: 2023, lastYear: 2023, seed: 5, anomalyPerMille: 30,
      linesPerUnit: 70),
    GeneratorOptions(
      units: 5, payments: 4_000, firstYear: 2022, lastYear: 2023, seed: 8, anomalyPerMille: 10,
      linesPerUnit: 23),
  ])
  func theEngineFindsExactlyWhatTheGeneratorPlanted(options: GeneratorOptions) throws {
    let folder = Self.temporaryFolder("engine")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let summary = try WorkspaceGenerator.generate(options, to: folder)
    let ledger = try WorkspaceReader.read(directory: folder)
    #expect(ledger.payments.count == options.payments)
    #expect(summary.paymentRows == options.payments)
    #expect(ledger.allocations.count == summary.allocationRows)
    #expect(ledger.plan.units.count == options.units + (options.units + 99) / 100)

    let analysis = Engine.analyze(ledger)
    var found: [FindingCode: Int] = [:]
    for finding in analysis.findings { found[finding.code, default: 0] += 1 }
    for code in FindingCode.allCases {
      #expect(found[code] ?? 0 == summary.expectedFindings[code] ?? 0, "\(code.rawValue)")
    }
    #expect(found[.carryInMismatch] == nil)
    for year in options.firstYear...options.lastYear {
      let settlement = analysis.settlement(year: year)
      #expect(settlement.totals.spent.dong == summary.spentByYear[year], "spent \(year)")
      if year < options.lastYear {
        #expect(settlement.totals.carryOver.dong == summary.carriedOverByYear[year], "carry-over \(year)")
      }
    }
  }

  @Test func aDefaultWorkspaceHasEverySourceKindCarryOverReversalsAndEachPlantedFinding() throws {
    let folder = Self.temporaryFolder("kinds")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let options = GeneratorOptions(
      units: 50, payments: 30_000, firstYear: 2021, lastYear: 2025, seed: 1, anomalyPerMille: 4)
    let summary = try WorkspaceGenerator.generate(options, to: folder)
    let ledger = try WorkspaceReader.read(directory: folder)
    #expect(Set(ledger.plan.sources.map(\.kind)) == Set(SourceKind.allCases))
    #expect(ledger.allocations.contains { $0.kind == .carryIn })
    #expect(ledger.allocations.contains { $0.kind == .adjustment && $0.amount.isNegative })
    #expect(ledger.payments.contains { $0.reverses != nil && $0.amount.isNegative })
    #expect(ledger.payments.contains { $0.yearIsExplicit && $0.date.year == $0.year + 1 })
    let planted: [FindingCode] = [
      .unknownSource, .unknownActivity, .unknownUnit, .ineligibleSource, .yearOutsidePlan,
      .paymentOutsideWindow, .duplicateID, .possibleDuplicate, .badReversal, .normExceeded, .unbudgeted,
      .overspend, .counterpartShort, .missingDecision, .unspent,
    ]
    for code in planted {
      #expect((summary.expectedFindings[code] ?? 0) > 0, "\(code.rawValue) planted")
    }
    // The share of row-level findings stays near the rate asked for (4 per 1,000 rows).
    let rowLevel = planted.filter(\.excludesRow).map { summary.expectedFindings[$0] ?? 0 }.reduce(0, +)
    #expect(rowLevel > 60 && rowLevel < 180)
  }

  @Test func manyLinesPerUnitGiveThatManyLinesPerUnitOnNumberedActivities() throws {
    let folder = Self.temporaryFolder("many")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let options = GeneratorOptions(
      units: 20, payments: 2_000, firstYear: 2023, lastYear: 2023, seed: 5, linesPerUnit: 70)
    let summary = try WorkspaceGenerator.generate(options, to: folder)
    #expect(summary.budgetedLines == 20 * 70)
    let ledger = try WorkspaceReader.read(directory: folder)
    #expect(ledger.plan.activities.count == 71)
    #expect(ledger.plan.activities.last?.code.rawValue == "HD071")
    #expect(ledger.plan.activities[10].code.rawValue == "HD011")
    var linesOfUnit: [String: Set<String>] = [:]
    for row in ledger.allocations where row.kind == .initial {
      linesOfUnit[row.unit.rawValue, default: []].insert(row.activity.rawValue + "/" + row.source.rawValue)
    }
    #expect(linesOfUnit.count == 20)
    #expect(linesOfUnit.values.allSatisfy { $0.count == 70 })
  }

  @Test func badOptionsAreRefused() {
    let folder = Self.temporaryFolder("bad")
    #expect(throws: GeneratorError.self) {
      try WorkspaceGenerator.generate(
        GeneratorOptions(units: 0, payments: 10, firstYear: 2021, lastYear: 2022), to: folder)
    }
    #expect(throws: GeneratorError.self) {
      try WorkspaceGenerator.generate(
        GeneratorOptions(units: 2, payments: 10, firstYear: 2023, lastYear: 2022), to: folder)
    }
    #expect(throws: GeneratorError.self) {
      try WorkspaceGenerator.generate(
        GeneratorOptions(units: 2, payments: 10, firstYear: 2023, lastYear: 2023, linesPerUnit: 501),
        to: folder)
    }
    #expect(!FileManager.default.fileExists(atPath: folder))
  }
}

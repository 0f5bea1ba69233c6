import BudgetCore
import Testing

@testable import BudgetIO

@Suite struct PlanReaderTests {
  @Test func readsAFullPlan() throws {
    let plan = try PlanReader.read(yaml: validPlan, file: "plan.yaml")
    #expect(plan.info.name == "Kế hoạch truyền thông 2021-2025")
    #expect(plan.info.issuer == "UBND huyện Chiêm Hóa")
    #expect(plan.info.years == 2021...2025)
    #expect(plan.sources.map(\.code) == ["TW", "TINH", "LG"])
    #expect(plan.sources[0].carryOverYears == 1 && plan.sources[1].carryOverYears == 0)
    #expect(plan.sources[2].kind == .pooled && plan.sources[2].programme == "CTMTQG giảm nghèo bền vững")
    #expect(plan.sources[0].location == SourceLocation(file: "plan.yaml", line: 9))
    #expect(plan.units.map(\.parent) == [nil, "HUYEN"])
    #expect(plan.projects.map(\.code) == ["DA10", "DA10.1"])
    #expect(plan.activities[0].eligibleSources == ["TW", "TINH"])
    #expect(plan.activities[0].unitCostMax == Money(dong: 7_000_000))
    #expect(plan.activities[1].eligibleSources == nil)
    #expect(plan.activities[1].unitCostMax == Money(dong: 150_000))
    // A pooled source as counterpart is the engine's finding, not an input error.
    #expect(plan.counterpartRules[0].local == ["TINH", "LG"])
    #expect(plan.counterpartRules[0].minPercent == Percent(hundredths: 1250))
    #expect(plan.severityOverrides == [.counterpartShort: .warning, .unspent: .off])
    #expect(plan.file == "plan.yaml")
  }

  @Test func unknownKeyIsNamedWithItsLine() {
    let errors = planErrors(validPlan.replacingOccurrences(of: "sources:\n", with: "sorces:\n"))
    expectError(errors, file: "plan.yaml", line: 8, column: 1, mentions: ["sorces", "8", "sources"])
    let nested = planErrors(
      validPlan.replacingOccurrences(of: "    carry_over_years: 1", with: "    carry_years: 1"))
    expectError(nested, file: "plan.yaml", line: 12, mentions: ["carry_years", "carry_over_years"])
  }

  @Test func missingRequiredKey() {
    let errors = planErrors(validPlan.replacingOccurrences(of: "  first_year: 2021\n", with: ""))
    expectError(errors, file: "plan.yaml", line: 2, mentions: ["first_year"])
  }

  @Test func duplicateCodeNamesBothLines() {
    let yaml = validPlan.replacingOccurrences(of: "  - code: TINH", with: "  - code: TW")
    let errors = planErrors(yaml)
    expectError(errors, file: "plan.yaml", line: 13, mentions: ["TW", "9", "13"])
  }

  @Test func badKind() {
    let errors = planErrors(validPlan.replacingOccurrences(of: "kind: provincial", with: "kind: province"))
    expectError(errors, file: "plan.yaml", line: 15, mentions: ["province", "provincial"])
  }

  @Test func pooledWithoutProgramme() {
    let errors = planErrors(
      validPlan.replacingOccurrences(of: "    programme: \"CTMTQG giảm nghèo bền vững\"\n", with: ""))
    expectError(errors, file: "plan.yaml", line: 16, mentions: ["LG", "programme"])
  }

  @Test func parentCycle() {
    let yaml = validPlan.replacingOccurrences(
      of: "  - code: HUYEN\n    name: \"UBND huyện\"\n",
      with: "  - code: HUYEN\n    name: \"UBND huyện\"\n    parent: PDT\n")
    let errors = planErrors(yaml)
    #expect(errors.count == 1)
    expectError(errors, file: "plan.yaml", line: 23, mentions: ["HUYEN", "PDT"])
  }

  @Test func unknownReferences() {
    var yaml = validPlan.replacingOccurrences(of: "project: DA10.1", with: "project: DA11")
    yaml = yaml.replacingOccurrences(of: "sources: [TW, TINH]", with: "sources: [TW, XA]")
    yaml = yaml.replacingOccurrences(of: "parent: HUYEN", with: "parent: TINH")
    yaml = yaml.replacingOccurrences(of: "local: [TINH, LG]", with: "local: [TINH, HUYEN]")
    let errors = planErrors(yaml)
    #expect(errors.count == 4)
    expectError(errors, file: "plan.yaml", line: 25, mentions: ["TINH"])
    expectError(errors, file: "plan.yaml", line: 35, mentions: ["DA11"])
    expectError(errors, file: "plan.yaml", line: 36, mentions: ["XA"])
    expectError(errors, file: "plan.yaml", line: 44, mentions: ["HUYEN"])
  }

  @Test func centralMustBeOfKindCentral() {
    let errors = planErrors(validPlan.replacingOccurrences(of: "central: TW", with: "central: TINH"))
    expectError(errors, file: "plan.yaml", line: 43, mentions: ["TINH", "central"])
  }

  @Test(arguments: ["100.5", "10.555", "-1", "abc", "101", "1e1", "10,5"])
  func badMinPercent(value: String) {
    let errors = planErrors(
      validPlan.replacingOccurrences(of: "min_percent: 12.5", with: "min_percent: \(value)"))
    expectError(errors, file: "plan.yaml", line: 45, mentions: [value, "min_percent"])
  }

  @Test func minPercentIsExact() {
    #expect(PlanPercent.parse("10") == Percent(hundredths: 1000))
    #expect(PlanPercent.parse("0.05") == Percent(hundredths: 5))
    #expect(PlanPercent.parse("100") == Percent(hundredths: 10_000))
    #expect(PlanPercent.parse("33.3") == Percent(hundredths: 3330))
  }

  @Test func badChecksEntries() {
    let yaml = validPlan.replacingOccurrences(of: "UNSPENT: off", with: "UNSPEND: off\n  OVERSPEND: loud")
    let errors = planErrors(yaml)
    expectError(errors, file: "plan.yaml", line: 48, mentions: ["UNSPEND"])
    expectError(errors, file: "plan.yaml", line: 49, mentions: ["loud", "warning"])
  }

  /// Lowering these let rows whose code the plan lacks count, and the settlement tables (grouped by the
  /// plan's catalogues) then stopped the program on their total check; now the plan is refused.
  @Test(arguments: ["UNKNOWN_SOURCE: warning", "UNKNOWN_ACTIVITY: info", "UNKNOWN_UNIT: off"])
  func codesThePlanLacksCannotBeLowered(entry: String) {
    let errors = planErrors(validPlan.replacingOccurrences(of: "UNSPENT: off", with: entry))
    let code = String(entry.prefix(while: { $0 != ":" }))
    expectError(errors, file: "plan.yaml", line: 48, mentions: [code, "error"])
    #expect(planErrors(validPlan.replacingOccurrences(of: "UNSPENT: off", with: code + ": error")).isEmpty)
  }

  @Test func badUnitCostMax() {
    let errors = planErrors(
      validPlan.replacingOccurrences(of: "unit_cost_max: 150000", with: "unit_cost_max: 1.5"))
    expectError(errors, file: "plan.yaml", line: 41, mentions: ["1.5"])
  }

  @Test func yamlSyntaxError() {
    let errors = planErrors("plan:\n  name: \"x\n  first_year: 2021\n")
    #expect(errors.count == 1)
    let error = errors.errors.first
    #expect(error?.location?.file == "plan.yaml")
    #expect((error?.location?.line ?? 0) >= 2)
    #expect(error?.message.vi.contains("YAML") == true && error?.message.en.contains("YAML") == true)
  }

  @Test func yearsAreCheckedAndOrdered() {
    let errors = planErrors(validPlan.replacingOccurrences(of: "last_year: 2025", with: "last_year: 2019"))
    expectError(errors, file: "plan.yaml", line: 7, mentions: ["2019", "2021"])
    let outOfRange = planErrors(
      validPlan.replacingOccurrences(of: "first_year: 2021", with: "first_year: 1990"))
    expectError(outOfRange, file: "plan.yaml", line: 6, mentions: ["1990"])
  }

  @Test func severalErrorsInOneFileAreAllReported() {
    var yaml = validPlan.replacingOccurrences(of: "kind: provincial", with: "kind: province")
    yaml = yaml.replacingOccurrences(of: "  - code: PDT", with: "  - code: pdt")
    yaml = yaml.replacingOccurrences(of: "COUNTERPART_SHORT: warning", with: "COUNTERPART_SHORT: maybe")
    yaml = yaml.replacingOccurrences(of: "  place:", with: "  plaec:")
    let errors = planErrors(yaml)
    #expect(errors.count == 4)
    expectError(errors, file: "plan.yaml", line: 5, mentions: ["plaec"])
    expectError(errors, file: "plan.yaml", line: 15, mentions: ["province"])
    expectError(errors, file: "plan.yaml", line: 23, mentions: ["pdt"])
    expectError(errors, file: "plan.yaml", line: 47, mentions: ["maybe"])
  }

  @Test func atLeastOneSource() {
    let errors = planErrors("plan:\n  name: x\n  first_year: 2021\n  last_year: 2022\nsources: []\n")
    expectError(errors, file: "plan.yaml", line: 5, mentions: ["sources"])
  }
}

import BudgetCore
import BudgetIO
import Testing

/// plan.yaml `progress:` (read by BudgetIO/PlanReader+Progress.swift): the pace, its default and its
/// located errors in both languages.
@Suite struct ProgressPlanTests {
  static let base = """
    plan:
      name: "Kế hoạch"
      first_year: 2021
      last_year: 2025
    sources:
      - {code: TW, name: "Trung ương", kind: central}
    """

  static func errors(_ yaml: String) -> [InputError] {
    do {
      _ = try PlanReader.read(yaml: yaml, file: "plan.yaml")
      return []
    } catch let errors as InputErrors {
      return errors.errors
    } catch {
      return []
    }
  }

  @Test func withoutAProgressSectionThePaceIs40And70() throws {
    let plan = try PlanReader.read(yaml: Self.base, file: "plan.yaml")
    #expect(plan.progressPace == .standard)
    #expect(plan.progressPace.byJune30 == Percent(whole: 40))
    #expect(plan.progressPace.bySeptember30 == Percent(whole: 70))
  }

  @Test func aPlansOwnPace() throws {
    let plan = try PlanReader.read(
      yaml: Self.base + "\nprogress:\n  by_30_06: 45.5\n  by_30_09: 80\n", file: "plan.yaml")
    #expect(plan.progressPace.byJune30 == Percent(hundredths: 4550))
    #expect(plan.progressPace.bySeptember30 == Percent(whole: 80))
    #expect(plan.progressPace.location == SourceLocation(file: "plan.yaml", line: 7))
    // A key left out keeps its default.
    let half = try PlanReader.read(yaml: Self.base + "\nprogress: {by_30_09: 75}\n", file: "plan.yaml")
    #expect(half.progressPace.byJune30 == Percent(whole: 40))
    #expect(half.progressPace.bySeptember30 == Percent(whole: 75))
  }

  @Test(arguments: ["140", "-5", "40%", "4.567", "forty", "[40]"])
  func aBadShareIsALocatedErrorInBothLanguages(value: String) throws {
    let errors = Self.errors(Self.base + "\nprogress:\n  by_30_06: \(value)\n")
    let error = try #require(errors.first)
    #expect(errors.count == 1)
    #expect(error.location?.file == "plan.yaml" && error.location?.line == 8)
    #expect(error.location?.column == 13)
    #expect(error.message.vi.contains("by_30_06") && error.message.vi.contains("từ 0 đến 100"))
    #expect(error.message.en.contains("by_30_06") && error.message.en.contains("from 0 to 100"))
  }

  @Test func june30AboveSeptember30IsRefused() throws {
    let errors = Self.errors(Self.base + "\nprogress:\n  by_30_06: 80\n  by_30_09: 60\n")
    let error = try #require(errors.first)
    #expect(errors.count == 1)
    #expect(error.location?.line == 9)
    #expect(
      error.message.vi.contains("80") && error.message.vi.contains("60")
        && error.message.en.contains("must not exceed"))
    // Against the default 70 % too.
    let againstDefault = Self.errors(Self.base + "\nprogress: {by_30_06: 75}\n")
    #expect(againstDefault.count == 1 && againstDefault.first?.location?.line == 7)
  }

  @Test func anUnknownKeyIsNamed() throws {
    let errors = Self.errors(Self.base + "\nprogress:\n  by_31_12: 100\n")
    let error = try #require(errors.first)
    #expect(error.location?.line == 8)
    #expect(error.message.vi.contains("by_31_12") && error.message.en.contains("by_30_06, by_30_09"))
  }
}

import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

private let file = "scenarios/s.yaml"

private func scenarioErrors(_ yaml: String) -> InputErrors {
  inputErrors { _ = try ScenarioReader.read(yaml: yaml, file: file) }
}

@Suite("Scenario reader")
struct ScenarioReaderTests {
  @Test("Every operation of the issue's example is read with its location")
  func fullExample() throws {
    let scenario = try ScenarioReader.read(
      yaml: """
        scenario:
          name: "Tỉnh giảm 30% đối ứng"
          year: 2024
          round_to: 1000
        operations:
          - scale:   {source: TINH, percent: -30}
          - move:    {from: {source: TW, activity: PT, unit: VHTT},
                      to:   {source: TW, activity: PANO, unit: PDT}, amount: 50000000}
          - set:     {line: {source: HUYEN, activity: PANO, unit: PDT}, amount: "20.000.000"}
          - distribute:
              source: TW
              activity: PT
              amount: 1000000000
              over: {XA1: 3, XA2: 2, XA3: 1}
              min: 100000000
              max: 600000000
          - cofinance: {activity: PANO, unit: PDT, total: 100000000, shares: {TW: 90, HUYEN: 10}}
        """, file: file)
    #expect(scenario.name == "Tỉnh giảm 30% đối ứng")
    #expect(scenario.year == 2024)
    #expect(scenario.roundToDong == 1000)
    #expect(scenario.yearLocation == SourceLocation(file: file, line: 3, column: 9))
    #expect(scenario.operations.map(\.name) == ["scale", "move", "set", "distribute", "cofinance"])
    #expect(scenario.operations.map(\.location.line) == [6, 7, 9, 10, 17])
    guard case .scale(let filter, let percent) = scenario.operations[0].kind else {
      Issue.record("not a scale")
      return
    }
    #expect(filter == LineFilter(source: "TINH"))
    #expect(percent == Percent(whole: -30))
    guard case .move(let from, let to, let amount) = scenario.operations[1].kind else { return }
    #expect(from == ScenarioLine(source: "TW", activity: "PT", unit: "VHTT"))
    #expect(to == ScenarioLine(source: "TW", activity: "PANO", unit: "PDT"))
    #expect(amount == Money(dong: 50_000_000))
    guard case .set(_, let setAmount) = scenario.operations[2].kind else { return }
    #expect(setAmount == Money(dong: 20_000_000))
    guard
      case .distribute(let source, _, let total, let over, let minimum, let maximum) = scenario.operations[3]
        .kind
    else { return }
    #expect(source == "TW")
    #expect(total == Money(dong: 1_000_000_000))
    #expect(over.map(\.unit) == ["XA1", "XA2", "XA3"])
    #expect(over.map(\.weight) == [3, 2, 1])
    #expect(minimum == Money(dong: 100_000_000))
    #expect(maximum == Money(dong: 600_000_000))
    guard case .cofinance(_, _, _, let shares) = scenario.operations[4].kind else { return }
    #expect(shares.map(\.source) == ["TW", "HUYEN"])
    #expect(shares.map(\.share) == [Percent(whole: 90), Percent(whole: 10)])
  }

  @Test("round_to defaults to 1000 and percent takes two decimals")
  func defaults() throws {
    let scenario = try ScenarioReader.read(
      yaml: """
        scenario: {name: "x", year: 2023}
        operations:
          - scale: {percent: 12.5}
        """, file: file)
    #expect(scenario.roundToDong == 1000)
    guard case .scale(let filter, let percent) = scenario.operations[0].kind else { return }
    #expect(filter == LineFilter())
    #expect(percent == Percent(hundredths: 1250))
  }

  @Test("Unknown keys and operations are refused where they are written")
  func unknownKeys() {
    let errors = scenarioErrors(
      """
      scenario:
        name: "x"
        year: 2023
        rounding: 1000
      operations:
        - scale: {source: TINH, percnt: -30}
        - grow: {source: TW}
      """)
    expectError(errors, file: file, line: 4, column: 3, mentions: ["rounding", "round_to"])
    expectError(errors, file: file, line: 6, column: 27, mentions: ["percnt"])
    expectError(errors, file: file, line: 7, column: 5, mentions: ["grow", "distribute"])
  }

  @Test("Bad values name what was expected")
  func badValues() {
    let errors = scenarioErrors(
      """
      scenario:
        name: "x"
        year: 1999
      operations:
        - scale: {source: tinh, percent: -130}
        - set: {line: {source: TW, activity: PANO}, amount: 1.5}
        - cofinance: {activity: PANO, unit: PDT, total: 100, shares: {TW: 90, HUYEN: 5}}
        - distribute: {source: TW, activity: PT, amount: 1000, over: {XA1: 0}}
      """)
    expectError(errors, file: file, line: 3, mentions: ["1999"])
    expectError(errors, file: file, line: 5, column: 21, mentions: ["tinh"])
    expectError(errors, file: file, line: 5, column: 36, mentions: ["-130"])
    expectError(errors, file: file, line: 6, column: 17, mentions: ["unit"])
    expectError(errors, file: file, line: 6, column: 55, mentions: ["1.5"])
    expectError(errors, file: file, line: 7, mentions: ["95"])
    expectError(errors, file: file, line: 8, mentions: ["'0'"])
  }

  @Test("Missing sections and syntax errors are located")
  func structure() {
    expectError(
      scenarioErrors("operations:\n  - scale: {percent: 1}\n"), file: file, line: 1, mentions: ["scenario"])
    expectError(
      scenarioErrors("scenario: {name: x, year: 2023}\n"), file: file, line: 1, mentions: ["operations"])
    expectError(scenarioErrors("scenario: {name: x, year: 2023\noperations: []\n"), file: file, line: 2)
    expectError(
      scenarioErrors("scenario: {name: x, year: 2023}\noperations:\n  - {scale: {percent: 1}, set: {}}\n"),
      file: file, line: 3, mentions: ["scale"])
  }
}

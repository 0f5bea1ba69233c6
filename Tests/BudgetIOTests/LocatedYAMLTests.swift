import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

/// Every YAML file kinhphi reads goes through one located-YAML layer: anchors and aliases refused
/// before anything is composed, syntax errors at their real line and column, no raw control byte in
/// a message, and a file that cannot be opened named with the reason (and no line).
@Suite struct LocatedYAMLTests {
  /// A nine-level alias chain whose last alias is a mapping key: expanded, the key holds 10^9
  /// scalars, and comparing keys for duplicates never finishes. It must be refused, not composed.
  static func aliasChain(indent: String) -> String {
    var lines = ["\(indent)? &a0 [x, x, x, x, x, x, x, x, x, x]", "\(indent): off"]
    for level in 1...9 {
      let items = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
      lines += ["\(indent)? &a\(level) [\(items)]", "\(indent): off"]
    }
    lines += ["\(indent)? *a9", "\(indent): off"]
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func anAliasChainUnderChecksIsRefusedAtTheFirstAnchor() throws {
    let yaml = validPlan + Self.aliasChain(indent: "  ")
    let line = validPlan.split(separator: "\n", omittingEmptySubsequences: false).count
    let errors = planErrors(yaml)
    #expect(errors.count == 1)
    expectError(errors, file: "plan.yaml", line: line, column: 5, mentions: ["'&a0'"])
  }

  @Test func aliasesAreRefusedInScenariosSuccessorsAndTheExcelSection() throws {
    let scenario = """
      scenario:
        name: &n "Giảm"
        year: 2023
      operations: []
      """
    let scenarioErrors = inputErrors { _ = try ScenarioReader.read(yaml: scenario, file: "s.yaml") }
    expectError(scenarioErrors, file: "s.yaml", line: 2, column: 9, mentions: ["'&n'"])

    let successors = "successors:\n  - {unit: PDT, to: X}\n  - *a\n"
    let successorErrors = inputErrors {
      _ = try SuccessorsReader.read(yaml: successors, file: "successors.yaml")
    }
    // An alias to an anchor that was never defined is refused the same way, before composing.
    expectError(successorErrors, file: "successors.yaml", line: 3, column: 5, mentions: ["'*a'"])

    // WorkspaceSheetNames reads plan.yaml a second time: it must not hang either.
    var errors = InputErrors()
    let names = WorkspaceSheetNames.read(
      yaml: validPlan + Self.aliasChain(indent: "  "), file: "plan.yaml", errors: &errors)
    #expect(names == WorkspaceSheetNames())
  }

  @Test func aControlCharacterIsLocatedAtItsLineAndColumnAndShownEscaped() throws {
    // Line 3, after `  issuer: "ab`: column 14.
    let yaml = validPlan.replacingOccurrences(
      of: "  issuer: \"UBND huyện Chiêm Hóa\"", with: "  issuer: \"ab\u{1}c\"")
    let errors = planErrors(yaml)
    let error = expectError(errors, file: "plan.yaml", line: 3, column: 14, mentions: ["U+0001"])
    #expect(error?.message.vi.unicodeScalars.contains { $0.value < 0x20 } == false)
    #expect(error?.message.en.unicodeScalars.contains { $0.value < 0x20 } == false)
  }

  @Test func aSyntaxErrorIsLocatedWhereYamlFoundIt() throws {
    // Line 6 is `  first_year: 2021`; the second ':' (column 19) is where libyaml stops.
    let yaml = validPlan.replacingOccurrences(of: "  first_year: 2021", with: "  first_year: 2021: x")
    let errors = planErrors(yaml)
    #expect(errors.count == 1)
    let error = expectError(errors, file: "plan.yaml", line: 6, column: 19)
    #expect(error?.message.vi.contains("dòng 6, cột 19: không được viết 'khóa: giá trị' ở chỗ này") == true)
    #expect(error?.message.en.contains("line 6, column 19") == true)
  }

  @Test func aFileThatCannotBeOpenedIsNamedWithTheReasonAndNoLine() throws {
    let missing = inputErrors {
      _ = try ScenarioReader.read(path: "/nonexistent/nope.yaml", file: "nope.yaml")
    }
    let error = try #require(missing.errors.first)
    #expect(error.location == nil)
    #expect(
      error.message.vi.contains("/nonexistent/nope.yaml") && error.message.vi.contains("không tìm thấy"))
    #expect(error.message.en.contains("not found"))

    let folder = FileManager.default.temporaryDirectory.path
    let directory = inputErrors { _ = try SuccessorsReader.read(path: folder) }
    #expect(directory.errors.first?.location == nil)
    #expect(directory.errors.first?.message.en.contains("it is a folder") == true)
  }
}

import BudgetCore
import Foundation
import LocatedYAML
import Testing
import Yams

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

  /// Lines and columns are 1-based in every YAML file kinhphi reads (plan, scenario, successors map,
  /// and any other LocatedYAMLReader): the same kind of place gives the same numbers, and a problem of
  /// the whole file is line 1 with no column (never line 0).
  @Test func everyReaderNumbersLinesAndColumnsFromOne() throws {
    // An unknown key as the second line's first key, indented by two: line 2, column 3 everywhere.
    func unknownKey(_ errors: InputErrors, _ key: String) -> BudgetCore.SourceLocation? {
      errors.errors.first { $0.message.en.contains("Unknown key '\(key)' on line 2") }?.location
    }
    #expect(
      unknownKey(planErrors("plan:\n  nme: x\n"), "nme")
        == SourceLocation(file: "plan.yaml", line: 2, column: 3))
    let scenario = inputErrors {
      _ = try ScenarioReader.read(yaml: "scenario:\n  nme: x\noperations: []\n", file: "s.yaml")
    }
    #expect(unknownKey(scenario, "nme") == SourceLocation(file: "s.yaml", line: 2, column: 3))
    let successors = inputErrors {
      _ = try SuccessorsReader.read(yaml: "handover:\n  dat: x\nsuccessors: []\n", file: "m.yaml")
    }
    #expect(unknownKey(successors, "dat") == SourceLocation(file: "m.yaml", line: 2, column: 3))

    // An empty file: the file as a whole, line 1 without a column.
    for errors in [
      planErrors(""), inputErrors { _ = try ScenarioReader.read(yaml: "", file: "plan.yaml") },
      inputErrors { _ = try SuccessorsReader.read(yaml: "", file: "plan.yaml") },
    ] {
      let error = expectError(errors, file: "plan.yaml", line: 1)
      #expect(error?.location?.column == nil)
      #expect(error?.location?.place == .text(line: 1, column: nil))
    }
  }

  /// A reader outside BudgetIO (as the report templates' is) gets the same helpers and numbering.
  @Test func aReaderOfAnotherModuleSharesTheHelpers() throws {
    struct TemplateLike: LocatedYAMLReader {
      let file = "t.yaml"
      var errors = InputErrors()
    }
    var reader = TemplateLike()
    let composed = reader.compose("sheets:\n  - kind: x\n    size: 7a\n", empty: "vi", "en")
    let root = try #require(composed)
    let sheet = try #require(root.mapping?["sheets"]?.sequence?.first)
    let entries = reader.entries(sheet, allowed: ["kind"], context: "sheets")
    let fields = try #require(entries)
    #expect(fields["kind"].map { reader.text($0.value) } == "x")
    expectError(reader.errors, file: "t.yaml", line: 3, column: 5, mentions: ["'size'", "3"])
    #expect(reader.location(nil) == SourceLocation(file: "t.yaml", line: 1))
    #expect(reader.lineLocation(sheet) == SourceLocation(file: "t.yaml", line: 2))
    _ = reader.compose("", empty: "các trang", "the sheets")
    let empty = expectError(reader.errors, file: "t.yaml", line: 1)
    #expect(empty?.message.vi == "Tệp trống: cần các trang.")
    #expect(empty?.message.en == "The file is empty: expected the sheets.")
  }

  /// plan.yaml is composed once: the plan and its `excel:` sheet names come from the same read, and
  /// a syntax error is reported once.
  @Test func thePlanAndItsSheetNamesComeFromOneRead() throws {
    var errors = InputErrors()
    let read = PlanReader.readWithSheetNames(
      yaml: validPlan + "excel:\n  spending_sheet: Chi tiết\n", file: "plan.yaml", errors: &errors)
    #expect(errors.isEmpty, "\(errors)")
    #expect(read.plan?.info.lastYear == 2025)
    #expect(read.sheets == WorkspaceSheetNames(spending: "Chi tiết"))

    var broken = InputErrors()
    let none = PlanReader.readWithSheetNames(yaml: "plan: [\n", file: "plan.yaml", errors: &broken)
    #expect(none.plan == nil && none.sheets == WorkspaceSheetNames())
    #expect(broken.count == 1, "\(broken)")
  }
}

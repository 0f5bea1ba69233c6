import BudgetCore
import Foundation
import Testing

@testable import SettlementReports

/// Templates go through the shared located-YAML layer: anchors and aliases refused (an alias chain
/// used as a key no longer hangs), syntax errors at their line and column (never line 0).
@Suite struct TemplateYAMLTests {
  static func errors(_ yaml: String) -> [InputError] {
    do {
      _ = try TemplateReader.parse(yaml: yaml, file: "t.yaml")
      return []
    } catch let errors as InputErrors {
      return errors.errors
    } catch {
      Issue.record("unexpected \(error)")
      return []
    }
  }

  @Test func anAliasChainIsRefusedAtTheFirstAnchor() throws {
    var yaml = "document:\n  font: Times\nsheets:\n  - kind: by_source\n    name: A\n    columns:\n"
    yaml += "      ? &a0 [x, x, x, x, x, x, x, x, x, x]\n      : off\n"
    for level in 1...9 {
      yaml +=
        "      ? &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
        + "]\n      : off\n"
    }
    yaml += "      ? *a9\n      : off\n"
    let found = Self.errors(yaml)
    #expect(found.count == 1)
    #expect(found.first?.location == SourceLocation(file: "t.yaml", line: 7, column: 9))
    #expect(found.first?.message.vi.contains("'&a0'") == true)
    #expect(found.first?.message.en.contains("anchor '&a0'") == true)
  }

  @Test func aSyntaxErrorHasItsLineAndColumn() throws {
    let found = Self.errors("document:\n  font: Times\n  size: 12: 13\n")
    #expect(found.first?.location == SourceLocation(file: "t.yaml", line: 3, column: 11))
    #expect(found.first?.message.en.contains("line 3, column 11") == true)
  }
}

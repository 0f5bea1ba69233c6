import BudgetCore
import Testing

@Suite struct FindingSeverityTests {
  static func finding(_ code: FindingCode, _ severity: Severity) -> Finding {
    Finding(code: code, severity: severity, message: LocalizedText(vi: "x", en: "x"))
  }

  /// Only severity error blocks, whatever the code's default: plan.yaml's `checks:` can make an
  /// overspend a warning and UNSPENT an error.
  @Test func onlyErrorsCountAsErrorFindings() {
    let findings = [
      Self.finding(.overspend, .warning), Self.finding(.unspent, .error), Self.finding(.overspend, .error),
      Self.finding(.unspent, .info),
    ]
    #expect(findings.errorCount == 2)
    #expect(findings.errorFindings.map(\.code) == [.unspent, .overspend])
    #expect(findings.filter { $0.severity != .error }.errorCount == 0)
    #expect([Finding]().errorFindings.isEmpty)
  }
}

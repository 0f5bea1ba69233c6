import BudgetCore

/// The plan's `checks:` overrides, resolved once: which severity each finding code gets, or none when
/// the officer switched it off.
struct SeverityPolicy: Sendable {
  /// Indexed by the position of the code in `FindingCode.allCases`; nil = off.
  private let severityByCode: [Severity?]

  init(_ overrides: [FindingCode: SeverityOverride]) {
    severityByCode = FindingCode.allCases.map { code in
      switch overrides[code] {
      case nil: code.defaultSeverity
      case .error: .error
      case .warning: .warning
      case .info: .info
      case .off: nil
      }
    }
  }

  /// The effective severity, or nil when the code is switched off.
  func severity(of code: FindingCode) -> Severity? {
    severityByCode[code.catalogueIndex]
  }

  /// A row with this finding is left out of the figures only while the finding is an error about the
  /// row itself: a downgraded (or switched-off) INELIGIBLE_SOURCE lets the row count.
  func excludesRow(_ code: FindingCode) -> Bool {
    code.excludesRow && severity(of: code) == .error
  }

  /// Applies the overrides: new severities, switched-off findings dropped.
  func apply(_ findings: [Finding]) -> [Finding] {
    findings.compactMap { finding in
      guard let severity = severity(of: finding.code) else { return nil }
      return severity == finding.severity ? finding : finding.with(severity: severity)
    }
  }
}

extension FindingCode {
  /// Position in the catalogue of docs/workspace-format.md, "Findings" (the declaration order); also the sort order of codes.
  var catalogueIndex: Int {
    switch self {
    case .unknownSource: 0
    case .unknownActivity: 1
    case .unknownUnit: 2
    case .ineligibleSource: 3
    case .yearOutsidePlan: 4
    case .paymentOutsideWindow: 5
    case .duplicateID: 6
    case .possibleDuplicate: 7
    case .badReversal: 8
    case .badAdvanceSettlement: 9
    case .unbudgeted: 10
    case .overspend: 11
    case .drawnOverAvailable: 12
    case .counterpartShort: 13
    case .pooledAsCounterpart: 14
    case .normExceeded: 15
    case .missingDecision: 16
    case .carryInMismatch: 17
    case .advanceNotCarriedIn: 18
    case .advanceOpen: 19
    case .unspent: 20
    case .missingBudgetCode: 21
    }
  }
}

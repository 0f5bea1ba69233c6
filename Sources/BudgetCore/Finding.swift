/// How serious a finding is. `error` findings make `check` exit with status 1.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
  case error
  case warning
  case info

  /// Errors first when findings are listed.
  public static func < (lhs: Severity, rhs: Severity) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }

  public var title: LocalizedText {
    switch self {
    case .error: LocalizedText(vi: "Lỗi", en: "Error")
    case .warning: LocalizedText(vi: "Cảnh báo", en: "Warning")
    case .info: LocalizedText(vi: "Thông tin", en: "Info")
    }
  }
}

/// The stable finding codes of docs/workspace-format.md, "Findings". Never renamed, never reused.
public enum FindingCode: String, Sendable, CaseIterable, Codable {
  case unknownSource = "UNKNOWN_SOURCE"
  case unknownActivity = "UNKNOWN_ACTIVITY"
  case unknownUnit = "UNKNOWN_UNIT"
  case ineligibleSource = "INELIGIBLE_SOURCE"
  case yearOutsidePlan = "YEAR_OUTSIDE_PLAN"
  case paymentOutsideWindow = "PAYMENT_OUTSIDE_WINDOW"
  case duplicateID = "DUPLICATE_ID"
  case possibleDuplicate = "POSSIBLE_DUPLICATE"
  case badReversal = "BAD_REVERSAL"
  case badAdvanceSettlement = "BAD_ADVANCE_SETTLEMENT"
  case unbudgeted = "UNBUDGETED"
  case overspend = "OVERSPEND"
  case drawnOverAvailable = "DRAWN_OVER_AVAILABLE"
  case counterpartShort = "COUNTERPART_SHORT"
  case pooledAsCounterpart = "POOLED_AS_COUNTERPART"
  case normExceeded = "NORM_EXCEEDED"
  case missingDecision = "MISSING_DECISION"
  case carryInMismatch = "CARRY_IN_MISMATCH"
  case advanceNotCarriedIn = "ADVANCE_NOT_CARRIED_IN"
  case advanceOpen = "ADVANCE_OPEN"
  case unspent = "UNSPENT"
  /// An official form was written without a budget classification code it prints (raised by the
  /// forms' writer, never by `check`).
  case missingBudgetCode = "MISSING_BUDGET_CODE"

  public var defaultSeverity: Severity {
    switch self {
    case .possibleDuplicate, .counterpartShort, .normExceeded, .missingDecision, .advanceOpen,
      .missingBudgetCode:
      .warning
    case .unspent: .info
    default: .error
    }
  }

  /// A row naming a source, activity or unit the plan lacks: such rows can never count (no table has a
  /// place for them), so `checks:` cannot lower these codes below error.
  public static let namesACodeThePlanLacks: Set<FindingCode> = [
    .unknownSource, .unknownActivity, .unknownUnit,
  ]

  /// Whether the finding is about a row itself; such rows are left out of the figures while the
  /// finding's severity is `error` (docs/workspace-format.md, "Settlement arithmetic").
  public var excludesRow: Bool {
    switch self {
    case .unknownSource, .unknownActivity, .unknownUnit, .ineligibleSource, .yearOutsidePlan,
      .paymentOutsideWindow, .duplicateID, .badReversal, .badAdvanceSettlement:
      true
    default: false
    }
  }
}

/// Something the checks found in the data. Carries what applies: the line, the amount, the row.
public struct Finding: Hashable, Sendable {
  public let code: FindingCode
  public let severity: Severity
  public let year: Int?
  public let source: SourceCode?
  public let activity: ActivityCode?
  public let unit: UnitCode?
  /// The amount the finding is about (the excess, the shortfall, the row's amount, …).
  public let amount: Money?
  /// The row's file and line, for row-level findings.
  public let location: SourceLocation?
  /// The spending row id, for spending rows.
  public let rowID: String?
  /// What happened and what to do about it.
  public let message: LocalizedText

  public init(
    code: FindingCode, severity: Severity? = nil, year: Int? = nil, source: SourceCode? = nil,
    activity: ActivityCode? = nil, unit: UnitCode? = nil, amount: Money? = nil,
    location: SourceLocation? = nil, rowID: String? = nil, message: LocalizedText
  ) {
    self.code = code
    self.severity = severity ?? code.defaultSeverity
    self.year = year
    self.source = source
    self.activity = activity
    self.unit = unit
    self.amount = amount
    self.location = location
    self.rowID = rowID
    self.message = message
  }

  public init(
    code: FindingCode, line: LineKey, amount: Money?, location: SourceLocation? = nil,
    rowID: String? = nil, message: LocalizedText
  ) {
    self.init(
      code: code, year: line.year, source: line.source, activity: line.activity, unit: line.unit,
      amount: amount, location: location, rowID: rowID, message: message)
  }

  /// The same finding with another severity (for `checks:` overrides).
  public func with(severity: Severity) -> Finding {
    Finding(
      code: code, severity: severity, year: year, source: source, activity: activity, unit: unit,
      amount: amount, location: location, rowID: rowID, message: message)
  }

  /// `TW · PANO · PDT`, or the parts that apply.
  public var lineDescription: String {
    [source?.rawValue, activity?.rawValue, unit?.rawValue].compactMap { $0 }.joined(separator: " · ")
  }
}

extension Sequence where Element == Finding {
  /// The findings of severity error (after plan.yaml's `checks:`): those that make a workbook a
  /// draft, refuse a year-end close and give exit status 1. The one place that says which block.
  public var errorFindings: [Finding] { filter { $0.severity == .error } }
  public var errorCount: Int { reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }
}

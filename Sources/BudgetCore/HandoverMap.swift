/// Where an abolished unit's balances go (the 2025 reform: district-level government ended on
/// 01/07/2025). Read from `successors.yaml`; the successor structure itself is a plan file (data).
public enum HandoverRule: Hashable, Sendable {
  /// Everything to one successor.
  case whole(UnitCode)
  /// Every balance split by percentage; the shares sum to exactly 100 %.
  case percentages([SuccessorShare])
  /// Each line to the successor of the first rule that matches it; unmatched lines go to `otherwise`.
  case byLine([SuccessorLineRule], otherwise: UnitCode?)
}

public struct SuccessorShare: Hashable, Sendable {
  public let successor: UnitCode
  public let percent: Percent

  public init(successor: UnitCode, percent: Percent) {
    self.successor = successor
    self.percent = percent
  }
}

/// A by-line rule: the lines of the old unit with this source and/or activity (nil = any).
public struct SuccessorLineRule: Hashable, Sendable {
  public let source: SourceCode?
  public let activity: ActivityCode?
  public let successor: UnitCode

  public init(source: SourceCode?, activity: ActivityCode?, successor: UnitCode) {
    self.source = source
    self.activity = activity
    self.successor = successor
  }

  public func matches(_ line: LineKey) -> Bool {
    (source == nil || source == line.source) && (activity == nil || activity == line.activity)
  }
}

public struct UnitHandover: Hashable, Sendable {
  public let unit: UnitCode
  public let rule: HandoverRule
  public let location: SourceLocation?

  public init(unit: UnitCode, rule: HandoverRule, location: SourceLocation? = nil) {
    self.unit = unit
    self.rule = rule
    self.location = location
  }
}

/// The whole map: which old units hand over, to whom, and the successor structure's plan.
public struct HandoverMap: Sendable {
  /// The handover date written in the map, if any (the command line's `--date` must agree).
  public let date: CivilDate?
  /// The successors' plan file, relative to the map file; its units must hold every successor.
  public let successorPlan: String?
  /// The decision that ordered the handover (shown on the schedule), if known.
  public let decision: String?
  public let units: [UnitHandover]
  public let file: String

  public init(
    date: CivilDate? = nil, successorPlan: String? = nil, decision: String? = nil, units: [UnitHandover],
    file: String = "successors.yaml"
  ) {
    self.date = date
    self.successorPlan = successorPlan
    self.decision = decision
    self.units = units
    self.file = file
  }

  /// Every successor named anywhere in the map, sorted.
  public var successors: [UnitCode] {
    var codes: Set<UnitCode> = []
    for entry in units {
      switch entry.rule {
      case .whole(let code): codes.insert(code)
      case .percentages(let shares): codes.formUnion(shares.map(\.successor))
      case .byLine(let rules, let otherwise):
        codes.formUnion(rules.map(\.successor))
        if let otherwise { codes.insert(otherwise) }
      }
    }
    return codes.sorted()
  }
}

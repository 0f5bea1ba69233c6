/// A what-if run (`WORKSPACE/scenarios/NAME.yaml`): operations applied in order to one budget year's
/// allocations (initial + supplement + adjustment). A scenario never edits the workspace: it builds a
/// derived ledger (base + overlay) and the same engine analyses it.
public struct Scenario: Sendable {
  public static let defaultRoundToDong: Int64 = 1000

  public let name: String
  public let year: Int
  /// Allocations are made in multiples of this many đồng.
  public let roundToDong: Int64
  public let operations: [ScenarioOperation]
  /// The scenario file, as named in messages.
  public let file: String
  /// Where `year` is written, for the "year outside the plan" error.
  public let yearLocation: SourceLocation

  public init(
    name: String, year: Int, roundToDong: Int64 = Scenario.defaultRoundToDong,
    operations: [ScenarioOperation], file: String, yearLocation: SourceLocation? = nil
  ) {
    self.name = name
    self.year = year
    self.roundToDong = roundToDong
    self.operations = operations
    self.file = file
    self.yearLocation = yearLocation ?? SourceLocation(file: file, line: 1)
  }

  /// The same scenario with other operations (a sweep replaces one value per run).
  public func with(operations: [ScenarioOperation]) -> Scenario {
    Scenario(
      name: name, year: year, roundToDong: roundToDong, operations: operations, file: file,
      yearLocation: yearLocation)
  }
}

/// One line of the scenario year, without the year: `source · activity · unit`.
public struct ScenarioLine: Hashable, Sendable {
  public let source: SourceCode
  public let activity: ActivityCode
  public let unit: UnitCode

  public init(source: SourceCode, activity: ActivityCode, unit: UnitCode) {
    self.source = source
    self.activity = activity
    self.unit = unit
  }

  public func key(year: Int) -> LineKey {
    LineKey(year: year, source: source, activity: activity, unit: unit)
  }
}

/// Which lines a `scale` touches: every code given must match; a code left out matches any.
public struct LineFilter: Hashable, Sendable {
  public let source: SourceCode?
  public let activity: ActivityCode?
  public let unit: UnitCode?

  public init(source: SourceCode? = nil, activity: ActivityCode? = nil, unit: UnitCode? = nil) {
    self.source = source
    self.activity = activity
    self.unit = unit
  }

  public func matches(_ key: LineKey) -> Bool {
    (source == nil || source == key.source) && (activity == nil || activity == key.activity)
      && (unit == nil || unit == key.unit)
  }
}

public struct ScenarioOperation: Sendable {
  public enum Kind: Sendable {
    /// Every matching line with a positive allocation × (100 % + percent), rounded so that the parts
    /// add up to the exactly rounded scaled total. −100 ≤ percent ≤ 100.
    case scale(LineFilter, percent: Percent)
    /// Takes `amount` from one line's allocation and adds it to another's.
    case move(from: ScenarioLine, to: ScenarioLine, amount: Money)
    /// Replaces a line's allocation (creating the line when needed).
    case set(ScenarioLine, amount: Money)
    /// Replaces the allocations of `source · activity · unit` for each unit of `over` with shares of
    /// `amount` by weight, each at least `minimum` and at most `maximum`.
    case distribute(
      source: SourceCode, activity: ActivityCode, amount: Money, over: [(unit: UnitCode, weight: Int64)],
      minimum: Money?, maximum: Money?)
    /// Replaces the allocations of `source · activity · unit` for each source of `shares` with its
    /// percentage of `total` (the shares add up to 100 %).
    case cofinance(
      activity: ActivityCode, unit: UnitCode, total: Money, shares: [(source: SourceCode, share: Percent)])
  }

  public let kind: Kind
  /// Where the operation is written in the scenario file.
  public let location: SourceLocation

  public init(_ kind: Kind, location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// The operation's name as written in the file (`scale`, `move`, …).
  public var name: String {
    switch kind {
    case .scale: "scale"
    case .move: "move"
    case .set: "set"
    case .distribute: "distribute"
    case .cofinance: "cofinance"
    }
  }
}

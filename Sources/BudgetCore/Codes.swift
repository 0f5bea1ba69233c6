/// A catalogue code (`TW`, `PDT`, `DA10.1`, …) typed by what it names, so a unit code can never be
/// passed where a source code is expected. The phantom `Tag` carries no data.
public struct Code<Tag>: Hashable, Comparable, Sendable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  public let rawValue: String

  public init(_ rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }

  public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }
  public var description: String { rawValue }

  /// docs/workspace-format.md, "plan.yaml": `[A-Z0-9._-]`, 1–32 characters.
  public static func isValid(_ text: String) -> Bool {
    guard !text.isEmpty, text.utf8.count <= Limits.codeLengthMax else { return false }
    return text.utf8.allSatisfy { byte in
      (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E
        || byte == 0x5F || byte == 0x2D
    }
  }
}

public enum SourceTag: Sendable {}
public enum UnitTag: Sendable {}
public enum ProjectTag: Sendable {}
public enum ActivityTag: Sendable {}

public typealias SourceCode = Code<SourceTag>
public typealias UnitCode = Code<UnitTag>
public typealias ProjectCode = Code<ProjectTag>
public typealias ActivityCode = Code<ActivityTag>

/// A budget line: every figure is computed per `year × source × activity × unit` (docs/workspace-format.md, "A workspace is a folder").
public struct LineKey: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let source: SourceCode
  public let activity: ActivityCode
  public let unit: UnitCode

  public init(year: Int, source: SourceCode, activity: ActivityCode, unit: UnitCode) {
    self.year = year
    self.source = source
    self.activity = activity
    self.unit = unit
  }

  public static func < (lhs: LineKey, rhs: LineKey) -> Bool {
    (lhs.year, lhs.source.rawValue, lhs.activity.rawValue, lhs.unit.rawValue)
      < (rhs.year, rhs.source.rawValue, rhs.activity.rawValue, rhs.unit.rawValue)
  }

  /// `TW · PANO · PDT`, the way findings name a line.
  public var description: String { "\(source) · \(activity) · \(unit)" }
}

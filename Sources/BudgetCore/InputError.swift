/// A problem with the user's files that makes them unusable: the run stops with exit status 2 and
/// writes nothing. (Problems the files can carry, such as overspending, are `Finding`s instead.)
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
  public let location: SourceLocation?
  public let message: LocalizedText

  public init(_ location: SourceLocation?, vi: String, en: String) {
    self.location = location
    self.message = LocalizedText(vi: vi, en: en)
  }

  public var description: String { "\(location.map { "\($0): " } ?? "")\(message.en)" }
}

/// Every input error found in one run, collected rather than thrown one at a time, so an officer
/// fixes a file in one pass. Only the first `Limits.inputErrorsReportedMax` are kept; `omittedCount`
/// says how many more there were.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
  public private(set) var errors: [InputError] = []
  public private(set) var omittedCount = 0

  public init() {}
  public init(_ errors: [InputError]) { errors.forEach { append($0) } }

  public var isEmpty: Bool { errors.isEmpty }
  public var count: Int { errors.count + omittedCount }

  public mutating func append(_ error: InputError) {
    if errors.count < Limits.inputErrorsReportedMax {
      errors.append(error)
    } else {
      omittedCount += 1
    }
  }

  public mutating func append(contentsOf other: InputErrors) {
    other.errors.forEach { append($0) }
    omittedCount += other.omittedCount
  }

  /// Throws `self` when anything was collected.
  public func throwIfAny() throws {
    if !isEmpty { throw self }
  }

  public var description: String { errors.map(\.description).joined(separator: "\n") }
}

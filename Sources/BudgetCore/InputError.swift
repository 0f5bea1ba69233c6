/// Where a value is in the user's files: a text file's line and column, or a workbook's sheet, row
/// and cell. Findings and input errors carry it so an officer can open the file at the right place.
/// Lines, rows and columns are 1-based everywhere (YAML, CSV and sheets alike).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  /// The place inside the file.
  public enum Place: Hashable, Sendable {
    /// A line of a text file (CSV, YAML); the column when known: the field's position in a CSV
    /// record, the character in a YAML line.
    case text(line: Int, column: Int?)
    /// A row of a workbook's sheet; the column (A = 1) when the place is one cell.
    case cell(sheet: String, row: Int, column: Int?)
  }

  /// The file as the user names it: "spending.csv", "xa-hoa-phu/spending.xlsx".
  public let path: String
  public let place: Place

  /// A place in a text file.
  public init(file: String, line: Int, column: Int? = nil) {
    path = file
    place = .text(line: line, column: column)
  }

  /// A row (or, with `column`, a cell) of a workbook's sheet.
  public init(workbook: String, sheet: String, row: Int, column: Int? = nil) {
    path = workbook
    place = .cell(sheet: sheet, row: row, column: column)
  }

  /// The file as messages, findings and JSON name it; a sheet follows its workbook after `!`, as
  /// Excel writes it ("spending.xlsx!Chi tiết").
  public var file: String {
    switch place {
    case .text: path
    case .cell(let sheet, _, _): "\(path)!\(sheet)"
    }
  }

  /// The text line or the sheet row.
  public var line: Int {
    switch place {
    case .text(let line, _): line
    case .cell(_, let row, _): row
    }
  }

  public var column: Int? {
    switch place {
    case .text(_, let column): column
    case .cell(_, _, let column): column
    }
  }

  /// The sheet, for a place in a workbook.
  public var sheet: String? {
    if case .cell(let sheet, _, _) = place { return sheet }
    return nil
  }

  /// The cell as Excel names it ("D17"), for one cell of a sheet.
  public var cellReference: String? {
    guard case .cell(_, let row, let column?) = place else { return nil }
    return Self.columnName(column) + String(row)
  }

  /// `file:line:column` for a text file; `workbook!sheet:row:column` for a sheet.
  public var description: String {
    column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)"
  }

  /// A sheet column's letters: 1 → A, 27 → AA.
  public static func columnName(_ column: Int) -> String {
    var name = ""
    var rest = column
    while rest > 0 {
      let digit = (rest - 1) % 26
      name = String(UnicodeScalar(UInt8(65 + digit))) + name
      rest = (rest - 1) / 26
    }
    return name
  }
}

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

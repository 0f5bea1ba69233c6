import BudgetCore
import Foundation
import SafeOutput

/// Appends allocation rows (the next year's `carry_in` rows from a year-end close, a successor's
/// opening rows) to an allocations file the way its author wrote it: same delimiter, same column
/// order and header names, same line ending, BOM kept. The file is never edited in place: the new
/// content goes to a temporary file in the same folder that is renamed over the old one, so a failed
/// run leaves the old file whole.
public enum CarryInWriter {
  /// What the officer replaces by the decision's number (the "Số: ......./QĐ-UBND" blank of the forms).
  public static let decisionPlaceholder = "....../QĐ-UBND"

  /// One row to write.
  public struct Row: Hashable, Sendable {
    public let year: Int
    public let source: SourceCode
    public let activity: ActivityCode
    public let unit: UnitCode
    public let kind: AllocationKind
    public let amount: Money
    public let originYear: Int?
    /// For carry_in rows: undrawn allocation or an advance balance (written only for the latter).
    public let carryPart: CarryInPart
    public let decision: String?
    public let note: String?

    public init(
      year: Int, source: SourceCode, activity: ActivityCode, unit: UnitCode, kind: AllocationKind,
      amount: Money, originYear: Int? = nil, carryPart: CarryInPart = .undrawn,
      decision: String? = CarryInWriter.decisionPlaceholder, note: String? = nil
    ) {
      self.carryPart = carryPart
      self.year = year
      self.source = source
      self.activity = activity
      self.unit = unit
      self.kind = kind
      self.amount = amount
      self.originYear = originYear
      self.decision = decision
      self.note = note
    }

    func value(_ column: String) -> String {
      switch column {
      case "year": String(year)
      case "source": source.rawValue
      case "activity": activity.rawValue
      case "unit": unit.rawValue
      case "kind": kind.rawValue
      case "amount": String(amount.dong)
      case "origin_year": originYear.map(String.init) ?? ""
      case "decision": decision ?? ""
      case "note": note ?? ""
      // Empty reads as undrawn, so files without advances look as they always did.
      case "carry_part": carryPart == .advance ? CarryInPart.advance.rawValue : ""
      default: ""
      }
    }
  }

  /// How an existing file is written: its columns in order, delimiter, line ending.
  public struct Layout: Equatable, Sendable {
    /// Canonical column names in the file's order.
    public let columns: [String]
    public let delimiter: UInt8
    public let lineEnding: String

    /// The contract's column order with `,` and LF, for a new file without a model; `carry_part` only
    /// when a row needs it (an advance balance), so files without advances keep their old header.
    public static func canonical(for rows: [Row]) -> Layout {
      let needsPart = rows.contains { $0.carryPart == .advance }
      return Layout(
        columns: AllocationsReader.columns.map(\.name).filter { needsPart || $0 != "carry_part" },
        delimiter: 0x2C, lineEnding: "\n")
    }
  }

  /// Reads the layout of an allocations file; a file the reader would refuse is refused here too.
  public static func layout(of data: Data, file: String) throws -> Layout {
    var errors = InputErrors()
    var delimiter: UInt8 = 0x2C
    var lineEnding = "\n"
    let header: [String: CSVHeaderColumn]? = data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      // The header's line break is the file's: LF, CRLF or a lone CR (old Mac Excel exports).
      if let newline = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
        if bytes[newline] == 0x0D {
          lineEnding = newline + 1 < bytes.count && bytes[newline + 1] == 0x0A ? "\r\n" : "\r"
        }
        // The header line decides the delimiter, as when reading.
        let headerBytes = UnsafeBufferPointer(rebasing: bytes[0..<newline])
        if headerBytes.contains(0x3B) && !headerBytes.contains(0x2C) { delimiter = 0x3B }
      } else if bytes.contains(0x3B) && !bytes.contains(0x2C) {
        delimiter = 0x3B
      }
      return CSVTable.read(
        bytes: bytes, file: file, columns: AllocationsReader.columns, errors: &errors
      ) { _, _, _, _ in }
    }
    try errors.throwIfAny()
    guard let header else { throw errors }
    let columns = header.values.sorted { $0.position < $1.position }.map(\.canonicalName)
    return Layout(columns: columns, delimiter: delimiter, lineEnding: lineEnding)
  }

  /// The rows as lines of a file with `layout` (each line ends with the layout's line ending).
  public static func render(_ rows: [Row], layout: Layout) -> String {
    let delimiter = Character(UnicodeScalar(layout.delimiter))
    return rows.map { row in
      layout.columns.map { quote(row.value($0), delimiter: delimiter) }.joined(separator: String(delimiter))
        + layout.lineEnding
    }.joined()
  }

  /// Appends `rows` to the allocations file at `path`. `expected` is the content the rows were
  /// computed from: when the file changed since (an officer saving it in Excel meanwhile), nothing is
  /// written and the error says so. `file` names the file in messages.
  public static func append(_ rows: [Row], toFileAt path: String, file: String, expected: Data? = nil) throws
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputErrors([
        InputError(
          SourceLocation(file: file, line: 1), vi: "Không đọc được tệp \(file) để ghi thêm dòng.",
          en: "Cannot read \(file) to append rows.")
      ])
    }
    if let expected, expected != data {
      throw InputErrors([
        InputError(
          SourceLocation(file: file, line: 1),
          vi:
            "Tệp \(file) đã thay đổi trong khi tính (có thể đang mở trong Excel): không ghi gì; chạy lại lệnh.",
          en:
            "\(file) changed while the rows were computed (open in Excel?): nothing written; run the command again."
        )
      ])
    }
    let layout = try layout(of: data, file: file)
    try checkColumns(layout, for: rows, file: file)
    var content = data
    // A last line without its line ending would glue the first new row onto it.
    if let last = data.last, last != 0x0A && last != 0x0D {
      content.append(contentsOf: Array(layout.lineEnding.utf8))
    }
    content.append(contentsOf: Array(render(rows, layout: layout).utf8))
    try replace(path, with: content)
  }

  /// Writes `rows` to a new file at `path` laid out like `model` (or the canonical layout); when the
  /// file exists already, appends to it instead.
  public static func write(_ rows: [Row], toFileAt path: String, like model: Layout?) throws {
    let file = (path as NSString).lastPathComponent
    if FileManager.default.fileExists(atPath: path) {
      try append(rows, toFileAt: path, file: file)
      return
    }
    let layout = model ?? .canonical(for: rows)
    try checkColumns(layout, for: rows, file: file)
    let delimiter = String(UnicodeScalar(layout.delimiter))
    let header = layout.columns.joined(separator: delimiter) + layout.lineEnding
    try replace(path, with: Data((header + render(rows, layout: layout)).utf8))
  }

  /// A carry_in row without an `origin_year` column would be unreadable, an advance balance without a
  /// `carry_part` column would read back as undrawn money: refuse rather than write either. Public so
  /// `close` can refuse before it writes anything (its schedules included).
  public static func checkColumns(_ layout: Layout, for rows: [Row], file: String) throws {
    if rows.contains(where: { $0.carryPart == .advance }) && !layout.columns.contains("carry_part") {
      throw InputErrors([
        InputError(
          SourceLocation(file: file, line: 1),
          vi:
            "Tệp \(file) không có cột 'carry_part' (phần chuyển sang) mà dòng số dư tạm ứng chuyển sang cần: thêm cột này vào cuối dòng tiêu đề rồi chạy lại.",
          en:
            "\(file) has no 'carry_part' column, which the advance-balance carry_in rows need: add it to the end of the header and run again."
        )
      ])
    }
    if rows.contains(where: { $0.originYear != nil }) && !layout.columns.contains("origin_year") {
      throw InputErrors([
        InputError(
          SourceLocation(file: file, line: 1),
          vi:
            "Tệp \(file) không có cột 'origin_year' (năm gốc) mà dòng chuyển sang cần: thêm cột này vào dòng tiêu đề rồi chạy lại.",
          en:
            "\(file) has no 'origin_year' column, which carry_in rows need: add it to the header and run again."
        )
      ])
    }
  }

  /// Temporary file beside the target, then rename: the target is either the old or the new file. A
  /// symbolic link (allocations.csv kept elsewhere) is written through to the file it points to. Our
  /// own temporary file (not Foundation's .atomic, whose `.dat.nosync*` files a kill left behind) is
  /// removed on an interrupt and swept after a kill. Also the import's writer.
  static func replace(_ path: String, with content: Data) throws {
    do {
      try AtomicFile.write(content, to: path)
    } catch {
      throw InputErrors([
        InputError(
          nil,
          vi: "Không ghi được \(path): \(error.reasonVi). Tệp cũ giữ nguyên.",
          en: "Could not write \(path): \(error.reasonEn). The old file is unchanged.")
      ])
    }
  }

  /// RFC 4180: quote a field holding the delimiter, a quote or a line break; double inner quotes.
  static func quote(_ value: String, delimiter: Character) -> String {
    guard value.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

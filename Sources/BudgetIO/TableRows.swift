import BudgetCore
import Foundation

/// What a table's cell holds, as its file stores it: every CSV cell is text; a sheet's cell is text, a
/// number (its exact decimal digits, never a Double) or a date (a serial number with a date format).
public enum TableCellKind: UInt8, Sendable {
  case text
  case number
  case date
  /// A cell the sheet reader has already reported (a formula without its value): read as empty, and
  /// no second error about it.
  case reported
}

/// One cell of a table row: the byte range of its text inside the row's bytes (a CSV field without its
/// surrounding quotes, or a sheet cell's text or digits) and its kind.
///
/// Cells are ranges rather than Strings so a million-row file is scanned without creating a String per
/// field; only the values that need one (ids, free text, new codes) are turned into Strings.
public struct TableCell: Sendable, Equatable {
  /// First byte of the value (after an opening quote).
  public var start: Int
  /// One past the last byte of the value (before a closing quote).
  public var end: Int
  /// The field was quoted and contains doubled quotes (`""`) that stand for one quote each.
  public var hasDoubledQuotes: Bool
  public var kind: TableCellKind

  public init(start: Int, end: Int, hasDoubledQuotes: Bool = false, kind: TableCellKind = .text) {
    self.start = start
    self.end = end
    self.hasDoubledQuotes = hasDoubledQuotes
    self.kind = kind
  }

  public var byteCount: Int { end - start }
}

/// One data row of a table, from a CSV record or a sheet row: the cells of the header's columns, in
/// the header's order, and the line (CSV) or row (sheet) it is on.
public struct TableRow {
  /// The bytes the cells point into: the CSV file, or the sheet row's own text.
  public let bytes: UnsafeBufferPointer<UInt8>
  /// The cell under each header column (index = the column's 1-based position − 1).
  public let cells: [TableCell]
  /// The physical line a CSV record starts on, or the sheet's row number.
  public let line: Int
}

/// Where a table's rows are: a CSV file, or a workbook's sheet whose table starts in `firstColumn`.
/// Every location and every error of the rows is made here, once, for either kind of file.
public final class TableOrigin: Sendable {
  /// The file as messages name it ("spending.csv", "xa-hoa-phu/spending.xlsx").
  public let file: String
  /// The sheet, for a workbook.
  public let sheet: String?
  /// The sheet column of the table's first column (a header may start right of column A).
  let firstColumn: Int
  /// Whether the workbook counts date serials from 1904 (old Mac Excel) rather than 1900.
  let uses1904Dates: Bool

  /// The rows of a CSV file.
  public init(csv file: String) {
    self.file = file
    sheet = nil
    firstColumn = 1
    uses1904Dates = false
  }

  /// The rows of a workbook's sheet.
  init(workbook: String, sheet: String, firstColumn: Int, uses1904Dates: Bool) {
    file = workbook
    self.sheet = sheet
    self.firstColumn = firstColumn
    self.uses1904Dates = uses1904Dates
  }

  /// A row, or (with `position`, the header column's 1-based position) one of its cells: a CSV line
  /// and field, or a sheet row and cell.
  @inline(__always)
  public func location(line: Int, position: Int? = nil) -> SourceLocation {
    guard let sheet else { return SourceLocation(file: file, line: line, column: position) }
    return SourceLocation(
      workbook: file, sheet: sheet, row: line, column: position.map { firstColumn + $0 - 1 })
  }

  /// An error at a row or one of its cells. In a sheet the message leads with the cell (`ô D17:`) or
  /// the row (`dòng 17:`), as Excel shows them; a CSV location already names line and field.
  func error(line: Int, position: Int? = nil, vi: String, en: String) -> InputError {
    let location = location(line: line, position: position)
    guard sheet != nil else { return InputError(location, vi: vi, en: en) }
    if let reference = location.cellReference {
      return InputError(location, vi: "ô \(reference): \(vi)", en: "cell \(reference): \(en)")
    }
    return InputError(location, vi: "dòng \(line): \(vi)", en: "row \(line): \(en)")
  }
}

/// A source of table rows (a CSV file, a sheet): given the columns a table may have, it checks the
/// header and calls `row` for every data row that is not blank, reporting its own problems. It returns
/// false when the file was refused as a whole after some rows (a damaged workbook): those rows do not
/// stand.
typealias TableRowSource = (
  _ columns: [CSVColumn], _ errors: inout InputErrors,
  _ row: (TableRow, [String: CSVHeaderColumn], TableOrigin, inout InputErrors) -> Void
) -> Bool

/// The checks every row source applies, whatever the file: the rows' count and each cell's length.
enum TableRowChecks {
  /// False (after reporting it) when the row is one more than `Limits.rowsMax`: reading stops there.
  static func withinRowLimit(_ count: Int, line: Int, origin: TableOrigin, errors: inout InputErrors) -> Bool
  {
    guard count > Limits.rowsMax else { return true }
    errors.append(
      origin.error(
        line: line, vi: "Tệp có quá nhiều dòng: tối đa \(Limits.rowsMax) dòng dữ liệu.",
        en: "The file has too many rows: at most \(Limits.rowsMax) data rows."))
    return false
  }

  /// False (after reporting each one) when a cell is longer than `Limits.fieldBytesMax`.
  static func cellsFit(_ cells: [TableCell], line: Int, origin: TableOrigin, errors: inout InputErrors)
    -> Bool
  {
    var fit = true
    for (index, cell) in cells.enumerated() where cell.byteCount > Limits.fieldBytesMax {
      fit = false
      errors.append(
        origin.error(
          line: line, position: index + 1,
          vi: "Ô \(index + 1) quá dài (\(cell.byteCount) byte); tối đa \(Limits.fieldBytesMax) byte.",
          en: "Field \(index + 1) is too long (\(cell.byteCount) bytes); at most "
            + "\(Limits.fieldBytesMax) bytes."))
    }
    return fit
  }
}

/// A table read for an import (`kinhphi import`, the upload page), from a sheet or a CSV file: the
/// header's titles as written, each data row's values as CSV text (text as written, numbers in plain
/// digits, dates `YYYY-MM-DD`), and where the rows are, so the checks made after reading (codes
/// against the plan, years, ids) are located at the cell they are about.
struct TableRecords {
  var titles: [String] = []
  var rows: [[String]] = []
  /// The file (and sheet) the rows are in; nil until the header was read.
  var origin: TableOrigin?
  /// The header's columns by canonical name.
  var header: [String: CSVHeaderColumn] = [:]

  /// An error at a row's value in the first of `names` the table has (its cell in a sheet, its field
  /// in a CSV line), or at the row when it has none of them.
  func error(line: Int, column names: String..., vi: String, en: String) -> InputError {
    guard let origin else { preconditionFailure("rows are only delivered after their header") }
    let position = names.lazy.compactMap { header[$0]?.position }.first
    return origin.error(line: line, position: position, vi: vi, en: en)
  }

  /// Reads the table `kind` from `source`, keeping each row's values as text beside the typed rows.
  static func read(
    _ kind: WorkspaceTable, errors: inout InputErrors,
    from source: (
      _ columns: [CSVColumn], _ errors: inout InputErrors, _ titles: ([String]) -> Void,
      _ row: (TableRow, [String: CSVHeaderColumn], TableOrigin, inout InputErrors) -> Void
    ) -> Bool
  ) -> (allocations: [Allocation], payments: [Payment], records: TableRecords) {
    var records = TableRecords()
    let rows: TableRowSource = { columns, errors, deliver in
      // `source` calls `deliver` only while it runs (the compiler cannot see that through two closures).
      withoutActuallyEscaping(deliver) { deliver in
        source(columns, &errors, { records.titles = $0 }) { row, header, origin, errors in
          if records.origin == nil {
            records.origin = origin
            records.header = header
          }
          records.rows.append(XlsxSheetTable.texts(row, origin: origin))
          deliver(row, header, origin, &errors)
        }
      }
    }
    switch kind {
    case .allocations: return (AllocationsReader.read(errors: &errors, rows: rows), [], records)
    case .spending: return ([], SpendingReader.read(errors: &errors, rows: rows), records)
    }
  }

  /// A CSV file's table (every cell text).
  static func csv(data: Data, file: String, table kind: WorkspaceTable, errors: inout InputErrors)
    -> (allocations: [Allocation], payments: [Payment], records: TableRecords)
  {
    data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      return read(kind, errors: &errors) { columns, errors, titles, row in
        guard
          let header = CSVTable.read(bytes: bytes, file: file, columns: columns, errors: &errors, row: row)
        else { return false }
        titles(header.values.sorted { $0.position < $1.position }.map(\.title))
        return true
      }
    }
  }
}

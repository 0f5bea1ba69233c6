import BudgetCore
import Foundation
import Testing
import ZIPFoundation

@testable import BudgetIO

/// Small workbooks built part by part, so a test can damage exactly one thing: a sheet's XML, a
/// workbook's sheet list, an encoding. Parts are deflated (as Excel writes them) unless `stored`.
enum TestWorkbook {
  static let sheetPath = "xl/worksheets/sheet1.xml"

  /// A spending table: the header, then one row per `rows` item (columns A…K).
  static let header = spendingHeader.split(separator: ",").map(String.init)

  /// One payment row: id, date 15/03/2023, TW·HOINGHI·VHTT, `amount`, optional quantity.
  static func payment(_ id: Int, amount: Int64, quantity: String = "") -> [String] {
    [
      "\(id)", "PC-\(id)", "15/03/2023", "", "TW", "HOINGHI", "VHTT", "\(amount)", quantity, "Chi hội nghị",
      "",
    ]
  }

  /// `<c>` for a value: a whole number as a number cell, anything else as an inline string.
  static func cell(_ reference: String, _ value: String) -> String {
    if !value.isEmpty, value.allSatisfy(\.isNumber), value.count < 16 {
      return "<c r=\"\(reference)\"><v>\(value)</v></c>"
    }
    let escaped = value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
      of: "<", with: "&lt;")
    return "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(escaped)</t></is></c>"
  }

  /// The rows of `<sheetData>`, row 1 = the header.
  static func rowsXML(_ rows: [[String]]) -> String {
    var xml = ""
    for (index, row) in ([header] + rows).enumerated() {
      let number = index + 1
      xml += "<row r=\"\(number)\">"
      for (column, value) in row.enumerated() where !value.isEmpty {
        xml += cell(XlsxCellReference.name(row: number, column: column + 1), value)
      }
      xml += "</row>"
    }
    return xml
  }

  static func sheetXML(_ sheetData: String) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
      + sheetData + "</sheetData></worksheet>"
  }

  static func workbookXML(sheets: [(name: String, state: String?)]) -> String {
    var xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
      + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    for (index, sheet) in sheets.enumerated() {
      let state = sheet.state.map { " state=\"\($0)\"" } ?? ""
      xml += "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 1)\"/>"
    }
    return xml + "</sheets></workbook>"
  }

  static func relationshipsXML(sheetCount: Int) -> String {
    var xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    for index in 1...sheetCount {
      xml +=
        "<Relationship Id=\"rId\(index)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        + "relationships/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
    }
    return xml + "</Relationships>"
  }

  /// A one-sheet workbook whose sheet part is `sheet` (bytes, so a test may write any encoding).
  static func xlsx(sheet: [UInt8], stored: Bool = false) throws -> Data {
    try zip(
      [
        ("xl/workbook.xml", Array(workbookXML(sheets: [("Sheet1", nil)]).utf8)),
        ("xl/_rels/workbook.xml.rels", Array(relationshipsXML(sheetCount: 1).utf8)),
        (sheetPath, sheet),
      ], stored: stored)
  }

  static func xlsx(sheetXML: String, stored: Bool = false) throws -> Data {
    try xlsx(sheet: Array(sheetXML.utf8), stored: stored)
  }

  static func zip(_ parts: [(path: String, bytes: [UInt8])], stored: Bool = false) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    for part in parts {
      let bytes = part.bytes
      try archive.addEntry(
        with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
        compressionMethod: stored ? .none : .deflate
      ) { position, size in
        Data(bytes[Int(position)..<(Int(position) + size)])
      }
    }
    return try #require(archive.data)
  }

  /// The entry of `path` as the reader's own zip directory sees it (offsets for patching bytes).
  static func entry(_ data: Data, _ path: String) throws -> (entry: XlsxZipDirectory.Entry, data: Range<Int>)
  {
    let directory = try XlsxZipDirectory(bytes: [UInt8](data), entriesMax: 100)
    let entry = try #require(directory.entries[path])
    return (entry, try directory.dataRange(of: entry))
  }

  /// Where the central directory's record of `path` starts.
  static func centralRecord(_ data: Data, _ path: String) throws -> Int {
    let bytes = [UInt8](data)
    let name = Array(path.utf8)
    for index in 0..<(bytes.count - 46 - name.count)
    where bytes[index..<(index + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02])
      && bytes[(index + 46)..<(index + 46 + name.count)].elementsEqual(name)
    {
      return index
    }
    throw XlsxArchiveRefusal(vi: "", en: "no central record for \(path)")
  }

  static func readSpending(_ data: Data, sheet: String? = nil) -> (rows: [Payment], errors: InputErrors) {
    var errors = InputErrors()
    let rows = XlsxTableReader.readSpending(data: data, file: "spending.xlsx", sheet: sheet, errors: &errors)
    return (rows, errors)
  }
}

/// Expects the reader to have refused a damaged file: one error, "hỏng"/"damaged" and every string of
/// `mentions` in its messages, and no rows.
func expectDamaged(
  _ result: (rows: [Payment], errors: InputErrors), file: String = "spending.xlsx", line: Int = 1,
  column: Int? = nil, mentions: [String] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  #expect(result.rows.isEmpty, "rows read from a damaged file", sourceLocation: sourceLocation)
  #expect(result.errors.count == 1, "\(result.errors)", sourceLocation: sourceLocation)
  guard
    let error = expectError(
      result.errors, file: file, line: line, column: column, mentions: mentions,
      sourceLocation: sourceLocation)
  else { return }
  #expect(error.message.vi.contains("hỏng"), "\(error.message.vi)", sourceLocation: sourceLocation)
  #expect(error.message.en.contains("damaged"), "\(error.message.en)", sourceLocation: sourceLocation)
}

import BudgetCore
import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Limits on what an .xlsx archive may make us inflate. An .xlsx is a zip: a few kilobytes can
/// declare or inflate to gigabytes (a zip bomb), so every part is checked against its declared size
/// before inflating and counted while inflating, and reading stops at the first limit passed.
public struct XlsxReadLimits: Sendable {
  /// Entries in the archive's central directory (a real workbook has a few dozen).
  public var entriesMax: Int
  /// Uncompressed bytes of one XML part we read (a million-row sheet is about 600 MB of XML).
  public var partBytesMax: Int
  /// Uncompressed bytes of all the parts we read together.
  public var totalBytesMax: Int

  public init(entriesMax: Int, partBytesMax: Int, totalBytesMax: Int) {
    self.entriesMax = entriesMax
    self.partBytesMax = partBytesMax
    self.totalBytesMax = totalBytesMax
  }

  public static let standard = XlsxReadLimits(
    entriesMax: 10_000, partBytesMax: 768 << 20, totalBytesMax: 1 << 30)
}

/// One cell's value as stored in the sheet, before any column's rules apply.
enum XlsxCellValue: Hashable {
  case text(String)
  /// The number exactly as written in `<v>` (e.g. `45123`, `1.5E+16`): never through a Double.
  case number(String)
  case boolean(Bool)
  /// A formula error such as `#N/A`.
  case error(String)
}

/// One non-empty row of a sheet: its 1-based row number and its cells by 1-based column.
struct XlsxSheetRow {
  let number: Int
  var cells: [(column: Int, value: XlsxCellValue)]
}

/// The sheet picked from a workbook, as rows of cell values.
struct XlsxSheet {
  let name: String
  let rows: [XlsxSheetRow]
  /// Whether the workbook counts dates from 1904 (old Mac Excel) rather than 1900.
  let uses1904Dates: Bool
}

/// Why an archive was refused; turned into a located input error by the caller.
struct XlsxArchiveRefusal: Error {
  let vi: String
  let en: String
}

/// Opens the zip, checks the limits and reads the workbook, its relationships, the shared strings
/// and the chosen sheet. Nothing else in the archive is inflated.
struct XlsxArchive {
  let archive: Archive
  let limits: XlsxReadLimits
  /// Bytes inflated so far, over every part: the bounded-memory tests read it.
  private(set) var inflatedBytesTotal = 0

  init(data: Data, limits: XlsxReadLimits) throws(XlsxArchiveRefusal) {
    self.limits = limits
    // An old .xls (and an encrypted .xlsx) is an OLE2 compound file, not a zip.
    if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
      throw XlsxArchiveRefusal(
        vi: "Tệp là Excel 97-2003 (.xls) hoặc có mật khẩu: mở bằng Excel và lưu thành \"Excel Workbook "
          + "(.xlsx)\" không đặt mật khẩu.",
        en: "The file is an Excel 97-2003 (.xls) or password-protected workbook: open it in Excel and "
          + "save it as \"Excel Workbook (.xlsx)\" without a password.")
    }
    let archive: Archive
    do {
      archive = try Archive(data: data, accessMode: .read, pathEncoding: nil)
    } catch {
      throw XlsxArchiveRefusal(
        vi: "Tệp không phải bảng tính .xlsx (không đọc được dạng nén zip): cần lưu thành \"Excel Workbook "
          + "(.xlsx)\".",
        en: "The file is not an .xlsx workbook (not a readable zip archive): expected \"Excel Workbook "
          + "(.xlsx)\".")
    }
    var count = 0
    for _ in archive {
      count += 1
      if count > limits.entriesMax {
        throw XlsxArchiveRefusal(
          vi: "Tệp nén có quá nhiều mục (hơn \(limits.entriesMax)): không phải một bảng tính bình thường.",
          en: "The archive has too many entries (more than \(limits.entriesMax)): not an ordinary workbook.")
      }
    }
    self.archive = archive
  }

  /// The part's bytes, or nil when the archive has no such part. Refuses a part whose declared size
  /// passes a limit before inflating it, and stops inflating as soon as the real size does.
  mutating func part(_ path: String) throws(XlsxArchiveRefusal) -> Data? {
    guard let entry = archive[path] else { return nil }
    guard entry.type == .file else { return nil }
    let declared = entry.uncompressedSize
    if declared > UInt64(limits.partBytesMax) || declared > UInt64(limits.totalBytesMax - inflatedBytesTotal)
    {
      throw tooLarge(path, bytes: declared)
    }
    var data = Data()
    data.reserveCapacity(Int(declared))
    let partMax = limits.partBytesMax
    let remaining = limits.totalBytesMax - inflatedBytesTotal
    var inflated = 0
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        inflated += chunk.count
        // The declared size may lie: count what really comes out and stop at the limit.
        if inflated > partMax || inflated > remaining { throw XlsxArchiveRefusal(vi: "", en: "") }
        data.append(chunk)
      }
    } catch is XlsxArchiveRefusal {
      inflatedBytesTotal += inflated
      throw tooLarge(path, bytes: UInt64(inflated))
    } catch {
      inflatedBytesTotal += inflated
      throw XlsxArchiveRefusal(
        vi: "Phần '\(path)' của tệp nén bị hỏng (\(error)): lưu lại bảng tính bằng Excel hoặc LibreOffice.",
        en: "Part '\(path)' of the archive is damaged (\(error)): save the workbook again in Excel or "
          + "LibreOffice.")
    }
    inflatedBytesTotal += inflated
    return data
  }

  private func tooLarge(_ path: String, bytes: UInt64) -> XlsxArchiveRefusal {
    XlsxArchiveRefusal(
      vi:
        "Phần '\(path)' của tệp nén quá lớn khi giải nén (ít nhất \(bytes) byte; tối đa \(limits.partBytesMax) "
        + "byte mỗi phần, \(limits.totalBytesMax) byte tổng cộng): tệp hỏng hoặc là bom nén (zip bomb).",
      en: "Part '\(path)' of the archive is too large uncompressed (at least \(bytes) bytes; at most "
        + "\(limits.partBytesMax) bytes a part, \(limits.totalBytesMax) in all): a damaged file or a zip bomb."
    )
  }

  /// Reads the sheet named `sheetName` (or the first sheet) with its shared strings.
  mutating func sheet(named sheetName: String?) throws(XlsxArchiveRefusal) -> XlsxSheet {
    guard let workbookData = try part("xl/workbook.xml") else {
      throw XlsxArchiveRefusal(
        vi: "Tệp nén không có xl/workbook.xml: không phải bảng tính .xlsx.",
        en: "The archive has no xl/workbook.xml: not an .xlsx workbook.")
    }
    let workbook = try XlsxXML.parse(workbookData, part: "xl/workbook.xml", into: WorkbookHandler())
    guard !workbook.sheets.isEmpty else {
      throw XlsxArchiveRefusal(vi: "Bảng tính không có trang nào.", en: "The workbook has no sheets.")
    }
    let chosen: (name: String, relationship: String)
    if let sheetName {
      let wanted = CSVHeaderNames.normalize(sheetName)
      guard
        let found = workbook.sheets.first(where: { $0.name == sheetName })
          ?? workbook.sheets.first(where: { CSVHeaderNames.normalize($0.name) == wanted })
      else {
        let names = workbook.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        throw XlsxArchiveRefusal(
          vi: "Không có trang '\(sheetName)'; bảng tính có các trang: \(names).",
          en: "No sheet named '\(sheetName)'; the workbook has: \(names).")
      }
      chosen = found
    } else {
      chosen = workbook.sheets[0]
    }
    let relationsPath = "xl/_rels/workbook.xml.rels"
    guard let relationsData = try part(relationsPath) else {
      throw XlsxArchiveRefusal(
        vi: "Tệp nén không có \(relationsPath): bảng tính bị hỏng.",
        en: "The archive has no \(relationsPath): the workbook is damaged.")
    }
    let relations = try XlsxXML.parse(relationsData, part: relationsPath, into: RelationshipsHandler())
    guard let target = relations.targets[chosen.relationship] else {
      throw XlsxArchiveRefusal(
        vi: "Không tìm thấy dữ liệu của trang '\(chosen.name)' trong tệp nén: bảng tính bị hỏng.",
        en: "The data of sheet '\(chosen.name)' is missing from the archive: the workbook is damaged.")
    }
    // Targets are relative to xl/ unless absolute.
    let sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    guard sheetPath.contains("worksheets/") else {
      throw XlsxArchiveRefusal(
        vi: "Trang '\(chosen.name)' không phải trang dữ liệu (có thể là trang biểu đồ): chọn trang có bảng.",
        en:
          "Sheet '\(chosen.name)' is not a worksheet (perhaps a chart sheet): choose the sheet with the table."
      )
    }
    var sharedStrings: [String] = []
    if let path = relations.sharedStringsTarget.map({
      $0.hasPrefix("/") ? String($0.dropFirst()) : "xl/" + $0
    }),
      let stringsData = try part(path)
    {
      sharedStrings = try XlsxXML.parse(stringsData, part: path, into: SharedStringsHandler()).strings
    }
    guard let sheetData = try part(sheetPath) else {
      throw XlsxArchiveRefusal(
        vi: "Tệp nén thiếu phần \(sheetPath) của trang '\(chosen.name)': bảng tính bị hỏng.",
        en: "The archive lacks part \(sheetPath) of sheet '\(chosen.name)': the workbook is damaged.")
    }
    let rows = try XlsxXML.parse(sheetData, part: sheetPath, into: SheetHandler(sharedStrings: sharedStrings))
    if let problem = rows.problem { throw problem }
    return XlsxSheet(name: chosen.name, rows: rows.rows, uses1904Dates: workbook.uses1904Dates)
  }
}

// MARK: - XML

/// Foundation's XMLParser with the safety settings: no DTD at all (a DOCTYPE can declare the
/// entities of a "billion laughs"), no external entities, no network.
enum XlsxXML {
  static func parse<Handler: XlsxXMLHandler>(_ data: Data, part: String, into handler: Handler)
    throws(XlsxArchiveRefusal) -> Handler
  {
    for marker in ["<!DOCTYPE", "<!ENTITY"] where data.range(of: Data(marker.utf8)) != nil {
      throw XlsxArchiveRefusal(
        vi: "Phần '\(part)' có khai báo \(marker) (DTD/thực thể XML): bảng tính Excel không dùng chúng, "
          + "tệp có thể độc hại (billion laughs).",
        en: "Part '\(part)' has a \(marker) declaration (XML DTD/entities): Excel workbooks never use them; "
          + "the file may be malicious (billion laughs).")
    }
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    parser.shouldProcessNamespaces = false
    parser.delegate = handler
    guard parser.parse() else {
      let line = parser.lineNumber
      let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "?"
      throw XlsxArchiveRefusal(
        vi: "Phần '\(part)' không phải XML hợp lệ (dòng \(line): \(reason)): bảng tính bị hỏng.",
        en: "Part '\(part)' is not valid XML (line \(line): \(reason)): the workbook is damaged.")
    }
    return handler
  }

  /// `x:sheet` → `sheet`: some writers prefix the spreadsheet namespace.
  static func localName(_ name: String) -> Substring {
    guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
    return name[name.index(after: colon)...]
  }

  /// An attribute by local name, whatever its prefix (`r:id`).
  static func attribute(_ attributes: [String: String], _ name: String) -> String? {
    if let value = attributes[name] { return value }
    return attributes.first(where: { localName($0.key) == name })?.value
  }
}

typealias XlsxXMLHandler = NSObject & XMLParserDelegate

final class WorkbookHandler: NSObject, XMLParserDelegate {
  var sheets: [(name: String, relationship: String)] = []
  var uses1904Dates = false

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    switch XlsxXML.localName(elementName) {
    case "sheet":
      if let name = attributes["name"],
        let id = attributes.first(where: { XlsxXML.localName($0.key) == "id" })?.value
      {
        sheets.append((name, id))
      }
    case "workbookPr":
      let value = attributes["date1904"] ?? "0"
      uses1904Dates = value == "1" || value == "true"
    default: break
    }
  }
}

final class RelationshipsHandler: NSObject, XMLParserDelegate {
  var targets: [String: String] = [:]
  var sharedStringsTarget: String?

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    guard XlsxXML.localName(elementName) == "Relationship", let id = attributes["Id"],
      let target = attributes["Target"]
    else { return }
    targets[id] = target
    if attributes["Type"]?.hasSuffix("/sharedStrings") == true { sharedStringsTarget = target }
  }
}

/// `<si>` items; rich text runs are joined, phonetic hints (`<rPh>`) left out.
final class SharedStringsHandler: NSObject, XMLParserDelegate {
  var strings: [String] = []
  private var current = ""
  private var inText = false
  private var phoneticDepth = 0

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    switch XlsxXML.localName(elementName) {
    case "si": current = ""
    case "rPh": phoneticDepth += 1
    case "t": inText = phoneticDepth == 0
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inText { current += string }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
  ) {
    switch XlsxXML.localName(elementName) {
    case "si": strings.append(current)
    case "rPh": phoneticDepth -= 1
    case "t": inText = false
    default: break
    }
  }
}

/// The cells of `<sheetData>`: shared strings resolved, inline strings, numbers, booleans, errors.
/// Empty cells (styled but without a value) are left out.
final class SheetHandler: NSObject, XMLParserDelegate {
  let sharedStrings: [String]
  var rows: [XlsxSheetRow] = []
  var problem: XlsxArchiveRefusal?

  private var rowNumber = 0
  private var cells: [(column: Int, value: XlsxCellValue)] = []
  private var column = 0
  private var cellType = "n"
  private var text = ""
  private var valueText: String?
  private var inValue = false
  private var inInlineText = false
  private var phoneticDepth = 0
  private var hasInline = false

  init(sharedStrings: [String]) { self.sharedStrings = sharedStrings }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    switch XlsxXML.localName(elementName) {
    case "row":
      // `r` may be left out: the row then follows the previous one.
      rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
      cells = []
      column = 0
    case "c":
      if let reference = attributes["r"], let position = XlsxCellReference.parse(reference) {
        column = position.column
      } else {
        column += 1
      }
      cellType = attributes["t"] ?? "n"
      valueText = nil
      text = ""
      hasInline = false
    case "v":
      inValue = true
      valueText = ""
    case "is": hasInline = true
    case "rPh": phoneticDepth += 1
    case "t": inInlineText = hasInline && phoneticDepth == 0
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inValue {
      valueText? += string
    } else if inInlineText {
      text += string
    }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
  ) {
    switch XlsxXML.localName(elementName) {
    case "v": inValue = false
    case "t": inInlineText = false
    case "rPh": phoneticDepth -= 1
    case "c": endCell(parser)
    case "row":
      if !cells.isEmpty { rows.append(XlsxSheetRow(number: rowNumber, cells: cells)) }
    default: break
    }
  }

  private func endCell(_ parser: XMLParser) {
    guard rowNumber >= 1, rowNumber <= Limits.sheetRowsMax, column >= 1, column <= Limits.sheetColumnsMax
    else {
      problem = XlsxArchiveRefusal(
        vi: "Ô ngoài giới hạn của Excel (dòng \(rowNumber), cột \(column)): bảng tính bị hỏng.",
        en: "A cell outside Excel's limits (row \(rowNumber), column \(column)): the workbook is damaged.")
      parser.abortParsing()
      return
    }
    let value: XlsxCellValue?
    switch cellType {
    case "s":
      guard let index = valueText.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
        sharedStrings.indices.contains(index)
      else {
        problem = XlsxArchiveRefusal(
          vi:
            "Ô \(XlsxCellReference.name(row: rowNumber, column: column)) trỏ tới chuỗi dùng chung không có: "
            + "bảng tính bị hỏng.",
          en: "Cell \(XlsxCellReference.name(row: rowNumber, column: column)) points to a missing shared "
            + "string: the workbook is damaged.")
        parser.abortParsing()
        return
      }
      value = .text(sharedStrings[index])
    case "inlineStr": value = hasInline ? .text(text) : nil
    case "str": value = valueText.map { .text($0) }
    case "b": value = valueText.map { .boolean($0.trimmingCharacters(in: .whitespaces) == "1") }
    case "e": value = valueText.map { .error($0) }
    default: value = valueText.flatMap { $0.isEmpty ? nil : .number($0.trimmingCharacters(in: .whitespaces)) }
    }
    if let value {
      if case .text(let string) = value, string.isEmpty { return }
      cells.append((column, value))
    }
  }
}

/// `D17` ↔ (row 17, column 4).
enum XlsxCellReference {
  static func parse(_ reference: String) -> (row: Int, column: Int)? {
    var column = 0
    var row = 0
    var sawDigit = false
    for byte in reference.utf8 {
      switch byte {
      case UInt8(ascii: "$"): continue
      case UInt8(ascii: "A")...UInt8(ascii: "Z") where !sawDigit:
        column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
        if column > Limits.sheetColumnsMax { return nil }
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        sawDigit = true
        row = row * 10 + Int(byte - UInt8(ascii: "0"))
        if row > Limits.sheetRowsMax { return nil }
      default: return nil
      }
    }
    return column > 0 && row > 0 ? (row, column) : nil
  }

  static func columnName(_ column: Int) -> String {
    var name = ""
    var rest = column
    while rest > 0 {
      let digit = (rest - 1) % 26
      name = String(UnicodeScalar(UInt8(65 + digit))) + name
      rest = (rest - 1) / 26
    }
    return name
  }

  static func name(row: Int, column: Int) -> String { columnName(column) + String(row) }
}

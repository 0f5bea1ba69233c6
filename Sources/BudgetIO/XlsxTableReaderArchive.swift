import BudgetCore
import Foundation

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
  /// A number whose cell has a date format: a date serial, as written in `<v>`.
  case dateSerial(String)
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
  /// Cells without a usable value (a formula never calculated), each located.
  var cellProblems: [XlsxCellProblem] = []
}

/// Why an archive was refused; turned into a located input error by the caller.
struct XlsxArchiveRefusal: Error {
  let vi: String
  let en: String
  /// The sheet cell reading had reached, when the problem is inside the chosen sheet.
  var cell: XlsxCellPosition?
  /// A problem of the whole part (its size or CRC-32), found only at its end: no cell is named.
  var isAboutWholePart = false
}

/// A cell of the sheet: 1-based row and column.
struct XlsxCellPosition: Hashable, Sendable {
  let row: Int
  let column: Int

  var reference: String { XlsxCellReference.name(row: row, column: column) }
}

/// Opens the zip, checks the limits and reads the workbook, its relationships, the shared strings
/// and the chosen sheet. Nothing else in the archive is inflated.
struct XlsxArchive {
  let directory: XlsxZipDirectory
  let budget: XlsxInflateBudget
  /// Bytes inflated so far, over every part: the bounded-memory tests read it.
  var inflatedBytesTotal: Int { budget.inflatedBytesTotal }

  init(data: Data, limits: XlsxReadLimits) throws(XlsxArchiveRefusal) {
    // An old .xls (and an encrypted .xlsx) is an OLE2 compound file, not a zip.
    if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
      throw XlsxArchiveRefusal(
        vi: "Tệp là Excel 97-2003 (.xls) hoặc có mật khẩu: mở bằng Excel và lưu thành \"Excel Workbook "
          + "(.xlsx)\" không đặt mật khẩu.",
        en: "The file is an Excel 97-2003 (.xls) or password-protected workbook: open it in Excel and "
          + "save it as \"Excel Workbook (.xlsx)\" without a password.")
    }
    directory = try XlsxZipDirectory(bytes: [UInt8](data), entriesMax: limits.entriesMax)
    budget = XlsxInflateBudget(limits: limits)
  }

  /// The part's XML, read as it is inflated; nil when the archive has no such part.
  func xml(_ path: String) throws(XlsxArchiveRefusal) -> XlsxXMLReader? {
    guard let entry = directory.entries[path], !entry.name.hasSuffix("/") else { return nil }
    let stream = try XlsxPartStream(directory: directory, entry: entry, budget: budget)
    return XlsxXMLReader(part: path) { () throws(XlsxArchiveRefusal) -> [UInt8]? in try stream.next() }
  }

  /// The workbook's sheets in order, and its date system.
  func workbook() throws(XlsxArchiveRefusal) -> (sheets: [XlsxWorkbookSheet], uses1904Dates: Bool) {
    let path = "xl/workbook.xml"
    guard let xml = try xml(path) else {
      throw XlsxArchiveRefusal(
        vi: "Tệp nén không có xl/workbook.xml: không phải bảng tính .xlsx.",
        en: "The archive has no xl/workbook.xml: not an .xlsx workbook.")
    }
    var sheets: [XlsxWorkbookSheet] = []
    var uses1904Dates = false
    while true {
      switch try xml.next() {
      case .start:
        if xml.depth == 1 && !xml.isNamed("workbook") { throw Self.unexpectedRoot(xml, expected: "workbook") }
        if xml.isNamed("sheet") {
          guard let name = xml.attribute("name"), let relationship = xml.attribute("id") else {
            throw xml.failure("trang thiếu tên hoặc r:id", "a sheet without a name or r:id")
          }
          let state = xml.attribute("state") ?? "visible"
          sheets.append(
            XlsxWorkbookSheet(name: name, relationship: relationship, isHidden: state != "visible"))
        } else if xml.isNamed("workbookPr") {
          let value = xml.attribute("date1904") ?? "0"
          uses1904Dates = value == "1" || value == "true"
        }
      case .endOfDocument: return (sheets, uses1904Dates)
      case .end, .text: break
      }
    }
  }

  /// The workbook's relationships: targets by id, and the shared strings' and the styles' targets.
  func relationships() throws(XlsxArchiveRefusal) -> (
    targets: [String: String], sharedStrings: String?, styles: String?
  ) {
    let path = "xl/_rels/workbook.xml.rels"
    guard let xml = try xml(path) else {
      throw XlsxArchiveRefusal(
        vi: "Tệp bị hỏng: tệp nén không có \(path).", en: "The file is damaged: the archive has no \(path).")
    }
    var targets: [String: String] = [:]
    var sharedStrings: String?
    var styles: String?
    while true {
      switch try xml.next() {
      case .start:
        if xml.depth == 1 && !xml.isNamed("Relationships") {
          throw Self.unexpectedRoot(xml, expected: "Relationships")
        }
        guard xml.isNamed("Relationship"), let id = xml.attribute("Id"), let target = xml.attribute("Target")
        else { continue }
        targets[id] = target
        if xml.attribute("Type")?.hasSuffix("/sharedStrings") == true { sharedStrings = target }
        if xml.attribute("Type")?.hasSuffix("/styles") == true { styles = target }
      case .endOfDocument: return (targets, sharedStrings, styles)
      case .end, .text: break
      }
    }
  }

  /// `<si>` items; rich text runs are joined, phonetic hints (`<rPh>`) left out.
  func sharedStrings(_ path: String) throws(XlsxArchiveRefusal) -> [String] {
    guard let xml = try xml(path) else { return [] }
    var strings: [String] = []
    var current: [UInt8] = []
    var inText = false
    var phoneticDepth = 0
    while true {
      switch try xml.next() {
      case .start:
        if xml.depth == 1 && !xml.isNamed("sst") { throw Self.unexpectedRoot(xml, expected: "sst") }
        if xml.isNamed("si") {
          current.removeAll(keepingCapacity: true)
        } else if xml.isNamed("rPh") {
          phoneticDepth += 1
        } else if xml.isNamed("t") {
          inText = phoneticDepth == 0
        }
      case .text:
        if inText { current.append(contentsOf: xml.text) }
      case .end:
        if xml.isNamed("si") {
          strings.append(String(decoding: current, as: UTF8.self))
        } else if xml.isNamed("rPh") {
          phoneticDepth -= 1
        } else if xml.isNamed("t") {
          inText = false
        }
      case .endOfDocument: return strings
      }
    }
  }

  /// The cell formats (`<cellXfs>` of styles.xml, by index: a cell's `s`) that show a date: Excel's
  /// built-in date formats, or a format code with a day, month or year outside quotes and brackets.
  func dateStyles(_ path: String) throws(XlsxArchiveRefusal) -> Set<Int> {
    guard let xml = try xml(path) else { return [] }
    var codes: [Int: String] = [:]
    var dateStyles: Set<Int> = []
    var inCellFormats = false
    var index = 0
    while true {
      switch try xml.next() {
      case .start:
        if xml.depth == 1 && !xml.isNamed("styleSheet") {
          throw Self.unexpectedRoot(xml, expected: "styleSheet")
        }
        if xml.isNamed("numFmt"), let id = xml.attribute("numFmtId").flatMap({ Int($0) }) {
          codes[id] = xml.attribute("formatCode") ?? ""
        } else if xml.isNamed("cellXfs") {
          inCellFormats = true
        } else if inCellFormats && xml.isNamed("xf") {
          let id = xml.attribute("numFmtId").flatMap { Int($0) } ?? 0
          if XlsxDateFormat.showsDate(id: id, code: codes[id]) { dateStyles.insert(index) }
          index += 1
        }
      case .end:
        if xml.isNamed("cellXfs") { inCellFormats = false }
      case .text: break
      case .endOfDocument: return dateStyles
      }
    }
  }

  /// The sheet named `sheetName` (exactly, else after normalisation), or else the first visible sheet,
  /// ready to be read row by row. A hidden sheet is read only when named.
  func openSheet(named sheetName: String?) throws(XlsxArchiveRefusal) -> XlsxSheetRowReader {
    let workbook = try workbook()
    guard !workbook.sheets.isEmpty else {
      throw XlsxArchiveRefusal(vi: "Bảng tính không có trang nào.", en: "The workbook has no sheets.")
    }
    let chosen: XlsxWorkbookSheet
    if let sheetName {
      let wanted = CSVHeaderNames.normalize(sheetName)
      guard
        let found = workbook.sheets.first(where: { $0.name == sheetName })
          ?? workbook.sheets.first(where: { CSVHeaderNames.normalize($0.name) == wanted })
      else {
        let names = workbook.sheets.map { "'\($0.name)'" + ($0.isHidden ? " (ẩn/hidden)" : "") }
          .joined(separator: ", ")
        throw XlsxArchiveRefusal(
          vi: "Không có trang '\(sheetName)'; bảng tính có các trang: \(names).",
          en: "No sheet named '\(sheetName)'; the workbook has: \(names).")
      }
      chosen = found
    } else {
      // A hidden sheet is often a stale copy or a lookup list: never read one unless it is named.
      guard let visible = workbook.sheets.first(where: { !$0.isHidden }) else {
        let names = workbook.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        throw XlsxArchiveRefusal(
          vi: "Mọi trang của bảng tính đều bị ẩn (\(names)): hiện trang có bảng, hoặc ghi tên trang trong "
            + "plan.yaml (excel:) hay --sheet.",
          en: "Every sheet of the workbook is hidden (\(names)): unhide the sheet with the table, or name it "
            + "in plan.yaml (excel:) or with --sheet.")
      }
      chosen = visible
    }
    let relations = try relationships()
    guard let target = relations.targets[chosen.relationship] else {
      throw XlsxArchiveRefusal(
        vi: "Tệp bị hỏng: không tìm thấy dữ liệu của trang '\(chosen.name)' trong tệp nén.",
        en: "The file is damaged: the data of sheet '\(chosen.name)' is missing from the archive.")
    }
    let sheetPath = Self.partPath(target)
    guard sheetPath.contains("worksheets/") else {
      throw XlsxArchiveRefusal(
        vi: "Trang '\(chosen.name)' không phải trang dữ liệu (có thể là trang biểu đồ): chọn trang có bảng.",
        en:
          "Sheet '\(chosen.name)' is not a worksheet (perhaps a chart sheet): choose the sheet with the table."
      )
    }
    let strings = try relations.sharedStrings.map { path throws(XlsxArchiveRefusal) in
      try sharedStrings(Self.partPath(path))
    }
    let dates = try relations.styles.map { path throws(XlsxArchiveRefusal) in
      try dateStyles(Self.partPath(path))
    }
    guard let xml = try xml(sheetPath) else {
      throw XlsxArchiveRefusal(
        vi: "Tệp bị hỏng: tệp nén thiếu phần \(sheetPath) của trang '\(chosen.name)'.",
        en: "The file is damaged: the archive lacks part \(sheetPath) of sheet '\(chosen.name)'.")
    }
    return XlsxSheetRowReader(
      sheetName: chosen.name, uses1904Dates: workbook.uses1904Dates, xml: xml, sharedStrings: strings ?? [],
      dateStyles: dates ?? [])
  }

  /// Reads the whole sheet (tests and small sheets; the table reader streams it).
  func sheet(named sheetName: String?) throws(XlsxArchiveRefusal) -> XlsxSheet {
    var reader = try openSheet(named: sheetName)
    var rows: [XlsxSheetRow] = []
    while let row = try reader.next() { rows.append(row) }
    return XlsxSheet(
      name: reader.sheetName, rows: rows, uses1904Dates: reader.uses1904Dates,
      cellProblems: reader.cellProblems)
  }

  /// Targets are relative to xl/ unless absolute.
  static func partPath(_ target: String) -> String {
    target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
  }

  static func unexpectedRoot(_ xml: XlsxXMLReader, expected: String) -> XlsxArchiveRefusal {
    xml.failure(
      "phần tử gốc là <\(xml.localName)>, cần <\(expected)>",
      "the root element is <\(xml.localName)>, not <\(expected)>")
  }
}

/// A sheet as listed in xl/workbook.xml.
struct XlsxWorkbookSheet {
  let name: String
  let relationship: String
  /// `state="hidden"` or `"veryHidden"`.
  let isHidden: Bool
}

/// A cell the reader could not give a value: located, reported with the table's other errors.
struct XlsxCellProblem {
  let cell: XlsxCellPosition
  let vi: String
  let en: String
}

/// The rows of `<sheetData>`, one at a time, as the sheet's XML is inflated: shared strings resolved,
/// inline strings, numbers, booleans, errors. Empty cells (styled but without a value) are left out.
/// Rows and cells must come in order (as Excel requires); a formula without its cached value is a
/// located problem, never a blank.
struct XlsxSheetRowReader {
  let sheetName: String
  let uses1904Dates: Bool
  private let xml: XlsxXMLReader
  private let sharedStrings: [String]
  /// The cell formats (`s`) that show a date.
  private let dateStyles: Set<Int>
  private(set) var cellProblems: [XlsxCellProblem] = []

  private var finished = false
  private var sawSheetData = false
  private var inSheetData = false
  private var inRow = false
  private var rowNumber = 0
  private var cells: [(column: Int, value: XlsxCellValue)] = []
  private var column = 0
  /// The last cell started: where a damaged part is reported.
  private var lastCell: XlsxCellPosition?
  private var inCell = false
  private var cellType = "n"
  private var cellStyle = 0
  private var hasValue = false
  private var hasFormula = false
  private var hasInline = false
  private var inValue = false
  private var inInline = false
  private var inInlineText = false
  private var phoneticDepth = 0
  private var valueBytes: [UInt8] = []
  private var inlineBytes: [UInt8] = []

  static let cellTypes: Set<String> = ["n", "s", "str", "inlineStr", "b", "e", "d"]

  init(
    sheetName: String, uses1904Dates: Bool, xml: XlsxXMLReader, sharedStrings: [String],
    dateStyles: Set<Int> = []
  ) {
    self.sheetName = sheetName
    self.uses1904Dates = uses1904Dates
    self.xml = xml
    self.sharedStrings = sharedStrings
    self.dateStyles = dateStyles
  }

  /// The next row with at least one value; nil once the part has been read to its end and checked.
  mutating func next() throws(XlsxArchiveRefusal) -> XlsxSheetRow? {
    guard !finished else { return nil }
    do throws(XlsxArchiveRefusal) {
      while true {
        let token = try xml.next()
        switch token {
        case .start:
          try start()
        case .text:
          if inValue {
            valueBytes.append(contentsOf: xml.text)
          } else if inInlineText {
            inlineBytes.append(contentsOf: xml.text)
          }
        case .end:
          if let row = try end() { return row }
        case .endOfDocument:
          guard sawSheetData else {
            throw xml.failure("trang không có <sheetData>", "the sheet has no <sheetData>")
          }
          finished = true
          return nil
        }
      }
    } catch {
      finished = true
      throw located(error)
    }
  }

  private mutating func start() throws(XlsxArchiveRefusal) {
    let depth = xml.depth
    if depth == 1 {
      guard xml.isNamed("worksheet") else { throw XlsxArchive.unexpectedRoot(xml, expected: "worksheet") }
    } else if depth == 2 && xml.isNamed("sheetData") {
      guard !sawSheetData else { throw xml.failure("hai <sheetData>", "two <sheetData>") }
      sawSheetData = true
      inSheetData = true
    } else if depth == 3 && inSheetData && xml.isNamed("row") {
      // `r` may be left out: the row then follows the previous one.
      let number: Int
      if let bytes = xml.attributeBytes("r") {
        guard let value = XlsxCellReference.wholeNumber(bytes), value >= 1, value <= Limits.sheetRowsMax
        else {
          let text = String(decoding: bytes, as: UTF8.self)
          throw xml.failure("số dòng r=\"\(text)\" không hợp lệ", "an invalid row number r=\"\(text)\"")
        }
        number = value
      } else {
        number = rowNumber + 1
      }
      guard number > rowNumber, number <= Limits.sheetRowsMax else {
        throw xml.failure(
          "dòng \(number) đứng sau dòng \(rowNumber) (sai thứ tự)",
          "row \(number) after row \(rowNumber) (out of order)")
      }
      rowNumber = number
      inRow = true
      cells.removeAll(keepingCapacity: true)
      column = 0
    } else if depth == 4 && inRow && xml.isNamed("c") {
      let next: Int
      if let bytes = xml.attributeBytes("r") {
        guard let position = XlsxCellReference.parse(bytes), position.row == rowNumber else {
          let reference = String(decoding: bytes, as: UTF8.self)
          throw xml.failure(
            "tham chiếu ô r=\"\(reference)\" không hợp lệ trong dòng \(rowNumber)",
            "an invalid cell reference r=\"\(reference)\" in row \(rowNumber)")
        }
        next = position.column
      } else {
        next = column + 1
      }
      guard next > column, next <= Limits.sheetColumnsMax else {
        throw xml.failure(
          "ô ngoài giới hạn hoặc sai thứ tự trong dòng \(rowNumber)",
          "a cell out of range or out of order in row \(rowNumber)")
      }
      column = next
      lastCell = XlsxCellPosition(row: rowNumber, column: column)
      cellType = xml.attributeBytes("t").map { String(decoding: $0, as: UTF8.self) } ?? "n"
      cellStyle = xml.attributeBytes("s").flatMap { XlsxCellReference.wholeNumber($0) } ?? 0
      guard cellType == "n" || Self.cellTypes.contains(cellType) else {
        throw xml.failure("kiểu ô t=\"\(cellType)\" không hợp lệ", "an invalid cell type t=\"\(cellType)\"")
      }
      inCell = true
      hasValue = false
      hasFormula = false
      hasInline = false
      valueBytes.removeAll(keepingCapacity: true)
      inlineBytes.removeAll(keepingCapacity: true)
    } else if depth == 5 && inCell {
      if xml.isNamed("v") {
        hasValue = true
        inValue = true
      } else if xml.isNamed("f") {
        hasFormula = true
      } else if xml.isNamed("is") {
        hasInline = true
        inInline = true
      }
    } else if depth >= 6 && inInline {
      if xml.isNamed("rPh") {
        phoneticDepth += 1
      } else if xml.isNamed("t") {
        inInlineText = phoneticDepth == 0
      }
    }
  }

  /// At the end of an element; the row when it closes one with values.
  private mutating func end() throws(XlsxArchiveRefusal) -> XlsxSheetRow? {
    let depth = xml.depth + 1
    if depth == 2 && inSheetData && xml.isNamed("sheetData") {
      inSheetData = false
    } else if depth == 3 && inRow && xml.isNamed("row") {
      inRow = false
      if !cells.isEmpty { return XlsxSheetRow(number: rowNumber, cells: cells) }
    } else if depth == 4 && inCell && xml.isNamed("c") {
      inCell = false
      try endCell()
    } else if depth == 5 && inCell {
      if xml.isNamed("v") { inValue = false }
      if xml.isNamed("is") { inInline = false }
    } else if depth >= 6 && inInline {
      if xml.isNamed("rPh") { phoneticDepth -= 1 }
      if xml.isNamed("t") { inInlineText = false }
    }
    return nil
  }

  private mutating func endCell() throws(XlsxArchiveRefusal) {
    let position = XlsxCellPosition(row: rowNumber, column: column)
    // A formula saved without its result (openpyxl, some generators): its value is unknown, not blank.
    let isTextFormula = cellType == "str" || cellType == "inlineStr"
    if hasFormula && (!hasValue && !hasInline || valueBytes.isEmpty && !isTextFormula) {
      cellProblems.append(
        XlsxCellProblem(
          cell: position,
          vi:
            "ô \(position.reference): công thức chưa có giá trị tính sẵn — mở và lưu lại tệp trong Excel hoặc "
            + "LibreOffice.",
          en: "cell \(position.reference): the formula has no cached value — open and save the file in Excel "
            + "or LibreOffice."))
      return
    }
    let value: XlsxCellValue?
    if cellType == "n" {
      // Numbers are most cells: no String until the digits are known to be there.
      let digits = XlsxCellReference.trimmed(valueBytes[...])
      if !digits.isEmpty {
        let text = String(decoding: digits, as: UTF8.self)
        cells.append((column, dateStyles.contains(cellStyle) ? .dateSerial(text) : .number(text)))
      }
      return
    }
    let valueText = hasValue ? String(decoding: valueBytes, as: UTF8.self) : nil
    switch cellType {
    case "s":
      guard let index = XlsxCellReference.wholeNumber(XlsxCellReference.trimmed(valueBytes[...])),
        sharedStrings.indices.contains(index)
      else {
        throw XlsxArchiveRefusal(
          vi: "Tệp bị hỏng: ô \(position.reference) trỏ tới chuỗi dùng chung không có.",
          en: "The file is damaged: cell \(position.reference) points to a missing shared string.",
          cell: position)
      }
      value = .text(sharedStrings[index])
    case "inlineStr": value = hasInline ? .text(String(decoding: inlineBytes, as: UTF8.self)) : nil
    case "str", "d": value = valueText.map { .text($0) }
    case "b": value = valueText.map { .boolean($0.trimmingCharacters(in: .whitespaces) == "1") }
    case "e": value = valueText.map { .error($0) }
    default: value = valueText.flatMap { $0.isEmpty ? nil : .number($0.trimmingCharacters(in: .whitespaces)) }
    }
    if let value {
      if case .text(let string) = value, string.isEmpty { return }
      cells.append((column, value))
    }
  }

  /// A refusal met inside the sheet, with the sheet and the last cell read added to its message.
  private func located(_ refusal: XlsxArchiveRefusal) -> XlsxArchiveRefusal {
    guard refusal.cell == nil, !refusal.isAboutWholePart else { return refusal }
    guard let lastCell else {
      return XlsxArchiveRefusal(
        vi: refusal.vi + " (trang '\(sheetName)', trước ô đầu tiên)",
        en: refusal.en + " (sheet '\(sheetName)', before its first cell)")
    }
    return XlsxArchiveRefusal(
      vi: refusal.vi + " (trang '\(sheetName)', sau ô \(lastCell.reference))",
      en: refusal.en + " (sheet '\(sheetName)', after cell \(lastCell.reference))", cell: lastCell)
  }
}

/// `D17` ↔ (row 17, column 4).
enum XlsxCellReference {
  static func parse(_ reference: String) -> (row: Int, column: Int)? {
    parse(ArraySlice(reference.utf8))
  }

  static func parse(_ reference: ArraySlice<UInt8>) -> (row: Int, column: Int)? {
    var column = 0
    var row = 0
    var sawDigit = false
    for byte in reference {
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

  /// Decimal digits only (at most 9 of them), as a number.
  static func wholeNumber(_ bytes: ArraySlice<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
    var value = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  /// Without the spaces and tabs around it.
  static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var result = bytes
    while let first = result.first, first == 0x20 || first == 0x09 { result.removeFirst() }
    while let last = result.last, last == 0x20 || last == 0x09 { result.removeLast() }
    return result
  }

  static func columnName(_ column: Int) -> String { SourceLocation.columnName(column) }

  static func name(row: Int, column: Int) -> String { columnName(column) + String(row) }
}

/// Which number formats show a date (ECMA-376 §18.8.30 for the built-in ones).
enum XlsxDateFormat {
  /// Built-in: 14–22 (dates and times), 27–36 and 50–58 (East Asian dates), 45–47 (times). A custom
  /// format (`code`) shows a date when its first section has a d, m or y outside quoted text, brackets
  /// (`[Red]`, `[$₫-42A]`) and escaped characters.
  static func showsDate(id: Int, code: String?) -> Bool {
    guard let code else {
      return (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id)
        || (50...58).contains(id)
    }
    var inQuotes = false
    var inBrackets = false
    var skipNext = false
    for character in code.lowercased() {
      if skipNext {
        skipNext = false
      } else if inQuotes {
        if character == "\"" { inQuotes = false }
      } else if inBrackets {
        if character == "]" { inBrackets = false }
      } else {
        switch character {
        case "\"": inQuotes = true
        case "[": inBrackets = true
        case "\\", "_", "*": skipNext = true
        case ";": return false
        case "d", "m", "y": return true
        default: break
        }
      }
    }
    return false
  }
}

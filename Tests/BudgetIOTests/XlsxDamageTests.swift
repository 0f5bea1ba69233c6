import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

/// Damaged and crafted workbooks: every one is refused with a located "damaged" error, never read as
/// a shorter or different table, never a trap.
@Suite("Xlsx reader: damaged files")
struct XlsxDamageTests {
  static let rows = (1...20).map { TestWorkbook.payment($0, amount: Int64($0) * 1_000_000) }
  static let goodSheet = TestWorkbook.sheetXML(TestWorkbook.rowsXML(rows))

  @Test("the crafted workbook itself reads: 20 payments, 210,000,000 đồng")
  func goodWorkbookReads() throws {
    for stored in [false, true] {
      let result = TestWorkbook.readSpending(try TestWorkbook.xlsx(sheetXML: Self.goodSheet, stored: stored))
      #expect(result.errors.isEmpty, "\(result.errors)")
      #expect(result.rows.count == 20)
      #expect(result.rows.reduce(Int64(0)) { $0 + $1.amount.dong } == 210_000_000)
      #expect(result.rows[19].location == SourceLocation(workbook: "spending.xlsx", sheet: "Sheet1", row: 21))
    }
  }

  // MARK: 1(a) CRC

  @Test("a changed digit in a stored sheet (CRC-32 kept) is refused as damaged, naming the part")
  func crcOfStoredPart() throws {
    var bytes = [UInt8](try TestWorkbook.xlsx(sheetXML: Self.goodSheet, stored: true))
    let (_, range) = try TestWorkbook.entry(Data(bytes), TestWorkbook.sheetPath)
    // 20000000 → 90000000 in H21: well-formed, only the CRC can tell.
    let amount = Array("<v>20000000</v>".utf8)
    let at = try #require(
      (range.lowerBound..<range.upperBound - amount.count).first {
        bytes[$0..<($0 + amount.count)].elementsEqual(amount)
      })
    bytes[at + 3] = UInt8(ascii: "9")
    expectDamaged(
      TestWorkbook.readSpending(Data(bytes)), mentions: [TestWorkbook.sheetPath, "CRC-32"])
  }

  @Test("a wrong CRC-32 in the zip directory of LibreOffice's workbook is refused")
  func crcInDirectory() throws {
    var bytes = [UInt8](try fixture("chiem-hoa-spending.xlsx"))
    let record = try TestWorkbook.centralRecord(Data(bytes), TestWorkbook.sheetPath)
    bytes[record + 16] ^= 0x01
    expectDamaged(TestWorkbook.readSpending(Data(bytes)), mentions: [TestWorkbook.sheetPath, "CRC-32"])
  }

  @Test("300 seeded single-bit flips of a LibreOffice workbook: each is refused or reads the same rows")
  func bitFlips() throws {
    let original = [UInt8](try fixture("chiem-hoa-spending.xlsx"))
    let expected = TestWorkbook.readSpending(Data(original)).rows
    try #require(expected.count == 466)
    var generator = SeededGenerator(seed: 2026)
    var refused = 0
    for _ in 0..<300 {
      var bytes = original
      let index = Int.random(in: 0..<bytes.count, using: &generator)
      bytes[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
      let result = TestWorkbook.readSpending(Data(bytes))
      if result.errors.isEmpty {
        // Only bytes no reader looks at (a timestamp, an unread part) may change and still read.
        #expect(result.rows == expected, "byte \(index) changed the rows silently")
      } else {
        #expect(result.rows.isEmpty)
        refused += 1
      }
    }
    #expect(refused > 100)
  }

  // MARK: 1(b) truncated or ill-formed sheet XML, each with a valid CRC

  enum SheetDamage: String, CaseIterable, Sendable {
    case cutAfterRow, cutMidCell, missingRowEnd, noSheetDataEnd, noWorksheetEnd, strayEndTag
    case undefinedEntity, rowsOutOfOrder, cellOfAnotherRow, contentAfterRoot

    func apply(_ xml: String) -> String {
      switch self {
      case .cutAfterRow: String(xml[..<xml.range(of: "<row r=\"12\"")!.lowerBound])
      case .cutMidCell: String(xml[..<xml.range(of: "<v>12000000")!.upperBound])
      case .missingRowEnd: xml.replacingOccurrences(of: "</c></row><row r=\"8\"", with: "</c><row r=\"8\"")
      case .noSheetDataEnd: xml.replacingOccurrences(of: "</sheetData></worksheet>", with: "")
      case .noWorksheetEnd: xml.replacingOccurrences(of: "</worksheet>", with: "")
      case .strayEndTag: xml.replacingOccurrences(of: "<row r=\"9\">", with: "</c><row r=\"9\">")
      case .undefinedEntity: xml.replacingOccurrences(of: "Chi hội nghị</t>", with: "Chi &nbsp;</t>")
      case .rowsOutOfOrder: xml.replacingOccurrences(of: "<row r=\"9\">", with: "<row r=\"3\">")
      case .cellOfAnotherRow: xml.replacingOccurrences(of: "<c r=\"H9\">", with: "<c r=\"H8\">")
      case .contentAfterRoot: xml + "<worksheet/>"
      }
    }
  }

  @Test(
    "a sheet cut short or ill-formed is refused, never read as a shorter table",
    arguments: SheetDamage.allCases)
  func truncatedSheet(_ damage: SheetDamage) throws {
    let sheet = damage.apply(Self.goodSheet)
    #expect(sheet != Self.goodSheet)
    let result = TestWorkbook.readSpending(try TestWorkbook.xlsx(sheetXML: sheet))
    #expect(result.rows.isEmpty, "\(result.rows.count) rows read")
    #expect(result.errors.count == 1, "\(result.errors)")
    let error = try #require(result.errors.errors.first)
    #expect(error.message.vi.contains("hỏng") && error.message.en.contains("damaged"), "\(error)")
    #expect(error.message.en.contains(TestWorkbook.sheetPath), "\(error)")
    #expect(error.message.en.contains("sheet 'Sheet1'"), "\(error)")
  }

  @Test("a truncated sheet names the last cell read and is located there")
  func truncatedLocation() throws {
    let sheet = String(Self.goodSheet[..<Self.goodSheet.range(of: "<row r=\"12\"")!.lowerBound])
    expectDamaged(
      TestWorkbook.readSpending(try TestWorkbook.xlsx(sheetXML: sheet)), file: "spending.xlsx!Sheet1",
      line: 11,
      column: 10, mentions: [TestWorkbook.sheetPath, "J11", "Sheet1"])
  }

  // MARK: 1(c) formulas without a cached value

  @Test("a formula without its cached value is an error at its cell, not a blank")
  func formulaWithoutValue() throws {
    var xml = TestWorkbook.rowsXML(Self.rows)
    // openpyxl writes formulas this way: no <v>.
    xml = xml.replacingOccurrences(of: "<c r=\"J6\"", with: "<c r=\"I6\"><f>1+2</f></c><c r=\"J6\"")
    let result = TestWorkbook.readSpending(try TestWorkbook.xlsx(sheetXML: TestWorkbook.sheetXML(xml)))
    #expect(result.errors.count == 1, "\(result.errors)")
    expectError(
      result.errors, file: "spending.xlsx!Sheet1", line: 6, column: 9,
      mentions: ["I6", "Excel", "LibreOffice"])
    #expect(result.errors.errors.first?.message.vi.contains("công thức chưa có giá trị tính sẵn") == true)
    #expect(result.errors.errors.first?.message.en.contains("formula has no cached value") == true)

    // An empty <v/> is no value either (a number cell); a required column's complaint is not repeated.
    let empty = TestWorkbook.rowsXML(Self.rows).replacingOccurrences(
      of: "<c r=\"H7\"><v>6000000</v></c>", with: "<c r=\"H7\"><f>B2*2</f><v></v></c>")
    let second = TestWorkbook.readSpending(try TestWorkbook.xlsx(sheetXML: TestWorkbook.sheetXML(empty)))
    #expect(second.errors.count == 1, "\(second.errors)")
    expectError(second.errors, file: "spending.xlsx!Sheet1", line: 7, column: 8, mentions: ["H7"])
  }

  @Test("a formula with its cached value reads the value")
  func formulaWithValue() throws {
    let xml = TestWorkbook.rowsXML(Self.rows).replacingOccurrences(
      of: "<c r=\"J6\"", with: "<c r=\"I6\"><f>1+2</f><v>3</v></c><c r=\"J6\"")
    let result = TestWorkbook.readSpending(try TestWorkbook.xlsx(sheetXML: TestWorkbook.sheetXML(xml)))
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.rows[4].quantity == Quantity(whole: 3))
  }

  // MARK: 1(d) hidden sheets

  static func twoSheets(firstState: String?, secondState: String? = nil) throws -> Data {
    let stale = TestWorkbook.sheetXML(TestWorkbook.rowsXML([TestWorkbook.payment(1, amount: 992_647_000)]))
    return try TestWorkbook.zip([
      (
        "xl/workbook.xml",
        Array(TestWorkbook.workbookXML(sheets: [("Cũ", firstState), ("Chi tiết", secondState)]).utf8)
      ),
      ("xl/_rels/workbook.xml.rels", Array(TestWorkbook.relationshipsXML(sheetCount: 2).utf8)),
      ("xl/worksheets/sheet1.xml", Array(stale.utf8)),
      ("xl/worksheets/sheet2.xml", Array(Self.goodSheet.utf8)),
    ])
  }

  @Test(
    "a hidden first sheet (a stale copy) is passed over for the first visible one",
    arguments: ["hidden", "veryHidden"])
  func hiddenFirstSheet(state: String) throws {
    let result = TestWorkbook.readSpending(try Self.twoSheets(firstState: state))
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.rows.count == 20)
    #expect(result.rows.first?.location.file == "spending.xlsx!Chi tiết")
    #expect(!result.rows.contains { $0.amount == Money(dong: 992_647_000) })
  }

  @Test("a hidden sheet is read when named; a workbook with only hidden sheets asks for a name")
  func hiddenSheetNamed() throws {
    let named = TestWorkbook.readSpending(try Self.twoSheets(firstState: "hidden"), sheet: "Cũ")
    #expect(named.errors.isEmpty, "\(named.errors)")
    #expect(named.rows.map(\.amount) == [Money(dong: 992_647_000)])
    let allHidden = TestWorkbook.readSpending(
      try Self.twoSheets(firstState: "hidden", secondState: "veryHidden"))
    #expect(allHidden.rows.isEmpty)
    expectError(
      allHidden.errors, file: "spending.xlsx", line: 1, mentions: ["'Cũ'", "'Chi tiết'", "--sheet"])
  }

  // MARK: 1(e) encodings

  @Test("a sheet in UTF-16 (with or without BOM) or declaring another encoding is refused, DTD or not")
  func notUTF8() throws {
    let laughs =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]>"
      + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
      + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol;</t></is></c></row></sheetData></worksheet>"
    var utf16LE: [UInt8] = [0xFF, 0xFE]
    for unit in laughs.utf16 { utf16LE += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    var utf16BE: [UInt8] = []
    for unit in laughs.utf16 { utf16BE += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
    let latin1 = Self.goodSheet.replacingOccurrences(
      of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
    for sheet in [utf16LE, Array(utf16LE.dropFirst(2)), utf16BE, Array(latin1.utf8)] {
      let result = TestWorkbook.readSpending(try TestWorkbook.xlsx(sheet: sheet))
      #expect(result.rows.isEmpty)
      expectError(result.errors, file: "spending.xlsx", line: 1, mentions: [TestWorkbook.sheetPath, "UTF-8"])
    }
  }

  @Test("invalid UTF-8 and characters XML forbids are refused")
  func invalidBytes() throws {
    for bad in ["Chi \u{1}hội", "Chi \u{FFFE}"] {
      let sheet = Self.goodSheet.replacingOccurrences(of: "Chi hội nghị", with: bad)
      expectDamaged(
        TestWorkbook.readSpending(try TestWorkbook.xlsx(sheetXML: sheet)), file: "spending.xlsx!Sheet1",
        line: 2, column: 10, mentions: [TestWorkbook.sheetPath])
    }
    var bytes = Array(Self.goodSheet.utf8)
    let at = try #require(bytes.firstIndex(of: 0xE1))  // the first byte of "ộ" (E1 BB 99)
    bytes[at + 1] = 0x41
    let result = TestWorkbook.readSpending(try TestWorkbook.xlsx(sheet: bytes))
    expectDamaged(result, file: "spending.xlsx!Sheet1", line: 2, column: 10, mentions: ["UTF-8"])
  }

  @Test("invalid UTF-8 in a tag or attribute name of the shared strings is refused (FoundationXML trapped)")
  func invalidBytesInNames() throws {
    let sheet = TestWorkbook.sheetXML(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")
    let relationships = TestWorkbook.relationshipsXML(sheetCount: 1).replacingOccurrences(
      of: "</Relationships>",
      with: "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        + "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>")
    let good = Array(
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t xml:space=\"preserve\">id</t></si></sst>"
        .utf8)
    for (from, to) in [("xml:space", UInt8(0xFD)), ("<si>", UInt8(0xF3)), ("preserve", UInt8(0xF8))] {
      var strings = good
      let at = try #require(
        (0..<strings.count).first { strings[$0...].starts(with: Array(from.utf8)) })
      strings[at + 2] = to
      let data = try TestWorkbook.zip([
        ("xl/workbook.xml", Array(TestWorkbook.workbookXML(sheets: [("Sheet1", nil)]).utf8)),
        ("xl/_rels/workbook.xml.rels", Array(relationships.utf8)),
        ("xl/sharedStrings.xml", strings),
        (TestWorkbook.sheetPath, Array(sheet.utf8)),
      ])
      expectDamaged(TestWorkbook.readSpending(data), mentions: ["xl/sharedStrings.xml", "UTF-8"])
    }
  }

  @Test("a DTD anywhere, with or without an encoding declaration, is refused before any entity is used")
  func doctype() throws {
    let sheet = Self.goodSheet.replacingOccurrences(
      of: "standalone=\"yes\"?>\n", with: "standalone=\"yes\"?>\n<!DOCTYPE x [<!ENTITY a \"b\">]>")
    let result = TestWorkbook.readSpending(try TestWorkbook.xlsx(sheetXML: sheet))
    #expect(result.rows.isEmpty)
    #expect(result.errors.errors.first?.message.en.contains("<!DOCTYPE") == true, "\(result.errors)")
  }

  // MARK: the XML reader itself

  /// Every token as text: `<name b=…>`, `</name>`, `"text"`, `.`.
  static func tokens(_ reader: XlsxXMLReader) throws -> [String] {
    var out: [String] = []
    while true {
      switch try reader.next() {
      case .start:
        let b = reader.attribute("b").map { " b=\($0)" } ?? ""
        let c = reader.attribute("c").map { " c=\($0)" } ?? ""
        out.append("<\(reader.localName)\(b)\(c)>")
      case .end: out.append("</\(reader.localName)>")
      case .text: out.append("\"\(String(decoding: reader.text, as: UTF8.self))\"")
      case .endOfDocument:
        out.append(".")
        return out
      }
    }
  }

  @Test("the XML reader takes what valid parts hold, whole or one byte at a time")
  func xmlReaderAcceptsValidXML() throws {
    let xml =
      "\u{FEFF}<?xml version='1.0' encoding='utf-8'?>\r\n<!-- a comment --><x:root xmlns:x='u' "
      + "b=\"1&amp;2\" c='x\ty'><?pi data?><t>A&lt;&#x1EA1;&#65;\r\nB<![CDATA[<raw>]]></t><e/></x:root>\n"
    let expected = [
      "<root b=1&2 c=x y>", "<t>", "\"A<ạA\nB\"", "\"<raw>\"", "</t>", "<e>", "</e>", "</root>", ".",
    ]
    #expect(try Self.tokens(XlsxXMLReader(part: "p", bytes: Array(xml.utf8))) == expected)
    // Every construct split across chunks: the first chunk holds the byte order mark, then one byte each.
    var rest = Array(xml.utf8)
    let reader = XlsxXMLReader(part: "p") { () throws(XlsxArchiveRefusal) -> [UInt8]? in
      guard !rest.isEmpty else { return nil }
      let count = rest.count == xml.utf8.count ? 8 : 1
      defer { rest.removeFirst(count) }
      return Array(rest.prefix(count))
    }
    #expect(try Self.tokens(reader) == expected)
  }

  // MARK: 2(d) archive structure: offsets and sizes that point outside the file

  @Test("directory offsets and sizes pointing outside the file are refused, not trapped on")
  func outOfRangeOffsets() throws {
    let original = [UInt8](try fixture("chiem-hoa-spending.xlsx"))
    let record = try TestWorkbook.centralRecord(Data(original), TestWorkbook.sheetPath)
    let endRecord = original.count - 22
    #expect(original[endRecord..<(endRecord + 4)].elementsEqual([0x50, 0x4B, 0x05, 0x06]))
    // (offset of a 4-byte little-endian field, value): offsets and sizes beyond the file.
    let patches: [(Int, UInt32)] = [
      (record + 42, UInt32(original.count + 1000)),  // local header past the end
      (record + 42, 0xFFFF_FFF0),
      (record + 20, 0x7FFF_FFFF),  // compressed size past the end
      (record + 24, 0xFFFF_FFFE),  // uncompressed size
      (endRecord + 16, UInt32(original.count + 5)),  // central directory past the end
      (endRecord + 12, 0x00FF_FFFF),  // central directory size
    ]
    for (at, value) in patches {
      var bytes = original
      for index in 0..<4 { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
      let result = TestWorkbook.readSpending(Data(bytes))
      #expect(result.rows.isEmpty)
      #expect(result.errors.count == 1, "\(result.errors)")
      #expect(result.errors.errors.first?.location == SourceLocation(file: "spending.xlsx", line: 1))
    }
  }

  @Test("every prefix of a small workbook is refused without a trap")
  func prefixes() throws {
    let data = try TestWorkbook.xlsx(sheetXML: Self.goodSheet)
    for length in stride(from: 0, to: data.count, by: 7) {
      let result = TestWorkbook.readSpending(data.prefix(length))
      #expect(result.rows.isEmpty && result.errors.count == 1, "prefix \(length)")
    }
  }

  @Test("2,000 seeded byte mutations of small workbooks: rows or located errors, never a trap")
  func byteMutations() throws {
    let originals = [
      try TestWorkbook.xlsx(sheetXML: Self.goodSheet),
      try TestWorkbook.xlsx(sheetXML: Self.goodSheet, stored: true),
      try fixture("titled-spending.xlsx"),
    ].map { [UInt8]($0) }
    var generator = SeededGenerator(seed: 10)
    for round in 0..<2000 {
      var bytes = originals[round % originals.count]
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let index = Int.random(in: 0..<bytes.count, using: &generator)
        bytes[index] = UInt8.random(in: 0...255, using: &generator)
      }
      let result = TestWorkbook.readSpending(Data(bytes))
      #expect(!result.rows.isEmpty || !result.errors.isEmpty)
    }
  }

  // MARK: 8 lying sizes

  @Test("a part lying about its size stops within one chunk of what it declared, under the standard limits")
  func lyingSize() throws {
    // 10 MB of one repeated row, declared as 2,000 bytes: the old reader inflated all of it.
    let row = "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>"
    let big = TestWorkbook.sheetXML(String(repeating: row, count: 200_000))
    var bytes = [UInt8](try TestWorkbook.xlsx(sheetXML: big))
    let record = try TestWorkbook.centralRecord(Data(bytes), TestWorkbook.sheetPath)
    for (index, byte) in [UInt8(0xD0), 0x07, 0, 0].enumerated() { bytes[record + 24 + index] = byte }
    let archive = try XlsxArchive(data: Data(bytes), limits: .standard)
    var refusal: XlsxArchiveRefusal?
    do { _ = try archive.sheet(named: nil) } catch { refusal = error }
    #expect(
      refusal?.en.contains("more than the 2000 bytes it declares") == true, "\(String(describing: refusal))")
    #expect(archive.inflatedBytesTotal <= 2000 + XlsxPartStream.chunkBytes + 4096)
  }

  @Test("a part declaring more than deflate can make of its compressed bytes is refused before inflating")
  func impossibleRatio() throws {
    var bytes = [UInt8](try TestWorkbook.xlsx(sheetXML: Self.goodSheet))
    let record = try TestWorkbook.centralRecord(Data(bytes), TestWorkbook.sheetPath)
    // 600 MB, within the part limit, from a few hundred compressed bytes.
    for (index, byte) in [UInt8(0x00), 0x46, 0xC3, 0x23].enumerated() { bytes[record + 24 + index] = byte }
    let archive = try XlsxArchive(data: Data(bytes), limits: .standard)
    var refusal: XlsxArchiveRefusal?
    do { _ = try archive.sheet(named: nil) } catch { refusal = error }
    #expect(refusal?.en.contains("more than deflate can produce") == true, "\(String(describing: refusal))")
    #expect(archive.inflatedBytesTotal < 4096)
  }
}

/// SplitMix64: the same mutations on every run and machine.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}

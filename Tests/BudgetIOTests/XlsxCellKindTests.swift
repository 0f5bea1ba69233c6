import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

/// A sheet is a typed row source: each cell keeps its kind (text, number, date) and its place; the
/// field parsers read it by kind, with no CSV text in between.
@Suite("Xlsx cell kinds")
struct XlsxCellKindTests {
  /// cellXfs: 0 General, 1 built-in date (14), 2 custom `dd/mm/yyyy`, 3 custom `#,##0 "đ"` (a number
  /// whose quoted text has a d), 4 `[$-42A]d mmmm yyyy` (a date with a locale in brackets).
  static let styles = """
    <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>\
    <numFmt numFmtId="165" formatCode="#,##0 &quot;đ&quot;"/><numFmt numFmtId="166" formatCode="[$-42A]d mmmm yyyy"/></numFmts>\
    <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
    <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>\
    <xf numFmtId="166"/></cellXfs></styleSheet>
    """

  static func workbook(_ rows: String) throws -> Data {
    let relationships =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      + "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
      + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      + "relationships/styles\" Target=\"styles.xml\"/></Relationships>"
    let header = TestWorkbook.header.enumerated().map { column, title in
      TestWorkbook.cell(XlsxCellReference.name(row: 1, column: column + 1), title)
    }.joined()
    return try TestWorkbook.zip([
      ("xl/workbook.xml", Array(TestWorkbook.workbookXML(sheets: [("Sheet1", nil)]).utf8)),
      ("xl/_rels/workbook.xml.rels", Array(relationships.utf8)),
      ("xl/styles.xml", Array(styles.utf8)),
      (TestWorkbook.sheetPath, Array(TestWorkbook.sheetXML("<row r=\"1\">\(header)</row>" + rows).utf8)),
    ])
  }

  /// A payment row 2 with the given cells for C (date), H (amount) and J (description).
  static func row(date: String, amount: String, description: String = "") -> String {
    "<row r=\"2\">" + TestWorkbook.cell("A2", "p1") + "<c r=\"C2\"\(date)" + TestWorkbook.cell("E2", "TW")
      + TestWorkbook.cell("F2", "HOINGHI") + TestWorkbook.cell("G2", "VHTT") + "<c r=\"H2\"\(amount)"
      + description + "</row>"
  }

  @Test("a date-formatted number is a date: in the date column, and in a text column as YYYY-MM-DD")
  func dateCells() throws {
    // 45000 = 15/03/2023; the description is a date cell with a custom format (style 2).
    for style in [1, 2, 4] {
      let data = try Self.workbook(
        Self.row(
          date: " s=\"\(style)\"><v>45000</v></c>", amount: "><v>1500000</v></c>",
          description: "<c r=\"J2\" s=\"2\"><v>45001</v></c>"))
      let result = TestWorkbook.readSpending(data)
      #expect(result.errors.isEmpty, "\(result.errors)")
      let payment = try #require(result.rows.first)
      #expect(payment.date == CivilDate(year: 2023, month: 3, day: 15))
      #expect(payment.description == "2023-03-16")
      #expect(payment.amount == Money(dong: 1_500_000))
      #expect(payment.location == SourceLocation(workbook: "spending.xlsx", sheet: "Sheet1", row: 2))
    }
  }

  @Test("a number whose format only quotes a d is a number; a date-formatted amount is an error at its cell")
  func numberFormats() throws {
    let number = try Self.workbook(Self.row(date: "><v>45000</v></c>", amount: " s=\"3\"><v>2000000</v></c>"))
    let read = TestWorkbook.readSpending(number)
    #expect(read.errors.isEmpty, "\(read.errors)")
    #expect(read.rows.first?.amount == Money(dong: 2_000_000))

    let dated = try Self.workbook(Self.row(date: "><v>45000</v></c>", amount: " s=\"1\"><v>45000</v></c>"))
    let refused = TestWorkbook.readSpending(dated)
    #expect(refused.rows.isEmpty)
    let error = expectError(
      refused.errors, file: "spending.xlsx!Sheet1", line: 2, column: 8, mentions: ["H2"])
    #expect(error?.location?.cellReference == "H2")
    #expect(error?.message.en.contains("formatted as a date") == true)
  }

  @Test("a number cell with a fraction of a đồng is an error at its cell, whatever its decimals")
  func fractionalAmounts() throws {
    // 1.234 must never read as 1.234 grouped (1234 đồng); 0.5 and 1E-3 are fractions too.
    for raw in ["1.234", "0.5", "1E-3", "12345.6"] {
      let data = try Self.workbook(Self.row(date: "><v>45000</v></c>", amount: "><v>\(raw)</v></c>"))
      let result = TestWorkbook.readSpending(data)
      #expect(result.rows.isEmpty)
      let plain = try #require(XlsxDecimal(raw)?.plain)
      let error = expectError(
        result.errors, file: "spending.xlsx!Sheet1", line: 2, column: 8, mentions: ["H2", "'\(plain)'"])
      #expect(error?.message.vi.contains("phần lẻ của đồng") == true)
      #expect(error?.message.en.contains("fraction of a đồng") == true)
    }
    // A whole number written with an exponent is whole đồng.
    let exponent = try Self.workbook(Self.row(date: "><v>45000</v></c>", amount: "><v>1.5E+7</v></c>"))
    #expect(TestWorkbook.readSpending(exponent).rows.first?.amount == Money(dong: 15_000_000))
  }

  @Test("which number formats show a date")
  func dateFormats() {
    #expect(XlsxDateFormat.showsDate(id: 14, code: nil))
    #expect(XlsxDateFormat.showsDate(id: 22, code: nil))
    #expect(!XlsxDateFormat.showsDate(id: 0, code: nil))
    #expect(!XlsxDateFormat.showsDate(id: 3, code: nil))
    #expect(XlsxDateFormat.showsDate(id: 164, code: "dd/mm/yyyy"))
    #expect(XlsxDateFormat.showsDate(id: 164, code: "[$-42A]d mmmm yyyy"))
    #expect(!XlsxDateFormat.showsDate(id: 164, code: "#,##0 \"đ\""))
    #expect(!XlsxDateFormat.showsDate(id: 164, code: "#,##0 [$₫-42A]"))
    #expect(!XlsxDateFormat.showsDate(id: 164, code: "General"))
    #expect(!XlsxDateFormat.showsDate(id: 164, code: "#,##0_);[Red](#,##0)"))
    #expect(!XlsxDateFormat.showsDate(id: 164, code: "0\\d"))
  }
}

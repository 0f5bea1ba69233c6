import BudgetCore
import Foundation
import Testing
import ZIPFoundation

@testable import BudgetIO

/// Issue 10, point 5 and the amount side of point 2: what the outputs cannot hold is refused where it
/// is read, located at the input (file, line, column), never at an output cell.

private let quadrillion: Int64 = 1_000_000_000_000_000

private func spendingRow(id: String = "c1", voucher: String = "PC-1", description: String = "Chi hội nghị")
  -> String
{
  "\(id),\(voucher),2023-04-12,,TW,PANO,PDT,1000000,,\(description),"
}

@Suite("Text the outputs can hold, checked as it is read")
struct TextRulesReadingTests {
  @Test(
    "Characters XML 1.0 cannot hold are refused in a description, named escaped",
    arguments: [
      ("\u{0}", "U+0000"), ("\u{1}", "U+0001"), ("\u{1B}", "U+001B"), ("\u{1F}", "U+001F"),
      ("\u{FFFE}", "U+FFFE"), ("\u{FFFF}", "U+FFFF"),
    ])
  func invalidCharacterInDescription(character: String, name: String) {
    let errors = spendingErrors(spendingHeader + "\n" + spendingRow(description: "Chi hội\(character) nghị"))
    let error = expectError(
      errors, file: "spending.csv", line: 2, column: 10, mentions: [name, "description"])
    // Position 8: "Chi hội" is seven characters.
    #expect(error?.message.en.contains("character 8") == true)
    #expect(error?.message.vi.contains(character) == false)
    #expect(error?.message.en.contains(character) == false)
  }

  @Test("The same rule in every text column: id, voucher, reverses, decision, note, codes")
  func everyTextColumn() {
    expectError(
      spendingErrors(spendingHeader + "\n" + spendingRow(id: "c\u{1}")), file: "spending.csv", line: 2,
      column: 1, mentions: ["U+0001"])
    expectError(
      spendingErrors(spendingHeader + "\n" + spendingRow(voucher: "PC\u{FFFF}")), file: "spending.csv",
      line: 2, column: 2, mentions: ["U+FFFF"])
    expectError(
      spendingErrors(spendingHeader + "\nc1,PC,2023-04-12,,TW,PA\u{1B}NO,PDT,1000000,,x,"),
      file: "spending.csv",
      line: 2, column: 6, mentions: ["U+001B"])
    expectError(
      spendingErrors(spendingHeader + "\nc1,PC,2023-04-12,,TW,PANO,PDT,-1000000,,x,c\u{7}0"),
      file: "spending.csv", line: 2, column: 11, mentions: ["U+0007"])
    expectError(
      allocationErrors(allocationsHeader + "\n2023,TW,PANO,PDT,initial,5000000,,150/Q\u{0}Đ,,"),
      file: "allocations.csv", line: 2, column: 8, mentions: ["U+0000"])
    expectError(
      allocationErrors(allocationsHeader + "\n2023,TW,PANO,PDT,initial,5000000,,150/QĐ,,Ghi \u{FFFE}chú"),
      file: "allocations.csv", line: 2, column: 10, mentions: ["U+FFFE"])
  }

  @Test("Line breaks and tabs: allowed in free text, refused in ids and decisions")
  func lineBreaks() throws {
    let rows = try readSpending(
      spendingHeader + "\n" + spendingRow(description: "\"Dòng một\nDòng hai\tcột\r\nba\""))
    #expect(rows.first?.description == "Dòng một\nDòng hai\tcột\r\nba")
    expectError(
      spendingErrors(spendingHeader + "\n" + spendingRow(id: "\"c\n1\"")), file: "spending.csv", line: 2,
      column: 1, mentions: ["U+000A"])
    expectError(
      allocationErrors(allocationsHeader + "\n2023,TW,PANO,PDT,initial,5000000,,150/\tQĐ,,"),
      file: "allocations.csv", line: 2, column: 8, mentions: ["U+0009"])
  }

  @Test("A description holds at most 32,767 UTF-16 code units (Excel's cell), counted as Excel counts")
  func descriptionLength() throws {
    let longest = String(repeating: "ệ", count: Limits.cellTextLengthMax)
    let rows = try readSpending(spendingHeader + "\n" + spendingRow(description: longest))
    #expect(rows.first?.description?.utf16.count == 32_767)
    let errors = spendingErrors(spendingHeader + "\n" + spendingRow(description: longest + "a"))
    expectError(errors, file: "spending.csv", line: 2, column: 10, mentions: ["32768", "32767"])
    // A character outside the BMP is two UTF-16 code units: 16,384 of them are 32,768.
    let wide = String(repeating: "😀", count: 16_384)
    expectError(
      spendingErrors(spendingHeader + "\n" + spendingRow(description: wide)), file: "spending.csv", line: 2,
      column: 10, mentions: ["32768"])
    // Doubled quotes count once.
    let quoted = "\"" + String(repeating: "\"\"", count: Limits.cellTextLengthMax) + "\""
    let quotedRows = try readSpending(spendingHeader + "\n" + spendingRow(description: quoted))
    #expect(quotedRows.first?.description?.count == 32_767)
  }

  @Test("An id or a decision holds at most 255 code units")
  func identifierLength() throws {
    let id = String(repeating: "a", count: Limits.identifierLengthMax)
    #expect(try readSpending(spendingHeader + "\n" + spendingRow(id: id)).first?.id == id)
    expectError(
      spendingErrors(spendingHeader + "\n" + spendingRow(id: id + "b")), file: "spending.csv", line: 2,
      column: 1, mentions: ["256", "255"])
  }

  @Test("A bad kind is quoted escaped, never raw")
  func kindQuotedEscaped() {
    let errors = allocationErrors(
      allocationsHeader + "\n2023,TW,PANO,PDT,init\u{1B}[31mial,5000000,,150/QĐ,,")
    let error = expectError(errors, file: "allocations.csv", line: 2, column: 5, mentions: ["<U+001B>[31m"])
    #expect(error?.message.en.contains("\u{1B}") == false)
  }

  @Test(
    "Every text of plan.yaml is checked where it is written (line and column)",
    arguments: [
      ("name", "\"Kế hoạch\\0\"", "U+0000"), ("issuer", "\"UBND\\x01 huyện\"", "U+0001"),
      ("office", "\"Phòng\\e\"", "U+001B"), ("place", "\"Chiêm\\uFFFE Hóa\"", "U+FFFE"),
      ("name", "\"Dòng một\\nDòng hai\"", "U+000A"),
    ])
  func planTexts(key: String, value: String, name: String) {
    let yaml = validPlan.replacingOccurrences(
      of: "\n  \(key): ", with: "\n  \(key): \(value) #", options: [], range: nil)
    let line = yaml.components(separatedBy: "\n").firstIndex { $0.hasPrefix("  \(key): ") }.map { $0 + 1 }
    let errors = planErrors(yaml)
    let error = expectError(
      errors, file: "plan.yaml", line: line ?? 0, column: key.count + 5, mentions: [name, key])
    #expect(error?.message.vi.unicodeScalars.contains { $0.value < 0x20 } == false)
  }

  @Test("A scenario's name follows the same rule, located in the scenario file")
  func scenarioName() {
    let errors = inputErrors {
      _ = try ScenarioReader.read(
        yaml: "scenario: {name: \"Cắt\\x01giảm\", year: 2023}\noperations:\n  - scale: {percent: -10}\n",
        file: "scenarios/s.yaml")
    }
    expectError(errors, file: "scenarios/s.yaml", line: 1, column: 18, mentions: ["U+0001", "name"])
  }

  @Test("A catalogue name too long for the headings is refused")
  func catalogueNameLength() {
    let long = String(repeating: "x", count: Limits.nameLengthMax + 1)
    let yaml = validPlan.replacingOccurrences(of: "\"Phòng Dân tộc\"", with: "\"\(long)\"")
    let errors = planErrors(yaml)
    #expect(errors.errors.count == 1)
    #expect(errors.errors.first?.message.en.contains("1001") == true)
    #expect(errors.errors.first?.location?.file == "plan.yaml")
  }

  @Test("The xlsx reader goes through the same rules, located at the cell")
  func xlsxCellsAreChecked() throws {
    // Inline strings: an id with a line break (&#10;) in A2, a description over the cell limit in J3.
    func cell(_ reference: String, _ text: String) -> String {
      "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
    }
    let columns = spendingHeader.split(separator: ",").map(String.init)
    var rows = "<row r=\"1\">"
    for (index, title) in columns.enumerated() {
      rows += cell(XlsxCellReference.name(row: 1, column: index + 1), title)
    }
    rows += "</row>"
    for (number, id, description) in [
      (2, "c&#10;1", "Chi hội nghị"), (3, "c2", String(repeating: "a", count: Limits.cellTextLengthMax + 1)),
    ] {
      rows +=
        "<row r=\"\(number)\">" + cell("A\(number)", id) + cell("C\(number)", "2023-04-12")
        + cell("E\(number)", "TW") + cell("F\(number)", "PANO") + cell("G\(number)", "PDT")
        + "<c r=\"H\(number)\"><v>1000000</v></c>" + cell("J\(number)", description) + "</row>"
    }
    let sheet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
      + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(rows)</sheetData>"
      + "</worksheet>"
    let workbook =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
      + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
      + "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    let relationships =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      + "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, text) in [
      ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", relationships),
      ("xl/worksheets/sheet1.xml", sheet),
    ] {
      let bytes = Array(text.utf8)
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
      ) { position, size in Data(bytes[Int(position)..<(Int(position) + size)]) }
    }
    var errors = InputErrors()
    let payments = XlsxTableReader.readSpending(
      data: try #require(archive.data), file: "spending.xlsx", errors: &errors)
    #expect(payments.isEmpty)
    expectError(errors, file: "spending.xlsx!Sheet1", line: 2, column: 1, mentions: ["A2", "U+000A"])
    expectError(errors, file: "spending.xlsx!Sheet1", line: 3, column: 10, mentions: ["J3", "32768"])
  }
}

@Suite("The run-wide amount limit, as the files are read")
struct AmountLimitReadingTests {
  @Test("Ten payments of 10^15 on one line: refused at the row that passes 4 × 10^15")
  func tenQuadrillionOnOneLine() {
    let rows = (1...10).map { "c\($0),PC,2023-04-12,,TW,PANO,PDT,1.000.000.000.000.000,,x," }
    let errors = spendingErrors(spendingHeader + "\n" + rows.joined(separator: "\n"))
    // Rows 1–4 make exactly 4 × 10^15 (allowed); the fifth, on line 6, passes it. Nothing after is
    // reported again.
    #expect(errors.count == 1)
    expectError(errors, file: "spending.csv", line: 6, mentions: ["4"])
  }

  @Test("A workspace exactly at the limit reads; one đồng more is refused at that row")
  func workspaceAtTheLimit() throws {
    let plan = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData/features/clean/plan.yaml"),
      encoding: .utf8)
    func workspace(extraDong: Int64) throws -> URL {
      let allocations =
        allocationsHeader + "\n2023,TW,PANO,XA_HUNGMY,initial,\(quadrillion),,1/QĐ,,\n"
        + "2023,TW,PANO,XA_HUNGMY,initial,\(quadrillion),,1/QĐ,,\n"
      let spending =
        spendingHeader + "\nc1,PC,2023-04-12,,TW,PANO,XA_HUNGMY,\(quadrillion),,x,\n"
        + "c2,PC,2023-04-12,,TW,PANO,XA_HUNGMY,\(quadrillion - 1 + extraDong),,x,\n"
        + "c3,PC,2023-04-12,,TW,PANO,XA_HUNGMY,1,,x,\n"
      return try makeWorkspace([
        "plan.yaml": Array(plan.utf8), "allocations.csv": Array(allocations.utf8),
        "spending.csv": Array(spending.utf8),
      ])
    }
    let atLimit = try workspace(extraDong: 0)
    defer { try? FileManager.default.removeItem(at: atLimit) }
    let ledger = try WorkspaceReader.read(directory: atLimit.path)
    #expect(ledger.payments.map(\.amount.dong).reduce(0, +) == 2 * quadrillion)

    let over = try workspace(extraDong: 1)
    defer { try? FileManager.default.removeItem(at: over) }
    let errors = inputErrors { _ = try WorkspaceReader.read(directory: over.path) }
    // Each file is within the limit on its own; together they pass it on spending.csv line 4.
    #expect(errors.count == 1)
    expectError(errors, file: "spending.csv", line: 4, mentions: ["4"])
  }
}

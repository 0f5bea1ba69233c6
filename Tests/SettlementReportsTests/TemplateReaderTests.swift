import BudgetCore
import Foundation
import Testing

@testable import SettlementReports

@Suite struct TemplateReaderTests {
  static let templatePath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Templates/quyet-toan.yaml").path

  @Test func readsTheDefaultTemplate() throws {
    let template = try TemplateReader.read(path: Self.templatePath)
    #expect(
      template.sheets.map(\.name) == [
        "Tổng hợp", "Theo nội dung", "Theo đơn vị", "Chi tiết chi", "Kiểm tra", "Chuyển nguồn", "Biểu đồ",
      ])
    #expect(template.document.font == "Times New Roman")
    #expect(template.document.landscape)
    #expect(
      template.document.signers.map(\.title) == ["NGƯỜI LẬP BIỂU", "TRƯỞNG PHÒNG"])
    // A unit's own workbook is signed by the unit.
    #expect(
      template.document.signers(forUnit: true).map(\.title) == [
        "NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ",
      ])
    #expect(template.document.reference == "Số: ........./BC-TCKH")
    // The working sheets are not signed; the figure sheets carry their form numbers.
    #expect(template.sheets.map(\.signed) == [true, true, true, false, false, true, true])
    #expect(
      template.sheets.map(\.form) == ["Biểu số 01", "Biểu số 02", "Biểu số 03", nil, nil, "Biểu số 04", nil])
    #expect(template.document.numberFormats[.trieu] == "#,##0.000,,;-#,##0.000,,;\"-\"")
    #expect(
      template.sheets[0].columnNames == [
        "stt", "label", "carried_in", "allocated", "available", "spent", "settled", "carry_over",
        "cancelled", "check", "note",
      ])
  }

  func errors(_ yaml: String) -> [InputError] {
    do {
      _ = try TemplateReader.parse(yaml: yaml, file: "t.yaml")
      return []
    } catch let errors as InputErrors {
      return errors.errors
    } catch {
      return []
    }
  }

  /// The default template with one text replaced, so each test breaks exactly one thing.
  func broken(_ old: String, _ new: String) throws -> [InputError] {
    let text = try String(contentsOfFile: Self.templatePath, encoding: .utf8)
    #expect(text.contains(old))
    return errors(text.replacingOccurrences(of: old, with: new))
  }

  func line(of needle: String) throws -> Int {
    let text = try String(contentsOfFile: Self.templatePath, encoding: .utf8)
    let lines = text.components(separatedBy: "\n")
    return try #require(lines.firstIndex { $0.contains(needle) }) + 1
  }

  @Test func refusesAnUnknownKeyWithItsLine() throws {
    let found = try broken("  font_size: 12", "  font_sise: 12")
    #expect(
      found.contains {
        $0.message.en.contains("Unknown key 'font_sise'")
          && $0.location?.line == (try? line(of: "font_size: 12"))
      })
    #expect(found.contains { $0.message.en.contains("Missing required key 'font_size'") })
  }

  @Test func refusesASignedValueThatIsNotTrueOrFalse() throws {
    let found = try broken(
      "    signed: false                 # a working sheet",
      "    signed: no                 # a working sheet")
    #expect(
      found.contains {
        $0.message.en.contains("Invalid value 'no'") && $0.message.en.contains("true, false")
          && $0.location?.line == (try? line(of: "signed: false"))
      })
  }

  @Test func refusesAnUnknownColumn() throws {
    let found = try broken(
      "{show: carried_in, heading: \"Số dư kinh phí năm trước chuyển sang\"}\n      - {show: allocated",
      "{show: carried_on, heading: \"x\"}\n      - {show: allocated")
    let error = try #require(found.first)
    #expect(error.message.en.contains("Invalid value 'carried_on'"))
    #expect(error.location?.file == "t.yaml")
    #expect(error.location?.line == (try line(of: "show: carried_in")))
  }

  @Test func refusesUnknownPlaceholdersAndBadSheetNames() throws {
    #expect(
      try broken("NĂM {year}\"\n    subtitle: \"Theo nguồn", "NĂM {nam}\"\n    subtitle: \"Theo nguồn").first?
        .message.en.contains("Unknown placeholder '{nam}'") == true)
    #expect(
      try broken("name: \"Chuyển nguồn\"", "name: \"Chuyển/nguồn\"").first?.message.en.contains(
        "breaks Excel's rules") == true)
    #expect(
      try broken("name: \"Chuyển nguồn\"", "name: \"TỔNG HỢP\"").first?.message.en.contains(
        "repeats the sheet") == true)
  }

  @Test func reportsYAMLSyntaxErrorsWithALine() {
    let found = errors("document:\n  font: [unclosed\n")
    #expect(found.count == 1)
    #expect((found.first?.location?.line ?? 0) >= 2)
  }

  @Test func fillsPlaceholders() {
    let context = TemplateContext(plan: Fixtures.plan.info, year: 2023)
    #expect(context.fill("{place}, năm {next_year} — {ISSUER}") == "Thử, năm 2024 — UBND HUYỆN THỬ")
  }
}

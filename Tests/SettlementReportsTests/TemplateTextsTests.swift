import BudgetCore
import Foundation
import Testing

@testable import SettlementReports

/// The texts a workbook prints outside its tables come from its template's `texts:`: every key of
/// the workbook's enum, Vietnamese and English, placeholders checked, errors located.
@Suite struct TemplateTextsTests {
  static func shipped(_ file: String) throws -> String {
    try String(
      contentsOf: TemplateColumnTests.templatesFolder.appendingPathComponent(file), encoding: .utf8)
  }

  static func errors(_ yaml: String, kinds: Set<SheetKind>) -> [InputError] {
    do {
      _ = try TemplateReader.parse(yaml: yaml, file: "t.yaml", kinds: kinds)
    } catch let errors as InputErrors {
      return errors.errors
    } catch {
      return []
    }
    return []
  }

  static func line(of text: String, in yaml: String) throws -> Int {
    try #require(yaml.components(separatedBy: "\n").firstIndex { $0.contains(text) }) + 1
  }

  @Test func everyShippedWorkbookGivesEveryTextInBothLanguages() throws {
    func check<Key: TemplateTextKind>(_ file: String, _: Key.Type) throws {
      let template = try TemplateReader.parse(
        yaml: try Self.shipped(file), file: file, kinds: Key.workbookKinds)
      for key in Key.allCases {
        let vietnamese = try template.texts.lines(key, .vi)
        let english = try template.texts.lines(key, .en)
        #expect(!vietnamese.isEmpty && !vietnamese.contains(""), "\(file) \(key.rawValue)")
        // The shipped templates give the English of every text (the English workbook is not
        // Vietnamese in places).
        #expect(
          try #require(template.texts.entries[key.rawValue]).english != nil, "\(file) \(key.rawValue)_en")
        #expect(english.count == vietnamese.count, "\(file) \(key.rawValue)")
      }
    }
    try check("ban-giao.yaml", HandoverRecordText.self)
    try check("hop-nhat.yaml", ConsolidationSheetText.self)
    try check("so-sanh.yaml", ComparisonSheetText.self)
    try check("tien-do.yaml", ProgressSheetText.self)
  }

  @Test func textsAreFilledFromTheirOwnPlaceholders() throws {
    let handover = try TemplateReader.parse(
      yaml: try Self.shipped("ban-giao.yaml"), file: "ban-giao.yaml", kinds: SheetKind.handoverKinds)
    #expect(try handover.texts.text(HandoverRecordText.title, .vi) == "BIÊN BẢN")
    #expect(try handover.texts.text(HandoverRecordText.title, .en) == "RECORD")
    #expect(
      try handover.texts.text(HandoverRecordText.handingUnits, .vi, ["units": "Xã A; Xã B"])
        == "Các đơn vị bàn giao số dư: Xã A; Xã B.")
    #expect(try handover.texts.lines(HandoverRecordText.grounds, .en).count == 2)
    let consolidation = try TemplateReader.parse(
      yaml: try Self.shipped("hop-nhat.yaml"), file: "hop-nhat.yaml", kinds: SheetKind.consolidationKinds)
    // {year} stays for the sheet's context, which fills it as in every title.
    #expect(
      try consolidation.texts.text(ConsolidationSheetText.unitSheetTitle, .vi, ["UNIT": "XÃ A"])
        == "CHI TIẾT CHI CỦA XÃ A NĂM {year}")
    #expect(
      try consolidation.texts.text(ConsolidationSheetText.unitSheetName, .en, ["unit_code": "XA_A"])
        == "Unit XA_A")
  }

  @Test func aMissingTextIsLocatedAndNamed() throws {
    let yaml = try Self.shipped("so-sanh.yaml").replacingOccurrences(
      of: "  chart_category_axis: \"Nguồn kinh phí\"\n", with: "")
    let found = Self.errors(yaml, kinds: SheetKind.comparisonKinds)
    #expect(found.count == 1)
    #expect(found.first?.location?.line == (try Self.line(of: "one_scenario:", in: yaml)))
    #expect(found.first?.message.en == "Missing required key 'chart_category_axis'.")
    #expect(found.first?.message.vi == "Thiếu khóa bắt buộc 'chart_category_axis'.")
  }

  @Test func aWorkbookWithTextsNeedsItsSectionAndOthersTakeNone() throws {
    let comparison = try Self.shipped("so-sanh.yaml")
    let withoutTexts = try #require(comparison.components(separatedBy: "\ntexts:").first)
    let missing = Self.errors(withoutTexts, kinds: SheetKind.comparisonKinds)
    #expect(missing.map(\.message.en) == ["Missing required key 'texts'."])
    // The settlement workbook prints no texts of this kind: a `texts:` there is a typo, refused.
    let settlement = try Self.shipped("quyet-toan.yaml") + "\ntexts:\n  title: \"X\"\n"
    let unknown = Self.errors(settlement, kinds: SheetKind.settlementKinds)
    #expect(unknown.count == 1)
    #expect(unknown.first?.location?.line == (try Self.line(of: "texts:", in: settlement)))
    #expect(unknown.first?.message.en.hasPrefix("Unknown key 'texts'") == true)
  }

  @Test func aPlaceholderAnotherTextOwnsIsRefusedAtItsLine() throws {
    // {units} is the handing units' text's own; the title cannot use it.
    let yaml = try Self.shipped("ban-giao.yaml").replacingOccurrences(
      of: "  title: \"BIÊN BẢN\"", with: "  title: \"BIÊN BẢN {units}\"")
    let found = Self.errors(yaml, kinds: SheetKind.handoverKinds)
    #expect(found.count == 1)
    #expect(found.first?.location?.line == (try Self.line(of: "BIÊN BẢN {units}", in: yaml)))
    #expect(found.first?.message.en.hasPrefix("Unknown placeholder '{units}'") == true)
  }

  @Test func groundsAreANonEmptyListAndEnglishFallsBackToVietnamese() throws {
    let shipped = try Self.shipped("ban-giao.yaml")
    // `grounds: []`, its Vietnamese paragraphs taken out.
    var lines: [String] = []
    var inGrounds = false
    for line in shipped.components(separatedBy: "\n") {
      if line == "  grounds:" {
        lines.append("  grounds: []")
        inGrounds = true
      } else if !(inGrounds && line.hasPrefix("    - ")) {
        lines.append(line)
        inGrounds = false
      }
    }
    let found = Self.errors(lines.joined(separator: "\n"), kinds: SheetKind.handoverKinds)
    #expect(found.count == 1)
    #expect(found.contains { $0.message.en == "The list must not be empty." })
    // Without `copies_en` the English record says the Vietnamese text, never nothing.
    let noEnglish = shipped.components(separatedBy: "\n").filter { !$0.hasPrefix("  copies_en:") }
      .joined(separator: "\n")
    let template = try TemplateReader.parse(
      yaml: noEnglish, file: "t.yaml", kinds: SheetKind.handoverKinds)
    #expect(
      try template.texts.text(HandoverRecordText.copies, .en)
        == (try template.texts.text(HandoverRecordText.copies, .vi)))
  }

  @Test func aTemplateBuiltWithoutItsTextsFailsToWriteNamingTheKey() throws {
    #expect(throws: ReportWriteError.self) {
      _ = try TemplateTexts().text(ComparisonSheetText.chartTitle, .vi)
    }
  }
}

import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing
import XlsxReadBack

@testable import SettlementReports

/// Mẫu số B01/BCQT of SampleData/chiem-hoa, read back. The expected amounts are those of
/// SampleData/chiem-hoa/EXPECTED.md ("B01/BCQT"), computed from the CSV files by
/// scripts/b01-reference.py, not by kinhphi.
@Suite struct FormsWorkbookTests {
  static func write(year: Int, unit: String? = nil, language: Language = .vi) throws -> XlsxReadBack {
    let ledger = try WorkspaceReader.read(
      directory: SettlementWorkbookTests.root.appendingPathComponent("SampleData/chiem-hoa").path)
    let analysis = Engine.analyze(ledger)
    let template = try TemplateReader.read(
      path: SettlementWorkbookTests.root.appendingPathComponent("Templates/bao-cao-quyet-toan.yaml").path,
      kinds: SheetKind.formKinds)
    let settlement = analysis.settlement(year: year)
    let forms: FormSet
    if let unit {
      let part = try #require(settlement.splitByUnit(plan: ledger.plan).first { $0.unit == UnitCode(unit) })
      forms = FormSet(settlement: part.settlement, unit: part.unit, language: language)
    } else {
      forms = FormSet(settlement: settlement, language: language)
    }
    let url = try SettlementWorkbookTests.temporaryFile("b01.xlsx")
    try FormsWorkbook(
      forms: forms, plan: ledger.plan, template: template, language: language,
      created: SettlementWorkbookTests.created
    ).write(to: url.path)
    return try XlsxReadBack(url: url)
  }

  /// Row (1-based) of each mã số in column C.
  static func rowsByCode(_ cells: [String: ReadCell]) -> [String: Int] {
    var rows: [String: Int] = [:]
    for (reference, cell) in cells where reference.hasPrefix("C") {
      guard let text = cell.text, text.count == 2, Int(text) != nil, let row = Int(reference.dropFirst())
      else { continue }
      rows[text] = row
    }
    return rows
  }

  /// The amounts of EXPECTED.md by mã số; every other row is empty or a formula showing 0.
  static let expected: [String: [String: Int64]] = [
    "2022": [
      "01": 87_000_000, "05": 87_000_000, "06": 0, "07": 87_000_000, "08": 1_876_000_000,
      "10": 1_876_000_000, "11": 1_963_000_000, "13": 1_963_000_000, "14": 1_803_348_000,
      "16": 1_803_348_000, "17": 1_784_520_000, "19": 1_784_520_000, "20": 2_500_000, "25": 2_500_000,
      "27": 0, "28": 2_500_000, "29": 175_980_000, "33": 175_980_000, "34": 18_828_000,
      "35": 157_152_000,
    ],
    "2023": [
      "01": 175_980_000, "05": 175_980_000, "06": 18_828_000, "07": 157_152_000, "08": 1_797_000_000,
      "10": 1_797_000_000, "11": 1_972_980_000, "13": 1_972_980_000, "14": 1_908_652_000,
      "16": 1_908_652_000, "17": 1_924_230_000, "19": 1_924_230_000, "20": 6_450_000, "25": 6_450_000,
      "27": 3_250_000, "28": 3_200_000, "29": 45_550_000, "33": 45_550_000, "34": 0, "35": 45_550_000,
    ],
    "2023 VHTT": [
      "01": 165_000_000, "05": 165_000_000, "06": 18_828_000, "07": 146_172_000, "08": 185_000_000,
      "10": 185_000_000, "11": 350_000_000, "13": 350_000_000, "14": 306_172_000, "16": 306_172_000,
      "17": 325_000_000, "19": 325_000_000, "20": 0, "25": 0, "27": 0, "28": 0, "29": 25_000_000,
      "33": 25_000_000, "34": 0, "35": 25_000_000,
    ],
  ]

  @Test(
    arguments: [("2022", 2022, nil), ("2023", 2023, nil), ("2023 VHTT", 2023, "VHTT")]
      as [(String, Int, String?)])
  func b01HoldsTheHandCheckedFigures(key: String, year: Int, unit: String?) throws {
    let book = try Self.write(year: year, unit: unit)
    #expect(try book.sheetNames() == ["B01-BCQT"])
    let cells = try book.cells(sheet: "B01-BCQT")
    let rows = Self.rowsByCode(cells)
    // Every chỉ tiêu 01–35 once, in order.
    #expect(rows.keys.sorted() == (1...35).map { String(format: "%02d", $0) })
    #expect(rows.sorted { $0.value < $1.value }.map(\.key) == rows.keys.sorted())
    let expected = try #require(Self.expected[key])
    // The thường xuyên rows hold no programme money; kinhphi records no money paid back (26).
    let empty: Set<String> = ["03", "04", "09", "15", "18", "22", "23", "24", "26", "31", "32"]
    for code in rows.keys.sorted() {
      let cell = cells["D\(rows[code]!)"]
      if empty.contains(code) {
        #expect(cell?.value == nil, "\(key) \(code): \(String(describing: cell?.value))")
      } else {
        #expect(Int64(cell?.value ?? "") == expected[code] ?? 0, "\(key) \(code)")
      }
    }
    // The identities the form prints, as formulas over the rows they add.
    func cell(_ code: String) -> String { "D\(rows[code]!)" }
    for (code, parts) in [
      ("01", ["02", "05"]), ("02", ["03", "04"]), ("08", ["09", "10"]), ("11", ["12", "13"]),
      ("12", ["02", "09"]), ("13", ["05", "10"]), ("17", ["18", "19"]), ("21", ["22", "23", "24"]),
      ("29", ["30", "33"]), ("30", ["31", "32"]), ("05", ["06", "07"]), ("14", ["15", "16"]),
      ("20", ["21", "25"]), ("25", ["26", "27", "28"]), ("33", ["34", "35"]),
    ] {
      #expect(cells[cell(code)]?.formula == parts.map(cell).joined(separator: "+"), "\(key) \(code)")
    }
    // Every cached value is what its formula computes (as LibreOffice's recalculation does).
    let evaluator = try FormulaEvaluator(book)
    var formulas = 0
    for (reference, read) in cells {
      guard let formula = read.formula else { continue }
      formulas += 1
      #expect(try evaluator.evaluate(formula, onSheet: "B01-BCQT") == Int64(read.value ?? ""), "\(reference)")
    }
    #expect(formulas == 15)
    // Labels carry the form's own identities.
    #expect(cells["B\(rows["01"]!)"]?.text == "Số dư kinh phí năm trước chuyển sang (01=02+05)")
    #expect(cells["B\(rows["28"]!)"]?.text == "- Dự toán bị hủy (28=07+10-16-35)")
    #expect(cells["B\(rows["17"]!)"]?.text == "Kinh phí đề nghị quyết toán (17=18+19)")
  }

  /// The form's header, the draft mark while 2023's error stands, who signs, A4 portrait on one page.
  @Test func b01IsTheDocumentThatIsSigned() throws {
    let district = try Self.write(year: 2023)
    let cells = try district.cells(sheet: "B01-BCQT")
    #expect(cells["A1"]?.text == "Mã chương: ..........")
    #expect(cells["A2"]?.text == "Đơn vị báo cáo: Phòng Tài chính - Kế hoạch")
    #expect(cells["C1"]?.text == "Mẫu số B01/BCQT")
    #expect(cells["C2"]?.text == "(Ban hành theo Thông tư số")
    #expect(cells["A6"]?.text == "BÁO CÁO QUYẾT TOÁN KINH PHÍ HOẠT ĐỘNG")
    #expect(cells["A7"]?.text == "Năm 2023")
    #expect(
      ["A9", "B9", "C9", "D9", "A10", "B10", "C10", "D10"].map { cells[$0]?.text } == [
        "STT", "CHỈ TIÊU", "MÃ SỐ", "TỔNG SỐ", "A", "B", "C", "1",
      ])
    let texts = Set(cells.values.compactMap(\.text))
    #expect(texts.isSuperset(of: ["NGƯỜI LẬP BIỂU", "TRƯỞNG PHÒNG", "NGÂN SÁCH NHÀ NƯỚC"]))
    let sheet = try district.sheet(named: "B01-BCQT")
    #expect(sheet.first("oddHeader")?.allText.hasSuffix("DỰ THẢO") == true)
    let setup = try #require(sheet.first("pageSetup"))
    #expect(setup.attributes["orientation"] == "portrait")
    // Fitted to one page wide and one tall (1 is the default, so neither attribute is written).
    #expect(sheet.first("pageSetUpPr")?.attributes["fitToPage"] == "1")
    #expect(setup.attributes["fitToHeight"] == nil && setup.attributes["fitToWidth"] == nil)
    #expect(setup.attributes["paperSize"] == "9")  // A4
    // 2022 has no error: no mark. A unit's own forms name the unit and are signed by it.
    let final = try Self.write(year: 2022)
    #expect(try final.sheet(named: "B01-BCQT").first("oddHeader") == nil)
    let unit = try Self.write(year: 2022, unit: "VHTT").cells(sheet: "B01-BCQT")
    #expect(unit["A2"]?.text == "Đơn vị báo cáo: Phòng Văn hóa và Thông tin")
    let unitTexts = Set(unit.values.compactMap(\.text))
    #expect(unitTexts.isSuperset(of: ["KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ"]))
    #expect(!unitTexts.contains("TRƯỞNG PHÒNG"))
  }

  /// The model without the treasury split: the rows that need it are empty, not zero.
  @Test func rowsThatNeedTheTreasurySplitAreLeftEmpty() {
    let figures = Figures(
      carriedIn: Money(dong: 10), allocated: Money(dong: 90), spent: Money(dong: 70),
      carryOver: Money(dong: 25),
      cancelled: Money(dong: 5))
    let form = B01Form(year: 2023, figures: figures, treasury: nil, language: .vi)
    #expect(!form.hasTreasurySplit)
    for code in [B01Row.r06, .r07, .r14, .r16, .r20, .r25, .r27, .r34, .r35] {
      #expect(form.row(code).amount == nil, "\(code)")
    }
    #expect(form.row(.r11).amount == Money(dong: 100))
    #expect(form.row(.r11).sumOf == ["12", "13"])
    // With the split every identity holds, 28 = 07 + 10 − 16 − 35 included.
    let split = B01Form(
      year: 2023, figures: figures,
      treasury: B01TreasurySplit(
        carriedInDrawn: Money(dong: 4), drawnInYear: Money(dong: 72), carryOverDrawn: Money(dong: 4),
        lapsedDrawn: Money(dong: 2)),
      language: .vi)
    #expect(split.row(.r05).sumOf == ["06", "07"])
    #expect(split.row(.r07).amount == Money(dong: 6))
    // 2 of the lapsing 5 was drawn as an advance: owed back, not cancelled.
    #expect(split.row(.r27).amount == Money(dong: 2))
    #expect(split.row(.r28).amount == Money(dong: 3))
    #expect(split.row(.r20).amount == Money(dong: 5))
    #expect(split.row(.r29).amount == Money(dong: 25))
    func amount(_ row: B01Row) -> Int64 { split.row(row).amount?.dong ?? 0 }
    // The form's identities of 27 and 28 hold on the amounts.
    #expect(amount(.r27) == amount(.r06) + amount(.r16) - amount(.r19) - amount(.r26) - amount(.r34))
    #expect(amount(.r28) == amount(.r07) + amount(.r10) - amount(.r16) - amount(.r35))
  }
}

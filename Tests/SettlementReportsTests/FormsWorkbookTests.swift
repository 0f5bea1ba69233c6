import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing
import XlsxReadBack

@testable import SettlementReports

/// The forms workbook of SampleData/chiem-hoa, read back: B01/BCQT, F01-01/BCQT and F01-02/BCQT. The
/// expected amounts are those of SampleData/chiem-hoa/EXPECTED.md ("B01/BCQT", "F01-01/BCQT",
/// "F01-02/BCQT"), computed from the files by scripts/b01-reference.py and
/// scripts/classification-reference.py, not by kinhphi.
@Suite struct FormsWorkbookTests {
  static let sample = SettlementWorkbookTests.root.appendingPathComponent("SampleData/chiem-hoa").path

  static func forms(year: Int, unit: String? = nil, language: Language = .vi, workspace: String = sample)
    throws
    -> (FormSet, Plan)
  {
    let ledger = try WorkspaceReader.read(directory: workspace)
    let analysis = Engine.analyze(ledger)
    let settlement = analysis.settlement(year: year)
    guard let unit else {
      return (FormSet(analysis: analysis, settlement: settlement, language: language), ledger.plan)
    }
    let part = try #require(settlement.splitByUnit(plan: ledger.plan).first { $0.unit == UnitCode(unit) })
    return (
      FormSet(analysis: analysis, settlement: part.settlement, unit: part.unit, language: language),
      ledger.plan
    )
  }

  static func write(year: Int, unit: String? = nil, language: Language = .vi, workspace: String = sample)
    throws
    -> XlsxReadBack
  {
    let (forms, plan) = try Self.forms(year: year, unit: unit, language: language, workspace: workspace)
    let template = try TemplateReader.read(
      path: SettlementWorkbookTests.root.appendingPathComponent("Templates/bao-cao-quyet-toan.yaml").path,
      kinds: SheetKind.formKinds)
    let url = try SettlementWorkbookTests.temporaryFile("forms.xlsx")
    try FormsWorkbook(
      forms: forms, plan: plan, template: template, language: language,
      created: SettlementWorkbookTests.created
    ).write(to: url.path)
    return try XlsxReadBack(url: url)
  }

  /// Row (1-based) of each text in column C (mã số), the first one of each.
  static func rowsByCode(_ cells: [String: ReadCell]) -> [String: Int] {
    var rows: [String: Int] = [:]
    for (reference, cell) in cells where reference.hasPrefix("C") {
      guard let text = cell.text, Int(text) != nil, let row = Int(reference.dropFirst()) else { continue }
      rows[text] = min(rows[text] ?? row, row)
    }
    return rows
  }

  /// Every formula of the sheet caches what it computes (as LibreOffice's recalculation does); returns
  /// how many there are.
  @discardableResult
  static func checkFormulas(_ book: XlsxReadBack, sheet: String) throws -> Int {
    let evaluator = try FormulaEvaluator(book)
    var formulas = 0
    for (reference, read) in try book.cells(sheet: sheet) {
      guard let formula = read.formula else { continue }
      formulas += 1
      #expect(
        try evaluator.evaluate(formula, onSheet: sheet) == Int64(read.value ?? ""), "\(sheet)!\(reference)")
    }
    return formulas
  }

  static func amount(_ cell: ReadCell?) -> Int64? { cell?.value.flatMap { Int64($0) } }

  // MARK: - B01/BCQT

  /// By mã số: Tổng số, loại 160 (khoản 161), loại 340 (khoản 341) — EXPECTED.md, from
  /// `scripts/b01-reference.py … --sectors`. Rows not listed are printed empty.
  static let b01Expected: [String: [String: [Int64]]] = [
    "2022": [
      "01": [87_000_000, 87_000_000, 0],
      "05": [87_000_000, 87_000_000, 0],
      "06": [0, 0, 0],
      "07": [87_000_000, 87_000_000, 0],
      "08": [1_876_000_000, 1_153_000_000, 723_000_000],
      "10": [1_876_000_000, 1_153_000_000, 723_000_000],
      "11": [1_963_000_000, 1_240_000_000, 723_000_000],
      "13": [1_963_000_000, 1_240_000_000, 723_000_000],
      "14": [1_803_348_000, 1_088_328_000, 715_020_000],
      "16": [1_803_348_000, 1_088_328_000, 715_020_000],
      "17": [1_784_520_000, 1_069_500_000, 715_020_000],
      "19": [1_784_520_000, 1_069_500_000, 715_020_000],
      "20": [2_500_000, 0, 2_500_000],
      "25": [2_500_000, 0, 2_500_000],
      "27": [0, 0, 0],
      "28": [2_500_000, 0, 2_500_000],
      "29": [175_980_000, 170_500_000, 5_480_000],
      "33": [175_980_000, 170_500_000, 5_480_000],
      "34": [18_828_000, 18_828_000, 0],
      "35": [157_152_000, 151_672_000, 5_480_000],
    ],
    "2023": [
      "01": [175_980_000, 170_500_000, 5_480_000],
      "05": [175_980_000, 170_500_000, 5_480_000],
      "06": [18_828_000, 18_828_000, 0],
      "07": [157_152_000, 151_672_000, 5_480_000],
      "08": [1_797_000_000, 1_022_000_000, 775_000_000],
      "10": [1_797_000_000, 1_022_000_000, 775_000_000],
      "11": [1_972_980_000, 1_192_500_000, 780_480_000],
      "13": [1_972_980_000, 1_192_500_000, 780_480_000],
      "14": [1_908_652_000, 1_137_222_000, 771_430_000],
      "16": [1_908_652_000, 1_137_222_000, 771_430_000],
      "17": [1_924_230_000, 1_152_800_000, 771_430_000],
      "19": [1_924_230_000, 1_152_800_000, 771_430_000],
      "20": [6_450_000, 4_450_000, 2_000_000],
      "25": [6_450_000, 4_450_000, 2_000_000],
      "27": [3_250_000, 3_250_000, 0],
      "28": [3_200_000, 1_200_000, 2_000_000],
      "29": [45_550_000, 38_500_000, 7_050_000],
      "33": [45_550_000, 38_500_000, 7_050_000],
      "34": [0, 0, 0],
      "35": [45_550_000, 38_500_000, 7_050_000],
    ],
    "2023 VHTT": [
      "01": [165_000_000, 165_000_000, 0],
      "05": [165_000_000, 165_000_000, 0],
      "06": [18_828_000, 18_828_000, 0],
      "07": [146_172_000, 146_172_000, 0],
      "08": [185_000_000, 160_000_000, 25_000_000],
      "10": [185_000_000, 160_000_000, 25_000_000],
      "11": [350_000_000, 325_000_000, 25_000_000],
      "13": [350_000_000, 325_000_000, 25_000_000],
      "14": [306_172_000, 281_172_000, 25_000_000],
      "16": [306_172_000, 281_172_000, 25_000_000],
      "17": [325_000_000, 300_000_000, 25_000_000],
      "19": [325_000_000, 300_000_000, 25_000_000],
      "20": [0, 0, 0],
      "25": [0, 0, 0],
      "27": [0, 0, 0],
      "28": [0, 0, 0],
      "29": [25_000_000, 25_000_000, 0],
      "33": [25_000_000, 25_000_000, 0],
      "34": [0, 0, 0],
      "35": [25_000_000, 25_000_000, 0],
    ],
  ]

  @Test(
    arguments: [("2022", 2022, nil), ("2023", 2023, nil), ("2023 VHTT", 2023, "VHTT")]
      as [(String, Int, String?)])
  func b01HoldsTheHandCheckedFigures(key: String, year: Int, unit: String?) throws {
    let book = try Self.write(year: year, unit: unit)
    #expect(try book.sheetNames() == ["B01-BCQT", "F01-01-BCQT", "F01-02-BCQT", "Mau 20f"])
    let cells = try book.cells(sheet: "B01-BCQT")
    let rows = Self.rowsByCode(cells)
    // Every chỉ tiêu 01–35 once, in order.
    #expect(rows.keys.sorted() == (1...35).map { String(format: "%02d", $0) })
    #expect(rows.sorted { $0.value < $1.value }.map(\.key) == rows.keys.sorted())
    // Columns: D Tổng số, E loại 160 tổng số, F khoản 161, G loại 340 tổng số, H khoản 341.
    #expect(
      ["D9", "E9", "F9", "G9", "H9", "I9"].map { cells[$0]?.text } == [
        "TỔNG SỐ", "LOẠI 160\nTỔNG SỐ", "KHOẢN 161", "LOẠI 340\nTỔNG SỐ", "KHOẢN 341", nil,
      ])
    #expect(["D10", "E10", "F10", "G10", "H10"].map { cells[$0]?.text } == ["1", "2", "3", "4", "5"])
    let expected = try #require(Self.b01Expected[key])
    // The thường xuyên rows hold no programme money; kinhphi records no money paid back (26).
    let empty: Set<String> = ["03", "04", "09", "15", "18", "22", "23", "24", "26", "31", "32"]
    for code in rows.keys.sorted() {
      let row = rows[code]!
      let values = ["D", "E", "F", "G", "H"].map { Self.amount(cells["\($0)\(row)"]) }
      if empty.contains(code) {
        #expect(values == [nil, nil, nil, nil, nil], "\(key) \(code)")
        continue
      }
      let want = expected[code] ?? [0, 0, 0]
      // Each loại has one khoản in the sample: its TỔNG SỐ equals the khoản.
      #expect(values == [want[0], want[1], want[1], want[2], want[2]], "\(key) \(code)")
    }
    // The identities the form prints, as formulas over the rows they add, in every column.
    for (code, parts) in [
      ("01", ["02", "05"]), ("02", ["03", "04"]), ("08", ["09", "10"]), ("11", ["12", "13"]),
      ("12", ["02", "09"]), ("13", ["05", "10"]), ("17", ["18", "19"]), ("21", ["22", "23", "24"]),
      ("29", ["30", "33"]), ("30", ["31", "32"]), ("05", ["06", "07"]), ("14", ["15", "16"]),
      ("20", ["21", "25"]), ("25", ["26", "27", "28"]), ("33", ["34", "35"]),
    ] {
      for column in ["D", "E", "F", "G", "H"] {
        #expect(
          cells["\(column)\(rows[code]!)"]?.formula
            == parts.map { "\(column)\(rows[$0]!)" }.joined(separator: "+"),
          "\(key) \(code) \(column)")
      }
    }
    // A row of its own: Tổng số adds the loại totals, each loại total its khoản.
    let row19 = rows["19"]!
    #expect(cells["D\(row19)"]?.formula == "E\(row19)+G\(row19)")
    #expect(cells["E\(row19)"]?.formula == "F\(row19)")
    #expect(cells["G\(row19)"]?.formula == "H\(row19)")
    #expect(cells["F\(row19)"]?.formula == nil && cells["H\(row19)"]?.formula == nil)
    // 15 sum rows × 5 columns, and the 3 column sums of each of the 9 rows of its own with money.
    #expect(try Self.checkFormulas(book, sheet: "B01-BCQT") == 15 * 5 + 9 * 3)
    // Labels carry the form's own identities.
    #expect(cells["B\(rows["01"]!)"]?.text == "Số dư kinh phí năm trước chuyển sang (01=02+05)")
    #expect(cells["B\(rows["28"]!)"]?.text == "- Dự toán bị hủy (28=07+10-16-35)")
    #expect(cells["B\(rows["17"]!)"]?.text == "Kinh phí đề nghị quyết toán (17=18+19)")
  }

  /// The form's header with the plan's codes, the draft mark while 2023's error stands, who signs, A4
  /// portrait on one page.
  @Test func b01IsTheDocumentThatIsSigned() throws {
    let district = try Self.write(year: 2023)
    let cells = try district.cells(sheet: "B01-BCQT")
    #expect(cells["A1"]?.text == "Mã chương: 622")
    #expect(cells["A2"]?.text == "Đơn vị báo cáo: Phòng Tài chính - Kế hoạch huyện Chiêm Hóa")
    #expect(cells["A3"]?.text == "Mã ĐVQHNS: 1012001")
    #expect(cells["E1"]?.text == "Mẫu số B01/BCQT")
    #expect(cells["E2"]?.text == "(Ban hành theo Thông tư số")
    #expect(cells["A6"]?.text == "BÁO CÁO QUYẾT TOÁN KINH PHÍ HOẠT ĐỘNG")
    #expect(cells["A7"]?.text == "Năm 2023")
    #expect(
      ["A9", "B9", "C9", "A10", "B10", "C10"].map { cells[$0]?.text } == [
        "STT", "CHỈ TIÊU", "MÃ SỐ", "A", "B", "C",
      ])
    let texts = Set(cells.values.compactMap(\.text))
    #expect(texts.isSuperset(of: ["NGƯỜI LẬP BIỂU", "TRƯỞNG PHÒNG", "NGÂN SÁCH NHÀ NƯỚC"]))
    for name in ["B01-BCQT", "F01-01-BCQT", "F01-02-BCQT"] {
      let sheet = try district.sheet(named: name)
      #expect(sheet.first("oddHeader")?.allText.hasSuffix("DỰ THẢO") == true, "\(name)")
      let setup = try #require(sheet.first("pageSetup"))
      #expect(setup.attributes["orientation"] == "portrait")
      #expect(setup.attributes["paperSize"] == "9")  // A4
      #expect(sheet.first("pageSetUpPr")?.attributes["fitToPage"] == "1")
    }
    // B01 fits one page wide and one tall (1 is the default, so neither attribute is written); the
    // appendices one page wide and as tall as they need (fitToHeight 0).
    let b01Setup = try #require(try district.sheet(named: "B01-BCQT").first("pageSetup"))
    #expect(b01Setup.attributes["fitToHeight"] == nil && b01Setup.attributes["fitToWidth"] == nil)
    #expect(try district.sheet(named: "F01-02-BCQT").first("pageSetup")?.attributes["fitToHeight"] == "0")
    #expect(try district.cells(sheet: "F01-01-BCQT")["E1"]?.text == "Mẫu số F01-01/BCQT")
    let f0102Header = try district.cells(sheet: "F01-02-BCQT").values.compactMap(\.text)
    #expect(f0102Header.contains("Mẫu số F01-02/BCQT"))
    // 2022 has no error: no mark. A unit's own forms name the unit, carry its own codes (a commune's
    // chapter 805; a district office's the plan's 622) and are signed by it.
    let final = try Self.write(year: 2022)
    #expect(try final.sheet(named: "B01-BCQT").first("oddHeader") == nil)
    let unit = try Self.write(year: 2022, unit: "VHTT").cells(sheet: "B01-BCQT")
    #expect(unit["A1"]?.text == "Mã chương: 622")
    #expect(unit["A2"]?.text == "Đơn vị báo cáo: Phòng Văn hóa và Thông tin")
    #expect(unit["A3"]?.text == "Mã ĐVQHNS: 1012003")
    let unitTexts = Set(unit.values.compactMap(\.text))
    #expect(unitTexts.isSuperset(of: ["KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ"]))
    #expect(!unitTexts.contains("TRƯỞNG PHÒNG"))
    let commune = try Self.write(year: 2022, unit: "XA_BINHAN").cells(sheet: "B01-BCQT")
    #expect(commune["A1"]?.text == "Mã chương: 805")
    #expect(commune["A3"]?.text == "Mã ĐVQHNS: 1012009")
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

  // MARK: - F01-01/BCQT

  /// Settled by tiểu mục: [160-161, 340-341] — EXPECTED.md, from scripts/classification-reference.py.
  static let f0101Expected: [Int: [String: [Int64]]] = [
    2022: [
      "6606": [834_500_000, 0], "6612": [115_000_000, 0], "6652": [0, 26_084_000], "6655": [0, 7_590_000],
      "6658": [0, 426_996_000], "6699": [0, 72_500_000], "6701": [0, 16_504_000], "6702": [0, 24_471_000],
      "7012": [120_000_000, 15_875_000], "7799": [0, 125_000_000],
    ],
    2023: [
      "6606": [879_800_000, 0], "6612": [113_000_000, 0], "6652": [0, 33_723_000], "6655": [0, 17_367_000],
      "6658": [0, 412_190_000], "6699": [0, 78_000_000], "6701": [0, 12_078_000], "6702": [0, 11_567_000],
      "7012": [160_000_000, 44_505_000], "7799": [0, 162_000_000],
    ],
  ]

  @Test(arguments: [2022, 2023])
  func f0101HoldsTheSettledMoneyByItemAndSector(year: Int) throws {
    let book = try Self.write(year: year)
    let cells = try book.cells(sheet: "F01-01-BCQT")
    let rows = Self.rowsByCode(cells)
    let expected = try #require(Self.f0101Expected[year])
    let items = [
      "6600": ["6606", "6612"], "6650": ["6652", "6655", "6658", "6699"], "6700": ["6701", "6702"],
      "7000": ["7012"], "7750": ["7799"],
    ]
    // Mục in order, each followed by its tiểu mục.
    #expect(
      rows.sorted { $0.value < $1.value }.map(\.key) == [
        "6600", "6606", "6612", "6650", "6652", "6655", "6658", "6699", "6700", "6701", "6702", "7000",
        "7012",
        "7750", "7799",
      ])
    for (subItem, want) in expected {
      let row = rows[subItem]!
      #expect(cells["B\(row)"]?.text == "- Tiểu mục \(subItem)")
      #expect(
        ["D", "E", "F", "G", "H"].map { Self.amount(cells["\($0)\(row)"]) }
          == [want[0] + want[1], want[0], want[0], want[1], want[1]], "\(year) \(subItem)")
      #expect(cells["D\(row)"]?.formula == "E\(row)+G\(row)")
    }
    for (item, subItems) in items {
      let row = rows[item]!
      #expect(cells["B\(row)"]?.text == "Mục \(item)")
      let first = rows[subItems[0]]!
      let last = rows[subItems.last!]!
      for column in ["D", "E", "F", "G", "H"] {
        let formula = first == last ? "SUM(\(column)\(first))" : "SUM(\(column)\(first):\(column)\(last))"
        #expect(cells["\(column)\(row)"]?.formula == formula, "\(year) \(item) \(column)")
      }
      let total = subItems.map { expected[$0]!.reduce(0, +) }.reduce(0, +)
      #expect(Self.amount(cells["D\(row)"]) == total, "\(year) \(item)")
    }
    // Under A / I, the không thường xuyên row adds the mục rows: the settled total, split as on B01 row 19.
    #expect(cells["B11"]?.text == "NGÂN SÁCH NHÀ NƯỚC" && cells["B12"]?.text == "NGUỒN NGÂN SÁCH TRONG NƯỚC")
    #expect(cells["B13"]?.text == "Kinh phí không thường xuyên/không tự chủ")
    let itemRows = items.keys.map { rows[$0]! }.sorted()
    #expect(cells["D13"]?.formula == "SUM(" + itemRows.map { "D\($0)" }.joined(separator: ",") + ")")
    let row19 = try #require(Self.b01Expected[String(year)]?["19"])
    #expect(["D13", "E13", "G13"].map { Self.amount(cells[$0]) } == row19)
    // 5 columns of the heading and 5 mục rows, 3 column sums of each of the 10 tiểu mục.
    #expect(try Self.checkFormulas(book, sheet: "F01-01-BCQT") == 6 * 5 + 10 * 3)
  }

  // MARK: - F01-02/BCQT

  /// By programme/project code: the total approved (row 10), then by mã số (this year, since 2021) —
  /// EXPECTED.md, from `scripts/b01-reference.py … --projects`.
  static let f0102Expected: [String: [String: (Int64, [String: (Int64, Int64)])]] = [
    "2022": [
      "0500": (
        6_071_000_000,
        [
          "05": (87_000_000, 0),
          "06": (0, 0),
          "07": (87_000_000, 0),
          "10": (1_876_000_000, 2_099_000_000),
          "13": (1_963_000_000, 2_099_000_000),
          "16": (1_803_348_000, 1_938_548_000),
          "19": (1_784_520_000, 1_919_720_000),
          "25": (2_500_000, 3_300_000),
          "27": (0, 0),
          "28": (2_500_000, 3_300_000),
          "33": (175_980_000, 175_980_000),
          "34": (18_828_000, 18_828_000),
          "35": (157_152_000, 157_152_000),
        ]
      ),
      "0570": (
        6_071_000_000,
        [
          "05": (87_000_000, 0),
          "06": (0, 0),
          "07": (87_000_000, 0),
          "10": (1_876_000_000, 2_099_000_000),
          "13": (1_963_000_000, 2_099_000_000),
          "16": (1_803_348_000, 1_938_548_000),
          "19": (1_784_520_000, 1_919_720_000),
          "25": (2_500_000, 3_300_000),
          "27": (0, 0),
          "28": (2_500_000, 3_300_000),
          "33": (175_980_000, 175_980_000),
          "34": (18_828_000, 18_828_000),
          "35": (157_152_000, 157_152_000),
        ]
      ),
      "0571": (
        4_571_000_000,
        [
          "05": (12_000_000, 0),
          "06": (0, 0),
          "07": (12_000_000, 0),
          "10": (1_461_000_000, 1_574_000_000),
          "13": (1_473_000_000, 1_574_000_000),
          "16": (1_462_670_000, 1_562_870_000),
          "19": (1_462_670_000, 1_562_870_000),
          "25": (2_500_000, 3_300_000),
          "27": (0, 0),
          "28": (2_500_000, 3_300_000),
          "33": (7_830_000, 7_830_000),
          "34": (0, 0),
          "35": (7_830_000, 7_830_000),
        ]
      ),
      "0572": (
        760_000_000,
        [
          "05": (75_000_000, 0),
          "06": (0, 0),
          "07": (75_000_000, 0),
          "10": (230_000_000, 340_000_000),
          "13": (305_000_000, 340_000_000),
          "16": (158_828_000, 193_828_000),
          "19": (140_000_000, 175_000_000),
          "25": (0, 0),
          "27": (0, 0),
          "28": (0, 0),
          "33": (165_000_000, 165_000_000),
          "34": (18_828_000, 18_828_000),
          "35": (146_172_000, 146_172_000),
        ]
      ),
      "0573": (
        740_000_000,
        [
          "05": (0, 0),
          "06": (0, 0),
          "07": (0, 0),
          "10": (185_000_000, 185_000_000),
          "13": (185_000_000, 185_000_000),
          "16": (181_850_000, 181_850_000),
          "19": (181_850_000, 181_850_000),
          "25": (0, 0),
          "27": (0, 0),
          "28": (0, 0),
          "33": (3_150_000, 3_150_000),
          "34": (0, 0),
          "35": (3_150_000, 3_150_000),
        ]
      ),
    ],
    "2023": [
      "0500": (
        6_071_000_000,
        [
          "05": (175_980_000, 0),
          "06": (18_828_000, 0),
          "07": (157_152_000, 0),
          "10": (1_797_000_000, 3_896_000_000),
          "13": (1_972_980_000, 3_896_000_000),
          "16": (1_908_652_000, 3_847_200_000),
          "19": (1_924_230_000, 3_843_950_000),
          "25": (6_450_000, 9_750_000),
          "27": (3_250_000, 3_250_000),
          "28": (3_200_000, 6_500_000),
          "33": (45_550_000, 45_550_000),
          "34": (0, 0),
          "35": (45_550_000, 45_550_000),
        ]
      ),
      "0570": (
        6_071_000_000,
        [
          "05": (175_980_000, 0),
          "06": (18_828_000, 0),
          "07": (157_152_000, 0),
          "10": (1_797_000_000, 3_896_000_000),
          "13": (1_972_980_000, 3_896_000_000),
          "16": (1_908_652_000, 3_847_200_000),
          "19": (1_924_230_000, 3_843_950_000),
          "25": (6_450_000, 9_750_000),
          "27": (3_250_000, 3_250_000),
          "28": (3_200_000, 6_500_000),
          "33": (45_550_000, 45_550_000),
          "34": (0, 0),
          "35": (45_550_000, 45_550_000),
        ]
      ),
      "0571": (
        4_571_000_000,
        [
          "05": (7_830_000, 0),
          "06": (0, 0),
          "07": (7_830_000, 0),
          "10": (1_437_000_000, 3_011_000_000),
          "13": (1_444_830_000, 3_011_000_000),
          "16": (1_427_030_000, 2_989_900_000),
          "19": (1_423_780_000, 2_986_650_000),
          "25": (6_450_000, 9_750_000),
          "27": (3_250_000, 3_250_000),
          "28": (3_200_000, 6_500_000),
          "33": (17_850_000, 17_850_000),
          "34": (0, 0),
          "35": (17_850_000, 17_850_000),
        ]
      ),
      "0572": (
        760_000_000,
        [
          "05": (165_000_000, 0),
          "06": (18_828_000, 0),
          "07": (146_172_000, 0),
          "10": (160_000_000, 500_000_000),
          "13": (325_000_000, 500_000_000),
          "16": (281_172_000, 475_000_000),
          "19": (300_000_000, 475_000_000),
          "25": (0, 0),
          "27": (0, 0),
          "28": (0, 0),
          "33": (25_000_000, 25_000_000),
          "34": (0, 0),
          "35": (25_000_000, 25_000_000),
        ]
      ),
      "0573": (
        740_000_000,
        [
          "05": (3_150_000, 0),
          "06": (0, 0),
          "07": (3_150_000, 0),
          "10": (200_000_000, 385_000_000),
          "13": (203_150_000, 385_000_000),
          "16": (200_450_000, 382_300_000),
          "19": (200_450_000, 382_300_000),
          "25": (0, 0),
          "27": (0, 0),
          "28": (0, 0),
          "33": (2_700_000, 2_700_000),
          "34": (0, 0),
          "35": (2_700_000, 2_700_000),
        ]
      ),
    ],
  ]

  @Test(arguments: [2022, 2023])
  func f0102HoldsEachProjectsYearAndCumulativeFigures(year: Int) throws {
    let book = try Self.write(year: year)
    let cells = try book.cells(sheet: "F01-02-BCQT")
    let expected = try #require(Self.f0102Expected[String(year)])
    // The blocks: the programme, DA10, its three tiểu dự án; each a heading row with its code, then
    // its 14 chỉ tiêu.
    let headings = cells.filter { $0.key.hasPrefix("C") && $0.value.text?.count == 4 }
      .map { (code: $0.value.text!, row: Int($0.key.dropFirst())!) }.sorted { $0.row < $1.row }
    #expect(headings.map(\.code) == ["0500", "0570", "0571", "0572", "0573"])
    #expect(headings.map { cells["A\($0.row)"]?.text } == ["I", "1", "1.1", "1.2", "1.3"])
    #expect(cells["B\(headings[0].row)"]?.text == "Chương trình mục tiêu quốc gia")
    #expect(cells["B\(headings[4].row)"]?.text?.hasPrefix("Tiểu dự án 3: Kiểm tra, giám sát") == true)
    let order = ["05", "06", "07", "10", "13", "16", "19", "25", "26", "27", "28", "33", "34", "35"]
    for (index, heading) in headings.enumerated() {
      let (approved, want) = try #require(expected[heading.code])
      for (offset, code) in order.enumerated() {
        let row = heading.row + 1 + offset
        #expect(cells["C\(row)"]?.text == code)
        let (thisYear, since) = code == "26" ? (nil, nil) : want[code]!
        #expect(Self.amount(cells["E\(row)"]) == thisYear, "\(year) \(heading.code) \(code) năm nay")
        #expect(Self.amount(cells["F\(row)"]) == since, "\(year) \(heading.code) \(code) lũy kế")
        #expect(
          Self.amount(cells["D\(row)"]) == (code == "10" ? approved : nil), "\(year) \(heading.code) \(code)")
      }
      // Within a block, the form's identities; a block without money of its own (the programme, DA10)
      // adds its sub-projects' blocks cell by cell.
      let row = { (code: String) in heading.row + 1 + order.firstIndex(of: code)! }
      #expect(cells["E\(row("13"))"]?.formula == "E\(row("05"))+E\(row("10"))")
      #expect(cells["F\(row("25"))"]?.formula == "F\(row("26"))+F\(row("27"))+F\(row("28"))")
      let children: [Int] = index == 0 ? [1] : index == 1 ? [2, 3, 4] : []
      let childRow = { (child: Int, code: String) in headings[child].row + 1 + order.firstIndex(of: code)! }
      #expect(
        cells["E\(row("19"))"]?.formula
          == (children.isEmpty ? nil : children.map { "E\(childRow($0, "19"))" }.joined(separator: "+")))
      #expect(
        cells["D\(row("10"))"]?.formula
          == (children.isEmpty ? nil : children.map { "D\(childRow($0, "10"))" }.joined(separator: "+")))
    }
    #expect(
      ["D9", "E9", "F9"].map { cells[$0]?.text } == [
        "TỔNG SỐ KINH PHÍ ĐƯỢC DUYỆT", "NĂM NAY", "LŨY KẾ TỪ KHI KHỞI ĐẦU",
      ])
    try Self.checkFormulas(book, sheet: "F01-02-BCQT")
  }

  // MARK: - Missing codes

  /// A plan without the reporting body's chapter, without KTGS's loại-khoản and without CSDL's mục and
  /// tiểu mục: MISSING_BUDGET_CODE for each, and their money under "chưa có mã", never dropped.
  @Test func missingCodesAreWarnedAndTheirMoneyStays() throws {
    let folder = try SettlementWorkbookTests.temporaryFile("missing-codes")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for file in ["allocations.csv", "spending.csv"] {
      try FileManager.default.copyItem(
        atPath: Self.sample + "/" + file, toPath: folder.appendingPathComponent(file).path)
    }
    var plan = try String(contentsOfFile: Self.sample + "/plan.yaml", encoding: .utf8)
    plan = plan.replacingOccurrences(of: "  chapter_code: \"622\"              # illustrative\n", with: "")
    // KTGS (the last activity) loses its sector_code; CSDL its item and sub-item.
    let ktgs = try #require(plan.range(of: "  - code: KTGS"))
    let sector = try #require(
      plan.range(of: "    sector_code: 340-341\n", range: ktgs.upperBound..<plan.endIndex))
    plan.removeSubrange(sector)
    let csdl = try #require(plan.range(of: "    item_code: 7000\n    sub_item_code: 7012\n"))
    plan.removeSubrange(csdl)
    try plan.write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)

    let (forms, _) = try Self.forms(year: 2022, workspace: folder.path)
    #expect(forms.missingCodes.map(\.code) == [.missingBudgetCode, .missingBudgetCode, .missingBudgetCode])
    #expect(forms.missingCodes.allSatisfy { $0.severity == .warning })
    #expect(forms.missingCodes.map(\.activity) == [nil, ActivityCode("KTGS"), ActivityCode("CSDL")])
    // KTGS's 2022 money and CSDL's, from the files (scripts/b01-reference.py and
    // scripts/classification-reference.py on this plan).
    #expect(forms.missingCodes.map(\.amount) == [nil, Money(dong: 56_850_000), Money(dong: 120_000_000)])

    let book = try Self.write(year: 2022, workspace: folder.path)
    let b01 = try book.cells(sheet: "B01-BCQT")
    #expect(b01["A1"]?.text == "Mã chương: ..........")
    #expect(b01["I9"]?.text == "CHƯA CÓ MÃ LOẠI-KHOẢN")
    let row19 = try #require(Self.rowsByCode(b01)["19"])
    // 340-341 loses KTGS's 56.850.000 to the "chưa có mã" column; Tổng số is unchanged.
    #expect(
      ["D", "E", "F", "G", "H", "I"].map { Self.amount(b01["\($0)\(row19)"]) } == [
        1_784_520_000, 1_069_500_000, 1_069_500_000, 658_170_000, 658_170_000, 56_850_000,
      ])
    #expect(b01["D\(row19)"]?.formula == "E\(row19)+G\(row19)+I\(row19)")
    try Self.checkFormulas(book, sheet: "B01-BCQT")
    let f0101 = try book.cells(sheet: "F01-01-BCQT")
    let missingRow = try #require(
      f0101.first { $0.value.text == "Chưa có mã mục" }.map { Int($0.key.dropFirst())! })
    #expect(f0101["B\(missingRow + 1)"]?.text == "- Chưa có mã tiểu mục")
    #expect(Self.amount(f0101["D\(missingRow + 1)"]) == 120_000_000)
    #expect(Self.amount(f0101["D13"]) == 1_784_520_000)
    try Self.checkFormulas(book, sheet: "F01-01-BCQT")
  }
}

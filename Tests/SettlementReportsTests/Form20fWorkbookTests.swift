import BudgetCore
import Foundation
import Testing
import XlsxReadBack

@testable import SettlementReports

/// Mẫu số 20f (04SDKP/ĐVDT) in the forms workbook, read back: the hand-checked figures of
/// SampleData/chiem-hoa/EXPECTED.md ("Mẫu 20f", from `scripts/b01-reference.py … --20f`), the
/// identities 5 = 6 + 7 + 8 and 11 = 5 − 9 − 10 − 12 and every sum as formulas whose cached values
/// are what they compute, the form's header and headings, A4 landscape one page wide.
@Suite struct Form20fWorkbookTests {
  static let sheet = "Mau 20f"
  /// Columns E…L hold 5…12.
  static let moneyColumns = ["E", "F", "G", "H", "I", "J", "K", "L"]

  /// The values of columns 5–12 on the first row whose column `labelColumn` reads `label`, and that
  /// row's number.
  static func row(_ cells: [String: ReadCell], _ label: String, in labelColumn: String = "B") throws -> (
    row: Int, values: [Int64]
  ) {
    let row = try #require(
      cells.filter { $0.key.hasPrefix(labelColumn) && $0.value.text == label }
        .compactMap { Int($0.key.dropFirst(labelColumn.count)) }.min(), "no row \(label)")
    return (row, moneyColumns.map { Int64(cells["\($0)\(row)"]?.value ?? "") ?? -1 })
  }

  /// EXPECTED.md's rows: columns 5–12.
  static let expected: [String: [String: [Int64]]] = [
    "2022": [
      "TỔNG SỐ": [
        1_963_000_000, 87_000_000, 1_861_000_000, 15_000_000, 1_784_520_000, 2_500_000, 157_152_000,
        18_828_000,
      ],
      "Phòng Văn hóa và Thông tin": [
        335_000_000, 75_000_000, 260_000_000, 0, 170_000_000, 0, 146_172_000, 18_828_000,
      ],
      "Phòng Dân tộc": [565_000_000, 0, 570_000_000, -5_000_000, 561_850_000, 0, 3_150_000, 0],
    ],
    "2023": [
      "TỔNG SỐ": [
        1_972_980_000, 175_980_000, 1_777_000_000, 20_000_000, 1_924_230_000, 3_200_000, 45_550_000, 0,
      ],
      "Phòng Văn hóa và Thông tin": [
        350_000_000, 165_000_000, 185_000_000, 0, 325_000_000, 0, 25_000_000, 0,
      ],
      "UBND xã Kim Bình": [23_000_000, 0, 23_000_000, 0, 23_000_000, 0, 0, 0],
    ],
  ]

  @Test(arguments: [2022, 2023])
  func theDistrictsFormHoldsTheHandCheckedFigures(year: Int) throws {
    let book = try FormsWorkbookTests.write(year: year)
    #expect(try book.sheetNames() == ["B01-BCQT", "F01-01-BCQT", "F01-02-BCQT", Self.sheet])
    let cells = try book.cells(sheet: Self.sheet)
    for (label, values) in try #require(Self.expected[String(year)]) {
      #expect(try Self.row(cells, label).values == values, "\(year) \(label)")
    }
    // Every formula caches what it computes (as LibreOffice's recalculation does).
    let evaluator = try FormulaEvaluator(book)
    var formulas = 0
    for (reference, cell) in cells {
      guard let formula = cell.formula else { continue }
      formulas += 1
      #expect(try evaluator.evaluate(formula, onSheet: Self.sheet) == Int64(cell.value ?? ""), "\(reference)")
    }
    // 5 and 11 on every row; the six other money columns on the total, unit and nature rows.
    let total = try Self.row(cells, "TỔNG SỐ")
    let sumRows = cells.filter {
      $0.key.hasPrefix("F") && $0.value.formula != nil && Int($0.key.dropFirst())! >= total.row
    }.count
    let dataRows = cells.filter { $0.key.hasPrefix("E") && $0.value.formula != nil }.count
    #expect(dataRows == cells.filter { $0.key.hasPrefix("K") && $0.value.formula != nil }.count)
    #expect(dataRows == (year == 2022 ? 88 : 92))  // the rows of scripts/b01-reference.py --20f
    #expect(formulas == 2 * dataRows + 6 * sumRows)
    // The identities on the total row, and its sums over the unit rows.
    let r = total.row
    #expect(cells["E\(r)"]?.formula == "F\(r)+G\(r)+H\(r)")
    #expect(cells["K\(r)"]?.formula == "E\(r)-I\(r)-J\(r)-L\(r)")
    let unitRows = cells.filter {
      $0.key.hasPrefix("A") && Int($0.key.dropFirst())! > r && Int($0.value.text ?? "") != nil
    }
    .compactMap { Int($0.key.dropFirst()) }.sorted()
    #expect(unitRows.count == 32)
    #expect(cells["I\(r)"]?.formula == unitRows.map { "I\($0)" }.joined(separator: "+"))
  }

  /// A unit's own form (`--per-unit`): its header names the unit and its codes; only its rows.
  @Test func aUnitsOwnForm() throws {
    let book = try FormsWorkbookTests.write(year: 2023, unit: "VHTT")
    let cells = try book.cells(sheet: Self.sheet)
    #expect(cells["A1"]?.text == "ĐƠN VỊ: Phòng Văn hóa và Thông tin")
    #expect(cells["A2"]?.text == "MÃ ĐVSDNS: 1012003")
    #expect(cells["A3"]?.text == "MÃ CHƯƠNG: 622")
    let expected: [Int64] = [350_000_000, 165_000_000, 185_000_000, 0, 325_000_000, 0, 25_000_000, 0]
    #expect(try Self.row(cells, "TỔNG SỐ").values == expected)
    #expect(try Self.row(cells, "Phòng Văn hóa và Thông tin").values == expected)
    #expect(
      try Self.row(cells, "160-161", in: "D").values == [
        325_000_000, 165_000_000, 160_000_000, 0, 300_000_000, 0, 25_000_000, 0,
      ])
    #expect(cells.values.filter { $0.text == "UBND xã Kim Bình" }.isEmpty)
    let texts = Set(cells.values.compactMap(\.text))
    #expect(texts.isSuperset(of: ["NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ"]))
  }

  /// The form's header block, title, headings and numbering row; the draft mark while 2023's error
  /// stands; A4 landscape, one page wide.
  @Test func theFormsOwnHeaderAndHeadings() throws {
    let book = try FormsWorkbookTests.write(year: 2023)
    let cells = try book.cells(sheet: Self.sheet)
    #expect(
      ["A1", "A2", "A3", "A4"].map { cells[$0]?.text } == [
        "ĐƠN VỊ: Phòng Tài chính - Kế hoạch huyện Chiêm Hóa", "MÃ ĐVSDNS: 1012001", "MÃ CHƯƠNG: 622",
        "MÃ KBNN GIAO DỊCH: ..........",
      ])
    let texts = Set(cells.values.compactMap(\.text))
    #expect(texts.isSuperset(of: ["Mẫu số 20f", "Ký hiệu: 04SDKP/ĐVDT", "NGƯỜI LẬP BIỂU", "TRƯỞNG PHÒNG"]))
    #expect(
      texts.contains(
        "TÌNH HÌNH THỰC HIỆN DỰ TOÁN CỦA CÁC NHIỆM VỤ ĐƯỢC CHUYỂN NGUỒN SANG NĂM SAU CỦA NĂM 2023 CHUYỂN SANG NĂM 2024"
      ))
    let numbering = try #require(cells.first { $0.value.text == "5=6+7+8" }?.key.dropFirst())
    #expect(
      ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"].map { cells["\($0)\(numbering)"]?.text }
        == [
          "1", "2", "3", "4", "5=6+7+8", "6", "7", "8", "9", "10", "11=5-9-10-12", "12",
        ])
    let headings = Int(numbering)! - 1
    #expect(cells["D\(headings)"]?.text == "Loại, Khoản")
    #expect(cells["J\(headings)"]?.text == "Dự toán bị hủy")
    // Pooled money stands under its own tính chất nguồn.
    #expect(texts.contains("Lồng ghép CTMTQG giảm nghèo bền vững"))
    let sheet = try book.sheet(named: Self.sheet)
    #expect(sheet.first("oddHeader")?.allText.hasSuffix("DỰ THẢO") == true)
    let setup = try #require(sheet.first("pageSetup"))
    #expect(setup.attributes["orientation"] == "landscape" && setup.attributes["paperSize"] == "9")
    #expect(sheet.first("pageSetUpPr")?.attributes["fitToPage"] == "1")
    #expect(setup.attributes["fitToWidth"] == nil && setup.attributes["fitToHeight"] == "0")
  }
}

import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

/// `payment_kind` and `settles` read from an xlsx spending sheet (an officer's export): the Vietnamese
/// header aliases, and every bad value located at its cell, as in a CSV file.
@Suite struct AdvanceColumnsXlsxTests {
  /// A one-sheet workbook whose first row is `header` and the rest `rows`, every value as written.
  static func workbook(header: [String], rows: [[String]]) throws -> Data {
    var xml = ""
    for (index, row) in ([header] + rows).enumerated() {
      xml += "<row r=\"\(index + 1)\">"
      for (column, value) in row.enumerated() where !value.isEmpty {
        xml += TestWorkbook.cell(XlsxCellReference.name(row: index + 1, column: column + 1), value)
      }
      xml += "</row>"
    }
    return try TestWorkbook.xlsx(sheetXML: TestWorkbook.sheetXML(xml))
  }

  /// Each accepted Vietnamese heading of the two columns (docs/workspace-format.md, spending.csv),
  /// with the kinds written in Vietnamese, in capitals or in English.
  @Test(
    arguments: [
      ("Hình thức chi", "Mã tạm ứng"), ("Loại chi", "Thanh toán cho tạm ứng"),
      ("HÌNH THỨC THANH TOÁN", "Tạm ứng được thanh toán"), ("payment_kind", "settles"),
    ])
  func headerAliases(kindHeading: String, settlesHeading: String) throws {
    let data = try Self.workbook(
      header: ["Mã", "Ngày", "Nguồn", "Nội dung", "Đơn vị", "Số tiền", kindHeading, settlesHeading],
      rows: [
        ["TU-1", "01/03/2023", "TW", "HOINGHI", "PDT", "30000000", "Tạm ứng", ""],
        ["TT-1", "20/03/2023", "TW", "HOINGHI", "PDT", "18000000", "THANH TOÁN TẠM ỨNG", "TU-1"],
        ["TT-2", "25/03/2023", "TW", "HOINGHI", "PDT", "2000000", "advance_settlement", "TU-1"],
        ["C-1", "26/03/2023", "TW", "HOINGHI", "PDT", "500000", "thực chi", ""],
        ["C-2", "27/03/2023", "TW", "HOINGHI", "PDT", "700000", "", ""],
      ])
    let (rows, errors) = TestWorkbook.readSpending(data)
    #expect(errors.isEmpty, "\(errors)")
    #expect(rows.map(\.kind) == [.advance, .advanceSettlement, .advanceSettlement, .final, .final])
    #expect(rows.map(\.settles) == [nil, "TU-1", "TU-1", nil, nil])
    #expect(rows.map(\.amount.dong) == [30_000_000, 18_000_000, 2_000_000, 500_000, 700_000])
    #expect(rows.map(\.location.line) == [2, 3, 4, 5, 6])
  }

  /// Every bad value at its sheet, row and column, the cell named, in both languages; no row of them
  /// is read, the good one is.
  @Test func badValuesAreLocatedAtTheCell() throws {
    let data = try Self.workbook(
      header: [
        "id", "date", "source", "activity", "unit", "amount", "reverses", "hình thức chi", "mã tạm ứng",
      ],
      rows: [
        ["a1", "01/03/2023", "TW", "HOINGHI", "PDT", "300", "", "tạm ứng x", ""],
        ["s1", "02/03/2023", "TW", "HOINGHI", "PDT", "100", "", "thanh toán tạm ứng", ""],
        ["f1", "03/03/2023", "TW", "HOINGHI", "PDT", "100", "", "thực chi", "a1"],
        ["r1", "04/03/2023", "TW", "HOINGHI", "PDT", "-100", "a1", "tạm ứng", ""],
        ["ok", "05/03/2023", "TW", "HOINGHI", "PDT", "100", "", "tạm ứng", ""],
      ])
    let (rows, errors) = TestWorkbook.readSpending(data)
    #expect(rows.map(\.id) == ["ok"])
    #expect(errors.count == 4)
    let file = "spending.xlsx!Sheet1"
    // An unknown kind: H2, the value and the accepted kinds in both languages.
    expectError(errors, file: file, line: 2, column: 8, mentions: ["H2", "tạm ứng x", "advance_settlement"])
    // A settlement naming no advance: I3, the empty cell under its heading as written.
    expectError(errors, file: file, line: 3, column: 9, mentions: ["I3", "mã tạm ứng"])
    // `settles` on a final payment: I4.
    expectError(errors, file: file, line: 4, column: 9, mentions: ["I4", "'thanh toán tạm ứng'"])
    // A reversal with a kind of its own: H5 (it takes its original's).
    expectError(errors, file: file, line: 5, column: 8, mentions: ["H5", "reverses"])
  }
}

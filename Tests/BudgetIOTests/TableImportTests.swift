import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

/// `TableImport` (issue 13 §4): an import never loses rows it was not asked to replace, checks the
/// rows against the plan first, and keeps the previous file as a backup.
@Suite struct TableImportTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = root.appendingPathComponent("Tests/BudgetIOTests/Fixtures")

  /// A copy of SampleData/chiem-hoa (614 payments over 2021–2025) in a fresh temporary folder.
  static func workspace() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kinhphi-import-\(UUID())")
    try FileManager.default.copyItem(at: root.appendingPathComponent("SampleData/chiem-hoa"), to: folder)
    return folder
  }

  static func sheet(_ name: String) throws -> Data {
    try Data(contentsOf: fixtures.appendingPathComponent(name))
  }

  static func payments(_ folder: URL) throws -> [Payment] {
    try SpendingReader.read(
      bytes: [UInt8](Data(contentsOf: folder.appendingPathComponent("spending.csv"))), file: "spending.csv")
  }

  @Test func appendKeepsEveryRowAndKeepsABackup() throws {
    let folder = try Self.workspace()
    let before = try Data(contentsOf: folder.appendingPathComponent("spending.csv"))
    let plan = try TableImport.prepare(
      xlsx: Self.sheet("import-2023-spending.xlsx"), file: "import-2023-spending.xlsx", sheet: nil,
      table: .spending, workspace: folder.path, mode: .append)
    #expect(plan.rowsBefore == 614 && plan.rowsAdded == 5 && plan.rowsRemoved == 0)
    #expect(plan.years.first { $0.year == 2023 } == .init(year: 2023, before: 242, removed: 0, added: 5))
    let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 11:06:40 UTC
    let backup = try #require(try TableImport.commit(plan, now: now))
    #expect(backup == folder.appendingPathComponent("spending.csv.bak-20261118-110640").path)
    #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == before)
    let after = try Data(contentsOf: folder.appendingPathComponent("spending.csv"))
    // The old file byte for byte, then the five new rows.
    #expect(after.prefix(before.count) == before)
    let rows = try Self.payments(folder)
    #expect(rows.count == 619)
    #expect(rows.suffix(5).map(\.id) == (1...5).map { "NHAP-2023-00\($0)" })
    #expect(rows.suffix(5).map(\.amount.dong) == [4_500_000, 2_750_000, 3_200_000, 6_800_000, 1_200_000])
  }

  @Test func replacingAYearKeepsTheOtherYearsByteForByte() throws {
    let folder = try Self.workspace()
    let original = try Self.payments(folder)
    let plan = try TableImport.prepare(
      xlsx: Self.sheet("import-2023-spending.xlsx"), file: "s.xlsx", sheet: nil, table: .spending,
      workspace: folder.path, mode: .replaceYear(2023))
    #expect(plan.rowsRemoved == 242 && plan.rowsAdded == 5)
    try TableImport.commit(plan)
    let rows = try Self.payments(folder)
    #expect(rows.count == 614 - 242 + 5)
    // Every row of another year is still there, in order, with the same id and amount.
    let kept = original.filter { $0.year != 2023 }
    #expect(rows.filter { $0.year != 2023 }.map(\.id) == kept.map(\.id))
    #expect(rows.filter { $0.year != 2023 }.map(\.amount) == kept.map(\.amount))
    #expect(rows.filter { $0.year == 2023 }.map(\.id) == (1...5).map { "NHAP-2023-00\($0)" })
  }

  @Test func aFolderWithoutAPlanIsRefusedAndNothingIsWritten() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kinhphi-noplan-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let errors = inputErrors {
      _ = try TableImport.prepare(
        xlsx: Self.sheet("import-2023-spending.xlsx"), file: "s.xlsx", sheet: nil, table: .spending,
        workspace: folder.path, mode: .append)
    }
    #expect(errors.count == 1)
    #expect(errors.errors.first?.message.vi.contains("không có plan.yaml") == true)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func unknownCodesAndOtherYearsAreLocatedAtTheSheetRow() throws {
    let folder = try Self.workspace()
    let errors = inputErrors {
      _ = try TableImport.prepare(
        xlsx: Self.sheet("import-bad-codes.xlsx"), file: "bad.xlsx", sheet: nil, table: .spending,
        workspace: folder.path, mode: .append)
    }
    // Each error is at the cell that is wrong (the source's column, the unit's), its message leading
    // with the cell as Excel names it.
    let source = expectError(
      errors, file: "bad.xlsx!import-bad-codes", line: 3, column: 4, mentions: ["'TW_X'", "plan.yaml"])
    #expect(source?.location?.cellReference == "D3")
    #expect(source?.message.vi.hasPrefix("ô D3: ") == true)
    #expect(source?.message.en.hasPrefix("cell D3: ") == true)
    let unit = expectError(
      errors, file: "bad.xlsx!import-bad-codes", line: 5, column: 6, mentions: ["'XA_KHONGCO'", "plan.yaml"])
    #expect(unit?.location?.cellReference == "F5")
    #expect(errors.count == 2)
    let wrongYear = inputErrors {
      _ = try TableImport.prepare(
        xlsx: Self.sheet("import-2023-spending.xlsx"), file: "s.xlsx", sheet: nil, table: .spending,
        workspace: folder.path, mode: .replaceYear(2022))
    }
    #expect(wrongYear.count == 5)
    expectError(
      wrongYear, file: "s.xlsx!import-2023-spending", line: 2, column: 3, mentions: ["2023", "2022"])
  }

  @Test func importingTheSameSheetTwiceIsRefused() throws {
    let folder = try Self.workspace()
    let sheet = try Self.sheet("import-2023-spending.xlsx")
    try TableImport.commit(
      try TableImport.prepare(
        xlsx: sheet, file: "s.xlsx", sheet: nil, table: .spending, workspace: folder.path, mode: .append))
    let errors = inputErrors {
      _ = try TableImport.prepare(
        xlsx: sheet, file: "s.xlsx", sheet: nil, table: .spending, workspace: folder.path, mode: .append)
    }
    #expect(errors.count == 5)
    expectError(
      errors, file: "s.xlsx!import-2023-spending", line: 2, column: 1, mentions: ["'NHAP-2023-001'", "616"])
  }

  // MARK: CSV files (the upload page and `kinhphi import` take them too)

  /// Two 2023 payments as an officer's CSV: `;`, Vietnamese headers in another order, a quoted field.
  static let goodCSV = """
    Mã;Ngày chi;Nguồn;Nội dung;Đơn vị;Số tiền;Diễn giải
    CSV-2023-001;15/03/2023;TW;HOINGHI;VHTT;1250000;"Hội nghị; in tài liệu"
    CSV-2023-002;16/03/2023;HUYEN;HOINGHI;VHTT;830000;Nước uống

    """

  @Test func aCSVFileIsAppendedInTheTablesOwnLayout() throws {
    let folder = try Self.workspace()
    let before = try Data(contentsOf: folder.appendingPathComponent("spending.csv"))
    let plan = try TableImport.prepare(
      data: Data(Self.goodCSV.utf8), file: "chi.csv", format: .csv, table: .spending, workspace: folder.path,
      mode: .append)
    #expect(plan.rowsBefore == 614 && plan.rowsAdded == 2 && plan.rowsRemoved == 0)
    #expect(plan.years.first { $0.year == 2023 } == .init(year: 2023, before: 242, removed: 0, added: 2))
    try TableImport.commit(plan)
    let after = try Data(contentsOf: folder.appendingPathComponent("spending.csv"))
    #expect(after.prefix(before.count) == before)
    // Written in spending.csv's own column order and delimiter (`,`: the text's `;` needs no quotes).
    let added = String(decoding: after.suffix(from: before.count), as: UTF8.self)
    #expect(
      added == "CSV-2023-001,,15/03/2023,,TW,HOINGHI,VHTT,1250000,,Hội nghị; in tài liệu,,,,\n"
        + "CSV-2023-002,,16/03/2023,,HUYEN,HOINGHI,VHTT,830000,,Nước uống,,,,\n")
    let rows = try Self.payments(folder)
    #expect(rows.count == 616)
    #expect(rows.suffix(2).map(\.id) == ["CSV-2023-001", "CSV-2023-002"])
    #expect(rows.suffix(2).map(\.amount.dong) == [1_250_000, 830_000])
    #expect(rows.suffix(2).map(\.year) == [2023, 2023])
  }

  @Test func aMalformedCSVFileIsLocatedAtLineAndFieldAndNothingIsWritten() throws {
    let folder = try Self.workspace()
    let before = try Data(contentsOf: folder.appendingPathComponent("spending.csv"))
    let csv = """
      id,date,source,activity,unit,amount
      CSV-1,15/03/2023,TW_X,HOINGHI,VHTT,1000
      CSV-2,15/03/2023,TW,HOINGHI,VHTT,12abc
      CSV-3,31/02/2023,TW,HOINGHI,XA_KHONGCO,1000

      """
    let errors = inputErrors {
      _ = try TableImport.prepare(
        data: Data(csv.utf8), file: "bad.csv", format: .csv, table: .spending, workspace: folder.path,
        mode: .append)
    }
    // The rows' own problems first (a bad amount, a date that does not exist): the file is refused
    // before its codes are compared with the plan.
    expectError(errors, file: "bad.csv", line: 3, column: 6, mentions: ["12abc"])
    expectError(errors, file: "bad.csv", line: 4, column: 2, mentions: ["31/02/2023"])
    #expect(errors.count == 2)
    let codes = inputErrors {
      _ = try TableImport.prepare(
        data: Data(
          csv.replacingOccurrences(of: "12abc", with: "12").replacingOccurrences(
            of: "31/02", with: "28/02"
          ).utf8), file: "bad.csv", format: .csv, table: .spending,
        workspace: folder.path, mode: .append)
    }
    expectError(codes, file: "bad.csv", line: 2, column: 3, mentions: ["'TW_X'", "plan.yaml"])
    expectError(codes, file: "bad.csv", line: 4, column: 5, mentions: ["'XA_KHONGCO'", "plan.yaml"])
    #expect(codes.count == 2)
    #expect(try Data(contentsOf: folder.appendingPathComponent("spending.csv")) == before)
  }
}

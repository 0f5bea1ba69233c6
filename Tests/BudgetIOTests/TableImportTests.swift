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

  /// A copy of SampleData/chiem-hoa (609 payments over 2021–2025) in a fresh temporary folder.
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
    #expect(plan.rowsBefore == 609 && plan.rowsAdded == 5 && plan.rowsRemoved == 0)
    #expect(plan.years.first { $0.year == 2023 } == .init(year: 2023, before: 241, removed: 0, added: 5))
    let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 11:06:40 UTC
    let backup = try #require(try TableImport.commit(plan, now: now))
    #expect(backup == folder.appendingPathComponent("spending.csv.bak-20261118-110640").path)
    #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == before)
    let after = try Data(contentsOf: folder.appendingPathComponent("spending.csv"))
    // The old file byte for byte, then the five new rows.
    #expect(after.prefix(before.count) == before)
    let rows = try Self.payments(folder)
    #expect(rows.count == 614)
    #expect(rows.suffix(5).map(\.id) == (1...5).map { "NHAP-2023-00\($0)" })
    #expect(rows.suffix(5).map(\.amount.dong) == [4_500_000, 2_750_000, 3_200_000, 6_800_000, 1_200_000])
  }

  @Test func replacingAYearKeepsTheOtherYearsByteForByte() throws {
    let folder = try Self.workspace()
    let original = try Self.payments(folder)
    let plan = try TableImport.prepare(
      xlsx: Self.sheet("import-2023-spending.xlsx"), file: "s.xlsx", sheet: nil, table: .spending,
      workspace: folder.path, mode: .replaceYear(2023))
    #expect(plan.rowsRemoved == 241 && plan.rowsAdded == 5)
    try TableImport.commit(plan)
    let rows = try Self.payments(folder)
    #expect(rows.count == 609 - 241 + 5)
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
    expectError(errors, file: "bad.xlsx!import-bad-codes", line: 3, mentions: ["'TW_X'", "plan.yaml"])
    expectError(errors, file: "bad.xlsx!import-bad-codes", line: 5, mentions: ["'XA_KHONGCO'", "plan.yaml"])
    #expect(errors.count == 2)
    let wrongYear = inputErrors {
      _ = try TableImport.prepare(
        xlsx: Self.sheet("import-2023-spending.xlsx"), file: "s.xlsx", sheet: nil, table: .spending,
        workspace: folder.path, mode: .replaceYear(2022))
    }
    #expect(wrongYear.count == 5)
    expectError(wrongYear, file: "s.xlsx!import-2023-spending", line: 2, mentions: ["2023", "2022"])
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
    expectError(errors, file: "s.xlsx!import-2023-spending", line: 2, mentions: ["'NHAP-2023-001'", "611"])
  }
}

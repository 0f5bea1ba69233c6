import BudgetCore
import Foundation
import Testing
import Xlsx

@testable import BudgetIO

/// Valid large workbooks read: the sheet is streamed, so its XML size is limited only by
/// `XlsxReadLimits` (768 MiB a part), not by an XML parser's document size.
@Suite("Xlsx reader: large sheets")
struct XlsxLargeSheetTests {
  /// A spending.xlsx of `count` payments written by libxlsxwriter (the project's Xlsx module); row n
  /// pays n × 1,000 đồng. Shared strings unless `constantMemory` (then inline strings, as for huge sheets).
  static func spendingWorkbook(payments count: Int, constantMemory: Bool) throws -> Data {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kinhphi-xlsx-large-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("spending.xlsx").path
    let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: constantMemory))
    let sheet = try workbook.addWorksheet(named: "Chi tiết")
    for (column, title) in TestWorkbook.header.enumerated() {
      try sheet.writeString(title, row: 0, column: column)
    }
    for index in 1...count {
      try sheet.writeString("\(index)", row: index, column: 0)
      try sheet.writeString("PC-\(index)", row: index, column: 1)
      try sheet.writeString("15/03/2023", row: index, column: 2)
      try sheet.writeString("TW", row: index, column: 4)
      try sheet.writeString("HOINGHI", row: index, column: 5)
      try sheet.writeString("VHTT", row: index, column: 6)
      try sheet.writeInteger(Int64(index) * 1_000, row: index, column: 7)
      try sheet.writeString("Chi hội nghị tổng kết năm, lần \(index)", row: index, column: 9)
    }
    try workbook.close()
    return try Data(contentsOf: URL(fileURLWithPath: path))
  }

  static func expectAllRead(_ data: Data, payments count: Int) throws {
    var errors = InputErrors()
    let rows = XlsxTableReader.readSpending(data: data, file: "spending.xlsx", errors: &errors)
    #expect(errors.isEmpty, "\(errors)")
    try #require(rows.count == count)
    #expect(rows.reduce(Int64(0)) { $0 + $1.amount.dong } == Int64(count) * Int64(count + 1) / 2 * 1_000)
    #expect(
      rows.last?.location == SourceLocation(workbook: "spending.xlsx", sheet: "Chi tiết", row: count + 1))
    #expect(rows.last?.description == "Chi hội nghị tổng kết năm, lần \(count)")
  }

  @Test("a 50,000-row spending.xlsx written by libxlsxwriter (a sheet part over 10 MB) reads every row")
  func fiftyThousandRows() throws {
    let data = try Self.spendingWorkbook(payments: 50_000, constantMemory: false)
    let (entry, _) = try TestWorkbook.entry(data, "xl/worksheets/sheet1.xml")
    #expect(entry.uncompressedSize > 10_000_000)
    try Self.expectAllRead(data, payments: 50_000)
  }

  /// Opt-in (about 5.5 CPU minutes and 750 MB in a debug build): KINHPHI_XLSX_FULL_SHEET=1 swift test --filter fullSheet
  @Test(
    "a sheet of 1,048,576 rows (Excel's maximum: a header and 1,048,575 payments) reads every row",
    .enabled(if: ProcessInfo.processInfo.environment["KINHPHI_XLSX_FULL_SHEET"] == "1"))
  func fullSheet() throws {
    let data = try Self.spendingWorkbook(payments: Limits.sheetRowsMax - 1, constantMemory: true)
    try Self.expectAllRead(data, payments: Limits.sheetRowsMax - 1)
  }
}

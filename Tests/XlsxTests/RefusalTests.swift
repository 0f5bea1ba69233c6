import CXlsxWriter
import Foundation
import Testing
import XlsxReadBack

@testable import Xlsx

/// What libxlsxwriter 1.1.4 would write silently (and Excel then "repairs") is refused in Swift.
@Suite struct RefusalTests {
  private func reason(_ body: () throws -> Void) -> XlsxError.Reason? {
    do {
      try body()
      return nil
    } catch let error as XlsxError {
      return error.reason
    } catch {
      return nil
    }
  }

  @Test func overlappingMergeIsRefused() throws {
    let folder = try TestFolder()
    let workbook = try Workbook(url: folder.file("m.xlsx"), options: Fixture.options)
    let sheet = try workbook.addWorksheet(named: "S")
    let first = CellRange(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 3)
    try sheet.merge(first, text: "Tiêu đề")
    let overlapping = CellRange(firstRow: 1, firstColumn: 3, lastRow: 2, lastColumn: 4)
    #expect(
      reason { try sheet.merge(overlapping, text: "x") }
        == .overlappingMerge(requested: overlapping, existing: first))
    // Touching (not overlapping) is fine.
    try sheet.merge(CellRange(firstRow: 2, firstColumn: 0, lastRow: 2, lastColumn: 3), text: "y")
    #expect(sheet.mergedRanges.count == 2)
    #expect(reason { try sheet.merge(CellRange(row: 5, column: 5), text: "z") } != nil)
  }

  @Test func duplicateDefinedNameIsRefusedPerScope() throws {
    let folder = try TestFolder()
    let workbook = try Workbook(url: folder.file("n.xlsx"), options: Fixture.options)
    _ = try workbook.addWorksheet(named: "Tổng hợp")
    _ = try workbook.addWorksheet(named: "Chi tiết")
    try workbook.defineName("Tong", formula: "=1")
    #expect(
      reason { try workbook.defineName("TONG", formula: "=2") } == .duplicateDefinedName("TONG", scope: nil))
    // The same name local to a sheet is another name; twice in that sheet is not.
    try workbook.defineName("Tong", formula: "=3", scope: "Tổng hợp")
    try workbook.defineName("Tong", formula: "=4", scope: "Chi tiết")
    #expect(
      reason { try workbook.defineName("tong", formula: "=5", scope: "Tổng hợp") }
        == .duplicateDefinedName("tong", scope: "Tổng hợp"))
    #expect(
      reason { try workbook.defineName("X", formula: "=1", scope: "Không có") } == .unknownSheet("Không có"))
  }

  @Test(arguments: ["", "1Tong", "Tổng", "Tong hop", "A1", "xfd1048576", "R1C1", "R", "c", "RC"])
  func invalidDefinedNameIsRefused(name: String) throws {
    let folder = try TestFolder()
    let workbook = try Workbook(url: folder.file("n.xlsx"), options: Fixture.options)
    guard case .invalidDefinedName? = reason({ try workbook.defineName(name, formula: "=1") }) else {
      Issue.record("\"\(name)\" was accepted")
      return
    }
  }

  @Test func sheetNamesCollidingUnderCaseFoldingAreRefused() throws {
    let folder = try TestFolder()
    let workbook = try Workbook(url: folder.file("s.xlsx"), options: Fixture.options)
    _ = try workbook.addWorksheet(named: "Tổng hợp")
    #expect(
      reason { _ = try workbook.addWorksheet(named: "tổng HỢP") }
        == .duplicateSheetName("tổng HỢP", existing: "Tổng hợp"))
    #expect(
      reason { _ = try workbook.addWorksheet(named: "TỔNG HỢP") }
        == .duplicateSheetName("TỔNG HỢP", existing: "Tổng hợp"))
    // Decomposed (NFD) spelling of the same name collides too.
    let decomposed = "Tổng hợp".decomposedStringWithCanonicalMapping
    #expect(
      reason { _ = try workbook.addWorksheet(named: decomposed) }
        == .duplicateSheetName(decomposed, existing: "Tổng hợp"))
    // Diacritics are kept: a name without them is a different sheet.
    _ = try workbook.addWorksheet(named: "Tong hop")
    #expect(workbook.worksheetNames == ["Tổng hợp", "Tong hop"])
  }

  @Test(arguments: [
    "", String(repeating: "a", count: 32), "Tổng[1]", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b", "'Tong",
    "Tong'",
    "History", "history", "a\u{0}b", "a\tb",
  ])
  func illegalSheetNameIsRefused(name: String) throws {
    let folder = try TestFolder()
    let workbook = try Workbook(url: folder.file("s.xlsx"), options: Fixture.options)
    guard case .invalidSheetName? = reason({ _ = try workbook.addWorksheet(named: name) }) else {
      Issue.record("\"\(name)\" was accepted")
      return
    }
    #expect(workbook.worksheetNames.isEmpty)
  }

  @Test func thirtyOneUTF16UnitsIsTheLimit() throws {
    let folder = try TestFolder()
    let workbook = try Workbook(url: folder.file("s.xlsx"), options: Fixture.options)
    _ = try workbook.addWorksheet(named: String(repeating: "ợ", count: 31))
    // 16 astral characters are 32 UTF-16 units though only 16 characters.
    guard
      case .invalidSheetName? = reason({
        _ = try workbook.addWorksheet(named: String(repeating: "𝔸", count: 16))
      })
    else {
      Issue.record("an over-long name in UTF-16 was accepted")
      return
    }
  }

  @Test func outOfRangeCellsAreRefusedBeforeC() throws {
    let folder = try TestFolder()
    let workbook = try Workbook(url: folder.file("r.xlsx"), options: Fixture.options)
    let sheet = try workbook.addWorksheet(named: "S")
    #expect(
      reason { try sheet.writeInteger(1, row: 1_048_576, column: 0) }
        == .cellOutOfRange(row: 1_048_576, column: 0))
    #expect(
      reason { try sheet.writeString("x", row: 0, column: 16_384) } == .cellOutOfRange(row: 0, column: 16_384)
    )
    #expect(reason { try sheet.writeString("x", row: -1, column: 0) } == .cellOutOfRange(row: -1, column: 0))
    #expect(
      reason { try sheet.freezePanes(row: 2_000_000, column: 0) }
        == .cellOutOfRange(row: 2_000_000, column: 0))
    #expect(
      reason {
        try sheet.merge(CellRange(firstRow: 0, firstColumn: 16_383, lastRow: 0, lastColumn: 16_384), text: "")
      }
        == .cellOutOfRange(row: 0, column: 16_384))
    // The last cell of the grid is fine.
    try sheet.writeInteger(7, row: 1_048_575, column: 16_383)
    try workbook.close()
    let cells = try XlsxReadBack(url: folder.file("r.xlsx")).cells(sheet: "S")
    #expect(cells["XFD1048576"]?.value == "7")
  }

  @Test func integersBeyondTwoToThe53AreRefused() throws {
    let folder = try TestFolder()
    let workbook = try Workbook(url: folder.file("i.xlsx"), options: Fixture.options)
    let sheet = try workbook.addWorksheet(named: "S")
    let limit: Int64 = 1 << 53
    try sheet.writeInteger(limit, row: 0, column: 0)
    try sheet.writeInteger(-limit, row: 1, column: 0)
    #expect(reason { try sheet.writeInteger(limit + 1, row: 2, column: 0) } == .numberNotExact(limit + 1))
    #expect(reason { try sheet.writeInteger(-limit - 1, row: 2, column: 0) } == .numberNotExact(-limit - 1))
    #expect(reason { try sheet.writeInteger(.min, row: 2, column: 0) } == .numberNotExact(.min))
    #expect(
      reason { try sheet.writeFormula("=1", cachedInteger: .max, row: 2, column: 0) } == .numberNotExact(.max)
    )
    #expect(reason { try sheet.writeDouble(.nan, row: 2, column: 0) } == .numberNotFinite)
    try workbook.close()
    let cells = try XlsxReadBack(url: folder.file("i.xlsx")).cells(sheet: "S")
    #expect(cells["A1"]?.value == "9007199254740992")
    #expect(cells["A2"]?.value == "-9007199254740992")
    #expect(cells["A3"] == nil)
  }

  @Test func errorsCarryContextInBothLanguages() throws {
    let folder = try TestFolder()
    let workbook = try Workbook(url: folder.file("e.xlsx"), options: Fixture.options)
    let sheet = try workbook.addWorksheet(named: "Tổng hợp")
    do {
      try sheet.writeInteger(1 << 60, row: 2, column: 1)
      Issue.record("not refused")
    } catch let error as XlsxError {
      #expect(error.sheet == "Tổng hợp")
      #expect(error.cell == "B3")
      #expect(error.en.hasPrefix("write number at 'Tổng hợp'!B3: "))
      #expect(error.vi.contains("tại 'Tổng hợp'!B3"))
    }
    // A library error comes with lxw_strerror's message.
    do {
      try sheet.writeString(String(repeating: "x", count: 32_768), row: 0, column: 0)
      Issue.record("an over-long string was accepted")
    } catch let error as XlsxError {
      guard case .library(let code, let message) = error.reason else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(code == Int(LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED.rawValue))
      #expect(message == "String exceeds Excel's limit of 32,767 characters.")
    }
  }

  @Test func aClosedWorkbookRefusesEverything() throws {
    let folder = try TestFolder()
    let workbook = try Workbook(url: folder.file("c.xlsx"), options: Fixture.options)
    let sheet = try workbook.addWorksheet(named: "S")
    try workbook.close()
    #expect(reason { try sheet.writeInteger(1, row: 0, column: 0) } == .workbookClosed)
    #expect(reason { _ = try workbook.addWorksheet(named: "T") } == .workbookClosed)
    #expect(reason { try workbook.close() } == .workbookClosed)
  }
}

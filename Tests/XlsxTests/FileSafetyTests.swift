import CXlsxWriter
import Foundation
import Testing
import XlsxReadBack

@testable import Xlsx

/// A failed run never leaves a half file nor clobbers the previous one.
@Suite struct FileSafetyTests {
  private func writeOneCell(_ workbook: Workbook, value: Int64) throws {
    let sheet = try workbook.addWorksheet(named: "S")
    try sheet.writeInteger(value, row: 0, column: 0)
  }

  @Test func successWritesOnlyTheTargetAndReplacesAPreviousFile() throws {
    let folder = try TestFolder()
    let target = folder.file("report.xlsx")
    try Data("old report".utf8).write(to: target)
    let workbook = try Workbook(url: target, options: Fixture.options)
    // While writing, the output is a hidden temporary file beside the target.
    let temporaryName = (workbook.temporaryPath as NSString).lastPathComponent
    #expect(temporaryName.hasPrefix(".kinhphi-") && temporaryName.hasSuffix(".xlsx.tmp"))
    #expect(try folder.contents() == [temporaryName, "report.xlsx"].sorted())
    try writeOneCell(workbook, value: 42)
    try workbook.close()
    #expect(try folder.contents() == ["report.xlsx"])
    #expect(try XlsxReadBack(url: target).cells(sheet: "S")["A1"]?.value == "42")
    let attributes = try FileManager.default.attributesOfItem(atPath: target.path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o644)
  }

  @Test func anInterruptionStopsTheWriteAtItsIntervalAndTheDroppedWorkbookLeavesNothing() throws {
    struct Stop: Error {}
    let folder = try TestFolder()
    var calls = 0
    var written = 0
    do {
      let workbook = try Workbook(url: folder.file("report.xlsx"), options: Fixture.options)
      // Stops at its second call: after twice the interval of cell writes, less the one refused.
      workbook.interruption = {
        calls += 1
        if calls == 2 { throw Stop() }
      }
      let sheet = try workbook.addWorksheet(named: "S")
      for row in 0..<(4 * Workbook.interruptionInterval) {
        try sheet.writeInteger(Int64(row), row: row, column: 0)
        written += 1
      }
      Issue.record("the write was not interrupted")
    } catch is Stop {}
    #expect(calls == 2)
    #expect(written == 2 * Workbook.interruptionInterval - 1)
    // The workbook was dropped without close(): no file and no temporary file.
    #expect(try folder.contents().isEmpty)
  }

  @Test func missingFolderFailsAtCreationAndLeavesNothing() throws {
    let folder = try TestFolder()
    let target = folder.url.appendingPathComponent("no-such-folder/report.xlsx")
    #expect(throws: XlsxError.self) { _ = try Workbook(url: target, options: Fixture.options) }
    #expect(try folder.contents().isEmpty)
  }

  @Test func folderRemovedBeforeCloseThrowsAndLeavesNothing() throws {
    let folder = try TestFolder()
    let outputFolder = folder.url.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: false)
    let workbook = try Workbook(
      url: outputFolder.appendingPathComponent("report.xlsx"), options: Fixture.options)
    try writeOneCell(workbook, value: 1)
    try FileManager.default.removeItem(at: outputFolder)
    do {
      try workbook.close()
      Issue.record("close succeeded into a removed folder")
    } catch let error as XlsxError {
      #expect(error.operation == "close")
      guard case .library(let code, _) = error.reason else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(code == Int(LXW_ERROR_CREATING_XLSX_FILE.rawValue))
    }
    #expect(try folder.contents().isEmpty)
    #expect(!workbook.isOpen)
  }

  @Test func failedCloseKeepsThePreviousFileByteForByte() throws {
    let folder = try TestFolder()
    let target = folder.file("report.xlsx")
    let previous = Data("previous report, untouched".utf8)
    try previous.write(to: target)
    let workbook = try Workbook(url: target, options: Fixture.options)
    try writeOneCell(workbook, value: 1)
    // Make the library unable to create its output: a folder now sits where the file must go.
    try FileManager.default.removeItem(atPath: workbook.temporaryPath)
    try FileManager.default.createDirectory(
      atPath: workbook.temporaryPath, withIntermediateDirectories: false)
    #expect(throws: XlsxError.self) { try workbook.close() }
    #expect(try Data(contentsOf: target) == previous)
    try FileManager.default.removeItem(atPath: workbook.temporaryPath)
    #expect(try folder.contents() == ["report.xlsx"])

    // A later successful run replaces it.
    let again = try Workbook(url: target, options: Fixture.options)
    try writeOneCell(again, value: 2)
    try again.close()
    #expect(try Data(contentsOf: target) != previous)
    #expect(try XlsxReadBack(url: target).cells(sheet: "S")["A1"]?.value == "2")
    #expect(try folder.contents() == ["report.xlsx"])
  }

  @Test func renameOntoAFolderFailsAndCleansUp() throws {
    let folder = try TestFolder()
    let target = folder.file("report.xlsx")
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
    try Data("x".utf8).write(to: target.appendingPathComponent("inside"))
    let workbook = try Workbook(url: target, options: Fixture.options)
    try writeOneCell(workbook, value: 1)
    do {
      try workbook.close()
      Issue.record("renamed over a folder")
    } catch let error as XlsxError {
      guard case .fileSystem = error.reason else {
        Issue.record("unexpected \(error)")
        return
      }
    }
    #expect(try folder.contents() == ["report.xlsx"])
  }

  @Test func aWorkbookDroppedWithoutCloseLeavesNoFile() throws {
    let folder = try TestFolder()
    do {
      let workbook = try Workbook(url: folder.file("dropped.xlsx"), options: Fixture.options)
      let sheet = try workbook.addWorksheet(named: "Tổng hợp")
      try sheet.writeString("không ghi", row: 0, column: 0)
      try sheet.merge(CellRange(firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: 2), text: "x")
      #expect(try folder.contents().count == 1)
    }
    #expect(try folder.contents().isEmpty)

    var options = Fixture.options
    options.constantMemory = true
    do {
      let workbook = try Workbook(url: folder.file("dropped.xlsx"), options: options)
      let sheet = try workbook.addWorksheet(named: "S")
      for row in 0..<10 { try sheet.writeInteger(Int64(row), row: row, column: 0) }
    }
    #expect(try folder.contents().isEmpty)
  }
}

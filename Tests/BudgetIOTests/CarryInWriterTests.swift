import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

/// Appending rows to an officer's allocations file: same layout, nothing corrupted, never half-written.
@Suite struct CarryInWriterTests {
  static let rows = [
    CarryInWriter.Row(
      year: 2024, source: "TW", activity: "PANO", unit: "PDT", kind: .carryIn,
      amount: Money(dong: 10_000_000),
      originYear: 2022, note: "chuyển nguồn; năm gốc 2022"),
    CarryInWriter.Row(
      year: 2024, source: "HUYEN", activity: "HOINGHI", unit: "PDT", kind: .carryIn,
      amount: Money(dong: 50_000), originYear: 2023, note: "có \"ngoặc\""),
  ]

  static func temporaryFile(_ content: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "carry-in-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("allocations.csv").path
    try Data(content.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func appendsInTheFilesOwnDelimiterColumnOrderAndLineEndingAndReadsBack() throws {
    // Excel in the Vietnamese locale: BOM, ';', CRLF, Vietnamese headers in its own order, no final newline.
    let original =
      "\u{FEFF}số tiền;năm;nguồn;nội dung;đơn vị;loại;năm gốc;ghi chú\r\n10.000.000;2023;TW;PANO;PDT;giao đầu năm;;x"
    let path = try Self.temporaryFile(original)
    try CarryInWriter.append(Self.rows, toFileAt: path, file: "allocations.csv")
    // Compared as bytes: decoding as a String would drop the BOM this test wants kept.
    let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    #expect(written.hasPrefix("\u{FEFF}"))
    #expect(
      written == original + "\r\n"
        + "10000000;2024;TW;PANO;PDT;carry_in;2022;\"chuyển nguồn; năm gốc 2022\"\r\n"
        + "50000;2024;HUYEN;HOINGHI;PDT;carry_in;2023;\"có \"\"ngoặc\"\"\"\r\n")
    let read = try AllocationsReader.read(bytes: Array(written.utf8), file: "allocations.csv")
    #expect(read.count == 3)
    #expect(
      read[1].kind == .carryIn && read[1].originYear == 2022 && read[1].amount == Money(dong: 10_000_000))
    #expect(read[2].note == "có \"ngoặc\"" && read[2].location.line == 4)
  }

  @Test func theDecisionPlaceholderGoesWhereTheFileHasADecisionColumn() throws {
    let path = try Self.temporaryFile("year,source,activity,unit,kind,amount,origin_year,decision\n")
    try CarryInWriter.append([Self.rows[0]], toFileAt: path, file: "allocations.csv")
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written.hasSuffix("2024,TW,PANO,PDT,carry_in,10000000,2022,....../QĐ-UBND\n"))
  }

  @Test func aFileWithoutAnOriginYearColumnIsRefusedAndLeftAlone() throws {
    let original = "year,source,activity,unit,kind,amount\n2023,TW,PANO,PDT,initial,5\n"
    let path = try Self.temporaryFile(original)
    let errors = inputErrors { try CarryInWriter.append(Self.rows, toFileAt: path, file: "allocations.csv") }
    expectError(errors, file: "allocations.csv", line: 1, mentions: ["origin_year"])
    #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
  }

  @Test func aFileChangedSinceTheRowsWereComputedIsLeftAlone() throws {
    let original = "year,source,activity,unit,kind,amount,origin_year\n"
    let path = try Self.temporaryFile(original)
    let errors = inputErrors {
      try CarryInWriter.append(
        Self.rows, toFileAt: path, file: "allocations.csv", expected: Data("something else".utf8))
    }
    expectError(errors, file: "allocations.csv", line: 1)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
  }

  @Test func aMalformedFileIsRefusedWithItsOwnErrors() throws {
    let original = "year,source,activity,unit,kind,amount,colour\n"
    let path = try Self.temporaryFile(original)
    let errors = inputErrors { try CarryInWriter.append(Self.rows, toFileAt: path, file: "allocations.csv") }
    expectError(errors, file: "allocations.csv", line: 1, column: 7, mentions: ["colour"])
    #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
  }

  @Test func aNewFileTakesTheModelsLayout() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "carry-in-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("next.csv").path
    let model = CarryInWriter.Layout(
      columns: ["year", "source", "activity", "unit", "kind", "amount", "origin_year"], delimiter: 0x3B,
      lineEnding: "\n")
    try CarryInWriter.write([Self.rows[1]], toFileAt: path, like: model)
    #expect(
      try String(contentsOfFile: path, encoding: .utf8)
        == "year;source;activity;unit;kind;amount;origin_year\n2024;HUYEN;HOINGHI;PDT;carry_in;50000;2023\n")
  }
}

import Foundation
import Testing
import XlsxReadBack

/// `kinhphi generate` and `settle --per-unit`, run as the built binary.
@Suite struct ScaleCommandTests {
  @Test func generateThenOneWorkbookPerUnitWithTheUnitsOwnPayments() throws {
    let folder = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let workspace = folder.appendingPathComponent("ws").path
    let generated = try CLIRunner.run([
      "generate", workspace, "--units", "6", "--payments", "900", "--years", "2023-2024", "--seed", "11",
      "--lang", "en",
    ])
    #expect(generated.status == 0)
    #expect(generated.stdout.contains("900 payments"))
    // Not a terminal: no progress line, nothing on stderr.
    #expect(generated.stderr.isEmpty)

    let out = folder.appendingPathComponent("units").path
    let settled = try CLIRunner.run(
      ["settle", workspace, "--year", "2023", "--per-unit", out, "--lang", "en"],
      environment: ["SOURCE_DATE_EPOCH": "86400"])
    // The generated data carries error findings on purpose: written, status 1, one line saying so.
    #expect(settled.status == 1)
    #expect(settled.stderr.hasPrefix("Đã xong, nhưng còn ") && settled.stderr.hasSuffix("(exit status 1).\n"))
    #expect(settled.stdout.contains("Wrote 6 workbooks"))
    let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(files == (1...6).map { "quyet-toan-2023-DV00000\($0).xlsx" })

    // The unit's detail sheet lists only its own payments (by the unit's name, "Đơn vị số 2").
    let book = try XlsxReadBack(url: URL(fileURLWithPath: out + "/quyet-toan-2023-DV000002.xlsx"))
    let texts = try book.cells(sheet: "Chi tiết chi").values.compactMap(\.text)
    #expect(texts.filter { $0 == "Đơn vị số 2" }.count > 50)
    #expect(!texts.contains { $0.hasPrefix("Đơn vị số ") && $0 != "Đơn vị số 2" })
    // The workbook is the unit's own: its header names the unit under the issuer (issue 13, 18).
    let summary = try book.cells(sheet: "Tổng hợp")
    #expect(summary["A2"]?.text == "ĐƠN VỊ SỐ 2")
    #expect(summary["A5"]?.text?.hasPrefix("Unit: Đơn vị số 2") == true)

    let refused = try CLIRunner.run(["settle", workspace, "--year", "2023", "--per-unit", out, "--json", "-"])
    #expect(refused.status == 2)
  }
}

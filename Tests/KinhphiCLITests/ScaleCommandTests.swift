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

    // The unit's detail sheet lists only its own payments.
    let book = try XlsxReadBack(url: URL(fileURLWithPath: out + "/quyet-toan-2023-DV000002.xlsx"))
    let texts = try book.cells(sheet: "Chi tiết chi").values.compactMap(\.text)
    #expect(texts.filter { $0 == "DV000002" }.count > 50)
    #expect(!texts.contains { $0.hasPrefix("DV") && $0 != "DV000002" })

    let refused = try CLIRunner.run(["settle", workspace, "--year", "2023", "--per-unit", out, "--json", "-"])
    #expect(refused.status == 2)
  }
}

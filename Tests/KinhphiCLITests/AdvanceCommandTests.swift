import Foundation
import Testing
import XlsxReadBack

/// `settle` on a workspace with advances (SampleData/features/advance-open: 10.000.000 allocated,
/// 6.000.000 paid, a 4.000.000 advance settled 1.000.000): the terminal names the treasury figures
/// and the Chuyển nguồn sheet splits the carry-over into its two parts.
@Suite struct AdvanceCommandTests {
  @Test func settleSaysTheTreasuryFiguresAndSplitsTheCarryOver() throws {
    let folder = try CLIRunner.temporaryDirectory()
    let path = folder.appendingPathComponent("qt-2023.xlsx").path
    let result = try CLIRunner.run([
      "settle", CLIRunner.sample("features/advance-open"), "--year", "2023", "-o", path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("kinh phí thực nhận 10.000.000 đ (thực chi 6.000.000, tạm ứng 4.000.000)"))
    #expect(result.stdout.contains("số dư tạm ứng đến 31/01/2024 3.000.000"))
    #expect(result.stdout.contains("Chuyển nguồn 3.000.000 = số dư dự toán 0 + số dư tạm ứng 3.000.000"))

    let workbook = try XlsxReadBack(url: URL(fileURLWithPath: path))
    let cells = try workbook.cells(sheet: "Chuyển nguồn")
    let texts = Set(cells.values.compactMap(\.text))
    #expect(texts.contains("Trong đó: số dư dự toán"))
    #expect(texts.contains("Trong đó: số dư tạm ứng"))
    #expect(texts.contains("Trong đó: tạm ứng phải nộp NSNN"))
    // The one portion (origin 2023, usable through 2024): 3.000.000 unspent, all carried, all of it
    // an advance balance; nothing cancelled, nothing to pay back.
    let originCell = try #require(cells.first { $0.value.value == "2023" && $0.key.hasPrefix("E") })
    let row = originCell.key.dropFirst()
    let values = ["F", "G", "H", "I", "J", "K", "L"].map { cells["\($0)\(row)"]?.value }
    #expect(values == ["2024", "3000000", "3000000", "0", "3000000", "0", "0"])
  }

  @Test func withoutAdvancesTheTerminalSaysNothingMore() throws {
    let folder = try CLIRunner.temporaryDirectory()
    let result = try CLIRunner.run([
      "settle", CLIRunner.sample("features/overspend"), "--year", "2023", "-o",
      folder.appendingPathComponent("q.xlsx").path,
    ])
    #expect(!result.stdout.contains("Kho bạc"))
  }
}

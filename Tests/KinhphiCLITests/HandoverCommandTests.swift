import Foundation
import Testing
import XlsxReadBack

/// `kinhphi handover` on the Chiêm Hóa sample (2025 reform) and `settle --years`.
@Suite struct HandoverCommandTests {
  @Test func handsEveryBalanceOverToTheDong() throws {
    let folder = try CLIRunner.temporaryDirectory()
    let book = folder.appendingPathComponent("ban-giao.xlsx")
    let rows = folder.appendingPathComponent("mo-so.csv")
    let arguments = [
      "handover", CLIRunner.sample("chiem-hoa"), "--date", "30/06/2025", "--map",
      CLIRunner.sample("chiem-hoa/successors.yaml"), "-o", book.path, "--rows", rows.path,
    ]
    let result = try CLIRunner.run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("tổng 571.800.000 đồng"))
    #expect(
      result.stdout.contains(
        "  SO_DTTG       Sở Dân tộc và Tôn giáo                                      0  249.000.000  249.000.000"
      ))

    // The opening rows add up to the balances; 2025 money is a supplement, older money a carry_in.
    let text = String(decoding: try Data(contentsOf: rows), as: UTF8.self)
    let lines = text.split(separator: "\n").dropFirst()
    let amounts = lines.map { Int64($0.split(separator: ",")[5]) ?? 0 }
    #expect(amounts.reduce(0, +) == 571_800_000)
    #expect(text.contains("2025,TW,HOINGHI,XA_HOAAN,carry_in,300000,2023,"))
    #expect(text.contains("2025,TW,PTTH,BAO_PTTH_TQ,supplement,48000000,,"))

    let read = try XlsxReadBack(url: book)
    #expect(try read.sheetNames() == ["Biên bản", "Bàn giao số dư", "Theo đơn vị nhận"])
    let cells = try read.cells(sheet: "Bàn giao số dư")
    #expect(cells["A4"]?.text == "BIỂU 01: SỐ DƯ KINH PHÍ DỰ ÁN 10 BÀN GIAO ĐẾN NGÀY 30/06/2025")
    let totalRow = cells.filter { $0.value.text == "TỔNG CỘNG" }.map(\.key).first
    let row = totalRow.map { String($0.dropFirst()) } ?? ""
    #expect(cells["F" + row]?.value == "571800000")
    #expect(cells["G" + row]?.value == "571800000")
    #expect(cells["H" + row]?.value == "0")

    // Rows are never written twice to the same file.
    let again = try CLIRunner.run(arguments)
    #expect(again.status == 2)
  }

  @Test func aSuccessorMissingFromTheSuccessorsPlanIsALocatedError() throws {
    let folder = try CLIRunner.temporaryDirectory()
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: CLIRunner.sample("chiem-hoa/sau-sap-xep")),
      to: folder.appendingPathComponent("sau-sap-xep"))
    let map = folder.appendingPathComponent("successors.yaml")
    try Data(
      """
      handover: {successor_plan: sau-sap-xep/plan.yaml}
      successors:
        - {unit: PDT, to: SO_DTTG}
        - {unit: VHTT, to: XA_KHONGCO}
      """.utf8
    ).write(to: map)
    let result = try CLIRunner.run([
      "handover", CLIRunner.sample("chiem-hoa"), "--date", "2025-06-30", "--map", map.path,
      "-o", folder.appendingPathComponent("x.xlsx").path, "--rows",
      folder.appendingPathComponent("x.csv").path,
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("successors.yaml:4"))
    #expect(result.stderr.contains("XA_KHONGCO"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.csv").path))
  }

  /// Phase 2021–2025 of the sample: allocated 6.071.000.000 = settled 5.491.200.000 + cancelled
  /// 8.300.000 + carried to 2026 571.500.000 (EXPECTED.md).
  @Test func settleYearsWritesThePhaseWorkbook() throws {
    let book = try CLIRunner.temporaryDirectory().appendingPathComponent("gd.xlsx")
    let result = try CLIRunner.run([
      "settle", CLIRunner.sample("chiem-hoa"), "--years", "2021-2025", "-o", book.path,
    ])
    #expect(result.status == 1, "2023's error finding stands in the phase: \(result.stderr)")
    let read = try XlsxReadBack(url: book)
    #expect(
      try read.sheetNames() == [
        "Toàn giai đoạn", "Đối chiếu chuyển nguồn", "Năm 2021", "Năm 2022", "Năm 2023", "Năm 2024",
        "Năm 2025",
      ])
    let phase = try read.cells(sheet: "Toàn giai đoạn")
    #expect(phase["B9"]?.text == "TỔNG CỘNG")
    #expect(
      ["C9", "D9", "E9", "F9", "G9", "H9", "I9", "J9"].map { phase[$0]?.value } == [
        "0", "6071000000", "5494450000", "5491200000", "8300000", "571500000", "0", "0",
      ])
    #expect(phase["J9"]?.formula == "C9+D9+I9-F9-G9-H9")
    let chain = try read.cells(sheet: "Đối chiếu chuyển nguồn")
    let differences = chain.filter { $0.key.hasPrefix("E") && $0.value.formula != nil }.map(\.value.value)
    #expect(!differences.isEmpty && differences.allSatisfy { $0 == "0" })
    #expect(
      try CLIRunner.run(["settle", CLIRunner.sample("chiem-hoa"), "--years", "2021-2025", "--year", "2022"])
        .status == 2)
  }
}

import Foundation
import Testing

/// Issue 13 §8: the Vietnamese terminal output reads as Vietnamese — a finding code or a row kind
/// always has its Vietnamese name beside it, no "Δ", "phát hiện mức lỗi", "vốn đối ứng", "cột
/// 'decision'", "cho 3 đơn vị" (a quantity read as an organisation) or "Dòng (nguồn · nội dung · đơn vị)".
@Suite struct TerminalLanguageTests {
  static let programmerWords = [
    "Δ", "phát hiện mức lỗi", "vốn đối ứng", "cột 'decision'", "đơn vị) vượt", "Dòng (nguồn",
    "chuỗi chuyển nguồn",
  ]

  static func expectOfficerWords(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for word in programmerWords {
      #expect(!text.contains(word), "'\(word)' in the output", sourceLocation: sourceLocation)
    }
  }

  @Test func checkNamesEveryCodeAndSaysQuantity() throws {
    let result = try CLIRunner.run(["check", CLIRunner.sample("chiem-hoa"), "--all"])
    Self.expectOfficerWords(result.stdout)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    for code in ["OVERSPEND", "NORM_EXCEEDED", "MISSING_DECISION", "COUNTERPART_SHORT", "POSSIBLE_DUPLICATE"]
    {
      // The code never stands alone: "<Vietnamese name> · CODE".
      let named = lines.filter { $0.hasSuffix(" · \(code)") }
      #expect(named.count == 1, "\(code)")
      #expect(named.first.map { $0.trimmingCharacters(in: .whitespaces).count > code.count + 3 } == true)
    }
    #expect(result.stdout.contains("(21.960.000 đồng cho số lượng 3)"))
    #expect(result.stdout.contains("kinh phí đối ứng (NSĐP: TINH, HUYEN)"))
    #expect(result.stdout.contains("vào cột \"Số quyết định\" (decision)"))
  }

  @Test func whatifNamesTheBrokenFindings() throws {
    let result = try CLIRunner.run(["whatif", CLIRunner.sample("chiem-hoa"), "scenarios/tinh-giam-30.yaml"])
    Self.expectOfficerWords(result.stdout)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("  Nguồn  Nội dung  Đơn vị       Trước         Sau  Chênh lệch      Đã chi"))
    #expect(lines.contains("  LỖI  Chi vượt dự toán · OVERSPEND  TINH · BAO · PDT  4.500.000"))
    #expect(
      lines.contains(
        "  CẢNH BÁO  Thiếu kinh phí đối ứng (NSĐP) · COUNTERPART_SHORT  TW  21.100.000 (trước: 6.100.000)"))
  }

  @Test func closeNamesTheRowKindAndSplitsTheLine() throws {
    let workspace = try CloseCommandTests.copy("features/close-chain")
    let result = try CLIRunner.run(["close", workspace.path, "--year", "2023", "--dry-run"])
    #expect(result.status == 0)
    Self.expectOfficerWords(result.stdout)
    #expect(
      result.stdout
        == """
        Khóa sổ năm 2023: chuyển nguồn 60.000.000 đồng, hủy dự toán 3.000.000 đồng.
        Dòng kinh phí chuyển nguồn năm trước sang (carry_in) năm 2024: 2 cần có, 0 đã ghi đúng, 2 cần thêm.

        Các dòng sẽ thêm:
          Năm   Nguồn  Nội dung  Đơn vị  Năm gốc  Số tiền (đồng)
          2024  TW     PANO      PDT     2022         10.000.000
          2024  TW     PANO      PDT     2023         50.000.000
          Cộng                                        60.000.000
        --dry-run: không ghi dòng nào.

        """)
  }

  @Test func consolidateNamesTheAllocationKind() throws {
    let out = try CLIRunner.temporaryDirectory()
    let result = try CLIRunner.run([
      "consolidate", CLIRunner.sample("chiem-hoa"), CLIRunner.sample("chiem-hoa-units/vhtt"),
      CLIRunner.sample("chiem-hoa-units/xa-hung-my"), CLIRunner.sample("chiem-hoa-units/xa-kim-binh"),
      "--year", "2023", "-o", out.appendingPathComponent("hn.xlsx").path,
    ])
    Self.expectOfficerWords(result.stdout)
    #expect(
      result.stdout.contains(
        "TW · MOHINH · XA_KIMBINH, dự toán giao đầu năm (initial); huyện giao 15.000.000"))
    // Issue 13 §5: the district's rows superseded in 2023, not over all years (90).
    #expect(result.stdout.contains("\nBỏ 31 khoản chi huyện tự ghi cho các đơn vị trên"))
  }

  /// The handover names the row kinds it opens (carry_in, supplement) and the successors.
  @Test func handoverNamesTheKindsAndTheSuccessors() throws {
    let out = try CLIRunner.temporaryDirectory()
    let result = try CLIRunner.run([
      "handover", CLIRunner.sample("chiem-hoa"), "--date", "2025-06-30", "--map",
      CLIRunner.sample("chiem-hoa/successors.yaml"), "-o", out.appendingPathComponent("bg.xlsx").path,
      "--rows", out.appendingPathComponent("ms.csv").path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    Self.expectOfficerWords(result.stdout)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines[1]
        == "Đơn vị nhận mở sổ: kinh phí chuyển nguồn năm trước sang (carry_in) cho tiền của các năm trước năm 2025, dự toán bổ sung (supplement) cho tiền của năm 2025."
    )
    #expect(
      lines.contains(
        "  XA_KIMBINH    UBND xã Kim Bình                                      999.900   43.495.650   44.495.550"
      ))
    #expect(
      lines.contains(
        "  Cộng                                                              3.300.000  568.500.000  571.800.000"
      ))
  }
}

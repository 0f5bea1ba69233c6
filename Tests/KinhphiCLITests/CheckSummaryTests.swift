import Foundation
import Testing

/// `kinhphi check` on the terminal (issue 13 §1): errors and warnings in full, info as one line per
/// code, no "hủy dự toán 0"; `--all` lists everything.
@Suite struct CheckSummaryTests {
  /// The whole output on SampleData/chiem-hoa: the one error first and visible, 55 UNSPENT in one line;
  /// the 2022 advance carried over as số dư tạm ứng is the ADVANCE_OPEN warning.
  @Test func chiemHoaSummaryIsTheGoldenText() throws {
    let result = try CLIRunner.run(["check", CLIRunner.sample("chiem-hoa")], in: CLIRunner.packageRoot)
    #expect(result.status == 1)
    let expected = """
      Kiểm tra SampleData/chiem-hoa · năm 2021, 2022, 2023, 2024, 2025

      1 LỖI
          Năm   Nguồn  Nội dung  Đơn vị      Số tiền (đồng)  Tệp:dòng
        Chi vượt dự toán · OVERSPEND
          2023  TW     MOHINH    XA_KIMBINH       3.250.000
            → Chi vượt dự toán 3.250.000 đồng (được sử dụng 15.000.000, đã chi 18.250.000). Điều chỉnh dự toán hoặc thu hồi khoản chi vượt.

      5 CẢNH BÁO
          Năm   Nguồn  Nội dung   Đơn vị     Số tiền (đồng)  Tệp:dòng
        Vượt định mức chi · NORM_EXCEEDED
          2022  TW     PANO       XA_HUNGMY         960.000  spending.csv:50
            → Đơn giá 7.320.000 đồng (21.960.000 đồng cho số lượng 3) vượt định mức 7.000.000 đồng; vượt 960.000 đồng. Kiểm tra số lượng, hoặc thu hồi phần vượt định mức.
        Tạm ứng chưa thanh toán sau thời gian chỉnh lý · ADVANCE_OPEN
          2022  TW     CSDL       VHTT           18.828.000  spending.csv:614
            → Tạm ứng '2022-0229' còn 18.828.000 đồng chưa thanh toán khi hết thời gian chỉnh lý quyết toán (31/01/2023): là số dư tạm ứng chuyển sang năm sau, hoặc phải nộp trả NSNN nếu dự toán bị hủy. Năm sau đã thanh toán thêm 18.828.000.
        Thiếu số quyết định giao dự toán · MISSING_DECISION
          2022  KHAC   BIEUDUONG  MTTQ           15.000.000  allocations.csv:8
            → Dòng dự toán (giao đầu năm) 15.000.000 đồng chưa có số quyết định. Ghi số quyết định giao/điều chỉnh dự toán vào cột "Số quyết định" (decision).
        Thiếu kinh phí đối ứng (NSĐP) · COUNTERPART_SHORT
          2023  TW                                6.100.000
            → Năm 2023: kinh phí đối ứng (NSĐP: TINH, HUYEN) 154.000.000 đồng, cần tối thiểu 10% của TW 1.601.000.000 đồng = 160.100.000 đồng; thiếu 6.100.000 đồng. Bố trí thêm kinh phí đối ứng từ ngân sách địa phương.
        Có thể chi trùng · POSSIBLE_DUPLICATE
          2023  TW     TAPHUAN    PDT             4.200.000  spending.csv:390
            → Có thể nhập trùng: cùng chứng từ PC-2023-0093, ngày 14/09/2023, dòng và số tiền 4.200.000 đồng như mã '2023-0163' (dòng 389). Kiểm tra chứng từ; xóa dòng nếu là nhập trùng.

      55 THÔNG TIN
        Dự toán chưa sử dụng hết · UNSPENT: 55 phát hiện, tổng 933.680.000 đồng
        (Thêm --all để xem từng dòng. Mức độ của từng mã đặt trong mục checks: của plan.yaml.)

      Tổng cộng: 1 lỗi, 5 cảnh báo, 55 thông tin.

      """
    // The workspace path as given: the runner passes the absolute path.
    #expect(
      result.stdout.replacingOccurrences(of: CLIRunner.sample("chiem-hoa"), with: "SampleData/chiem-hoa")
        == expected)
  }

  @Test func allListsEveryFindingAndNoZeroParts() throws {
    let result = try CLIRunner.run(["check", CLIRunner.sample("chiem-hoa"), "--all"])
    #expect(result.status == 1)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.filter { $0 == "  Dự toán chưa sử dụng hết · UNSPENT" }.count == 55)
    #expect(!result.stdout.contains("--all để xem"))
    // Only the parts that are there: a line wholly cancelled says so, without "chuyển nguồn … 0".
    #expect(lines.contains("      → Còn 800.000 đồng chưa chi: hủy dự toán."))
    #expect(!result.stdout.contains(" 0."))
    #expect(!result.stdout.contains("hủy dự toán 0"))
  }

  @Test func englishSummary() throws {
    let result = try CLIRunner.run(["check", CLIRunner.sample("chiem-hoa"), "--lang", "en"])
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("55 INFO"))
    #expect(lines.contains("  Budget not fully used · UNSPENT: 55 findings, 933,680,000 đồng in total"))
    #expect(lines.contains("5 WARNINGS"))
    #expect(lines.last == "Total: 1 error, 5 warnings, 55 info.")
  }
}

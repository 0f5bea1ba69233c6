import ArgumentParser
import BudgetApp
import BudgetCore
import SettlementReports

struct ConsolidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "consolidate",
    abstract:
      "Hợp nhất số liệu của các đơn vị vào quyết toán của huyện. / Consolidate the units' submissions.",
    discussion: """
      DISTRICT là thư mục dữ liệu của huyện (plan.yaml, dự toán giao cho từng đơn vị). Mỗi UNIT là thư mục của một đơn vị (xã, phòng ban) với allocations và spending (CSV hoặc xlsx; plan.yaml không bắt buộc).
      - Dự toán đơn vị ghi nhận phải khớp dự toán huyện giao (cùng dòng, cùng số tiền, cùng quyết định); chênh lệch được liệt kê với cả hai số liệu.
      - Khoản chi giữ nguồn gốc (bộ số liệu, tệp, dòng); mã khoản chi chỉ cần duy nhất trong một đơn vị.
      - Khoản chi huyện tự ghi cho đơn vị đã gửi số liệu được thay bằng số liệu của đơn vị (không tính hai lần).
      Bảng tính: các trang của mẫu quyết toán, thêm trang Đối chiếu, Chênh lệch dự toán và một trang mỗi đơn vị. Mã thoát: 0 khớp và không có lỗi · 1 có chênh lệch hoặc có lỗi · 2 dữ liệu không dùng được.

      Units' allocations are compared with the district's; payments keep their origin; exit 1 on any difference or error finding.

      Ví dụ / examples:
        kinhphi consolidate SampleData/chiem-hoa SampleData/chiem-hoa-units/* \\
          --year 2023
        kinhphi consolidate ws units/xa-kim-binh --year 2023 -o out/hn.xlsx
      """
  )

  @Argument(help: "Thư mục dữ liệu của huyện. / The district's workspace.")
  var district: String

  @Argument(help: "Thư mục số liệu của từng đơn vị. / One folder per unit.")
  var units: [String] = []

  @Option(help: "Năm ngân sách. / The budget year.")
  var year: Int

  @Option(
    name: .shortAndLong,
    help: "Tệp xlsx cần ghi (mặc định quyet-toan-hop-nhat-NĂM.xlsx). / The workbook to write.")
  var output: String?

  @OptionGroup var workbookOptions: WorkbookStyleOptions

  @Option(help: "Ngôn ngữ hiển thị: vi hoặc en. / Output language: vi or en.")
  var lang: Language = .vi

  func validate() throws {
    if units.isEmpty {
      throw ValidationError("Cần ít nhất một thư mục đơn vị. / Expected at least one unit folder.")
    }
  }

  func run() throws {
    let result = try KinhphiApp.commandLine.consolidate(
      ConsolidateRequest(
        district: district, units: units, year: year, output: output,
        style: workbookOptions.style(lang)))
    print(ConsolidationText.render(result.consolidation, language: lang))
    print(lang == .vi ? "Đã ghi \(result.writtenPath)" : "Wrote \(result.writtenPath)")
    try ErrorFindingsStand.throwIfAny(result.standing)
  }
}

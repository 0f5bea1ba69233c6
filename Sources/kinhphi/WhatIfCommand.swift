import ArgumentParser
import BudgetApp
import BudgetCore
import SettlementReports

struct WhatIfCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "whatif",
    abstract:
      "Chạy kịch bản thay đổi dự toán, xem dòng nào bị ảnh hưởng. / Run allocation what-if scenarios.",
    discussion: """
      Áp dụng các thao tác của kịch bản (scale, move, set, distribute, cofinance) lên dự toán giao trong năm, chạy lại toàn bộ kiểm tra trên sổ dẫn xuất và so sánh với hiện trạng: dòng thay đổi, dòng bị ảnh hưởng (chi vượt dự toán mới, thiếu kinh phí đối ứng, nguồn không được phép), tổng theo nguồn. Không bao giờ sửa các tệp trong thư mục dữ liệu. Xem docs/whatif.md. Tệp kịch bản được tìm theo đường dẫn đã cho, rồi trong thư mục dữ liệu.

      Applies the scenario to the year's allocations on a derived ledger and compares it with the baseline; the workspace files are never modified. Scenario paths are tried as given, then inside the workspace.

      Quét / sweep: 'THAO_TÁC[#N].TRƯỜNG=TỪ..ĐẾN step BƯỚC', ví dụ 'scale.percent=-50..0 step 5'.

      Ví dụ / examples:
        kinhphi whatif SampleData/chiem-hoa scenarios/tinh-giam-30.yaml
        kinhphi whatif ws scenarios/a.yaml scenarios/b.yaml -o out/so-sanh.xlsx
        kinhphi whatif ws scenarios/tinh-giam-30.yaml \\
          --sweep 'scale.percent=-50..0 step 5'
        kinhphi whatif ws scenarios/tinh-giam-30.yaml --json out/kich-ban.json
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @Argument(help: "Tệp kịch bản (YAML), một hoặc nhiều. / One or more scenario files.")
  var scenarios: [String] = []

  @Option(name: .shortAndLong, help: "Ghi bảng tính so sánh (xlsx). / Write the comparison workbook.")
  var output: String?

  @Option(help: "Ghi kết quả dạng JSON ('-' = màn hình). / Write the results as JSON ('-' for stdout).")
  var json: String?

  @Option(help: "Quét một giá trị, ví dụ 'scale.percent=-50..0 step 5'. / Sweep one operation's value.")
  var sweep: String?

  @OptionGroup var workbookOptions: WorkbookStyleOptions

  func validate() throws {
    if scenarios.isEmpty {
      throw ValidationError("Cần ít nhất một tệp kịch bản. / At least one scenario file is needed.")
    }
    if sweep != nil && scenarios.count > 1 {
      throw ValidationError("--sweep chỉ dùng với một kịch bản. / --sweep takes exactly one scenario.")
    }
  }

  func run() throws {
    let result = try KinhphiApp.commandLine.whatIf(
      WhatIfRequest(
        workspace: options.workspace, scenarios: scenarios, sweep: sweep, workbook: output,
        json: json.map { $0 == "-" ? .text : .file(path: $0) },
        style: workbookOptions.style(options.lang)))
    // With the JSON on standard output, nothing else goes there.
    if json == "-" {
      writeStandardOutput(result.json ?? "")
    } else {
      print(ComparisonText.render(result.report, language: options.lang), terminator: "")
      if let sweep = result.sweep {
        print(
          "\n" + ComparisonText.render(sweep, scenario: result.scenarios[0], language: options.lang),
          terminator: "")
      }
      for path in result.writtenPaths { print(options.lang == .vi ? "Đã ghi \(path)" : "Wrote \(path)") }
    }
    try ErrorFindingsStand.throwIfAny(result.standing)
  }
}

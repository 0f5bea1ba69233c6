import ArgumentParser
import BudgetCore
import BudgetEngine
import SettlementReports

struct SettleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "settle",
    abstract: "Lập số liệu quyết toán năm. / Settle a budget year.",
    discussion: """
      Tính cho từng dòng (năm × nguồn × nội dung × đơn vị): dự toán chuyển sang, giao trong năm,
      tổng số được sử dụng, giải ngân, chuyển nguồn, hủy dự toán; kèm các phát hiện của năm.
      Computes every line's figures, the totals and the year's findings.

      Ví dụ / example:
        kinhphi settle SampleData/chiem-hoa --year 2022 --json out/quyet-toan-2022.json
        kinhphi settle SampleData/chiem-hoa --year 2022 --json -
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @Option(help: "Năm ngân sách cần quyết toán. / The budget year to settle.")
  var year: Int

  @Option(help: "Ghi số liệu dạng JSON vào tệp này ('-' = màn hình). / Write the figures as JSON ('-' for stdout).")
  var json: String?

  func run() throws {
    let analysis = try loadAnalysis(options)
    try checkYear(year, in: analysis)
    let settlement = analysis.settlement(year: year)
    guard let json else {
      printError(
        "Chưa có bảng tính quyết toán (xlsx); dùng --json PATH.\n"
          + "The settlement workbook (xlsx) is not available yet; use --json PATH.\n")
      throw ExitCode(ExitStatus.unusableInput)
    }
    try writeOutput(SettlementJSON.render(settlement, language: options.lang), to: json)
  }
}

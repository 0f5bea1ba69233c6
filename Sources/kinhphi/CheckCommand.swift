import ArgumentParser
import BudgetApp
import BudgetCore
import SettlementReports

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract:
      "Kiểm tra số liệu quyết toán và liệt kê các phát hiện. / Run every check and list the findings.",
    discussion: """
      In lỗi và cảnh báo đầy đủ: tên phát hiện và mã, năm, nguồn, nội dung, đơn vị, số tiền, tệp và dòng của bản ghi, và việc cần làm. Mục thông tin (như UNSPENT, dự toán chưa sử dụng hết) chỉ in một dòng tóm tắt cho mỗi mã (số phát hiện, tổng số tiền); --all in từng dòng. Mức độ của từng mã (error, warning, info, off) đặt trong mục checks: của plan.yaml. Không có --year: mọi năm có dữ liệu.

      Prints errors and warnings in full (name and code, year, source, activity, unit, amount, file:line, what to do) and info findings as one summary line per code; --all lists every one. Severities are set under checks: in plan.yaml.

      Ví dụ / example:
        kinhphi check SampleData/chiem-hoa --year 2022
        kinhphi check SampleData/chiem-hoa --all
        kinhphi check SampleData/chiem-hoa --json --lang en
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @Option(help: "Chỉ kiểm tra năm ngân sách này. / Only this budget year.")
  var year: Int?

  @Flag(help: "In kết quả dạng JSON. / Print the findings as JSON.")
  var json = false

  @Flag(help: "Không hiện tiến độ trên stderr. / No progress line on stderr.")
  var quiet = false

  @Flag(
    help:
      "Liệt kê từng phát hiện, cả mục thông tin (mặc định chỉ tóm tắt). / List every finding, info included (summarised by default)."
  )
  var all = false

  func run() throws {
    // A province-size workspace takes seconds to read and check: say so on a terminal.
    let result = try KinhphiApp.commandLine.check(
      CheckRequest(workspace: options.workspace, year: year),
      run: Progress(quiet: quiet, language: options.lang).control)
    if json {
      writeStandardOutput(
        SettlementJSON.renderFindings(result.findings, years: result.years, language: options.lang))
    } else {
      print(
        FindingsTable.render(
          result.findings, workspace: options.workspace, years: result.years, language: options.lang,
          listAll: all),
        terminator: "")
    }
    try ErrorFindingsStand.throwIfAny(result.standing)
  }
}

import ArgumentParser
import BudgetCore
import BudgetEngine
import SettlementReports

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract:
      "Kiểm tra số liệu quyết toán và liệt kê các phát hiện. / Run every check and list the findings.",
    discussion: """
      In các phát hiện theo mức độ (lỗi, cảnh báo, thông tin): mã, dòng (nguồn · nội dung · đơn vị),
      số tiền, tệp và dòng của bản ghi, và việc cần làm. Không có --year: mọi năm có dữ liệu.
      Prints the findings by severity with code, line, amount, file:line and what to do.

      Ví dụ / example:
        kinhphi check SampleData/chiem-hoa --year 2022
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

  func run() throws {
    // A province-size workspace takes seconds to read and check: say so on a terminal.
    let progress = Progress(quiet: quiet, language: options.lang)
    progress.begin(vi: "Đọc và kiểm tra dữ liệu", en: "Reading and checking", unit: (vi: "", en: ""))
    let analysis: Analysis
    do {
      defer { progress.finish() }
      analysis = try loadAnalysis(options)
    }
    if let year { try checkYear(year, in: analysis) }
    let findings = analysis.findings(year: year)
    let years = year.map { [$0] } ?? analysis.years
    if json {
      try writeOutput(
        SettlementJSON.renderFindings(findings, years: years, language: options.lang), to: "-")
    } else {
      print(
        FindingsTable.render(
          findings, workspace: options.workspace, years: years, language: options.lang),
        terminator: "")
    }
    try ErrorFindingsStand.throwIfAny(in: findings, scope: year.map { .years($0...$0) })
  }
}

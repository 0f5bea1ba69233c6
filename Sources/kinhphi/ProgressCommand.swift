import ArgumentParser
import BudgetApp
import BudgetCore
import SettlementReports

struct ProgressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "progress",
    abstract:
      "Tiến độ giải ngân trong năm đến một ngày. / Disbursement progress during the year, as of a date.",
    discussion: """
      Đến hết ngày --as-of: số được sử dụng, đã giải ngân, tỷ lệ, còn lại theo nguồn, đơn vị, nội dung, so với cùng kỳ năm trước; lũy kế theo tháng và quý; các đơn vị và dòng chậm so với tiến độ của kế hoạch (plan.yaml progress:, mặc định 40 % đến 30/06, 70 % đến 30/09); dự kiến chuyển nguồn và hủy dự toán cuối năm nếu giữ tốc độ hiện nay; kinh phí chuyển sang hết hạn trong năm. Khoản chi ghi ngày sau --as-of không được tính.

      As of the end of --as-of: available, disbursed, rate and remaining by source, unit or activity against the same date last year; the monthly and quarterly curve; the units and lines behind the plan's pace; the year end projected at the current pace (carry-over and cancellation); carried-in money expiring this year. Payments dated after --as-of are not counted.

      Ví dụ / examples:
        kinhphi progress SampleData/chiem-hoa --as-of 30/06/2023
        kinhphi progress SampleData/chiem-hoa --as-of 30/09/2023 --by unit -o out/tien-do.xlsx
        kinhphi progress SampleData/chiem-hoa --as-of 2023-09-30 --json out/tien-do.json
        kinhphi progress SampleData/chiem-hoa --as-of 30/09/2023 --per-unit out/tien-do-don-vi
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @Option(
    name: .customLong("as-of"),
    help: "Tính đến hết ngày này (DD/MM/YYYY hoặc YYYY-MM-DD). / As of the end of this date.")
  var asOf: String

  @Option(help: "Bảng chính theo: source, unit, activity. / Main table by source, unit or activity.")
  var by: ProgressDimension = .source

  @Option(name: .shortAndLong, help: "Ghi bảng tính xlsx. / Write the workbook.")
  var output: String?

  @Option(
    help: "Ghi số liệu dạng JSON vào tệp này ('-' = màn hình). / Write the figures as JSON ('-' for stdout).")
  var json: String?

  @Option(
    name: .customLong("per-unit"),
    help: "Ghi một bảng tính cho mỗi đơn vị vào thư mục này. / One workbook per unit into this folder.")
  var perUnit: String?

  @OptionGroup var workbookOptions: WorkbookStyleOptions

  func run() throws {
    let result = try KinhphiApp.commandLine.disbursementProgress(
      ProgressRequest(
        workspace: options.workspace, asOf: try ProgressAsOf.parse(asOf),
        json: json.map { $0 == "-" ? .text : .file(path: $0) }, workbook: output, perUnitFolder: perUnit,
        template: workbookOptions.template, scale: workbookOptions.scale, firstDimension: by,
        language: options.lang))
    if json == "-" { return writeStandardOutput(result.json ?? "") }
    print(ProgressText.render(result.progress, by: by, language: options.lang), terminator: "")
    let vi = options.lang == .vi
    if let path = result.workbook { print(vi ? "Đã ghi \(path)" : "Wrote \(path)") }
    if let folder = perUnit {
      let count = result.perUnitPaths.count
      print(
        vi
          ? "Đã ghi \(count) bảng tính (một bảng cho mỗi đơn vị) vào \(folder)"
          : "Wrote \(count) workbooks (one per unit) to \(folder)")
    }
  }
}

extension ProgressDimension: ExpressibleByArgument {}

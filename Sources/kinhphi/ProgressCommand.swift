import ArgumentParser
import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
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

  func run() throws {
    let date = try ProgressAsOf.parse(asOf)
    if let json, json != "-" { try requireOutputFolder(of: json) }
    let analysis = try loadAnalysis(options)
    try ProgressAsOf.check(date, in: analysis.ledger.plan.info)
    let progress = DisbursementProgress(analysis: analysis, asOf: date)
    if let json {
      try writeOutput(ProgressJSON.render(progress, language: options.lang), to: json)
      if json == "-" { return }
    }
    print(ProgressText.render(progress, by: by, language: options.lang), terminator: "")
  }
}

extension ProgressDimension: ExpressibleByArgument {}

/// `--as-of`: a date of the plan's years, or an input error naming the argument (status 2).
enum ProgressAsOf {
  static func parse(_ text: String) throws -> CivilDate {
    let bytes = Array(text.utf8)
    switch bytes.withUnsafeBufferPointer({ FieldParsers.date($0, 0, $0.count) }) {
    case .date(let date): return date
    case .impossible:
      throw InputErrors([
        InputError(
          nil, vi: "--as-of '\(text)': không có ngày này trong lịch (cần một ngày có thật, DD/MM/YYYY).",
          en: "--as-of '\(text)': no such day in the calendar (expected a real date, DD/MM/YYYY).")
      ])
    case .invalid:
      throw InputErrors([
        InputError(
          nil,
          vi: "--as-of '\(text)' không hợp lệ: cần ngày dạng DD/MM/YYYY hoặc YYYY-MM-DD, ví dụ 30/06/2023.",
          en: "--as-of '\(text)' is not a date: expected DD/MM/YYYY or YYYY-MM-DD, for example 30/06/2023.")
      ])
    }
  }

  static func check(_ date: CivilDate, in info: PlanInfo) throws {
    guard info.years.contains(date.year) else {
      throw InputErrors([
        InputError(
          nil,
          vi:
            "--as-of \(date.vietnamese): năm \(date.year) nằm ngoài kế hoạch \(info.firstYear)–\(info.lastYear); "
            + "chọn một ngày trong các năm đó.",
          en:
            "--as-of \(date.vietnamese): \(date.year) is outside the plan \(info.firstYear)–\(info.lastYear); "
            + "choose a date within those years.")
      ])
    }
  }
}

import ArgumentParser
import BudgetCore
import BudgetEngine
import Foundation
import SettlementReports

struct SettleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "settle",
    abstract: "Lập bảng tính quyết toán năm (xlsx) hoặc số liệu JSON. / Settle a budget year (xlsx or JSON).",
    discussion: """
      Tính cho từng dòng dự toán (năm, nguồn, nội dung, đơn vị): dự toán chuyển sang, giao trong năm, tổng số được sử dụng, giải ngân, chuyển nguồn, hủy dự toán; kèm các phát hiện của năm. Mặc định ghi bảng tính quyet-toan-NĂM.xlsx (Tổng hợp, Theo nội dung, Theo đơn vị, Chi tiết chi, Kiểm tra, Chuyển nguồn, Biểu đồ) theo mẫu quyet-toan.yaml đi kèm chương trình (thư mục Templates cạnh chương trình, hoặc share/kinhphi/Templates sau make install), hoặc theo --template.

      Writes the settlement workbook (or the figures as JSON with --json), laid out by the quyet-toan.yaml installed with the program or by --template.

      Ví dụ / examples:
        kinhphi settle SampleData/chiem-hoa --year 2022
        kinhphi settle SampleData/chiem-hoa --year 2022 -o out/qt.xlsx --scale trieu
        kinhphi settle SampleData/chiem-hoa --year 2022 --template mau.yaml
        kinhphi settle SampleData/chiem-hoa --year 2022 --json out/qt-2022.json
        kinhphi settle SampleData/chiem-hoa --years 2021-2025
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @Option(help: "Năm ngân sách cần quyết toán. / The budget year to settle.")
  var year: Int?

  @Option(
    help: "Nhiều năm liên tiếp A-B: một bảng tính cả giai đoạn. / Consecutive years A-B: one phase workbook.")
  var years: YearRange?

  @Option(
    name: .shortAndLong, help: "Tệp xlsx cần ghi (mặc định quyet-toan-NĂM.xlsx). / The workbook to write.")
  var output: String?

  @Option(help: "Đơn vị hiển thị: dong, nghin, trieu (số trong ô vẫn là đồng). / Display unit.")
  var scale: DisplayScale = .dong

  @Option(help: "Tệp mẫu báo cáo (YAML). / The report template.")
  var template: String?

  @Option(
    help: "Ghi số liệu dạng JSON vào tệp này ('-' = màn hình). / Write the figures as JSON ('-' for stdout).")
  var json: String?

  @Option(
    name: .customLong("per-unit"),
    help:
      "Ghi một bảng tính cho mỗi đơn vị vào thư mục này (dùng mọi lõi CPU). / One workbook per unit into this folder, on every core."
  )
  var perUnit: String?

  @Flag(help: "Không hiện tiến độ trên stderr. / No progress line on stderr.")
  var quiet = false

  func validate() throws {
    try validateYearChoice(year: year, years: years, json: json)
    if perUnit != nil && (json != nil || output != nil || years != nil) {
      throw ValidationError(
        "--per-unit không dùng cùng --json/-o/--years. / --per-unit cannot be combined with --json/-o/--years."
      )
    }
    if json != nil && (output != nil || template != nil) {
      throw ValidationError(
        "--json không dùng cùng -o/--template. / --json cannot be combined with -o/--template.")
    }
  }

  func run() throws {
    if let years {
      return try settleYears(years, options: options, output: output, scale: scale, template: template)
    }
    guard let year else { return }
    // An output folder that does not exist stops the run before any work.
    if perUnit == nil, json != "-" {
      try requireOutputFolder(of: json ?? output ?? "quyet-toan-\(year).xlsx")
    }
    // Read the template before the workspace so a broken template stops the run before any work.
    let settlementTemplate = json == nil ? try loadTemplate(template) : nil
    let progress = Progress(quiet: quiet, language: options.lang)
    defer { progress.finish() }
    progress.begin(vi: "Đọc và kiểm tra dữ liệu", en: "Reading and checking", unit: (vi: "", en: ""))
    let analysis = try loadAnalysis(options)
    try checkYear(year, in: analysis)
    if let perUnit, let settlementTemplate {
      return try settlePerUnit(
        analysis, year: year, folder: perUnit, template: settlementTemplate, scale: scale,
        language: options.lang, progress: progress)
    }
    let settlement = analysis.settlement(year: year)
    if let json {
      try writeOutput(SettlementJSON.render(settlement, language: options.lang), to: json)
      return try ErrorFindingsStand.throwIfAny(in: settlement.findings, scope: .years(year...year))
    }
    guard let settlementTemplate else { return }
    let path = output ?? "quyet-toan-\(year).xlsx"
    var workbook = SettlementWorkbook(
      settlement: settlement, plan: analysis.ledger.plan, template: settlementTemplate, scale: scale,
      language: options.lang, created: documentDate())
    progress.begin(
      vi: "Ghi bảng tính", en: "Writing the workbook", unit: (vi: "dòng", en: "rows"),
      total: settlement.payments.count + settlement.lines.count * 3 + settlement.findings.count)
    workbook.rowsWritten = { progress.advance(by: $0) }
    try writeWorkbook(path) { try workbook.write(to: $0) }
    progress.finish()
    let vi = options.lang == .vi
    print(vi ? "Đã ghi \(path)" : "Wrote \(path)")
    let errors = settlement.findings.filter { $0.severity == .error }.count
    if errors > 0 {
      print(
        vi
          ? "Lưu ý: năm \(year) có \(errors) lỗi (xem trang Kiểm tra)."
          : "Note: \(year) has \(errors) error findings (see the Kiểm tra sheet).")
    }
    try ErrorFindingsStand.throwIfAny(errors, scope: .years(year...year))
  }
}

extension DisplayScale: ExpressibleByArgument {}

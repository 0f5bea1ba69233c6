import ArgumentParser
import BudgetApp
import BudgetCore
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

  @OptionGroup var workbookOptions: WorkbookStyleOptions

  @Option(
    help: "Ghi số liệu dạng JSON vào tệp này ('-' = màn hình). / Write the figures as JSON ('-' for stdout).")
  var json: String?

  @Option(
    name: .customLong("per-unit"),
    help:
      "Ghi một bảng tính cho mỗi đơn vị vào thư mục này (dùng mọi lõi CPU). / One workbook per unit into this folder, on every core."
  )
  var perUnit: String?

  @Flag(
    name: .customLong("all-findings"),
    help: """
      Trang Kiểm tra liệt kê từng phát hiện mức thông tin (mặc định: một dòng cho mỗi mã, số lượng và tổng tiền). \
      / List every info finding on Kiểm tra (default: one row per code, count and total).
      """)
  var allFindings = false

  @Flag(help: "Không hiện tiến độ trên stderr. / No progress line on stderr.")
  var quiet = false

  func validate() throws {
    try validateYearChoice(year: year, years: years, json: json)
    if perUnit != nil && (json != nil || output != nil || years != nil) {
      throw ValidationError(
        "--per-unit không dùng cùng --json/-o/--years. / --per-unit cannot be combined with --json/-o/--years."
      )
    }
    if json != nil && (output != nil || workbookOptions.template != nil) {
      throw ValidationError(
        "--json không dùng cùng -o/--template. / --json cannot be combined with -o/--template.")
    }
  }

  func run() throws {
    let app = KinhphiApp.commandLine
    let control = Progress(quiet: quiet, language: options.lang).control
    let vi = options.lang == .vi
    if let years {
      let result = try app.settlePhase(
        SettlePhaseRequest(
          workspace: options.workspace, years: years.range, output: output,
          style: workbookOptions.style(options.lang, allFindings: allFindings)),
        run: control)
      print(
        PhaseText.render(
          result, years: years.range, language: options.lang),
        terminator: "")
      return try ErrorFindingsStand.throwIfAny(result.standing)
    }
    guard let year else { return }
    if let perUnit {
      let result = try app.settlePerUnit(
        SettlePerUnitRequest(
          workspace: options.workspace, year: year, folder: perUnit,
          style: workbookOptions.style(options.lang, allFindings: allFindings)),
        run: control)
      print(
        vi
          ? "Đã ghi \(result.paths.count) bảng tính (một bảng cho mỗi đơn vị) vào \(perUnit)"
          : "Wrote \(result.paths.count) workbooks (one per unit) to \(perUnit)")
      if result.standing.count > 0 {
        print(
          vi
            ? "Lưu ý: bảng tính của đơn vị còn lỗi là bản DỰ THẢO, mỗi trang in có dấu DỰ THẢO."
            : "Note: the workbook of a unit with error findings is a DRAFT, marked so on every printed page.")
      }
      return try ErrorFindingsStand.throwIfAny(result.standing)
    }
    let destination: SettlementOutput =
      switch json {
      case "-"?: .jsonText
      case let path?: .jsonFile(path: path)
      case nil: .workbook(path: output ?? SettleYearRequest.defaultWorkbookPath(year: year))
      }
    let result = try app.settleYear(
      SettleYearRequest(
        workspace: options.workspace, year: year, output: destination,
        style: workbookOptions.style(options.lang, allFindings: allFindings)),
      run: control)
    if case .jsonText = destination, let json = result.json { writeStandardOutput(json) }
    if case .workbook(let path) = destination {
      print(vi ? "Đã ghi \(path)" : "Wrote \(path)")
      if let treasury = TreasuryText.render(
        result.settlement.treasuryTotals, year: year, language: options.lang)
      {
        print(treasury, terminator: "")
      }
      if result.standing.count > 0 {
        print(
          vi
            ? "Lưu ý: năm \(year) có \(result.standing.count) lỗi (xem trang Kiểm tra); bảng tính là bản "
              + "DỰ THẢO, mỗi trang in có dấu DỰ THẢO."
            : "Note: \(year) has \(result.standing.count) error findings (see the Kiểm tra sheet); the "
              + "workbook is a DRAFT, marked so on every printed page.")
      }
    }
    try ErrorFindingsStand.throwIfAny(result.standing)
  }
}

extension DisplayScale: ExpressibleByArgument {}

import ArgumentParser
import BudgetApp
import BudgetCore
import BudgetIO
import Foundation
import SettlementReports

struct CloseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "close",
    abstract:
      "Khóa sổ cuối năm: ghi dự toán chuyển sang năm sau. / Year-end close: write next year's carry-in rows.",
    discussion: """
      Tính số chuyển nguồn và hủy dự toán của năm từ số liệu (mỗi phần chưa sử dụng theo năm gốc), rồi GHI THÊM các dòng dự toán chuyển sang (carry_in) của năm sau vào allocations.csv (không sửa dòng nào đã có). Hỏi xác nhận trên màn hình; --yes cho kịch bản; --dry-run chỉ xem. Năm có lỗi bị từ chối, trừ khi có --force; năm sau nằm ngoài kế hoạch thì chỉ ghi được ra tệp riêng (--output). Chạy lại lần hai không thêm gì; dòng đã ghi mà khác số tính được thì được liệt kê (và `check` báo CARRY_IN_MISMATCH) để sửa tay.

      Computes the carry-over and cancellation of the year and APPENDS next year's carry_in rows to allocations.csv after confirmation (--yes for scripts, --dry-run to only look). Refuses a year with error findings unless --force, and a next year outside the plan unless the rows go to their own file. Idempotent: a second run adds nothing.

      -o/--output (có thể lặp / repeatable):
        *.xlsx  bảng Chuyển nguồn / the carry-over schedule as a workbook
        khác    tệp nhận các dòng thay cho allocations.csv / the rows file

      Ví dụ / examples:
        kinhphi close SampleData/chiem-hoa --year 2022
        kinhphi close ws --year 2023 --force --yes -o chuyen-nguon-2023.xlsx
        kinhphi close ws --year 2025 --output carry-in-2026.csv --yes
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @Option(help: "Năm cần khóa sổ. / The budget year to close.")
  var year: Int

  @Option(
    name: .shortAndLong,
    help:
      "Tệp ghi ra: .xlsx = bảng Chuyển nguồn; khác = tệp nhận các dòng. / .xlsx = schedule; else = rows file."
  )
  var output: [String] = []

  @Flag(help: "Không hỏi xác nhận (cho kịch bản). / Do not ask for confirmation (scripts).")
  var yes = false

  @Flag(help: "Khóa sổ cả khi năm có lỗi. / Close even when the year has error findings.")
  var force = false

  @Flag(help: "Chỉ hiển thị, không ghi dòng nào. / Show the rows, write none.")
  var dryRun = false

  @OptionGroup var workbookOptions: WorkbookStyleOptions

  var workbookPaths: [String] { output.filter { $0.lowercased().hasSuffix(".xlsx") } }
  var rowsPaths: [String] { output.filter { !$0.lowercased().hasSuffix(".xlsx") } }

  func validate() throws {
    if rowsPaths.count > 1 {
      throw ValidationError("Chỉ một tệp nhận các dòng. / Only one rows file may be given.")
    }
  }

  func run() throws {
    let vi = options.lang == .vi
    let app = KinhphiApp.commandLine
    let plan = try app.planClose(
      CloseRequest(
        workspace: options.workspace, year: year, force: force, rowsFile: rowsPaths.first,
        schedules: workbookPaths,
        style: workbookOptions.style(options.lang)))

    // The same refusal for --dry-run and the real run: decided once, by the engine.
    if let refusal = plan.refusal {
      if case .errorFindings = refusal {
        print(CloseText.refusal(refusal, year: year, language: options.lang))
        print(
          FindingsTable.render(
            plan.close.errorFindings, workspace: options.workspace, years: [year], language: options.lang),
          terminator: "")
      } else {
        printError(CloseText.refusal(refusal, year: year, language: options.lang))
      }
      throw RefusalShown()
    }

    print(
      CloseText.render(plan.close, plan: plan.analysis.ledger.plan, language: options.lang), terminator: "")
    for path in try app.writeCloseSchedules(plan) { print(vi ? "Đã ghi \(path)" : "Wrote \(path)") }

    let nextYear = plan.close.nextYear
    guard plan.writesRows else {
      if plan.alreadyClosed {
        print(
          vi
            ? "Năm \(year) đã khóa sổ: các dòng dự toán chuyển sang (carry_in) năm \(nextYear) khớp số chuyển nguồn; không thêm dòng nào."
            : "\(year) is already closed: the \(nextYear) carry_in rows match the carry-over; nothing added.")
      }
      return try ErrorFindingsStand.throwIfAny(plan.standing)
    }
    if dryRun {
      print(vi ? "--dry-run: không ghi dòng nào." : "--dry-run: no rows written.")
      return try ErrorFindingsStand.throwIfAny(plan.standing)
    }
    let (rows, destination) = (plan.rows.count, plan.destination)
    let confirmed = try confirmOnTerminal(
      yes: yes, language: options.lang,
      question: LocalizedText(
        vi: "Ghi \(rows) dòng vào \(destination)? [c/K] ", en: "Write \(rows) rows to \(destination)? [y/N] "),
      withoutTerminal: LocalizedText(
        vi:
          "Không có màn hình để xác nhận: thêm --yes để ghi \(rows) dòng vào \(destination) (hoặc --dry-run để chỉ xem).",
        en:
          "No terminal to confirm on: add --yes to write \(rows) rows to \(destination) (or --dry-run to only look)."
      ))
    guard confirmed else {
      print(vi ? "Đã hủy: không ghi dòng nào." : "Cancelled: no rows written.")
      return
    }
    let written = try app.applyClose(plan)
    print(
      vi
        ? "Đã ghi \(written) dòng dự toán chuyển sang (carry_in) năm \(nextYear) vào \(plan.destination). Điền số quyết định thay cho \(CarryInWriter.decisionPlaceholder)."
        : "Wrote \(written) carry_in rows for \(nextYear) to \(plan.destination). Replace \(CarryInWriter.decisionPlaceholder) by the decision number."
    )
    try ErrorFindingsStand.throwIfAny(plan.standing)
  }
}

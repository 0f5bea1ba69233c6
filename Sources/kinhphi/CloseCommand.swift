import ArgumentParser
import BudgetCore
import BudgetEngine
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

  @Option(help: "Đơn vị hiển thị của bảng tính: dong, nghin, trieu. / Display unit of the workbook.")
  var scale: DisplayScale = .dong

  @Option(help: "Tệp mẫu báo cáo (YAML). / The report template.")
  var template: String?

  var workbookPaths: [String] { output.filter { $0.lowercased().hasSuffix(".xlsx") } }
  var rowsPaths: [String] { output.filter { !$0.lowercased().hasSuffix(".xlsx") } }

  func validate() throws {
    if rowsPaths.count > 1 {
      throw ValidationError("Chỉ một tệp nhận các dòng. / Only one rows file may be given.")
    }
  }

  func run() throws {
    let vi = options.lang == .vi
    let settlementTemplate = workbookPaths.isEmpty ? nil : try loadTemplate(template)
    for path in output { try requireOutputFolder(of: path) }
    let allocationsPath = URL(fileURLWithPath: options.workspace)
      .appendingPathComponent(WorkspaceReader.allocationsFile).path
    // The bytes the rows are computed from: if the file changes before writing, nothing is written.
    let snapshot = FileManager.default.contents(atPath: allocationsPath)
    let analysis = try loadAnalysis(options)
    try checkYear(year, in: analysis)
    let plan = analysis.ledger.plan
    let close = YearEndClose(analysis: analysis, year: year)

    // The same refusal for --dry-run and the real run: decided once, by the engine.
    let refusal = close.refusal(force: force, separateRowsFile: !rowsPaths.isEmpty)
    switch refusal {
    case nil: break
    case .errorFindings?:
      print(CloseText.refusal(refusal!, year: year, language: options.lang))
      print(
        FindingsTable.render(
          close.errorFindings, workspace: options.workspace, years: [year], language: options.lang),
        terminator: "")
      // Refused, nothing written: status 2 like every run that writes nothing (1 means outputs written).
      throw ExitCode(ExitStatus.unusableInput)
    case .nextYearOutsidePlan?:
      printError(CloseText.refusal(refusal!, year: year, language: options.lang))
      throw ExitCode(ExitStatus.unusableInput)
    }

    print(CloseText.render(close, plan: plan, language: options.lang), terminator: "")

    if let settlementTemplate {
      for path in workbookPaths {
        guard
          let workbook = CarryOverWorkbook(
            settlement: analysis.settlement(year: year), plan: plan, template: settlementTemplate,
            scale: scale,
            language: options.lang, created: documentDate())
        else {
          printError(
            "Mẫu báo cáo không có trang carry_over.\nThe report template has no carry_over sheet.\n")
          throw ExitCode(ExitStatus.unusableInput)
        }
        try writeWorkbook(path) { try workbook.write(to: $0) }
        print(vi ? "Đã ghi \(path)" : "Wrote \(path)")
      }
    }

    guard !close.missing.isEmpty else {
      if close.differences.isEmpty {
        print(
          vi
            ? "Năm \(year) đã khóa sổ: các dòng dự toán chuyển sang (carry_in) năm \(year + 1) khớp số chuyển nguồn; không thêm dòng nào."
            : "\(year) is already closed: the \(year + 1) carry_in rows match the carry-over; nothing added.")
      }
      return try finish(close)
    }
    if dryRun {
      print(vi ? "--dry-run: không ghi dòng nào." : "--dry-run: no rows written.")
      return try finish(close)
    }
    let target = rowsPaths.first
    let destination = target ?? allocationsPath
    guard try confirm(rows: close.missing.count, destination: destination) else {
      print(vi ? "Đã hủy: không ghi dòng nào." : "Cancelled: no rows written.")
      return
    }
    let rows = close.missing.map { entry in
      CarryInWriter.Row(
        year: entry.line.year, source: entry.line.source, activity: entry.line.activity,
        unit: entry.line.unit,
        kind: .carryIn, amount: entry.amount, originYear: entry.originYear,
        note: "Dự toán năm \(year) chuyển sang (chuyển nguồn), năm gốc \(entry.originYear)")
    }
    do {
      if let target {
        let layout = try snapshot.map {
          try CarryInWriter.layout(of: $0, file: WorkspaceReader.allocationsFile)
        }
        try CarryInWriter.write(rows, toFileAt: target, like: layout)
      } else {
        try CarryInWriter.append(
          rows, toFileAt: allocationsPath, file: WorkspaceReader.allocationsFile, expected: snapshot)
      }
    } catch let errors as InputErrors {
      printError(InputErrorsText.render(errors))
      throw ExitCode(ExitStatus.unusableInput)
    }
    print(
      vi
        ? "Đã ghi \(rows.count) dòng dự toán chuyển sang (carry_in) năm \(year + 1) vào \(destination). Điền số quyết định thay cho \(CarryInWriter.decisionPlaceholder)."
        : "Wrote \(rows.count) carry_in rows for \(year + 1) to \(destination). Replace \(CarryInWriter.decisionPlaceholder) by the decision number."
    )
    try finish(close)
  }

  /// Status 1 when error findings stand after the close: recorded rows that differ from the computed
  /// carry-over (CARRY_IN_MISMATCH), and the year's own errors when --force closed it anyway.
  private func finish(_ close: YearEndClose) throws {
    try ErrorFindingsStand.throwIfAny(
      close.differences.count + close.errorFindings.count, scope: .years(year...year + 1))
  }

  /// `--yes`, or an answer on a terminal. Without a terminal and without --yes the command refuses
  /// (status 2) instead of waiting for an answer that will never come.
  private func confirm(rows: Int, destination: String) throws -> Bool {
    if yes { return true }
    let vi = options.lang == .vi
    guard isatty(STDIN_FILENO) == 1 else {
      printError(
        vi
          ? "Không có màn hình để xác nhận: thêm --yes để ghi \(rows) dòng vào \(destination) (hoặc --dry-run để chỉ xem).\n"
          : "No terminal to confirm on: add --yes to write \(rows) rows to \(destination) (or --dry-run to only look).\n"
      )
      throw ExitCode(ExitStatus.unusableInput)
    }
    print(
      vi ? "Ghi \(rows) dòng vào \(destination)? [c/K] " : "Write \(rows) rows to \(destination)? [y/N] ",
      terminator: "")
    let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    return ["c", "có", "co", "y", "yes"].contains(answer)
  }
}

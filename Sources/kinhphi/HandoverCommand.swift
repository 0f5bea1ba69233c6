import ArgumentParser
import BudgetApp
import BudgetCore
import SettlementReports

struct HandoverCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "handover",
    abstract:
      "Bàn giao số dư của đơn vị giải thể cho đơn vị nhận. / Hand abolished units' balances to successors.",
    discussion: """
      Tính số liệu đến hết ngày bàn giao (khoản chi sau ngày đó và quyết định giao sau ngày đó không tính), rồi chia số dư của từng đơn vị trong tệp bàn giao cho đơn vị nhận: toàn bộ (to), theo tỷ lệ (shares, chia chính xác đến đồng theo phần dư lớn nhất, bằng nhau thì theo mã) hoặc theo dòng (lines). Ghi biên bản bàn giao (xlsx) và các dòng mở sổ của đơn vị nhận (CSV cùng cột với allocations.csv): tiền của các năm trước năm bàn giao là dự toán chuyển sang (carry_in), tiền của chính năm bàn giao là dự toán bổ sung (supplement).

      Settles the figures as of the date, splits each mapped unit's balances among its successors exactly to the đồng, writes the handover schedule (xlsx) and the successors' opening rows (CSV).

      Ví dụ / example:
        kinhphi handover SampleData/chiem-hoa --date 2025-06-30 \\
          --map SampleData/chiem-hoa/successors.yaml
        kinhphi handover ws --date 30/06/2025 --map ws/successors.yaml \\
          -o out/ban-giao.xlsx --rows out/mo-so.csv
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @Option(help: "Ngày bàn giao (YYYY-MM-DD hoặc DD/MM/YYYY). / The handover date.")
  var date: String

  @Option(help: "Tệp bàn giao: đơn vị cũ → đơn vị nhận (YAML). / The successors map (YAML).")
  var map: String

  @Option(
    name: .shortAndLong, help: "Biên bản bàn giao (mặc định ban-giao-NGÀY.xlsx). / The schedule workbook.")
  var output: String?

  @Option(help: "Dòng mở sổ của đơn vị nhận (mặc định mo-so-NGÀY.csv). / The successors' opening rows.")
  var rows: String?

  @OptionGroup var workbookOptions: WorkbookStyleOptions

  func run() throws {
    let vi = options.lang == .vi
    let result = try KinhphiApp.commandLine.handover(
      HandoverRequest(
        workspace: options.workspace, date: try HandoverRequest.date(date), map: map, workbook: output,
        rows: rows,
        style: workbookOptions.style(options.lang)))
    print(
      HandoverText.render(result.handover, language: options.lang, names: result.successorNames),
      terminator: "")
    print(vi ? "Đã ghi \(result.workbookPath)" : "Wrote \(result.workbookPath)")
    print(
      vi
        ? "Đã ghi \(result.rowsWritten) dòng mở sổ của đơn vị nhận vào \(result.rowsPath) (dùng làm allocations.csv của kế hoạch đơn vị nhận)."
        : "Wrote \(result.rowsWritten) opening rows of the successors to \(result.rowsPath) (the successors' allocations.csv)."
    )
    try ErrorFindingsStand.throwIfAny(result.standing)
  }
}

import ArgumentParser
import BudgetApp
import BudgetCore
import SettlementReports

struct FormsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "forms",
    abstract:
      "Biểu mẫu báo cáo quyết toán (B01/BCQT, F01-01/BCQT, F01-02/BCQT) của một năm. / The official settlement forms of a year.",
    discussion: """
      Mẫu số B01/BCQT (Thông tư 107/2017/TT-BTC) và hai phụ biểu F01-01/BCQT (theo Mục, Tiểu mục) và F01-02/BCQT (theo chương trình, dự án) điền từ số liệu quyết toán của năm: mỗi chỉ tiêu với mã số, các cột theo Loại, Khoản, các dòng và cột tổng là công thức. Thiếu mã (chương, ĐVQHNS, loại-khoản, tiểu mục, mã dự án) thì có cảnh báo MISSING_BUDGET_CODE và số tiền ghi ở "Chưa có mã". Bảng tổng hợp của huyện, hoặc một bảng cho mỗi đơn vị (--per-unit). Còn lỗi thì biểu là bản DỰ THẢO (mỗi trang in có dấu). Kinh phí đã nhận, còn phải nộp, số dư tạm ứng theo các khoản tạm ứng trong spending.csv (docs/forms.md).

      Form B01/BCQT (Circular 107/2017/TT-BTC) and its appendices F01-01/BCQT (by item and sub-item) and F01-02/BCQT (by programme and project) filled from the year's settlement: every item with its code, columns by sector (loại, khoản), the sum rows and columns as formulas. A code the plan lacks gives a MISSING_BUDGET_CODE warning and its money goes under "Not coded". The district's consolidated forms, or one workbook per unit (--per-unit). While error findings stand the forms are a DRAFT (marked on every printed page). Funds drawn, owed back and open advances follow the advances in spending.csv (docs/forms.md).

      Ví dụ / examples:
        kinhphi forms SampleData/chiem-hoa --year 2023
        kinhphi forms SampleData/chiem-hoa --year 2022 -o out/bao-cao-quyet-toan-2022.xlsx
        kinhphi forms SampleData/chiem-hoa --year 2022 --per-unit out/bieu-mau-don-vi
        kinhphi forms SampleData/chiem-hoa --year 2022 --json -
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @Option(help: "Năm ngân sách. / The budget year.")
  var year: Int

  @Option(
    name: .shortAndLong,
    help:
      "Tệp bảng tính (mặc định bao-cao-quyet-toan-NĂM.xlsx). / The workbook (default bao-cao-quyet-toan-YEAR.xlsx)."
  )
  var output: String?

  @Option(
    name: .customLong("per-unit"),
    help: "Ghi biểu của mỗi đơn vị vào thư mục này. / One forms workbook per unit into this folder.")
  var perUnit: String?

  @Option(
    help: "Ghi các biểu dạng JSON vào tệp này ('-' = màn hình). / Write the forms as JSON ('-' for stdout).")
  var json: String?

  @Option(help: "Đơn vị hiển thị: dong, nghin, trieu (số trong ô vẫn là đồng). / Display unit.")
  var scale: DisplayScale = .dong

  @Option(help: "Tệp mẫu biểu (mặc định bao-cao-quyet-toan.yaml). / The forms template.")
  var template: String?

  func validate() throws {
    if [output != nil, perUnit != nil, json != nil].filter({ $0 }).count > 1 {
      throw ValidationError(
        "Chỉ chọn một trong -o, --per-unit, --json. / Choose one of -o, --per-unit, --json.")
    }
    if json != nil && template != nil {
      throw ValidationError("--json không dùng cùng --template. / --json cannot be combined with --template.")
    }
  }

  func run() throws {
    let destination: FormsOutput =
      if let perUnit { .perUnit(folder: perUnit) } else if json == "-" { .jsonText } else if let json {
        .jsonFile(path: json)
      } else { .workbook(path: output ?? FormsRequest.defaultWorkbookPath(year: year)) }
    let result = try KinhphiApp.commandLine.forms(
      FormsRequest(
        workspace: options.workspace, year: year, output: destination,
        style: WorkbookStyle(scale: scale, template: template, language: options.lang)))
    if case .jsonText = destination { writeStandardOutput(result.json ?? "") }
    let vi = options.lang == .vi
    switch destination {
    case .workbook(let path): print(vi ? "Đã ghi \(path)" : "Wrote \(path)")
    case .perUnit(let folder):
      print(
        vi
          ? "Đã ghi \(result.writtenPaths.count) bảng tính (một bảng cho mỗi đơn vị) vào \(folder)"
          : "Wrote \(result.writtenPaths.count) workbooks (one per unit) to \(folder)")
    case .jsonFile(let path): print(vi ? "Đã ghi \(path)" : "Wrote \(path)")
    case .jsonText: break
    }
    // Codes the forms print but the plan lacks: the money is under "chưa có mã"; the officer is told
    // which keys to fill (on stderr beside JSON on stdout, so the JSON stays JSON alone).
    // With --per-unit every unit repeats the plan's gaps: the first ones in full, the rest counted
    // (the JSON lists every one).
    let missing = result.missingCodes
    if !missing.isEmpty {
      let shown = 10
      var text =
        (vi
          ? "Biểu thiếu mã Mục lục NSNN (\(missing.count)):\n"
          : "Budget codes missing from the forms (\(missing.count)):\n")
        + FindingsTable.list(Array(missing.prefix(shown)), language: options.lang)
      if missing.count > shown {
        text +=
          vi
          ? "  … và \(missing.count - shown) cảnh báo MISSING_BUDGET_CODE khác (--json liệt kê đủ).\n"
          : "  … and \(missing.count - shown) more MISSING_BUDGET_CODE warnings (--json lists them all).\n"
      }
      if destination == .jsonText { printError(text) } else { print(text, terminator: "") }
    }
    // JSON on standard output stays JSON alone; the draft note goes with the files written.
    if result.standing.count > 0, case .perUnit = destination {
      print(
        vi
          ? "Lưu ý: năm \(year) có \(result.standing.count) lỗi; biểu của đơn vị còn lỗi là bản DỰ THẢO, mỗi trang "
            + "in có dấu DỰ THẢO."
          : "Note: \(year) has \(result.standing.count) error findings; the forms of a unit with error findings "
            + "are a DRAFT, marked so on every printed page.")
    } else if result.standing.count > 0, destination != .jsonText {
      print(
        vi
          ? "Lưu ý: năm \(year) có \(result.standing.count) lỗi (xem kinhphi check); các biểu là bản DỰ THẢO, "
            + "mỗi trang in có dấu DỰ THẢO."
          : "Note: \(year) has \(result.standing.count) error findings (see kinhphi check); the forms are a "
            + "DRAFT, marked so on every printed page.")
    }
    try ErrorFindingsStand.throwIfAny(result.standing)
  }
}

import ArgumentParser
import BudgetApp
import BudgetCore
import BudgetIO
import Foundation
import SettlementReports

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract:
      "Chuyển bảng Excel (.xlsx) thành CSV của thư mục dữ liệu. / Turn an Excel table into the workspace's CSV.",
    discussion: """
      Đọc trang đầu tiên không bị ẩn (hoặc trang --sheet) của tệp .xlsx với đúng các quy tắc của CSV (tiêu đề, tên cột tiếng Việt, ngày, số tiền); các dòng tiêu đề phía trên bảng được bỏ qua. Không bao giờ làm mất dòng đã có: mặc định GHI THÊM các dòng của trang vào cuối tệp CSV; --replace-year NĂM thay riêng các dòng của năm đó (mọi dòng của trang phải thuộc năm đó), các năm khác giữ nguyên. Tệp .csv được đọc như CSV của thư mục dữ liệu và ghi theo đúng cột, dấu phân cách của bảng.

      Trước khi ghi: thư mục phải có plan.yaml; mỗi dòng được đối chiếu với kế hoạch (mã nguồn, nội dung, đơn vị phải có; năm trong kế hoạch; mã khoản chi chưa có trong tệp). Có lỗi thì không ghi gì (mã thoát 2), mỗi lỗi chỉ rõ trang và ô. Bảng số dòng theo năm (hiện có, bỏ đi, thêm vào, sau khi nhập) được in ra; hỏi xác nhận trên màn hình, --yes cho kịch bản, --dry-run chỉ xem. Tệp cũ được giữ lại bên cạnh thành TÊN.bak-NĂMTHÁNGNGÀY-GIỜPHÚTGIÂY.

      Reads the first visible sheet (or --sheet) with the CSV rules. Never loses a row: appends by default; --replace-year YEAR replaces that year's rows only. A .csv file is read like the workspace's own and written in the table's columns and delimiter. Refuses a folder without plan.yaml and rows whose codes or year the plan does not know (located by sheet and cell, or line and field); shows rows per year before and after, asks on a terminal (--yes for scripts, --dry-run to only look) and keeps the previous file as NAME.bak-YYYYMMDD-HHMMSS.

      Ví dụ / examples:
        kinhphi import chi-tiet-2023.xlsx --as spending --into ws --replace-year 2023
        kinhphi import chi-bo-sung.xlsx --as spending --into ws --yes
        kinhphi import du-toan.xlsx --as allocations --into ws --dry-run
      """
  )

  @Argument(help: "Tệp .xlsx (hoặc .csv) cần chuyển. / The .xlsx (or .csv) file.")
  var file: String

  @Option(
    name: .customLong("as"), help: "Bảng: allocations hoặc spending. / The table: allocations or spending.")
  var table: WorkspaceTable

  @Option(help: "Thư mục dữ liệu nhận các dòng (có plan.yaml). / The workspace folder (with plan.yaml).")
  var into: String

  @Option(
    help:
      "Tên trang, kể cả trang ẩn (mặc định trang đầu tiên không ẩn). / The sheet name, hidden sheets too (default: the first visible sheet)."
  )
  var sheet: String?

  @Option(
    help: "Thay các dòng của năm này bằng các dòng của trang. / Replace this year's rows by the sheet's.")
  var replaceYear: Int?

  @Flag(help: "Không hỏi xác nhận (cho kịch bản). / Do not ask for confirmation (scripts).")
  var yes = false

  @Flag(help: "Chỉ hiển thị thay đổi, không ghi gì. / Show the changes, write nothing.")
  var dryRun = false

  // Before: --force replaced the whole table. Kept only to say what to use instead.
  @Flag(help: .hidden)
  var force = false

  @Option(help: "Ngôn ngữ hiển thị: vi hoặc en. / Output language: vi or en.")
  var lang: Language = .vi

  func validate() throws {
    if force {
      throw ValidationError(
        "--force không còn dùng (nó thay cả tệp): mặc định ghi thêm dòng; --replace-year NĂM thay số liệu một năm. / --force is gone (it replaced the whole file): rows are appended by default; --replace-year YEAR replaces one year."
      )
    }
  }

  func run() throws {
    let app = KinhphiApp.commandLine
    let plan = try app.planImport(
      ImportRequest(file: file, table: table, workspace: into, sheet: sheet, replaceYear: replaceYear))
    print(ImportText.render(plan.summary, sheetFile: plan.sheetFile, language: lang), terminator: "")
    let vi = lang == .vi
    if dryRun {
      print(vi ? "--dry-run: không ghi gì." : "--dry-run: nothing written.")
      return
    }
    // A new file loses nothing; changing an existing one needs a yes.
    if plan.changesExistingFile {
      let path = plan.plan.targetPath
      let confirmed = try confirmOnTerminal(
        yes: yes, language: lang,
        question: LocalizedText(
          vi: "Ghi vào \(path)? Tệp cũ được giữ lại thành bản sao .bak. [c/K] ",
          en: "Write to \(path)? The previous file is kept as a .bak copy. [y/N] "),
        withoutTerminal: LocalizedText(
          vi: "Không có màn hình để xác nhận: thêm --yes để ghi vào \(path) (hoặc --dry-run để chỉ xem).",
          en: "No terminal to confirm on: add --yes to write to \(path) (or --dry-run to only look)."))
      guard confirmed else {
        print(vi ? "Đã hủy: không ghi gì." : "Cancelled: nothing written.")
        return
      }
    }
    let backup = try app.applyImport(plan)
    print(ImportText.done(plan.summary, backup: backup, language: lang), terminator: "")
  }
}

extension WorkspaceTable: ExpressibleByArgument {}

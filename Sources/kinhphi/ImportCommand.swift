import ArgumentParser
import BudgetCore
import BudgetIO
import Foundation
import SafeOutput
import SettlementReports

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract:
      "Chuyển bảng Excel (.xlsx) thành CSV của thư mục dữ liệu. / Turn an Excel table into the workspace's CSV.",
    discussion: """
      Đọc trang đầu tiên (hoặc trang --sheet) của tệp .xlsx với đúng các quy tắc của CSV (tiêu đề, tên
      cột tiếng Việt, ngày, số tiền); các dòng tiêu đề phía trên bảng được bỏ qua. Có lỗi thì không ghi gì
      (mã thoát 2), mỗi lỗi chỉ rõ trang và ô (ví dụ D17). Không ghi đè tệp CSV đã có nếu thiếu --force.
      Reads the first sheet (or --sheet) with the CSV rules; errors name the sheet and cell; nothing is
      written on error; an existing CSV is kept unless --force.

      Ví dụ / examples:
        kinhphi import chi-tiet-2023.xlsx --as spending --into SampleData/chiem-hoa-units/xa-hung-my
        kinhphi import du-toan.xlsx --as allocations --into ws --sheet "Dự toán" --force
      """
  )

  @Argument(help: "Tệp .xlsx cần chuyển. / The .xlsx file.")
  var file: String

  @Option(
    name: .customLong("as"), help: "Bảng: allocations hoặc spending. / The table: allocations or spending.")
  var table: WorkspaceTable

  @Option(help: "Thư mục dữ liệu nhận tệp CSV. / The workspace folder to write the CSV into.")
  var into: String

  @Option(help: "Tên trang (mặc định trang đầu tiên). / The sheet name (default: the first sheet).")
  var sheet: String?

  @Flag(help: "Ghi đè tệp CSV đã có. / Overwrite an existing CSV.")
  var force = false

  @Option(help: "Ngôn ngữ hiển thị: vi hoặc en. / Output language: vi or en.")
  var lang: Language = .vi

  func run() throws {
    let target = URL(fileURLWithPath: into, isDirectory: true).appendingPathComponent(table.csvFile)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: into, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      try stop(
        InputError(
          nil, vi: "Không tìm thấy thư mục dữ liệu '\(into)'.", en: "Workspace folder '\(into)' not found."))
    }
    if FileManager.default.fileExists(atPath: target.path) && !force {
      try stop(
        InputError(
          nil, vi: "\(target.path) đã có: dùng --force để ghi đè.",
          en: "\(target.path) already exists: use --force to overwrite it."))
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      try stop(InputError(nil, vi: "Không đọc được tệp '\(file)'.", en: "Could not read '\(file)'."))
    }
    var errors = InputErrors()
    let name = URL(fileURLWithPath: file).lastPathComponent
    guard let csv = XlsxTableReader.csv(data: data, file: name, sheet: sheet, table: table, errors: &errors),
      errors.isEmpty
    else {
      printError(InputErrorsText.render(errors))
      throw ExitCode(ExitStatus.unusableInput)
    }
    do {
      try AtomicFile.write(Data(csv), to: target.path)
    } catch {
      throw InputErrors([outputProblem(error)])
    }
    // Rows as the readers count them (a line break inside a cell does not make a row).
    var ignored = InputErrors()
    let rows =
      table == .allocations
      ? AllocationsReader.read(bytes: csv, file: table.csvFile, errors: &ignored).count
      : SpendingReader.read(bytes: csv, file: table.csvFile, errors: &ignored).count
    let vi = lang == .vi
    print(vi ? "Đã ghi \(target.path) (\(rows) dòng)." : "Wrote \(target.path) (\(rows) rows).")
    let xlsxBeside = URL(fileURLWithPath: into, isDirectory: true).appendingPathComponent(table.xlsxFile)
    if FileManager.default.fileExists(atPath: xlsxBeside.path) {
      print(
        vi
          ? "Lưu ý: thư mục còn \(table.xlsxFile); xóa hoặc chuyển đi, vì có cả CSV và xlsx cho một bảng là lỗi."
          : "Note: the folder still holds \(table.xlsxFile); remove it, since both CSV and xlsx for one table is an error."
      )
    }
  }

  private func stop(_ error: InputError) throws -> Never {
    printError(InputErrorsText.render(InputErrors([error])))
    throw ExitCode(ExitStatus.unusableInput)
  }
}

extension WorkspaceTable: ExpressibleByArgument {}

import ArgumentParser
import BudgetApp
import BudgetCore
import Foundation
import KinhphiWeb
import SafeOutput
import SettlementReports

struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Mở thư mục dữ liệu thành trang web cho phòng tài chính. / The workspace as a web page.",
    discussion: """
      Trang web (tiếng Việt, có nút English): tổng quan năm theo nguồn với biểu đồ, các phát hiện (lọc theo mã, nguồn, đơn vị), từ số liệu đến từng dòng dự toán và từng khoản chi; tải bảng tính quyết toán; nhập số liệu từ Excel (xem trước, xác nhận rồi mới ghi); giả định; khóa sổ cuối năm. Mặc định chỉ nghe trên 127.0.0.1; địa chỉ khác (--host 0.0.0.0) bắt buộc có --password-file. Mỗi lần ghi được ghi lại trong nhat-ky-ghi.log của thư mục dữ liệu.

      Serves the workspace as a web page on 127.0.0.1; any other --host requires --password-file (lines NAME:BCRYPT-HASH, as `htpasswd -B` writes; `--add-user NAME` adds one, the password read from standard input).

      Ví dụ / examples:
        kinhphi serve SampleData/chiem-hoa
        kinhphi serve ws --host 0.0.0.0 --port 8080 --password-file /etc/kinhphi/users
        kinhphi serve ws --password-file users --add-user ketoan < matkhau.txt
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @Option(help: "Cổng (mặc định 8080). / The port.")
  var port: Int = 8080

  @Option(help: "Địa chỉ nghe (mặc định 127.0.0.1). / The address to listen on.")
  var host: String = "127.0.0.1"

  @Option(help: "Tệp người dùng TÊN:MÃ-BĂM-BCRYPT. / The users file NAME:BCRYPT-HASH.")
  var passwordFile: String?

  @Option(
    help:
      "Thêm người dùng vào --password-file (mật khẩu đọc từ stdin) rồi thoát. / Add a user to --password-file (password from stdin) and exit."
  )
  var addUser: String?

  @Option(help: "Dung lượng tải lên tối đa, MB. / The largest upload, in MB.")
  var maxUploadMb: Int = 32

  @Option(
    help:
      "Số yêu cầu mỗi giây cho một máy (0 = không giới hạn, để đo tốc độ). / Requests per second per client (0 = no limit, for load tests)."
  )
  var rateLimit: Int = 50

  func validate() throws {
    guard (1...65535).contains(port) else {
      throw ValidationError("--port phải trong 1–65535. / --port must be within 1–65535.")
    }
    guard maxUploadMb >= 1, maxUploadMb <= 1024, rateLimit >= 0 else {
      throw ValidationError(
        "--max-upload-mb trong 1–1024, --rate-limit ≥ 0. / --max-upload-mb within 1–1024, --rate-limit ≥ 0.")
    }
    if addUser != nil && passwordFile == nil {
      throw ValidationError("--add-user cần --password-file. / --add-user needs --password-file.")
    }
  }

  func run() throws {
    if let addUser, let passwordFile { return try add(user: addUser, to: passwordFile) }
    let users = try passwordFile.map { path in
      guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) })
      else {
        throw InputErrors([
          InputError(
            nil, vi: "Không đọc được tệp mật khẩu '\(path)'.",
            en: "Could not read the password file '\(path)'.")
        ])
      }
      return try UserList.read(text, file: path)
    }
    let webOptions = WebOptions(
      workspace: options.workspace, host: host, port: port, users: users, app: .commandLine,
      maxUploadBytes: maxUploadMb << 20, requestsPerSecond: Double(rateLimit),
      requestBurst: Double(rateLimit * 4))
    try runServer(options: webOptions) { address in
      printError("kinhphi: trang web tại / serving at \(address)  (Ctrl-C để dừng / to stop)\n")
    }
  }

  /// Appends `NAME:HASH` to the password file (made when missing), the password read from stdin.
  private func add(user: String, to path: String) throws {
    guard let password = readLine(strippingNewline: true), !password.isEmpty else {
      throw InputErrors([
        InputError(nil, vi: "Không có mật khẩu trên stdin.", en: "No password on standard input.")
      ])
    }
    var text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
    text += UserList.line(name: user, password: password) + "\n"
    _ = try UserList.read(text, file: path)
    do {
      try AtomicFile.write(Data(text.utf8), to: path)
    } catch {
      throw InputErrors([
        InputError(
          nil, vi: "Không ghi được \(error.path): \(error.reasonVi).",
          en: "Could not write \(error.path): \(error.reasonEn).")
      ])
    }
    printError("Đã thêm \(user) vào \(path). / Added \(user) to \(path).\n")
  }
}

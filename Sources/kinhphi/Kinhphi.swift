import ArgumentParser
import BudgetApp
import BudgetCore
import Foundation

struct Kinhphi: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kinhphi",
    abstract: "Quyết toán kinh phí truyền thông CTMTQG DTTS&MN (Dự án 10) theo nguồn, nội dung, đơn vị.",
    discussion: """
      kinhphi đọc một thư mục dữ liệu (workspace) và tính số quyết toán chính xác đến từng đồng.
      kinhphi reads a workspace folder and settles the budget to the đồng; --lang en for English.

      Thư mục dữ liệu / workspace files:
        plan.yaml        danh mục nguồn, đơn vị, nội dung; các quy tắc
                         catalogue of sources, units, activities; the rules
        allocations.csv  dự toán: giao đầu năm, bổ sung, điều chỉnh, chuyển sang
                         allocations: initial, supplement, adjustment, carry_in
        spending.csv     thực chi, mỗi dòng một khoản chi
                         payments, one row per payment

      CSV: UTF-8 (có hoặc không BOM), dấu phân cách ',' hoặc ';', ngày DD/MM/YYYY hoặc YYYY-MM-DD, số tiền là đồng nguyên, có thể nhóm 1.234.567. Xem docs/workspace-format.md.

      Mã thoát (mọi lệnh): 0 xong, không có lỗi · 1 xong (đã ghi kết quả) nhưng số liệu còn lỗi · 2 dữ liệu đầu vào hoặc dòng lệnh không dùng được, không ghi gì · 130/143 bị ngắt (Ctrl-C / SIGTERM).
      Exit status (every command): 0 done, no error findings · 1 done (outputs written), error findings stand · 2 unusable input or command line, nothing written · 130/143 interrupted.

      Ví dụ / examples:
        kinhphi check SampleData/chiem-hoa --year 2022
        kinhphi settle SampleData/chiem-hoa --year 2022 -o out/quyet-toan-2022.xlsx
      """,
    version: "0.1.0",
    // In the order of the year's work: check and settle, plan what-ifs, close, hand over; then the
    // tools around them.
    subcommands: [
      CheckCommand.self, SettleCommand.self, FormsCommand.self, ProgressCommand.self, WhatIfCommand.self,
      CloseCommand.self,
      HandoverCommand.self,
      ImportCommand.self, ConsolidateCommand.self, GenerateCommand.self, ServeCommand.self,
    ]
  )
}

/// The one rule for every command's exit status (README, "Exit status"); `main.swift` maps how a run
/// ended to a status through `ExitStatus.status(for:)` and nowhere else.
///
/// - 0: done, and no error findings stand.
/// - 1: done (every output written) but error findings stand; one line on stderr says how many.
/// - 2: unusable input or a wrong command line; nothing written.
/// - 130 / 143: interrupted by SIGINT / SIGTERM; our temporary files are removed.
enum ExitStatus {
  static let clean: Int32 = 0
  static let errorFindings: Int32 = 1
  static let unusableInput: Int32 = 2
  static let interrupted: Int32 = 128 + SIGINT

  /// The status for a run that ended by throwing `error`, after saying on stderr what the user
  /// needs to know (input errors in both languages, the count of error findings, a usage error).
  static func status(for error: Error) -> Int32 {
    switch error {
    case let stand as ErrorFindingsStand:
      printError(stand.standing.message + "\n")
      return errorFindings
    case let error as AppError:
      printError(error.text)
      if case .cancelled = error { return interrupted }
      return unusableInput
    case let errors as InputErrors:
      // An argument read before the application is called (a date), located like any input error.
      return status(for: AppError.input(errors))
    case is RefusalShown:
      // Refused, nothing written: 2 like every run that writes nothing (1 means outputs written).
      return unusableInput
    case let exit as ExitCode:
      return exit.rawValue
    default:
      // ArgumentParser exits with 64 on a usage error; kinhphi promises 2 for every unusable input,
      // a mistyped command line included, so scripts need to test one status only.
      if Kinhphi.exitCode(for: error) == .success {
        Kinhphi.exit(withError: error)  // --help, --version: printed, status 0
      }
      printError(Kinhphi.fullMessage(for: error) + "\n")
      return unusableInput
    }
  }
}

/// Thrown by a command that has shown why the application refused its request (a year-end close
/// refused by `ClosePlan.refusal`, with the findings that caused it): nothing was written.
struct RefusalShown: Error {}

/// Thrown by a command after its outputs are written when error findings stand (status 1); which
/// findings count is the application layer's answer (`StandingErrors`).
struct ErrorFindingsStand: Error {
  let standing: StandingErrors

  /// Throws when any error finding stands: the single place a command turns its errors into status 1.
  static func throwIfAny(_ standing: StandingErrors) throws {
    if standing.count > 0 { throw ErrorFindingsStand(standing: standing) }
  }
}

import BudgetCore
import SafeOutput
import SettlementReports

/// Every way an application entry point fails, for every front end: the command line maps it to an
/// exit status and a message on stderr; the web page to a response. Nothing was written when one is
/// thrown (outputs are written whole or not at all, and only after everything was computed).
public enum AppError: Error, Sendable {
  /// The workspace's files (or a scenario, map, template) cannot be used: every problem, located,
  /// in both languages.
  case input(InputErrors)
  /// The request itself is wrong (a year outside the plan, an output file that already exists):
  /// said as it is, never as "the input is unusable", which sends the officer looking for a broken file.
  case request(LocalizedText)
  /// A problem that is neither located in a file nor about the request (a template without the sheet
  /// the command writes).
  case unusable(LocalizedText)
  /// Workbooks that could not be written (several when per-unit workbooks are written in parallel).
  case workbooksNotWritten([ReportWriteError])
  /// The run was cancelled through its `CancellationToken`, between two steps or inside a workbook's
  /// rows; the output being written was not (no file, no temporary file left).
  case cancelled

  /// The text a front end shows, both languages, one problem per line (the command line's stderr).
  public var text: String {
    switch self {
    case .input(let errors):
      return InputErrorsText.render(errors)
    case .request(let message):
      return "Lỗi: \(message.vi) Không ghi tệp nào.\nError: \(message.en) Nothing was written.\n"
    case .unusable(let message):
      return "\(message.vi)\n\(message.en)\n"
    case .workbooksNotWritten(let failures):
      return failures.map {
        "Không ghi được bảng tính \($0.path): \($0.vi)\nCould not write the workbook \($0.path): \($0.en)\n"
      }
      .joined()
    case .cancelled:
      return "Đã hủy: không ghi tệp nào.\nCancelled: nothing was written.\n"
    }
  }

  /// One located input error (a message about a file as a whole has no location).
  static func input(_ location: SourceLocation?, vi: String, en: String) -> AppError {
    .input(InputErrors([InputError(location, vi: vi, en: en)]))
  }

  /// An output that cannot be written, in both languages: the path and the reason.
  static func output(_ problem: FileProblem) -> AppError {
    .input(
      nil, vi: "Không ghi được \(problem.path): \(problem.reasonVi).",
      en: "Could not write \(problem.path): \(problem.reasonEn).")
  }

  /// Runs `body`, turning what the layers below throw into an `AppError`: located input errors,
  /// a workbook that could not be written, a file that could not be written.
  static func mapping<T>(_ body: () throws -> T) throws(AppError) -> T {
    do {
      return try body()
    } catch let error as AppError {
      throw error
    } catch let errors as InputErrors {
      throw .input(errors)
    } catch let failure as ReportWriteError {
      throw .workbooksNotWritten([failure])
    } catch let busy as WorkspaceLock.Busy {
      throw .request(LocalizedText(vi: busy.vi, en: busy.en))
    } catch let problem as FileProblem {
      throw .output(problem)
    } catch {
      // No layer below throws anything else; said in both languages all the same, never a trap.
      throw .unusable(LocalizedText(vi: "Lỗi không lường trước: \(error)", en: "Unexpected error: \(error)"))
    }
  }
}

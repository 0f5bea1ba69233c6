import BudgetApp
import BudgetCore
import Hummingbird

extension AppError {
  /// The error as a list the page shows: located input errors as they are, anything else as one
  /// message in both languages.
  var located: InputErrors {
    switch self {
    case .input(let errors): errors
    case .request(let message), .unusable(let message):
      InputErrors([InputError(nil, vi: message.vi, en: message.en)])
    case .workbooksNotWritten(let failures):
      InputErrors(failures.map { InputError(nil, vi: "\($0.path): \($0.vi)", en: "\($0.path): \($0.en)") })
    case .cancelled:
      InputErrors([InputError(nil, vi: "Đã hủy: không ghi gì.", en: "Cancelled: nothing written.")])
    }
  }

  /// The status a page answers with.
  var status: HTTPResponse.Status {
    switch self {
    case .input, .request, .unusable: .unprocessableContent
    case .workbooksNotWritten: .internalServerError
    case .cancelled: .serviceUnavailable
    }
  }
}

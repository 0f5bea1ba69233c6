import BudgetCore
import LocatedYAML

/// Input errors for the terminal: always in both languages, because a file that cannot be read stops
/// the whole run and whoever fixes it may read either.
public enum InputErrorsText {
  public static func render(_ errors: InputErrors) -> String {
    var out =
      "Dữ liệu đầu vào không dùng được (\(errors.count) lỗi); không ghi tệp nào.\n"
      + "The input is unusable (\(errors.count) \(errors.count == 1 ? "error" : "errors")); nothing was written.\n"
    for error in errors.errors {
      // An error about a whole file or the command line has no location line (never a bare "-").
      out += "\n"
      if let place = error.location { out += "  \(safe(place.description))\n" }
      out += "    \(safe(error.message.vi))\n    \(safe(error.message.en))\n"
    }
    if errors.omittedCount > 0 {
      out +=
        "\n  … và \(errors.omittedCount) lỗi nữa không hiển thị.\n"
        + "  … and \(errors.omittedCount) more errors not shown.\n"
    }
    return out
  }

  /// Text from the user's files goes into messages: control characters are shown as U+XXXX, never
  /// sent raw to the terminal (a line break of a message is kept, indented).
  static func safe(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { LocatedYAML.escaped(String($0)) }
      .joined(separator: "\n    ")
  }
}

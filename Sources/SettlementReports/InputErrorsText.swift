import BudgetCore

/// Input errors for the terminal: always in both languages, because a file that cannot be read stops
/// the whole run and whoever fixes it may read either.
public enum InputErrorsText {
  public static func render(_ errors: InputErrors) -> String {
    var out =
      "Dữ liệu đầu vào không dùng được (\(errors.count) lỗi); không ghi tệp nào.\n"
      + "The input is unusable (\(errors.count) \(errors.count == 1 ? "error" : "errors")); nothing was written.\n"
    for error in errors.errors {
      let place = error.location?.description ?? "-"
      out += "\n  \(place)\n    \(error.message.vi)\n    \(error.message.en)\n"
    }
    if errors.omittedCount > 0 {
      out +=
        "\n  … và \(errors.omittedCount) lỗi nữa không hiển thị.\n"
        + "  … and \(errors.omittedCount) more errors not shown.\n"
    }
    return out
  }
}

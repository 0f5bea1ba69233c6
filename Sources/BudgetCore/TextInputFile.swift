import Foundation

/// Reads a small text file the user wrote (a scenario, a successors map, a report template): whole,
/// as UTF-8, with a byte-order mark dropped. A file that cannot be read or is not UTF-8 is an input
/// error naming it, so every YAML reader reports these the same way.
public enum TextInputFile {
  /// `file` is the name used in messages; `what` says what kind of file it is ("tệp kịch bản" /
  /// "scenario file").
  public static func read(path: String, file: String, what: LocalizedText) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputErrors([
        InputError(
          SourceLocation(file: file, line: 0), vi: "Không đọc được \(what.vi) \(path).",
          en: "Cannot read the \(what.en) \(path).")
      ])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw InputErrors([
        InputError(
          SourceLocation(file: file, line: 1),
          vi:
            "\(what.vi.prefix(1).uppercased() + what.vi.dropFirst()) không phải UTF-8 hợp lệ: lưu lại với mã hóa UTF-8.",
          en: "The \(what.en) is not valid UTF-8: save it again with UTF-8 encoding.")
      ])
    }
    return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
  }
}

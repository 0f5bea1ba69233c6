import Foundation

/// Reads a small text file the user wrote (a scenario, a successors map, a report template): whole,
/// as UTF-8, with a byte-order mark dropped. A file that cannot be read or is not UTF-8 is an input
/// error naming it, so every YAML reader reports these the same way.
public enum TextInputFile {
  /// `file` is the name used in messages; `what` says what kind of file it is ("tệp kịch bản" /
  /// "scenario file").
  public static func read(path: String, file: String, what: LocalizedText) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      // A file that cannot be opened has no line to point at: the path and the reason.
      let (vi, en) = unreadableReason(path)
      throw InputErrors([
        InputError(
          nil, vi: "Không mở được \(what.vi) \(path): \(vi).",
          en: "Cannot open the \(what.en) \(path): \(en).")
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

  /// Why `path` cannot be read: not found, a folder, or no permission.
  static func unreadableReason(_ path: String) -> (vi: String, en: String) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return ("không tìm thấy tệp", "not found")
    }
    if isDirectory.boolValue { return ("đây là một thư mục, không phải tệp", "it is a folder, not a file") }
    if !FileManager.default.isReadableFile(atPath: path) {
      return ("không có quyền đọc tệp", "permission denied")
    }
    return ("tệp không đọc được", "the file cannot be read")
  }
}

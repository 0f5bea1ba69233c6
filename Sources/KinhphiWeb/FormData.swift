import Foundation

/// The fields and files of a submitted form, from `application/x-www-form-urlencoded` or
/// `multipart/form-data`. A body that is neither, or malformed, gives an empty form (and so fails the
/// CSRF check before any route sees it).
struct FormData: Sendable {
  struct File: Sendable {
    let fileName: String
    let data: Data
  }

  var fields: [String: String] = [:]
  var files: [String: File] = [:]

  subscript(_ name: String) -> String? { fields[name] }

  static func parse(body: Data, contentType: String?) -> FormData {
    guard let contentType = contentType?.lowercased() else { return FormData() }
    if contentType.hasPrefix("application/x-www-form-urlencoded") {
      return FormData(fields: urlEncoded(String(decoding: body, as: UTF8.self)))
    }
    if contentType.hasPrefix("multipart/form-data"), let original = contentTypeBoundary(contentType) {
      return multipart(body: body, boundary: original)
    }
    return FormData()
  }

  static func urlEncoded(_ text: String) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in text.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ part: Substring) -> String {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
      }
      let name = decode(parts[0])
      if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
    }
    return fields
  }

  private static func contentTypeBoundary(_ contentType: String) -> String? {
    for parameter in contentType.split(separator: ";").dropFirst() {
      let trimmed = parameter.trimmingCharacters(in: .whitespaces)
      guard trimmed.hasPrefix("boundary=") else { continue }
      var value = String(trimmed.dropFirst("boundary=".count))
      if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
        value = String(value.dropFirst().dropLast())
      }
      return value.isEmpty || value.count > 200 ? nil : value
    }
    return nil
  }

  /// RFC 7578: parts separated by `--boundary`, each with headers, a blank line and the content.
  /// The boundary was lowered with the content type; browsers' boundaries are case-sensitive, so it is
  /// matched case-insensitively against the body's first line and that spelling is used.
  static func multipart(body: Data, boundary lowered: String) -> FormData {
    var form = FormData()
    let bytes = [UInt8](body)
    guard let firstLineEnd = find([13, 10], in: bytes, from: 0) else { return form }
    let firstLine = String(decoding: bytes[0..<firstLineEnd], as: UTF8.self)
    guard firstLine.lowercased() == "--" + lowered else { return form }
    let delimiter = [UInt8](("\r\n" + firstLine).utf8)
    var position = firstLineEnd + 2
    while position < bytes.count {
      guard let headerEnd = find([13, 10, 13, 10], in: bytes, from: position) else { return form }
      let headers = String(decoding: bytes[position..<headerEnd], as: UTF8.self)
      let contentStart = headerEnd + 4
      guard let contentEnd = find(delimiter, in: bytes, from: contentStart) else { return form }
      let content = Data(bytes[contentStart..<contentEnd])
      if let disposition = headers.split(separator: "\r\n").first(where: {
        $0.lowercased().hasPrefix("content-disposition:")
      }) {
        let name = parameter("name", in: String(disposition))
        if let name {
          if let fileName = parameter("filename", in: String(disposition)) {
            if form.files[name] == nil { form.files[name] = File(fileName: fileName, data: content) }
          } else if form.fields[name] == nil {
            form.fields[name] = String(decoding: content, as: UTF8.self)
          }
        }
      }
      position = contentEnd + delimiter.count
      // `--` after the boundary ends the body; otherwise CRLF starts the next part.
      if position + 2 <= bytes.count, bytes[position] == 45, bytes[position + 1] == 45 { break }
      position += 2
    }
    return form
  }

  /// `name="value"` in a Content-Disposition header (quoted, as browsers send it).
  private static func parameter(_ key: String, in header: String) -> String? {
    for part in header.split(separator: ";").dropFirst() {
      let trimmed = part.trimmingCharacters(in: .whitespaces)
      guard trimmed.lowercased().hasPrefix(key + "=") else { continue }
      var value = String(trimmed.dropFirst(key.count + 1))
      if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
        value = String(value.dropFirst().dropLast())
      }
      return value.replacingOccurrences(of: "%22", with: "\"")
    }
    return nil
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
      return nil
    }
    let first = needle[0]
    var index = start
    let last = haystack.count - needle.count
    while index <= last {
      if haystack[index] == first {
        var matches = true
        for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
          matches = false
          break
        }
        if matches { return index }
      }
      index += 1
    }
    return nil
  }
}

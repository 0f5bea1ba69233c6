/// A small JSON writer that keeps keys in the order they are written (FORMATS.md §8 shows them in a
/// reading order officers' tools rely on) and writes integers exactly — no floating point, no
/// dictionary reordering.
struct JSONWriter {
  private(set) var text = ""
  private var needsComma: [Bool] = [false]
  private let indentUnit = "  "

  mutating func beginObject(_ key: String? = nil) { open(key, "{") }
  mutating func endObject() { close("}") }
  mutating func beginArray(_ key: String? = nil) { open(key, "[") }
  mutating func endArray() { close("]") }

  mutating func field(_ key: String, _ value: Int64) { item(key, String(value)) }
  mutating func field(_ key: String, _ value: Int) { item(key, String(value)) }
  mutating func field(_ key: String, _ value: Bool) { item(key, value ? "true" : "false") }
  mutating func field(_ key: String, _ value: String) { item(key, JSONWriter.quote(value)) }
  /// An array element.
  mutating func element(_ value: Int) { item(nil, String(value)) }

  /// Writes the key only when there is a value: FORMATS.md §8 omits keys that do not apply.
  mutating func field(_ key: String, _ value: String?) {
    if let value { field(key, value) }
  }
  mutating func field(_ key: String, _ value: Int?) {
    if let value { field(key, value) }
  }
  mutating func field(_ key: String, _ value: Int64?) {
    if let value { field(key, value) }
  }

  private mutating func open(_ key: String?, _ bracket: String) {
    prefix(key)
    text += bracket
    needsComma.append(false)
  }

  private mutating func close(_ bracket: String) {
    let hadItems = needsComma.removeLast()
    if hadItems {
      text += "\n" + String(repeating: indentUnit, count: needsComma.count - 1)
    }
    text += bracket
  }

  private mutating func item(_ key: String?, _ literal: String) {
    prefix(key)
    text += literal
  }

  private mutating func prefix(_ key: String?) {
    let depth = needsComma.count - 1
    if depth > 0 {
      if needsComma[depth] { text += "," }
      text += "\n" + String(repeating: indentUnit, count: depth)
    }
    needsComma[depth] = true
    if let key { text += JSONWriter.quote(key) + ": " }
  }

  static func quote(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

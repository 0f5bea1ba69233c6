/// A small JSON writer that keeps keys in the order they are written (docs/workspace-format.md, "Machine-readable output" shows them in a
/// reading order officers' tools rely on) and writes integers exactly — no floating point, no
/// dictionary reordering.
struct JSONWriter {
  /// The document as UTF-8, appended byte by byte: building a String with `+=` per token and an
  /// indentation String per item was most of the cost of a big `--json`.
  private var bytes: [UInt8] = []
  private var needsComma: [Bool] = [false]

  var text: String { String(decoding: bytes, as: UTF8.self) }

  mutating func beginObject(_ key: String? = nil) { open(key, UInt8(ascii: "{")) }
  mutating func endObject() { close(UInt8(ascii: "}")) }
  mutating func beginArray(_ key: String? = nil) { open(key, UInt8(ascii: "[")) }
  mutating func endArray() { close(UInt8(ascii: "]")) }

  /// An array of objects under `key`, one object per element, its fields written by `body`: every
  /// list of lines, rows or findings in the JSON outputs, its brackets paired in one place.
  mutating func objects<Elements: Sequence>(
    _ key: String, _ elements: Elements, _ body: (Elements.Element, inout JSONWriter) -> Void
  ) {
    beginArray(key)
    for element in elements {
      beginObject()
      body(element, &self)
      endObject()
    }
    endArray()
  }

  mutating func field(_ key: String, _ value: Int64) { item(key, String(value)) }
  mutating func field(_ key: String, _ value: Int) { item(key, String(value)) }
  mutating func field(_ key: String, _ value: Bool) { item(key, value ? "true" : "false") }
  mutating func field(_ key: String, _ value: String) {
    prefix(key)
    JSONWriter.appendQuoted(value, to: &bytes)
  }
  /// An array element.
  mutating func element(_ value: Int) { item(nil, String(value)) }
  mutating func element(_ value: String) { item(nil, JSONWriter.quote(value)) }

  /// Writes the key only when there is a value: docs/workspace-format.md, "Machine-readable output" omits keys that do not apply.
  mutating func field(_ key: String, _ value: String?) {
    if let value { field(key, value) }
  }
  mutating func field(_ key: String, _ value: Int?) {
    if let value { field(key, value) }
  }
  mutating func field(_ key: String, _ value: Int64?) {
    if let value { field(key, value) }
  }

  private mutating func open(_ key: String?, _ bracket: UInt8) {
    prefix(key)
    bytes.append(bracket)
    needsComma.append(false)
  }

  private mutating func close(_ bracket: UInt8) {
    let hadItems = needsComma.removeLast()
    if hadItems { newline(depth: needsComma.count - 1) }
    bytes.append(bracket)
  }

  private mutating func item(_ key: String?, _ literal: String) {
    prefix(key)
    bytes.append(contentsOf: literal.utf8)
  }

  /// A line break and two spaces per level.
  private mutating func newline(depth: Int) {
    bytes.append(UInt8(ascii: "\n"))
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
  }

  private mutating func prefix(_ key: String?) {
    let depth = needsComma.count - 1
    if depth > 0 {
      if needsComma[depth] { bytes.append(UInt8(ascii: ",")) }
      newline(depth: depth)
    }
    needsComma[depth] = true
    if let key {
      JSONWriter.appendQuoted(key, to: &bytes)
      bytes.append(UInt8(ascii: ":"))
      bytes.append(UInt8(ascii: " "))
    }
  }

  static func quote(_ value: String) -> String {
    var out: [UInt8] = []
    appendQuoted(value, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Escapes per byte: every byte of a multi-byte UTF-8 sequence is ≥ 0x80, so only ASCII needs a look.
  static func appendQuoted(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\""))
      case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
      case UInt8(ascii: "\n"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
      case UInt8(ascii: "\r"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
      case UInt8(ascii: "\t"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
      case 0..<0x20:
        let hexDigits = Array("0123456789abcdef".utf8)
        out.append(contentsOf: "\\u00".utf8)
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0xF)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

/// A strict pull reader of the XML in an .xlsx part, over bytes that arrive in chunks (a sheet is never
/// held whole in memory). It takes what Excel and LibreOffice write and refuses everything that is not
/// well-formed XML 1.0: one root element, matched tags, quoted unique attributes, the five predefined
/// entities and character references only, and a document that ends after its root element — a part
/// cut short is an error, never a shorter table.
///
/// Refused as well: any encoding but UTF-8 (a UTF-16 BOM or `encoding="…"` other than UTF-8), invalid
/// UTF-8, characters XML forbids (control characters, U+FFFE), and any DTD (`<!DOCTYPE`, `<!ENTITY`):
/// a workbook never has one, and the "billion laughs" attack needs one.
final class XlsxXMLReader {
  enum Token {
    /// A start tag: `name`, `localName` and `attribute(_:)` describe it. `<a/>` gives `.start` then `.end`.
    case start
    case end
    /// Character data (entities decoded, line ends normalised) in `text`.
    case text
    case endOfDocument
  }

  /// Bytes of any one name, attribute list or text run: far beyond anything Excel writes (a cell holds
  /// at most 32,767 characters), so memory stays bounded whatever the part says.
  static let tokenBytesMax = 4 << 20
  static let depthMax = 256

  let part: String
  private let source: () throws(XlsxArchiveRefusal) -> [UInt8]?
  private var buffer: [UInt8] = []
  private var position = 0
  /// Bytes of the part before `buffer`: for the offset in messages.
  private var bufferOffset = 0
  private var sourceEnded = false
  /// The first byte that is not UTF-8 or not an XML character; the buffer ends just before it.
  private var badByte: UInt8?
  private var utf8 = UTF8XMLCheck()
  private var started = false
  /// Where the document starts: after a UTF-8 byte order mark, if any.
  private var documentStart = 0

  /// The qualified name of the current start or end tag.
  private(set) var name: [UInt8] = []
  /// Where the local name starts in `name` (after the prefix's colon).
  private var localStart = 0
  private(set) var text: [UInt8] = []
  private var attributeBytes: [UInt8] = []
  /// Each attribute as ranges in `attributeBytes`: its qualified name, local name and value.
  private var attributes: [(name: Range<Int>, localStart: Int, value: Range<Int>)] = []
  private var openElements: [[UInt8]] = []
  private var pendingEnd = false
  private var sawRoot = false

  /// `source` returns the part's bytes chunk by chunk, nil at the end (after its own checks).
  init(part: String, source: @escaping () throws(XlsxArchiveRefusal) -> [UInt8]?) {
    self.part = part
    self.source = source
  }

  /// A reader over bytes already in memory (tests, small parts).
  convenience init(part: String, bytes: [UInt8]) {
    var given: [UInt8]? = bytes
    self.init(part: part) { () throws(XlsxArchiveRefusal) -> [UInt8]? in
      defer { given = nil }
      return given
    }
  }

  var depth: Int { openElements.count }

  /// Whether the current tag's local name (without prefix) is `expected` (ASCII).
  func isNamed(_ expected: StaticString) -> Bool {
    let count = name.count - localStart
    guard count == expected.utf8CodeUnitCount else { return false }
    let wanted = expected.utf8Start
    var index = 0
    while index < count {
      if name[localStart + index] != wanted[index] { return false }
      index += 1
    }
    return true
  }

  var localName: String { String(decoding: name[localStart...], as: UTF8.self) }

  /// The value of the current start tag's attribute whose local name is `local` (any prefix, `r:id`).
  /// An unprefixed attribute wins over a prefixed one.
  func attribute(_ local: StaticString) -> String? {
    attributeBytes(local).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The same, as the value's bytes (entities decoded).
  func attributeBytes(_ local: StaticString) -> ArraySlice<UInt8>? {
    var prefixed: ArraySlice<UInt8>?
    let wanted = local.utf8Start
    let count = local.utf8CodeUnitCount
    for attribute in attributes where attribute.name.upperBound - attribute.localStart == count {
      var index = 0
      while index < count && attributeBytes[attribute.localStart + index] == wanted[index] { index += 1 }
      guard index == count else { continue }
      let value = attributeBytes[attribute.value]
      if attribute.localStart == attribute.name.lowerBound { return value }
      prefixed = prefixed ?? value
    }
    return prefixed
  }

  // MARK: - Tokens

  func next() throws(XlsxArchiveRefusal) -> Token {
    if !started { try start() }
    if pendingEnd {
      pendingEnd = false
      return try closeElement()
    }
    while true {
      guard let byte = try peek() else {
        guard sawRoot && openElements.isEmpty else {
          let open = openElements.last.map { " (</\(String(decoding: $0, as: UTF8.self))> chưa đóng)" } ?? ""
          let openEn = openElements.last.map { " (</\(String(decoding: $0, as: UTF8.self))> missing)" } ?? ""
          throw failure(
            "tài liệu kết thúc giữa chừng\(open) — phần bị cắt cụt",
            "the document ends early\(openEn) — the part is cut short")
        }
        return .endOfDocument
      }
      if byte == UInt8(ascii: "<") {
        position += 1
        if let token = try markup() { return token }
      } else {
        try characterData()
        if !openElements.isEmpty { return .text }
        // Outside the root element only white space may stand.
        guard text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) else {
          throw failure("có chữ ngoài phần tử gốc", "text outside the root element")
        }
      }
    }
  }

  /// After `<`: a tag, or a comment / processing instruction (nil: nothing to report), or a CDATA section.
  private func markup() throws(XlsxArchiveRefusal) -> Token? {
    guard let byte = try peek() else { throw truncated() }
    switch byte {
    case UInt8(ascii: "/"):
      position += 1
      name = try readName()
      try skipSpace()
      try expect(UInt8(ascii: ">"))
      guard let open = openElements.last, open == name else {
        let expected =
          openElements.last.map { "</\(String(decoding: $0, as: UTF8.self))>" } ?? "không có thẻ mở"
        let expectedEn =
          openElements.last.map { "</\(String(decoding: $0, as: UTF8.self))>" } ?? "no open tag"
        throw failure(
          "thẻ đóng </\(String(decoding: name, as: UTF8.self))> không khớp (cần \(expected))",
          "closing tag </\(String(decoding: name, as: UTF8.self))> does not match (expected \(expectedEn))")
      }
      return try closeElement()
    case UInt8(ascii: "?"):
      position += 1
      try processingInstruction()
      return nil
    case UInt8(ascii: "!"):
      position += 1
      if try skipIf("--") {
        try comment()
        return nil
      }
      if try skipIf("[CDATA[") {
        guard !openElements.isEmpty else {
          throw failure("CDATA ngoài phần tử gốc", "CDATA outside the root element")
        }
        try cdata()
        return .text
      }
      for marker in ["DOCTYPE", "ENTITY"] where try skipIf(marker) {
        throw XlsxArchiveRefusal(
          vi: "Phần '\(part)' có khai báo <!\(marker) (DTD/thực thể XML): bảng tính Excel không dùng chúng, "
            + "tệp có thể độc hại (billion laughs) hoặc bị hỏng.",
          en:
            "Part '\(part)' has a <!\(marker) declaration (XML DTD/entities): Excel workbooks never use them; "
            + "the file may be malicious (billion laughs) or damaged.")
      }
      throw failure("thẻ '<!' không hợp lệ", "an invalid '<!' construct")
    default:
      try startTag()
      return .start
    }
  }

  private func closeElement() throws(XlsxArchiveRefusal) -> Token {
    name = openElements.removeLast()
    localStart = (name.lastIndex(of: UInt8(ascii: ":")).map { $0 + 1 }) ?? 0
    return .end
  }

  private func startTag() throws(XlsxArchiveRefusal) {
    guard !sawRoot || !openElements.isEmpty else {
      throw failure("có phần tử sau phần tử gốc", "an element after the root element")
    }
    guard openElements.count < Self.depthMax else {
      throw failure("các phần tử lồng nhau quá sâu", "elements nested too deep")
    }
    name = try readName()
    localStart = (name.lastIndex(of: UInt8(ascii: ":")).map { $0 + 1 }) ?? 0
    attributeBytes.removeAll(keepingCapacity: true)
    attributes.removeAll(keepingCapacity: true)
    while true {
      let hadSpace = try skipSpace()
      guard let byte = try peek() else { throw truncated() }
      if byte == UInt8(ascii: ">") {
        position += 1
        break
      }
      if byte == UInt8(ascii: "/") {
        position += 1
        try expect(UInt8(ascii: ">"))
        pendingEnd = true
        break
      }
      guard hadSpace else {
        throw failure("thiếu khoảng trắng giữa các thuộc tính", "no space between attributes")
      }
      try attribute()
    }
    sawRoot = true
    openElements.append(name)
  }

  private func attribute() throws(XlsxArchiveRefusal) {
    let nameStart = attributeBytes.count
    let attributeName = try readName()
    attributeBytes.append(contentsOf: attributeName)
    let nameRange = nameStart..<attributeBytes.count
    if attributes.contains(where: { attributeBytes[$0.name].elementsEqual(attributeName) }) {
      throw failure(
        "thuộc tính '\(String(decoding: attributeName, as: UTF8.self))' lặp lại",
        "attribute '\(String(decoding: attributeName, as: UTF8.self))' repeated")
    }
    let local = (attributeName.lastIndex(of: UInt8(ascii: ":")).map { nameStart + $0 + 1 }) ?? nameStart
    try skipSpace()
    try expect(UInt8(ascii: "="))
    try skipSpace()
    guard let quote = try peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
      throw failure("giá trị thuộc tính thiếu dấu nháy", "an attribute value without quotes")
    }
    position += 1
    let valueStart = attributeBytes.count
    while true {
      let run = scan { $0 != quote && $0 != 0x3C && $0 != 0x26 && $0 >= 0x20 }
      if run < position {
        attributeBytes.append(contentsOf: buffer[run..<position])
        if attributeBytes.count > Self.tokenBytesMax { throw tooLong() }
      }
      guard let byte = try peek() else { throw truncated() }
      position += 1
      if byte == quote { break }
      switch byte {
      case UInt8(ascii: "<"):
        throw failure("dấu '<' trong giá trị thuộc tính", "'<' in an attribute value")
      case UInt8(ascii: "&"):
        attributeBytes.append(contentsOf: try reference())
      case 0x0D:
        // CR LF and a lone CR are one line end; in an attribute every line end or tab becomes a space.
        if try peek() == 0x0A { position += 1 }
        attributeBytes.append(0x20)
      case 0x0A, 0x09:
        attributeBytes.append(0x20)
      default:
        attributeBytes.append(byte)
      }
      if attributeBytes.count > Self.tokenBytesMax { throw tooLong() }
    }
    attributes.append((nameRange, local, valueStart..<attributeBytes.count))
  }

  /// Text up to the next `<` (or the end), into `text`.
  private func characterData() throws(XlsxArchiveRefusal) {
    text.removeAll(keepingCapacity: true)
    while true {
      if position == buffer.count {
        guard try refill() else { return }
      }
      let run = scan { $0 != 0x3C && $0 != 0x26 && $0 != 0x0D && $0 != 0x3E }
      if run < position {
        text.append(contentsOf: buffer[run..<position])
        if text.count > Self.tokenBytesMax { throw tooLong() }
        continue
      }
      let byte = buffer[position]
      switch byte {
      case UInt8(ascii: "<"):
        return
      case UInt8(ascii: "&"):
        position += 1
        text.append(contentsOf: try reference())
      case 0x0D:
        position += 1
        if try peek() == 0x0A { position += 1 }
        text.append(0x0A)
      case UInt8(ascii: ">"):
        // "]]>" may not stand in text.
        if text.count >= 2 && text[text.count - 1] == UInt8(ascii: "]")
          && text[text.count - 2] == UInt8(ascii: "]")
        {
          throw failure("']]>' trong văn bản", "']]>' in text")
        }
        position += 1
        text.append(byte)
      default:
        position += 1
        text.append(byte)
      }
      if text.count > Self.tokenBytesMax { throw tooLong() }
    }
  }

  private func cdata() throws(XlsxArchiveRefusal) {
    text.removeAll(keepingCapacity: true)
    while true {
      guard let byte = try peek() else { throw truncated() }
      position += 1
      if byte == UInt8(ascii: ">"), text.count >= 2, text[text.count - 1] == UInt8(ascii: "]"),
        text[text.count - 2] == UInt8(ascii: "]")
      {
        text.removeLast(2)
        return
      }
      if byte == 0x0D {
        if try peek() == 0x0A { position += 1 }
        text.append(0x0A)
      } else {
        text.append(byte)
      }
      if text.count > Self.tokenBytesMax { throw tooLong() }
    }
  }

  /// After `&`: one of the five predefined entities or a character reference, decoded.
  private func reference() throws(XlsxArchiveRefusal) -> [UInt8] {
    var body: [UInt8] = []
    while true {
      guard let byte = try peek() else { throw truncated() }
      position += 1
      if byte == UInt8(ascii: ";") { break }
      body.append(byte)
      if body.count > 12 { throw failure("tham chiếu '&' không hợp lệ", "an invalid '&' reference") }
    }
    switch String(decoding: body, as: UTF8.self) {
    case "lt": return [UInt8(ascii: "<")]
    case "gt": return [UInt8(ascii: ">")]
    case "amp": return [UInt8(ascii: "&")]
    case "apos": return [UInt8(ascii: "'")]
    case "quot": return [UInt8(ascii: "\"")]
    case let reference where reference.hasPrefix("#"):
      let digits = reference.dropFirst()
      let value: UInt32? =
        digits.hasPrefix("x")
        ? (digits.count > 1 && digits.dropFirst().allSatisfy(\.isHexDigit)
          ? UInt32(digits.dropFirst(), radix: 16) : nil)
        : (!digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
          ? UInt32(digits) : nil)
      guard let value, UTF8XMLCheck.isXMLCharacter(value), let scalar = Unicode.Scalar(value) else {
        throw failure(
          "tham chiếu ký tự &\(reference); không hợp lệ", "an invalid character reference &\(reference);")
      }
      return Array(String(Character(scalar)).utf8)
    default:
      let shown = String(decoding: body, as: UTF8.self)
      throw failure("thực thể &\(shown); không được định nghĩa", "an undefined entity &\(shown);")
    }
  }

  private func comment() throws(XlsxArchiveRefusal) {
    var dashes = 0
    while true {
      guard let byte = try peek() else { throw truncated() }
      position += 1
      if dashes >= 2 {
        guard byte == UInt8(ascii: ">") else {
          throw failure("'--' trong chú thích", "'--' inside a comment")
        }
        return
      }
      dashes = byte == UInt8(ascii: "-") ? dashes + 1 : 0
    }
  }

  /// `<?target …?>`; the XML declaration only at the very start, and it must say UTF-8.
  private func processingInstruction() throws(XlsxArchiveRefusal) {
    let target = try readName()
    let isDeclaration = String(decoding: target, as: UTF8.self).lowercased() == "xml"
    if isDeclaration {
      // At offset 0, or 3 after a UTF-8 byte order mark.
      let start = byteOffset - 2 - target.count
      guard start == documentStart, !sawRoot else {
        throw failure("khai báo <?xml không ở đầu tài liệu", "an <?xml declaration not at the start")
      }
      try declaration()
      return
    }
    var previous: UInt8 = 0
    while true {
      guard let byte = try peek() else { throw truncated() }
      position += 1
      if previous == UInt8(ascii: "?") && byte == UInt8(ascii: ">") { return }
      previous = byte
    }
  }

  private func declaration() throws(XlsxArchiveRefusal) {
    while true {
      let hadSpace = try skipSpace()
      if try skipIf("?>") { return }
      guard hadSpace else { throw failure("khai báo <?xml không hợp lệ", "an invalid <?xml declaration") }
      let key = try readName()
      try skipSpace()
      try expect(UInt8(ascii: "="))
      try skipSpace()
      guard let quote = try peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
        throw failure("khai báo <?xml không hợp lệ", "an invalid <?xml declaration")
      }
      position += 1
      var value: [UInt8] = []
      while true {
        guard let byte = try peek() else { throw truncated() }
        position += 1
        if byte == quote { break }
        value.append(byte)
        if value.count > 64 { throw failure("khai báo <?xml không hợp lệ", "an invalid <?xml declaration") }
      }
      let valueText = String(decoding: value, as: UTF8.self)
      switch String(decoding: key, as: UTF8.self) {
      case "version":
        guard valueText == "1.0" else {
          throw failure("phiên bản XML \(valueText) (cần 1.0)", "XML version \(valueText) (expected 1.0)")
        }
      case "encoding":
        guard ["utf-8", "utf8"].contains(valueText.lowercased()) else { throw Self.notUTF8(part, valueText) }
      case "standalone": break
      default: throw failure("khai báo <?xml không hợp lệ", "an invalid <?xml declaration")
      }
    }
  }

  // MARK: - Bytes

  /// The first chunk: a UTF-16 (or UTF-32) part is refused; a UTF-8 byte order mark is skipped.
  private func start() throws(XlsxArchiveRefusal) {
    started = true
    guard try refill() else {
      throw failure("phần trống, không có phần tử gốc", "the part is empty, no root element")
    }
    let head = Array(buffer.prefix(4))
    if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) {
      throw Self.notUTF8(part, "UTF-16/UTF-32 BOM")
    }
    if head.starts(with: [0x00]) || (head.count >= 2 && head[1] == 0x00) {
      throw Self.notUTF8(part, "UTF-16/UTF-32")
    }
    if head.starts(with: [0xEF, 0xBB, 0xBF]) {
      position = 3
      documentStart = 3
    }
  }

  /// The next chunk from the source, checked as UTF-8 XML characters; false at the end.
  private func refill() throws(XlsxArchiveRefusal) -> Bool {
    guard position == buffer.count else { return true }
    // The bytes before a bad one were read first: the error then names the cell it is in.
    if let badByte {
      throw failure(
        "byte 0x\(String(badByte, radix: 16, uppercase: true)) không phải UTF-8 hoặc là ký tự XML không cho phép",
        "byte 0x\(String(badByte, radix: 16, uppercase: true)) is not UTF-8 or a character XML does not allow"
      )
    }
    while !sourceEnded {
      bufferOffset += buffer.count
      position = 0
      guard let chunk = try source() else {
        sourceEnded = true
        buffer = []
        guard utf8.isComplete else { throw failure("UTF-8 bị cắt ở cuối", "UTF-8 cut off at the end") }
        return false
      }
      buffer = chunk
      if let bad = utf8.check(buffer) {
        badByte = buffer[bad]
        buffer.removeSubrange(bad...)
        if buffer.isEmpty { return try refill() }
      }
      if !buffer.isEmpty { return true }
    }
    return false
  }

  /// Moves past the bytes of the current chunk for which `accept` holds, appending them to nothing;
  /// returns where the run started. One tight loop over the chunk: debug builds pay per call, not per byte.
  private func scan(_ accept: (UInt8) -> Bool) -> Int {
    let start = position
    position = buffer.withUnsafeBufferPointer { bytes in
      var index = start
      while index < bytes.count && accept(bytes[index]) { index += 1 }
      return index
    }
    return start
  }

  private func peek() throws(XlsxArchiveRefusal) -> UInt8? {
    if position == buffer.count {
      guard try refill() else { return nil }
    }
    return buffer[position]
  }

  private func expect(_ wanted: UInt8) throws(XlsxArchiveRefusal) {
    guard let byte = try peek() else { throw truncated() }
    guard byte == wanted else {
      throw failure(
        "cần '\(Character(Unicode.Scalar(wanted)))'", "expected '\(Character(Unicode.Scalar(wanted)))'")
    }
    position += 1
  }

  /// Consumes `literal` when the input starts with it (ASCII only).
  private func skipIf(_ literal: String) throws(XlsxArchiveRefusal) -> Bool {
    let bytes = Array(literal.utf8)
    // The literal may straddle two chunks: keep what was matched so far and give it back on a miss.
    if buffer.count - position >= bytes.count {
      guard buffer[position..<(position + bytes.count)].elementsEqual(bytes) else { return false }
      position += bytes.count
      return true
    }
    var matched = 0
    while matched < bytes.count {
      guard let byte = try peek() else { throw truncated() }
      guard byte == bytes[matched] else {
        guard matched == 0 else { throw failure("cú pháp không hợp lệ", "invalid syntax") }
        return false
      }
      position += 1
      matched += 1
    }
    return true
  }

  @discardableResult
  private func skipSpace() throws(XlsxArchiveRefusal) -> Bool {
    var skipped = false
    while try peek() != nil {
      let run = scan { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
      guard run < position else { break }
      skipped = true
    }
    return skipped
  }

  /// An XML name: a letter, `_`, `:` or any non-ASCII character first; then also digits, `-` and `.`.
  private func readName() throws(XlsxArchiveRefusal) -> [UInt8] {
    var out: [UInt8] = []
    // The common case: the whole name in this chunk, ASCII letters and digits after a letter.
    if let first = try peek(), Self.isASCIILetter(first) {
      let run = scan { Self.isASCIILetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x3A }
      out.append(contentsOf: buffer[run..<position])
    }
    while let byte = try peek() {
      let isStart =
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80
      let isPart =
        isStart || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: ".")
      guard out.isEmpty ? isStart : isPart else { break }
      out.append(byte)
      position += 1
      if out.count > 1024 { throw tooLong() }
    }
    guard !out.isEmpty else { throw failure("cần một tên XML", "expected an XML name") }
    return out
  }

  private static func isASCIILetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
  }

  // MARK: - Errors

  /// Where in the part we are, for messages.
  var byteOffset: Int { bufferOffset + position }

  func failure(_ vi: String, _ en: String) -> XlsxArchiveRefusal {
    XlsxArchiveRefusal(
      vi: "Tệp bị hỏng: phần '\(part)' không phải XML hợp lệ (byte \(byteOffset): \(vi)).",
      en: "The file is damaged: part '\(part)' is not valid XML (byte \(byteOffset): \(en)).")
  }

  private func truncated() -> XlsxArchiveRefusal {
    failure(
      "tài liệu kết thúc giữa chừng — phần bị cắt cụt", "the document ends early — the part is cut short")
  }

  private func tooLong() -> XlsxArchiveRefusal {
    failure(
      "một tên, thuộc tính hoặc đoạn chữ dài quá \(Self.tokenBytesMax) byte",
      "a name, attribute or text longer than \(Self.tokenBytesMax) bytes")
  }

  static func notUTF8(_ part: String, _ encoding: String) -> XlsxArchiveRefusal {
    XlsxArchiveRefusal(
      vi: "Phần '\(part)' không mã hóa UTF-8 (\(encoding)): Excel và LibreOffice luôn lưu UTF-8; tệp bị hỏng "
        + "hoặc được tạo bất thường — lưu lại bằng Excel hoặc LibreOffice.",
      en:
        "Part '\(part)' is not encoded in UTF-8 (\(encoding)): Excel and LibreOffice always write UTF-8; the "
        + "file is damaged or unusually made — save it again in Excel or LibreOffice.")
  }
}

/// A UTF-8 check carried across chunks that also refuses what XML 1.0 forbids: C0 controls other than
/// tab, LF and CR, surrogates, U+FFFE and U+FFFF. (Overlong forms and values past U+10FFFF are not UTF-8.)
struct UTF8XMLCheck {
  private var pending = 0
  private var scalar: UInt32 = 0
  private var minimum: UInt32 = 0

  var isComplete: Bool { pending == 0 }

  static func isXMLCharacter(_ value: UInt32) -> Bool {
    switch value {
    case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x1_0000...0x10_FFFF: true
    default: false
    }
  }

  /// The index of the first bad byte of `bytes`, or nil.
  mutating func check(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { check($0) }
  }

  private mutating func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var index = 0
    let count = bytes.count
    while index < count {
      // Most of a workbook is printable ASCII.
      if pending == 0 {
        while index < count && bytes[index] >= 0x20 && bytes[index] < 0x80 { index += 1 }
        if index == count { break }
      }
      let byte = bytes[index]
      if pending == 0 {
        if byte < 0x80 {
          if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return index }
        } else if byte >= 0xC2 && byte <= 0xDF {
          (pending, scalar, minimum) = (1, UInt32(byte & 0x1F), 0x80)
        } else if byte >= 0xE0 && byte <= 0xEF {
          (pending, scalar, minimum) = (2, UInt32(byte & 0x0F), 0x800)
        } else if byte >= 0xF0 && byte <= 0xF4 {
          (pending, scalar, minimum) = (3, UInt32(byte & 0x07), 0x1_0000)
        } else {
          return index
        }
      } else {
        guard byte & 0xC0 == 0x80 else { return index }
        scalar = scalar << 6 | UInt32(byte & 0x3F)
        pending -= 1
        if pending == 0 && (scalar < minimum || !Self.isXMLCharacter(scalar)) { return index }
      }
      index += 1
    }
    return nil
  }
}

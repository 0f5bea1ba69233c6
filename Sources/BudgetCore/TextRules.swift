/// What a text read from the user's files may hold, so that every output can hold it: the workbook is
/// XML 1.0 (only the `Char` production: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF;
/// a Swift String never holds a lone surrogate, so the characters left to refuse are the C0 controls
/// other than tab/LF/CR, and U+FFFE, U+FFFF), and one Excel cell holds at most 32,767 UTF-16 code
/// units. Checked where the text is read, so `check` refuses what `settle` could not write.
public enum TextRules {
  /// The kinds of text field, each with its length limit and whether it may break lines.
  public enum Field: Sendable {
    /// Codes and references (row id, voucher, `reverses`, decision): one line, no tab, at most
    /// `Limits.identifierLengthMax` UTF-16 code units. Findings quote them inside their messages, so
    /// they must stay short for the message cell to fit.
    case identifier
    /// Names and titles (plan.yaml's texts, a scenario's name): one line, no tab, at most
    /// `Limits.nameLengthMax` UTF-16 code units; templates compose them into heading cells.
    case name
    /// Free text (a payment's description, an allocation's note): tab and line breaks allowed, at most
    /// `Limits.cellTextLengthMax` UTF-16 code units (one Excel cell holds it alone).
    case freeText

    public var lengthMax: Int {
      switch self {
      case .identifier: Limits.identifierLengthMax
      case .name: Limits.nameLengthMax
      case .freeText: Limits.cellTextLengthMax
      }
    }

    public var allowsLineBreaks: Bool { self == .freeText }
  }

  /// Why a text cannot be kept.
  public enum Violation: Equatable, Sendable {
    /// A character no XML 1.0 document can hold; `position` counts characters (scalars) from 1.
    case invalidCharacter(scalar: UInt32, position: Int)
    /// A tab or line break in a one-line field.
    case lineBreak(scalar: UInt32, position: Int)
    /// Longer than the field allows, in UTF-16 code units (what Excel counts).
    case tooLong(utf16Count: Int, lengthMax: Int)
  }

  /// Checks the UTF-8 bytes `start..<end` (already valid UTF-8). ASCII printable bytes take the fast
  /// path; only a control byte or the lead byte of U+FFFE/U+FFFF (EF BF BE/BF) is looked at closer.
  /// `exactUTF16Count` gives the length when the byte count alone cannot settle it (a caller with
  /// doubled CSV quotes passes the unescaped string's count).
  @inlinable
  public static func check(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ field: Field,
    exactUTF16Count: (() -> Int)? = nil
  ) -> Violation? {
    var index = start
    while index < end {
      let byte = bytes[index]
      if byte >= 0x20 && byte != 0xEF {
        index += 1
        continue
      }
      if byte == 0xEF {
        if index + 2 < end && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE {
          let scalar = 0xFFC0 | UInt32(bytes[index + 2] & 0x3F)
          return .invalidCharacter(scalar: scalar, position: position(bytes, start, index))
        }
        index += 1
        continue
      }
      // A C0 control.
      if byte == 0x09 || byte == 0x0A || byte == 0x0D {
        if !field.allowsLineBreaks {
          return .lineBreak(scalar: UInt32(byte), position: position(bytes, start, index))
        }
      } else {
        return .invalidCharacter(scalar: UInt32(byte), position: position(bytes, start, index))
      }
      index += 1
    }
    // UTF-16 code units never outnumber UTF-8 bytes, so a short field needs no count.
    if end - start > field.lengthMax {
      let count = exactUTF16Count?() ?? utf16Count(bytes, start, end)
      if count > field.lengthMax { return .tooLong(utf16Count: count, lengthMax: field.lengthMax) }
    }
    return nil
  }

  /// The same check for a String (YAML values and other texts that are Strings already).
  public static func check(_ text: String, _ field: Field) -> Violation? {
    var copy = text
    return copy.withUTF8 { buffer in
      check(buffer, 0, buffer.count, field, exactUTF16Count: { text.utf16.count })
    }
  }

  /// UTF-16 code units of valid UTF-8: one per scalar, two for a four-byte sequence.
  @usableFromInline
  static func utf16Count(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
    var count = 0
    for index in start..<end {
      let byte = bytes[index]
      if byte & 0xC0 != 0x80 { count += 1 }
      if byte >= 0xF0 { count += 1 }
    }
    return count
  }

  /// The 1-based character (scalar) position of the byte at `offset`.
  @usableFromInline
  static func position(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ offset: Int) -> Int {
    var count = 1
    for index in start..<offset where bytes[index] & 0xC0 != 0x80 { count += 1 }
    return count
  }

  /// `U+0001`: how a character is named in messages (never the raw character itself).
  public static func codePoint(_ scalar: UInt32) -> String {
    let hex = String(scalar, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// The text with every control character (C0, DEL, C1) and U+FFFE/U+FFFF written as `<U+0001>`, so a
  /// message quoting a bad value never sends the raw byte to a terminal or a workbook.
  public static func escapedForMessage(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      if needsEscape(scalar) {
        out += "<" + codePoint(scalar.value) + ">"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF
  }

  /// The reason in both languages, for a message that already names the field and its place.
  public static func explanation(_ violation: Violation) -> (vi: String, en: String) {
    switch violation {
    case .invalidCharacter(let scalar, let position):
      let name = codePoint(scalar)
      return (
        "có ký tự không được phép \(name) (ký tự thứ \(position)); bảng tính Excel (XML) không chứa được "
          + "ký tự này: cần xóa nó (thường do sao chép từ phần mềm khác).",
        "holds the character \(name) (character \(position)), which an Excel workbook (XML) cannot hold: "
          + "expected it removed (it usually comes from copying out of another program)."
      )
    case .lineBreak(let scalar, let position):
      let what = scalar == 0x09 ? ("dấu tab", "a tab") : ("dấu xuống dòng", "a line break")
      return (
        "có \(what.0) (\(codePoint(scalar)), ký tự thứ \(position)): cần viết trên một dòng, không tab.",
        "holds \(what.1) (\(codePoint(scalar)), character \(position)): expected one line without tabs."
      )
    case .tooLong(let count, let lengthMax):
      return (
        "dài \(count) ký tự (UTF-16): tối đa \(lengthMax).",
        "is \(count) characters (UTF-16) long: at most \(lengthMax)."
      )
    }
  }
}

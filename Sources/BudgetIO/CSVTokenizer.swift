/// A CSV field is a table cell whose kind is text: the byte range of its value inside the file's buffer,
/// without its surrounding quotes (`TableCell`, TableRows.swift).
public typealias CSVField = TableCell

/// What the tokenizer found next.
public enum CSVToken: Sendable, Equatable {
  /// A record whose first byte is on this physical line (1-based); its fields were written to the array.
  case record(line: Int)
  /// A quote opened on this line is never closed; the rest of the file is one broken field.
  case unterminatedQuote(line: Int)
  /// Text follows a closing quote (`"abc"x`) in field `fieldIndex` (1-based) of the record starting on
  /// `line`; the tokenizer skips to the next line and carries on.
  case textAfterClosingQuote(line: Int, fieldIndex: Int)
  /// No bytes left.
  case end
}

private let quoteByte: UInt8 = 0x22
private let lineFeed: UInt8 = 0x0A
private let carriageReturn: UInt8 = 0x0D
private let space: UInt8 = 0x20
private let tab: UInt8 = 0x09

/// An RFC 4180 tokenizer over UTF-8 bytes (docs/workspace-format.md, "How the CSV files are read"): `,` or `;` delimiters, quoted fields holding
/// delimiters, doubled quotes and newlines, LF or CRLF line ends. Tracks the physical line number of
/// every record start, so errors point at the line an officer sees in a text editor even after a
/// quoted newline.
///
/// The tokenizer borrows the buffer: use it inside `withUnsafeBufferPointer`, never after.
public struct CSVTokenizer {
  public let bytes: UnsafeBufferPointer<UInt8>
  public let delimiter: UInt8
  /// The byte the next record starts at.
  public private(set) var position: Int
  /// The physical line (1-based) of `position`.
  public private(set) var line: Int

  public init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, position: Int = 0, line: Int = 1) {
    precondition(delimiter != quoteByte && delimiter != lineFeed && delimiter != carriageReturn)
    self.bytes = bytes
    self.delimiter = delimiter
    self.position = position
    self.line = line
  }

  /// Reads the next record's fields into `fields` (cleared first; its capacity is reused).
  public mutating func next(into fields: inout [CSVField]) -> CSVToken {
    fields.removeAll(keepingCapacity: true)
    let count = bytes.count
    guard position < count else { return .end }
    let recordLine = line
    var index = position
    while true {
      if index < count && bytes[index] == quoteByte {
        let fieldLine = line
        index += 1
        let start = index
        var hasDoubledQuotes = false
        while true {
          guard index < count else {
            position = count
            return .unterminatedQuote(line: fieldLine)
          }
          let byte = bytes[index]
          if byte == quoteByte {
            if index + 1 < count && bytes[index + 1] == quoteByte {
              hasDoubledQuotes = true
              index += 2
              continue
            }
            break
          }
          if byte == lineFeed { line += 1 }
          index += 1
        }
        fields.append(CSVField(start: start, end: index, hasDoubledQuotes: hasDoubledQuotes))
        index += 1  // the closing quote
        // Spreadsheets sometimes pad after a closing quote; spaces there carry no meaning.
        while index < count && (bytes[index] == space || bytes[index] == tab) { index += 1 }
        if index >= count {
          position = count
          return .record(line: recordLine)
        }
        let byte = bytes[index]
        if byte == delimiter {
          index += 1
          continue
        }
        if byte == lineFeed || byte == carriageReturn {
          position = Self.skipLineEnd(bytes, index)
          line += 1
          return .record(line: recordLine)
        }
        // Resynchronise at the next physical line so one bad field does not hide the rest of the file.
        let fieldIndex = fields.count
        while index < count && bytes[index] != lineFeed && bytes[index] != carriageReturn {
          if bytes[index] == quoteByte { break }
          index += 1
        }
        while index < count && bytes[index] != lineFeed { index += 1 }
        if index < count {
          index += 1
          line += 1
        }
        position = index
        return .textAfterClosingQuote(line: recordLine, fieldIndex: fieldIndex)
      }
      // Unquoted field: up to the delimiter or the line end. A quote inside is kept literally, the way
      // spreadsheets read `12" pipe`.
      let start = index
      let delimiter = self.delimiter
      while index < count {
        let byte = bytes[index]
        if byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
        index += 1
      }
      fields.append(CSVField(start: start, end: index))
      if index >= count {
        position = count
        return .record(line: recordLine)
      }
      if bytes[index] == delimiter {
        index += 1
        continue
      }
      position = Self.skipLineEnd(bytes, index)
      line += 1
      return .record(line: recordLine)
    }
  }

  /// The index after a line end at `index` (CRLF, LF, or a lone CR).
  private static func skipLineEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
    if bytes[index] == carriageReturn && index + 1 < bytes.count && bytes[index + 1] == lineFeed {
      return index + 2
    }
    return index + 1
  }
}

/// Byte-level helpers shared by the readers.
public enum CSVBytes {
  /// The UTF-8 byte order mark Excel writes at the start of "CSV UTF-8" files.
  public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// 3 when the buffer starts with a BOM, else 0.
  public static func bomLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  /// The range without leading and trailing ASCII spaces and tabs (and no-break spaces, which
  /// spreadsheets paste in from web pages).
  @inline(__always)
  public static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
    var low = start
    var high = end
    while low < high {
      let byte = bytes[low]
      if byte == space || byte == tab {
        low += 1
      } else if byte == 0xC2 && low + 1 < high && bytes[low + 1] == 0xA0 {
        low += 2
      } else {
        break
      }
    }
    while high > low {
      let byte = bytes[high - 1]
      if byte == space || byte == tab {
        high -= 1
      } else if byte == 0xA0 && high - 2 >= low && bytes[high - 2] == 0xC2 {
        high -= 2
      } else {
        break
      }
    }
    return (low, high)
  }

  /// The field's text with doubled quotes undone. The buffer must already be valid UTF-8.
  public static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ field: CSVField, trim: Bool = true)
    -> String
  {
    let (start, end) = trim ? trimmed(bytes, field.start, field.end) : (field.start, field.end)
    guard field.hasDoubledQuotes else {
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
    // Undo `""` → `"` on the bytes (no Foundation string search on the hot path).
    var unescaped: [UInt8] = []
    unescaped.reserveCapacity(end - start)
    var index = start
    while index < end {
      let byte = bytes[index]
      unescaped.append(byte)
      index += byte == quoteByte && index + 1 < end && bytes[index + 1] == quoteByte ? 2 : 1
    }
    return String(decoding: unescaped, as: UTF8.self)
  }

  /// The offset of the first byte that is not part of well-formed UTF-8 (overlongs, surrogates and
  /// code points above U+10FFFF included), or nil when the whole buffer is valid.
  public static func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let count = bytes.count
    guard let base = bytes.baseAddress else { return nil }
    var index = 0
    while index < count {
      // ASCII fast path: eight bytes at a time while no byte has its high bit set.
      while index + 8 <= count {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        if word & 0x8080_8080_8080_8080 != 0 { break }
        index += 8
      }
      guard index < count else { return nil }
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var lowest: UInt8 = 0x80
      var highest: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        lowest = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        highest = 0x9F
      case 0xF0:
        length = 4
        lowest = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        highest = 0x8F
      default: return index
      }
      guard index + length <= count else { return index }
      let second = bytes[index + 1]
      guard second >= lowest && second <= highest else { return index }
      for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
        return index
      }
      index += length
    }
    return nil
  }

  /// The 1-based physical line of byte `offset`.
  public static func lineNumber(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var line = 1
    for index in 0..<min(offset, bytes.count) where bytes[index] == lineFeed { line += 1 }
    return line
  }
}

import Foundation
import ZIPFoundation

/// One part of an .xlsx archive, inflated.
struct ZipPart {
  var name: String
  var bytes: [UInt8]
}

/// Takes a workbook apart and puts it back together with correct CRCs, so that mutations of the XML
/// parts get past the zip layer and reach the XML parser and the sheet reader.
enum XlsxParts {
  /// The parts of `data`, or nil when it is not a readable zip or a part inflates past `partBytesMax`
  /// (the bomb fixtures: those are only mutated as raw bytes).
  static func unzip(_ data: Data, partBytesMax: Int = 4 << 20) -> [ZipPart]? {
    guard let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else { return nil }
    var parts: [ZipPart] = []
    for entry in archive where entry.type == .file {
      guard entry.uncompressedSize <= UInt64(partBytesMax) else { return nil }
      var bytes: [UInt8] = []
      do {
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
          bytes.append(contentsOf: chunk)
          if bytes.count > partBytesMax { throw CocoaError(.fileReadTooLarge) }
        }
      } catch {
        return nil
      }
      parts.append(ZipPart(name: entry.path, bytes: bytes))
    }
    return parts
  }

  /// A zip of `parts`: stored (no compression) by our own writer, or deflated by ZIPFoundation.
  static func zip(_ parts: [ZipPart], deflate: Bool) -> Data {
    if deflate, let archive = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil) {
      do {
        for part in parts {
          let data = Data(part.bytes)
          try archive.addEntry(
            with: part.name, type: .file, uncompressedSize: Int64(data.count),
            modificationDate: Date(timeIntervalSince1970: 1_700_000_000), compressionMethod: .deflate
          ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        if let data = archive.data { return data }
      } catch {}
    }
    return storedZip(parts)
  }

  /// A minimal zip (method 0, no data descriptors, fixed dates) with each part's CRC-32.
  static func storedZip(_ parts: [ZipPart]) -> Data {
    var out: [UInt8] = []
    var central: [UInt8] = []
    func u16(_ value: Int, _ to: inout [UInt8]) {
      to.append(UInt8(value & 0xFF))
      to.append(UInt8((value >> 8) & 0xFF))
    }
    func u32(_ value: UInt32, _ to: inout [UInt8]) {
      for shift in stride(from: 0, to: 32, by: 8) { to.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
    for part in parts {
      let name = Array(part.name.utf8)
      let crc = crc32(part.bytes)
      let size = UInt32(part.bytes.count)
      let offset = UInt32(out.count)
      u32(0x0403_4B50, &out)
      u16(20, &out)
      u16(0, &out)  // flags
      u16(0, &out)  // stored
      u16(0, &out)  // time
      u16(0x21, &out)  // 1980-01-01
      u32(crc, &out)
      u32(size, &out)
      u32(size, &out)
      u16(name.count, &out)
      u16(0, &out)
      out += name
      out += part.bytes

      u32(0x0201_4B50, &central)
      u16(20, &central)
      u16(20, &central)
      u16(0, &central)
      u16(0, &central)
      u16(0, &central)
      u16(0x21, &central)
      u32(crc, &central)
      u32(size, &central)
      u32(size, &central)
      u16(name.count, &central)
      u16(0, &central)  // extra
      u16(0, &central)  // comment
      u16(0, &central)  // disk
      u16(0, &central)  // internal attributes
      u32(0, &central)  // external attributes
      u32(offset, &central)
      central += name
    }
    let centralOffset = UInt32(out.count)
    out += central
    u32(0x0605_4B50, &out)
    u16(0, &out)
    u16(0, &out)
    u16(parts.count, &out)
    u16(parts.count, &out)
    u32(UInt32(central.count), &out)
    u32(centralOffset, &out)
    u16(0, &out)
    return Data(out)
  }

  private static let crcTable: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    return value
  }

  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return crc ^ 0xFFFF_FFFF
  }
}

/// Mutations of an XML part that keep most of it well formed, so they get past the parser and test
/// what the sheet reader does with odd values, references, types and structure.
enum XmlMutator {
  /// What the mutation did, for the oracle: a part cut before its root's closing `>` is not well
  /// formed and must be refused when the reader reads that part.
  enum Effect {
    case other
    case truncatedBeforeEnd
  }

  static let numbers = [
    "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1E+400", "1e308", "-1e308",
    "9007199254740993", "1000000000000000000", "4.5E+15", "NaN", "INF", "-0", "", " 12 ", "1,5", "0x10",
    "2958466", "-1", "60", "1.0000000000000002", "12345678901234567890123", "3.7", "1e-400",
  ]
  static let references = [
    "A0", "A1048577", "XFD1", "XFE1", "ZZZZZZZ1", "A99999999999999999999", "", "1A", "a1", "$A$1", "A-1",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1",
  ]
  static let types = ["s", "str", "inlineStr", "b", "e", "n", "d", "", "x", "S"]
  static let fragments = [
    "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>", "<f>1+2</f>", "&amp;", "&#0;", "&#x1B;", "&#xFFFE;",
    "&bogus;",
    "<![CDATA[x]]>", "<?pi x?>", "<!-- c -->", "<is><t>inline</t></is>",
    "<c r=\"A1\" t=\"s\"><v>999999</v></c>",
    "</row>", "<row>", "<row r=\"1\">", "</sheetData>", "<sheetData/>",
    "<sheet name=\"x\" sheetId=\"9\" r:id=\"rId9\"/>",
    "\u{0000}", "\u{FFFE}", "<x:c xmlns:x=\"urn:x\"/>",
  ]

  static func mutate(_ part: inout ZipPart, rng: inout FuzzRandom, splice: [UInt8]?) -> Effect {
    var text = part.bytes
    guard !text.isEmpty else {
      part.bytes = Array(rng.pick(fragments).utf8)
      return .other
    }
    switch rng.below(11) {
    case 0, 1:  // truncate
      let cut = rng.oneIn(3) ? max(0, text.count - 1 - rng.below(64)) : rng.below(text.count)
      let lastClose = text.lastIndex(of: UInt8(ascii: ">")) ?? -1
      part.bytes = Array(text[..<cut])
      return cut <= lastClose ? .truncatedBeforeEnd : .other
    case 2:  // a number in <v> replaced
      replaceValue(in: &text, after: "<v>", until: "</v>", with: rng.pick(numbers), rng: &rng)
    case 3:
      replaceValue(in: &text, after: " r=\"", until: "\"", with: rng.pick(references), rng: &rng)
    case 4:
      replaceValue(in: &text, after: " t=\"", until: "\"", with: rng.pick(types), rng: &rng)
    case 5:  // a closing tag dropped
      let tags = ["</row>", "</c>", "</v>", "</si>", "</t>", "</sheetData>", "</sheets>"]
      remove(rng.pick(tags), from: &text, rng: &rng)
    case 6:  // a row (or a cell) duplicated
      duplicate(element: rng.oneIn(2) ? "row" : "c", in: &text, rng: &rng)
    case 7:  // a fragment inserted at a tag boundary
      let positions = text.indices.filter { text[$0] == UInt8(ascii: "<") }
      let at = positions.isEmpty ? 0 : rng.pick(positions)
      text.insert(contentsOf: Array(rng.pick(fragments).utf8), at: at)
    case 8:  // a cached value turned into a formula without one, or a sheet hidden
      if rng.oneIn(2) {
        replaceFirst(in: &text, "<v>", with: "<f>SUM(1,2)</f><v>", rng: &rng)
      } else {
        replaceFirst(in: &text, "<sheet ", with: "<sheet state=\"hidden\" ", rng: &rng)
      }
    case 9:  // an attribute value replaced by a number
      replaceValue(in: &text, after: "=\"", until: "\"", with: rng.pick(numbers), rng: &rng)
    default:  // raw byte mutations of the XML text
      text = Mutator.mutate(text, rng: &rng, splice: splice)
    }
    part.bytes = text
    return .other
  }

  /// Ranges where `needle` occurs.
  static func occurrences(of needle: String, in text: [UInt8]) -> [Int] {
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, text.count >= pattern.count else { return [] }
    var found: [Int] = []
    var index = 0
    let last = text.count - pattern.count
    while index <= last {
      if text[index] == pattern[0] && text[index..<index + pattern.count].elementsEqual(pattern) {
        found.append(index)
        index += pattern.count
      } else {
        index += 1
      }
    }
    return found
  }

  static func replaceValue(
    in text: inout [UInt8], after opening: String, until closing: String, with value: String,
    rng: inout FuzzRandom
  ) {
    let starts = occurrences(of: opening, in: text)
    guard !starts.isEmpty else { return }
    let start = rng.pick(starts) + opening.utf8.count
    let close = Array(closing.utf8)
    var end = start
    while end + close.count <= text.count && !text[end..<end + close.count].elementsEqual(close) { end += 1 }
    guard end + close.count <= text.count else { return }
    text.replaceSubrange(start..<end, with: Array(value.utf8))
  }

  static func replaceFirst(
    in text: inout [UInt8], _ needle: String, with value: String, rng: inout FuzzRandom
  ) {
    let starts = occurrences(of: needle, in: text)
    guard !starts.isEmpty else { return }
    let start = rng.oneIn(2) ? starts[0] : rng.pick(starts)
    text.replaceSubrange(start..<start + needle.utf8.count, with: Array(value.utf8))
  }

  static func remove(_ needle: String, from text: inout [UInt8], rng: inout FuzzRandom) {
    let starts = occurrences(of: needle, in: text)
    guard !starts.isEmpty else { return }
    let start = rng.pick(starts)
    text.removeSubrange(start..<start + needle.utf8.count)
  }

  static func duplicate(element name: String, in text: inout [UInt8], rng: inout FuzzRandom) {
    let starts = occurrences(of: "<\(name) ", in: text)
    guard !starts.isEmpty else { return }
    let start = rng.pick(starts)
    let closing = Array("</\(name)>".utf8)
    var end = start
    while end + closing.count <= text.count && !text[end..<end + closing.count].elementsEqual(closing) {
      end += 1
    }
    guard end + closing.count <= text.count else { return }
    let element = Array(text[start..<end + closing.count])
    text.insert(contentsOf: element, at: rng.oneIn(2) ? start : end + closing.count)
  }
}

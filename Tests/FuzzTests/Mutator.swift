/// Byte-level mutations of a seed file, in the spirit of AFL's havoc stage: each input is a corpus
/// file with one to four of these stacked. The interesting bytes and tokens are the ones the readers
/// branch on (delimiters, quotes, line ends, signs, digits, escape and NUL) and the values at the
/// limits (huge numbers, Int64's edges, Excel's 2^53).
enum Mutator {
  static let interestingBytes: [UInt8] = [
    0x00, 0x01, 0x1B, 0x7F, 0x80, 0xC3, 0xFE, 0xFF, UInt8(ascii: "\""), UInt8(ascii: ","),
    UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "0"),
    UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: " "),
    UInt8(ascii: ":"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "<"),
    UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "#"), UInt8(ascii: "{"), UInt8(ascii: "["),
  ]

  static let interestingTokens: [String] = [
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999999",
    "1000000000000000000", "9007199254740993", "1e308", "1E+400", "-0", "0.5", "1,5", "1.234.567.890.123",
    "00000000000000000000000001", "NaN", "-", "\"\"", "\"", ";;;;", ",,,,", "\r\n", "\r", "\u{FEFF}",
    "\u{FFFE}", "\u{0001}", "\u{001B}[31m", "2023-02-30", "29/02/2023", "9999-12-31", "0000-01-01",
    "31/12/99999", "=1+2", "@SUM(A1)", String(repeating: "A", count: 40_000), "*a", "&a ", "? ", "!!binary",
    "<<: *a", "{", "[", "'", "%YAML 1.1\n", "---\n", "...\n", "~", "null", "yes", "off", "0x10", "0o17",
    ".inf", "-.nan", "Đồng", "\u{0301}", "\u{200B}",
  ]

  static func mutate(_ input: [UInt8], rng: inout FuzzRandom, splice: [UInt8]? = nil) -> [UInt8] {
    var bytes = input
    // Mostly one mutation, so that many inputs stay close enough to valid to reach the engine.
    let rounds = rng.oneIn(2) ? 1 : 1 + rng.below(4)
    for _ in 0..<rounds { mutateOnce(&bytes, rng: &rng, splice: splice) }
    return bytes
  }

  static func mutateOnce(_ bytes: inout [UInt8], rng: inout FuzzRandom, splice: [UInt8]?) {
    let op = rng.below(12)
    if bytes.isEmpty {
      bytes = Array(rng.pick(interestingTokens).utf8)
      return
    }
    let at = rng.below(bytes.count)
    switch op {
    case 0:  // flip one bit
      bytes[at] ^= 1 << UInt8(rng.below(8))
    case 1:  // replace a byte with an interesting one
      bytes[at] = rng.pick(interestingBytes)
    case 2:  // insert an interesting byte
      bytes.insert(rng.pick(interestingBytes), at: at)
    case 3:  // delete a run
      let length = min(bytes.count - at, 1 + rng.below(rng.oneIn(4) ? 256 : 8))
      bytes.removeSubrange(at..<at + length)
    case 4:  // insert an interesting token
      bytes.insert(contentsOf: Array(rng.pick(interestingTokens).utf8), at: at)
    case 5:  // replace a number (a run of digits) with an interesting token
      replaceNumber(&bytes, near: at, with: Array(rng.pick(interestingTokens).utf8))
    case 6:  // duplicate a chunk (rows, keys) in place, sometimes many times
      let length = min(bytes.count - at, 1 + rng.below(512))
      let chunk = Array(bytes[at..<at + length])
      let copies = rng.oneIn(8) ? 1 + rng.below(64) : 1
      let to = rng.below(bytes.count + 1)
      for _ in 0..<copies { bytes.insert(contentsOf: chunk, at: to) }
    case 7:  // truncate
      bytes.removeSubrange(at...)
    case 8:  // splice with another file of the same kind
      if let splice, !splice.isEmpty {
        let from = rng.below(splice.count)
        bytes = Array(bytes[..<at]) + Array(splice[from...])
      } else {
        bytes[at] = UInt8(truncatingIfNeeded: rng.next())
      }
    case 9:  // random byte
      bytes[at] = UInt8(truncatingIfNeeded: rng.next())
    case 10:  // swap two lines
      swapLines(&bytes, rng: &rng)
    default:  // overwrite a run with one interesting byte
      let length = min(bytes.count - at, 1 + rng.below(16))
      let byte = rng.pick(interestingBytes)
      for index in at..<at + length { bytes[index] = byte }
    }
  }

  /// Inserts a YAML anchor chain at a line start (each level ten aliases of the one before; used as a
  /// value, a sequence item or a mapping key): the billion-laughs shape every YAML reader must refuse
  /// or bound.
  static func insertAliasChain(_ bytes: inout [UInt8], rng: inout FuzzRandom) {
    let depth = 1 + rng.below(9)
    let lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
    let at = rng.pick(lineStarts)
    var indent = ""
    var index = at
    while index < bytes.count && bytes[index] == UInt8(ascii: " ") {
      indent += " "
      index += 1
    }
    var text = "\(indent)z0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1...depth {
      let aliases = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
      text += "\(indent)z\(level): &a\(level) [\(aliases)]\n"
    }
    switch rng.below(3) {
    case 0: text += "\(indent)? *a\(depth)\n\(indent): off\n"
    case 1: text += "\(indent)zz: *a\(depth)\n"
    default: text += "\(indent)<<: {k: *a\(depth)}\n"
    }
    bytes.insert(contentsOf: Array(text.utf8), at: min(at, bytes.count))
  }

  /// Replaces the run of digits at or after `offset` (if any) with `token`.
  static func replaceNumber(_ bytes: inout [UInt8], near offset: Int, with token: [UInt8]) {
    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    var start = offset
    while start < bytes.count && !isDigit(bytes[start]) { start += 1 }
    guard start < bytes.count else {
      bytes.insert(contentsOf: token, at: offset)
      return
    }
    var end = start
    while end < bytes.count && (isDigit(bytes[end]) || bytes[end] == UInt8(ascii: ".")) { end += 1 }
    bytes.replaceSubrange(start..<end, with: token)
  }

  static func swapLines(_ bytes: inout [UInt8], rng: inout FuzzRandom) {
    var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    guard lines.count > 2 else { return }
    let first = rng.below(lines.count)
    let second = rng.below(lines.count)
    lines.swapAt(first, second)
    bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
  }
}

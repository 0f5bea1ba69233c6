import Foundation

/// Excel's naming rules, checked in Swift because libxlsxwriter 1.1.4 lets through names that make
/// Excel "repair" the file (names equal under case folding, duplicate defined names).
enum NameRules {
  static let sheetNameForbiddenCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

  /// The reason `name` cannot be a sheet name, or nil. `name` is already in NFC.
  static func sheetNameProblem(_ name: String) -> String? {
    if name.isEmpty { return "empty / trống" }
    if name.utf16.count > XlsxLimits.sheetNameLengthMax {
      return "longer than 31 characters / dài quá 31 ký tự"
    }
    if let bad = name.first(where: { sheetNameForbiddenCharacters.contains($0) }) {
      return "contains '\(bad)'; [ ] : * ? / \\ are not allowed / chứa ký tự không được phép"
    }
    if name.hasPrefix("'") || name.hasSuffix("'") {
      return "starts or ends with an apostrophe / bắt đầu hoặc kết thúc bằng dấu nháy"
    }
    if name.utf8.contains(where: { $0 < 0x20 }) {
      return "contains a control character / chứa ký tự điều khiển"
    }
    if sheetNameKeys(name).contains("history") {
      return "\"History\" is reserved by Excel / tên dành riêng của Excel"
    }
    return nil
  }

  /// The forms under which Excel considers two sheet names equal: NFC, then case-folded both ways
  /// (lowercasing alone misses pairs such as "ß"/"SS"). Diacritics are kept: "Tổng hợp" and
  /// "TỔNG HỢP" collide, "Tong hop" does not.
  static func sheetNameKeys(_ name: String) -> Set<String> {
    let composed = name.precomposedStringWithCanonicalMapping
    return [
      composed.lowercased().precomposedStringWithCanonicalMapping,
      composed.uppercased().precomposedStringWithCanonicalMapping,
    ]
  }

  /// The reason `name` cannot be a defined name, or nil. libxlsxwriter 1.1.4 checks the first
  /// character byte-wise, so only ASCII names are accepted here (the same rule, said up front).
  static func definedNameProblem(_ name: String) -> String? {
    if name.isEmpty { return "empty / trống" }
    if name.utf16.count > XlsxLimits.definedNameLengthMax { return "longer than 255 characters" }
    let bytes = Array(name.utf8)
    func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    let underscore: UInt8 = 0x5F
    let backslash: UInt8 = 0x5C
    let period: UInt8 = 0x2E
    guard let first = bytes.first, isLetter(first) || first == underscore || first == backslash else {
      return "must start with a letter, '_' or '\\' / phải bắt đầu bằng chữ cái, '_' hoặc '\\'"
    }
    if !bytes.allSatisfy({
      isLetter($0) || isDigit($0) || $0 == underscore || $0 == backslash || $0 == period
    }) {
      return
        "only ASCII letters, digits, '_', '.' and '\\' are allowed / chỉ dùng chữ cái không dấu, số, '_', '.'"
    }
    if looksLikeCellReference(name) {
      return "looks like a cell reference / trông giống địa chỉ ô"
    }
    return nil
  }

  /// `A1`, `XFD1048576`, `R`, `C`, `R1C1`, `RC`: Excel reads these as references, not names.
  static func looksLikeCellReference(_ name: String) -> Bool {
    let upper = name.uppercased()
    if upper == "R" || upper == "C" { return true }
    // A1 style: 1–3 letters then digits only.
    let letters = upper.prefix(while: { $0.isASCII && $0.isLetter })
    let rest = upper.dropFirst(letters.count)
    if (1...3).contains(letters.count), !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }) {
      return true
    }
    // R1C1 style: R, optional digits, C, optional digits.
    if upper.first == "R" {
      let afterR = upper.dropFirst().drop(while: { $0.isASCII && $0.isNumber })
      if afterR.first == "C", afterR.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
    }
    return false
  }
}

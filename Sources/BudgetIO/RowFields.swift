import BudgetCore

/// Turns repeated code bytes into one shared String: a file names the same few dozen codes a million
/// times, so each distinct code is decoded once. Codes are at most 32 bytes, so the key is the bytes
/// themselves packed into four words (no allocation, cheap hashing).
struct CodeInterner {
  private struct Key: Equatable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var length: Int = 0

    static func == (lhs: Key, rhs: Key) -> Bool {
      lhs.length == rhs.length && lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1
        && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    /// Multiply-xorshift over the four words: a few cycles, where `Hasher` (SipHash) cost more than
    /// the rest of the lookup.
    var hash: Int {
      var mixed = words.0 &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(length)
      mixed = (mixed ^ words.1 ^ (mixed >> 29)) &* 0xBF58_476D_1CE4_E5B9
      mixed = (mixed ^ words.2 ^ words.3 &* 31 ^ (mixed >> 32)) &* 0x94D0_49BB_1331_11EB
      return Int(truncatingIfNeeded: mixed ^ (mixed >> 31))
    }
  }

  /// Open addressing: `slots` hold 1 + an index into `entries` (0 = empty), never more than half full.
  private var slots = [Int32](repeating: 0, count: 64)
  private var entries: [(key: Key, string: String)] = []

  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
    let length = end - start
    precondition(length <= 32, "codes are checked against Limits.codeLengthMax before interning")
    var key = Key()
    key.length = length
    if let source = bytes.baseAddress {
      withUnsafeMutableBytes(of: &key.words) { words in
        words.baseAddress.map { $0.copyMemory(from: source + start, byteCount: length) }
      }
    }
    let mask = slots.count - 1
    var position = key.hash & mask
    while slots[position] != 0 {
      let entry = Int(slots[position]) - 1
      if entries[entry].key == key { return entries[entry].string }
      position = (position + 1) & mask
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    entries.append((key, text))
    slots[position] = Int32(entries.count)
    if entries.count * 2 > slots.count { grow() }
    return text
  }

  private mutating func grow() {
    slots = [Int32](repeating: 0, count: slots.count * 2)
    let mask = slots.count - 1
    for (index, entry) in entries.enumerated() {
      var position = entry.key.hash & mask
      while slots[position] != 0 { position = (position + 1) & mask }
      slots[position] = Int32(index + 1)
    }
  }
}

/// One data row being read, from a CSV record or a sheet row alike: finds each column's cell, parses it
/// by its kind and reports problems at the line and field (CSV) or the cell (sheet), with the column's
/// title and position, in both languages, always saying what was expected.
struct RowFields {
  let row: TableRow
  let origin: TableOrigin

  /// The row itself: a CSV line or a sheet row.
  var location: SourceLocation { origin.location(line: row.line) }

  /// The trimmed byte range of a column, or nil when the file has no such column (or its cell was
  /// already reported by the sheet reader).
  @inline(__always)
  func range(_ column: CSVHeaderColumn?) -> (Int, Int)? {
    guard let column else { return nil }
    let cell = row.cells[column.position - 1]
    guard cell.kind != .reported else { return nil }
    return CSVBytes.trimmed(row.bytes, cell.start, cell.end)
  }

  @inline(__always)
  func kind(_ column: CSVHeaderColumn) -> TableCellKind { row.cells[column.position - 1].kind }

  /// The value as text for a message, shortened so one broken field cannot flood the report, with
  /// control characters written as `<U+0001>` (never sent raw to a terminal).
  func shown(_ start: Int, _ end: Int) -> String {
    let text = String(decoding: UnsafeBufferPointer(rebasing: row.bytes[start..<end]), as: UTF8.self)
    return TextRules.escapedForMessage(text.count > 60 ? String(text.prefix(60)) + "…" : text)
  }

  /// The trimmed value of a column as text for a message.
  func shown(_ column: CSVHeaderColumn) -> String {
    guard let (start, end) = range(column) else { return "" }
    return shown(start, end)
  }

  func error(_ column: CSVHeaderColumn, vi: String, en: String) -> InputError {
    origin.error(
      line: row.line, position: column.position,
      vi: "cột '\(column.title)' (\(column.position)): \(vi)",
      en: "column '\(column.title)' (\(column.position)): \(en)")
  }

  func rowError(vi: String, en: String) -> InputError {
    origin.error(line: row.line, vi: vi, en: en)
  }

  func missing(_ column: CSVHeaderColumn, viWhat: String, enWhat: String) -> InputError {
    error(column, vi: "Ô trống: cần \(viWhat).", en: "Empty field: expected \(enWhat).")
  }

  /// A code: trimmed, 1–32 bytes, no whitespace inside. Whether the plan knows it is the engine's
  /// business (UNKNOWN_*), not an input error.
  @inline(__always)
  func code(
    _ column: CSVHeaderColumn, interner: inout CodeInterner, errors: inout InputErrors
  ) -> String? {
    guard let (start, end) = range(column) else { return nil }
    let field = row.cells[column.position - 1]
    guard start < end else {
      errors.append(missing(column, viWhat: "một mã (ví dụ TW)", enWhat: "a code (for example TW)"))
      return nil
    }
    guard end - start <= Limits.codeLengthMax, !field.hasDoubledQuotes,
      !FieldParsers.containsWhitespace(row.bytes, start, end)
    else {
      let value = shown(start, end)
      errors.append(
        error(
          column,
          vi: "Mã không hợp lệ '\(value)': cần 1–\(Limits.codeLengthMax) ký tự, không có khoảng trắng.",
          en: "Invalid code '\(value)': expected 1–\(Limits.codeLengthMax) characters without spaces."))
      return nil
    }
    // A code the plan does not know is a finding that quotes it, so it must be writable too.
    if let violation = TextRules.check(row.bytes, start, end, .identifier) {
      errors.append(invalidText(column, violation))
      return nil
    }
    return interner.string(row.bytes, start, end)
  }

  /// The error for a text the outputs could not hold, naming the field and what is wrong.
  func invalidText(_ column: CSVHeaderColumn, _ violation: TextRules.Violation) -> InputError {
    let (vi, en) = TextRules.explanation(violation)
    return error(column, vi: "Giá trị \(vi)", en: "The value \(en)")
  }

  /// A budget year in Limits.yearMin…Limits.yearMax; nil (and an error) otherwise. An empty optional
  /// field is nil without an error.
  func year(_ column: CSVHeaderColumn, required: Bool, errors: inout InputErrors) -> Int? {
    guard let (start, end) = range(column) else { return nil }
    guard start < end else {
      if required {
        errors.append(
          missing(column, viWhat: "năm 4 chữ số (ví dụ 2023)", enWhat: "a 4-digit year (e.g. 2023)"))
      }
      return nil
    }
    guard let year = FieldParsers.year(row.bytes, start, end),
      (Limits.yearMin...Limits.yearMax).contains(year)
    else {
      let value = shown(start, end)
      errors.append(
        error(
          column,
          vi: "Năm không hợp lệ '\(value)': cần năm 4 chữ số từ \(Limits.yearMin) đến \(Limits.yearMax).",
          en: "Invalid year '\(value)': expected a 4-digit year from \(Limits.yearMin) to \(Limits.yearMax).")
      )
      return nil
    }
    return year
  }

  /// A date: text `YYYY-MM-DD` or `DD/MM/YYYY`, or a sheet's number (a date cell, or a bare serial in
  /// a date column) counted in the workbook's date system.
  func date(_ column: CSVHeaderColumn, required: Bool, errors: inout InputErrors) -> CivilDate? {
    guard let (start, end) = range(column) else { return nil }
    guard start < end else {
      if required {
        errors.append(
          missing(
            column, viWhat: "ngày dạng DD/MM/YYYY hoặc YYYY-MM-DD", enWhat: "a date DD/MM/YYYY or YYYY-MM-DD")
        )
      }
      return nil
    }
    let result: FieldParsers.DateResult
    switch kind(column) {
    case .number, .date: result = serialDate(start, end)
    case .text, .reported: result = FieldParsers.date(row.bytes, start, end)
    }
    switch result {
    case .date(let date): return date
    case .impossible:
      let value = shown(start, end)
      errors.append(
        error(
          column,
          vi: "Ngày không tồn tại '\(value)': cần một ngày có thật (ngày/tháng/năm) trong các năm "
            + "\(Limits.yearMin)–\(Limits.yearMax).",
          en: "Impossible date '\(value)': expected a real calendar day (day/month/year) in "
            + "\(Limits.yearMin)–\(Limits.yearMax)."))
    case .invalid:
      let value = shown(start, end)
      errors.append(
        error(
          column,
          vi: "Ngày không hợp lệ '\(value)': cần DD/MM/YYYY (ngày trước tháng) hoặc YYYY-MM-DD.",
          en: "Invalid date '\(value)': expected DD/MM/YYYY (day first) or YYYY-MM-DD."))
    }
    return nil
  }

  /// A sheet's date serial as a day in the years the program accepts.
  func serialDate(_ start: Int, _ end: Int) -> FieldParsers.DateResult {
    let digits = String(decoding: UnsafeBufferPointer(rebasing: row.bytes[start..<end]), as: UTF8.self)
    guard let date = XlsxDecimal(digits)?.serialDate(uses1904Dates: origin.uses1904Dates) else {
      return .invalid
    }
    return (Limits.yearMin...Limits.yearMax).contains(date.year) ? .date(date) : .impossible
  }

  /// Whole đồng: text optionally grouped in threes with an optional leading minus, or a sheet's
  /// number without a fraction (the caller checks the sign rules). A number cell with a fraction of a
  /// đồng, or a date cell, is an error at its cell.
  @inline(__always)
  func amount(_ column: CSVHeaderColumn, errors: inout InputErrors) -> Int64? {
    guard let (start, end) = range(column) else { return nil }
    switch kind(column) {
    case .text, .reported: break
    case .number:
      // A sheet's number is plain digits: a point is a fraction, never a digit group.
      guard row.bytes[start..<end].contains(UInt8(ascii: ".")) else { break }
      let value = shown(start, end)
      errors.append(
        error(
          column,
          vi: "Số tiền '\(value)' có phần lẻ của đồng: cần số nguyên đồng.",
          en: "Amount '\(value)' has a fraction of a đồng: expected whole đồng."))
      return nil
    case .date:
      errors.append(
        error(
          column,
          vi: "Ô có định dạng ngày, không phải số tiền: cần số nguyên đồng (định dạng ô là số).",
          en: "The cell is formatted as a date, not an amount: expected whole đồng (format it as a number)."))
      return nil
    }
    switch FieldParsers.amount(row.bytes, start, end) {
    case .value(let value): return value
    case .tooLarge:
      let value = shown(start, end)
      errors.append(
        error(
          column,
          vi: "Số tiền quá lớn '\(value)': tối đa \(Money(dong: Limits.amountMaxDong).grouped) đồng.",
          en: "Amount too large '\(value)': at most \(Money(dong: Limits.amountMaxDong).groupedEnglish) đồng."
        ))
    case .invalid:
      let value = shown(start, end)
      errors.append(
        error(
          column,
          vi: "Số tiền không hợp lệ '\(value)': cần số nguyên đồng, có thể nhóm 3 chữ số bằng dấu chấm "
            + "(1.234.567), dấu phẩy hoặc khoảng trắng.",
          en: "Invalid amount '\(value)': expected whole đồng, optionally grouped in threes "
            + "(1.234.567, 1,234,567 or 1 234 567)."))
    }
    return nil
  }

  /// A text value, checked against what the outputs can hold (`TextRules`: XML 1.0 characters, line
  /// breaks only in free text, the field's length); empty → nil without an error, a violation → nil
  /// and a located error. A sheet's date cell reads as its day, `YYYY-MM-DD`.
  @inline(__always)
  func text(_ column: CSVHeaderColumn?, _ field: TextRules.Field, errors: inout InputErrors) -> String? {
    guard let column, let (start, end) = range(column), start < end else { return nil }
    let cell = row.cells[column.position - 1]
    if cell.kind == .date, case .date(let date) = serialDate(start, end) { return date.iso }
    let violation = TextRules.check(
      row.bytes, start, end, field,
      exactUTF16Count: cell.hasDoubledQuotes
        ? { CSVBytes.string(row.bytes, cell).utf16.count } : nil)
    if let violation {
      errors.append(invalidText(column, violation))
      return nil
    }
    return CSVBytes.string(row.bytes, cell)
  }

  /// A tiểu mục of the Mục lục NSNN: 4 digits, not a multiple of 50 (those are mục). Empty → nil
  /// without an error.
  func subItem(_ column: CSVHeaderColumn?, errors: inout InputErrors) -> BudgetSubItemCode? {
    guard let column, let (start, end) = range(column), start < end else { return nil }
    let value = String(decoding: UnsafeBufferPointer(rebasing: row.bytes[start..<end]), as: UTF8.self)
    if let code = BudgetSubItemCode(value) { return code }
    let shown = shown(start, end)
    if BudgetItemCode(value) != nil {
      errors.append(
        error(
          column,
          vi: "'\(shown)' là mã mục, không phải tiểu mục: cần tiểu mục 4 chữ số thuộc mục đó "
            + "(ví dụ \(value.prefix(3))1).",
          en: "'\(shown)' is an item (mục) code, not a sub-item: expected a 4-digit sub-item of that item "
            + "(for example \(value.prefix(3))1)."))
    } else {
      errors.append(
        error(
          column, vi: "Tiểu mục không hợp lệ '\(shown)': cần 4 chữ số (ví dụ 6651), hoặc để trống.",
          en: "Invalid sub-item (tiểu mục) '\(shown)': expected 4 digits (for example 6651), or empty."))
    }
    return nil
  }

  /// The raw text of a column for matching against fixed names (kinds); empty → nil. Not kept, so not
  /// checked: an unmatched value is an error quoting it escaped.
  func rawText(_ column: CSVHeaderColumn?) -> String? {
    guard let column, let (start, end) = range(column), start < end else { return nil }
    return CSVBytes.string(row.bytes, row.cells[column.position - 1])
  }

  /// Whether the sheet reader has already reported the column's cell (it reads as empty).
  func isReported(_ column: CSVHeaderColumn) -> Bool { row.cells[column.position - 1].kind == .reported }

  /// Whether the column is present and has a non-blank value.
  func isFilled(_ column: CSVHeaderColumn?) -> Bool {
    guard let (start, end) = range(column) else { return false }
    return start < end
  }
}

import BudgetCore
import Foundation

/// A column a CSV file may have, by its canonical (English) name.
public struct CSVColumn: Sendable, Hashable {
  public let name: String
  public let isRequired: Bool

  public init(_ name: String, required: Bool) {
    self.name = name
    self.isRequired = required
  }
}

/// Header names as finance offices write them (docs/workspace-format.md, "How the CSV files are read"): canonical names plus Vietnamese
/// aliases, all compared after trimming, NFC normalisation and case folding.
public enum CSVHeaderNames {
  /// normalised alias → canonical name. Canonical names map to themselves.
  public static let canonicalByAlias: [String: String] = {
    let aliases: [String: [String]] = [
      "year": ["năm", "niên độ", "nam"],
      "source": ["nguồn", "nguồn kinh phí", "nguồn vốn"],
      "activity": ["nội dung", "hoạt động"],
      "unit": ["đơn vị", "đơn vị thực hiện"],
      "kind": ["loại", "loại dự toán"],
      "amount": ["số tiền"],
      "origin_year": ["năm gốc", "origin year"],
      "decision": ["số quyết định", "quyết định"],
      "decision_date": ["ngày quyết định", "decision date"],
      "note": ["ghi chú"],
      "id": ["mã", "mã dòng"],
      "voucher": ["số chứng từ", "chứng từ"],
      "date": ["ngày", "ngày chi"],
      "quantity": ["số lượng"],
      "description": ["diễn giải", "nội dung chi"],
      // The id of the row being reversed: "đảo dòng" (reverse row), "hủy dòng" (cancel row) and the
      // accountants' "điều chỉnh giảm cho" (reduction adjustment for); both accent placements of "hủy".
      "reverses": ["đảo", "đảo dòng", "hủy dòng", "huỷ dòng", "điều chỉnh giảm cho"],
      // How a payment left the treasury (thực chi / tạm ứng / thanh toán tạm ứng), and for a settlement
      // the id of the advance it settles.
      "payment_kind": ["hình thức chi", "loại chi", "hình thức thanh toán", "payment kind"],
      "carry_part": ["phần chuyển sang", "loại số dư", "số dư chuyển sang", "carry part"],
      "settles": ["mã tạm ứng", "thanh toán cho tạm ứng", "tạm ứng được thanh toán", "settles advance"],
      // A payment's own tiểu mục of the Mục lục NSNN (budget classification sub-item).
      "sub_item_code": ["tiểu mục", "mã tiểu mục", "tiểu mục chi", "tieu muc"],
    ]
    var map: [String: String] = [:]
    for (canonical, names) in aliases {
      map[canonical] = canonical
      for name in names { map[normalize(name)] = canonical }
    }
    return map
  }()

  /// Trimmed, NFC, lower case, inner whitespace runs collapsed to one space.
  public static func normalize(_ name: String) -> String {
    let folded = name.precomposedStringWithCanonicalMapping.lowercased()
    return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }
}

/// One column of a file's header: where it is and how the officer wrote it.
public struct CSVHeaderColumn: Sendable, Hashable {
  public let canonicalName: String
  /// The header text as written (trimmed), for messages.
  public let title: String
  /// 1-based position.
  public let position: Int
}

extension InputError {
  /// A workspace file over `Limits.fileBytesMax`, refused before it is read (by its size on disk) or
  /// parsed (by its bytes).
  static func fileTooLarge(_ file: String, bytes: Int) -> InputError {
    InputError(
      SourceLocation(file: file, line: 1),
      vi: "Tệp quá lớn (\(bytes) byte); tối đa \(Limits.fileBytesMax) byte.",
      en: "The file is too large (\(bytes) bytes); at most \(Limits.fileBytesMax) bytes.")
  }
}

/// The shared front end of the CSV readers, a row source like a sheet (`TableRow`, every cell text):
/// size limit, UTF-8 check, BOM, delimiter detection, header matching, blank-line skipping and field
/// counts. Reports every problem into `errors` and calls `row` for each well-formed data record.
public enum CSVTable {
  /// Reads the header and then every record. Returns the header columns (by canonical name), or nil
  /// when the file cannot be read at all (the reason is in `errors`).
  @discardableResult
  public static func read(
    bytes: UnsafeBufferPointer<UInt8>, file: String, columns: [CSVColumn], errors: inout InputErrors,
    row: (TableRow, [String: CSVHeaderColumn], TableOrigin, inout InputErrors) -> Void
  ) -> [String: CSVHeaderColumn]? {
    guard bytes.count <= Limits.fileBytesMax else {
      errors.append(.fileTooLarge(file, bytes: bytes.count))
      return nil
    }
    if let offset = CSVBytes.firstInvalidUTF8Offset(bytes) {
      let line = CSVBytes.lineNumber(of: offset, in: bytes)
      errors.append(
        InputError(
          SourceLocation(file: file, line: line),
          vi:
            "Tệp không phải UTF-8 hợp lệ (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) ở dòng "
            + "\(line)). Lưu lại tệp dưới dạng CSV UTF-8 (Excel: Lưu thành → \"CSV UTF-8\").",
          en: "The file is not valid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) on "
            + "line \(line)). Save it again as \"CSV UTF-8\" (Excel: Save As → \"CSV UTF-8\")."))
      return nil
    }
    let bodyStart = CSVBytes.bomLength(bytes)
    // Skip blank lines before the header, counting them so line numbers stay physical.
    var headerStart = bodyStart
    var headerLine = 1
    var scan = bodyStart
    while scan < bytes.count {
      let byte = bytes[scan]
      if byte == 0x0A {
        headerLine += 1
        headerStart = scan + 1
      } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
        break
      }
      scan += 1
    }
    guard scan < bytes.count else {
      errors.append(
        InputError(
          SourceLocation(file: file, line: 1),
          vi: "Tệp trống: cần dòng tiêu đề với các cột \(columnList(columns, requiredOnly: true)).",
          en: "The file is empty: expected a header line with the columns "
            + "\(columnList(columns, requiredOnly: true))."))
      return nil
    }
    guard
      let delimiter = detectDelimiter(bytes, from: headerStart, file: file, line: headerLine, errors: &errors)
    else { return nil }

    var tokenizer = CSVTokenizer(bytes: bytes, delimiter: delimiter, position: headerStart, line: headerLine)
    var fields: [CSVField] = []
    fields.reserveCapacity(columns.count + 4)
    guard case .record(let line) = tokenizer.next(into: &fields) else {
      errors.append(
        InputError(
          SourceLocation(file: file, line: headerLine),
          vi: "Dòng tiêu đề có dấu ngoặc kép không đóng.",
          en: "The header line has a quote that is never closed."))
      return nil
    }
    let origin = TableOrigin(csv: file)
    guard
      let header = Self.header(
        titles: fields.map { CSVBytes.string(bytes, $0) }, line: line, origin: origin, columns: columns,
        errors: &errors)
    else { return nil }
    let expectedCount = fields.count

    var rowCount = 0
    reading: while true {
      switch tokenizer.next(into: &fields) {
      case .end:
        break reading
      case .unterminatedQuote(let line):
        errors.append(
          InputError(
            SourceLocation(file: file, line: line),
            vi: "Dấu ngoặc kép mở ở dòng \(line) không được đóng: cần một dấu \" kết thúc ô.",
            en: "A quote opened on line \(line) is never closed: expected a closing \" for the field."))
        break reading
      case .textAfterClosingQuote(let line, let fieldIndex):
        errors.append(
          InputError(
            SourceLocation(file: file, line: line, column: fieldIndex),
            vi: "Ô \(fieldIndex): có ký tự sau dấu ngoặc kép đóng; cần dấu phân cách hoặc hết dòng "
              + "(viết \"\" cho một dấu ngoặc kép trong ô).",
            en: "Field \(fieldIndex): text after a closing quote; expected a delimiter or the line end "
              + "(write \"\" for a quote inside a field)."))
      case .record(let line):
        if isBlank(bytes, fields) { continue reading }
        rowCount += 1
        guard TableRowChecks.withinRowLimit(rowCount, line: line, origin: origin, errors: &errors) else {
          break reading
        }
        guard fields.count == expectedCount else {
          errors.append(
            InputError(
              SourceLocation(file: file, line: line),
              vi: "Dòng có \(fields.count) ô, cần \(expectedCount) ô như dòng tiêu đề "
                + "(ô có dấu \(Character(UnicodeScalar(delimiter))) phải đặt trong ngoặc kép).",
              en: "The row has \(fields.count) fields, expected \(expectedCount) like the header "
                + "(a field containing \(Character(UnicodeScalar(delimiter))) must be quoted)."))
          continue reading
        }
        guard TableRowChecks.cellsFit(fields, line: line, origin: origin, errors: &errors) else {
          continue reading
        }
        row(TableRow(bytes: bytes, cells: fields, line: line), header, origin, &errors)
      }
    }
    return header
  }

  /// Finds `,` or `;` outside quotes on the header record. Both or neither is an error: guessing
  /// would silently mis-split every row.
  static func detectDelimiter(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, file: String, line: Int, errors: inout InputErrors
  ) -> UInt8? {
    var commas = 0
    var semicolons = 0
    var inQuotes = false
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x22 {
        inQuotes.toggle()
      } else if !inQuotes {
        if byte == 0x0A || byte == 0x0D { break }
        if byte == 0x2C { commas += 1 }
        if byte == 0x3B { semicolons += 1 }
      }
      index += 1
    }
    switch (commas > 0, semicolons > 0) {
    case (true, false): return 0x2C
    case (false, true): return 0x3B
    case (true, true):
      errors.append(
        InputError(
          SourceLocation(file: file, line: line),
          vi: "Dòng tiêu đề có cả dấu ',' và ';': cần đúng một loại dấu phân cách cột.",
          en: "The header line has both ',' and ';': expected exactly one column delimiter."))
      return nil
    case (false, false):
      errors.append(
        InputError(
          SourceLocation(file: file, line: line),
          vi: "Không tìm thấy dấu phân cách cột ',' hoặc ';' ở dòng tiêu đề.",
          en: "No column delimiter (',' or ';') found on the header line."))
      return nil
    }
  }

  /// Matches a header's titles (as written, left to right, of a CSV line or a sheet row) to the table's
  /// columns. Nil, after reporting every problem, when a title is unknown or repeated or a required
  /// column is missing.
  static func header(
    titles: [String], line: Int, origin: TableOrigin, columns: [CSVColumn], errors: inout InputErrors
  ) -> [String: CSVHeaderColumn]? {
    let allowed = Set(columns.map(\.name))
    var header: [String: CSVHeaderColumn] = [:]
    var valid = true
    for (index, title) in titles.enumerated() {
      guard let canonical = CSVHeaderNames.canonicalByAlias[CSVHeaderNames.normalize(title)],
        allowed.contains(canonical)
      else {
        valid = false
        errors.append(
          origin.error(
            line: line, position: index + 1,
            vi: "Cột không hợp lệ '\(title)' (\(index + 1)); cần một trong: \(columnList(columns)).",
            en: "Unknown column '\(title)' (\(index + 1)); expected one of: \(columnList(columns))."))
        continue
      }
      if let earlier = header[canonical] {
        valid = false
        errors.append(
          origin.error(
            line: line, position: index + 1,
            vi: "Cột '\(title)' (\(index + 1)) trùng với cột '\(earlier.title)' (\(earlier.position)): "
              + "cần mỗi cột một lần.",
            en: "Column '\(title)' (\(index + 1)) repeats column '\(earlier.title)' (\(earlier.position)): "
              + "expected each column once."))
        continue
      }
      header[canonical] = CSVHeaderColumn(canonicalName: canonical, title: title, position: index + 1)
    }
    for column in columns where column.isRequired && header[column.name] == nil {
      valid = false
      errors.append(
        origin.error(
          line: line,
          vi: "Thiếu cột bắt buộc '\(column.name)'\(viAliasHint(column.name)).",
          en: "Missing required column '\(column.name)'\(enAliasHint(column.name))."))
    }
    return valid ? header : nil
  }

  /// A record whose fields are all empty or whitespace: a blank line, or the `;;;;` rows Excel writes
  /// for formatted but empty rows.
  static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ fields: [CSVField]) -> Bool {
    for field in fields {
      let (start, end) = CSVBytes.trimmed(bytes, field.start, field.end)
      if start < end { return false }
    }
    return true
  }

  static func columnList(_ columns: [CSVColumn], requiredOnly: Bool = false) -> String {
    columns.filter { !requiredOnly || $0.isRequired }.map(\.name).joined(separator: ", ")
  }

  private static func aliases(of canonical: String) -> [String] {
    CSVHeaderNames.canonicalByAlias.filter { $0.value == canonical && $0.key != canonical }.map(\.key)
      .sorted()
  }

  private static func viAliasHint(_ canonical: String) -> String {
    let names = aliases(of: canonical)
    return names.isEmpty ? "" : " (hoặc \(names.map { "'\($0)'" }.joined(separator: ", ")))"
  }

  private static func enAliasHint(_ canonical: String) -> String {
    let names = aliases(of: canonical)
    return names.isEmpty ? "" : " (or \(names.map { "'\($0)'" }.joined(separator: ", ")))"
  }
}

import BudgetCore
// libyaml's C API, for the event pass below. CYaml is a target of the Yams package, not a product, so
// Package.swift cannot name it; it comes with the declared Yams product (pinned in Package.resolved)
// and Yams has no public event API to refuse anchors and aliases before composing. `internal` keeps it
// out of this module's interface; scripts/check-imports.py allows this one import in this one target.
internal import CYaml
import Foundation
import Yams

/// The one way kinhphi reads a YAML file the user wrote (plan.yaml, scenarios, the successors map,
/// report templates): Yams' node tree, every node with its line and column, and every problem an
/// `InputError` located in the file, in both languages.
///
/// Anchors and aliases (`&a`, `*a`) are refused before anything is composed. kinhphi's files never
/// need them, and an alias chain used as a mapping key makes the composer compare keys whose expanded
/// size grows tenfold per level (a nine-level chain never finishes). Refusing them at the event level
/// costs one pass of libyaml's parser and bounds the work by the file's size.
public enum LocatedYAML {
  /// The root node of the single document in `yaml`, or nil for an empty file. `file` names the file
  /// in locations. Throws `InputErrors` with one located error (syntax, anchor or alias, duplicated key).
  public static func compose(_ yaml: String, file: String) throws(InputErrors) -> Node? {
    if let refusal = firstProblem(in: yaml, file: file) { throw InputErrors([refusal]) }
    do {
      return try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      throw InputErrors([composerError(error, file: file)])
    } catch {
      throw InputErrors([
        InputError(
          SourceLocation(file: file, line: 1), vi: "Không đọc được YAML: \(escaped("\(error)")).",
          en: "Could not read the YAML: \(escaped("\(error)")).")
      ])
    }
  }

  /// Where `node` is; line 1 when it has no mark (the file as a whole).
  public static func location(_ node: Node?, file: String) -> SourceLocation {
    guard let mark = node?.mark else { return SourceLocation(file: file, line: 1) }
    return SourceLocation(file: file, line: mark.line, column: mark.column)
  }

  /// `text` with every control character and non-character written as U+XXXX, so a message never
  /// sends a raw control byte to the terminal.
  public static func escaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      let value = scalar.value
      let isControl = value < 0x20 || (value >= 0x7F && value < 0xA0)
      let isNonCharacter = (value & 0xFFFE) == 0xFFFE || (0xFDD0...0xFDEF).contains(value)
      if isControl || isNonCharacter {
        let hex = String(value, radix: 16, uppercase: true)
        out += "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  // MARK: The event pass

  /// One pass of libyaml's parser over the events: the first syntax error, anchor or alias, or nil.
  static func firstProblem(in yaml: String, file: String) -> InputError? {
    var bytes = Array(yaml.utf8)
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      return InputError(
        SourceLocation(file: file, line: 1), vi: "Không đủ bộ nhớ để đọc YAML.",
        en: "Not enough memory to read the YAML.")
    }
    defer { yaml_parser_delete(&parser) }
    return bytes.withUnsafeMutableBufferPointer { buffer -> InputError? in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
          return syntaxError(parser, bytes: UnsafeBufferPointer(buffer), file: file)
        }
        defer { yaml_event_delete(&event) }
        let anchor: UnsafeMutablePointer<yaml_char_t>?
        var isAlias = false
        switch event.type {
        case YAML_STREAM_END_EVENT: return nil
        case YAML_ALIAS_EVENT:
          anchor = event.data.alias.anchor
          isAlias = true
        case YAML_SCALAR_EVENT: anchor = event.data.scalar.anchor
        case YAML_SEQUENCE_START_EVENT: anchor = event.data.sequence_start.anchor
        case YAML_MAPPING_START_EVENT: anchor = event.data.mapping_start.anchor
        default: anchor = nil
        }
        guard let anchor else { continue }
        let name = escaped(String(cString: UnsafeRawPointer(anchor).assumingMemoryBound(to: CChar.self)))
        let line = Int(event.start_mark.line) + 1
        let column = Int(event.start_mark.column) + 1
        let written = isAlias ? "*\(name)" : "&\(name)"
        return InputError(
          SourceLocation(file: file, line: line, column: column),
          vi:
            "\(isAlias ? "Bí danh" : "Neo") YAML '\(written)' ở dòng \(line), cột \(column) không được dùng "
            + "trong tệp của kinhphi: viết đầy đủ giá trị thay vì tham chiếu (&tên / *tên).",
          en: "YAML \(isAlias ? "alias" : "anchor") '\(written)' on line \(line), column \(column) is not "
            + "accepted in kinhphi's files: write the value out in full instead of referring to it (&name / *name)."
        )
      }
    }
  }

  /// libyaml's error as a located input error; a reader error (a control character, invalid UTF-8)
  /// has only a byte offset, turned into line and column here.
  private static func syntaxError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>, file: String)
    -> InputError
  {
    let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
    let line: Int
    let column: Int
    var problemEn = problem
    var problemVi = vietnamese(problem)
    if parser.error == YAML_READER_ERROR {
      (line, column) = lineAndColumn(ofByte: min(parser.problem_offset, bytes.count), in: bytes)
      if problem == "control characters are not allowed" {
        let code = escaped(String(UnicodeScalar(UInt32(parser.problem_value)).map(Character.init) ?? " "))
        problemVi = "có ký tự điều khiển \(code), không được phép trong YAML (xóa ký tự này)"
        problemEn = "control character \(code) is not allowed in YAML (remove it)"
      }
    } else {
      line = Int(parser.problem_mark.line) + 1
      column = Int(parser.problem_mark.column) + 1
      if let context = parser.context.map({ String(cString: $0) }) {
        problemEn = "\(context): \(problem)"
      }
    }
    return InputError(
      SourceLocation(file: file, line: line, column: column),
      vi: "Lỗi cú pháp YAML ở dòng \(line), cột \(column): \(escaped(problemVi)). Cần YAML hợp lệ "
        + "(thụt lề bằng dấu cách, 'khóa: giá trị').",
      en: "YAML syntax error on line \(line), column \(column): \(escaped(problemEn)). Expected valid YAML "
        + "(indent with spaces, 'key: value').")
  }

  /// Errors of Yams' composer (after the event pass found none of its own).
  private static func composerError(_ error: YamlError, file: String) -> InputError {
    switch error {
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.sorted().map(escaped).joined(separator: ", ")
      return InputError(
        SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
        vi: "Khóa lặp lại trong cùng một bảng: \(keys); cần mỗi khóa một lần.",
        en: "Duplicated keys in one mapping: \(keys); expected each key once.")
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let text = escaped([context?.text, problem].compactMap { $0 }.joined(separator: " "))
      return InputError(
        SourceLocation(file: file, line: mark.line, column: mark.column),
        vi: "Lỗi cấu trúc YAML ở dòng \(mark.line), cột \(mark.column): \(vietnamese(text)).",
        en: "YAML structure error on line \(mark.line), column \(mark.column): \(text).")
    default:
      return InputError(
        SourceLocation(file: file, line: 1), vi: "Không đọc được YAML: \(escaped(error.description)).",
        en: "Could not read the YAML: \(escaped(error.description)).")
    }
  }

  /// 1-based line and column (in characters) of the byte at `offset`.
  static func lineAndColumn(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    var line = 1
    var column = 1
    var index = 0
    while index < offset {
      let byte = bytes[index]
      if byte == 0x0A || (byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 && byte != 0x0D {
        column += 1
      }
      index += 1
    }
    return (line, column)
  }

  /// The usual libyaml problems in Vietnamese; any other stays in English.
  static func vietnamese(_ problem: String) -> String {
    let known: [(String, String)] = [
      (
        "found character that cannot start any token",
        "gặp ký tự không thể bắt đầu một giá trị (tab, @ hoặc `?)"
      ),
      ("mapping values are not allowed in this context", "không được viết 'khóa: giá trị' ở chỗ này"),
      ("did not find expected key", "không tìm thấy khóa như mong đợi (thụt lề sai?)"),
      ("did not find expected '-' indicator", "thiếu dấu '-' của phần tử danh sách (thụt lề sai?)"),
      ("could not find expected ':'", "thiếu dấu ':' sau khóa"),
      ("found unexpected end of stream", "tệp kết thúc giữa chừng (thiếu dấu nháy đóng?)"),
      (
        "found a tab character that violates indentation",
        "có ký tự tab trong phần thụt lề; hãy dùng dấu cách"
      ),
      (
        "found a tab character where an indentation space is expected",
        "có ký tự tab trong phần thụt lề; hãy dùng dấu cách"
      ),
      ("did not find expected node content", "thiếu giá trị"),
      ("found undefined tag handle", "thẻ (tag) không xác định"),
      ("did not find expected ',' or ']'", "thiếu dấu ',' hoặc ']'"),
      ("did not find expected ',' or '}'", "thiếu dấu ',' hoặc '}'"),
      (
        "expected a single document in the stream",
        "tệp chỉ được có một tài liệu YAML (bỏ dòng '---' thứ hai)"
      ),
    ]
    for (english, translated) in known where problem.contains(english) { return translated }
    return problem
  }
}

/// The helpers every reader of a YAML document shares (plan, scenarios, successors map, templates):
/// locations, errors in both languages, scalars, mappings whose keys are checked. A reader conforms by
/// naming its file and collecting its errors; every location it makes is 1-based (line and column of
/// the node, or line 1 without a column for the file as a whole).
public protocol LocatedYAMLReader {
  /// The file as messages name it.
  var file: String { get }
  var errors: InputErrors { get set }
}

extension LocatedYAMLReader {
  // MARK: Locations and messages

  /// The node's line and column; line 1 without a column when there is no node (the whole file).
  public func location(_ node: Node?) -> SourceLocation { LocatedYAML.location(node, file: file) }

  /// The node's line only: a catalogue entry is shown by the line it starts on.
  public func lineLocation(_ node: Node?) -> SourceLocation {
    SourceLocation(file: file, line: node?.mark?.line ?? 1)
  }

  public mutating func report(_ node: Node?, vi: String, en: String) {
    errors.append(InputError(location(node), vi: vi, en: en))
  }

  /// The document's root, composed once; nil after reporting a syntax error or an empty file, whose
  /// message names the expected sections (`vi`, `en`).
  public mutating func compose(_ yaml: String, empty vi: String, _ en: String) -> Node? {
    do throws(InputErrors) {
      if let root = try LocatedYAML.compose(yaml, file: file) { return root }
      report(nil, vi: "Tệp trống: cần \(vi).", en: "The file is empty: expected \(en).")
    } catch {
      errors.append(contentsOf: error)
    }
    return nil
  }

  // MARK: Scalars

  /// The scalar's text; nil for a YAML null (`~`, `null`, empty) or a list/mapping.
  public func text(_ node: Node?) -> String? {
    guard let scalar = node?.scalar else { return nil }
    if scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return nil }
    return scalar.string
  }

  public func isNull(_ node: Node?) -> Bool {
    guard let node else { return true }
    return node.scalar != nil && text(node) == nil
  }

  /// A mapping's entries after checking that every key is one of `allowed`; unknown keys are errors
  /// naming the key, its line and the keys that are allowed.
  public mutating func entries(_ node: Node, allowed: [String], context: String) -> [String: (
    key: Node, value: Node
  )]? {
    guard let mapping = node.mapping else {
      report(
        node, vi: "'\(context)' cần là một bảng khóa: giá trị (\(allowed.joined(separator: ", "))).",
        en: "'\(context)' must be a mapping of keys (\(allowed.joined(separator: ", "))).")
      return nil
    }
    var result: [String: (key: Node, value: Node)] = [:]
    for (key, value) in mapping {
      guard let name = key.scalar?.string, allowed.contains(name) else {
        let name = key.scalar?.string ?? "?"
        let line = key.mark?.line ?? 1
        report(
          key,
          vi: "Khóa không hợp lệ '\(name)' ở dòng \(line) trong '\(context)'; cần một trong: "
            + "\(allowed.joined(separator: ", ")).",
          en: "Unknown key '\(name)' on line \(line) in '\(context)'; expected one of: "
            + "\(allowed.joined(separator: ", ")).")
        continue
      }
      result[name] = (key, value)
    }
    return result
  }

  /// A required, non-empty text value.
  public mutating func requiredText(
    _ fields: [String: (key: Node, value: Node)], _ key: String, in parent: Node, context: String
  ) -> String? {
    guard let entry = fields[key] else {
      report(
        parent, vi: "Thiếu khóa bắt buộc '\(key)' trong '\(context)'.",
        en: "Missing required key '\(key)' in '\(context)'.")
      return nil
    }
    guard let value = text(entry.value)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
      report(
        entry.value, vi: "'\(key)' trong '\(context)' đang trống: cần một giá trị chữ.",
        en: "'\(key)' in '\(context)' is empty: expected a text value.")
      return nil
    }
    return checkedName(value, entry.value, key: key, context: context)
  }

  /// The text when the outputs can hold it (`TextRules.Field.name`: one line, XML characters, at most
  /// `Limits.nameLengthMax`); nil and a located error otherwise.
  public mutating func checkedName(_ value: String, _ node: Node, key: String, context: String) -> String? {
    guard let violation = TextRules.check(value, .name) else { return value }
    let (vi, en) = TextRules.explanation(violation)
    report(node, vi: "'\(key)' trong '\(context)' \(vi)", en: "'\(key)' in '\(context)' \(en)")
    return nil
  }

  /// An optional text value; empty or null → nil.
  public mutating func optionalText(
    _ fields: [String: (key: Node, value: Node)], _ key: String, context: String
  ) -> String? {
    guard let entry = fields[key], !isNull(entry.value) else { return nil }
    guard let value = text(entry.value) else {
      report(
        entry.value, vi: "'\(key)' trong '\(context)' cần là một giá trị chữ, không phải danh sách/bảng.",
        en: "'\(key)' in '\(context)' must be a text value, not a list or mapping.")
      return nil
    }
    let trimmed = value.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty ? nil : checkedName(trimmed, entry.value, key: key, context: context)
  }

  /// A whole number written with digits only (no sign, no decimals) in `range`.
  public mutating func integer(_ node: Node, key: String, range: ClosedRange<Int>, context: String) -> Int? {
    let value = text(node) ?? ""
    if !value.isEmpty, value.utf8.count <= 9, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      let number = Int(value), range.contains(number)
    {
      return number
    }
    report(
      node,
      vi: "'\(key)' trong '\(context)' không hợp lệ '\(value)': cần số nguyên từ \(range.lowerBound) đến "
        + "\(range.upperBound).",
      en: "Invalid '\(key)' in '\(context)' '\(value)': expected a whole number from \(range.lowerBound) to "
        + "\(range.upperBound).")
    return nil
  }

  /// A list of nodes; a single scalar is not accepted (it would hide a missing `[ ]`).
  public mutating func list(_ node: Node, key: String, context: String) -> [Node]? {
    guard let sequence = node.sequence else {
      report(
        node, vi: "'\(key)' trong '\(context)' cần là danh sách, ví dụ [TW, HUYEN].",
        en: "'\(key)' in '\(context)' must be a list, for example [TW, HUYEN].")
      return nil
    }
    return Array(sequence)
  }
}

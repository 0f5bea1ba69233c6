import BudgetCore
import Foundation
import LocatedYAML
import Yams

/// Reads a what-if scenario (`scenarios/NAME.yaml`, see docs/whatif.md) with the located-YAML helpers
/// of the plan reader: every problem names the file, line and column and what was expected, in both
/// languages; unknown keys are refused. Codes are checked against the plan later, when the scenario is
/// applied (`DerivedLedger.derive`), with the same locations.
public enum ScenarioReader {
  public static let operationNames = ["scale", "move", "set", "distribute", "cofinance"]

  /// Reads the file at `path`; `file` is the name used in messages (default: the path as given).
  public static func read(path: String, file: String? = nil) throws -> Scenario {
    let name = file ?? path
    let text = try TextInputFile.read(
      path: path, file: name, what: LocalizedText(vi: "tệp kịch bản", en: "scenario file"))
    return try read(yaml: text, file: name)
  }

  /// Parses the text of a scenario file. Throws `InputErrors` holding every problem found.
  public static func read(yaml: String, file: String) throws -> Scenario {
    var reader = Reader(file: file)
    let scenario = reader.scenario(yaml: yaml)
    try reader.errors.throwIfAny()
    guard let scenario else { preconditionFailure("a scenario is returned whenever no error was reported") }
    return scenario
  }
}

extension Reader {
  fileprivate mutating func scenario(yaml: String) -> Scenario? {
    guard
      let root = compose(
        yaml, empty: "các mục 'scenario' và 'operations'", "the sections 'scenario' and 'operations'")
    else { return nil }
    guard let top = entries(root, allowed: ["scenario", "operations"], context: file) else { return nil }
    guard let header = top["scenario"] else {
      report(
        root, vi: "Thiếu mục bắt buộc 'scenario' (name, year).",
        en: "Missing required section 'scenario' (name, year).")
      return nil
    }
    let context = "scenario"
    guard let fields = entries(header.value, allowed: ["name", "year", "round_to"], context: context) else {
      return nil
    }
    let name = requiredText(fields, "name", in: header.value, context: context)
    var year: Int?
    if let entry = fields["year"] {
      year = integer(entry.value, key: "year", range: Limits.yearMin...Limits.yearMax, context: context)
    } else {
      report(
        header.value, vi: "Thiếu khóa bắt buộc 'year' trong 'scenario': cần năm 4 chữ số.",
        en: "Missing required key 'year' in 'scenario': expected a 4-digit year.")
    }
    var roundTo: Int64? = Scenario.defaultRoundToDong
    if let entry = fields["round_to"] {
      roundTo = amount(entry.value, key: "round_to", context: context, positive: true)
    }
    var operations: [ScenarioOperation] = []
    if let list = top["operations"] {
      if let items = self.list(list.value, key: "operations", context: file) {
        if items.isEmpty {
          report(
            list.value, vi: "'operations' đang rỗng: cần ít nhất một thao tác.",
            en: "'operations' is empty: expected at least one operation.")
        }
        operations = items.compactMap { operation($0) }
      }
    } else {
      report(
        root, vi: "Thiếu mục bắt buộc 'operations' (danh sách thao tác).",
        en: "Missing required section 'operations' (a list of operations).")
    }
    guard errors.isEmpty, let name, let year, let roundTo else { return nil }
    return Scenario(
      name: name, year: year, roundToDong: roundTo, operations: operations, file: file,
      yearLocation: fields["year"].map { location($0.value) })
  }

  /// One list item: a mapping with exactly one key, the operation's name.
  private mutating func operation(_ node: Node) -> ScenarioOperation? {
    let names = ScenarioReader.operationNames
    guard let mapping = node.mapping, mapping.count == 1, let (keyNode, value) = mapping.first,
      let name = keyNode.scalar?.string
    else {
      report(
        node, vi: "Mỗi thao tác là một khóa: \(names.joined(separator: ", ")) (ví dụ '- scale: {…}').",
        en: "Each operation is one key: \(names.joined(separator: ", ")) (for example '- scale: {…}').")
      return nil
    }
    guard names.contains(name) else {
      report(
        keyNode,
        vi: "Thao tác không hợp lệ '\(name)' ở dòng \(keyNode.mark?.line ?? 1); cần một trong: "
          + "\(names.joined(separator: ", ")).",
        en: "Unknown operation '\(name)' on line \(keyNode.mark?.line ?? 1); expected one of: "
          + "\(names.joined(separator: ", ")).")
      return nil
    }
    let at = location(keyNode)
    switch name {
    case "scale":
      guard let fields = entries(value, allowed: ["source", "activity", "unit", "percent"], context: name)
      else { return nil }
      let source = optionalCode(fields, "source", context: name)
      let activity = optionalCode(fields, "activity", context: name)
      let unit = optionalCode(fields, "unit", context: name)
      guard
        let percentEntry = required(
          fields, "percent", in: value, context: name, expected: ("số phần trăm", "a percentage")),
        let percent = percent(percentEntry)
      else { return nil }
      guard source.valid, activity.valid, unit.valid else { return nil }
      return ScenarioOperation(
        .scale(
          LineFilter(
            source: source.code.map { SourceCode($0) }, activity: activity.code.map { ActivityCode($0) },
            unit: unit.code.map { UnitCode($0) }), percent: percent), location: at)
    case "move":
      guard let fields = entries(value, allowed: ["from", "to", "amount"], context: name) else { return nil }
      let from = required(fields, "from", in: value, context: name, expected: ("một dòng", "a line"))
        .flatMap { line($0, context: "move.from") }
      let to = required(fields, "to", in: value, context: name, expected: ("một dòng", "a line"))
        .flatMap { line($0, context: "move.to") }
      let amount = required(fields, "amount", in: value, context: name, expected: ("số tiền", "an amount"))
        .flatMap { self.amount($0, key: "amount", context: name, positive: true) }
      guard let from, let to, let amount else { return nil }
      return ScenarioOperation(.move(from: from, to: to, amount: Money(dong: amount)), location: at)
    case "set":
      guard let fields = entries(value, allowed: ["line", "amount"], context: name) else { return nil }
      let line = required(fields, "line", in: value, context: name, expected: ("một dòng", "a line"))
        .flatMap { self.line($0, context: "set.line") }
      let amount = required(fields, "amount", in: value, context: name, expected: ("số tiền", "an amount"))
        .flatMap { self.amount($0, key: "amount", context: name, positive: false) }
      guard let line, let amount else { return nil }
      return ScenarioOperation(.set(line, amount: Money(dong: amount)), location: at)
    case "distribute":
      guard
        let fields = entries(
          value, allowed: ["source", "activity", "amount", "over", "min", "max"], context: name)
      else { return nil }
      let source = requiredCode(fields, "source", in: value, context: name)
      let activity = requiredCode(fields, "activity", in: value, context: name)
      let amount = required(fields, "amount", in: value, context: name, expected: ("số tiền", "an amount"))
        .flatMap { self.amount($0, key: "amount", context: name, positive: false) }
      let over = required(
        fields, "over", in: value, context: name,
        expected: ("bảng ĐƠN_VỊ: trọng số", "a mapping UNIT: weight")
      )
      .flatMap { weights($0) }
      var minimum: Int64?
      var maximum: Int64?
      var boundsValid = true
      for (key, target) in [("min", 0), ("max", 1)] {
        guard let entry = fields[key], !isNull(entry.value) else { continue }
        let bound = self.amount(entry.value, key: key, context: name, positive: false)
        if bound == nil { boundsValid = false }
        if target == 0 { minimum = bound } else { maximum = bound }
      }
      guard let source, let activity, let amount, let over, boundsValid else { return nil }
      return ScenarioOperation(
        .distribute(
          source: SourceCode(source), activity: ActivityCode(activity), amount: Money(dong: amount),
          over: over.map { (UnitCode($0.code), $0.weight) }, minimum: minimum.map { Money(dong: $0) },
          maximum: maximum.map { Money(dong: $0) }), location: at)
    default:  // cofinance
      guard let fields = entries(value, allowed: ["activity", "unit", "total", "shares"], context: name)
      else { return nil }
      let activity = requiredCode(fields, "activity", in: value, context: name)
      let unit = requiredCode(fields, "unit", in: value, context: name)
      let total = required(fields, "total", in: value, context: name, expected: ("số tiền", "an amount"))
        .flatMap { self.amount($0, key: "total", context: name, positive: false) }
      let shares = required(
        fields, "shares", in: value, context: name,
        expected: ("bảng NGUỒN: phần trăm", "a mapping SOURCE: percent")
      )
      .flatMap { self.shares($0) }
      guard let activity, let unit, let total, let shares else { return nil }
      return ScenarioOperation(
        .cofinance(
          activity: ActivityCode(activity), unit: UnitCode(unit), total: Money(dong: total),
          shares: shares.map { (SourceCode($0.code), $0.share) }), location: at)
    }
  }

  // MARK: Values

  private mutating func required(
    _ fields: [String: (key: Node, value: Node)], _ key: String, in parent: Node, context: String,
    expected: (vi: String, en: String)
  ) -> Node? {
    guard let entry = fields[key], !isNull(entry.value) else {
      report(
        parent, vi: "Thiếu khóa bắt buộc '\(key)' trong '\(context)': cần \(expected.vi).",
        en: "Missing required key '\(key)' in '\(context)': expected \(expected.en).")
      return nil
    }
    return entry.value
  }

  private mutating func requiredCode(
    _ fields: [String: (key: Node, value: Node)], _ key: String, in parent: Node, context: String
  ) -> String? {
    required(fields, key, in: parent, context: context, expected: ("một mã", "a code"))
      .flatMap { code($0, key: key, context: context) }
  }

  /// A code that may be left out; `valid` is false when it is written but malformed.
  private mutating func optionalCode(
    _ fields: [String: (key: Node, value: Node)], _ key: String, context: String
  )
    -> (code: String?, valid: Bool)
  {
    guard let entry = fields[key], !isNull(entry.value) else { return (nil, true) }
    let value = code(entry.value, key: key, context: context)
    return (value, value != nil)
  }

  /// `{source: TW, activity: PANO, unit: PDT}`: all three codes.
  private mutating func line(_ node: Node, context: String) -> ScenarioLine? {
    guard let fields = entries(node, allowed: ["source", "activity", "unit"], context: context) else {
      return nil
    }
    let source = requiredCode(fields, "source", in: node, context: context)
    let activity = requiredCode(fields, "activity", in: node, context: context)
    let unit = requiredCode(fields, "unit", in: node, context: context)
    guard let source, let activity, let unit else { return nil }
    return ScenarioLine(source: SourceCode(source), activity: ActivityCode(activity), unit: UnitCode(unit))
  }

  /// Whole đồng as in the CSV files (`50000000`, `"50.000.000"`), at most `Limits.amountMaxDong`.
  private mutating func amount(_ node: Node, key: String, context: String, positive: Bool) -> Int64? {
    checked(node, ScenarioValueRules.amount(text(node) ?? "", key: key, context: context, positive: positive))
  }

  /// The value, or (reported at `node`) nil.
  private mutating func checked<Value>(_ node: Node, _ result: Result<Value, ScenarioValueRules.Problem>)
    -> Value?
  {
    switch result {
    case .success(let value): return value
    case .failure(let problem):
      report(node, vi: problem.vi, en: problem.en)
      return nil
    }
  }

  /// A percentage with an optional sign and at most two decimals (`-30`, `12.5`), −100 … 100.
  private mutating func percent(_ node: Node) -> Percent? {
    checked(node, ScenarioValueRules.percent(text(node) ?? ""))
  }

  /// `{XA1: 3, XA2: 2}`: unit codes with positive whole weights.
  private mutating func weights(_ node: Node) -> [(code: String, weight: Int64)]? {
    codeMapping(
      node, key: "over", context: "distribute",
      vi: "'over' cần bảng ĐƠN_VỊ: trọng số, ví dụ {XA1: 3, XA2: 2}.",
      en: "'over' needs a mapping UNIT: weight, for example {XA1: 3, XA2: 2}."
    ) { reader, _, value in
      reader.integer(value, key: "over", range: ScenarioValueRules.weights, context: "distribute").map(
        Int64.init)
    }.map { $0.map { (code: $0.code, weight: $0.value) } }
  }

  /// `{TW: 90, HUYEN: 10}`: source codes with percentages that add up to exactly 100.
  private mutating func shares(_ node: Node) -> [(code: String, share: Percent)]? {
    let shares = codeMapping(
      node, key: "shares", context: "cofinance",
      vi: "'shares' cần bảng NGUỒN: phần trăm, ví dụ {TW: 90, HUYEN: 10}.",
      en: "'shares' needs a mapping SOURCE: percent, for example {TW: 90, HUYEN: 10}."
    ) { reader, key, value in
      reader.checked(value, ScenarioValueRules.share(reader.text(value) ?? "", of: key.scalar?.string ?? "?"))
    }
    guard let shares, checked(node, ScenarioValueRules.sharesAddUp(shares.map(\.value))) != nil else {
      return nil
    }
    return shares.map { (code: $0.code, share: $0.value) }
  }

  /// A non-empty mapping of codes to values (`weights`, `shares`): each key a code, each value read by
  /// `value`; every problem reported at its node (`vi`/`en` when the mapping is missing or empty), nil
  /// when there was one.
  private mutating func codeMapping<Value>(
    _ node: Node, key: String, context: String, vi: String, en: String,
    value: (inout Self, Node, Node) -> Value?
  ) -> [(code: String, value: Value)]? {
    guard let mapping = node.mapping, !mapping.isEmpty else {
      report(node, vi: vi, en: en)
      return nil
    }
    var result: [(code: String, value: Value)] = []
    var valid = true
    for (entryKey, entryValue) in mapping {
      let code = self.code(entryKey, key: key, context: context)
      let read = value(&self, entryKey, entryValue)
      guard let code, let read else {
        valid = false
        continue
      }
      result.append((code, read))
    }
    return valid ? result : nil
  }
}

/// Signed percentages with at most two decimals (`-30`, `+12.5`), −100 … 100: the plan's own percent
/// rule with a sign in front, read from the text (never via Double).
enum ScenarioPercent {
  static func parse(_ text: String) -> Percent? {
    let negative = text.hasPrefix("-")
    let magnitude = negative || text.hasPrefix("+") ? String(text.dropFirst()) : text
    guard let percent = PlanPercent.parse(magnitude) else { return nil }
    return Percent(hundredths: negative ? -percent.hundredths : percent.hundredths)
  }
}

/// The value rules of a scenario (codes: of every YAML file), the same for its YAML file and the web
/// page's what-if form
/// (`ScenarioForm`): each gives the value, or what was expected in both languages, for the caller to
/// locate (a YAML node, a form field).
enum ScenarioValueRules {
  struct Problem: Error {
    let vi: String
    let en: String
  }

  /// A code of the plan (`TW`, `XA_KIMBINH`), as every file writes it.
  static func code(_ value: String, key: String, context: String) -> Result<String, Problem> {
    if Code<Never>.isValid(value) { return .success(value) }
    return .failure(
      Problem(
        vi: "Mã không hợp lệ '\(value)' ('\(key)' trong '\(context)'): cần 1–\(Limits.codeLengthMax) ký tự "
          + "A-Z, 0-9, '.', '_' hoặc '-'.",
        en: "Invalid code '\(value)' ('\(key)' in '\(context)'): expected 1–\(Limits.codeLengthMax) "
          + "characters A-Z, 0-9, '.', '_' or '-'."))
  }

  /// The weights of `distribute`.
  static let weights = 1...1_000_000_000

  /// Whole đồng as in the CSV files (`50000000`, `50.000.000`), at most `Limits.amountMaxDong`; at least
  /// 1 when `positive`.
  static func amount(_ value: String, key: String, context: String, positive: Bool) -> Result<Int64, Problem>
  {
    let bytes = Array(value.utf8)
    let parsed = bytes.withUnsafeBufferPointer { FieldParsers.amount($0, 0, $0.count) }
    if case .value(let dong) = parsed, dong >= (positive ? 1 : 0), dong <= Limits.amountMaxDong {
      return .success(dong)
    }
    let lower = positive ? "1" : "0"
    return .failure(
      Problem(
        vi: "'\(key)' trong '\(context)' không hợp lệ '\(value)': cần số đồng nguyên từ \(lower) đến 10^15 "
          + "(50000000 hoặc \"50.000.000\").",
        en: "Invalid '\(key)' in '\(context)' '\(value)': expected whole đồng from \(lower) to 10^15 "
          + "(50000000 or \"50.000.000\")."))
  }

  /// A percentage with an optional sign and at most two decimals (`-30`, `12.5`), −100 … 100.
  static func percent(_ value: String) -> Result<Percent, Problem> {
    if let parsed = ScenarioPercent.parse(value) { return .success(parsed) }
    return .failure(
      Problem(
        vi:
          "'percent' không hợp lệ '\(value)': cần số từ -100 đến 100, tối đa 2 chữ số thập phân (-30 hoặc 12.5).",
        en:
          "Invalid 'percent' '\(value)': expected a number from -100 to 100 with at most 2 decimals (-30 or 12.5)."
      ))
  }

  /// A source's share of a co-financed total: above 0, at most 100.
  static func share(_ value: String, of source: String) -> Result<Percent, Problem> {
    if let share = ScenarioPercent.parse(value), share.hundredths > 0, share.hundredths <= 10_000 {
      return .success(share)
    }
    return .failure(
      Problem(
        vi: "Tỷ lệ không hợp lệ '\(value)' cho \(source): cần số lớn hơn 0 đến 100.",
        en: "Invalid share '\(value)' for \(source): expected a number above 0 up to 100."))
  }

  /// The shares of a co-financed total add up to exactly 100 %.
  static func sharesAddUp(_ shares: [Percent]) -> Result<Void, Problem> {
    let sum = shares.reduce(Int64(0)) { $0 + $1.hundredths }
    if sum == 10_000 { return .success(()) }
    return .failure(
      Problem(
        vi: "Các tỷ lệ trong 'shares' cộng lại \(Percent(hundredths: sum))%, cần đúng 100%.",
        en: "The 'shares' add up to \(Percent(hundredths: sum))%, expected exactly 100%."))
  }
}

import BudgetCore
import Foundation
import LocatedYAML
import Yams

/// Reads `successors.yaml`: which abolished units hand their balances to which successors (issue 5).
///
/// ```yaml
/// handover:                      # optional
///   date: 2025-06-30             # if given, `--date` must agree
///   decision: "1234/QĐ-UBND"     # shown on the schedule
///   successor_plan: sau-2025/plan.yaml   # the successors' plan (relative to this file)
/// successors:
///   - {unit: PDT, to: SO_DTTG}                          # whole
///   - unit: VHTT                                         # split by percentage (sum 100)
///     shares: {XA_A: 50, XA_B: 33.33, XA_C: 16.67}
///   - unit: TTVH                                         # by line, first match wins
///     lines:
///       - {activity: PTTH, to: TT_TRUYENTHONG}
///       - {source: GNBV, to: XA_A}
///     otherwise: XA_B                                    # lines no rule matches
/// ```
///
/// Every problem is an input error with its line and column, in both languages; unknown keys are
/// refused like in plan.yaml (the located-YAML helpers are the plan reader's own).
public enum SuccessorsReader {
  public static func read(path: String) throws -> HandoverMap {
    let file = (path as NSString).lastPathComponent
    let text = try TextInputFile.read(
      path: path, file: file, what: LocalizedText(vi: "tệp bàn giao", en: "successors map"))
    return try read(yaml: text, file: file)
  }

  public static func read(yaml: String, file: String = "successors.yaml") throws -> HandoverMap {
    var reader = Reader(file: file)
    guard let root = reader.compose(yaml, empty: "mục 'successors'", "the section 'successors'") else {
      throw reader.errors
    }
    let map = reader.successorsMap(root)
    try reader.errors.throwIfAny()
    guard let map else { preconditionFailure("an error is reported whenever no map is returned") }
    return map
  }
}

extension Reader {
  mutating func successorsMap(_ root: Node) -> HandoverMap? {
    guard let top = entries(root, allowed: ["handover", "successors"], context: file) else { return nil }
    var date: CivilDate?
    var decision: String?
    var successorPlan: String?
    if let handover = top["handover"],
      let fields = entries(
        handover.value, allowed: ["date", "decision", "successor_plan"], context: "handover")
    {
      if let entry = fields["date"] {
        let value = text(entry.value) ?? ""
        let bytes = Array(value.utf8)
        if case .date(let parsed) = bytes.withUnsafeBufferPointer({ FieldParsers.date($0, 0, $0.count) }) {
          date = parsed
        } else {
          report(
            entry.value, vi: "Ngày bàn giao không hợp lệ '\(value)': cần YYYY-MM-DD hoặc DD/MM/YYYY.",
            en: "Invalid handover date '\(value)': expected YYYY-MM-DD or DD/MM/YYYY.")
        }
      }
      decision = optionalText(fields, "decision", context: "handover")
      successorPlan = optionalText(fields, "successor_plan", context: "handover")
    }
    guard let list = top["successors"] else {
      report(
        root, vi: "Thiếu mục bắt buộc 'successors': danh sách đơn vị cũ và đơn vị nhận.",
        en: "Missing required section 'successors': the list of old units and their successors.")
      return nil
    }
    let items = sequenceItems(list.value, section: "successors")
    if items.isEmpty {
      report(
        list.key, vi: "'successors' cần ít nhất một đơn vị.", en: "'successors' needs at least one unit.")
    }
    var units: [UnitHandover] = []
    var seen: [String: Int] = [:]
    for item in items {
      guard let entry = unitHandover(item) else { continue }
      let line = item.mark?.line ?? 1
      if let earlier = seen[entry.unit.rawValue] {
        report(
          item,
          vi:
            "Đơn vị '\(entry.unit)' có hai mục bàn giao (dòng \(earlier) và dòng \(line)): cần một mục cho mỗi đơn vị.",
          en:
            "Unit '\(entry.unit)' has two handover entries (line \(earlier) and line \(line)): expected one per unit."
        )
        continue
      }
      seen[entry.unit.rawValue] = line
      units.append(entry)
    }
    guard errors.isEmpty else { return nil }
    return HandoverMap(
      date: date, successorPlan: successorPlan, decision: decision, units: units, file: file)
  }

  private mutating func unitHandover(_ item: Node) -> UnitHandover? {
    let context = "successors"
    guard
      let fields = entries(item, allowed: ["unit", "to", "shares", "lines", "otherwise"], context: context)
    else { return nil }
    guard let unitEntry = fields["unit"] else {
      report(
        item, vi: "Thiếu khóa bắt buộc 'unit' (đơn vị cũ).", en: "Missing required key 'unit' (the old unit)."
      )
      return nil
    }
    let unit = code(unitEntry.value, key: "unit", context: context)
    let ways = ["to", "shares", "lines"].filter { fields[$0] != nil }
    guard ways.count == 1 else {
      report(
        item,
        vi:
          "Đơn vị '\(unit ?? "?")' cần đúng một cách bàn giao: 'to' (toàn bộ), 'shares' (theo tỷ lệ %) hoặc 'lines' (theo dòng).",
        en:
          "Unit '\(unit ?? "?")' needs exactly one way to hand over: 'to' (whole), 'shares' (by percentage) or 'lines' (by line)."
      )
      return nil
    }
    if fields["otherwise"] != nil && ways[0] != "lines" {
      report(
        fields["otherwise"]?.key, vi: "'otherwise' chỉ dùng cùng 'lines'.",
        en: "'otherwise' applies only with 'lines'.")
      return nil
    }
    var rule: HandoverRule?
    switch ways[0] {
    case "to":
      rule = fields["to"].flatMap { code($0.value, key: "to", context: context) }.map { .whole(UnitCode($0)) }
    case "shares":
      rule = fields["shares"].flatMap { shares($0.value, unit: unit ?? "?") }.map { .percentages($0) }
    default:
      if let lines = fields["lines"], let rules = lineRules(lines.value) {
        var otherwise: UnitCode?
        var valid = true
        if let entry = fields["otherwise"] {
          let value = code(entry.value, key: "otherwise", context: context)
          otherwise = value.map { UnitCode($0) }
          valid = value != nil
        }
        if valid { rule = .byLine(rules, otherwise: otherwise) }
      }
    }
    guard let unit, let rule else { return nil }
    return UnitHandover(unit: UnitCode(unit), rule: rule, location: location(item))
  }

  /// `{XA_A: 50, XA_B: 33.33}`: positive percentages with at most two decimals, summing to 100.
  private mutating func shares(_ node: Node, unit: String) -> [SuccessorShare]? {
    guard let mapping = node.mapping, !mapping.isEmpty else {
      report(
        node, vi: "'shares' cần là bảng đơn vị nhận: tỷ lệ %, ví dụ {XA_A: 50, XA_B: 50}.",
        en: "'shares' must map successors to percentages, for example {XA_A: 50, XA_B: 50}.")
      return nil
    }
    var result: [SuccessorShare] = []
    var valid = true
    for (key, value) in mapping {
      let successor = code(key, key: "shares", context: "successors")
      let textValue = text(value) ?? ""
      let percent = PlanPercent.parse(textValue)
      if percent == nil || percent?.hundredths == 0 {
        report(
          value,
          vi: "Tỷ lệ không hợp lệ '\(textValue)': cần số lớn hơn 0 đến 100, tối đa 2 chữ số thập phân.",
          en: "Invalid share '\(textValue)': expected a number above 0 up to 100, with at most 2 decimals.")
      }
      guard let successor, let percent, percent.hundredths > 0 else {
        valid = false
        continue
      }
      result.append(SuccessorShare(successor: UnitCode(successor), percent: percent))
    }
    guard valid else { return nil }
    let total = result.reduce(Int64(0)) { $0 + $1.percent.hundredths }
    guard total == 10_000 else {
      let sum = Percent(hundredths: total)
      report(
        node, vi: "Các tỷ lệ của đơn vị '\(unit)' cộng lại \(sum) %: cần đúng 100 %.",
        en: "The shares of unit '\(unit)' add up to \(sum) %: expected exactly 100 %.")
      return nil
    }
    return result
  }

  private mutating func lineRules(_ node: Node) -> [SuccessorLineRule]? {
    guard let items = list(node, key: "lines", context: "successors"), !items.isEmpty else {
      if node.sequence?.isEmpty == true {
        report(node, vi: "'lines' đang rỗng.", en: "'lines' is empty.")
      }
      return nil
    }
    var rules: [SuccessorLineRule] = []
    var valid = true
    for item in items {
      guard let fields = entries(item, allowed: ["source", "activity", "to"], context: "lines") else {
        valid = false
        continue
      }
      let source = fields["source"].flatMap { code($0.value, key: "source", context: "lines") }
      let activity = fields["activity"].flatMap { code($0.value, key: "activity", context: "lines") }
      if fields["source"] == nil && fields["activity"] == nil {
        report(
          item,
          vi: "Mỗi dòng trong 'lines' cần 'source' hoặc 'activity' (dùng 'otherwise' cho phần còn lại).",
          en: "Each entry of 'lines' needs 'source' or 'activity' (use 'otherwise' for the rest).")
        valid = false
        continue
      }
      guard let toEntry = fields["to"] else {
        report(
          item, vi: "Thiếu khóa bắt buộc 'to' trong 'lines'.", en: "Missing required key 'to' in 'lines'.")
        valid = false
        continue
      }
      let successor = code(toEntry.value, key: "to", context: "lines")
      guard let successor, fields["source"] == nil || source != nil,
        fields["activity"] == nil || activity != nil
      else {
        valid = false
        continue
      }
      rules.append(
        SuccessorLineRule(
          source: source.map { SourceCode($0) }, activity: activity.map { ActivityCode($0) },
          successor: UnitCode(successor)))
    }
    return valid ? rules : nil
  }
}

import BudgetCore
import Foundation

/// The what-if form of `kinhphi serve`: one operation typed into fields, turned into the `Scenario` the
/// YAML reader builds from the same values, by the reader's value rules (`ScenarioValueRules`). Every
/// problem names its field and what was expected, in both languages. Codes are checked against the
/// plan later, when the scenario is applied, as for a file.
///
/// Fields: `year`, `name` (optional), `operation` (one of `ScenarioReader.operationNames`), then the
/// operation's own, named `OPERATION.KEY` after the YAML keys: `scale.source|activity|unit|percent`,
/// `move.from.source|activity|unit`, `move.to.…`, `move.amount`, `set.source|activity|unit|amount`,
/// `distribute.source|activity|amount|over|min|max`, `cofinance.activity|unit|total|shares`. `over` and
/// `shares` are `CODE: number` entries, one a line or separated by commas.
public enum ScenarioForm {
  /// How the form is named where a file name would be (the engine's located errors, the workbook).
  public static let file = "biểu mẫu giả định"

  public struct FieldError: Hashable, Sendable {
    /// The field's name (`move.amount`).
    public let field: String
    public let message: LocalizedText
  }

  public struct Errors: Error, Sendable {
    public let fields: [FieldError]
  }

  /// The scenario of the form's values, or every problem found.
  public static func scenario(_ values: [String: String]) -> Result<Scenario, Errors> {
    var form = Fields(values: values)
    let scenario = form.scenario()
    guard form.problems.isEmpty, let scenario else { return .failure(Errors(fields: form.problems)) }
    return .success(scenario)
  }

  private struct Fields {
    let values: [String: String]
    var problems: [FieldError] = []
    let location = SourceLocation(file: ScenarioForm.file, line: 1)

    mutating func report(_ field: String, vi: String, en: String) {
      problems.append(FieldError(field: field, message: LocalizedText(vi: vi, en: en)))
    }

    mutating func report(_ field: String, _ problem: ScenarioValueRules.Problem) {
      report(field, vi: problem.vi, en: problem.en)
    }

    func text(_ field: String) -> String? {
      let value = values[field]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
      return value.isEmpty ? nil : value
    }

    mutating func required(_ field: String, expected: (vi: String, en: String)) -> String? {
      if let value = text(field) { return value }
      report(
        field, vi: "Chưa điền '\(field)': cần \(expected.vi).",
        en: "'\(field)' is empty: expected \(expected.en).")
      return nil
    }

    mutating func checked<Value>(_ field: String, _ result: Result<Value, ScenarioValueRules.Problem>)
      -> Value?
    {
      switch result {
      case .success(let value): return value
      case .failure(let problem):
        report(field, problem)
        return nil
      }
    }

    /// A code; nil (without a problem) when the field is empty and `required` is false.
    mutating func code(_ field: String, required isRequired: Bool = true) -> (code: String?, valid: Bool) {
      guard let value = isRequired ? required(field, expected: ("một mã", "a code")) : text(field) else {
        return (nil, !isRequired)
      }
      let parts = field.split(separator: ".")
      let key = String(parts.last ?? "")
      let context = parts.dropLast().joined(separator: ".")
      let code = checked(field, ScenarioValueRules.code(value, key: key, context: context))
      return (code, code != nil)
    }

    mutating func amount(_ field: String, positive: Bool, required isRequired: Bool = true) -> (
      dong: Int64?, valid: Bool
    ) {
      guard let value = isRequired ? required(field, expected: ("số tiền", "an amount")) : text(field) else {
        return (nil, !isRequired)
      }
      let parts = field.split(separator: ".")
      let dong = checked(
        field,
        ScenarioValueRules.amount(
          value, key: String(parts.last ?? ""), context: String(parts.first ?? ""), positive: positive))
      return (dong, dong != nil)
    }

    mutating func line(_ prefix: String) -> ScenarioLine? {
      let source = code(prefix + ".source").code
      let activity = code(prefix + ".activity").code
      let unit = code(prefix + ".unit").code
      guard let source, let activity, let unit else { return nil }
      return ScenarioLine(source: SourceCode(source), activity: ActivityCode(activity), unit: UnitCode(unit))
    }

    /// `CODE: number` entries, one a line or separated by commas (`XA1: 3, XA2: 2`).
    mutating func entries(_ field: String, expected: (vi: String, en: String)) -> [(
      code: String, value: String
    )]? {
      guard let text = required(field, expected: expected) else { return nil }
      var result: [(code: String, value: String)] = []
      var valid = true
      for entry in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "," || $0 == ";" }) {
        let trimmed = entry.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { continue }
        let parts = trimmed.split(
          maxSplits: 1, omittingEmptySubsequences: true,
          whereSeparator: { $0 == ":" || $0 == "=" || $0 == " " })
        guard parts.count == 2 else {
          valid = false
          report(
            field, vi: "'\(field)': '\(trimmed)' không đúng dạng: cần \(expected.vi).",
            en: "'\(field)': '\(trimmed)' is not in the form \(expected.en).")
          continue
        }
        let code = String(parts[0]).trimmingCharacters(in: .whitespaces)
        let names = field.split(separator: ".").map(String.init)  // distribute.over: key over in distribute
        guard
          checked(
            field, ScenarioValueRules.code(code, key: names.last ?? field, context: names.first ?? field))
            != nil
        else {
          valid = false
          continue
        }
        if result.contains(where: { $0.code == code }) {
          valid = false
          report(
            field, vi: "'\(field)': mã \(code) có hai lần.", en: "'\(field)': code \(code) is given twice.")
          continue
        }
        result.append((code, String(parts[1]).trimmingCharacters(in: .whitespaces)))
      }
      if valid && result.isEmpty {
        report(
          field, vi: "Chưa điền '\(field)': cần \(expected.vi).",
          en: "'\(field)' is empty: expected \(expected.en).")
        return nil
      }
      return valid ? result : nil
    }

    mutating func scenario() -> Scenario? {
      var year: Int?
      if let text = required("year", expected: ("năm 4 chữ số", "a 4-digit year")) {
        if let value = Int(text), (Limits.yearMin...Limits.yearMax).contains(value) {
          year = value
        } else {
          report(
            "year", vi: "Năm không hợp lệ '\(text)': cần năm từ \(Limits.yearMin) đến \(Limits.yearMax).",
            en: "Invalid year '\(text)': expected a year from \(Limits.yearMin) to \(Limits.yearMax).")
        }
      }
      let names = ScenarioReader.operationNames
      let name = text("operation") ?? ""
      guard names.contains(name) else {
        report(
          "operation", vi: "Thao tác không hợp lệ '\(name)': cần một trong \(names.joined(separator: ", ")).",
          en: "Unknown operation '\(name)': expected one of \(names.joined(separator: ", ")).")
        return nil
      }
      let operation = self.operation(name)
      guard let year, let operation else { return nil }
      return Scenario(
        name: text("name") ?? "\(ScenarioForm.file): \(name)", year: year, operations: [operation],
        file: ScenarioForm.file, yearLocation: location)
    }

    mutating func operation(_ name: String) -> ScenarioOperation? {
      switch name {
      case "scale":
        let source = code("scale.source", required: false)
        let activity = code("scale.activity", required: false)
        let unit = code("scale.unit", required: false)
        let percent = required("scale.percent", expected: ("số phần trăm", "a percentage")).flatMap {
          checked("scale.percent", ScenarioValueRules.percent($0))
        }
        guard source.valid, activity.valid, unit.valid, let percent else { return nil }
        let filter = LineFilter(
          source: source.code.map { SourceCode($0) }, activity: activity.code.map { ActivityCode($0) },
          unit: unit.code.map { UnitCode($0) })
        return ScenarioOperation(.scale(filter, percent: percent), location: location)
      case "move":
        let from = line("move.from")
        let to = line("move.to")
        let amount = self.amount("move.amount", positive: true).dong
        guard let from, let to, let amount else { return nil }
        return ScenarioOperation(.move(from: from, to: to, amount: Money(dong: amount)), location: location)
      case "set":
        let line = self.line("set")
        let amount = self.amount("set.amount", positive: false).dong
        guard let line, let amount else { return nil }
        return ScenarioOperation(.set(line, amount: Money(dong: amount)), location: location)
      case "distribute":
        let source = code("distribute.source").code
        let activity = code("distribute.activity").code
        let amount = self.amount("distribute.amount", positive: false).dong
        let minimum = self.amount("distribute.min", positive: false, required: false)
        let maximum = self.amount("distribute.max", positive: false, required: false)
        var over: [(unit: UnitCode, weight: Int64)]? = []
        for entry in entries(
          "distribute.over", expected: ("ĐƠN_VỊ: trọng số, ví dụ XA1: 3", "UNIT: weight, for example XA1: 3"))
          ?? []
        {
          let range = ScenarioValueRules.weights
          guard let weight = Int(entry.value), range.contains(weight) else {
            over = nil
            report(
              "distribute.over",
              vi:
                "Trọng số không hợp lệ '\(entry.value)' cho \(entry.code): cần số nguyên từ \(range.lowerBound) "
                + "đến \(range.upperBound).",
              en: "Invalid weight '\(entry.value)' for \(entry.code): expected a whole number from "
                + "\(range.lowerBound) to \(range.upperBound).")
            continue
          }
          over?.append((UnitCode(entry.code), Int64(weight)))
        }
        guard let source, let activity, let amount, let over, !over.isEmpty, minimum.valid, maximum.valid
        else {
          return nil
        }
        return ScenarioOperation(
          .distribute(
            source: SourceCode(source), activity: ActivityCode(activity), amount: Money(dong: amount),
            over: over,
            minimum: minimum.dong.map { Money(dong: $0) }, maximum: maximum.dong.map { Money(dong: $0) }),
          location: location)
      default:  // cofinance
        let activity = code("cofinance.activity").code
        let unit = code("cofinance.unit").code
        let total = amount("cofinance.total", positive: false).dong
        var shares: [(source: SourceCode, share: Percent)]? = []
        let entries = entries(
          "cofinance.shares",
          expected: ("NGUỒN: phần trăm, ví dụ TW: 90", "SOURCE: percent, for example TW: 90"))
        for entry in entries ?? [] {
          guard let share = checked("cofinance.shares", ScenarioValueRules.share(entry.value, of: entry.code))
          else {
            shares = nil
            continue
          }
          shares?.append((SourceCode(entry.code), share))
        }
        if let list = shares, !list.isEmpty,
          checked("cofinance.shares", ScenarioValueRules.sharesAddUp(list.map(\.share))) == nil
        {
          shares = nil
        }
        guard let activity, let unit, let total, let shares, !shares.isEmpty else { return nil }
        return ScenarioOperation(
          .cofinance(
            activity: ActivityCode(activity), unit: UnitCode(unit), total: Money(dong: total), shares: shares),
          location: location)
      }
    }
  }
}

import BudgetCore

/// A sweep: the same scenario run once per value of one operation's number, to find for example the
/// largest cut the plan can absorb.
///
/// Syntax: `OPERATION[#N].FIELD=FROM..TO [step S]`, e.g. `scale.percent=-50..0 step 5`.
/// - OPERATION is `scale`, `move`, `set`, `distribute` or `cofinance`; `#N` picks the N-th operation of
///   that name in the file (from 1) and is required when the file has more than one.
/// - FIELD is `percent` for scale (whole percent), `amount` for move/set/distribute, `total` for
///   cofinance (whole đồng).
/// - Values run from FROM up to TO by S (default 1); TO is included when the steps land on it.
public struct ScenarioSweep: Sendable {
  public static let valuesMax = 100_000

  public let operation: String
  public let occurrence: Int?
  public let field: String
  public let values: [Int64]
  /// The text as given, for headings.
  public let text: String

  private static let fields = [
    "scale": "percent", "move": "amount", "set": "amount", "distribute": "amount", "cofinance": "total",
  ]

  /// Parses the option's text; a problem is an input error without a file location (the command line).
  public static func parse(_ text: String) throws -> ScenarioSweep {
    func fail(_ vi: String, _ en: String) -> InputErrors {
      InputErrors([
        InputError(
          nil, vi: "--sweep '\(text)': \(vi) Cú pháp: 'scale.percent=-50..0 step 5'.",
          en: "--sweep '\(text)': \(en) Syntax: 'scale.percent=-50..0 step 5'.")
      ])
    }
    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
      String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
    guard parts.count == 2 else { throw fail("thiếu '='.", "'=' is missing.") }
    let target = parts[0].split(separator: ".", maxSplits: 1).map(String.init)
    guard target.count == 2 else {
      throw fail("cần THAO_TÁC.TRƯỜNG trước '='.", "expected OPERATION.FIELD before '='.")
    }
    var operation = target[0]
    var occurrence: Int?
    if let hash = operation.firstIndex(of: "#") {
      guard let number = Int(operation[operation.index(after: hash)...]), number >= 1 else {
        throw fail(
          "số thứ tự sau '#' phải là số nguyên ≥ 1.", "the number after '#' must be a whole number ≥ 1.")
      }
      occurrence = number
      operation = String(operation[..<hash])
    }
    guard let field = fields[operation] else {
      throw fail(
        "không có thao tác '\(operation)'; cần scale, move, set, distribute hoặc cofinance.",
        "no operation '\(operation)'; expected scale, move, set, distribute or cofinance.")
    }
    guard target[1] == field else {
      throw fail(
        "thao tác \(operation) chỉ quét được trường '\(field)'.",
        "operation \(operation) can sweep '\(field)' only.")
    }
    let words = parts[1].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard words.count == 1 || (words.count == 3 && words[1] == "step") else {
      throw fail("cần 'TỪ..ĐẾN' hoặc 'TỪ..ĐẾN step BƯỚC'.", "expected 'FROM..TO' or 'FROM..TO step STEP'.")
    }
    let range = words[0]
    let separator = range.dropFirst().firstIndex(of: ".")  // the first character may be a sign
    guard let separator, range[separator...].hasPrefix(".."),
      let from = Int64(range[..<separator]),
      let to = Int64(range[range.index(separator, offsetBy: 2)...])
    else {
      throw fail("khoảng 'TỪ..ĐẾN' cần hai số nguyên.", "the range 'FROM..TO' needs two whole numbers.")
    }
    let step = words.count == 3 ? Int64(words[2]) : 1
    guard let step, step > 0 else {
      throw fail("bước phải là số nguyên dương.", "the step must be a positive whole number.")
    }
    guard from <= to else { throw fail("TỪ phải ≤ ĐẾN.", "FROM must be ≤ TO.") }
    let limit = field == "percent" ? (-100 as Int64)...100 : 0...Limits.amountMaxDong
    guard limit.contains(from), limit.contains(to) else {
      throw fail(
        "giá trị phải trong khoảng \(limit.lowerBound)..\(limit.upperBound).",
        "values must lie in \(limit.lowerBound)..\(limit.upperBound).")
    }
    let count = (to - from) / step + 1
    guard count <= Int64(valuesMax) else {
      throw fail(
        "quá nhiều giá trị (\(count)); tối đa \(valuesMax).",
        "too many values (\(count)); at most \(valuesMax).")
    }
    let values = Array(stride(from: from, through: to, by: Int(step)))
    return ScenarioSweep(
      operation: operation, occurrence: occurrence, field: field, values: values, text: text)
  }

  /// The index of the swept operation in the scenario.
  public func operationIndex(in scenario: Scenario) throws -> Int {
    let matching = scenario.operations.indices.filter { scenario.operations[$0].name == operation }
    func fail(_ vi: String, _ en: String) -> InputErrors {
      InputErrors([
        InputError(
          SourceLocation(file: scenario.file, line: 1), vi: "--sweep '\(text)': \(vi)",
          en: "--sweep '\(text)': \(en)")
      ])
    }
    if let occurrence {
      guard occurrence <= matching.count else {
        throw fail(
          "kịch bản chỉ có \(matching.count) thao tác '\(operation)'.",
          "the scenario has only \(matching.count) '\(operation)' operations.")
      }
      return matching[occurrence - 1]
    }
    guard matching.count == 1 else {
      throw matching.isEmpty
        ? fail("kịch bản không có thao tác '\(operation)'.", "the scenario has no '\(operation)' operation.")
        : fail(
          "kịch bản có \(matching.count) thao tác '\(operation)': ghi rõ '\(operation)#1' … '\(operation)#\(matching.count)'.",
          "the scenario has \(matching.count) '\(operation)' operations: write '\(operation)#1' … '\(operation)#\(matching.count)'."
        )
    }
    return matching[0]
  }

  /// The scenario with the swept number set to `value`.
  public func scenario(_ base: Scenario, operationIndex index: Int, value: Int64) -> Scenario {
    var operations = base.operations
    let original = operations[index]
    let money = Money(dong: value)
    let kind: ScenarioOperation.Kind
    switch original.kind {
    case .scale(let filter, _): kind = .scale(filter, percent: Percent(whole: value))
    case .move(let from, let to, _): kind = .move(from: from, to: to, amount: money)
    case .set(let line, _): kind = .set(line, amount: money)
    case .distribute(let source, let activity, _, let over, let minimum, let maximum):
      kind = .distribute(
        source: source, activity: activity, amount: money, over: over, minimum: minimum, maximum: maximum)
    case .cofinance(let activity, let unit, _, let shares):
      kind = .cofinance(activity: activity, unit: unit, total: money, shares: shares)
    }
    operations[index] = ScenarioOperation(kind, location: original.location)
    return base.with(operations: operations)
  }

  /// What one value does.
  public struct Point: Sendable {
    public let value: Int64
    public let brokenCount: Int
    public let newErrorCount: Int
    /// `ScenarioComparison.overspendIncrease` at this value.
    public let overspendIncrease: Money
    /// `ScenarioComparison.counterpartShortfallIncrease` at this value.
    public let counterpartShortfallIncrease: Money
    /// Σ allocated in the scenario year after the operations.
    public let allocated: Money
  }

  /// Runs the scenario once per value against one baseline analysis. A value that makes an operation
  /// impossible stops the sweep with that operation's located error, naming the value.
  public func run(_ scenario: Scenario, baseline: Analysis) throws -> [Point] {
    let index = try operationIndex(in: scenario)
    var points: [Point] = []
    points.reserveCapacity(values.count)
    for value in values {
      let comparison: ScenarioComparison
      do {
        comparison = try ScenarioComparison.run(
          self.scenario(scenario, operationIndex: index, value: value), baseline: baseline)
      } catch let errors as InputErrors {
        var named = InputErrors()
        for error in errors.errors {
          named.append(
            InputError(
              error.location, vi: "[\(operation).\(field)=\(value)] " + error.message.vi,
              en: "[\(operation).\(field)=\(value)] " + error.message.en))
        }
        throw named
      }
      points.append(
        Point(
          value: value, brokenCount: comparison.brokenCount, newErrorCount: comparison.newErrorCount,
          overspendIncrease: comparison.overspendIncrease,
          counterpartShortfallIncrease: comparison.counterpartShortfallIncrease,
          allocated: comparison.result.totals.allocated))
    }
    return points
  }
}

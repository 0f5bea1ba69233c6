import BudgetCore

/// A source and an activity together: what a successors' plan must know for a handed-over balance.
public struct SourceActivity: Hashable, Sendable, Comparable {
  public let source: SourceCode
  public let activity: ActivityCode

  public init(source: SourceCode, activity: ActivityCode) {
    self.source = source
    self.activity = activity
  }

  public static func < (lhs: SourceActivity, rhs: SourceActivity) -> Bool {
    (lhs.source.rawValue, lhs.activity.rawValue) < (rhs.source.rawValue, rhs.activity.rawValue)
  }
}

extension HandoverMap {
  /// What the map gets wrong against the two plans: old units must be in the workspace's plan;
  /// successors in the successors' plan (when given), and that plan must know every source and
  /// activity the mapped units' allocations are on. Empty when the map can be used.
  public func problems(workspacePlan: Plan, allocations: [Allocation], successorPlan: Plan?) -> InputErrors {
    var errors = InputErrors()
    for entry in units where workspacePlan.unitByCode[entry.unit] == nil {
      errors.append(
        InputError(
          entry.location, vi: "Đơn vị '\(entry.unit)' không có trong plan.yaml của thư mục dữ liệu.",
          en: "Unit '\(entry.unit)' is not in the workspace's plan.yaml."))
    }
    guard let successorPlan else { return errors }
    for entry in units {
      let named: [UnitCode]
      switch entry.rule {
      case .whole(let code): named = [code]
      case .percentages(let shares): named = shares.map(\.successor)
      case .byLine(let rules, let otherwise): named = rules.map(\.successor) + (otherwise.map { [$0] } ?? [])
      }
      for code in named where successorPlan.unitByCode[code] == nil {
        errors.append(
          InputError(
            entry.location,
            vi: "Đơn vị nhận '\(code)' không có trong kế hoạch của đơn vị nhận (\(successorPlan.file)).",
            en: "Successor '\(code)' is not in the successors' plan (\(successorPlan.file))."))
      }
    }
    let mapped = Set(units.map(\.unit))
    let used = Set(
      allocations.filter { mapped.contains($0.unit) }.map {
        SourceActivity(source: $0.source, activity: $0.activity)
      })
    for pair in used.sorted()
    where successorPlan.sourceByCode[pair.source] == nil || successorPlan.activityByCode[pair.activity] == nil
    {
      errors.append(
        InputError(
          SourceLocation(file: successorPlan.file, line: 1),
          vi:
            "Kế hoạch của đơn vị nhận thiếu nguồn '\(pair.source)' hoặc nội dung '\(pair.activity)' mà số dư bàn giao dùng.",
          en:
            "The successors' plan lacks source '\(pair.source)' or activity '\(pair.activity)' used by the balances."
        ))
    }
    return errors
  }
}

extension Handover {
  /// Lines of mapped units that hold money but match no by-line rule: the map must say where they go.
  public var unmatchedErrors: InputErrors {
    InputErrors(
      unmatched.map { item in
        InputError(
          item.entry.location,
          vi:
            "Dòng \(item.line) của đơn vị \(item.entry.unit) còn \(item.balance.grouped) đồng nhưng không khớp quy tắc nào trong 'lines': thêm một quy tắc hoặc 'otherwise'.",
          en:
            "Line \(item.line) of unit \(item.entry.unit) holds \(item.balance.groupedEnglish) đồng but matches no rule under 'lines': add a rule or 'otherwise'."
        )
      })
  }
}

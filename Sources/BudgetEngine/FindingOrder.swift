import BudgetCore

/// The order findings are listed in: severity (errors first), year (plan-level first), the plan's
/// order of source, activity and unit, code (catalogue order), then file and line. Keys are built once
/// per finding so sorting a million findings does no dictionary lookups in the comparisons.
enum FindingOrder {
  private struct SortKey: Comparable {
    let severity: Int
    let year: Int
    let source: Int
    let activity: Int
    let unit: Int
    let code: Int
    let file: String
    let line: Int
    /// Position before sorting: ties keep the order the passes produced.
    let sequence: Int
    /// Codes the plan does not know sort after the known ones, by their text.
    let unknownCodes: String

    static func < (lhs: SortKey, rhs: SortKey) -> Bool {
      if (lhs.severity, lhs.year, lhs.source, lhs.activity, lhs.unit)
        != (rhs.severity, rhs.year, rhs.source, rhs.activity, rhs.unit)
      {
        return (lhs.severity, lhs.year, lhs.source, lhs.activity, lhs.unit)
          < (rhs.severity, rhs.year, rhs.source, rhs.activity, rhs.unit)
      }
      if lhs.unknownCodes != rhs.unknownCodes { return lhs.unknownCodes < rhs.unknownCodes }
      return (lhs.code, lhs.file, lhs.line, lhs.sequence) < (rhs.code, rhs.file, rhs.line, rhs.sequence)
    }
  }

  static func sorted(_ findings: [Finding], plan: Plan) -> [Finding] {
    let severityRank = Dictionary(uniqueKeysWithValues: Severity.allCases.enumerated().map { ($1, $0) })
    let keys = findings.enumerated().map { sequence, finding in
      let source = finding.source.map { plan.sourceOrder[$0] ?? Int.max } ?? -1
      let activity = finding.activity.map { plan.activityOrder[$0] ?? Int.max } ?? -1
      let unit = finding.unit.map { plan.unitOrder[$0] ?? Int.max } ?? -1
      var unknownCodes = ""
      if source == Int.max || activity == Int.max || unit == Int.max {
        unknownCodes = [finding.source?.rawValue, finding.activity?.rawValue, finding.unit?.rawValue]
          .map { $0 ?? "" }.joined(separator: "\u{1}")
      }
      return SortKey(
        severity: severityRank[finding.severity] ?? 0, year: finding.year ?? Int.min, source: source,
        activity: activity, unit: unit, code: finding.code.catalogueIndex,
        file: finding.location?.file ?? "", line: finding.location?.line ?? 0, sequence: sequence,
        unknownCodes: unknownCodes)
    }
    return keys.indices.sorted { keys[$0] < keys[$1] }.map { findings[$0] }
  }
}

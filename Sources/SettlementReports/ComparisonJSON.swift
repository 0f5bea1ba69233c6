import BudgetCore
import BudgetEngine

/// A scenario as JSON: docs/workspace-format.md, "Machine-readable output"'s `{year, lines, totals, findings}` for the scenario, plus the
/// baseline (`baseline` on each line, `baseline_totals`), the changed lines, the broken findings and
/// the scenario header. Several scenarios: a JSON array of such objects. Amounts are integers in đồng.
public enum ComparisonJSON {
  public static func render(_ report: ComparisonReport, language: Language = .vi) -> String {
    var json = JSONWriter()
    if report.comparisons.count == 1 {
      write(report.comparisons[0], report: report, language: language, into: &json)
    } else {
      json.beginArray()
      for comparison in report.comparisons {
        write(comparison, report: report, language: language, into: &json)
      }
      json.endArray()
    }
    return json.text + "\n"
  }

  /// A sweep: one entry per value.
  public static func render(_ sweep: SweepResult, scenario: Scenario) -> String {
    var json = JSONWriter()
    json.beginObject()
    json.field("sweep", sweep.text)
    json.field("scenario", scenario.name)
    json.field("file", scenario.file)
    json.field("year", scenario.year)
    json.objects("points", sweep.points) { point, json in
      json.field("value", point.value)
      json.field("broken", point.brokenCount)
      json.field("new_errors", point.newErrorCount)
      json.field("overspend_increase", point.overspendIncrease.dong)
      json.field("counterpart_shortfall_increase", point.counterpartShortfallIncrease.dong)
      json.field("allocated", point.allocated.dong)
    }
    json.endObject()
    return json.text + "\n"
  }

  private static func write(
    _ comparison: ScenarioComparison, report: ComparisonReport, language: Language,
    into json: inout JSONWriter
  ) {
    let scenario = comparison.scenario
    json.beginObject()
    json.beginObject("scenario")
    json.field("name", scenario.name)
    json.field("file", scenario.file)
    json.field("round_to", scenario.roundToDong)
    json.endObject()
    json.field("year", scenario.year)
    json.objects("lines", comparison.lines) { line, json in
      SettlementJSON.writeKey(line.key, into: &json)
      SettlementJSON.writeFigures(line.scenario ?? Figures(), into: &json)
      SettlementJSON.writeFigures(line.baseline ?? Figures(), named: "baseline", into: &json)
      json.field("broken", line.isBroken)
    }
    SettlementJSON.writeFigures(comparison.result.totals, named: "totals", into: &json)
    SettlementJSON.writeFigures(comparison.baseline.totals, named: "baseline_totals", into: &json)
    SettlementJSON.writeFindings(comparison.result.findings, language: language, key: "findings", into: &json)
    json.objects("changes", comparison.changedLines) { line, json in
      SettlementJSON.writeKey(line.key, into: &json)
      json.field("before", line.allocatedBefore.dong)
      json.field("after", line.allocatedAfter.dong)
      json.field("delta", line.allocatedDelta.dong)
    }
    json.field("broken_count", comparison.brokenCount)
    // Two kinds of missing money, never added together (issue 13 §6).
    json.field("overspend_increase", comparison.overspendIncrease.dong)
    json.field("counterpart_shortfall_increase", comparison.counterpartShortfallIncrease.dong)
    // A finding the baseline already had, now larger, carries the baseline's amount too.
    SettlementJSON.writeFindings(
      comparison.broken.map(\.finding), language: language, key: "broken", into: &json
    ) { index, json in
      json.field("baseline_amount", comparison.broken[index].baselineAmount?.dong)
    }
    json.endObject()
  }
}

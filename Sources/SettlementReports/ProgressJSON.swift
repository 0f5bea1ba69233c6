import BudgetCore
import BudgetEngine

/// `kinhphi progress --json`: every figure of the report (docs/workspace-format.md, "Disbursement
/// progress"). Amounts are integers in đồng; rates and shares hundredths of a percent; a rate of
/// nothing available is left out, as every key that does not apply.
public enum ProgressJSON {
  public static func render(_ progress: DisbursementProgress, language: Language = .vi) -> String {
    let tables = ProgressTables(progress: progress, language: language)
    var json = JSONWriter()
    json.beginObject()
    json.field("as_of", progress.asOf.iso)
    json.field("year", progress.year)
    json.field("previous_as_of", progress.previousAsOf.iso)
    if let unit = progress.unit { json.field("unit", unit.rawValue) }
    json.beginObject("pace")
    json.field("by_30_06", progress.pace.byJune30.hundredths)
    json.field("by_30_09", progress.pace.bySeptember30.hundredths)
    json.endObject()
    json.field("expected_share", progress.expectedShare.hundredths)
    json.field("days_elapsed", progress.daysElapsed)
    json.field("days_in_year", progress.daysInYear)
    json.beginObject("totals")
    figures(progress.totals, expected: progress.expected(progress.totals), into: &json)
    json.endObject()
    for dimension in ProgressDimension.allCases {
      let rows = tables.rows(by: dimension).filter { $0.code != nil || $0.kind != .total }
      json.objects("by_\(dimension.rawValue)", rows) { row, json in
        json.field("level", row.level)
        json.field("kind", row.children.isEmpty ? "detail" : "group")
        json.field("code", row.code)
        json.field("name", row.name)
        figures(row.figures, expected: progress.expected(row.figures), into: &json)
      }
    }
    json.objects("lines", progress.lines) { line, json in
      SettlementJSON.writeKey(line.key, into: &json)
      figures(line.figures, expected: progress.expected(line.figures), into: &json)
    }
    json.objects("monthly", progress.monthlyBySource + [progress.monthlyTotal]) { series, json in
      json.field("source", series.source?.rawValue ?? "*")
      json.beginArray("cumulative")
      // One entry per month up to the as-of month.
      for value in series.cumulative.compactMap({ $0 }) { json.element(Int(value.dong)) }
      json.endArray()
      json.beginArray("previous_cumulative")
      for value in series.previousCumulative { json.element(Int(value.dong)) }
      json.endArray()
      json.beginArray("pace_cumulative")
      for value in series.paceCumulative { json.element(Int(value.dong)) }
      json.endArray()
    }
    json.objects("lagging_units", progress.laggingUnits) { entry, json in
      json.field("unit", entry.subject.rawValue)
      json.field("name", progress.plan.unitByCode[entry.subject]?.name)
      figures(entry.figures, expected: entry.expected, into: &json)
    }
    json.objects("lagging_lines", progress.laggingLines) { entry, json in
      SettlementJSON.writeKey(entry.subject, into: &json)
      figures(entry.figures, expected: entry.expected, into: &json)
    }
    json.beginObject("projection")
    let projected = progress.projectedTotals
    json.field("available", projected.available.dong)
    json.field("spent", projected.spent.dong)
    json.field("carry_over", projected.carryOver.dong)
    json.field("cancelled", projected.cancelled.dong)
    json.field("overspent", projected.overspent.dong)
    json.endObject()
    json.objects("expiring_carry_in", progress.expiringCarryIn) { entry, json in
      SettlementJSON.writeKey(entry.line, into: &json)
      json.field("origin_year", entry.originYear)
      json.field("carried_in", entry.carriedIn.dong)
      json.field("unspent_to_date", entry.unspentToDate.dong)
      json.field("projected_cancelled", entry.projectedCancelled.dong)
    }
    tally("payments_after_as_of", progress.paymentsAfterAsOf, into: &json)
    tally("excluded_payments", progress.excludedPayments, into: &json)
    json.endObject()
    return json.text + "\n"
  }

  private static func figures(_ figures: ProgressFigures, expected: Money, into json: inout JSONWriter) {
    json.field("available", figures.available.dong)
    json.field("disbursed", figures.disbursed.dong)
    json.field("remaining", figures.remaining.dong)
    rate("rate", figures.rate, into: &json)
    json.field("expected", expected.dong)
    json.field("behind", (expected - figures.disbursed).clampedAtZero.dong)
    json.field("previous_available", figures.previousAvailable.dong)
    json.field("previous_disbursed", figures.previousDisbursed.dong)
    rate("previous_rate", figures.previousRate, into: &json)
    json.field("projected_spent", figures.projected.spent.dong)
    json.field("projected_carry_over", figures.projected.carryOver.dong)
    json.field("projected_cancelled", figures.projected.cancelled.dong)
    json.field("projected_overspent", figures.projected.overspent.dong)
  }

  private static func rate(_ name: String, _ rate: Percent?, into json: inout JSONWriter) {
    json.field(name, rate?.hundredths)
  }

  private static func tally(_ name: String, _ tally: PaymentTally, into json: inout JSONWriter) {
    json.beginObject(name)
    json.field("count", tally.count)
    json.field("amount", tally.amount.dong)
    json.endObject()
  }
}

import BudgetCore
import BudgetEngine

/// The machine-readable settlement of docs/workspace-format.md, "Machine-readable output": every line, the totals, the findings.
/// Amounts are JSON integers in đồng. Added keys: `overspent` and `portions` on lines; the treasury
/// figures (drawn, advances, their year-end split) on lines and totals, `open_advance` on portions.
public enum SettlementJSON {
  /// Drawn from the same report model as the settlement workbook.
  public static func render(_ report: SettlementReport) -> String {
    var json = JSONWriter()
    json.beginObject()
    json.field("year", report.year)
    json.objects("lines", report.lines) { line, json in
      writeKey(line.key, into: &json)
      writeFigures(line.figures, into: &json)
      writeTreasury(line.treasury, into: &json)
      json.objects("portions", line.portions) { portion, json in
        json.field("origin_year", portion.originYear)
        json.field("available", portion.available.dong)
        json.field("unspent", portion.unspent.dong)
        json.field("carry_over", portion.carryOver.dong)
        json.field("cancelled", portion.cancelled.dong)
        json.field("open_advance", portion.openAdvance.dong)
      }
    }
    json.beginObject("totals")
    writeFigures(report.totals, into: &json)
    writeTreasury(report.treasuryTotals, into: &json)
    json.endObject()
    writeFindings(report.findings, language: report.language, key: "findings", into: &json)
    json.endObject()
    return json.text + "\n"
  }

  /// The findings alone, for `kinhphi check --json`.
  public static func renderFindings(_ findings: [Finding], years: [Int], language: Language = .vi)
    -> String
  {
    var json = JSONWriter()
    json.beginObject()
    json.beginArray("years")
    years.forEach { json.element($0) }
    json.endArray()
    json.field("errors", findings.errorCount)
    json.field("warnings", findings.filter { $0.severity == .warning }.count)
    writeFindings(findings, language: language, key: "findings", into: &json)
    json.endObject()
    return json.text + "\n"
  }

  /// A line's codes: `source`, `activity`, `unit` (every JSON output names a line so).
  static func writeKey(_ key: LineKey, into json: inout JSONWriter) {
    json.field("source", key.source.rawValue)
    json.field("activity", key.activity.rawValue)
    json.field("unit", key.unit.rawValue)
  }

  /// The figures as an object of their own under `name` (`totals`, `baseline`, …).
  static func writeFigures(_ figures: Figures, named name: String, into json: inout JSONWriter) {
    json.beginObject(name)
    writeFigures(figures, into: &json)
    json.endObject()
  }

  static func writeFigures(_ figures: Figures, into json: inout JSONWriter) {
    json.field("carried_in", figures.carriedIn.dong)
    json.field("allocated", figures.allocated.dong)
    json.field("available", figures.available.dong)
    json.field("spent", figures.spent.dong)
    json.field("remaining", figures.remaining.dong)
    json.field("carry_over", figures.carryOver.dong)
    json.field("cancelled", figures.cancelled.dong)
    json.field("overspent", figures.overspent.dong)
  }

  /// The treasury figures (docs/workspace-format.md, "Advances and treasury drawdowns"), after the
  /// settlement figures of the same line or total.
  static func writeTreasury(_ treasury: TreasuryFigures, into json: inout JSONWriter) {
    json.field("carried_in_advance", treasury.carriedInAdvance.dong)
    json.field("carried_in_undrawn", treasury.carriedInUndrawn.dong)
    json.field("final_paid", treasury.finalPaid.dong)
    json.field("advanced", treasury.advanced.dong)
    json.field("advance_settled", treasury.advanceSettled.dong)
    json.field("drawn_in_year", treasury.drawnInYear.dong)
    json.field("drawn", treasury.drawn.dong)
    json.field("undrawn", treasury.undrawn.dong)
    json.field("open_advance", treasury.openAdvance.dong)
    json.field("carry_over_undrawn", treasury.carryOverUndrawn.dong)
    json.field("carry_over_advance", treasury.carryOverAdvance.dong)
    json.field("cancelled_undrawn", treasury.cancelledUndrawn.dong)
    json.field("lapsed_advance", treasury.lapsedAdvance.dong)
  }

  /// `extra` adds fields of the caller's to the finding at an index (before the message).
  static func writeFindings(
    _ findings: [Finding], language: Language, key: String, into json: inout JSONWriter,
    extra: (Int, inout JSONWriter) -> Void = { _, _ in }
  ) {
    json.objects(key, findings.enumerated()) { indexed, json in
      let (index, finding) = indexed
      json.field("code", finding.code.rawValue)
      json.field("severity", finding.severity.rawValue)
      json.field("year", finding.year)
      json.field("source", finding.source?.rawValue)
      json.field("activity", finding.activity?.rawValue)
      json.field("unit", finding.unit?.rawValue)
      json.field("amount", finding.amount?.dong)
      json.field("file", finding.location?.file)
      json.field("line", finding.location?.line)
      json.field("id", finding.rowID)
      extra(index, &json)
      json.field("message", finding.message.text(language))
    }
  }
}

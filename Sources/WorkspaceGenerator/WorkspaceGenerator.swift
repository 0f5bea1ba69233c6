import BudgetCore
import Foundation

/// What to generate. The same options (seed included) always give byte-identical files.
public struct GeneratorOptions: Hashable, Sendable {
  /// Implementing units (leaf units; they are grouped under one parent per 100).
  public var units: Int
  /// Rows of spending.csv, exactly (findings and reversals included).
  public var payments: Int
  public var firstYear: Int
  public var lastYear: Int
  public var seed: UInt64
  /// Rows per 1,000 that carry a row-level finding (unknown codes, ineligible source, outside the
  /// window or the plan, duplicate id, possible duplicate, bad reversal, norm exceeded, unbudgeted).
  public var anomalyPerMille: Int
  /// Rows per 1,000 that are valid partial reversals of an earlier payment.
  public var reversalPerMille: Int
  /// Lines (activity × source) per unit and year. Beyond 9 the plan gains numbered activities.
  public var linesPerUnit: Int

  public init(
    units: Int, payments: Int, firstYear: Int, lastYear: Int, seed: UInt64 = 1, anomalyPerMille: Int = 1,
    reversalPerMille: Int = 10, linesPerUnit: Int = 4
  ) {
    self.units = units
    self.payments = payments
    self.firstYear = firstYear
    self.lastYear = lastYear
    self.seed = seed
    self.anomalyPerMille = anomalyPerMille
    self.reversalPerMille = reversalPerMille
    self.linesPerUnit = linesPerUnit
  }

  func validate() throws {
    guard (1...Limits.catalogueEntriesMax / 2).contains(units) else {
      throw GeneratorError.invalid("units must be 1…\(Limits.catalogueEntriesMax / 2)")
    }
    guard (0...Limits.rowsMax).contains(payments) else {
      throw GeneratorError.invalid("payments must be 0…\(Limits.rowsMax)")
    }
    guard Limits.yearMin < firstYear, firstYear <= lastYear, lastYear < Limits.yearMax else {
      throw GeneratorError.invalid("years must be a range inside \(Limits.yearMin + 1)–\(Limits.yearMax - 1)")
    }
    guard (0...1000).contains(anomalyPerMille), (0...1000).contains(reversalPerMille),
      anomalyPerMille + reversalPerMille <= 1000
    else { throw GeneratorError.invalid("per-mille rates must be 0…1000 and add up to at most 1000") }
    guard (1...GeneratorCatalogue.linesPerUnitMax).contains(linesPerUnit) else {
      throw GeneratorError.invalid("lines per unit must be 1…\(GeneratorCatalogue.linesPerUnitMax)")
    }
  }
}

/// What was written, and what `Engine.analyze` must find in it: the generator keeps the settlement
/// of every line as it writes (oldest money first, carry-over rules of each source), so the counts
/// are exact, not estimates.
public struct GenerationSummary: Sendable, Equatable {
  public var paymentRows = 0
  public var allocationRows = 0
  /// Lines with allocations (units × lines per unit × years).
  public var budgetedLines = 0
  public var expectedFindings: [FindingCode: Int] = [:]
  /// Σ of the included payments per budget year.
  public var spentByYear: [Int: Int64] = [:]
  /// Σ carried over from each year into the next (per year closed inside the workspace).
  public var carriedOverByYear: [Int: Int64] = [:]
}

/// Writes a synthetic workspace (plan.yaml, allocations.csv, spending.csv) of any size, streaming
/// rows to disk: memory stays at a few MB whatever the row count.
///
/// Spending comes in date order within each year (month by month across all lines), the way a
/// treasury export does, rather than grouped by line. See docs/performance.md, "Generated workspaces".
public enum WorkspaceGenerator {
  /// The kinds of row-level anomaly, used in turn.
  enum Anomaly: CaseIterable {
    case unknownSource, unknownActivity, unknownUnit, ineligibleSource, yearOutsidePlan
    case paymentOutsideWindow, duplicateID, possibleDuplicate, badReversal, normExceeded, unbudgeted
  }

  struct LastPayment {
    var id: Int
    var voucher: Int
    var date: (year: Int, month: Int, day: Int)
    var amount: Int64
    var reversed: Bool
    var split: Bool
  }

  struct LineState {
    let unit: Int
    let activity: Int
    let source: Int
    /// This year's carry-in by origin year, ascending.
    var carriedIn: [(origin: Int, amount: Int64)] = []
    var allocated: Int64 = 0
    var spent: Int64 = 0
    var rows = 0
    var written = 0
    var paymentBase: Int64 = 0
    var last: LastPayment? = nil

    var available: Int64 { carriedIn.reduce(0) { $0 + $1.amount } + allocated }
  }

  /// Writes the three files into `directory` (created when missing). `progress` is called now and
  /// then with the spending rows written so far.
  @discardableResult
  public static func generate(
    _ options: GeneratorOptions, to directory: String, progress: ((Int) -> Void)? = nil
  ) throws -> GenerationSummary {
    try options.validate()
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try writePlan(options, to: directory + "/plan.yaml")
    var run = Run(options: options)
    let allocations = try ByteSink(path: directory + "/allocations.csv")
    let spending = try ByteSink(path: directory + "/spending.csv")
    try run.write(allocations: allocations, spending: spending, progress: progress)
    try allocations.close()
    try spending.close()
    return run.summary
  }

  static func unitCode(_ unit: Int) -> String { "DV" + digits(unit + 1, 6) }
  static func groupCode(_ group: Int) -> String { "CUM" + digits(group + 1, 4) }

  static func digits(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  static func writePlan(_ options: GeneratorOptions, to path: String) throws {
    let sink = try ByteSink(path: path)
    func line(_ text: String) {
      sink.text(text)
      sink.newline()
    }
    line("# Generated by `kinhphi generate` (seed \(options.seed)): synthetic data for tests and benchmarks.")
    line("plan:")
    line("  name: \"Kế hoạch truyền thông CTMTQG DTTS&MN (dữ liệu tổng hợp, \(options.units) đơn vị)\"")
    line("  issuer: \"UBND tỉnh (dữ liệu mẫu)\"")
    line("  office: \"Sở Tài chính\"")
    line("  place: \"Tuyên Quang\"")
    line("  first_year: \(options.firstYear)")
    line("  last_year: \(options.lastYear)")
    line("")
    line("sources:")
    for source in GeneratorCatalogue.sources {
      var entry = "  - {code: \(source.code), name: \"\(source.name)\", kind: \(source.kind.rawValue)"
      if let programme = source.programme { entry += ", programme: \"\(programme)\"" }
      line(entry + ", carry_over_years: \(source.carryOverYears)}")
    }
    line("")
    line("units:")
    let groups = (options.units + 99) / 100
    for group in 0..<groups {
      line("  - {code: \(groupCode(group)), name: \"Cụm đơn vị số \(group + 1)\"}")
      for unit in (group * 100)..<min(options.units, (group + 1) * 100) {
        line("  - {code: \(unitCode(unit)), name: \"Đơn vị số \(unit + 1)\", parent: \(groupCode(group))}")
      }
    }
    line("")
    line("projects:")
    for project in GeneratorCatalogue.projects {
      line(
        "  - {code: \(project.code), name: \"\(project.name)\""
          + (project.parent.map { ", parent: \($0)}" } ?? "}"))
    }
    line("")
    line("activities:")
    for activity in GeneratorCatalogue.activities(linesPerUnit: options.linesPerUnit) {
      var entry = "  - {code: \(activity.code), name: \"\(activity.name)\", project: \(activity.project)"
      if let eligible = activity.eligible {
        entry +=
          ", sources: [" + eligible.map { GeneratorCatalogue.sources[$0].code }.joined(separator: ", ") + "]"
      }
      if let norm = activity.unitCostMax { entry += ", unit_cost_max: \(norm)" }
      line(entry + "}")
    }
    line("")
    line("counterpart:")
    let locals = GeneratorCatalogue.localIndexes.map { GeneratorCatalogue.sources[$0].code }
    line(
      "  - {central: \(GeneratorCatalogue.sources[GeneratorCatalogue.centralIndex].code), local: ["
        + locals.joined(separator: ", ") + "], min_percent: \(GeneratorCatalogue.counterpartPercent)}")
    try sink.close()
  }
}

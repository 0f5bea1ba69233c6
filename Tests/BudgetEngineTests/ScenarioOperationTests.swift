import BudgetCore
import BudgetEngine
import Testing

/// A hand-computed 2023 workspace (TestPlan; counterpart TW ← TINH + HUYEN ≥ 10 %):
///
/// | line              | allocated   | spent      |
/// |-------------------|-------------|------------|
/// | TW · PANO · PDT   | 100.000.000 | 80.000.000 |
/// | TINH · PANO · PDT |  10.000.000 |  6.000.000 |
/// | HUYEN · PANO · PDT|   5.000.000 |          0 |
/// | TW · CNTT · XA1   |  50.000.000 | 20.000.000 |
///
/// Counterpart: TW 150.000.000 → at least 15.000.000; TINH + HUYEN = 15.000.000, met exactly. The
/// baseline has no error or warning finding.
private func workspace() -> Analysis {
  var builder = LedgerBuilder(rules: [
    CounterpartRule(central: "TW", local: ["TINH", "HUYEN"], minPercent: Percent(whole: 10))
  ])
  builder.allocate(2023, "TW", "PANO", "PDT", .initial, 100_000_000)
  builder.allocate(2023, "TINH", "PANO", "PDT", .initial, 10_000_000)
  builder.allocate(2023, "HUYEN", "PANO", "PDT", .initial, 5_000_000)
  builder.allocate(2023, "TW", "CNTT", "XA1", .initial, 50_000_000)
  builder.pay("p1", 2023, "TW", "PANO", "PDT", 80_000_000)
  builder.pay("p2", 2023, "TINH", "PANO", "PDT", 6_000_000)
  builder.pay("p3", 2023, "TW", "CNTT", "XA1", 20_000_000)
  return builder.analyze()
}

private let at = SourceLocation(file: "scenarios/s.yaml", line: 5, column: 5)

private func scenario(_ kinds: [ScenarioOperation.Kind], year: Int = 2023) -> Scenario {
  Scenario(
    name: "Thử", year: year,
    operations: kinds.enumerated().map {
      ScenarioOperation($1, location: SourceLocation(file: "scenarios/s.yaml", line: 5 + $0, column: 5))
    }, file: "scenarios/s.yaml", yearLocation: SourceLocation(file: "scenarios/s.yaml", line: 3, column: 9))
}

private func line(_ source: SourceCode, _ activity: ActivityCode = "PANO", _ unit: UnitCode = "PDT")
  -> ScenarioLine
{
  ScenarioLine(source: source, activity: activity, unit: unit)
}

private func run(_ kinds: [ScenarioOperation.Kind]) throws -> ScenarioComparison {
  try ScenarioComparison.run(scenario(kinds), baseline: workspace())
}

private func allocated(_ comparison: ScenarioComparison) -> [String: Int64] {
  Dictionary(uniqueKeysWithValues: comparison.lines.map { ($0.key.description, $0.allocatedAfter.dong) })
}

/// The input errors `body` throws (none when it succeeds); any other error fails the test.
func thrownInputErrors(_ body: () throws -> Void) -> [InputError] {
  do {
    try body()
  } catch let errors as InputErrors {
    return errors.errors
  } catch {
    Issue.record("unexpected \(error)")
  }
  return []
}

@Suite("Scenario operations on a hand-computed workspace")
struct ScenarioOperationTests {
  @Test("The baseline is clean")
  func baseline() {
    #expect(!workspace().findings.contains { $0.severity != .info })
  }

  @Test("scale TINH −30 %: the counterpart falls 3.000.000 short")
  func scaleCounterpart() throws {
    let comparison = try run([.scale(LineFilter(source: "TINH"), percent: Percent(whole: -30))])
    #expect(comparison.changedLines.map(\.key.description) == ["TINH · PANO · PDT"])
    #expect(comparison.changedLines.first?.allocatedBefore == dong(10_000_000))
    #expect(comparison.changedLines.first?.allocatedAfter == dong(7_000_000))
    #expect(comparison.broken.map(\.finding.code) == [.counterpartShort])
    #expect(comparison.broken.first?.finding.amount == dong(3_000_000))
    #expect(comparison.broken.first?.isNew == true)
    #expect(comparison.counterpartShortfallIncrease == dong(3_000_000))
    #expect(comparison.overspendIncrease == .zero)
    #expect(comparison.newErrorCount == 0)
    // The overlay is one adjustment of −3.000.000 pointing at the scenario file.
    #expect(comparison.derived.overlay.map(\.amount) == [dong(-3_000_000)])
    #expect(comparison.derived.overlay.first?.kind == .adjustment)
    #expect(comparison.derived.overlay.first?.location.file == "scenarios/s.yaml")
  }

  @Test("scale TW · PANO −25 %: already spent more than the new allocation")
  func scaleOverspend() throws {
    let comparison = try run([
      .scale(LineFilter(source: "TW", activity: "PANO"), percent: Percent(whole: -25))
    ])
    #expect(allocated(comparison)["TW · PANO · PDT"] == 75_000_000)
    #expect(allocated(comparison)["TW · CNTT · XA1"] == 50_000_000)
    #expect(comparison.broken.map(\.finding.code) == [.overspend])
    #expect(comparison.broken.first?.finding.amount == dong(5_000_000))
    #expect(comparison.lines.filter(\.isBroken).map(\.key.description) == ["TW · PANO · PDT"])
    #expect(comparison.overspendIncrease == dong(5_000_000))
    #expect(comparison.counterpartShortfallIncrease == .zero)
    #expect(comparison.newErrorCount == 1)
  }

  @Test("scale over several lines: parts rounded, the sum is the rounded scaled total")
  func scaleSeveralLines() throws {
    // TW lines 100.000.000 and 50.000.000, −33.33 %: exact 100.005.000 → parts 66.670.000 and 33.335.000.
    let comparison = try run([.scale(LineFilter(source: "TW"), percent: Percent(hundredths: -3333))])
    #expect(allocated(comparison)["TW · PANO · PDT"] == 66_670_000)
    #expect(allocated(comparison)["TW · CNTT · XA1"] == 33_335_000)
    #expect(comparison.sources.first { $0.source == "TW" }?.scenario.allocated == dong(100_005_000))
  }

  @Test("move 30.000.000 from TW · PANO to TW · CNTT · XA1: PANO overspent by 10.000.000")
  func move() throws {
    let comparison = try run([
      .move(from: line("TW"), to: line("TW", "CNTT", "XA1"), amount: dong(30_000_000))
    ])
    #expect(allocated(comparison)["TW · PANO · PDT"] == 70_000_000)
    #expect(allocated(comparison)["TW · CNTT · XA1"] == 80_000_000)
    #expect(comparison.broken.map(\.finding.code) == [.overspend])
    #expect(comparison.broken.first?.finding.amount == dong(10_000_000))
    #expect(comparison.result.totals.allocated == comparison.baseline.totals.allocated)
  }

  @Test("set HUYEN to 0 and a line for an ineligible source: counterpart short and INELIGIBLE_SOURCE")
  func set() throws {
    let comparison = try run([
      .set(line("HUYEN"), amount: .zero), .set(line("GNBV"), amount: dong(1_000_000)),
    ])
    #expect(allocated(comparison)["HUYEN · PANO · PDT"] == 0)
    let codes = comparison.broken.map(\.finding.code)
    #expect(codes.contains(.ineligibleSource))
    #expect(codes.contains(.counterpartShort))
    #expect(
      comparison.broken.first { $0.finding.code == .counterpartShort }?.finding.amount == dong(5_000_000))
    // The ineligible overlay row is left out of the figures, as any ineligible row is.
    #expect(allocated(comparison)["GNBV · PANO · PDT"] == nil)
    #expect(
      comparison.broken.first { $0.finding.code == .ineligibleSource }?.finding.location?.file
        == "scenarios/s.yaml")
  }

  @Test("distribute 90.000.000 of TW · CNTT over {PDT: 1, XA1: 2}, min 20.000.000")
  func distribute() throws {
    let comparison = try run([
      .distribute(
        source: "TW", activity: "CNTT", amount: dong(90_000_000), over: [("XA1", 2), ("PDT", 1)],
        minimum: dong(20_000_000), maximum: nil)
    ])
    // Exact: PDT 36.666.666,67, XA1 53.333.333,33 → 36.666.000 + 53.333.000; the 1.000 left goes to
    // PDT's larger remainder.
    #expect(allocated(comparison)["TW · CNTT · PDT"] == 36_667_000)
    #expect(allocated(comparison)["TW · CNTT · XA1"] == 53_333_000)
    // TW now 190.000.000 → counterpart 19.000.000 needed, 15.000.000 given.
    #expect(comparison.broken.map(\.finding.code) == [.counterpartShort])
    #expect(comparison.counterpartShortfallIncrease == dong(4_000_000))
    #expect(comparison.overspendIncrease == .zero)
  }

  @Test("cofinance 10.000.000 of CNTT · PDT 90 % TW, 10 % HUYEN: nothing breaks")
  func cofinance() throws {
    let comparison = try run([
      .cofinance(
        activity: "CNTT", unit: "PDT", total: dong(10_000_000),
        shares: [(SourceCode("TW"), Percent(whole: 90)), (SourceCode("HUYEN"), Percent(whole: 10))])
    ])
    #expect(allocated(comparison)["TW · CNTT · PDT"] == 9_000_000)
    #expect(allocated(comparison)["HUYEN · CNTT · PDT"] == 1_000_000)
    #expect(comparison.broken.isEmpty)
    #expect(comparison.changedLines.count == 2)
  }

  @Test("Operations apply in order: a raise after a cut resolves the overspend")
  func order() throws {
    let comparison = try run([
      .scale(LineFilter(source: "TW", activity: "PANO"), percent: Percent(whole: -50)),
      .set(line("TW"), amount: dong(80_000_000)),
    ])
    #expect(allocated(comparison)["TW · PANO · PDT"] == 80_000_000)
    #expect(comparison.broken.isEmpty)
    // The overlay row points at the last operation that touched the line.
    #expect(comparison.derived.overlay.first?.location.line == 6)
  }

  @Test("Impossible requests are located input errors")
  func impossible() {
    let base = workspace()
    let outside = thrownInputErrors {
      _ = try ScenarioComparison.run(scenario([.set(line("TW"), amount: .zero)], year: 2030), baseline: base)
    }
    #expect(outside.map(\.location?.line) == [3])
    #expect(outside.first?.message.en.contains("2030") == true)

    let unknown = thrownInputErrors { _ = try run([.set(line("XX", "PANO", "NOWHERE"), amount: .zero)]) }
    #expect(unknown.count == 2)
    #expect(unknown.allSatisfy { $0.location == at })

    let tooMuch = thrownInputErrors {
      _ = try run([.move(from: line("TINH"), to: line("HUYEN"), amount: dong(10_000_001))])
    }
    #expect(tooMuch.first?.message.en.contains("10,000,001") == true)
    #expect(tooMuch.first?.message.en.contains("10,000,000") == true)

    let infeasible = thrownInputErrors {
      _ = try run([
        .distribute(
          source: "TW", activity: "CNTT", amount: dong(30_000_000), over: [("XA1", 1), ("PDT", 1)],
          minimum: dong(20_000_000), maximum: nil)
      ])
    }
    #expect(infeasible.first?.message.vi.contains("40.000.000") == true)
    #expect(infeasible.first?.message.vi.contains("30.000.000") == true)

    let noMatch = thrownInputErrors {
      _ = try run([.scale(LineFilter(source: "GNBV"), percent: Percent(whole: 10))])
    }
    #expect(noMatch.first?.location == at)
  }

  @Test("The base ledger is not changed: the derived ledger only adds overlay rows")
  func baseUntouched() throws {
    let base = workspace()
    let comparison = try ScenarioComparison.run(
      scenario([.scale(LineFilter(source: "TW"), percent: Percent(whole: -10))]), baseline: base)
    #expect(
      comparison.derived.ledger.allocations.count == base.ledger.allocations.count
        + comparison.derived.overlay.count)
    #expect(
      Array(comparison.derived.ledger.allocations.prefix(base.ledger.allocations.count))
        == base.ledger.allocations)
    #expect(comparison.derived.ledger.payments == base.ledger.payments)
  }
}

@Suite("Sweeps")
struct ScenarioSweepTests {
  @Test("scale.percent=-30..0 step 10 on TW · PANO: broken lines and shortfall per value")
  func sweep() throws {
    let sweep = try ScenarioSweep.parse("scale.percent=-30..0 step 10")
    #expect(sweep.values == [-30, -20, -10, 0])
    let points = try sweep.run(
      scenario([.scale(LineFilter(source: "TW", activity: "PANO"), percent: Percent(whole: -50))]),
      baseline: workspace())
    #expect(points.map(\.brokenCount) == [1, 0, 0, 0])
    #expect(points.map(\.overspendIncrease) == [dong(10_000_000), .zero, .zero, .zero])
    #expect(points.map(\.counterpartShortfallIncrease) == [.zero, .zero, .zero, .zero])
    #expect(
      points.map(\.allocated) == [dong(135_000_000), dong(145_000_000), dong(155_000_000), dong(165_000_000)])
  }

  @Test("Several operations of one kind need #N; bad syntax is refused")
  func syntax() throws {
    let twoScales = scenario([
      .scale(LineFilter(source: "TW"), percent: Percent(whole: -10)),
      .scale(LineFilter(source: "TINH"), percent: Percent(whole: -10)),
    ])
    #expect(
      !thrownInputErrors {
        _ = try ScenarioSweep.parse("scale.percent=-50..0 step 5").operationIndex(in: twoScales)
      }
      .isEmpty)
    #expect(try ScenarioSweep.parse("scale#2.percent=-50..0 step 5").operationIndex(in: twoScales) == 1)
    #expect(try ScenarioSweep.parse("distribute.amount=0..3000 step 1000").values == [0, 1000, 2000, 3000])
    for bad in [
      "scale.percent", "scale.amount=1..2", "scale.percent=0..-5", "scale.percent=-5..0 step 0",
      "grow.percent=1..2", "scale.percent=-200..0", "scale.percent=1..2 by 1", "scale#0.percent=1..2",
    ] {
      #expect(!thrownInputErrors { _ = try ScenarioSweep.parse(bad) }.isEmpty, "\(bad) accepted")
    }
  }
}

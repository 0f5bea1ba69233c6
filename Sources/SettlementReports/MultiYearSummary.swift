import BudgetCore
import BudgetEngine

/// One source's money across a phase of years: from allocation to spending, carry-over and
/// cancellation, without counting carried money twice.
///
/// Summing each year's `available = spent + carry_over + cancelled − overspent` over the phase and
/// using the chain (year Y+1's carry-in is year Y's carry-over) gives the phase identity
///   opening + allocated + chain_difference = settled + cancelled + closing
/// where `opening` is the first year's carry-in (money from before the phase), `closing` the last
/// year's carry-over, `settled = spent − overspent`, and `chain_difference` = Σ carry-in of the later
/// years − Σ carry-over of the earlier ones: zero when the chain holds, the mismatch otherwise.
public struct PhaseFigures: Hashable, Sendable {
  public var opening: Money = .zero
  public var allocated: Money = .zero
  public var spent: Money = .zero
  public var settled: Money = .zero
  public var cancelled: Money = .zero
  public var closing: Money = .zero
  public var chainDifference: Money = .zero

  public init() {}

  /// opening + allocated + chain_difference − settled − cancelled − closing; always zero.
  public var check: Money { opening + allocated + chainDifference - settled - cancelled - closing }

  public static func + (lhs: PhaseFigures, rhs: PhaseFigures) -> PhaseFigures {
    var sum = PhaseFigures()
    sum.opening = lhs.opening + rhs.opening
    sum.allocated = lhs.allocated + rhs.allocated
    sum.spent = lhs.spent + rhs.spent
    sum.settled = lhs.settled + rhs.settled
    sum.cancelled = lhs.cancelled + rhs.cancelled
    sum.closing = lhs.closing + rhs.closing
    sum.chainDifference = lhs.chainDifference + rhs.chainDifference
    return sum
  }
}

/// Year Y's carry-over against year Y+1's carry-in, for one source.
public struct ChainLink: Hashable, Sendable {
  public let fromYear: Int
  public let source: SourceCode
  public let carryOver: Money
  public let carriedIn: Money
  public var difference: Money { carriedIn - carryOver }
}

/// The settlement of several consecutive years (`settle --years A-B`): each year, the phase per
/// source, and the chain between years. Plain data for the renderers.
public struct MultiYearSummary: Sendable {
  public let years: [Int]
  public let settlements: [YearSettlement]
  /// Per source in the plan's order (sources without any line in the phase are left out).
  public let bySource: [(source: FundingSource, figures: PhaseFigures)]
  public let links: [ChainLink]
  /// CARRY_IN_MISMATCH findings of the later years: the chain checked line by line by the engine.
  public let mismatches: [Finding]

  public var total: PhaseFigures { bySource.reduce(PhaseFigures()) { $0 + $1.figures } }

  public init(analysis: Analysis, years: ClosedRange<Int>) {
    let plan = analysis.ledger.plan
    self.years = Array(years)
    settlements = years.map { analysis.settlement(year: $0) }
    func bySource(_ settlement: YearSettlement) -> [SourceCode: Figures] {
      var result: [SourceCode: Figures] = [:]
      for line in settlement.lines { result[line.key.source, default: Figures()] += line.figures }
      return result
    }
    let perYear = settlements.map(bySource)
    var figures: [SourceCode: PhaseFigures] = [:]
    var links: [ChainLink] = []
    for (index, year) in years.enumerated() {
      for (source, yearFigures) in perYear[index] {
        var phase = figures[source, default: PhaseFigures()]
        if index == 0 {
          phase.opening += yearFigures.carriedIn
        } else {
          phase.chainDifference += yearFigures.carriedIn
        }
        if index == perYear.count - 1 {
          phase.closing += yearFigures.carryOver
        } else {
          phase.chainDifference -= yearFigures.carryOver
        }
        phase.allocated += yearFigures.allocated
        phase.spent += yearFigures.spent
        phase.settled += yearFigures.spent - yearFigures.overspent
        phase.cancelled += yearFigures.cancelled
        figures[source] = phase
      }
      guard index + 1 < perYear.count else { continue }
      let next = perYear[index + 1]
      for source in plan.sources.map(\.code) where perYear[index][source] != nil || next[source] != nil {
        links.append(
          ChainLink(
            fromYear: year, source: source, carryOver: perYear[index][source]?.carryOver ?? .zero,
            carriedIn: next[source]?.carriedIn ?? .zero))
      }
    }
    self.bySource = plan.sources.compactMap { source in figures[source.code].map { (source, $0) } }
    for entry in self.bySource {
      precondition(entry.figures.check.isZero, "Phase identity broken for \(entry.source.code)")
    }
    self.links = links
    mismatches = analysis.findings.filter {
      $0.code == .carryInMismatch && ($0.year.map { years.contains($0) && $0 > years.lowerBound } ?? false)
    }
  }
}

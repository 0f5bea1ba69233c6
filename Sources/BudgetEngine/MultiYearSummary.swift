import BudgetCore

/// One source's money across a phase of years: from allocation to spending, carry-over and
/// cancellation, without counting carried money twice.
///
/// Summing each year's `available = spent + carry_over + cancelled − overspent` over the phase and
/// using the chain (year Y+1's carry-in is year Y's carry-over) gives the phase identity
///   opening + allocated + chain_difference = settled + cancelled + closing
/// where `opening` is the first year's carry-in (money from before the phase), `closing` the last
/// year's carry-over, `settled = spent − overspent` (Figures.settled), and `chain_difference` = Σ
/// carry-in of the later years − Σ carry-over of the earlier ones: zero when the chain holds, the
/// mismatch otherwise. The identity is checked when a value is built.
public struct PhaseFigures: Hashable, Sendable {
  /// The years' figures summed (carried money counted in every year it was available).
  public let years: Figures
  /// Carried in by the first year: money from before the phase.
  public let opening: Money
  /// Carried over by the last year: money for after the phase.
  public let closing: Money
  /// Σ carry-in of the later years − Σ carry-over of the earlier ones (zero when the chain holds).
  public let chainDifference: Money

  public var allocated: Money { years.allocated }
  public var spent: Money { years.spent }
  public var settled: Money { years.settled }
  public var cancelled: Money { years.cancelled }

  /// opening + allocated + chain_difference − settled − cancelled − closing; always zero.
  public var check: Money { opening + allocated + chainDifference - settled - cancelled - closing }

  /// All zero: the phase of no source.
  public init() { self.init(years: .zero, opening: .zero, closing: .zero, chainDifference: .zero) }

  init(years: Figures, opening: Money, closing: Money, chainDifference: Money) {
    self.years = years
    self.opening = opening
    self.closing = closing
    self.chainDifference = chainDifference
    precondition(check.isZero, "Phase identity broken: \(self)")
  }

  /// The exact sum, checked like every value.
  public static func + (lhs: PhaseFigures, rhs: PhaseFigures) -> PhaseFigures {
    PhaseFigures(
      years: lhs.years + rhs.years, opening: lhs.opening + rhs.opening, closing: lhs.closing + rhs.closing,
      chainDifference: lhs.chainDifference + rhs.chainDifference)
  }
}

extension Sequence where Element == PhaseFigures {
  /// The exact sum, checked like every value.
  public func sum() -> PhaseFigures { reduce(PhaseFigures(), +) }
}

/// Year Y's carry-over against year Y+1's carry-in, for one source: the analysis's carry chain
/// summed by source.
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
  /// Per pair of years, per source with lines in either year (plan order).
  public let links: [ChainLink]
  /// CARRY_IN_MISMATCH findings of the later years: the chain checked line by line by the engine.
  public let mismatches: [Finding]

  public var total: PhaseFigures { bySource.map(\.figures).sum() }

  public init(analysis: Analysis, years: ClosedRange<Int>) {
    let plan = analysis.ledger.plan
    self.years = Array(years)
    settlements = years.map { analysis.settlement(year: $0) }
    let perYear = settlements.map { $0.lines.totals(by: \.source) }

    // The links between years, from the carry chain the check and the close read.
    var links: [ChainLink] = []
    var chainDifference: [SourceCode: Money] = [:]
    for (index, year) in years.dropLast().enumerated() {
      var carryOver: [SourceCode: Money] = [:]
      var carriedIn: [SourceCode: Money] = [:]
      for link in analysis.carryChain.links(closing: year) {
        carryOver[link.line.source, default: .zero] += link.expected
        carriedIn[link.line.source, default: .zero] += link.recorded
      }
      let next = perYear[index + 1]
      for source in plan.sources.map(\.code) where perYear[index][source] != nil || next[source] != nil {
        let link = ChainLink(
          fromYear: year, source: source, carryOver: carryOver[source] ?? .zero,
          carriedIn: carriedIn[source] ?? .zero)
        links.append(link)
        chainDifference[source, default: .zero] += link.difference
      }
    }

    var yearsBySource: [SourceCode: Figures] = [:]
    for yearFigures in perYear {
      for (source, figures) in yearFigures { yearsBySource[source, default: .zero] += figures }
    }
    bySource = plan.sources.compactMap { source in
      yearsBySource[source.code].map { figures in
        let phase = PhaseFigures(
          years: figures, opening: perYear.first?[source.code]?.carriedIn ?? .zero,
          closing: perYear.last?[source.code]?.carryOver ?? .zero,
          chainDifference: chainDifference[source.code] ?? .zero)
        return (source, phase)
      }
    }
    self.links = links
    mismatches = analysis.findings.filter {
      $0.code == .carryInMismatch && ($0.year.map { years.contains($0) && $0 > years.lowerBound } ?? false)
    }
  }
}

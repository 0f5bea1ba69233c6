import BudgetCore

/// Đối ứng (docs/workspace-format.md, "Settlement arithmetic"): per rule and budget year, Σ allocated of the local sources must reach
/// `min_percent` of Σ allocated of the central source. Carry-in is not counted, and pooled sources
/// never count as counterpart even when listed (NĐ 27/2022 Điều 10) — listing one is its own finding.
enum CounterpartCheck {
  private struct YearSource: Hashable {
    let year: Int
    let source: SourceCode
  }

  /// POOLED_AS_COUNTERPART: plan-level, one per pooled source listed in a rule.
  static func pooledListed(_ plan: Plan) -> [Finding] {
    var findings: [Finding] = []
    for rule in plan.counterpartRules {
      for local in rule.local where plan.sourceByCode[local]?.kind == .pooled {
        findings.append(
          Finding(
            code: .pooledAsCounterpart, source: local, location: rule.location,
            message: LocalizedText(
              vi:
                "Nguồn lồng ghép \(local) được ghi là kinh phí đối ứng của \(rule.central). Vốn lồng ghép không được tính là kinh phí đối ứng (NĐ 27/2022 Điều 10): bỏ \(local) khỏi 'local' trong \(plan.file).",
              en:
                "Pooled source \(local) is listed as counterpart of \(rule.central). Pooled money never counts as counterpart (Decree 27/2022 art. 10): remove \(local) from 'local' in \(plan.file)."
            )))
      }
    }
    return findings
  }

  /// COUNTERPART_SHORT per rule and year in which the central source has allocated ≠ 0.
  static func run(_ ledger: Ledger, includedAllocations: [Bool]) -> [Finding] {
    let plan = ledger.plan
    guard !plan.counterpartRules.isEmpty else { return [] }
    var allocatedByYearSource: [YearSource: Money] = [:]
    for (index, allocation) in ledger.allocations.enumerated()
    where includedAllocations[index] && allocation.kind != .carryIn {
      allocatedByYearSource[YearSource(year: allocation.year, source: allocation.source), default: .zero] +=
        allocation.amount
    }
    let years = Set(allocatedByYearSource.keys.map(\.year)).sorted()

    var findings: [Finding] = []
    for rule in plan.counterpartRules {
      // A source listed twice still counts once.
      var seen = Set<SourceCode>()
      let locals = rule.local.filter { plan.sourceByCode[$0]?.kind != .pooled && seen.insert($0).inserted }
      for year in years {
        let central = allocatedByYearSource[YearSource(year: year, source: rule.central)] ?? .zero
        guard !central.isZero else { continue }
        let local = locals.map { allocatedByYearSource[YearSource(year: year, source: $0)] ?? .zero }.sum()
        let required = rule.minPercent.ceilingShare(of: central)
        let shortfall = required - local
        guard shortfall.isPositive else { continue }
        let localList = locals.map(\.rawValue).joined(separator: ", ")
        findings.append(
          Finding(
            code: .counterpartShort, year: year, source: rule.central, amount: shortfall,
            message: LocalizedText(
              vi:
                "Năm \(year): kinh phí đối ứng (NSĐP: \(localList)) \(Text.vi(local)), cần tối thiểu \(rule.minPercent)% của \(rule.central) \(Text.vi(central)) = \(Text.vi(required)); thiếu \(Text.vi(shortfall)). Bố trí thêm kinh phí đối ứng từ ngân sách địa phương.",
              en:
                "Year \(year): counterpart (\(localList)) \(Text.en(local)), at least \(rule.minPercent)% of \(rule.central) \(Text.en(central)) = \(Text.en(required)) required; short by \(Text.en(shortfall)). Allocate more counterpart funds."
            )))
      }
    }
    return findings
  }
}

import BudgetCore

/// The year's figures of one loại-khoản: the money B01/BCQT prints in that khoản's column.
public struct SectorFigures: Hashable, Sendable {
  public let sector: Coded<SectorCode>
  public let treasury: TreasuryFigures
}

extension Sequence where Element == LineSettlement {
  /// Every line's figures under its activity's loại-khoản (plan.yaml `sector_code`), codes ascending and
  /// the "chưa có mã" group last. The groups add up exactly to the lines' totals, or this traps: a line
  /// lost or counted twice is a program error, never a form.
  public func bySector(plan: Plan) -> [SectorFigures] {
    let grouped = treasuryTotals { Coded(plan.activityByCode[$0.activity]?.classification.sector) }
    precondition(
      grouped.values.reduce(.zero, +) == treasuryTotals(),
      "Sector grouping: the loại-khoản columns must add up to the total")
    return grouped.sorted { $0.key < $1.key }.map { SectorFigures(sector: $0.key, treasury: $0.value) }
  }
}

/// The figures of one project (dự án or tiểu dự án, with its sub-projects) or of the whole programme
/// for F01-02/BCQT: the year's, the sum over the years since the plan's first, and the balance the
/// phase began with.
public struct ProjectFigures: Hashable, Sendable {
  /// Nil: the programme as a whole (every line, in a project or not).
  public let project: ProjectCode?
  public let code: Coded<NationalProgrammeCode>
  /// 0 for the programme, 1 for a top-level dự án, 2 for its tiểu dự án, …
  public let depth: Int
  /// The sub-projects listed after this one (in plan order), each with money.
  public let children: [ProjectCode]
  /// Lines of the project's own activities (not its sub-projects') in any year up to this one, or
  /// allocations to them in a later year: its rows then cannot be the sum of its sub-projects' rows.
  public let hasOwnMoney: Bool
  /// This year's figures.
  public let year: TreasuryFigures
  /// Σ of the figures of the plan's first year through this one (balances summed too: the form
  /// reads only the flows from it).
  public let sinceFirstYear: TreasuryFigures
  /// The plan's first year's figures: its carried-in money is the balance the phase began with.
  public let firstYear: TreasuryFigures
  /// Σ allocated (giao trong năm: initial, supplement, adjustment) over every year of the plan in the
  /// data: the total approved for the phase so far (tổng số kinh phí được duyệt).
  public let approvedAllocated: Money
}

extension Analysis {
  /// The programme and each project with money in the years up to `year` (or allocations in a later
  /// year of the plan), for the district or one
  /// unit's lines: the programme first, then the projects in the plan's tree order (a dự án, then its
  /// tiểu dự án). Each project's figures include its sub-projects'; the top-level projects (and any
  /// line without a known activity) add up exactly to the programme, or this traps.
  public func programmeFigures(year: Int, unit: UnitCode? = nil) -> [ProjectFigures] {
    let plan = ledger.plan
    let info = plan.info
    let lines = { (budgetYear: Int) in
      (linesByYear[budgetYear] ?? []).filter { unit == nil || $0.key.unit == unit }
    }
    let projectOf = { (key: LineKey) in plan.activityByCode[key.activity]?.project }
    var children: [ProjectCode?: [ProjectCode]] = [:]
    for project in plan.projects { children[project.parent, default: []].append(project.code) }

    /// Each project's own (not its sub-projects') totals; nil key: lines outside any known project.
    func own(_ budgetYear: Int) -> [ProjectCode?: TreasuryFigures] {
      lines(budgetYear).treasuryTotals(by: projectOf)
    }
    let ownThisYear = own(year)
    let ownFirstYear = own(info.firstYear)
    var ownSince: [ProjectCode?: TreasuryFigures] = [:]
    for budgetYear in info.firstYear...max(info.firstYear, year) {
      for (project, figures) in own(budgetYear) { ownSince[project, default: .zero] += figures }
    }
    var ownApproved: [ProjectCode?: Money] = [:]
    for budgetYear in info.firstYear...info.lastYear {
      for line in lines(budgetYear) {
        ownApproved[projectOf(line.key), default: .zero] += line.figures.allocated
      }
    }

    var result: [ProjectFigures] = []
    func subtree<Value>(
      _ code: ProjectCode, _ own: [ProjectCode?: Value], _ zero: Value, _ add: (Value, Value) -> Value
    )
      -> Value
    {
      (children[code] ?? []).reduce(own[code] ?? zero) { add($0, subtree($1, own, zero, add)) }
    }
    func figures(_ code: ProjectCode) -> (year: TreasuryFigures, since: TreasuryFigures) {
      (subtree(code, ownThisYear, .zero, +), subtree(code, ownSince, .zero, +))
    }
    // Money in the years up to this one, or allocated in a later year of the plan (its approved total
    // is printed): a block without it is left out.
    func hasMoney(_ code: ProjectCode) -> Bool {
      let (thisYear, since) = figures(code)
      return thisYear != .zero || since != .zero || !subtree(code, ownApproved, .zero, +).isZero
    }
    func visit(_ code: ProjectCode, depth: Int) {
      // The plan reader refuses cycles and trees deeper than Limits.treeDepthMax.
      precondition(depth <= Limits.treeDepthMax + 1, "project tree deeper than the plan reader allows")
      guard hasMoney(code) else { return }
      let (thisYear, since) = figures(code)
      let kept = (children[code] ?? []).filter(hasMoney)
      result.append(
        ProjectFigures(
          project: code, code: Coded(plan.projectByCode[code]?.programmeCode), depth: depth, children: kept,
          hasOwnMoney: ownThisYear[code] != nil || ownSince[code] != nil || ownApproved[code] != nil,
          year: thisYear,
          sinceFirstYear: since,
          firstYear: subtree(code, ownFirstYear, .zero, +),
          approvedAllocated: subtree(code, ownApproved, .zero, +)))
      for child in kept { visit(child, depth: depth + 1) }
    }
    let topLevel = (children[nil] ?? []).filter(hasMoney)
    let outside = ownThisYear[nil] != nil || ownSince[nil] != nil || ownApproved[nil] != nil
    let programme = ProjectFigures(
      project: nil, code: Coded(info.programmeCode), depth: 0, children: topLevel, hasOwnMoney: outside,
      year: ownThisYear.values.reduce(.zero, +), sinceFirstYear: ownSince.values.reduce(.zero, +),
      firstYear: ownFirstYear.values.reduce(.zero, +), approvedAllocated: ownApproved.values.reduce(.zero, +))
    precondition(
      programme.year == lines(year).treasuryTotals(),
      "Programme grouping: the projects must add up to the year's total")
    result.append(programme)
    for code in topLevel { visit(code, depth: 1) }
    let tops = result.filter { $0.depth == 1 }
    precondition(
      tops.map(\.year).reduce(ownThisYear[nil] ?? .zero, +) == programme.year
        && tops.map(\.sinceFirstYear).reduce(ownSince[nil] ?? .zero, +) == programme.sinceFirstYear
        && tops.map(\.approvedAllocated).reduce(ownApproved[nil] ?? .zero, +) == programme.approvedAllocated,
      "Programme grouping: the top-level projects must add up to the programme")
    return result
  }
}

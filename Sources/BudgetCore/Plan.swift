/// The kind of a funding source (docs/workspace-format.md, "plan.yaml"). The order is the order of the settlement forms.
public enum SourceKind: String, CaseIterable, Sendable, Comparable {
  case central
  case provincial
  case district
  case commune
  case pooled
  case other

  public static func < (lhs: SourceKind, rhs: SourceKind) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }

  /// The heading officers use for the group of sources of this kind.
  public var title: LocalizedText {
    switch self {
    case .central: LocalizedText(vi: "Ngân sách trung ương", en: "Central budget")
    case .provincial: LocalizedText(vi: "Ngân sách tỉnh", en: "Provincial budget")
    case .district: LocalizedText(vi: "Ngân sách huyện", en: "District budget")
    case .commune: LocalizedText(vi: "Ngân sách xã", en: "Commune budget")
    case .pooled: LocalizedText(vi: "Vốn lồng ghép các chương trình", en: "Pooled from other programmes")
    case .other: LocalizedText(vi: "Nguồn huy động hợp pháp khác", en: "Other lawful sources")
    }
  }
}

public struct FundingSource: Hashable, Sendable {
  public let code: SourceCode
  public let name: String
  public let kind: SourceKind
  /// The national target programme pooled money belongs to (required for `pooled`).
  public let programme: String?
  /// How many years after its origin year unspent money may still be used; 0 = cancelled at the end
  /// of its own year.
  public let carryOverYears: Int
  public let location: SourceLocation?

  public init(
    code: SourceCode, name: String, kind: SourceKind, programme: String? = nil,
    carryOverYears: Int = 0, location: SourceLocation? = nil
  ) {
    self.code = code
    self.name = name
    self.kind = kind
    self.programme = programme
    self.carryOverYears = carryOverYears
    self.location = location
  }
}

public struct Unit: Hashable, Sendable {
  public let code: UnitCode
  public let name: String
  public let parent: UnitCode?
  /// Mã ĐVQHNS, printed in the unit's own forms.
  public let budgetRelationCode: BudgetRelationCode?
  /// The unit's own mã chương, when it reports under another chapter than the plan's.
  public let chapter: ChapterCode?
  public let location: SourceLocation?

  public init(
    code: UnitCode, name: String, parent: UnitCode? = nil, budgetRelationCode: BudgetRelationCode? = nil,
    chapter: ChapterCode? = nil, location: SourceLocation? = nil
  ) {
    self.code = code
    self.name = name
    self.parent = parent
    self.budgetRelationCode = budgetRelationCode
    self.chapter = chapter
    self.location = location
  }
}

public struct Project: Hashable, Sendable {
  public let code: ProjectCode
  public let name: String
  public let parent: ProjectCode?
  /// The project's (dự án's or tiểu dự án's) code in the Mục lục NSNN, for F01-02/BCQT.
  public let programmeCode: NationalProgrammeCode?
  public let location: SourceLocation?

  public init(
    code: ProjectCode, name: String, parent: ProjectCode? = nil,
    programmeCode: NationalProgrammeCode? = nil, location: SourceLocation? = nil
  ) {
    self.code = code
    self.name = name
    self.parent = parent
    self.programmeCode = programmeCode
    self.location = location
  }
}

public struct Activity: Hashable, Sendable {
  public let code: ActivityCode
  public let name: String
  public let project: ProjectCode
  /// The eligible sources; nil means every source of the plan.
  public let eligibleSources: Set<SourceCode>?
  /// The spending norm (định mức) in đồng per unit of `quantity`, when the plan sets one.
  public let unitCostMax: Money?
  /// The default loại-khoản, mục and tiểu mục of the activity's money.
  public let classification: ActivityClassification
  public let location: SourceLocation?

  public init(
    code: ActivityCode, name: String, project: ProjectCode, eligibleSources: Set<SourceCode>? = nil,
    unitCostMax: Money? = nil, classification: ActivityClassification = .none,
    location: SourceLocation? = nil
  ) {
    self.code = code
    self.name = name
    self.project = project
    self.eligibleSources = eligibleSources
    self.unitCostMax = unitCostMax
    self.classification = classification
    self.location = location
  }

  public func isEligible(_ source: SourceCode) -> Bool { eligibleSources?.contains(source) ?? true }
}

/// Đối ứng: Σ allocated of the local sources ≥ `minPercent` of Σ allocated of the central source,
/// per budget year (docs/workspace-format.md, "Settlement arithmetic").
public struct CounterpartRule: Hashable, Sendable {
  public let central: SourceCode
  public let local: [SourceCode]
  public let minPercent: Percent
  public let location: SourceLocation?

  public init(
    central: SourceCode, local: [SourceCode], minPercent: Percent, location: SourceLocation? = nil
  ) {
    self.central = central
    self.local = local
    self.minPercent = minPercent
    self.location = location
  }
}

/// A severity override under `checks:` in plan.yaml.
public enum SeverityOverride: String, Sendable, CaseIterable {
  case error
  case warning
  case info
  case off
}

/// The plan's header (docs/workspace-format.md, "plan.yaml" `plan:`).
public struct PlanInfo: Hashable, Sendable {
  public let name: String
  public let issuer: String?
  public let office: String?
  public let place: String?
  public let firstYear: Int
  public let lastYear: Int
  /// The reporting body's name and codes for the forms' headers.
  public let reportingBody: ReportingBody
  /// The national target programme's code in the Mục lục NSNN, for F01-02/BCQT.
  public let programmeCode: NationalProgrammeCode?

  public init(
    name: String, issuer: String? = nil, office: String? = nil, place: String? = nil,
    firstYear: Int, lastYear: Int, reportingBody: ReportingBody = ReportingBody(),
    programmeCode: NationalProgrammeCode? = nil
  ) {
    self.name = name
    self.issuer = issuer
    self.office = office
    self.place = place
    self.firstYear = firstYear
    self.lastYear = lastYear
    self.reportingBody = reportingBody
    self.programmeCode = programmeCode
  }

  public var years: ClosedRange<Int> { firstYear...lastYear }
}

/// The catalogue and the rules of a workspace. Immutable; lookups are by code, and the catalogue
/// order (the order officers wrote it in) is kept for reports.
public struct Plan: Sendable {
  public let info: PlanInfo
  public let sources: [FundingSource]
  public let units: [Unit]
  public let projects: [Project]
  public let activities: [Activity]
  public let counterpartRules: [CounterpartRule]
  public let severityOverrides: [FindingCode: SeverityOverride]
  /// plan.yaml `progress:`, or `DisbursementPace.standard`.
  public let progressPace: DisbursementPace
  /// The file the plan was read from, for plan-level findings.
  public let file: String

  public let sourceByCode: [SourceCode: FundingSource]
  public let unitByCode: [UnitCode: Unit]
  public let projectByCode: [ProjectCode: Project]
  public let activityByCode: [ActivityCode: Activity]
  /// Catalogue positions, for ordering report rows the way the plan lists them.
  public let sourceOrder: [SourceCode: Int]
  public let unitOrder: [UnitCode: Int]
  public let projectOrder: [ProjectCode: Int]
  public let activityOrder: [ActivityCode: Int]

  /// Codes must be unique per catalogue; the plan reader guarantees it and reports duplicates as
  /// input errors, so a duplicate here is a program error.
  public init(
    info: PlanInfo, sources: [FundingSource], units: [Unit], projects: [Project],
    activities: [Activity], counterpartRules: [CounterpartRule] = [],
    severityOverrides: [FindingCode: SeverityOverride] = [:], progressPace: DisbursementPace = .standard,
    file: String = "plan.yaml"
  ) {
    self.info = info
    self.sources = sources
    self.units = units
    self.projects = projects
    self.activities = activities
    self.counterpartRules = counterpartRules
    self.severityOverrides = severityOverrides
    self.progressPace = progressPace
    self.file = file
    sourceByCode = Dictionary(uniqueKeysWithValues: sources.map { ($0.code, $0) })
    unitByCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
    projectByCode = Dictionary(uniqueKeysWithValues: projects.map { ($0.code, $0) })
    activityByCode = Dictionary(uniqueKeysWithValues: activities.map { ($0.code, $0) })
    sourceOrder = Dictionary(uniqueKeysWithValues: sources.enumerated().map { ($1.code, $0) })
    unitOrder = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1.code, $0) })
    projectOrder = Dictionary(uniqueKeysWithValues: projects.enumerated().map { ($1.code, $0) })
    activityOrder = Dictionary(uniqueKeysWithValues: activities.enumerated().map { ($1.code, $0) })
  }

  /// Orders lines by year, then the plan's own order of sources, activities and units.
  public func planOrder(_ lhs: LineKey, _ rhs: LineKey) -> Bool {
    let left = (
      lhs.year, sourceOrder[lhs.source] ?? Int.max, activityOrder[lhs.activity] ?? Int.max,
      unitOrder[lhs.unit] ?? Int.max
    )
    let right = (
      rhs.year, sourceOrder[rhs.source] ?? Int.max, activityOrder[rhs.activity] ?? Int.max,
      unitOrder[rhs.unit] ?? Int.max
    )
    if left != right { return left < right }
    return lhs < rhs
  }
}

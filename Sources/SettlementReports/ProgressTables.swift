import BudgetCore
import BudgetEngine

/// How `kinhphi progress` groups its main table.
public enum ProgressDimension: String, CaseIterable, Sendable {
  /// Source kind → source.
  case source
  /// The unit tree (a parent unit adds up its children).
  case unit
  /// The programme tree (Dự án → Tiểu dự án) → activity.
  case activity
}

/// One row of a progress table: the total, a subtotal (group) or a source, unit or activity (detail).
public struct ProgressRow: Hashable, Sendable {
  public let kind: FigureRow.Kind
  /// Số thứ tự: I, II… for the outer groups, 1, 2… then a, b….
  public let stt: String
  /// The catalogue code (nil for the total and for source-kind groups).
  public let code: String?
  public let name: String
  public let figures: ProgressFigures
  /// Indices of the rows this group or total adds up.
  public let children: [Int]

  public var level: Int {
    switch kind {
    case .total: 0
    case .memo: 1
    case .group(let level), .detail(let level): level
    }
  }
}

/// Turns a `DisbursementProgress` into the tables every renderer shows: the tree of one dimension
/// with its subtotals, the lagging units and lines with their names.
public struct ProgressTables: Sendable {
  public let progress: DisbursementProgress
  public let language: Language

  public init(progress: DisbursementProgress, language: Language = .vi) {
    self.progress = progress
    self.language = language
  }

  private var plan: Plan { progress.plan }

  /// The total first, then each group followed by its children, in the plan's order; only what has
  /// money or payments this year or last.
  public func rows(by dimension: ProgressDimension) -> [ProgressRow] {
    switch dimension {
    case .source:
      let bySource = progress.totals(by: \.source)
      let groups: [Node] = SourceKind.allCases.compactMap { kind in
        let details: [Node] = plan.sources.filter { $0.kind == kind }.compactMap { source in
          bySource[source.code].map { .detail(code: source.code.rawValue, name: source.name, figures: $0) }
        }
        return details.isEmpty ? nil : .group(code: nil, name: kind.title.text(language), children: details)
      }
      return flatten(groups + outsidePlan(bySource, known: plan.sourceByCode))
    case .unit:
      let byUnit = progress.totals(by: \.unit)
      let childUnits = Dictionary(grouping: plan.units.filter { $0.parent != nil }, by: { $0.parent! })
      func node(_ unit: Unit) -> Node? {
        let children = (childUnits[unit.code] ?? []).compactMap(node)
        let own = byUnit[unit.code]
        if children.isEmpty {
          return own.map { .detail(code: unit.code.rawValue, name: unit.name, figures: $0) }
        }
        // A parent unit's own lines go first, under its name, then its child units.
        let ownRow = own.map { Node.detail(code: unit.code.rawValue, name: unit.name, figures: $0) }
        return .group(
          code: unit.code.rawValue, name: unit.name, children: (ownRow.map { [$0] } ?? []) + children)
      }
      return flatten(
        plan.units.filter { $0.parent == nil }.compactMap(node) + outsidePlan(byUnit, known: plan.unitByCode))
    case .activity:
      let byActivity = progress.totals(by: \.activity)
      let activitiesByProject = Dictionary(grouping: plan.activities, by: \.project)
      let childProjects = Dictionary(grouping: plan.projects.filter { $0.parent != nil }, by: { $0.parent! })
      func node(_ project: Project) -> Node? {
        var children = (childProjects[project.code] ?? []).compactMap(node)
        for activity in activitiesByProject[project.code] ?? [] {
          guard let figures = byActivity[activity.code] else { continue }
          children.append(.detail(code: activity.code.rawValue, name: activity.name, figures: figures))
        }
        return children.isEmpty
          ? nil : .group(code: project.code.rawValue, name: project.name, children: children)
      }
      return flatten(
        plan.projects.filter { $0.parent == nil }.compactMap(node)
          + outsidePlan(byActivity, known: plan.activityByCode))
    }
  }

  /// `Phòng Dân tộc (PDT)`.
  public func unitName(_ unit: UnitCode) -> String {
    "\(plan.unitByCode[unit]?.name ?? unit.rawValue) (\(unit.rawValue))"
  }

  public func sourceName(_ source: SourceCode) -> String {
    plan.sourceByCode[source]?.name ?? source.rawValue
  }

  public func activityName(_ activity: ActivityCode) -> String {
    plan.activityByCode[activity]?.name ?? activity.rawValue
  }

  // MARK: Tree to rows

  /// Codes the plan lacks: their rows count only when the office turned the UNKNOWN_* checks off,
  /// and then they are shown after the plan's own, by code.
  private func outsidePlan<Tag, Value>(_ figures: [Code<Tag>: ProgressFigures], known: [Code<Tag>: Value])
    -> [Node]
  {
    figures.keys.filter { known[$0] == nil }.sorted().map { code in
      .detail(
        code: code.rawValue,
        name: language == .vi
          ? "\(code.rawValue) (không có trong kế hoạch)" : "\(code.rawValue) (not in the plan)",
        figures: figures[code]!)
    }
  }

  private indirect enum Node {
    case group(code: String?, name: String, children: [Node])
    case detail(code: String, name: String, figures: ProgressFigures)
  }

  private func flatten(_ roots: [Node]) -> [ProgressRow] {
    var rows = [
      ProgressRow(kind: .total, stt: "", code: nil, name: "", figures: ProgressFigures(), children: [])
    ]
    var top: [Int] = []
    for (position, root) in roots.enumerated() {
      top.append(append(root, level: 0, position: position, into: &rows))
    }
    let total = top.reduce(ProgressFigures()) { $0 + rows[$1].figures }
    // Every line belongs to exactly one source, one unit and one activity of the plan's trees.
    precondition(
      total.available == progress.totals.available && total.disbursed == progress.totals.disbursed,
      "Progress table total differs from the lines' total")
    rows[0] = ProgressRow(
      kind: .total, stt: "", code: nil, name: language == .vi ? "TỔNG CỘNG" : "TOTAL", figures: total,
      children: top)
    return rows
  }

  private func append(_ node: Node, level: Int, position: Int, into rows: inout [ProgressRow]) -> Int {
    let stt = Numbering.label(level: level, position: position)
    switch node {
    case .detail(let code, let name, let figures):
      rows.append(
        ProgressRow(
          kind: .detail(level: level), stt: stt, code: code, name: name, figures: figures, children: []))
      return rows.count - 1
    case .group(let code, let name, let children):
      let index = rows.count
      rows.append(
        ProgressRow(
          kind: .group(level: level), stt: stt, code: code, name: name, figures: ProgressFigures(),
          children: []))
      var indices: [Int] = []
      for (childPosition, child) in children.enumerated() {
        indices.append(append(child, level: level + 1, position: childPosition, into: &rows))
      }
      let figures = indices.reduce(ProgressFigures()) { $0 + rows[$1].figures }
      rows[index] = ProgressRow(
        kind: .group(level: level), stt: stt, code: code, name: name, figures: figures, children: indices)
      return index
    }
  }
}

/// Rates and shares as officers write them: `43,74 %` (vi), `43.74%` (en); "–" for none.
public enum ProgressFormat {
  public static func rate(_ rate: Percent?, _ language: Language) -> String {
    guard let rate else { return "–" }
    let magnitude = rate.hundredths.magnitude
    let fraction = magnitude % 100
    let digits = fraction < 10 ? "0\(fraction)" : "\(fraction)"
    let sign = rate.hundredths < 0 ? "-" : ""
    return language == .vi ? "\(sign)\(magnitude / 100),\(digits) %" : "\(sign)\(magnitude / 100).\(digits)%"
  }

  public static func money(_ amount: Money, _ language: Language) -> String {
    language == .vi ? amount.grouped : amount.groupedEnglish
  }
}

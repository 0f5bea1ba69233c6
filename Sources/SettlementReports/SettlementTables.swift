import BudgetCore
import BudgetEngine

/// Builds the settlement tables officers know from the engine's figures: by source (grouped by source
/// kind), by programme content (project tree → activity → source) and by implementing unit (unit tree
/// → source). Plain data; the renderers decide how it looks.
public struct SettlementTables: Sendable {
  public let settlement: YearSettlement
  public let plan: Plan
  public let language: Language

  public init(settlement: YearSettlement, plan: Plan, language: Language = .vi) {
    self.settlement = settlement
    self.plan = plan
    self.language = language
  }

  /// Tổng hợp: I. source kind → 1. source.
  public func bySource() -> FigureTable {
    let bySource = settlement.lines.totals(by: \.source)
    let groups: [TreeNode] = SourceKind.allCases.compactMap { kind in
      let details: [TreeNode] = plan.sources.filter { $0.kind == kind }.compactMap { source in
        guard let figures = bySource[source.code] else { return nil }
        return .detail(label: "\(source.name) (\(source.code))", figures: figures, source: source)
      }
      return details.isEmpty ? nil : .group(label: kind.title.text(language), children: details)
    }
    return flatten(groups)
  }

  /// Theo nội dung: Dự án → Tiểu dự án → hoạt động → nguồn.
  public func byContent() -> FigureTable {
    let byActivity = settlement.lines.totals { SourceWithin(code: $0.activity, source: $0.source) }
    let activitiesByProject = Dictionary(grouping: plan.activities, by: \.project)
    let childProjects = Dictionary(grouping: plan.projects.filter { $0.parent != nil }, by: { $0.parent! })

    func node(for project: Project) -> TreeNode? {
      var children: [TreeNode] = (childProjects[project.code] ?? []).compactMap(node(for:))
      for activity in activitiesByProject[project.code] ?? [] {
        let details = sourceDetails { byActivity[SourceWithin(code: activity.code, source: $0)] }
        guard !details.isEmpty else { continue }
        children.append(.group(label: activity.name, children: details))
      }
      return children.isEmpty ? nil : .group(label: project.name, children: children)
    }
    return flatten(plan.projects.filter { $0.parent == nil }.compactMap(node(for:)))
  }

  /// Theo đơn vị: unit tree → nguồn. A unit's row adds up its own lines and its child units.
  public func byUnit() -> FigureTable {
    let byUnit = settlement.lines.totals { SourceWithin(code: $0.unit, source: $0.source) }
    let childUnits = Dictionary(grouping: plan.units.filter { $0.parent != nil }, by: { $0.parent! })

    func node(for unit: Unit) -> TreeNode? {
      var children = sourceDetails { byUnit[SourceWithin(code: unit.code, source: $0)] }
      children += (childUnits[unit.code] ?? []).compactMap(node(for:))
      return children.isEmpty ? nil : .group(label: unit.name, children: children)
    }
    return flatten(plan.units.filter { $0.parent == nil }.compactMap(node(for:)))
  }

  /// Chuyển nguồn: every unspent portion, carried over or cancelled, with its origin year.
  public func carryOverSchedule() -> [CarryOverRow] {
    settlement.lines.flatMap { line in
      line.portions.filter { $0.unspent.isPositive }.map { portion in
        CarryOverRow(
          key: line.key,
          sourceName: plan.sourceByCode[line.key.source]?.name ?? line.key.source.rawValue,
          activityName: plan.activityByCode[line.key.activity]?.name ?? line.key.activity.rawValue,
          unitName: plan.unitByCode[line.key.unit]?.name ?? line.key.unit.rawValue,
          originYear: portion.originYear,
          unspent: portion.unspent,
          carryOver: portion.carryOver,
          cancelled: portion.cancelled,
          usableThroughYear: portion.usableThroughYear, openAdvance: portion.openAdvance)
      }
    }
  }

  // MARK: - Tree to rows

  private indirect enum TreeNode {
    /// Whether some detail under this node is money pooled from another programme.
    var holdsPooled: Bool {
      switch self {
      case .group(_, let children): children.contains { $0.holdsPooled }
      case .detail(_, _, let source): source.kind == .pooled
      }
    }

    case group(label: String, children: [TreeNode])
    case detail(label: String, figures: Figures, source: FundingSource)
  }

  /// A source's lines within one activity or unit.
  private struct SourceWithin<Code: Hashable>: Hashable {
    let code: Code
    let source: SourceCode
  }

  /// One detail per source with lines, in the plan's source order.
  private func sourceDetails(_ figuresOf: (SourceCode) -> Figures?) -> [TreeNode] {
    plan.sources.compactMap { source in
      figuresOf(source.code).map {
        .detail(label: "\(source.name) (\(source.code))", figures: $0, source: source)
      }
    }
  }

  /// Lays the tree out as rows: the grand total first, then — when some money is pooled from other
  /// programmes — "trong đó: vốn lồng ghép" (the pooled rows' sum, not added into the total a second
  /// time), then each group followed by its children.
  private func flatten(_ roots: [TreeNode]) -> FigureTable {
    var rows: [FigureRow] = []
    rows.append(FigureRow(kind: .total, stt: "", label: "", figures: .zero))  // placeholder
    let hasPooled = roots.contains { $0.holdsPooled }
    if hasPooled { rows.append(FigureRow(kind: .memo, stt: "", label: "", figures: .zero)) }  // placeholder
    var topIndices: [Int] = []
    var pooledIndices: [Int] = []
    for (position, root) in roots.enumerated() {
      topIndices.append(append(root, level: 0, position: position, into: &rows, pooled: &pooledIndices))
    }
    let totalFigures = topIndices.map { rows[$0].figures }.sum()
    precondition(totalFigures == settlement.totals, "Table total differs from the settlement totals")
    rows[0] = FigureRow(
      kind: .total, stt: "", label: language == .vi ? "TỔNG CỘNG" : "TOTAL", figures: totalFigures,
      children: topIndices)
    if hasPooled {
      rows[1] = FigureRow(
        kind: .memo, stt: "",
        label: language == .vi ? "trong đó: vốn lồng ghép" : "of which: pooled from other programmes",
        figures: pooledIndices.map { rows[$0].figures }.sum(), children: pooledIndices)
    }
    return FigureTable(rows: rows)
  }

  /// Appends a node and its subtree; returns the node's row index.
  private func append(
    _ node: TreeNode, level: Int, position: Int, into rows: inout [FigureRow], pooled: inout [Int]
  ) -> Int {
    let stt = Numbering.label(level: level, position: position)
    switch node {
    case .detail(let label, let figures, let source):
      if source.kind == .pooled { pooled.append(rows.count) }
      rows.append(
        FigureRow(
          kind: .detail(level: level), stt: stt, label: label, figures: figures,
          note: note(for: figures)))
      return rows.count - 1
    case .group(let label, let children):
      let index = rows.count
      rows.append(FigureRow(kind: .group(level: level), stt: stt, label: label, figures: .zero))
      var childIndices: [Int] = []
      for (childPosition, child) in children.enumerated() {
        childIndices.append(
          append(child, level: level + 1, position: childPosition, into: &rows, pooled: &pooled))
      }
      let figures = childIndices.map { rows[$0].figures }.sum()
      rows[index] = FigureRow(
        kind: .group(level: level), stt: stt, label: label, figures: figures, children: childIndices,
        note: note(for: figures))
      return index
    }
  }

  /// A short remark for the Ghi chú column: overspending is what a reviewer must see first.
  private func note(for figures: Figures) -> String {
    guard figures.overspent.isPositive else { return "" }
    return language == .vi
      ? "Chi vượt \(figures.overspent.grouped)" : "Overspent \(figures.overspent.groupedEnglish)"
  }
}

/// Số thứ tự the way Vietnamese forms number levels: I, II… then 1, 2… then a, b… then "-".
enum Numbering {
  static func label(level: Int, position: Int) -> String {
    switch level {
    case 0: roman(position + 1)
    case 1: String(position + 1)
    case 2: letters(position)
    default: "-"
    }
  }

  static func roman(_ number: Int) -> String {
    let table: [(Int, String)] = [
      (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
      (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]
    var rest = number
    var out = ""
    for (value, symbol) in table {
      while rest >= value {
        out += symbol
        rest -= value
      }
    }
    return out
  }

  /// a … z, then aa, ab … (more than 26 siblings is rare but must not crash).
  static func letters(_ index: Int) -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
    return index < 26 ? String(alphabet[index]) : letters(index / 26 - 1) + String(alphabet[index % 26])
  }
}

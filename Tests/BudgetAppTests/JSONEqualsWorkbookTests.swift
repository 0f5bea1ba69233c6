import BudgetApp
import BudgetCore
import BudgetIO
import Foundation
import SettlementReports
import Testing
import XlsxReadBack

/// `settle --json` and the settlement workbook say the same: every figure of the JSON (its lines,
/// their portions, the totals) is found, summed the way each sheet groups it, as the cached value of
/// the workbook's cell — the row located by its key (TỔNG CỘNG, a source's "(code)", an activity,
/// project or unit name, a portion's source · activity · unit · origin year), the column by the
/// template's `show`. Every figure row of every sheet must be matched, so a row the JSON does not
/// explain fails too.
@Suite struct JSONEqualsWorkbookTests {
  @Test(arguments: [2022, 2023])
  func everyFigureOfTheJSONIsACachedValueOfTheWorkbook(year: Int) throws {
    let folder = try Fixture.temporaryDirectory()
    let path = folder.appendingPathComponent("qt.xlsx").path
    // What `settle --json -` prints is the result's JSON, unchanged.
    let jsonText = try #require(
      try Fixture.app.settleYear(
        SettleYearRequest(workspace: Fixture.chiemHoa, year: year, output: .jsonText)
      )
      .json)
    _ = try Fixture.app.settleYear(
      SettleYearRequest(workspace: Fixture.chiemHoa, year: year, output: .workbook(path: path)))
    let json = try SettlementFromJSON(jsonText)
    #expect(json.year == year)
    #expect(json.totals == json.lines.map(\.figures).reduce(.zero, +))
    let plan = try WorkspaceReader.read(directory: Fixture.chiemHoa).plan
    let template = try TemplateReader.read(
      path: Fixture.packageRoot.appendingPathComponent("Templates/quyet-toan.yaml").path)
    let workbook = try XlsxReadBack(url: URL(fileURLWithPath: path))
    let expected = Expectations(plan: plan, json: json)

    var checkedSheets: [SheetKind] = []
    for entry in template.sheets {
      switch entry {
      case .bySource(let sheet), .byContent(let sheet), .byUnit(let sheet):
        let rows = try FigureRows(workbook: workbook, sheet: sheet)
        #expect(rows.rows.count > 2, "\(sheet.name): no figure rows found")
        var groupLabel: String?
        var detailKeys: Set<String> = []
        for row in rows.rows {
          let figures: JSONFigures?
          if let source = plan.sources.first(where: { row.label.hasSuffix("(\($0.code.rawValue))") }) {
            // A source's row: its lines within the group above it (a source kind, an activity, a unit).
            let group = try #require(
              groupLabel, "\(sheet.name) row \(row.number): a source row before any group")
            figures = expected.detail(entry.kind, group: group, source: source.code)
            detailKeys.insert(group + "|" + source.code.rawValue)
          } else {
            groupLabel = row.label
            figures = expected.group(entry.kind, label: row.label)
          }
          guard let figures else {
            Issue.record(
              "\(sheet.name) row \(row.number) '\(row.label)': no figure of the JSON stands for it")
            continue
          }
          for (column, value) in row.values {
            #expect(
              value == figures.value(of: column),
              "\(sheet.name) row \(row.number) '\(row.label)' \(column.rawValue): workbook \(value), JSON \(figures.value(of: column))"
            )
          }
        }
        // Every source × group of the JSON's lines has its row (none left out of the sheet).
        #expect(detailKeys == expected.detailKeys(entry.kind), "\(sheet.name)")
        checkedSheets.append(entry.kind)
      case .carryOver(let sheet):
        let rows = try CarryOverRows(workbook: workbook, sheet: sheet)
        let portions = expected.portions
        #expect(rows.portions.count == portions.count, "\(sheet.name): one row per unspent portion")
        for (key, values) in rows.portions {
          let portion = try #require(portions[key], "\(sheet.name): \(key) is not a portion of the JSON")
          #expect(values == portion, "\(sheet.name) \(key)")
        }
        if let total = rows.total {
          #expect(total == portions.values.reduce(into: [:]) { $0.merge($1, uniquingKeysWith: +) })
        }
        checkedSheets.append(entry.kind)
      default:
        break
      }
    }
    #expect(checkedSheets == [.bySource, .byContent, .byUnit, .carryOver])
  }
}

// MARK: - The JSON, read as a client reads it

/// A line's (or the totals') figures as the JSON gives them, by key.
struct JSONFigures: Equatable, CustomStringConvertible {
  static let keys = [
    "carried_in", "allocated", "available", "spent", "remaining", "carry_over", "cancelled", "overspent",
  ]
  var values: [String: Int64]

  static let zero = JSONFigures(values: Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) }))

  init(values: [String: Int64]) { self.values = values }

  init(_ object: [String: Any]) throws {
    var values: [String: Int64] = [:]
    for key in Self.keys {
      values[key] = try #require((object[key] as? NSNumber)?.int64Value, "JSON key \(key)")
    }
    self.values = values
  }

  static func + (lhs: JSONFigures, rhs: JSONFigures) -> JSONFigures {
    JSONFigures(values: lhs.values.merging(rhs.values, uniquingKeysWith: +))
  }

  /// What a figure column shows, from the JSON's keys: settled is what was spent less the overspending
  /// (docs/workspace-format.md); the check column is available − settled − carry-over − cancelled.
  func value(of column: FigureColumn) -> Int64 {
    let settled = values["spent", default: 0] - values["overspent", default: 0]
    switch column {
    case .figure(.settled): return settled
    case .figure(.check):
      return values["available", default: 0] - settled - values["carry_over", default: 0]
        - values["cancelled", default: 0]
    default: return values[column.rawValue, default: Int64.min]
    }
  }

  var description: String { Self.keys.map { "\($0)=\(values[$0] ?? 0)" }.joined(separator: " ") }
}

struct SettlementFromJSON {
  struct Line {
    let source: String
    let activity: String
    let unit: String
    let figures: JSONFigures
    /// origin year → unspent, carry_over, cancelled.
    let portions: [Int: [String: Int64]]
  }

  let year: Int
  let lines: [Line]
  let totals: JSONFigures

  init(_ text: String) throws {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    year = try #require(object["year"] as? Int)
    let lineObjects = try #require(object["lines"] as? [[String: Any]])
    lines = try lineObjects.map { line in
      var portions: [Int: [String: Int64]] = [:]
      for portion in try #require(line["portions"] as? [[String: Any]]) {
        let origin = try #require(portion["origin_year"] as? Int)
        var values: [String: Int64] = [:]
        for key in ["unspent", "carry_over", "cancelled"] {
          values[key] = try #require((portion[key] as? NSNumber)?.int64Value)
        }
        portions[origin] = values
      }
      return Line(
        source: try #require(line["source"] as? String), activity: try #require(line["activity"] as? String),
        unit: try #require(line["unit"] as? String), figures: try JSONFigures(line), portions: portions)
    }
    totals = try JSONFigures(try #require(object["totals"] as? [String: Any]))
  }
}

/// The JSON's figures summed the way each sheet groups them, by the plan's structure.
struct Expectations {
  let plan: Plan
  let json: SettlementFromJSON

  private func sum(_ include: (SettlementFromJSON.Line) -> Bool) -> JSONFigures? {
    let lines = json.lines.filter(include)
    return lines.isEmpty ? nil : lines.map(\.figures).reduce(.zero, +)
  }

  private func kind(of source: String) -> SourceKind? { plan.sourceByCode[SourceCode(source)]?.kind }

  /// The codes of `unit` and every unit under it.
  private func unitTree(_ unit: UnitCode) -> Set<String> {
    var codes: Set<String> = [unit.rawValue]
    for child in plan.units where child.parent == unit { codes.formUnion(unitTree(child.code)) }
    return codes
  }

  /// The codes of the activities under `project` and its sub-projects.
  private func activities(under project: ProjectCode) -> Set<String> {
    var codes = Set(plan.activities.filter { $0.project == project }.map(\.code.rawValue))
    for child in plan.projects where child.parent == project {
      codes.formUnion(activities(under: child.code))
    }
    return codes
  }

  /// A row that is not a source's: the total, the pooled-money memo, or a group.
  func group(_ sheet: SheetKind, label: String) -> JSONFigures? {
    if label == "TỔNG CỘNG" { return json.totals }
    if label == "trong đó: vốn lồng ghép" { return sum { kind(of: $0.source) == .pooled } }
    switch sheet {
    case .bySource:
      guard let kind = SourceKind.allCases.first(where: { $0.title.vi == label }) else { return nil }
      return sum { self.kind(of: $0.source) == kind }
    case .byContent:
      if let activity = plan.activities.first(where: { $0.name == label }) {
        return sum { $0.activity == activity.code.rawValue }
      }
      guard let project = plan.projects.first(where: { $0.name == label }) else { return nil }
      let codes = activities(under: project.code)
      return sum { codes.contains($0.activity) }
    case .byUnit:
      guard let unit = plan.units.first(where: { $0.name == label }) else { return nil }
      let codes = unitTree(unit.code)
      return sum { codes.contains($0.unit) }
    default: return nil
    }
  }

  /// A source's row within a group (a source kind: all its lines; an activity or a unit: its own).
  func detail(_ sheet: SheetKind, group: String, source: SourceCode) -> JSONFigures? {
    switch sheet {
    case .bySource: return sum { $0.source == source.rawValue }
    case .byContent:
      guard let activity = plan.activities.first(where: { $0.name == group }) else { return nil }
      return sum { $0.source == source.rawValue && $0.activity == activity.code.rawValue }
    case .byUnit:
      guard let unit = plan.units.first(where: { $0.name == group }) else { return nil }
      return sum { $0.source == source.rawValue && $0.unit == unit.code.rawValue }
    default: return nil
    }
  }

  /// "group|source" of every source row the JSON's lines call for.
  func detailKeys(_ sheet: SheetKind) -> Set<String> {
    Set(
      json.lines.compactMap { line -> String? in
        let group: String?
        switch sheet {
        case .bySource: group = kind(of: line.source)?.title.vi
        case .byContent: group = plan.activityByCode[ActivityCode(line.activity)]?.name
        case .byUnit: group = plan.unitByCode[UnitCode(line.unit)]?.name
        default: group = nil
        }
        return group.map { $0 + "|" + line.source }
      })
  }

  /// "source (code) · activity · unit · origin year" (the plan's names) → unspent, carry_over, cancelled,
  /// for every portion left unspent (the rows of Chuyển nguồn).
  var portions: [String: [String: Int64]] {
    var result: [String: [String: Int64]] = [:]
    for line in json.lines {
      for (origin, values) in line.portions where values["unspent", default: 0] > 0 {
        let key = [
          (plan.sourceByCode[SourceCode(line.source)]?.name ?? "") + " (\(line.source))",
          plan.activityByCode[ActivityCode(line.activity)]?.name ?? line.activity,
          plan.unitByCode[UnitCode(line.unit)]?.name ?? line.unit, String(origin),
        ].joined(separator: " · ")
        result[key] = values
      }
    }
    return result
  }
}

// MARK: - The workbook, read back

/// A sheet's cells by row number (1-based) and column index (0-based).
struct SheetGrid {
  var cells: [Int: [Int: ReadCell]] = [:]

  init(workbook: XlsxReadBack, sheet: String) throws {
    for (reference, cell) in try workbook.cells(sheet: sheet) {
      let letters = reference.prefix { $0.isLetter }
      let row = try #require(Int(reference.dropFirst(letters.count)))
      let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
      cells[row, default: [:]][column] = cell
    }
  }

  /// A cell's cached number when it is a whole number (every amount is whole đồng).
  func integer(row: Int, column: Int) -> Int64? {
    guard let cell = cells[row]?[column], cell.type == nil || cell.type == "n",
      let value = cell.value.flatMap(Double.init), value == value.rounded()
    else { return nil }
    return Int64(value)
  }

  func text(row: Int, column: Int) -> String? { cells[row]?[column]?.text }
}

/// The rows of a figure sheet: every row with a label and a whole number in each figure column.
struct FigureRows {
  struct Row {
    let number: Int
    let label: String
    let values: [(FigureColumn, Int64)]
  }

  let rows: [Row]

  init(workbook: XlsxReadBack, sheet: TemplateSheet<FigureColumn>) throws {
    let grid = try SheetGrid(workbook: workbook, sheet: sheet.name)
    let label = try #require(sheet.index(of: .label))
    let figureColumns = sheet.columns.enumerated().filter { $0.element.show.figure != nil }
    rows = grid.cells.keys.sorted().compactMap { number -> Row? in
      guard let text = grid.text(row: number, column: label), !text.isEmpty else { return nil }
      let values = figureColumns.compactMap { index, column in
        grid.integer(row: number, column: index).map { (column.show, $0) }
      }
      guard values.count == figureColumns.count else { return nil }
      return Row(number: number, label: text, values: values)
    }
  }
}

/// The rows of Chuyển nguồn by "source · activity · unit · origin year", and its total row.
struct CarryOverRows {
  var portions: [String: [String: Int64]] = [:]
  var total: [String: Int64]?

  init(workbook: XlsxReadBack, sheet: TemplateSheet<CarryOverColumn>) throws {
    let grid = try SheetGrid(workbook: workbook, sheet: sheet.name)
    let amounts: [(String, Int)] = [CarryOverColumn.unspent, .carryOver, .cancelled].compactMap { show in
      sheet.index(of: show).map { (show.rawValue, $0) }
    }
    let source = try #require(sheet.index(of: .source))
    let origin = try #require(sheet.index(of: .originYear))
    let activity = try #require(sheet.index(of: .activity))
    let unit = try #require(sheet.index(of: .unit))
    for number in grid.cells.keys.sorted() {
      var values: [String: Int64] = [:]
      for (key, column) in amounts { values[key] = grid.integer(row: number, column: column) }
      guard values.count == amounts.count else { continue }
      if let year = grid.integer(row: number, column: origin) {
        let key = [
          grid.text(row: number, column: source) ?? "", grid.text(row: number, column: activity) ?? "",
          grid.text(row: number, column: unit) ?? "", String(year),
        ].joined(separator: " · ")
        #expect(portions[key] == nil, "two rows for \(key)")
        portions[key] = values
      } else {
        #expect(total == nil, "two rows without an origin year (the total) on \(sheet.name)")
        total = values
      }
    }
  }
}

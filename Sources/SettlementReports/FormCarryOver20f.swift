import BudgetCore
import BudgetEngine

/// The money columns 5–12 of Mẫu số 20f (04SDKP/ĐVDT, NĐ 11/2020/NĐ-CP; docs/forms.md), for one row.
public struct Form20fFigures: Hashable, Sendable {
  /// 6: dự toán năm trước chuyển sang (số dư dự toán and số dư tạm ứng carried in).
  public var carriedIn: Money = .zero
  /// 7: dự toán giao đầu năm (`initial` allocations).
  public var initial: Money = .zero
  /// 8: dự toán điều chỉnh (supplements and adjustments, signed).
  public var adjusted: Money = .zero
  /// 9: dự toán đã sử dụng đến 31/01 năm sau: kinh phí đề nghị quyết toán (`settled`).
  public var used: Money = .zero
  /// 10: dự toán bị hủy (`cancelled`; an advance of lapsing money, owed back, is part of it).
  public var cancelled: Money = .zero
  /// 11: số dư dự toán chuyển sang năm sau (`carry_over_undrawn`).
  public var undrawnBalance: Money = .zero
  /// 12: số dư tạm ứng chuyển sang năm sau (`carry_over_advance`).
  public var advanceBalance: Money = .zero

  public init() {}

  /// One line's figures. 5 = 6 + 7 + 8 = available, and available = 9 + 10 + 11 + 12 (settled +
  /// cancelled + carried over, the settlement identity once the overspending is not settled).
  public init(_ line: LineSettlement) {
    carriedIn = line.figures.carriedIn
    initial = line.initialAllocated
    adjusted = line.adjustedAllocated
    used = line.figures.settled
    cancelled = line.figures.cancelled
    undrawnBalance = line.treasury.carryOverUndrawn
    advanceBalance = line.treasury.carryOverAdvance
    precondition(total == line.figures.available && isBalanced, "Mẫu 20f identity broken: \(line.key)")
  }

  /// 5 = 6 + 7 + 8: dự toán năm được chi.
  public var total: Money { carriedIn + initial + adjusted }

  /// 11 = 5 − 9 − 10 − 12, the form's own column 11 with column 10 and 12 taken off (docs/forms.md).
  public var isBalanced: Bool { undrawnBalance == total - used - cancelled - advanceBalance }

  /// Columns 6–12 in order (5 is their formula), with their JSON keys.
  static var columns: [(key: String, path: WritableKeyPath<Form20fFigures, Money>)] {
    [
      ("carried_in_6", \.carriedIn), ("initial_7", \.initial), ("adjusted_8", \.adjusted), ("used_9", \.used),
      ("cancelled_10", \.cancelled), ("undrawn_balance_11", \.undrawnBalance),
      ("advance_balance_12", \.advanceBalance),
    ]
  }

  public static func + (lhs: Form20fFigures, rhs: Form20fFigures) -> Form20fFigures {
    var sum = lhs
    for column in columns { sum[keyPath: column.path] += rhs[keyPath: column.path] }
    return sum
  }
}

/// One row of Mẫu 20f: the grand total, a unit, a tính chất nguồn under it, or a Loại-Khoản under that.
public struct Form20fRow: Hashable, Sendable {
  public enum Level: Int, Hashable, Sendable {
    case total = 0, unit, nature, sector
  }

  public let level: Level
  /// Column 1: the unit's number ("1", "2", …) on a unit row.
  public let stt: String
  /// Column 2, 3 or 4 by level: the unit's name, the tính chất nguồn, the loại-khoản ("160-161",
  /// "Chưa có mã"); the label "TỔNG SỐ" on the total row.
  public let label: String
  /// Column 3 on a unit row whose money is all of one tính chất nguồn (its own row is then left out,
  /// the unit row adds the loại-khoản rows); nil otherwise.
  public var nature: String? = nil
  public let figures: Form20fFigures
  /// The rows this row adds (indices into the form's rows); empty for a loại-khoản row.
  public let sumOf: [Int]
}

/// Mẫu số 20f (04SDKP/ĐVDT): the carry-over form of one reporting body (the district, or one unit)
/// for one year. Rows: TỔNG SỐ, then each unit (plan order), its tính chất nguồn — the programme's own
/// money, then each pooled programme's (vốn lồng ghép) — and under each its loại-khoản. All of it is
/// the form's group 2, kinh phí chương trình MTQG. Plain data; FormsWorkbook and FormsJSON render it.
public struct Form20f: Hashable, Sendable {
  public let year: Int
  public let rows: [Form20fRow]

  public init(settlement: YearSettlement, plan: Plan, language: Language) {
    year = settlement.year
    let vi = language == .vi
    let missing = vi ? "Chưa có mã" : "Not coded"
    // Short labels: the form's column is narrow, and the title says whose programme it is.
    let own = vi ? "CTMTQG DTTS&MN" : "NTP ethnic minorities"
    /// The tính chất nguồn of a source: the programme's own money, or the pooled programme's.
    func nature(_ source: SourceCode) -> (order: Int, label: String) {
      guard let funding = plan.sourceByCode[source], funding.kind == .pooled else { return (-1, own) }
      let programme = funding.programme ?? funding.name
      return (plan.sourceOrder[source] ?? Int.max, (vi ? "Lồng ghép " : "Pooled: ") + programme)
    }
    struct Key: Hashable {
      let unit: UnitCode
      let nature: String
      let sector: SectorCode?
    }
    var figuresByKey: [Key: Form20fFigures] = [:]
    var natureOrder: [String: Int] = [:]
    for line in settlement.lines {
      let (order, label) = nature(line.key.source)
      natureOrder[label] = min(natureOrder[label] ?? Int.max, order)
      let sector = plan.activityByCode[line.key.activity]?.classification.sector
      figuresByKey[Key(unit: line.key.unit, nature: label, sector: sector), default: Form20fFigures()] +=
        Form20fFigures(line)
    }
    let units = Set(figuresByKey.keys.map(\.unit)).sorted {
      (plan.unitOrder[$0] ?? Int.max, $0.rawValue) < (plan.unitOrder[$1] ?? Int.max, $1.rawValue)
    }
    var rows: [Form20fRow] = []
    var unitRows: [Int] = []
    // The total row first; its figures and parts are filled in at the end.
    rows.append(Form20fRow(level: .total, stt: "", label: "", figures: Form20fFigures(), sumOf: []))
    for (number, unit) in units.enumerated() {
      let keys = figuresByKey.keys.filter { $0.unit == unit }
      let natures = Set(keys.map(\.nature)).sorted { (natureOrder[$0] ?? 0, $0) < (natureOrder[$1] ?? 0, $1) }
      let unitIndex = rows.count
      unitRows.append(unitIndex)
      rows.append(Form20fRow(level: .unit, stt: "", label: "", figures: Form20fFigures(), sumOf: []))
      var natureRows: [Int] = []
      var unitFigures = Form20fFigures()
      // One tính chất nguồn: printed on the unit's row, which adds the loại-khoản rows itself.
      let single = natures.count == 1
      for nature in natures {
        let natureIndex = rows.count
        natureRows.append(natureIndex)
        if !single {
          rows.append(
            Form20fRow(level: .nature, stt: "", label: nature, figures: Form20fFigures(), sumOf: []))
        }
        // Coded loại-khoản in order, "chưa có mã" last.
        let sectors = keys.filter { $0.nature == nature }.map(\.sector).sorted {
          switch ($0, $1) {
          case (let left?, let right?): left < right
          case (.some, nil): true
          default: false
          }
        }
        var natureFigures = Form20fFigures()
        var sectorRows: [Int] = []
        for sector in sectors {
          let figures = figuresByKey[Key(unit: unit, nature: nature, sector: sector)]!
          natureFigures += figures
          sectorRows.append(rows.count)
          rows.append(
            Form20fRow(
              level: .sector, stt: "", label: sector?.description ?? missing, figures: figures, sumOf: []))
        }
        if single {
          natureRows = sectorRows
        } else {
          rows[natureIndex] = Form20fRow(
            level: .nature, stt: "", label: nature, figures: natureFigures, sumOf: sectorRows)
        }
        unitFigures += natureFigures
      }
      rows[unitIndex] = Form20fRow(
        level: .unit, stt: String(number + 1), label: plan.unitByCode[unit]?.name ?? unit.rawValue,
        nature: single ? natures.first : nil, figures: unitFigures, sumOf: natureRows)
    }
    let total = unitRows.map { rows[$0].figures }.reduce(Form20fFigures(), +)
    rows[0] = Form20fRow(
      level: .total, stt: "", label: vi ? "TỔNG SỐ" : "TOTAL", figures: total, sumOf: unitRows)
    // The form's totals are the settlement's: nothing dropped, nothing counted twice.
    precondition(
      total.total == settlement.totals.available && total.used == settlement.totals.settled
        && total.cancelled == settlement.totals.cancelled
        && total.undrawnBalance + total.advanceBalance == settlement.totals.carryOver,
      "Mẫu 20f: the rows must add up to the settlement")
    self.rows = rows
  }

  /// The grand total row.
  public var total: Form20fFigures { rows[0].figures }
}

extension Form20fFigures {
  public static func += (lhs: inout Form20fFigures, rhs: Form20fFigures) { lhs = lhs + rhs }
}

extension FormsWorkbook {
  /// Mẫu 20f's table: columns 1–12 numbered as the form prints them, each row's 5 (= 6 + 7 + 8) and 11
  /// (= 5 − 9 − 10 − 12) as formulas on its own row, and every total, unit and tính chất nguồn row's
  /// other columns as the sum of the rows under it; every formula caches the engine's value.
  func form20fContent(_ form: Form20f, sheet: TemplateSheet<Form20fColumn>, layout: SheetLayout)
    -> TableContent
  {
    let columns = sheet.columns.map { column -> TableColumn in
      let number = String((Form20fColumn.allCases.firstIndex(of: column.show) ?? 0) + 1)
      switch column.show {
      case .stt:
        return TableColumn(
          heading: column.heading, number: number, kind: .centeredText, fixedWidth: column.width)
      case .unit, .nature:
        return TableColumn(
          heading: column.heading, number: number, kind: .text(maxWidth: 30), fixedWidth: column.width)
      case .sector:
        return TableColumn(
          heading: column.heading, number: number, kind: .centeredText, fixedWidth: column.width)
      case .total:
        return TableColumn(heading: column.heading, number: "5=6+7+8", kind: .money, fixedWidth: column.width)
      case .undrawnBalance:
        return TableColumn(
          heading: column.heading, number: "11=5-9-10-12", kind: .money, fixedWidth: column.width)
      case .carriedIn, .initial, .adjusted, .used, .cancelled, .advanceBalance:
        return TableColumn(heading: column.heading, number: number, kind: .money, fixedWidth: column.width)
      }
    }
    // Fixed order: every column is there (Form20fColumn.required), so each has its place.
    func at(_ show: Form20fColumn) -> Int { sheet.index(of: show)! }
    func cell(_ row: Int, _ show: Form20fColumn) -> String {
      FormulaText.cell(row: layout.firstDataRow + row, column: at(show))
    }
    let rows = form.rows.enumerated().map { index, row -> TableRow in
      let figures = row.figures
      func amount(_ show: Form20fColumn, _ value: Money) -> CellContent {
        row.sumOf.isEmpty
          ? .money(value)
          : .formula(row.sumOf.map { cell($0, show) }.joined(separator: "+"), cached: value)
      }
      let cells = sheet.columns.map { column -> CellContent in
        switch column.show {
        case .stt: return row.stt.isEmpty ? .empty : .text(row.stt)
        case .unit: return row.level == .unit || row.level == .total ? .text(row.label) : .empty
        case .nature:
          return row.level == .nature ? .text(row.label) : row.nature.map(CellContent.text) ?? .empty
        case .sector: return row.level == .sector ? .text(row.label) : .empty
        case .total:
          return .formula(
            [Form20fColumn.carriedIn, .initial, .adjusted].map { cell(index, $0) }.joined(separator: "+"),
            cached: figures.total)
        case .undrawnBalance:
          return .formula(
            cell(index, .total) + "-"
              + [Form20fColumn.used, .cancelled, .advanceBalance].map { cell(index, $0) }
              .joined(separator: "-"), cached: figures.undrawnBalance)
        case .carriedIn: return amount(.carriedIn, figures.carriedIn)
        case .initial: return amount(.initial, figures.initial)
        case .adjusted: return amount(.adjusted, figures.adjusted)
        case .used: return amount(.used, figures.used)
        case .cancelled: return amount(.cancelled, figures.cancelled)
        case .advanceBalance: return amount(.advanceBalance, figures.advanceBalance)
        }
      }
      let emphasis: RowEmphasis =
        switch row.level {
        case .total: .total
        case .unit: .group(level: 0)
        case .nature: .group(level: 1)
        case .sector: .detail(level: 2)
        }
      return TableRow(emphasis: emphasis, cells: cells)
    }
    return TableContent(columns: columns, rows: rows)
  }
}

extension FormsJSON {
  /// `mau_20f`: each row's level, number, label and the form's columns 5–12 by their numbers and
  /// names; `sum_of` lists the rows (indices) a total row adds.
  static func write(_ form: Form20f, into json: inout JSONWriter) {
    json.beginObject("mau_20f")
    json.beginArray("rows")
    for row in form.rows {
      json.beginObject()
      json.field("level", ["total", "unit", "nature", "sector"][row.level.rawValue])
      json.field("stt", row.stt)
      json.field("label", row.label)
      json.field("nature", row.nature)
      let figures = row.figures
      json.field("total_5", figures.total.dong)
      for column in Form20fFigures.columns { json.field(column.key, figures[keyPath: column.path].dong) }
      json.beginArray("sum_of")
      for index in row.sumOf { json.element(index) }
      json.endArray()
      json.endObject()
    }
    json.endArray()
    json.endObject()
  }
}

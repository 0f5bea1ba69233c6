import BudgetCore
import BudgetEngine

/// The figures a settlement form shows, one per column kind. Base figures are exact engine values;
/// `available`, `settled`'s subtotals and `check` are what the workbook turns into formulas.
public enum FigureKind: String, CaseIterable, Sendable {
  /// Dự toán năm trước chuyển sang
  case carriedIn = "carried_in"
  /// Dự toán giao trong năm
  case allocated
  /// Tổng số được sử dụng = carried_in + allocated
  case available
  /// Giải ngân (thực chi)
  case spent
  /// Số đề nghị quyết toán = spent − overspent (money beyond what was available cannot be settled)
  case settled
  /// Chuyển nguồn sang năm sau
  case carryOver = "carry_over"
  /// Hủy dự toán
  case cancelled
  /// Chi vượt dự toán
  case overspent
  /// Kiểm tra: available − settled − carry_over − cancelled, always 0
  case check

  public func value(of figures: Figures) -> Money {
    switch self {
    case .carriedIn: figures.carriedIn
    case .allocated: figures.allocated
    case .available: figures.available
    case .spent: figures.spent
    case .settled: figures.settled
    case .carryOver: figures.carryOver
    case .cancelled: figures.cancelled
    case .overspent: figures.overspent
    case .check: figures.available - figures.settled - figures.carryOver - figures.cancelled
    }
  }
}

/// One row of a settlement table: a line or an aggregate of lines (`detail`), a subtotal of other
/// rows (`group`), or the grand total. Group and total rows name the rows they add up, so a renderer
/// can write them as SUM formulas whose cached values are `figures`.
public struct FigureRow: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    case total
    /// A subtotal; level 0 is the outermost group.
    case group(level: Int)
    case detail(level: Int)
    /// "trong đó: …": a part of the total shown under it (the pooled money), added into nothing.
    case memo
  }

  public let kind: Kind
  /// Số thứ tự as officers number it: I, II… for groups, 1, 2… for details, "" where none.
  public let stt: String
  public let label: String
  public let figures: Figures
  /// Indices (into the table's rows) of the rows this group or total adds up.
  public let children: [Int]
  public let note: String

  public init(
    kind: Kind, stt: String, label: String, figures: Figures, children: [Int] = [], note: String = ""
  ) {
    self.kind = kind
    self.stt = stt
    self.label = label
    self.figures = figures
    self.children = children
    self.note = note
  }

  public var level: Int {
    switch kind {
    case .total: 0
    case .memo: 1
    case .group(let level), .detail(let level): level
    }
  }

  public var isSum: Bool {
    if case .detail = kind { return false }
    return true
  }
}

/// A table of settlement figures (by source, by content, by unit), in display order. Rows that add
/// up others always come before or after their children as the builder chose; `children` is what
/// counts.
public struct FigureTable: Sendable {
  public let rows: [FigureRow]

  public init(rows: [FigureRow]) {
    // A subtotal's cached value must be exactly the sum of what it adds up, or a reader that does
    // not recalculate would show a different number from one that does.
    for row in rows where row.isSum {
      let sum = row.children.map { rows[$0].figures }.sum()
      precondition(sum == row.figures, "Subtotal '\(row.label)' differs from its children")
    }
    self.rows = rows
  }

  public var total: FigureRow? { rows.first { $0.kind == .total } }
}

/// One portion of a line carried over or cancelled at year end (the "Chuyển nguồn" schedule).
public struct CarryOverRow: Hashable, Sendable {
  public let key: LineKey
  public let sourceName: String
  public let activityName: String
  public let unitName: String
  public let originYear: Int
  public let unspent: Money
  public let carryOver: Money
  public let cancelled: Money
  /// The last year the money may be used (origin + carry_over_years of its source).
  public let usableThroughYear: Int
  /// The part of `unspent` drawn as advances and not settled (số dư tạm ứng).
  public let openAdvance: Money

  /// Số dư dự toán chuyển sang: the carry-over still undrawn at the treasury.
  public var carryOverUndrawn: Money { carryOver.isPositive ? carryOver - openAdvance : .zero }
  /// Số dư tạm ứng chuyển sang.
  public var carryOverAdvance: Money { carryOver.isPositive ? openAdvance : .zero }
  /// Còn phải nộp NSNN: the lapsing part already drawn as an advance.
  public var lapsedAdvance: Money { cancelled.isPositive ? openAdvance : .zero }
}

/// One year's settlement as every renderer draws it — the workbook (SettlementWorkbook), the JSON
/// (`settle --json`, SettlementJSON) — plain data built once from the engine's values and the plan,
/// so that a figure is the same in the xlsx cell and the JSON key by construction.
public struct SettlementReport: Sendable {
  public let year: Int
  /// Every line with its figures and its portions by origin year, in the engine's order.
  public let lines: [LineSettlement]
  public let totals: Figures
  public let findings: [Finding]
  /// The year's recognised spending rows (final payments, advance settlements, their reversals) in
  /// the order the detail sheet lists them, so they add up to `spent`. Advances are not spending
  /// until settled; they are in the treasury figures (`treasury`).
  public let payments: [Payment]
  /// The lines' treasury figures summed (drawn, advances, the year-end split).
  public let treasuryTotals: TreasuryFigures
  /// The language of the tables' labels and of the findings' messages.
  public let language: Language
  /// Tổng hợp, Theo nội dung, Theo đơn vị: built when a renderer asks (the JSON does not).
  public let tables: SettlementTables

  public init(settlement: YearSettlement, plan: Plan, language: Language = .vi) {
    year = settlement.year
    lines = settlement.lines
    totals = settlement.totals
    findings = settlement.findings
    payments = settlement.recognisedSpending
    treasuryTotals = settlement.treasuryTotals
    self.language = language
    tables = SettlementTables(settlement: settlement, plan: plan, language: language)
  }

  /// Chuyển nguồn: every unspent portion, carried over or cancelled, with its origin year.
  public func carryOverSchedule() -> [CarryOverRow] { tables.carryOverSchedule() }
}

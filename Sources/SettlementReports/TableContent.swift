import BudgetCore

/// What one cell of a report table holds, before any styling. Money is exact đồng; a formula always
/// carries the value the engine computed, so a reader that does not recalculate shows the same number.
enum CellContent: Hashable {
  case empty
  case text(String)
  case money(Money)
  /// A plain whole number (years, counts) shown without grouping.
  case integer(Int)
  case quantity(Quantity)
  case date(CivilDate)
  case formula(String, cached: Money)
}

/// How a column's cells look and how its width is found.
enum ColumnKind: Hashable {
  case text(maxWidth: Int)
  case centeredText
  case money
  case integer
  case quantity
  case date
}

struct TableColumn {
  let heading: String
  /// The small numbering under the heading ("A", "1", "3=1+2").
  let number: String
  let kind: ColumnKind
  let fixedWidth: Int?
}

/// The emphasis of a row: totals and subtotals stand out, details indent by level.
enum RowEmphasis: Hashable {
  case total
  case group(level: Int)
  case detail(level: Int)
}

struct TableRow {
  let emphasis: RowEmphasis
  let cells: [CellContent]
}

/// A report table, renderer-neutral: the xlsx writer lays it out under the sheet's header block.
struct TableContent {
  let columns: [TableColumn]
  var rows: [TableRow]
}

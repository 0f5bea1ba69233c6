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
  /// A share of two amounts (a display value, never money), with the quotient the formula gives.
  case ratioFormula(String, cached: Double)
}

/// How a column's cells look and how its width is found.
enum ColumnKind: Hashable {
  case text(maxWidth: Int)
  case centeredText
  case money
  case integer
  case quantity
  case date
  /// A share shown as a percentage (0.979 prints as 97,9 %).
  case percent
}

struct TableColumn {
  let heading: String
  /// The small numbering under the heading ("A", "1", "3=1+2").
  let number: String
  let kind: ColumnKind
  let fixedWidth: Int?
  /// A narrower column than this is not useful (a Ghi chú column is written on by hand).
  var minimumWidth: Int? = nil
  /// Replaces the document's number format for money (the check column shows its 0).
  var numberFormat: String? = nil
  /// Indent levels of every cell, so that text does not touch the amount printed on its left.
  var indent: Int = 0
}

/// The emphasis of a row: totals and subtotals stand out, details indent by level.
enum RowEmphasis: Hashable {
  case total
  case group(level: Int)
  case detail(level: Int)

  /// How a row of a figure table prints (a memo line as a first-level detail).
  init(_ kind: FigureRow.Kind) {
    switch kind {
    case .total: self = .total
    case .group(let level): self = .group(level: level)
    case .detail(let level): self = .detail(level: level)
    case .memo: self = .detail(level: 1)
    }
  }
}

struct TableRow {
  let emphasis: RowEmphasis
  let cells: [CellContent]
  /// Columns merged into one cell holding the first one's text (a total's label across the
  /// narrow columns before the amount).
  var labelSpan: ClosedRange<Int>? = nil
}

/// A report table, renderer-neutral: the xlsx writer lays it out under the sheet's header block.
struct TableContent {
  let columns: [TableColumn]
  var rows: [TableRow]
}

extension TableColumn {
  /// The columns of a sheet whose columns stand in a fixed order (the builder's formulas count on
  /// it): `describe` gives each shown column its kind and its number on the numbering row ("A",
  /// "1", "3=2-1"); the headings go through `heading` (a context's placeholders); the `zeroShown`
  /// columns (the checks, which must be 0) print their 0 in `checkFormat`.
  static func fixed<Show: TemplateColumnKind>(
    _ sheet: TemplateSheet<Show>, heading: (String) -> String = { $0 }, zeroShown: Set<Show> = [],
    checkFormat: String? = nil, _ describe: (Show) -> (ColumnKind, String)
  ) -> [TableColumn] {
    sheet.columns.map { templateColumn in
      let (kind, number) = describe(templateColumn.show)
      var column = TableColumn(
        heading: heading(templateColumn.heading), number: number, kind: kind, fixedWidth: templateColumn.width
      )
      if zeroShown.contains(templateColumn.show) { column.numberFormat = checkFormat }
      return column
    }
  }
}

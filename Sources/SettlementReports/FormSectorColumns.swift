import BudgetCore
import BudgetEngine

/// The loại-khoản columns that B01/BCQT and F01-01/BCQT print after Tổng số (docs/forms.md, "Columns:
/// Loại/Khoản"): for each loại its TỔNG SỐ, then one column per khoản; money whose activity has no
/// loại-khoản in one "chưa có mã" column last, never dropped.
struct SectorColumns {
  enum Column {
    /// A loại's TỔNG SỐ: the sum of the khoản columns at these indices of `sectors`.
    case sectorTotal(sector: String, parts: [Int])
    /// One khoản, or the "chưa có mã" column: index into `sectors`.
    case subsector(Int)
    case missing(Int)
  }

  let sectors: [Coded<SectorCode>]
  let columns: [Column]

  init(sectors: [Coded<SectorCode>]) {
    self.sectors = sectors
    var columns: [Column] = []
    var index = 0
    while index < sectors.count {
      guard let code = sectors[index].code else {
        columns.append(.missing(index))
        index += 1
        continue
      }
      // Sectors are sorted, so one loại's khoản are consecutive.
      var parts: [Int] = []
      while index < sectors.count, let next = sectors[index].code, next.sector == code.sector {
        parts.append(index)
        index += 1
      }
      columns.append(.sectorTotal(sector: code.sector, parts: parts))
      columns += parts.map(Column.subsector)
    }
    self.columns = columns
  }

  /// The table columns from the template's three repeated ones, numbered on from the Tổng số column's
  /// number `1`.
  func tableColumns(_ sheet: TemplateSheet<B01Column>, context: TemplateContext) -> [TableColumn] {
    func template(_ show: B01Column) -> TemplateColumn<B01Column> {
      guard let column = sheet.columns.first(where: { $0.show == show }) else {
        preconditionFailure("B01Column is fixedOrder and required: the reader gives every column")
      }
      return column
    }
    return columns.enumerated().map { offset, column in
      let heading: TemplateColumn<B01Column>
      var values: [String: String] = [:]
      switch column {
      case .sectorTotal(let sector, _):
        heading = template(.sectorTotal)
        values["loai"] = sector
      case .subsector(let index):
        heading = template(.subsector)
        values["loai"] = sectors[index].code?.sector ?? ""
        values["khoan"] = sectors[index].code?.subsector ?? ""
      case .missing:
        heading = template(.sectorMissing)
      }
      return TableColumn(
        heading: context.adding(values).fill(heading.heading), number: String(offset + 2), kind: .money,
        fixedWidth: heading.width)
    }
  }

  /// The Tổng số cell and the loại-khoản cells of one row, `totalColumn` being the sheet column of Tổng
  /// số. A row that adds other rows (`sumOf(column)` non-nil) is that formula in every column; a row of
  /// its own has its khoản amounts as numbers, each loại's TỔNG SỐ a formula over its khoản and Tổng số
  /// a formula over the loại and the "chưa có mã" column. Every formula caches its value.
  func cells(
    total: Money?, bySector: [Money?], sheetRow: Int, totalColumn: Int, sumOf: ((Int) -> String)?
  ) -> [CellContent] {
    guard let total else { return Array(repeating: .empty, count: columns.count + 1) }
    let amounts = bySector.map { $0 ?? .zero }
    precondition(
      sectors.isEmpty || amounts.reduce(.zero, +) == total, "the loại-khoản columns add up to Tổng số")
    let column = { (offset: Int) in totalColumn + 1 + offset }
    let cell = { (offset: Int) in FormulaText.cell(row: sheetRow, column: column(offset)) }
    var cells: [CellContent] = []
    // Tổng số adds the loại totals and the "chưa có mã" column.
    let topLevel = columns.indices.filter {
      if case .subsector = columns[$0] { return false }
      return true
    }
    if let sumOf {
      cells.append(.formula(sumOf(totalColumn), cached: total))
    } else if sectors.isEmpty {
      cells.append(.money(total))
    } else {
      cells.append(.formula(topLevel.map(cell).joined(separator: "+"), cached: total))
    }
    for (offset, entry) in columns.enumerated() {
      switch entry {
      case .sectorTotal(_, let parts):
        let value = parts.map { amounts[$0] }.reduce(.zero, +)
        let partOffsets = parts.compactMap { part in
          columns.firstIndex {
            if case .subsector(part) = $0 { return true }
            return false
          }
        }
        cells.append(
          .formula(sumOf?(column(offset)) ?? partOffsets.map(cell).joined(separator: "+"), cached: value))
      case .subsector(let index), .missing(let index):
        if let sumOf {
          cells.append(.formula(sumOf(column(offset)), cached: amounts[index]))
        } else {
          cells.append(.money(amounts[index]))
        }
      }
    }
    return cells
  }
}

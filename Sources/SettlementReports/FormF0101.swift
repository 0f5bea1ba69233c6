import BudgetCore
import BudgetEngine

/// Mẫu số F01-01/BCQT "Báo cáo chi tiết chi từ nguồn NSNN và nguồn phí được khấu trừ, để lại": the
/// money proposed for settlement (kinh phí đề nghị quyết toán) by mục and tiểu mục (rows) and by
/// loại-khoản (columns, as on B01/BCQT), under "Kinh phí không thường xuyên/không tự chủ" (docs/forms.md).
/// Plain data from the engine's classification; FormsWorkbook and FormsJSON render it.
public struct F0101Form: Hashable, Sendable {
  public struct SubItemRow: Hashable, Sendable {
    public let code: Coded<BudgetSubItemCode>
    public let label: String
    public let settled: Money
    /// Parallel to the form's `sectors`.
    public let bySector: [Money]
  }

  public struct ItemRow: Hashable, Sendable {
    public let code: Coded<BudgetItemCode>
    public let label: String
    /// Σ of its tiểu mục (the row is their sum on the form).
    public let settled: Money
    public let bySector: [Money]
    public let subItems: [SubItemRow]
  }

  public let year: Int
  /// The loại-khoản columns: B01's, so the two forms' columns match.
  public let sectors: [Coded<SectorCode>]
  /// Mục ascending, "chưa có mã" last; tiểu mục likewise within each.
  public let items: [ItemRow]
  /// The settled total (the "Kinh phí không thường xuyên/không tự chủ" row) and its split.
  public let settled: Money
  public let bySector: [Money]
  public let heading: String

  public init(classification: BudgetClassification, sectors: [Coded<SectorCode>], language: Language) {
    let vi = language == .vi
    year = classification.year
    self.sectors = sectors
    heading = vi ? "Kinh phí không thường xuyên/không tự chủ" : "Non-recurrent / non-autonomous funds"
    let split = { (key: ItemKey) in
      sectors.map { classification.byItemAndSector[key]?[$0] ?? .zero }
    }
    var items: [ItemRow] = []
    var index = 0
    let keys = classification.byItem
    while index < keys.count {
      let item = keys[index].key.item
      var subItems: [SubItemRow] = []
      while index < keys.count, keys[index].key.item == item {
        let key = keys[index].key
        let label =
          key.subItem.code.map { vi ? "- Tiểu mục \($0)" : "- Sub-item \($0)" }
          ?? (vi ? "- Chưa có mã tiểu mục" : "- Sub-item not coded")
        subItems.append(
          SubItemRow(code: key.subItem, label: label, settled: keys[index].settled, bySector: split(key)))
        index += 1
      }
      let label =
        item.code.map { vi ? "Mục \($0)" : "Item \($0)" } ?? (vi ? "Chưa có mã mục" : "Item not coded")
      items.append(
        ItemRow(
          code: item, label: label, settled: subItems.map(\.settled).reduce(.zero, +),
          bySector: sectors.indices.map { column in subItems.map { $0.bySector[column] }.reduce(.zero, +) },
          subItems: subItems))
    }
    self.items = items
    settled = classification.totalSettled
    bySector = sectors.indices.map { column in items.map { $0.bySector[column] }.reduce(.zero, +) }
    precondition(
      items.map(\.settled).reduce(.zero, +) == settled && bySector.reduce(.zero, +) == settled,
      "F01-01: the mục rows and the loại-khoản columns add up to the settled total")
  }
}

extension FormsWorkbook {
  /// Under the budget headings, the không thường xuyên row (the sum of the mục rows), then each mục
  /// (the sum of its tiểu mục rows) followed by its tiểu mục with their amounts; mã số is the code (empty
  /// under "chưa có mã", which the label says).
  func f0101Content(
    _ form: F0101Form, sheet: TemplateSheet<B01Column>, layout: SheetLayout, context: TemplateContext
  ) -> TableContent {
    let sectors = SectorColumns(sectors: form.sectors)
    let columns = classifiedColumns(sheet, sectors: sectors, context: context)
    var rows = budgetHeadingRows(columnCount: columns.count)
    let totalColumn = 3
    let headingRow = layout.firstDataRow + rows.count
    // Sheet rows of each mục and of each tiểu mục, in order.
    var itemRows: [Int] = []
    var next = headingRow + 1
    for item in form.items {
      itemRows.append(next)
      next += 1 + item.subItems.count
    }
    rows.append(
      TableRow(
        emphasis: .group(level: 0),
        cells: [.text("1"), .text(form.heading), .empty]
          + sectors.cells(
            total: form.settled, bySector: form.bySector, sheetRow: headingRow, totalColumn: totalColumn,
            sumOf: { FormulaText.sum(rows: itemRows, column: $0) })))
    for (number, (item, itemRow)) in zip(form.items, itemRows).enumerated() {
      let subRows = Array((itemRow + 1)...(itemRow + item.subItems.count))
      rows.append(
        TableRow(
          emphasis: .group(level: 1),
          cells: [.text("1.\(number + 1)"), .text(item.label), .text(item.code.code?.rawValue ?? "")]
            + sectors.cells(
              total: item.settled, bySector: item.bySector, sheetRow: itemRow, totalColumn: totalColumn,
              sumOf: { FormulaText.sum(rows: subRows, column: $0) })))
      for (offset, subItem) in item.subItems.enumerated() {
        rows.append(
          TableRow(
            emphasis: .detail(level: 1),
            cells: [.empty, .text(subItem.label), .text(subItem.code.code?.rawValue ?? "")]
              + sectors.cells(
                total: subItem.settled, bySector: subItem.bySector, sheetRow: itemRow + 1 + offset,
                totalColumn: totalColumn, sumOf: nil)))
      }
    }
    return TableContent(columns: columns, rows: rows)
  }
}

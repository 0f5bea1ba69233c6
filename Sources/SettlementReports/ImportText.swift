import BudgetCore

/// What `kinhphi import` will do and did, as the officer reads it: rows per year before, removed,
/// added and after, so a lost year can never go unnoticed. (BudgetIO's `TableImport.Plan` in plain
/// values: this module does not read files.)
public enum ImportText {
  public struct Summary: Sendable {
    public let targetPath: String
    public let tableFile: String
    /// The year replaced, or nil when the rows are appended.
    public let replacedYear: Int?
    /// Per year: rows now, rows removed, rows added.
    public let years: [(year: Int, before: Int, removed: Int, added: Int)]

    public init(
      targetPath: String, tableFile: String, replacedYear: Int?,
      years: [(year: Int, before: Int, removed: Int, added: Int)]
    ) {
      self.targetPath = targetPath
      self.tableFile = tableFile
      self.replacedYear = replacedYear
      self.years = years
    }

    var rowsBefore: Int { years.map(\.before).reduce(0, +) }
    var rowsRemoved: Int { years.map(\.removed).reduce(0, +) }
    var rowsAdded: Int { years.map(\.added).reduce(0, +) }
  }

  public static func render(_ plan: Summary, sheetFile: String, language: Language) -> String {
    let vi = language == .vi
    var out: String
    switch plan.replacedYear {
    case nil:
      out =
        vi
        ? "Nhập \(sheetFile) vào \(plan.targetPath): ghi thêm \(plan.rowsAdded) dòng, không bỏ dòng nào.\n"
        : "Import \(sheetFile) into \(plan.targetPath): \(plan.rowsAdded) rows added, none removed.\n"
    case let year?:
      out =
        vi
        ? "Nhập \(sheetFile) vào \(plan.targetPath): thay \(plan.rowsRemoved) dòng năm \(year) bằng \(plan.rowsAdded) dòng của trang; các năm khác giữ nguyên.\n"
        : "Import \(sheetFile) into \(plan.targetPath): the \(plan.rowsRemoved) rows of \(year) replaced by the sheet's \(plan.rowsAdded) rows; other years unchanged.\n"
    }
    let headers =
      vi
      ? ["Năm", "Hiện có", "Bỏ đi", "Thêm vào", "Sau khi nhập"]
      : ["Year", "Now", "Removed", "Added", "After"]
    var rows = plan.years.map { change in
      [
        String(change.year), String(change.before), String(change.removed), String(change.added),
        String(change.before - change.removed + change.added),
      ]
    }
    rows.append([
      vi ? "Cộng" : "Total", String(plan.rowsBefore), String(plan.rowsRemoved), String(plan.rowsAdded),
      String(plan.rowsBefore - plan.rowsRemoved + plan.rowsAdded),
    ])
    out += TextTable.render(headers: headers, rows: rows, rightAligned: [1, 2, 3, 4])
    return out
  }

  /// After writing: where the table and the backup are.
  public static func done(_ plan: Summary, backup: String?, language: Language) -> String {
    let vi = language == .vi
    let total = plan.rowsBefore - plan.rowsRemoved + plan.rowsAdded
    var out =
      vi
      ? "Đã ghi \(plan.targetPath) (\(total) dòng).\n"
      : "Wrote \(plan.targetPath) (\(total) rows).\n"
    if let backup {
      out +=
        vi
        ? "Tệp cũ được giữ nguyên tại \(backup) (muốn hoàn tác: chép tệp này đè lên \(plan.tableFile)).\n"
        : "The previous file is kept as \(backup) (to undo: copy it over \(plan.tableFile)).\n"
    }
    return out
  }
}

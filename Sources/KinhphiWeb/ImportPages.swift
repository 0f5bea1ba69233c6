import BudgetApp
import BudgetCore
import BudgetIO
import Foundation
import Hummingbird
import SafeOutput

/// Data in: an uploaded sheet or CSV file becomes the workspace's rows — first a preview (located errors, or the
/// rows added and replaced per year), then, on confirmation, the write (under the workspace lock,
/// through the same atomic write as `kinhphi import`, recorded in the write log).
enum ImportPages {
  /// An upload checked and waiting for confirmation.
  struct Pending {
    let plan: ImportPlan
    let uploadName: String
  }

  static func form(_ view: WorkspaceView?, _ page: PageContext, table: WorkspaceTable = .spending) -> String {
    let years = view?.planYears ?? []
    var out = """
      <form method="post" action="/import" enctype="multipart/form-data" class="panel" id="import-form">\(page.csrfField)
      <div class="field"><label>\(page.t("Bảng", "Table"))</label>
      <label><input type="radio" name="table" value="spending"\(table == .spending ? " checked" : "")> \(page.t("Thực chi (spending.csv)", "Spending (spending.csv)"))</label>
      <label><input type="radio" name="table" value="allocations"\(table == .allocations ? " checked" : "")> \(page.t("Dự toán (allocations.csv)", "Allocations (allocations.csv)"))</label></div>
      <div class="field"><label for="mode">\(page.t("Cách nhập", "How"))</label><select id="mode" name="mode">
      <option value="append">\(page.t("Ghi thêm các dòng vào cuối bảng", "Append the rows to the table"))</option>
      """
    for year in years {
      out +=
        "<option value=\"replace-\(year)\">\(page.t("Thay các dòng của năm \(year)", "Replace the rows of \(year)"))</option>"
    }
    out += """
      </select></div>
      <div class="field"><label for="file">\(page.t("Tệp Excel (.xlsx) hoặc CSV (.csv)", "Excel (.xlsx) or CSV (.csv) file"))</label><input type="file" id="file" name="file" accept=".xlsx,.csv" required></div>
      <div class="field"><label for="sheet">\(page.t("Tên trang của tệp .xlsx (để trống: trang đầu tiên không ẩn)", "Sheet of an .xlsx file (empty: the first visible sheet)"))</label><input type="text" id="sheet" name="sheet"></div>
      <button type="submit" id="check-upload">\(page.t("Kiểm tra và xem trước", "Check and preview"))</button>
      <p class="note">\(page.t("Chưa ghi gì cho đến khi bạn xác nhận. Tệp cũ được giữ lại thành bản sao .bak.", "Nothing is written until you confirm. The previous file is kept as a .bak copy."))</p>
      </form>
      """
    return out
  }

  /// The upload's own name, reduced to what is safe to show and to name a temporary file by.
  static func safeUploadName(_ name: String) -> String {
    let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "upload"
    let kept = String(
      last.unicodeScalars.filter {
        $0.value >= 0x20 && $0 != "\u{7F}" && !"<>:\"|?*".unicodeScalars.contains($0)
      }.map(Character.init))
    let trimmed = kept.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty || trimmed == "." || trimmed == ".." ? "upload" : String(trimmed.prefix(100))
  }

  static func preview(_ pending: Pending, id: String, _ page: PageContext) -> String {
    let plan = pending.plan.plan
    let file = plan.table.csvFile
    var out =
      "<div class=\"panel\" id=\"preview\"><p>\(page.t("Tệp \(pending.uploadName) hợp lệ. Các thay đổi của \(file):", "\(pending.uploadName) is valid. The changes to \(file):"))</p>"
    out +=
      "<table id=\"preview-table\"><thead><tr><th>\(page.t("Năm", "Year"))</th><th class=\"num\">\(page.t("Hiện có", "Now"))</th><th class=\"num\">\(page.t("Bỏ đi", "Removed"))</th><th class=\"num\">\(page.t("Thêm vào", "Added"))</th><th class=\"num\">\(page.t("Sau khi nhập", "After"))</th></tr></thead><tbody>"
    for change in plan.years {
      out +=
        "<tr><td>\(change.year)</td><td class=\"num\">\(change.before)</td><td class=\"num\">\(change.removed)</td><td class=\"num\">\(change.added)</td><td class=\"num\">\(change.after)</td></tr>"
    }
    out +=
      "<tr class=\"total\"><td>\(page.t("Cộng", "Total"))</td><td class=\"num\">\(plan.rowsBefore)</td><td class=\"num\">\(plan.rowsRemoved)</td><td class=\"num\">\(plan.rowsAdded)</td><td class=\"num\">\(plan.rowsBefore - plan.rowsRemoved + plan.rowsAdded)</td></tr></tbody></table>"
    out += """
      <form method="post" action="/import/confirm">\(page.csrfField)<input type="hidden" name="id" value="\(HTML.escape(id))">
      <p><button type="submit" id="confirm-import" class="danger" data-confirm="\(page.t("Ghi vào \(file)?", "Write to \(file)?"))">\(page.t("Xác nhận: ghi vào \(file)", "Confirm: write to \(file)"))</button>
      <a class="button secondary" href="/import">\(page.t("Hủy", "Cancel"))</a></p></form></div>
      """
    return out
  }
}

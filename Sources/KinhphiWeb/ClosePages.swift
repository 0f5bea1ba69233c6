import BudgetApp
import BudgetCore
import BudgetEngine
import Foundation
import SettlementReports

/// Year-end close: the rows the close would add to next year's allocations, shown before anything is
/// written, then an explicit confirmation. The refusals are the command line's (the application
/// layer's `planClose` decides them): a year with error findings unless the officer closes anyway,
/// a next year outside the plan.
enum ClosePages {
  static func page(
    _ plan: ClosePlan, view: WorkspaceView, pendingID: String?, _ page: PageContext
  ) -> String {
    let year = plan.request.year
    let close = plan.close
    var out = OverviewPages.yearLinks(view, current: year) { "/close?year=\($0)" }
    out +=
      "<pre class=\"panel\" id=\"close-summary\">\(HTML.escape(CloseText.render(close, plan: view.plan, language: page.language)))</pre>"
    if let refusal = plan.refusal {
      out +=
        "<div class=\"errors\" id=\"close-refused\"><p>\(HTML.escape(CloseText.refusal(refusal, year: year, language: page.language)))</p>"
      if case .errorFindings = refusal {
        out += "<ul>"
        for finding in close.errorFindings {
          out +=
            "<li>\(page.t(finding.code.label)) <span class=\"note\">\(finding.code.rawValue)</span> · \(HTML.escape(finding.lineDescription)) · \(finding.amount.map(page.money) ?? "")</li>"
        }
        out +=
          "</ul><p><a href=\"/close?year=\(year)&amp;force=1\">\(page.t("Xem các dòng nếu khóa sổ dù còn lỗi (--force)", "See the rows of a close despite the errors (--force)"))</a></p>"
      }
      return out + "</div>"
    }
    if plan.alreadyClosed {
      out +=
        "<div class=\"final\" id=\"close-done\">\(page.t("Năm \(year) đã khóa sổ: không có dòng nào cần thêm.", "\(year) is already closed: no row to add."))</div>"
      return out
    }
    if !plan.writesRows {
      // Nothing missing, but recorded rows differ from the close: not closed until they are corrected.
      let differing = close.differences.count
      out +=
        "<div class=\"errors\" id=\"close-differs\">\(page.t("Không có dòng nào cần thêm, nhưng \(differing) dòng chuyển sang (carry_in) năm \(close.nextYear) đã ghi khác số chuyển nguồn (CARRY_IN_MISMATCH): sửa các dòng đó trong allocations.csv; khóa sổ không sửa dòng đã có.", "No row to add, but \(differing) recorded \(close.nextYear) carry_in rows differ from the carry-over (CARRY_IN_MISMATCH): correct them in allocations.csv; the close never edits existing rows."))</div>"
      return out
    }
    out +=
      "<h2>\(page.t("Các dòng sẽ ghi thêm vào allocations.csv", "The rows to append to allocations.csv"))</h2>"
    out +=
      "<div class=\"scroll\"><table id=\"close-rows\"><thead><tr><th>\(page.t("Năm", "Year"))</th><th>\(page.t("Nguồn", "Source"))</th><th>\(page.t("Nội dung", "Activity"))</th><th>\(page.t("Đơn vị", "Unit"))</th><th>\(page.t("Loại", "Kind"))</th><th class=\"num\">\(page.t("Số tiền", "Amount"))</th><th>\(page.t("Năm gốc", "Origin year"))</th></tr></thead><tbody>"
    var total = Money.zero
    for row in plan.rows {
      total += row.amount
      out +=
        "<tr><td>\(row.year)</td><td>\(HTML.escape(row.source.rawValue))</td><td>\(HTML.escape(row.activity.rawValue))</td><td>\(HTML.escape(row.unit.rawValue))</td><td>\(HTML.escape(row.kind.rawValue))</td><td class=\"num\">\(page.money(row.amount))</td><td>\(row.originYear.map(String.init) ?? "")</td></tr>"
    }
    out +=
      "<tr class=\"total\"><td colspan=\"5\">\(page.t("Cộng", "Total")) (\(plan.rows.count))</td><td class=\"num\">\(page.money(total))</td><td></td></tr></tbody></table></div>"
    if let pendingID {
      out += """
        <form method="post" action="/close/confirm" class="panel">\(page.csrfField)<input type="hidden" name="id" value="\(HTML.escape(pendingID))">
        <p><label><input type="checkbox" name="confirm" value="yes" id="close-confirm-box" required> \(page.t("Tôi đã xem các dòng trên và khóa sổ năm \(year)\(plan.request.force ? " dù còn lỗi" : "").", "I have read the rows above and close \(year)\(plan.request.force ? " despite its errors" : "")."))</label></p>
        <button type="submit" class="danger" id="confirm-close">\(page.t("Khóa sổ: ghi \(plan.rows.count) dòng", "Close: write \(plan.rows.count) rows"))</button></form>
        """
    }
    return out
  }
}

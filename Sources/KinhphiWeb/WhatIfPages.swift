import BudgetCore
import BudgetEngine
import Foundation
import SettlementReports

/// What-if: a scenario of the workspace or one pasted in, the lines it changes beside the lines it
/// breaks, and the comparison workbook to download. Nothing in the workspace changes.
enum WhatIfPages {
  /// The scenario files the page offers: `*.yaml` in the workspace's `scenarios/` folder, by name.
  /// A request names one of these; no other path is ever opened.
  static func scenarioFiles(workspace: String) -> [String] {
    let folder = URL(fileURLWithPath: workspace).appendingPathComponent("scenarios")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.filter { !$0.hasPrefix(".") }
      .sorted()
  }

  static func form(
    files: [String], selected: String?, text: String, _ page: PageContext
  ) -> String {
    var out = "<form method=\"post\" action=\"/whatif\" class=\"panel\" id=\"whatif-form\">\(page.csrfField)"
    out +=
      "<div class=\"field\"><label for=\"scenario-file\">\(page.t("Kịch bản trong thư mục dữ liệu (scenarios/)", "A scenario of the workspace (scenarios/)"))</label>"
    out +=
      "<select id=\"scenario-file\" name=\"file\"><option value=\"\">\(page.t("— dán kịch bản bên dưới —", "— paste one below —"))</option>"
    for file in files {
      out +=
        "<option value=\"\(HTML.escape(file))\"\(file == selected ? " selected" : "")>\(HTML.escape(file))</option>"
    }
    out += "</select></div>"
    out +=
      "<div class=\"field\"><label for=\"scenario-text\">\(page.t("Hoặc dán kịch bản (YAML, như tệp của kinhphi whatif)", "Or paste a scenario (YAML, as kinhphi whatif reads)"))</label>"
    out +=
      "<textarea id=\"scenario-text\" name=\"text\" spellcheck=\"false\" placeholder=\"scenario:\n  name: ...\n  year: 2023\noperations:\n  - scale: {source: TINH, percent: -30}\">\(HTML.escape(text))</textarea></div>"
    out +=
      "<button type=\"submit\" id=\"run-whatif\">\(page.t("Chạy kịch bản", "Run the scenario"))</button> "
    out +=
      "<button type=\"submit\" class=\"secondary\" formaction=\"/whatif/workbook\" id=\"whatif-workbook\">\(page.t("Tải bảng tính so sánh", "Download the comparison workbook"))</button>"
    out +=
      "<p class=\"note\">\(page.t("Giả định không ghi gì vào thư mục dữ liệu.", "A what-if writes nothing to the workspace."))</p></form>"
    return out
  }

  static func result(_ comparison: ScenarioComparison, plan: Plan, _ page: PageContext) -> String {
    let scenario = comparison.scenario
    var out =
      "<div class=\"panel\" id=\"whatif-result\"><p><strong>\(HTML.escape(scenario.name))</strong> · \(page.t("năm", "year")) \(scenario.year)</p>"
    out +=
      "<p>\(page.t("\(comparison.changedLines.count) dòng thay đổi dự toán; \(comparison.brokenCount) phát hiện mới hoặc nặng hơn (\(comparison.newErrorCount) lỗi).", "\(comparison.changedLines.count) lines change allocation; \(comparison.brokenCount) findings new or worse (\(comparison.newErrorCount) errors)."))"
    out +=
      " \(page.t("Chi vượt dự toán tăng", "Overspending grows by")) \(page.money(comparison.overspendIncrease)); "
    out +=
      "\(page.t("đối ứng thiếu thêm", "counterpart short by a further")) \(page.money(comparison.counterpartShortfallIncrease)).</p></div>"
    // Codes keep the two tables side by side readable; the names are in the tooltip.
    func lineName(_ key: LineKey) -> String {
      let activity = plan.activityByCode[key.activity]?.name ?? key.activity.rawValue
      let unit = plan.unitByCode[key.unit]?.name ?? key.unit.rawValue
      let codes = "\(key.source.rawValue) · \(key.activity.rawValue) · \(key.unit.rawValue)"
      return "<span title=\"\(HTML.escape(activity + " · " + unit))\">\(HTML.escape(codes))</span>"
    }
    out +=
      "<div class=\"side\"><div><h2>\(page.t("Dòng thay đổi", "Changed lines"))</h2><div class=\"scroll\"><table id=\"changed-lines\"><thead><tr>"
    out +=
      "<th>\(page.t("Dòng", "Line"))</th><th class=\"num\">\(page.t("Giao trước", "Allocated before"))</th><th class=\"num\">\(page.t("Giao sau", "Allocated after"))</th><th class=\"num\">Δ</th><th class=\"num\">\(page.t("Còn lại sau", "Remaining after"))</th></tr></thead><tbody>"
    for line in comparison.changedLines {
      let remaining = line.scenario?.remaining ?? .zero
      out +=
        "<tr class=\"\(line.isBroken ? "broken" : "changed")\"><td>\(lineName(line.key))</td><td class=\"num\">\(page.money(line.allocatedBefore))</td>"
        + "<td class=\"num\">\(page.money(line.allocatedAfter))</td><td class=\"num\">\(page.money(line.allocatedDelta))</td><td class=\"num\">\(page.money(remaining))</td></tr>"
    }
    if comparison.changedLines.isEmpty {
      out += "<tr><td colspan=\"5\">\(page.t("Không dòng nào thay đổi.", "No line changes."))</td></tr>"
    }
    out += "</tbody></table></div></div>"
    out +=
      "<div><h2>\(page.t("Bị phá vỡ", "Broken"))</h2><div class=\"scroll\"><table id=\"broken-lines\"><thead><tr>"
    out +=
      "<th>\(page.t("Phát hiện", "Finding"))</th><th>\(page.t("Dòng", "Line"))</th><th class=\"num\">\(page.t("Trước", "Before"))</th><th class=\"num\">\(page.t("Sau", "After"))</th></tr></thead><tbody>"
    for entry in comparison.broken {
      let finding = entry.finding
      out +=
        "<tr class=\"sev-\(finding.severity.rawValue)\" data-code=\"\(finding.code.rawValue)\"><td class=\"sev\">\(page.t(finding.code.label)) <span class=\"note\">\(finding.code.rawValue)</span></td>"
        + "<td>\(HTML.escape(finding.lineDescription))</td><td class=\"num\">\(entry.baselineAmount.map(page.money) ?? page.t("mới", "new"))</td>"
        + "<td class=\"num\">\(finding.amount.map(page.money) ?? "")</td></tr>"
    }
    if comparison.broken.isEmpty {
      out += "<tr><td colspan=\"4\">\(page.t("Không phá vỡ dòng nào.", "Nothing breaks."))</td></tr>"
    }
    out += "</tbody></table></div></div></div>"
    return out
  }
}

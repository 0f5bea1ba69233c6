import BudgetCore
import BudgetEngine
import Foundation
import Hummingbird
import SettlementReports

/// The year at a glance, a figure's lines, a line's payments.
enum OverviewPages {
  static let findingsPerPage = 50
  static let linesPerPage = 100
  static let paymentsPerPage = 100

  /// Which lines a figure stands for: any of source, activity, unit (absent = all).
  struct LineFilter {
    var source: SourceCode?
    var activity: ActivityCode?
    var unit: UnitCode?

    init(_ query: [String: String]) {
      source = query["source"].flatMap { $0.isEmpty ? nil : SourceCode($0) }
      activity = query["activity"].flatMap { $0.isEmpty ? nil : ActivityCode($0) }
      unit = query["unit"].flatMap { $0.isEmpty ? nil : UnitCode($0) }
    }

    init(source: SourceCode? = nil, activity: ActivityCode? = nil, unit: UnitCode? = nil) {
      self.source = source
      self.activity = activity
      self.unit = unit
    }

    func matches(source: SourceCode, activity: ActivityCode, unit: UnitCode) -> Bool {
      (self.source == nil || self.source == source) && (self.activity == nil || self.activity == activity)
        && (self.unit == nil || self.unit == unit)
    }

    /// The filter as a key of the year's kept answers.
    var key: String { "\(source?.rawValue ?? "")|\(activity?.rawValue ?? "")|\(unit?.rawValue ?? "")" }

    var items: [(String, String?)] {
      [("source", source?.rawValue), ("activity", activity?.rawValue), ("unit", unit?.rawValue)]
    }
  }

  static func yearLinks(_ view: WorkspaceView, current: Int, path: (Int) -> String) -> String {
    "<div class=\"years\">"
      + view.planYears.map { year in
        "<a href=\"\(HTML.escape(path(year)))\"\(year == current ? " class=\"here\"" : "")>\(year)</a>"
      }.joined() + "</div>"
  }

  static func status(_ year: YearView, _ page: PageContext) -> String {
    if year.isDraft {
      return
        "<div class=\"draft\" id=\"draft\">\(page.t("DỰ THẢO", "DRAFT")) — "
        + page.t(
          "năm \(year.settlement.year) còn \(year.errorCount) lỗi: số liệu chưa quyết toán được cho đến khi sửa xong các lỗi dưới đây.",
          "\(year.settlement.year) has \(year.errorCount) error finding\(year.errorCount == 1 ? "" : "s"): the figures cannot be settled until the errors below are fixed."
        )
        + "</div>"
    }
    return
      "<div class=\"final\" id=\"final\">"
      + page.t(
        "Năm \(year.settlement.year) không có lỗi: số liệu quyết toán được.",
        "\(year.settlement.year) has no error finding: the figures can be settled.") + "</div>"
  }

  // MARK: The year at a glance

  static func dashboard(_ view: WorkspaceView, year: Int, query: [String: String], _ page: PageContext)
    -> String
  {
    let yearView = view.year(year)
    let settlement = yearView.settlement
    var out = yearLinks(view, current: year) { "/year/\($0)" }
    out += status(yearView, page)
    out +=
      "<p class=\"note\">\(HTML.escape(view.plan.info.name)) · \(page.t("số tiền: đồng", "amounts in đồng"))</p>"

    // Totals by source.
    out +=
      "<h2>\(page.t("Tổng hợp theo nguồn", "Totals by source"))</h2><div class=\"scroll\"><table id=\"totals\"><thead><tr>"
    out += "<th>\(page.t("Nguồn", "Source"))</th>"
    for heading in [
      page.t("Tổng số được sử dụng", "Available"), page.t("Giải ngân", "Spent"),
      page.t("Tỷ lệ giải ngân", "Disbursed"),
      page.t("Chuyển nguồn", "Carried over"), page.t("Dự toán bị hủy", "Cancelled"),
      page.t("Chi vượt dự toán", "Overspent"),
    ] { out += "<th class=\"num\">\(heading)</th>" }
    out += "</tr></thead><tbody>"
    func figureCells(_ figures: Figures, link: String?) -> String {
      let values = [figures.available, figures.spent]
      var cells = values.map { value in
        let text = page.money(value)
        return "<td class=\"num\">" + (link.map { "<a href=\"\(HTML.escape($0))\">\(text)</a>" } ?? text)
          + "</td>"
      }.joined()
      cells +=
        "<td class=\"num\">\(shareText(shareTenths(figures.spent, of: figures.available), page.language))</td>"
      cells += [figures.carryOver, figures.cancelled, figures.overspent].map { value in
        let text = page.money(value)
        return "<td class=\"num\">" + (link.map { "<a href=\"\(HTML.escape($0))\">\(text)</a>" } ?? text)
          + "</td>"
      }.joined()
      return cells
    }
    for (source, figures) in yearView.sourceTotals {
      let link = HTML.link("/year/\(year)/lines", [("source", source.code.rawValue)])
      out +=
        "<tr data-source=\"\(HTML.escape(source.code.rawValue))\"><td><a href=\"\(HTML.escape(link))\">\(HTML.escape(source.name))</a> "
        + "<span class=\"note\">(\(HTML.escape(source.code.rawValue)))</span></td>"
        + figureCells(figures, link: link) + "</tr>"
    }
    out +=
      "<tr class=\"total\"><td><a href=\"/year/\(year)/lines\">\(page.t("Tổng cộng", "Total"))</a></td>"
      + figureCells(settlement.totals, link: "/year/\(year)/lines") + "</tr></tbody></table></div>"
    out += Chart.bySource(yearView.sourceTotals, page)

    // Findings, errors first, filterable.
    out += findings(yearView, year: year, query: query, page)
    return out
  }

  static func findings(_ yearView: YearView, year: Int, query: [String: String], _ page: PageContext)
    -> String
  {
    let all = yearView.settlement.findings
    let code = query["code"].flatMap { FindingCode(rawValue: $0) }
    let severity = query["severity"].flatMap { Severity(rawValue: $0) }
    let filter = LineFilter(query)
    // Unless a code or a severity is chosen, info findings are folded into one row per code (count and
    // amount, linked to their full list), as the workbook's Kiểm tra sheet shows them.
    let foldsInfo = code == nil && severity == nil
    let (shown, infoGroups) = yearView.memo(
      "findings|\(code?.rawValue ?? "")|\(severity?.rawValue ?? "")|\(filter.key)", words: { $0.0.count * 32 }
    ) { () -> ([Finding], [FindingsTable.CodeSummary]) in
      let matching = all.filter { finding in
        (code == nil || finding.code == code) && (severity == nil || finding.severity == severity)
          && (filter.source == nil || finding.source == filter.source)
          && (filter.activity == nil || finding.activity == filter.activity)
          && (filter.unit == nil || finding.unit == filter.unit)
      }
      guard foldsInfo else { return (matching, []) }
      // One summary per code, as the terminal and the Kiểm tra sheet make them.
      return (
        matching.filter { $0.severity != .info },
        FindingsTable.summaries(matching.filter { $0.severity == .info })
      )
    }
    let (counts, presentCodes, presentSources, presentUnits) = yearView.memo("findings-present") {
      (
        Severity.allCases.map { level in all.filter { $0.severity == level }.count }, Set(all.map(\.code)),
        Set(all.compactMap(\.source)), Set(all.compactMap(\.unit))
      )
    }
    var out = "<h2 id=\"findings\">\(page.t("Phát hiện", "Findings")) "
    out +=
      "<span class=\"note\">\(page.t("\(counts[0]) lỗi, \(counts[1]) cảnh báo, \(counts[2]) thông tin", "\(counts[0]) errors, \(counts[1]) warnings, \(counts[2]) info"))</span></h2>"

    // The choices offered are those present in the year's findings, in the plan's order.
    func options(_ name: String, _ values: [(String, String)], selected: String?) -> String {
      "<select name=\"\(name)\"><option value=\"\">\(page.t("— tất cả —", "— all —"))</option>"
        + values.map { value, label in
          "<option value=\"\(HTML.escape(value))\"\(value == selected ? " selected" : "")>\(HTML.escape(label))</option>"
        }.joined() + "</select>"
    }
    let plan = yearView.plan
    out += "<form class=\"filters\" method=\"get\" action=\"/year/\(year)#findings\">"
    out +=
      "<div><label>\(page.t("Mức", "Severity"))</label>"
      + options(
        "severity", Severity.allCases.map { ($0.rawValue, $0.title.text(page.language)) },
        selected: severity?.rawValue) + "</div>"
    out +=
      "<div><label>\(page.t("Mã", "Code"))</label>"
      + options(
        "code",
        FindingCode.allCases.filter(presentCodes.contains).map {
          ($0.rawValue, "\($0.rawValue) · \($0.label.text(page.language))")
        }, selected: code?.rawValue) + "</div>"
    out +=
      "<div><label>\(page.t("Nguồn", "Source"))</label>"
      + options(
        "source",
        plan.sources.filter { presentSources.contains($0.code) }.map {
          ($0.code.rawValue, "\($0.code.rawValue) · \($0.name)")
        },
        selected: filter.source?.rawValue) + "</div>"
    out +=
      "<div><label>\(page.t("Đơn vị", "Unit"))</label>"
      + options(
        "unit",
        plan.units.filter { presentUnits.contains($0.code) }.map {
          ($0.code.rawValue, "\($0.code.rawValue) · \($0.name)")
        },
        selected: filter.unit?.rawValue) + "</div>"
    out += "<div><button type=\"submit\">\(page.t("Lọc", "Filter"))</button></div></form>"

    let pageCount = max(1, (shown.count + findingsPerPage - 1) / findingsPerPage)
    let pageIndex = min(max(1, Int(query["page"] ?? "") ?? 1), pageCount)
    let slice = shown.dropFirst((pageIndex - 1) * findingsPerPage).prefix(findingsPerPage)
    if shown.isEmpty && infoGroups.isEmpty {
      out += "<p>\(page.t("Không có phát hiện nào.", "No findings."))</p>"
      return out
    }
    guard !shown.isEmpty else { return out + infoSummary(infoGroups, year: year, filter: filter, page) }
    out += "<div class=\"scroll\"><table id=\"findings-table\"><thead><tr>"
    for heading in [
      page.t("Mức", "Severity"), page.t("Phát hiện", "Finding"),
      page.t("Dòng (nguồn · nội dung · đơn vị)", "Line (source · activity · unit)"),
    ] { out += "<th>\(heading)</th>" }
    out +=
      "<th class=\"num\">\(page.t("Số tiền", "Amount"))</th><th>\(page.t("Tệp:dòng", "File:line"))</th><th>\(page.t("Việc cần làm", "What to do"))</th></tr></thead><tbody>"
    for finding in slice {
      var lineCell = finding.lineDescription
      if let source = finding.source, let activity = finding.activity, let unit = finding.unit {
        lineCell =
          "<a href=\"\(HTML.escape(HTML.link("/year/\(year)/payments", LineFilter(source: source, activity: activity, unit: unit).items)))\">\(HTML.escape(finding.lineDescription))</a>"
      } else {
        lineCell = HTML.escape(lineCell)
      }
      out +=
        "<tr class=\"sev-\(finding.severity.rawValue)\" data-code=\"\(finding.code.rawValue)\"><td class=\"sev\">\(page.t(finding.severity.title))</td>"
        + "<td>\(page.t(finding.code.label)) <span class=\"note\">\(finding.code.rawValue)</span>"
        + (finding.rowID.map {
          "<br><span class=\"note\">\(page.t("khoản chi", "payment")) \(HTML.escape($0))</span>"
        } ?? "")
        + "</td><td>\(lineCell)</td>"
        + "<td class=\"num\">\(finding.amount.map(page.money) ?? "")</td>"
        + "<td>\(HTML.escape(finding.location?.description ?? ""))</td><td>\(page.t(finding.message))</td></tr>"
    }
    out += "</tbody></table></div>"
    out += Pages.pager(page, pageIndex: pageIndex, pageCount: pageCount, total: shown.count) { index in
      HTML.link(
        "/year/\(year)",
        [("severity", severity?.rawValue), ("code", code?.rawValue)] + filter.items + [
          ("page", String?(String(index)))
        ])
        + "#findings"
    }
    return out + infoSummary(infoGroups, year: year, filter: filter, page)
  }

  /// One row per info code, each linked to that code's full list (with the same line filter).
  static func infoSummary(
    _ groups: [FindingsTable.CodeSummary], year: Int, filter: LineFilter, _ page: PageContext
  ) -> String {
    guard !groups.isEmpty else { return "" }
    var out =
      "<h3>\(page.t("Thông tin, gộp theo mã", "Info, one row per code"))</h3><div class=\"scroll\"><table id=\"info-summary\"><thead><tr>"
      + "<th>\(page.t("Phát hiện", "Finding"))</th><th class=\"num\">\(page.t("Số phát hiện", "Findings"))</th>"
      + "<th class=\"num\">\(page.t("Số tiền", "Amount"))</th><th></th></tr></thead><tbody>"
    for group in groups {
      let link =
        HTML.link("/year/\(year)", [("severity", "info"), ("code", group.code.rawValue)] + filter.items)
        + "#findings"
      out +=
        "<tr class=\"sev-info\" data-code=\"\(group.code.rawValue)\"><td>\(page.t(group.code.label)) <span class=\"note\">\(group.code.rawValue)</span></td>"
        + "<td class=\"num\">\(group.count)</td><td class=\"num\">\(page.money(group.total ?? .zero))</td>"
        + "<td><a href=\"\(HTML.escape(link))\">\(page.t("xem từng phát hiện", "see each one"))</a></td></tr>"
    }
    return out + "</tbody></table></div>"
  }

  // MARK: A figure's lines

  static func lines(_ view: WorkspaceView, year: Int, query: [String: String], _ page: PageContext) -> String
  {
    let yearView = view.year(year)
    let filter = LineFilter(query)
    let plan = view.plan
    // A kept line is about 32 words (its key's three codes and its figures).
    let (lines, sum) = yearView.memo("lines|\(filter.key)", words: { $0.0.count * 32 }) {
      () -> ([LineSettlement], Figures) in
      let lines = yearView.settlement.lines.filter {
        filter.matches(source: $0.key.source, activity: $0.key.activity, unit: $0.key.unit)
      }
      return (lines, lines.totals())
    }
    var out = yearLinks(view, current: year) { HTML.link("/year/\($0)/lines", filter.items) }
    out += status(yearView, page)
    out += "<p><a href=\"/year/\(year)\">← \(page.t("Tổng quan năm \(year)", "Overview of \(year)"))</a></p>"
    var what: [String] = []
    if let source = filter.source {
      what.append(
        page.t("nguồn", "source") + " " + HTML.escape(plan.sourceByCode[source]?.name ?? source.rawValue))
    }
    if let activity = filter.activity {
      what.append(
        page.t("nội dung", "activity") + " "
          + HTML.escape(plan.activityByCode[activity]?.name ?? activity.rawValue))
    }
    if let unit = filter.unit {
      what.append(page.t("đơn vị", "unit") + " " + HTML.escape(plan.unitByCode[unit]?.name ?? unit.rawValue))
    }
    out +=
      "<p>\(what.isEmpty ? page.t("Mọi dòng dự toán", "Every budget line") : what.joined(separator: " · "))</p>"

    let pageCount = max(1, (lines.count + linesPerPage - 1) / linesPerPage)
    let pageIndex = min(max(1, Int(query["page"] ?? "") ?? 1), pageCount)
    out +=
      "<div class=\"scroll\"><table id=\"lines\"><thead><tr><th>\(page.t("Nguồn", "Source"))</th><th>\(page.t("Nội dung", "Activity"))</th><th>\(page.t("Đơn vị", "Unit"))</th>"
    for heading in [
      page.t("Chuyển sang", "Carried in"), page.t("Giao trong năm", "Allocated"),
      page.t("Được sử dụng", "Available"),
      page.t("Giải ngân", "Spent"), page.t("Chuyển nguồn", "Carried over"), page.t("Bị hủy", "Cancelled"),
      page.t("Chi vượt", "Overspent"), page.t("Khoản chi", "Payments"),
    ] { out += "<th class=\"num\">\(heading)</th>" }
    out += "</tr></thead><tbody>"
    func cells(_ figures: Figures) -> String {
      [
        figures.carriedIn, figures.allocated, figures.available, figures.spent, figures.carryOver,
        figures.cancelled, figures.overspent,
      ]
      .map { "<td class=\"num\">\(page.money($0))</td>" }.joined()
    }
    for line in lines.dropFirst((pageIndex - 1) * linesPerPage).prefix(linesPerPage) {
      let key = line.key
      let count = yearView.paymentsByLine[key]?.count ?? 0
      let link = HTML.link(
        "/year/\(year)/payments", LineFilter(source: key.source, activity: key.activity, unit: key.unit).items
      )
      out +=
        "<tr><td>\(HTML.escape(key.source.rawValue))</td><td>\(HTML.escape(plan.activityByCode[key.activity]?.name ?? key.activity.rawValue)) <span class=\"note\">\(HTML.escape(key.activity.rawValue))</span></td>"
        + "<td>\(HTML.escape(plan.unitByCode[key.unit]?.name ?? key.unit.rawValue))</td>"
        + cells(line.figures)
        + "<td class=\"num\"><a href=\"\(HTML.escape(link))\">\(count)</a></td></tr>"
    }
    out +=
      "<tr class=\"total\"><td colspan=\"3\">\(page.t("Cộng", "Sum")) (\(lines.count) \(page.t("dòng", "lines")))</td>\(cells(sum))<td></td></tr>"
    out += "</tbody></table></div>"
    out += Pages.pager(page, pageIndex: pageIndex, pageCount: pageCount, total: lines.count) { index in
      HTML.link("/year/\(year)/lines", filter.items + [("page", String?(String(index)))])
    }
    return out
  }

  // MARK: A line's payments

  static func payments(_ view: WorkspaceView, year: Int, query: [String: String], _ page: PageContext)
    -> String
  {
    let yearView = view.year(year)
    let filter = LineFilter(query)
    let plan = view.plan
    let all = yearView.payments
    // One line: its index (built at load); otherwise the rows that match, found in one pass and kept
    // for the next page. The sum is kept with them.
    let (indices, total) = yearView.memo("payments|\(filter.key)", words: { $0.0.count }) {
      () -> ([Int], Money) in
      let indices: [Int]
      if let source = filter.source, let activity = filter.activity, let unit = filter.unit {
        indices =
          yearView.paymentsByLine[LineKey(year: year, source: source, activity: activity, unit: unit)] ?? []
      } else {
        indices = all.indices.filter {
          filter.matches(source: all[$0].source, activity: all[$0].activity, unit: all[$0].unit)
        }
      }
      var total = Money.zero
      for index in indices { total += all[index].amount }
      return (indices, total)
    }
    var out = yearLinks(view, current: year) { HTML.link("/year/\($0)/payments", filter.items) }
    out +=
      "<p><a href=\"\(HTML.escape(HTML.link("/year/\(year)/lines", filter.items)))\">← \(page.t("Các dòng dự toán", "The budget lines"))</a></p>"
    var what: [String] = []
    if let source = filter.source {
      what.append(HTML.escape(plan.sourceByCode[source]?.name ?? source.rawValue))
    }
    if let activity = filter.activity {
      what.append(HTML.escape(plan.activityByCode[activity]?.name ?? activity.rawValue))
    }
    if let unit = filter.unit { what.append(HTML.escape(plan.unitByCode[unit]?.name ?? unit.rawValue)) }
    out +=
      "<p>\(what.isEmpty ? page.t("Mọi khoản chi của năm", "Every payment of the year") : what.joined(separator: " · "))</p>"
    let pageCount = max(1, (indices.count + paymentsPerPage - 1) / paymentsPerPage)
    let pageIndex = min(max(1, Int(query["page"] ?? "") ?? 1), pageCount)
    out +=
      "<div class=\"scroll\"><table id=\"payments\"><thead><tr><th>\(page.t("Mã", "Id"))</th><th>\(page.t("Chứng từ", "Voucher"))</th><th>\(page.t("Ngày", "Date"))</th>"
    out +=
      "<th>\(page.t("Nguồn · nội dung · đơn vị", "Source · activity · unit"))</th><th>\(page.t("Diễn giải", "Description"))</th>"
    out +=
      "<th class=\"num\">\(page.t("Số tiền", "Amount"))</th><th>\(page.t("Tệp:dòng", "File:line"))</th></tr></thead><tbody>"
    for index in indices.dropFirst((pageIndex - 1) * paymentsPerPage).prefix(paymentsPerPage) {
      let payment = all[index]
      out +=
        "<tr><td>\(HTML.escape(payment.id))</td><td>\(HTML.escape(payment.voucher ?? ""))</td><td>\(HTML.escape(payment.date.description))</td>"
        + "<td>\(HTML.escape("\(payment.source.rawValue) · \(payment.activity.rawValue) · \(payment.unit.rawValue)"))</td>"
        + "<td>\(HTML.escape(payment.description ?? ""))</td><td class=\"num\">\(page.money(payment.amount))</td>"
        + "<td>\(HTML.escape(payment.location.description))</td></tr>"
    }
    out +=
      "<tr class=\"total\"><td colspan=\"5\">\(page.t("Cộng", "Sum")) (\(indices.count) \(page.t("khoản chi", "payments")))</td><td class=\"num\">\(page.money(total))</td><td></td></tr>"
    out += "</tbody></table></div>"
    out += Pages.pager(page, pageIndex: pageIndex, pageCount: pageCount, total: indices.count) { index in
      HTML.link("/year/\(year)/payments", filter.items + [("page", String?(String(index)))])
    }
    return out
  }
}

/// The chart of the overview: per source, what was available, spent and carried over, as horizontal
/// bars on one scale (an inline SVG: no script, no image file).
enum Chart {
  static func bySource(_ totals: [(source: FundingSource, figures: Figures)], _ page: PageContext) -> String {
    guard !totals.isEmpty else { return "" }
    let largest = totals.map { max($0.figures.available.dong, $0.figures.spent.dong, 0) }.max() ?? 0
    let barWidth: Int64 = 560
    let labelWidth = 230
    let rowHeight = 46
    let height = totals.count * rowHeight + 10
    // Whole-pixel bar lengths from whole đồng: integer arithmetic, never below zero.
    func length(_ amount: Money) -> Int64 {
      guard largest > 0, amount.dong > 0 else { return 0 }
      let product = amount.dong.multipliedFullWidth(by: barWidth)
      return largest.dividingFullWidth(product).quotient
    }
    var svg =
      "<svg class=\"chart\" id=\"chart\" role=\"img\" viewBox=\"0 0 \(labelWidth + Int(barWidth) + 120) \(height)\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">"
    svg +=
      "<title>\(page.t("Được sử dụng, giải ngân và chuyển nguồn theo nguồn", "Available, spent and carried over by source"))</title>"
    for (index, entry) in totals.enumerated() {
      let y = index * rowHeight + 6
      let figures = entry.figures
      let label =
        entry.source.name.count > 32 ? String(entry.source.name.prefix(31)) + "…" : entry.source.name
      svg += "<text x=\"0\" y=\"\(y + 15)\">\(HTML.escape(label))</text>"
      svg +=
        "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(length(figures.available))\" height=\"18\" fill=\"#9fc3e7\"><title>\(page.t("Được sử dụng", "Available")): \(page.money(figures.available))</title></rect>"
      svg +=
        "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(length(figures.spent))\" height=\"10\" fill=\"#0b5cad\"><title>\(page.t("Giải ngân", "Spent")): \(page.money(figures.spent))</title></rect>"
      svg +=
        "<rect x=\"\(labelWidth)\" y=\"\(y + 21)\" width=\"\(length(figures.carryOver))\" height=\"8\" fill=\"#e0a526\"><title>\(page.t("Chuyển nguồn", "Carried over")): \(page.money(figures.carryOver))</title></rect>"
      svg +=
        "<text x=\"\(labelWidth + Int(length(figures.available)) + 6)\" y=\"\(y + 14)\">\(shareText(shareTenths(figures.spent, of: figures.available), page.language))</text>"
    }
    svg += "</svg>"
    let legend =
      "<div class=\"legend\"><span><span class=\"swatch sw-available\"></span>\(page.t("Tổng số được sử dụng", "Available"))</span>"
      + "<span><span class=\"swatch sw-spent\"></span>\(page.t("Giải ngân", "Spent"))</span>"
      + "<span><span class=\"swatch sw-carry\"></span>\(page.t("Chuyển nguồn", "Carried over"))</span>"
      + "<span>% = \(page.t("tỷ lệ giải ngân", "share disbursed"))</span></div>"
    return "<h2>\(page.t("Biểu đồ", "Chart"))</h2><div class=\"chart\">" + svg + legend + "</div>"
  }
}

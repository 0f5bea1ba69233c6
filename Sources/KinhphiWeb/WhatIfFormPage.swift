import BudgetCore
import BudgetIO

/// The what-if form: one of the five operations typed into fields instead of YAML. The page only lays
/// the fields out; `ScenarioForm` (BudgetIO) builds the scenario with the YAML reader's rules and
/// `KinhphiApp.whatIf` runs it. A field's problem is shown beside it, in both languages.
enum WhatIfFormPage {
  /// The operation shown first when the form is new.
  static let defaultOperation = "scale"

  static func form(
    plan: Plan?, defaultYear: Int?, values: [String: String], errors: [ScenarioForm.FieldError],
    _ page: PageContext
  ) -> String {
    let byField = Dictionary(grouping: errors, by: \.field)
    let chosen =
      values["operation"].flatMap { ScenarioReader.operationNames.contains($0) ? $0 : nil }
      ?? defaultOperation
    func problems(_ field: String) -> String {
      (byField[field] ?? []).map { error in
        "<span class=\"field-error\" data-field=\"\(HTML.escape(field))\">\(HTML.escape(error.message.text(page.language)))"
          + " <span lang=\"\(page.vi ? "en" : "vi")\">\(HTML.escape(page.vi ? error.message.en : error.message.vi))</span></span>"
      }.joined()
    }
    func invalid(_ field: String) -> String { byField[field] == nil ? "" : " aria-invalid=\"true\"" }
    func text(_ field: String, _ label: String, placeholder: String = "") -> String {
      "<div class=\"field\"><label for=\"f-\(field)\">\(label)</label><input type=\"text\" id=\"f-\(field)\" name=\"\(field)\""
        + " value=\"\(HTML.escape(values[field] ?? ""))\" placeholder=\"\(HTML.escape(placeholder))\"\(invalid(field))>"
        + "\(problems(field))</div>"
    }
    func area(_ field: String, _ label: String, placeholder: String) -> String {
      "<div class=\"field\"><label for=\"f-\(field)\">\(label)</label><textarea id=\"f-\(field)\" name=\"\(field)\" rows=\"3\""
        + " placeholder=\"\(HTML.escape(placeholder))\"\(invalid(field))>\(HTML.escape(values[field] ?? ""))</textarea>"
        + "\(problems(field))</div>"
    }
    /// A code picked from the plan (any code typed is still checked: a request can send anything).
    func code(_ field: String, _ label: String, _ options: [(code: String, name: String)], any: Bool = false)
      -> String
    {
      var out =
        "<div class=\"field\"><label for=\"f-\(field)\">\(label)</label><select id=\"f-\(field)\" name=\"\(field)\"\(invalid(field))>"
      if any { out += "<option value=\"\">\(page.t("— tất cả —", "— any —"))</option>" }
      let selected = values[field] ?? ""
      for option in options {
        out +=
          "<option value=\"\(HTML.escape(option.code))\"\(option.code == selected ? " selected" : "")>"
          + "\(HTML.escape(option.code)) · \(HTML.escape(option.name))</option>"
      }
      return out + "</select>\(problems(field))</div>"
    }
    let sources = plan?.sources.map { ($0.code.rawValue, $0.name) } ?? []
    let activities = plan?.activities.map { ($0.code.rawValue, $0.name) } ?? []
    let units = plan?.units.map { ($0.code.rawValue, $0.name) } ?? []
    func line(_ prefix: String) -> String {
      code(prefix + ".source", page.t("Nguồn", "Source"), sources)
        + code(prefix + ".activity", page.t("Nội dung", "Activity"), activities)
        + code(prefix + ".unit", page.t("Đơn vị", "Unit"), units)
    }
    let amountHint = "50.000.000"
    let labels: [(String, String)] = [
      ("scale", page.t("Tăng/giảm theo tỷ lệ", "Scale by a percentage")),
      ("move", page.t("Chuyển tiền giữa hai dòng", "Move money between lines")),
      ("set", page.t("Đặt dự toán của một dòng", "Set a line")),
      ("distribute", page.t("Phân bổ theo tiêu chí", "Distribute by criteria")),
      ("cofinance", page.t("Chia theo tỷ lệ đối ứng", "Co-finance split")),
    ]
    var out =
      "<form method=\"post\" action=\"/whatif/form\" class=\"panel\" id=\"whatif-builder\">\(page.csrfField)"
    out += "<h2>\(page.t("Hoặc điền biểu mẫu", "Or fill in the form"))</h2>"
    if !errors.isEmpty {
      out +=
        "<div class=\"errors\" id=\"form-errors\"><p><strong>\(page.t("Biểu mẫu chưa đúng; sửa các ô được đánh dấu:", "The form has problems; fix the marked fields:"))</strong></p><ul>"
      for error in errors {
        out +=
          "<li><span class=\"where\">\(HTML.escape(error.field))</span> \(HTML.escape(error.message.text(page.language)))</li>"
      }
      out += "</ul></div>"
    }
    let year = values["year"] ?? defaultYear.map(String.init) ?? ""
    out += "<div class=\"row\">"
    out +=
      "<div class=\"field\"><label for=\"f-year\">\(page.t("Năm", "Year"))</label><input type=\"text\" id=\"f-year\" name=\"year\" inputmode=\"numeric\" value=\"\(HTML.escape(year))\"\(invalid("year"))>\(problems("year"))</div>"
    out += text("name", page.t("Tên kịch bản (không bắt buộc)", "Scenario name (optional)"))
    out +=
      "<div class=\"field\"><label for=\"f-operation\">\(page.t("Thao tác", "Operation"))</label><select id=\"f-operation\" name=\"operation\"\(invalid("operation"))>"
    for (name, label) in labels {
      out += "<option value=\"\(name)\"\(name == chosen ? " selected" : "")>\(label)</option>"
    }
    out += "</select>\(problems("operation"))</div></div>"

    // One fieldset per operation; the script shows the chosen one only (without it all show, and only
    // the chosen operation's fields are read).
    func fieldset(_ name: String, _ content: String) -> String {
      "<fieldset class=\"operation\" data-operation=\"\(name)\" id=\"op-\(name)\"><legend>\(labels.first { $0.0 == name }?.1 ?? name)</legend>\(content)</fieldset>"
    }
    out += fieldset(
      "scale",
      "<div class=\"row\">"
        + code("scale.source", page.t("Nguồn", "Source"), sources, any: true)
        + code("scale.activity", page.t("Nội dung", "Activity"), activities, any: true)
        + code("scale.unit", page.t("Đơn vị", "Unit"), units, any: true)
        + text("scale.percent", page.t("Tỷ lệ % (−100 đến 100)", "Percent (−100 to 100)"), placeholder: "-30")
        + "</div>")
    out += fieldset(
      "move",
      "<p class=\"note\">\(page.t("Từ dòng", "From the line"))</p><div class=\"row\">\(line("move.from"))</div>"
        + "<p class=\"note\">\(page.t("Sang dòng", "To the line"))</p><div class=\"row\">\(line("move.to"))</div>"
        + text("move.amount", page.t("Số tiền (đồng)", "Amount (đồng)"), placeholder: amountHint))
    out += fieldset(
      "set",
      "<div class=\"row\">\(line("set"))</div>"
        + text("set.amount", page.t("Dự toán mới (đồng)", "New allocation (đồng)"), placeholder: amountHint))
    out += fieldset(
      "distribute",
      "<div class=\"row\">"
        + code("distribute.source", page.t("Nguồn", "Source"), sources)
        + code("distribute.activity", page.t("Nội dung", "Activity"), activities)
        + text(
          "distribute.amount", page.t("Tổng số phân bổ (đồng)", "Amount to distribute (đồng)"),
          placeholder: amountHint)
        + "</div>"
        + area(
          "distribute.over",
          page.t("Đơn vị và trọng số (mỗi dòng MÃ: trọng số)", "Units and weights (one CODE: weight a line)"),
          placeholder: "XA_KIMBINH: 3\nXA_HOAPHU: 2")
        + "<div class=\"row\">"
        + text(
          "distribute.min", page.t("Tối thiểu mỗi đơn vị (không bắt buộc)", "Minimum per unit (optional)"))
        + text("distribute.max", page.t("Tối đa mỗi đơn vị (không bắt buộc)", "Maximum per unit (optional)"))
        + "</div>")
    out += fieldset(
      "cofinance",
      "<div class=\"row\">"
        + code("cofinance.activity", page.t("Nội dung", "Activity"), activities)
        + code("cofinance.unit", page.t("Đơn vị", "Unit"), units)
        + text("cofinance.total", page.t("Tổng số (đồng)", "Total (đồng)"), placeholder: amountHint)
        + "</div>"
        + area(
          "cofinance.shares",
          page.t(
            "Nguồn và tỷ lệ % (mỗi dòng MÃ: %, cộng 100)",
            "Sources and percent (one CODE: % a line, adding up to 100)"),
          placeholder: "TW: 90\nHUYEN: 10"))
    out +=
      "<button type=\"submit\" id=\"run-whatif-form\">\(page.t("Chạy", "Run"))</button> "
      + "<button type=\"submit\" class=\"secondary\" formaction=\"/whatif/form/workbook\" id=\"whatif-form-workbook\">\(page.t("Tải bảng tính so sánh", "Download the comparison workbook"))</button>"
      + "<p class=\"note\">\(page.t("Biểu mẫu tạo đúng kịch bản như tệp YAML; không ghi gì vào thư mục dữ liệu.", "The form makes the same scenario a YAML file would; nothing is written to the workspace."))</p></form>"
    return out
  }

  /// The form's fields of the request: the common ones and the chosen operation's (the others' stay
  /// out, so a value left in a hidden fieldset is never read).
  static func values(_ form: FormData) -> [String: String] {
    var values: [String: String] = [:]
    let operation = form["operation"] ?? ""
    for name in ["year", "name", "operation"] { values[name] = form[name] }
    for (name, value) in form.fields where name.hasPrefix(operation + ".") && !operation.isEmpty {
      values[name] = value
    }
    return values
  }
}

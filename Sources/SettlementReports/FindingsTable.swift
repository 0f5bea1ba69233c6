import BudgetCore

/// The findings for the terminal, grouped by severity (errors first), in the officer's language.
/// Errors and warnings are listed in full: the finding's name with its stable code, then year,
/// source, activity, unit, amount (Vietnamese digit grouping) and file:line, then what to do. Info
/// findings (UNSPENT, and any code plan.yaml's `checks:` turns into info) are one line per code —
/// how many and how much — unless `listAll` asks for every one: 55 UNSPENT lines used to bury the
/// one error of Chiêm Hóa.
public enum FindingsTable {
  public static func render(
    _ findings: [Finding], workspace: String, years: [Int], language: Language, listAll: Bool = false
  ) -> String {
    let vi = language == .vi
    var out = ""
    let yearList = years.map(String.init).joined(separator: ", ")
    out += vi ? "Kiểm tra \(workspace) · năm \(yearList)\n" : "Check of \(workspace) · years \(yearList)\n"

    for severity in Severity.allCases {
      let group = findings.filter { $0.severity == severity }
      guard !group.isEmpty else { continue }
      var title = severity.title.text(language).uppercased()
      if !vi && group.count != 1 && severity != .info { title += "S" }
      out += "\n\(group.count) \(title)\n"
      if severity == .info && !listAll {
        out += summary(group, language: language)
      } else {
        out += list(group, language: language)
      }
    }
    let counts = Severity.allCases.map { severity in findings.filter { $0.severity == severity }.count }
    out +=
      vi
      ? "\nTổng cộng: \(counts[0]) lỗi, \(counts[1]) cảnh báo, \(counts[2]) thông tin.\n"
      : "\nTotal: \(counts[0]) \(counts[0] == 1 ? "error" : "errors"), \(counts[1]) \(counts[1] == 1 ? "warning" : "warnings"), \(counts[2]) info.\n"
    if findings.isEmpty {
      out += vi ? "Không có phát hiện nào.\n" : "No findings.\n"
    }
    return out
  }

  /// Every finding: its name and code, an aligned row of figures, what to do.
  public static func list(_ group: [Finding], language: Language) -> String {
    let vi = language == .vi
    let headers =
      vi
      ? ["Năm", "Nguồn", "Nội dung", "Đơn vị", "Số tiền (đồng)", "Tệp:dòng"]
      : ["Year", "Source", "Activity", "Unit", "Amount (đồng)", "File:line"]
    let rows = group.map { finding in
      [
        finding.year.map(String.init) ?? "",
        finding.source?.rawValue ?? "",
        finding.activity?.rawValue ?? "",
        finding.unit?.rawValue ?? "",
        finding.amount.map { vi ? $0.grouped : $0.groupedEnglish } ?? "",
        finding.location?.description ?? "",
      ]
    }
    // The amount column (index 4) is right-aligned; one table so every row lines up.
    let lines = TextTable.lines(headers: headers, rows: rows, rightAligned: [4])
    var out = "  " + lines[0] + "\n"
    for (line, finding) in zip(lines.dropFirst(), group) {
      out += "  \(finding.code.label.text(language)) · \(finding.code.rawValue)\n"
      out += "  " + line + "\n"
      out += "      → " + finding.message.text(language) + "\n"
    }
    return out
  }

  /// The findings of one code taken together: how many, the sum of their amounts.
  public struct CodeSummary: Hashable, Sendable {
    public let code: FindingCode
    public let severity: Severity
    public let count: Int
    /// Nil when none of them carries an amount.
    public let total: Money?
    /// The year they all have; nil when they differ or have none.
    public let year: Int?
  }

  /// One summary per code, in the catalogue's order: the terminal's info lines and the settlement
  /// workbook's Kiểm tra rows are both made from this.
  public static func summaries(_ group: [Finding]) -> [CodeSummary] {
    struct Sums {
      var severity: Severity
      var count = 0
      var total: Money?
      var year: Int??
    }
    var sums: [FindingCode: Sums] = [:]
    for finding in group {
      var entry = sums[finding.code] ?? Sums(severity: finding.severity)
      entry.count += 1
      if let amount = finding.amount { entry.total = (entry.total ?? .zero) + amount }
      // nil: not seen yet; .some(nil): years differ.
      entry.year = entry.year.map { $0 == finding.year ? $0 : nil } ?? finding.year
      sums[finding.code] = entry
    }
    return FindingCode.allCases.compactMap { code in
      sums[code].map {
        CodeSummary(code: code, severity: $0.severity, count: $0.count, total: $0.total, year: $0.year ?? nil)
      }
    }
  }

  /// One line per code: how many findings and the total of their amounts, then how to see them all.
  static func summary(_ group: [Finding], language: Language) -> String {
    let vi = language == .vi
    var out = ""
    for entry in summaries(group) {
      let (code, count) = (entry.code, entry.count)
      let total = entry.total.map { vi ? $0.grouped : $0.groupedEnglish }
      out += "  \(code.label.text(language)) · \(code.rawValue): "
      if let total {
        out += vi ? "\(count) phát hiện, tổng \(total) đồng\n" : "\(count) findings, \(total) đồng in total\n"
      } else {
        out += vi ? "\(count) phát hiện\n" : "\(count) findings\n"
      }
    }
    out +=
      vi
      ? "  (Thêm --all để xem từng dòng. Mức độ của từng mã đặt trong mục checks: của plan.yaml.)\n"
      : "  (Add --all to list each one. Each code's severity is set under checks: in plan.yaml.)\n"
    return out
  }
}

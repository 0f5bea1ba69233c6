import BudgetCore

/// The findings as a readable terminal table, grouped by severity (errors first), in the officer's
/// language. Each row gives code, year, line, amount with Vietnamese digit grouping, file:line, and
/// underneath it the message that says what to do.
public enum FindingsTable {
  public static func render(_ findings: [Finding], workspace: String, years: [Int], language: Language)
    -> String
  {
    let vi = language == .vi
    var out = ""
    let yearList = years.map(String.init).joined(separator: ", ")
    out += vi ? "Kiểm tra \(workspace) · năm \(yearList)\n" : "Check of \(workspace) · years \(yearList)\n"

    let headers =
      vi
      ? ["Mã", "Năm", "Dòng (nguồn · nội dung · đơn vị)", "Số tiền (đồng)", "Tệp:dòng"]
      : ["Code", "Year", "Line (source · activity · unit)", "Amount (đồng)", "File:line"]
    for severity in Severity.allCases {
      let group = findings.filter { $0.severity == severity }
      guard !group.isEmpty else { continue }
      out += "\n\(group.count) \(severity.title.text(language).uppercased())\n"
      let rows = group.map { finding in
        [
          finding.code.rawValue,
          finding.year.map(String.init) ?? "",
          finding.lineDescription,
          finding.amount.map { vi ? $0.grouped : $0.groupedEnglish } ?? "",
          finding.location?.description ?? "",
        ]
      }
      // The amount column (index 3) is right-aligned; each row's message goes under it.
      let lines = TextTable.lines(headers: headers, rows: rows, rightAligned: [3])
      out += lines[0] + "\n"
      for (line, finding) in zip(lines.dropFirst(), group) {
        out += line + "\n      → " + finding.message.text(language) + "\n"
      }
    }
    let counts = Severity.allCases.map { severity in findings.filter { $0.severity == severity }.count }
    out +=
      vi
      ? "\nTổng cộng: \(counts[0]) lỗi, \(counts[1]) cảnh báo, \(counts[2]) thông tin.\n"
      : "\nTotal: \(counts[0]) errors, \(counts[1]) warnings, \(counts[2]) info.\n"
    if findings.isEmpty {
      out += vi ? "Không có phát hiện nào.\n" : "No findings.\n"
    }
    return out
  }
}

import BudgetCore
import Foundation
import Testing
import XlsxReadBack

@testable import KinhphiWeb

/// The year at a glance, a figure's lines, a line's payments, the language switch — against the
/// Chiêm Hóa figures of SampleData/chiem-hoa/EXPECTED.md.
@Suite struct OverviewRouteTests {
  @Test func startPageGoesToTheLatestYearWithRows() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      let page = try await browser.get("/")
      #expect(page.status == .seeOther)
      #expect(page.location == "/year/2025")
    }
  }

  @Test func dashboardShowsTheTotalsBySourceAndTheShareDisbursed() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      let page = try await browser.get("/year/2022")
      #expect(page.status == .ok)
      let html = page.text
      // EXPECTED.md, 2022: total available 1.963.000.000, spent 1.784.520.000 (90,9 %), carried over
      // 175.980.000, cancelled 2.500.000; TW 1.698.000.000 and 1.527.020.000 (89,9 %).
      let total = try #require(
        html.range(of: "<tr class=\"total\">").map { String(html[$0.lowerBound...].prefix(1500)) })
      for amount in ["1.963.000.000", "1.784.520.000", "90,9 %", "175.980.000", "2.500.000"] {
        #expect(total.contains(amount), "total row lacks \(amount)")
      }
      let tw = try #require(
        html.range(of: "data-source=\"TW\"").map { String(html[$0.lowerBound...].prefix(1500)) })
      #expect(tw.contains("1.698.000.000") && tw.contains("1.527.020.000") && tw.contains("89,9 %"))
      // Not a draft: 2022 has no error finding.
      #expect(html.contains("id=\"final\""))
      #expect(!html.contains("id=\"draft\""))
      // The chart is inline SVG, one bar set per source with money.
      #expect(html.contains("<svg class=\"chart\""))
      #expect(html.components(separatedBy: "fill=\"#0b5cad\"").count - 1 == 6)
      // No asset from elsewhere.
      #expect(!html.contains("http://") || !html.contains("src=\"http"))
      #expect(!html.contains("https://"))
    }
  }

  @Test func aYearWithAnErrorIsADraftWithTheErrorFirst() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      let html = try await browser.get("/year/2023").text
      #expect(html.contains("id=\"draft\""))
      #expect(html.contains("DỰ THẢO"))
      #expect(html.contains("còn 1 lỗi"))
      // Findings table: the OVERSPEND error is the first row, with its amount 3.250.000.
      let table = try #require(html.range(of: "id=\"findings-table\"").map { String(html[$0.upperBound...]) })
      let firstRow = try #require(
        table.range(of: "<tr class=\"sev-").map { String(table[$0.lowerBound...].prefix(900)) })
      #expect(firstRow.contains("data-code=\"OVERSPEND\""))
      #expect(firstRow.contains("3.250.000"))
      #expect(firstRow.contains("/year/2023/payments?source=TW&amp;activity=MOHINH&amp;unit=XA_KIMBINH"))
    }
  }

  @Test func findingsFilterByCodeSourceAndSeverity() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      let unspent = try await browser.get("/year/2023?code=UNSPENT").text
      // EXPECTED.md: 12 UNSPENT lines in 2023, nothing else.
      #expect(unspent.components(separatedBy: "data-code=\"UNSPENT\"").count - 1 == 12)
      #expect(!unspent.contains("data-code=\"OVERSPEND\""))
      let errors = try await browser.get("/year/2023?severity=error").text
      #expect(errors.components(separatedBy: "data-code=").count - 1 == 1)
      #expect(errors.contains("data-code=\"OVERSPEND\""))
      let gnbv = try await browser.get("/year/2023?source=GNBV").text
      #expect(gnbv.components(separatedBy: "data-code=").count - 1 == 1)
      #expect(gnbv.contains("1.200.000"))
    }
  }

  @Test func infoFindingsAreOneRowPerCodeLinkedToTheirList() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      let html = try await browser.get("/year/2023").text
      // EXPECTED.md 2023: three findings other than UNSPENT, listed one by one; the 12 UNSPENT (info)
      // lines, remaining 48.750.000 in all, are one row.
      let table = try #require(
        html.range(of: "id=\"findings-table\"").map { String(html[$0.upperBound...].prefix { $0 != "§" }) })
      let listed = table.components(separatedBy: "</table>")[0]
      #expect(listed.components(separatedBy: "<tr class=\"sev-").count - 1 == 3)
      #expect(!listed.contains("sev-info"))
      let summary = try #require(
        html.range(of: "id=\"info-summary\"").map {
          String(html[$0.upperBound...]).components(separatedBy: "</table>")[0]
        })
      #expect(summary.components(separatedBy: "<tr class=\"sev-info\"").count - 1 == 1)
      #expect(summary.contains("data-code=\"UNSPENT\""))
      #expect(summary.contains("<td class=\"num\">12</td><td class=\"num\">48.750.000</td>"))
      #expect(summary.contains("href=\"/year/2023?severity=info&amp;code=UNSPENT#findings\""))
      let each = try await browser.get("/year/2023?severity=info&code=UNSPENT").text
      #expect(each.components(separatedBy: "<tr class=\"sev-info\" data-code=\"UNSPENT\"").count - 1 == 12)
      #expect(!each.contains("id=\"info-summary\""))
    }
  }

  @Test func aFigureLeadsToItsLinesAndALineToItsPayments() async throws {
    let workspace = try sampleWorkspace()
    let expected = try analysis(of: workspace).settlement(year: 2022)
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      let lines = try await browser.get("/year/2022/lines?source=HUYEN").text
      let huyenLines = expected.lines.filter { $0.key.source == SourceCode("HUYEN") }
      #expect(lines.contains("(\(huyenLines.count) dòng)"))
      // EXPECTED.md, 2022 HUYEN: available 126.000.000, spent 124.000.000.
      let sum = try #require(
        lines.range(of: "<tr class=\"total\">").map { String(lines[$0.lowerBound...].prefix(1200)) })
      #expect(sum.contains("126.000.000") && sum.contains("124.000.000"))

      let key = try #require(huyenLines.first?.key)
      let payments = try await browser.get(
        "/year/2022/payments?source=HUYEN&activity=\(key.activity.rawValue)&unit=\(key.unit.rawValue)"
      ).text
      let mine = expected.payments.filter {
        $0.source == key.source && $0.activity == key.activity && $0.unit == key.unit
      }
      #expect(payments.contains("(\(mine.count) khoản chi)"))
      for payment in mine { #expect(payments.contains(">\(payment.id)<")) }
      #expect(payments.contains(mine.map(\.amount).sum().grouped))
    }
  }

  @Test func paymentsArePagedAHundredAtATime() async throws {
    let workspace = try sampleWorkspace()
    // Recognised spending: 2023's 242 rows less the advance 2023-0242 (its settlements are listed).
    let payments = try analysis(of: workspace).settlement(year: 2023).recognisedSpending
    #expect(payments.count == 241)
    #expect(try analysis(of: workspace).settlement(year: 2023).payments.count == 242)
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      let first = try await browser.get("/year/2023/payments").text
      #expect(first.components(separatedBy: "<tr><td>").count - 1 == 100)
      #expect(first.contains("Trang 1/3 · 241 dòng"))
      #expect(first.contains(">\(payments[0].id)<"))
      #expect(!first.contains(">\(payments[100].id)<"))
      let third = try await browser.get("/year/2023/payments?page=3").text
      #expect(third.components(separatedBy: "<tr><td>").count - 1 == 41)
      #expect(third.contains(">\(payments[240].id)<"))
      // Beyond the last page: the last page.
      let beyond = try await browser.get("/year/2023/payments?page=99").text
      #expect(beyond.contains("Trang 3/3"))
    }
  }

  /// A line with an advance lists its recognised spending: the settlements, not the advance, so the
  /// rows add up to the line's spent (the advance is in the treasury figures).
  @Test func aLinesPaymentsLeaveItsAdvanceOut() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      let page = try await browser.get("/year/2023/payments?source=TW&activity=HOINGHI&unit=XA_MINHQUANG")
        .text
      for id in ["2023-0197", "2023-0198", "2023-0199"] { #expect(page.contains(">\(id)<")) }
      #expect(!page.contains(">2023-0242<"))
      #expect(page.contains("(3 khoản chi)"))
      #expect(page.contains("8.000.000"))
      #expect(!page.contains("16.000.000"))
    }
  }

  @Test func theEnglishSwitchKeepsThePage() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      let switched = try await browser.get("/lang?to=en&back=%2Fyear%2F2022%2Flines")
      #expect(switched.status == .seeOther)
      #expect(switched.location == "/year/2022/lines")
      #expect(browser.cookies["kinhphi_lang"] == "en")
      let html = try await browser.get("/year/2022").text
      #expect(html.contains("<html lang=\"en\""))
      #expect(html.contains("Totals by source"))
      #expect(html.contains("1,963,000,000"))
      #expect(html.contains("90.9%"))
      // A foreign address to go back to is refused: the start page instead.
      let foreign = try await browser.get("/lang?to=vi&back=%2F%2Fevil.example%2F")
      #expect(foreign.location == "/")
    }
  }

  @Test func unknownYearsAndPathsAreNotFound() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      let checked1 = try await browser.get("/year/1999").status == .notFound
      #expect(checked1)
      let checked2 = try await browser.get("/year/abc").status == .notFound
      #expect(checked2)
      let checked3 = try await browser.get("/plan.yaml").status == .notFound
      #expect(checked3)
      let checked4 = try await browser.get("/assets/../plan.yaml").status == .notFound
      #expect(checked4)
    }
  }

  @Test func editsOnDiskShowOnTheNextRequest() async throws {
    let workspace = try sampleWorkspace()
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      let before = try await browser.get("/year/2022").text
      #expect(before.contains("1.784.520.000"))
      // Another program adds a 2022 payment of 1.000.000 to TINH·BAO·PDT.
      let spending = URL(fileURLWithPath: workspace + "/spending.csv")
      var text = try String(contentsOf: spending, encoding: .utf8)
      text += "WEB-TEST-1,PC-X,15/06/2022,,TINH,BAO,PDT,1000000,,Thêm từ chương trình khác,,,,\n"
      try text.write(to: spending, atomically: true, encoding: .utf8)
      let after = try await browser.get("/year/2022").text
      #expect(after.contains("1.785.520.000"))
    }
  }

  @Test func aBrokenWorkspaceShowsItsLocatedErrors() async throws {
    let workspace = try sampleWorkspace()
    let plan = URL(fileURLWithPath: workspace + "/plan.yaml")
    var text = try String(contentsOf: plan, encoding: .utf8)
    text = text.replacingOccurrences(of: "  first_year: 2021\n", with: "  first_year: hai nghìn\n")
    try text.write(to: plan, atomically: true, encoding: .utf8)
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      let page = try await browser.get("/year/2022")
      #expect(page.status == .ok)
      #expect(page.text.contains("id=\"input-errors\""))
      #expect(page.text.contains("plan.yaml:9"))
    }
  }

  /// Each overview page of a year is titled with that year, in the page's language; a year outside
  /// the plan is not found on any of them.
  @Test func overviewPagesAreTitledWithTheirYearInEitherLanguage() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    let titles = [
      ("/year/2023", "Tổng quan năm 2023", "2023 at a glance"),
      ("/year/2023/lines", "Các dòng dự toán năm 2023", "Budget lines of 2023"),
      ("/year/2023/payments", "Các khoản chi năm 2023", "Payments of 2023"),
    ]
    try await withPage(options) { browser in
      for (path, vi, _) in titles {
        let page = try await browser.get(path)
        #expect(page.status == .ok)
        #expect(page.text.contains("<title>\(vi) · kinhphi</title>"), "\(path)")
        #expect(page.text.contains("<h1>\(vi)</h1>"), "\(path)")
        #expect(
          try await browser.get(path.replacingOccurrences(of: "2023", with: "2019")).status == .notFound)
      }
      _ = try await browser.get("/lang?to=en&back=%2F")
      for (path, _, en) in titles {
        let page = try await browser.get(path)
        #expect(page.text.contains("<title>\(en) · kinhphi</title>"), "\(path)")
        #expect(page.text.contains("<h1>\(en)</h1>"), "\(path)")
      }
    }
  }
}

/// The answers a year keeps per query stay bounded however many queries are made up.
@Suite struct YearMemoTests {
  @Test func keptAnswersAreBoundedByCountAndSize() throws {
    let analysis = try analysis(of: try sampleWorkspace())
    let year = YearView(settlement: analysis.settlement(year: 2023), plan: analysis.ledger.plan)
    var made = 0
    func ask(_ key: String, words: Int = 1) -> Int {
      year.memo(key, words: { _ in words }) {
        made += 1
        return made
      }
    }
    #expect(ask("a") == 1)
    #expect(ask("a") == 1)  // kept
    // Too big to keep: made again each time.
    #expect(ask("huge", words: YearView.memoWordsMax + 1) == 2)
    #expect(ask("huge", words: YearView.memoWordsMax + 1) == 3)
    #expect(ask("a") == 1)
    // Past the size bound everything is dropped, then made again on demand.
    #expect(ask("big", words: YearView.memoWordsMax) == 4)
    #expect(ask("a") == 5)
    // Past the count bound too.
    for index in 0..<YearView.memoEntriesMax { _ = ask("k\(index)") }
    let before = made
    #expect(ask("a") == before + 1)
  }
}

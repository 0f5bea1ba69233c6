import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing

@testable import SettlementReports

@Suite struct SettlementTablesTests {
  let tables = SettlementTables(settlement: Fixtures.settlement, plan: Fixtures.plan)

  @Test func bySourceGroupsByKindWithTheTotalFirst() {
    let rows = tables.bySource().rows
    #expect(
      rows.map(\.label) == [
        "TỔNG CỘNG", "trong đó: vốn lồng ghép",
        "Ngân sách trung ương", "Trung ương (TW)",
        "Ngân sách huyện", "Huyện (HUYEN)",
        "Vốn lồng ghép các chương trình", "Giảm nghèo (GNBV)",
      ])
    #expect(rows.map(\.stt) == ["", "", "I", "1", "II", "1", "III", "1"])
    // TW: 30.000.000 + 200.000.000 + 50.000.000 available; 140.000.000 + 55.000.000 spent.
    let tw = rows[3].figures
    #expect(tw.available.dong == 280_000_000)
    #expect(tw.spent.dong == 195_000_000)
    #expect(tw.overspent.dong == 5_000_000)
    #expect(tw.settled.dong == 190_000_000)
    #expect(rows[3].note == "Chi vượt 5.000.000")
    // Total: available 310.000.000 = settled 214.000.000 + carry 90.000.000 + cancelled 6.000.000.
    let total = rows[0].figures
    #expect(total.available.dong == 310_000_000)
    #expect(total.settled.dong == 214_000_000)
    #expect(FigureKind.check.value(of: total) == .zero)
    // The total adds the kinds only; "trong đó: vốn lồng ghép" is the pooled source's row, added
    // into nothing.
    #expect(rows[0].children == [2, 4, 6])
    #expect(rows[1].kind == .memo)
    #expect(rows[1].children == [7])
    #expect(rows[1].figures == rows[7].figures)
    #expect(rows[1].figures.allocated.dong > 0)
    #expect(rows[2].children == [3])
  }

  @Test func byContentFollowsTheProgrammeTree() {
    let rows = tables.byContent().rows
    #expect(
      rows.map(\.label) == [
        "TỔNG CỘNG", "trong đó: vốn lồng ghép", "Dự án 10", "Tiểu dự án 1", "Pano", "Trung ương (TW)",
        "Huyện (HUYEN)", "Tiểu dự án 2", "Chuyển đổi số", "Trung ương (TW)", "Giảm nghèo (GNBV)",
      ])
    #expect(rows.map(\.level) == [0, 1, 0, 1, 2, 3, 3, 1, 2, 3, 3])
    #expect(rows[4].figures.spent.dong == 160_000_000)  // 140.000.000 + 20.000.000
    #expect(rows[2].children == [3, 7])
    // Dự án 10's row includes the pooled money; the memo row under the total says how much.
    #expect(rows[0].children == [2])
    #expect(rows[1].children == [10])
    #expect(rows[1].figures == rows[10].figures)
  }

  @Test func byUnitFollowsTheUnitTree() {
    let rows = tables.byUnit().rows
    #expect(
      rows.map(\.label) == [
        "TỔNG CỘNG", "trong đó: vốn lồng ghép", "Cấp huyện", "Phòng Dân tộc", "Trung ương (TW)",
        "Huyện (HUYEN)", "Các xã", "Xã Một", "Trung ương (TW)", "Giảm nghèo (GNBV)",
      ])
    #expect(rows[6].figures.cancelled.dong == 6_000_000)
    #expect(rows[1].children == [9])
  }

  @Test func carryOverScheduleListsUnspentPortions() {
    let schedule = tables.carryOverSchedule()
    #expect(schedule.count == 2)
    #expect(schedule[0].key.source == "TW")
    #expect(schedule[0].carryOver.dong == 90_000_000)
    #expect(schedule[0].usableThroughYear == 2025)  // 2023 + carry_over_years 2
    #expect(schedule[1].cancelled.dong == 6_000_000)
    #expect(schedule[1].usableThroughYear == 2023)
  }

  @Test func numbersLevelsTheVietnameseWay() {
    #expect(Numbering.roman(4) == "IV")
    #expect(Numbering.roman(14) == "XIV")
    #expect(Numbering.letters(0) == "a")
    #expect(Numbering.letters(26) == "aa")
  }
}

@Suite struct SettlementJSONTests {
  @Test func writesTheContractShapeWithExactIntegers() {
    let json = SettlementJSON.render(SettlementReport(settlement: Fixtures.settlement, plan: Fixtures.plan))
    #expect(json.hasPrefix("{\n  \"year\": 2023,\n  \"lines\": [\n    {\n      \"source\": \"TW\","))
    #expect(json.contains("\"carried_in\": 30000000"))
    #expect(json.contains("\"totals\": {\n    \"carried_in\": 30000000,\n    \"allocated\": 280000000"))
    #expect(json.contains("\"code\": \"OVERSPEND\""))
    #expect(json.contains("\"message\": \"Chi vượt \\\"dự toán\\\"\""))
    // Keys that do not apply to a finding are left out.
    #expect(!json.contains("\"file\""))
  }

  @Test func escapesControlCharacters() {
    #expect(JSONWriter.quote("a\u{1}b\n") == "\"a\\u0001b\\n\"")
  }
}

/// The treasury keys of `settle --json` on a workspace with an advance (SampleData/features/advance-open:
/// 10.000.000 allocated, 6.000.000 paid, a 4.000.000 advance settled 1.000.000).
@Suite struct SettlementJSONTreasuryTests {
  @Test func linesTotalsAndPortionsCarryTheTreasuryFigures() throws {
    let root = SettlementWorkbookTests.root.appendingPathComponent("SampleData/features/advance-open")
    let ledger = try WorkspaceReader.read(directory: root.path)
    let report = SettlementReport(
      settlement: Engine.analyze(ledger).settlement(year: 2023), plan: ledger.plan)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(SettlementJSON.render(report).utf8)) as? [String: Any])
    let line = try #require((json["lines"] as? [[String: Any]])?.first)
    let totals = try #require(json["totals"] as? [String: Any])
    let expected: [String: Int] = [
      "spent": 7_000_000, "remaining": 3_000_000, "carry_over": 3_000_000, "carried_in_advance": 0,
      "carried_in_undrawn": 0, "final_paid": 6_000_000, "advanced": 4_000_000, "advance_settled": 1_000_000,
      "drawn_in_year": 10_000_000, "drawn": 10_000_000, "undrawn": 0, "open_advance": 3_000_000,
      "carry_over_undrawn": 0, "carry_over_advance": 3_000_000, "cancelled_undrawn": 0, "lapsed_advance": 0,
    ]
    for (name, value) in expected {
      #expect(line[name] as? Int == value, "line \(name)")
      #expect(totals[name] as? Int == value, "totals \(name)")
    }
    let portion = try #require((line["portions"] as? [[String: Any]])?.first)
    #expect(portion["open_advance"] as? Int == 3_000_000)
    // The detail of spending lists recognised spending only: the advance row is not spending.
    #expect(report.payments.map(\.id) == ["f1", "s1"])
  }
}

import BudgetApp
import BudgetCore
import Foundation
import SettlementReports
import Testing
import XlsxReadBack

/// `KinhphiApp.forms`: the district's forms, each unit's, the JSON; typed errors and nothing written.
@Suite struct FormsEntryPointTests {
  @Test func theDistrictsFormsAndEachUnitsAreWrittenWithTheirFileNames() throws {
    let folder = try Fixture.temporaryDirectory()
    let path = folder.appendingPathComponent(FormsRequest.defaultWorkbookPath(year: 2023)).path
    let result = try Fixture.app.forms(
      FormsRequest(workspace: Fixture.chiemHoa, year: 2023, output: .workbook(path: path)))
    #expect(result.writtenPaths == [path])
    #expect(path.hasSuffix("/bao-cao-quyet-toan-2023.xlsx"))
    // 2023's overspending stands: the forms are a draft, and the result says how many errors.
    #expect(result.standing.count == 1)
    #expect(result.forms.map(\.isDraft) == [true])
    #expect(result.forms[0].b01.row(.r19).amount == Money(dong: 1_924_230_000))
    #expect(
      try XlsxReadBack(url: URL(fileURLWithPath: path)).sheetNames() == [
        "B01-BCQT", "F01-01-BCQT", "F01-02-BCQT", "Mau 20f",
      ])
    // Every code the forms print is in the sample: no MISSING_BUDGET_CODE.
    #expect(result.missingCodes.isEmpty)

    let units = folder.appendingPathComponent("don-vi").path
    let perUnit = try Fixture.app.forms(
      FormsRequest(workspace: Fixture.chiemHoa, year: 2023, output: .perUnit(folder: units)))
    #expect(perUnit.forms.count == perUnit.writtenPaths.count)
    #expect(perUnit.writtenPaths.contains(units + "/bao-cao-quyet-toan-2023-VHTT.xlsx"))
    #expect(
      FormsRequest.unitFileName(year: 2023, unit: UnitCode("VHTT")) == "bao-cao-quyet-toan-2023-VHTT.xlsx")
    #expect(try Fixture.contents(of: URL(fileURLWithPath: units)).count == perUnit.writtenPaths.count)
    // The units' forms add up to the district's (every unit of 2023 is in the plan).
    let settled = perUnit.forms.compactMap { $0.b01.row(.r19).amount }.sum()
    #expect(settled == Money(dong: 1_924_230_000))
    #expect(perUnit.forms.map(\.f0101.settled).sum() == Money(dong: 1_924_230_000))
    // TCKH's own F01-01 and F01-02 (EXPECTED.md, "Budget classification": one unit, 2023).
    let tckh = try #require(perUnit.forms.first { $0.unit == UnitCode("TCKH") })
    #expect(
      tckh.f0101.items.flatMap(\.subItems).map { "\($0.code.code?.rawValue ?? "-") \($0.settled.dong)" } == [
        "6701 6790000", "6702 6464000", "7012 6746000",
      ])
    let da103 = try #require(tckh.f0102.blocks.first { $0.project == "DA10.3" })
    #expect(da103.line(.r19).year == Money(dong: 20_000_000))
    #expect(da103.line(.r19).cumulative == Money(dong: 40_000_000))
  }

  @Test func theJSONHoldsTheSameRows() throws {
    let result = try Fixture.app.forms(
      FormsRequest(workspace: Fixture.chiemHoa, year: 2022, output: .jsonText))
    let json = try #require(result.json)
    #expect(result.writtenPaths.isEmpty)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let forms = try #require(object["forms"] as? [[String: Any]])
    let b01 = try #require(forms.first?["b01_bcqt"] as? [String: Any])
    let rows = try #require(b01["rows"] as? [[String: Any]])
    #expect(rows.count == 35)
    let row28 = try #require(rows.first { $0["code"] as? String == "28" })
    #expect(row28["amount"] as? Int == 2_500_000)
    let row11 = try #require(rows.first { $0["code"] as? String == "11" })
    #expect(row11["sum_of"] as? [String] == ["12", "13"])
    // Drawn in the year: the 1.784.520.000 recognised plus the advance 2022-0229 still open (18.828.000),
    // which is carried over as số dư tạm ứng (34) out of the 175.980.000 (35 = the rest).
    #expect(rows.first { $0["code"] as? String == "16" }?["amount"] as? Int == 1_803_348_000)
    #expect(rows.first { $0["code"] as? String == "34" }?["amount"] as? Int == 18_828_000)
    #expect(rows.first { $0["code"] as? String == "35" }?["amount"] as? Int == 157_152_000)
    #expect(rows.first { $0["code"] as? String == "26" }?["amount"] == nil)
    #expect(b01["treasury_split"] as? Bool == true)
    // Mẫu 20f: its total row (EXPECTED.md), columns by their numbers.
    let form20f = try #require(forms.first?["mau_20f"] as? [String: Any])
    let total = try #require((form20f["rows"] as? [[String: Any]])?.first)
    #expect(total["level"] as? String == "total")
    #expect(
      [
        "total_5", "carried_in_6", "initial_7", "adjusted_8", "used_9", "cancelled_10", "undrawn_balance_11",
        "advance_balance_12",
      ].map { total[$0] as? Int } == [
        1_963_000_000, 87_000_000, 1_861_000_000, 15_000_000, 1_784_520_000, 2_500_000, 157_152_000,
        18_828_000,
      ])
    #expect(forms.first?["draft"] as? Bool == false)
    #expect((forms.first?["missing_codes"] as? [Any])?.isEmpty == true)
    // The loại-khoản columns of row 19 (EXPECTED.md, "B01/BCQT").
    let row19 = try #require(rows.first { $0["code"] as? String == "19" })
    let bySector = try #require(row19["by_sector"] as? [[String: Any]])
    #expect(bySector.map { $0["sector"] as? String } == ["160-161", "340-341"])
    #expect(bySector.map { $0["amount"] as? Int } == [1_069_500_000, 715_020_000])
    // F01-01: 7012 holds CSDL's 120.000.000 under 160-161 and KTGS's reports under 340-341.
    let f0101 = try #require(forms.first?["f01_01_bcqt"] as? [String: Any])
    #expect(f0101["settled"] as? Int == 1_784_520_000)
    let items = try #require(f0101["items"] as? [[String: Any]])
    #expect(items.map { $0["item"] as? String } == ["6600", "6650", "6700", "7000", "7750"])
    let subItem7012 = try #require((items[3]["sub_items"] as? [[String: Any]])?.first)
    #expect(subItem7012["sub_item"] as? String == "7012")
    #expect(
      (subItem7012["by_sector"] as? [[String: Any]])?.map { $0["amount"] as? Int } == [
        120_000_000, 15_875_000,
      ])
    // F01-02: the programme's cumulative settled money 2021–2022, and DA10.3's approved total.
    let blocks = try #require((forms.first?["f01_02_bcqt"] as? [String: Any])?["blocks"] as? [[String: Any]])
    #expect(blocks.map { $0["code"] as? String } == ["0500", "0570", "0571", "0572", "0573"])
    let programme19 = try #require(
      (blocks[0]["rows"] as? [[String: Any]])?.first { $0["code"] as? String == "19" })
    #expect(programme19["year"] as? Int == 1_784_520_000)
    #expect(programme19["cumulative"] as? Int == 1_919_720_000)
    let da103Row10 = try #require(
      (blocks[4]["rows"] as? [[String: Any]])?.first { $0["code"] as? String == "10" })
    #expect(da103Row10["approved"] as? Int == 740_000_000)
  }

  @Test func badRequestsAreTypedAndWriteNothing() throws {
    let folder = try Fixture.temporaryDirectory()
    let path = folder.appendingPathComponent("b01.xlsx").path
    let outside = try #require(throws: AppError.self) {
      try Fixture.app.forms(
        FormsRequest(workspace: Fixture.chiemHoa, year: 2030, output: .workbook(path: path)))
    }
    guard case .request = outside else { Issue.record("expected .request, got \(outside)"); return }
    let malformed = try #require(throws: AppError.self) {
      try Fixture.app.forms(
        FormsRequest(
          workspace: Fixture.sample("features/malformed/bad-amount"), year: 2023,
          output: .workbook(path: path)))
    }
    guard case .input = malformed else { Issue.record("expected .input, got \(malformed)"); return }
    let badTemplate = folder.appendingPathComponent("mau.yaml")
    try "document: {}\nsheets: []\n".write(to: badTemplate, atomically: true, encoding: .utf8)
    let template = try #require(throws: AppError.self) {
      try Fixture.app.forms(
        FormsRequest(
          workspace: Fixture.chiemHoa, year: 2023, output: .workbook(path: path),
          style: WorkbookStyle(template: badTemplate.path)))
    }
    guard case .input = template else { Issue.record("expected .input, got \(template)"); return }
    #expect(try Fixture.contents(of: folder) == ["mau.yaml"])
  }
}

import BudgetCore
import Testing

@testable import BudgetIO

/// The budget classification codes of plan.yaml and spending rows (docs/workspace-format.md, "Budget
/// classification codes"): good values read typed, every malformed one an error at its line and column.
@Suite struct BudgetClassificationReaderTests {
  /// validPlan with codes on the plan, a unit, both projects and an activity.
  static let codedPlan =
    validPlan
    .replacingOccurrences(
      of: "  last_year: 2025\n",
      with: """
          last_year: 2025
          reporting_body: "Phòng TC-KH huyện Chiêm Hóa"
          chapter_code: 622
          budget_unit_code: "1012001"
          programme_code: 0500

        """
    )
    .replacingOccurrences(
      of: "    name: \"Phòng Dân tộc\"\n",
      with: "    name: \"Phòng Dân tộc\"\n    budget_unit_code: 1012002\n    chapter_code: \"018\"\n"
    )
    .replacingOccurrences(
      of: "    name: \"Dự án 10\"\n", with: "    name: \"Dự án 10\"\n    programme_code: \"0570\"\n"
    )
    .replacingOccurrences(
      of: "    unit_cost_max: \"7.000.000\"\n",
      with:
        "    unit_cost_max: \"7.000.000\"\n    sector_code: 160-161\n    item_code: 6600\n    sub_item_code: 6606\n"
    )

  @Test func readsEveryCode() throws {
    let plan = try PlanReader.read(yaml: Self.codedPlan, file: "plan.yaml")
    #expect(plan.info.reportingBody.name == "Phòng TC-KH huyện Chiêm Hóa")
    #expect(plan.info.reportingBody.chapter?.rawValue == "622")
    #expect(plan.info.reportingBody.budgetRelationCode?.rawValue == "1012001")
    // Leading zeros are kept whether quoted or not.
    #expect(plan.info.programmeCode?.rawValue == "0500")
    #expect(plan.unitByCode["PDT"]?.budgetRelationCode?.rawValue == "1012002")
    #expect(plan.unitByCode["PDT"]?.chapter?.rawValue == "018")
    #expect(plan.unitByCode["HUYEN"]?.budgetRelationCode == nil)
    #expect(plan.projectByCode["DA10"]?.programmeCode?.rawValue == "0570")
    #expect(plan.projectByCode["DA10.1"]?.programmeCode == nil)
    let pano = try #require(plan.activityByCode["PANO"]).classification
    #expect(pano.sector?.description == "160-161")
    #expect(pano.item?.rawValue == "6600" && pano.subItem?.rawValue == "6606")
    #expect(plan.activityByCode["HN"]?.classification == ActivityClassification.none)
  }

  @Test func oldPlansWithoutCodesStillRead() throws {
    let plan = try PlanReader.read(yaml: validPlan, file: "plan.yaml")
    #expect(plan.info.reportingBody == ReportingBody())
    #expect(plan.info.programmeCode == nil)
    #expect(plan.activities.allSatisfy { $0.classification == .none })
  }

  @Test func aSubItemAloneGivesItsItem() throws {
    let yaml = Self.codedPlan.replacingOccurrences(of: "      item_code: 6600\n", with: "")
    let plan = try PlanReader.read(yaml: yaml, file: "plan.yaml")
    #expect(plan.activityByCode["PANO"]?.classification.item?.rawValue == "6600")
  }

  @Test(arguments: ["160-161", "160.161", "160/161", "160 161", "160161", " 160 - 161 "])
  func sectorCodeWrittenAsOfficersWriteIt(written: String) throws {
    let yaml = Self.codedPlan.replacingOccurrences(
      of: "sector_code: 160-161", with: "sector_code: \"\(written)\"")
    let plan = try PlanReader.read(yaml: yaml, file: "plan.yaml")
    let sector = try #require(plan.activityByCode["PANO"]?.classification.sector)
    #expect(sector.description == "160-161" && sector.sector == "160" && sector.subsector == "161")
  }

  /// Line and column of each code in codedPlan (validPlan's lines + the 4 plan keys above).
  @Test(arguments: [
    ("chapter_code: 622", "chapter_code: 62", 9, 17, "3"),
    ("chapter_code: 622", "chapter_code: 6220", 9, 17, "3"),
    ("budget_unit_code: \"1012001\"", "budget_unit_code: \"101200A\"", 10, 21, "7"),
    ("programme_code: 0500", "programme_code: 500", 11, 19, "4"),
    ("budget_unit_code: 1012002", "budget_unit_code: 10120020", 29, 23, "7"),
    ("chapter_code: \"018\"", "chapter_code: \"18\"", 30, 19, "3"),
    ("programme_code: \"0570\"", "programme_code: \"057O\"", 35, 21, "4"),
    ("sector_code: 160-161", "sector_code: 160-16", 45, 18, "160-161"),
    ("sector_code: 160-161", "sector_code: 160--161", 45, 18, "160-161"),
    ("sector_code: 160-161", "sector_code: 16a-161", 45, 18, "160-161"),
    ("item_code: 6600", "item_code: 660", 46, 16, "4"),
    ("item_code: 6600", "item_code: 6606", 46, 16, "50"),
    ("sub_item_code: 6606", "sub_item_code: 6650", 47, 20, "50"),
    ("sub_item_code: 6606", "sub_item_code: 66061", 47, 20, "4"),
  ])
  func malformedCodeIsLocated(original: String, broken: String, line: Int, column: Int, mention: String) {
    let yaml = Self.codedPlan.replacingOccurrences(of: original, with: broken)
    let value = String(broken.split(separator: " ", maxSplits: 1)[1]).replacingOccurrences(of: "\"", with: "")
    expectError(planErrors(yaml), file: "plan.yaml", line: line, column: column, mentions: [value, mention])
  }

  @Test func aSubItemOfAnotherItemIsLocatedAtTheSubItem() {
    let yaml = Self.codedPlan.replacingOccurrences(of: "sub_item_code: 6606", with: "sub_item_code: 6701")
    expectError(
      planErrors(yaml), file: "plan.yaml", line: 47, column: 20, mentions: ["6701", "6600", "6700"])
  }

  @Test func anUnknownKeyBesideTheCodesIsStillAnError() {
    let yaml = Self.codedPlan.replacingOccurrences(of: "item_code: 6600", with: "muc: 6600")
    expectError(planErrors(yaml), file: "plan.yaml", line: 46, column: 5, mentions: ["muc", "item_code"])
  }

  // MARK: Spending rows

  @Test func aPaymentsOwnSubItemIsRead() throws {
    let payments = try readSpending(
      spendingHeader + ",sub_item_code\n"
        + "s1,PC01,15/03/2023,,TW,PANO,PDT,100,,,,6701\n"
        + "s2,PC02,16/03/2023,,TW,PANO,PDT,200,,,,\n")
    #expect(payments[0].subItem?.rawValue == "6701")
    #expect(payments[0].subItem?.item.rawValue == "6700")
    #expect(payments[1].subItem == nil)
  }

  @Test(arguments: ["tiểu mục", "Mã tiểu mục", "TIỂU MỤC", "tieu muc"])
  func vietnameseHeaderAliases(title: String) throws {
    let payments = try readSpending(
      "id,date,source,activity,unit,amount,\(title)\ns1,2023-03-15,TW,PANO,PDT,100,6651\n")
    #expect(payments[0].subItem?.rawValue == "6651")
  }

  @Test(arguments: [("665", "4"), ("66510", "4"), ("6a51", "4"), ("6650", "6651"), ("-6651", "4")])
  func malformedSubItemIsLocatedAtItsField(value: String, mention: String) {
    let errors = spendingErrors(
      "id,date,source,activity,unit,amount,tiểu mục\ns1,2023-03-15,TW,PANO,PDT,100,\(value)\n")
    expectError(errors, file: "spending.csv", line: 2, column: 7, mentions: [value, mention, "tiểu mục"])
  }
}

@Suite struct BudgetClassificationCodeTests {
  @Test func digitCodesKeepTheirDigitsAndCheckTheNumbering() {
    #expect(ChapterCode("018")?.rawValue == "018")
    #expect(ChapterCode("18") == nil && ChapterCode("0180") == nil && ChapterCode("1 8") == nil)
    #expect(BudgetRelationCode("1012001") != nil && BudgetRelationCode("101200") == nil)
    #expect(BudgetItemCode("6650") != nil && BudgetItemCode("6651") == nil)
    #expect(BudgetSubItemCode("6651")?.item.rawValue == "6650")
    #expect(BudgetSubItemCode("6699")?.item.rawValue == "6650")
    #expect(BudgetSubItemCode("0001")?.item.rawValue == "0000")
    #expect(BudgetSubItemCode("6700") == nil)
    #expect(NationalProgrammeCode("0500")?.rawValue == "0500" && NationalProgrammeCode("500") == nil)
    #expect(ChapterCode("٦٢٢") == nil)  // digits of another script are not the Treasury's codes
  }

  @Test func sectorCodesCompareByLoaiThenKhoan() throws {
    let a = try #require(SectorCode("160-161"))
    let b = try #require(SectorCode("160168"))
    let c = try #require(SectorCode("340.341"))
    #expect([c, b, a].sorted() == [a, b, c])
    #expect(SectorCode("160-161") == SectorCode("160 / 161"))
    #expect(SectorCode("160-1610") == nil && SectorCode("160,161") == nil && SectorCode("160-/161") == nil)
  }
}

import BudgetCore
import Testing

@Suite struct MoneyTests {
  @Test func addsAndSubtractsExactly() {
    let a = Money(dong: 999_999_999_999_999)
    let b = Money(dong: 1)
    #expect((a + b).dong == 1_000_000_000_000_000)
    #expect((a - b - a).dong == -1)
    #expect((-b).dong == -1)
    #expect([a, b, -b].sum() == a)
  }

  @Test func clampsAtZero() {
    #expect(Money(dong: -5).clampedAtZero == .zero)
    #expect(Money(dong: 5).clampedAtZero == Money(dong: 5))
  }

  @Test(arguments: [
    (Int64(0), "0", "0"),
    (Int64(999), "999", "999"),
    (Int64(1000), "1.000", "1,000"),
    (Int64(1_234_567), "1.234.567", "1,234,567"),
    (Int64(-5_000_000), "-5.000.000", "-5,000,000"),
    (Int64(1_000_000_000_000_000), "1.000.000.000.000.000", "1,000,000,000,000,000"),
  ])
  func groupsDigits(value: Int64, vietnamese: String, english: String) {
    #expect(Money(dong: value).grouped == vietnamese)
    #expect(Money(dong: value).groupedEnglish == english)
  }
}

@Suite struct ValueTests {
  @Test func rejectsImpossibleDates() {
    #expect(CivilDate(year: 2023, month: 2, day: 31) == nil)
    #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
    #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
    #expect(CivilDate(year: 2023, month: 13, day: 1) == nil)
  }

  @Test func formatsDates() throws {
    let date = try #require(CivilDate(year: 2023, month: 1, day: 5))
    #expect(date.iso == "2023-01-05")
    #expect(date.vietnamese == "05/01/2023")
  }

  @Test func excelSerialsMatchExcel() throws {
    // Excel shows 1 January 2022 as serial 44562 and 31 January 2023 as 44957.
    #expect(try #require(CivilDate(year: 2022, month: 1, day: 1)).excelSerial == 44562)
    #expect(try #require(CivilDate(year: 2023, month: 1, day: 31)).excelSerial == 44957)
    #expect(try #require(CivilDate(year: 1900, month: 3, day: 1)).excelSerial == 61)
  }

  @Test func percentCeilingShareRoundsUp() {
    // 10 % of 1.000.000.005 is 100.000.000,5 → at least 100.000.001 đồng.
    #expect(Percent(whole: 10).ceilingShare(of: Money(dong: 1_000_000_005)).dong == 100_000_001)
    // 12.5 % of 80.000.000 is exactly 10.000.000.
    #expect(Percent(hundredths: 1250).ceilingShare(of: Money(dong: 80_000_000)).dong == 10_000_000)
    // Products beyond Int64 are exact (Int128 inside).
    #expect(
      Percent(whole: 100).ceilingShare(of: Money(dong: 1_000_000_000_000_000_000)).dong
        == 1_000_000_000_000_000_000)
  }

  @Test func describesPercentAndQuantity() {
    #expect(Percent(hundredths: 1250).description == "12.5")
    #expect(Percent(hundredths: 1205).description == "12.05")
    #expect(Percent(whole: 10).description == "10")
    #expect(Quantity(thousandths: 2500).description == "2.5")
    #expect(Quantity(whole: 3).description == "3")
    #expect(Quantity(thousandths: 1).description == "0.001")
  }

  @Test func validatesCodes() {
    #expect(SourceCode.isValid("TW"))
    #expect(SourceCode.isValid("DA10.1"))
    #expect(SourceCode.isValid("XA_BINH-AN"))
    #expect(!SourceCode.isValid(""))
    #expect(!SourceCode.isValid("tw"))
    #expect(!SourceCode.isValid("T W"))
    #expect(!SourceCode.isValid(String(repeating: "A", count: 33)))
    #expect(SourceCode.isValid(String(repeating: "A", count: 32)))
  }

  @Test func collectsInputErrorsUpToTheLimit() {
    var errors = InputErrors()
    for line in 1...(Limits.inputErrorsReportedMax + 7) {
      errors.append(InputError(SourceLocation(file: "a.csv", line: line), vi: "x", en: "x"))
    }
    #expect(errors.errors.count == Limits.inputErrorsReportedMax)
    #expect(errors.omittedCount == 7)
    #expect(errors.count == Limits.inputErrorsReportedMax + 7)
  }
}

@Suite struct FindingTests {
  @Test func defaultSeveritiesFollowTheCatalogue() {
    let warnings: Set<FindingCode> = [
      .possibleDuplicate, .counterpartShort, .normExceeded, .missingDecision, .advanceOpen,
      .missingBudgetCode,
    ]
    for code in FindingCode.allCases {
      let expected: Severity = code == .unspent ? .info : warnings.contains(code) ? .warning : .error
      #expect(code.defaultSeverity == expected, "\(code.rawValue)")
    }
    #expect(FindingCode.allCases.count == 22)
  }

  @Test func ordersLinesByThePlan() {
    let plan = Plan(
      info: PlanInfo(name: "p", firstYear: 2022, lastYear: 2023),
      sources: [
        FundingSource(code: "TW", name: "t", kind: .central),
        FundingSource(code: "A", name: "a", kind: .district),
      ],
      units: [Unit(code: "U", name: "u")],
      projects: [Project(code: "P", name: "p")],
      activities: [Activity(code: "X", name: "x", project: "P")])
    let tw = LineKey(year: 2022, source: "TW", activity: "X", unit: "U")
    let a = LineKey(year: 2022, source: "A", activity: "X", unit: "U")
    #expect(plan.planOrder(tw, a))
    #expect(!plan.planOrder(a, tw))
    #expect(a < tw)  // code order differs from plan order
  }
}

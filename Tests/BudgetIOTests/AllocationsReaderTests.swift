import BudgetCore
import Testing

@testable import BudgetIO

@Suite struct AllocationsReaderTests {
  @Test func readsEveryKindInBothLanguages() throws {
    let text = """
      năm;nguồn;hoạt động;đơn vị;loại;số tiền;năm gốc;số quyết định;ngày quyết định;ghi chú
      2023;TW;PANO;PDT;giao đầu năm;200.000.000;;250/QĐ-UBND;15/01/2023;Giao lần 1
      2023;TW;PANO;PDT;supplement;10.000.000;;;;
      2023;TW;PANO;PDT;Điều chỉnh;-5.000.000;;300/QĐ-UBND;;
      2023;TW;PANO;PDT;năm trước chuyển sang;30.000.000;2022;;;
      """
    let rows = try readAllocations(text)
    #expect(rows.map(\.kind) == [.initial, .supplement, .adjustment, .carryIn])
    #expect(rows.map(\.amount.dong) == [200_000_000, 10_000_000, -5_000_000, 30_000_000])
    #expect(rows[0].decision == "250/QĐ-UBND")
    #expect(rows[0].decisionDate == CivilDate(year: 2023, month: 1, day: 15))
    #expect(rows[0].note == "Giao lần 1")
    #expect(rows[1].decision == nil && rows[1].note == nil && rows[1].originYear == nil)
    #expect(rows[3].originYear == 2022)
    #expect(rows[3].location == SourceLocation(file: "allocations.csv", line: 5))
  }

  @Test func carryInWithoutOriginYear() {
    let errors = allocationErrors(allocationsHeader + "\n2023,TW,PANO,PDT,carry_in,100,,,,\n")
    expectError(errors, file: "allocations.csv", line: 2, mentions: ["origin_year", "carry_in"])
  }

  @Test func originYearNotBeforeYear() {
    let errors = allocationErrors(allocationsHeader + "\n2023,TW,PANO,PDT,carry_in,100,2023,,,\n")
    expectError(errors, file: "allocations.csv", line: 2, column: 7, mentions: ["2023"])
  }

  @Test func originYearOnAnotherKind() {
    let errors = allocationErrors(allocationsHeader + "\n2023,TW,PANO,PDT,initial,100,2022,,,\n")
    expectError(errors, file: "allocations.csv", line: 2, column: 7, mentions: ["initial"])
  }

  @Test func amountSignRules() {
    let errors = allocationErrors(
      allocationsHeader + "\n2023,TW,PANO,PDT,initial,-100,,,,\n2023,TW,PANO,PDT,adjustment,0,,,,\n"
        + "2023,TW,PANO,PDT,supplement,0,,,,\n")
    expectError(errors, file: "allocations.csv", line: 2, column: 6, mentions: ["-100", "initial"])
    expectError(errors, file: "allocations.csv", line: 3, column: 6, mentions: ["0"])
    expectError(errors, file: "allocations.csv", line: 4, column: 6, mentions: ["supplement"])
  }

  @Test func badKindAndBadYear() {
    let errors = allocationErrors(allocationsHeader + "\n1999,TW,PANO,PDT,gift,100,,,,\n")
    expectError(errors, file: "allocations.csv", line: 2, column: 1, mentions: ["1999"])
    expectError(errors, file: "allocations.csv", line: 2, column: 5, mentions: ["gift", "carry_in"])
  }

  @Test func missingRequiredColumn() {
    let errors = allocationErrors("year,source,activity,unit,amount\n")
    expectError(errors, file: "allocations.csv", line: 1, mentions: ["kind", "loại"])
  }
}

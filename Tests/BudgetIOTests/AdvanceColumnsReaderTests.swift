import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

/// The spending columns that say how a row left the treasury: `payment_kind` and `settles`.
@Suite struct AdvanceColumnsReaderTests {
  @Test func kindsInEitherLanguageAndTheDefault() throws {
    let payments = try readSpending(
      """
      id,date,source,activity,unit,amount,payment_kind,settles
      a1,2023-03-01,TW,HOINGHI,PDT,30000000,tạm ứng,
      s1,2023-04-01,TW,HOINGHI,PDT,18000000,Thanh toán tạm ứng,a1
      f1,2023-04-02,TW,HOINGHI,PDT,500000,,
      f2,2023-04-03,TW,HOINGHI,PDT,700000,THỰC CHI,
      a2,2023-05-01,TW,HOINGHI,PDT,1000,advance,
      s2,2023-05-02,TW,HOINGHI,PDT,1000,advance_settlement,a2
      f3,2023-05-03,TW,HOINGHI,PDT,2000,final,

      """)
    #expect(
      payments.map(\.kind) == [
        .advance, .advanceSettlement, .final, .final, .advance, .advanceSettlement, .final,
      ])
    #expect(payments.map(\.settles) == [nil, "a1", nil, nil, nil, "a2", nil])
  }

  @Test func absentColumnsMeanFinalPayments() throws {
    let payments = try readSpending("id,date,source,activity,unit,amount\ns1,2024-01-20,TW,PANO,PDT,100\n")
    #expect(payments[0].kind == .final && payments[0].settles == nil)
  }

  @Test func vietnameseHeaders() throws {
    let payments = try readSpending(
      "Mã;Ngày;Nguồn;Nội dung;Đơn vị;Số tiền;Hình thức chi;Mã tạm ứng\n"
        + "a1;01/03/2023;TW;HOINGHI;PDT;30.000.000;Tạm ứng;\n"
        + "s1;01/04/2023;TW;HOINGHI;PDT;18.000.000;Thanh toán tạm ứng;a1\n")
    #expect(payments.map(\.kind) == [.advance, .advanceSettlement])
    #expect(payments[1].settles == "a1")
  }

  @Test func badValuesAreLocatedInBothLanguages() {
    let errors = spendingErrors(
      """
      id,date,source,activity,unit,amount,payment_kind,settles,reverses
      a1,2023-03-01,TW,HOINGHI,PDT,300,tam ung x,,
      s1,2023-04-01,TW,HOINGHI,PDT,100,thanh toán tạm ứng,,
      f1,2023-04-02,TW,HOINGHI,PDT,100,thực chi,a1,
      r1,2023-04-03,TW,HOINGHI,PDT,-100,tạm ứng,,a1

      """)
    #expect(errors.count == 4)
    expectError(
      errors, file: "spending.csv", line: 2, column: 7,
      mentions: ["tam ung x", "tạm ứng", "advance_settlement"])
    expectError(errors, file: "spending.csv", line: 3, column: 8, mentions: ["settles"])
    expectError(
      errors, file: "spending.csv", line: 4, column: 8, mentions: ["settles", "'thanh toán tạm ứng'"])
    expectError(errors, file: "spending.csv", line: 5, column: 7, mentions: ["reverses"])
  }

  @Test func aSettlementWithoutTheSettlesColumnIsARowError() {
    let errors = spendingErrors(
      "id,date,source,activity,unit,amount,payment_kind\ns1,2023-04-01,TW,HOINGHI,PDT,100,thanh toán tạm ứng\n"
    )
    #expect(errors.count == 1)
    expectError(errors, file: "spending.csv", line: 2, mentions: ["settles"])
  }
}

/// The `carry_part` column of allocations.csv.
@Suite struct CarryPartReaderTests {
  @Test func partsInEitherLanguageAndTheDefault() throws {
    let rows = try readAllocations(
      """
      year,source,activity,unit,kind,amount,origin_year,carry_part
      2023,TW,PANO,PDT,carry_in,4000000,2022,
      2023,TW,PANO,PDT,carry_in,3000000,2022,Số dư tạm ứng
      2023,TW,PANO,PDT,carry_in,1000000,2022,undrawn
      2023,TW,PANO,PDT,initial,5000000,,

      """)
    #expect(rows.map(\.carryPart) == [.undrawn, .advance, .undrawn, .undrawn])
  }

  @Test func badPartsAreLocated() {
    let errors = allocationErrors(
      """
      year,source,activity,unit,kind,amount,origin_year,Phần chuyển sang
      2023,TW,PANO,PDT,carry_in,4000000,2022,tam
      2023,TW,PANO,PDT,initial,5000000,,advance

      """)
    #expect(errors.count == 2)
    expectError(errors, file: "allocations.csv", line: 2, column: 8, mentions: ["tam", "advance", "undrawn"])
    expectError(errors, file: "allocations.csv", line: 3, column: 8, mentions: ["carry_part", "carry_in"])
  }
}

/// Close writes an advance balance's carry_in row with `carry_part = advance`, and refuses a file
/// without that column rather than write a row that would read back as undrawn money.
@Suite struct CarryPartWriterTests {
  static let advanceRow = CarryInWriter.Row(
    year: 2024, source: "TW", activity: "PANO", unit: "PDT", kind: .carryIn, amount: Money(dong: 3_000_000),
    originYear: 2023, carryPart: .advance, note: "tạm ứng")
  static let undrawnRow = CarryInWriter.Row(
    year: 2024, source: "TW", activity: "PANO", unit: "PDT", kind: .carryIn, amount: Money(dong: 4_000_000),
    originYear: 2023, note: "dự toán")

  @Test func writesBothPartsAndReadsThemBack() throws {
    let path = try CarryInWriterTests.temporaryFile(
      "year,source,activity,unit,kind,amount,origin_year,decision,note,carry_part\n")
    try CarryInWriter.append([Self.undrawnRow, Self.advanceRow], toFileAt: path, file: "allocations.csv")
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
      written.hasSuffix(
        "2024,TW,PANO,PDT,carry_in,4000000,2023,....../QĐ-UBND,dự toán,\n"
          + "2024,TW,PANO,PDT,carry_in,3000000,2023,....../QĐ-UBND,tạm ứng,advance\n"))
    let read = try AllocationsReader.read(bytes: Array(written.utf8), file: "allocations.csv")
    #expect(read.map(\.carryPart) == [.undrawn, .advance])
  }

  @Test func aFileWithoutTheColumnIsRefusedAndLeftAlone() throws {
    let original = "year,source,activity,unit,kind,amount,origin_year\n"
    let path = try CarryInWriterTests.temporaryFile(original)
    let errors = inputErrors {
      try CarryInWriter.append([Self.advanceRow], toFileAt: path, file: "allocations.csv")
    }
    expectError(errors, file: "allocations.csv", line: 1, mentions: ["carry_part"])
    #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
  }

  @Test func aNewFileGetsTheColumnOnlyWhenARowNeedsIt() {
    #expect(!CarryInWriter.Layout.canonical(for: [Self.undrawnRow]).columns.contains("carry_part"))
    #expect(CarryInWriter.Layout.canonical(for: [Self.advanceRow]).columns.last == "carry_part")
  }
}

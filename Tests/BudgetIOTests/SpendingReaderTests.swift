import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

@Suite struct SpendingReaderTests {
  @Test func readsAFullRow() throws {
    let payments = try readSpending(
      spendingHeader + "\ns1,PC01,15/03/2023,2022,TW,PANO,PDT,\"7.000.000\",2.5,Pano xã Minh Quang,\n")
    #expect(payments.count == 1)
    let payment = payments[0]
    #expect(payment.id == "s1")
    #expect(payment.voucher == "PC01")
    #expect(payment.date == CivilDate(year: 2023, month: 3, day: 15))
    #expect(payment.year == 2022)
    #expect(payment.yearIsExplicit)
    #expect(payment.source == "TW" && payment.activity == "PANO" && payment.unit == "PDT")
    #expect(payment.amount == Money(dong: 7_000_000))
    #expect(payment.quantity == Quantity(thousandths: 2500))
    #expect(payment.description == "Pano xã Minh Quang")
    #expect(payment.reverses == nil)
    #expect(payment.location == SourceLocation(file: "spending.csv", line: 2))
  }

  @Test func yearDefaultsToTheDateYearAndOptionalColumnsMayBeAbsent() throws {
    let payments = try readSpending("id,date,source,activity,unit,amount\ns1,2024-01-20,TW,PANO,PDT,100\n")
    #expect(payments[0].year == 2024)
    #expect(!payments[0].yearIsExplicit)
    #expect(payments[0].voucher == nil && payments[0].quantity == nil && payments[0].description == nil)
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let bytes =
      CSVBytes.byteOrderMark
      + Array("id,date,source,activity,unit,amount\ns1,2024-01-20,TW,PANO,PDT,100\n".utf8)
    let payments = try SpendingReader.read(bytes: bytes, file: "spending.csv")
    #expect(payments.map(\.id) == ["s1"])
  }

  @Test func crlfLineEnds() throws {
    let text =
      "id,date,source,activity,unit,amount\r\ns1,2024-01-20,TW,PANO,PDT,100\r\ns2,2024-01-21,TW,PANO,PDT,200\r\n"
    let payments = try readSpending(text)
    #expect(payments.map(\.id) == ["s1", "s2"])
    #expect(payments.map(\.location.line) == [2, 3])
    #expect(payments[1].amount == Money(dong: 200))
  }

  @Test func quotedFieldsAndLineNumbersAfterAQuotedNewline() {
    let text = """
      id,date,source,activity,unit,amount,description
      s1,2024-01-20,TW,PANO,PDT,100,"Mua pano, áp phích; ""loại lớn""
      giao tại xã"
      s2,2024-01-21,TW,PANO,PDT,1.5,ok
      """
    let errors = spendingErrors(text)
    #expect(errors.count == 1)
    expectError(errors, file: "spending.csv", line: 4, column: 6, mentions: ["1.5", "amount"])
    let payments = try? readSpending(text.replacingOccurrences(of: "1.5", with: "1.500"))
    #expect(payments?[0].description == "Mua pano, áp phích; \"loại lớn\"\ngiao tại xã")
    #expect(payments?.map(\.location.line) == [2, 4])
  }

  @Test func semicolonDelimiterIsDetected() throws {
    let payments = try readSpending(
      "id;date;source;activity;unit;amount\ns1;20/01/2024;TW;PANO;PDT;1.234.567\n")
    #expect(payments[0].amount == Money(dong: 1_234_567))
  }

  @Test func bothOrNoDelimitersOnTheHeaderAreErrors() {
    expectError(spendingErrors("id,date;source\n"), file: "spending.csv", line: 1, mentions: [",", ";"])
    expectError(spendingErrors("id\ts1\n"), file: "spending.csv", line: 1, mentions: [",", ";"])
  }

  @Test func vietnameseAliasesInNFDAndUpperCase() throws {
    // Decomposed (NFD) Vietnamese, upper case, padded: what some Mac tools write.
    let header = [
      "MÃ", "  Số Chứng Từ ", "NGÀY", "NĂM", "Nguồn kinh phí", "NỘI DUNG", "Đơn vị", "SỐ TIỀN",
      "Số lượng", "Diễn giải", "Hủy dòng",
    ]
    .map { $0.decomposedStringWithCanonicalMapping }.joined(separator: ";")
    let payments = try readSpending(header + "\ns1;PC1;20/01/2024;2024;TW;PANO;PDT;100;1;Mô tả;\n")
    #expect(payments[0].voucher == "PC1")
    #expect(payments[0].description == "Mô tả")
    #expect(payments[0].activity == "PANO")
  }

  @Test func groupedAmountsInAllThreeStyles() throws {
    let text = """
      id;date;source;activity;unit;amount
      s1;20/01/2024;TW;PANO;PDT;1.234.567
      s2;20/01/2024;TW;PANO;PDT;"1,234,567"
      s3;20/01/2024;TW;PANO;PDT;1 234 567
      s4;20/01/2024;TW;PANO;PDT;1234567
      """
    #expect(try readSpending(text).map(\.amount.dong) == [1_234_567, 1_234_567, 1_234_567, 1_234_567])
  }

  @Test(arguments: ["1.5", "1234,50", "12e6", "một triệu", "1000000000000001", "1.23.456"])
  func badAmountIsAnErrorAtTheAmountColumn(value: String) {
    let errors = spendingErrors("id;date;source;activity;unit;amount\ns1;20/01/2024;TW;PANO;PDT;\(value)\n")
    #expect(errors.count == 1)
    expectError(errors, file: "spending.csv", line: 2, column: 6, mentions: [value, "'amount' (6)"])
  }

  @Test func bothDateFormsAndAnImpossibleDate() throws {
    let text = """
      id,date,source,activity,unit,amount
      s1,2024-01-20,TW,PANO,PDT,100
      s2,5/2/2024,TW,PANO,PDT,100
      """
    #expect(try readSpending(text).map(\.date.iso) == ["2024-01-20", "2024-02-05"])
    let errors = spendingErrors(text + "\ns3,31/02/2023,TW,PANO,PDT,100")
    expectError(errors, file: "spending.csv", line: 4, column: 2, mentions: ["31/02/2023", "'date' (2)"])
  }

  @Test func invalidUTF8SuggestsResavingAsCSVUTF8() {
    var bytes = Array("id,date,source,activity,unit,amount\ns1,2024-01-20,TW,PANO,PDT,100,\ns2,".utf8)
    bytes += [0x4E, 0x67, 0x75, 0xE5, 0x6E]  // "Nguån": Windows-1258 bytes
    let errors = inputErrors { _ = try SpendingReader.read(bytes: bytes, file: "spending.csv") }
    let error = expectError(errors, file: "spending.csv", line: 3, mentions: ["UTF-8", "CSV UTF-8"])
    #expect(error?.message.vi.contains("Lưu lại tệp dưới dạng CSV UTF-8") == true)
  }

  @Test func unknownDuplicateAndMissingColumns() {
    let unknown = spendingErrors("id,date,source,activity,unit,amount,colour\n")
    expectError(unknown, file: "spending.csv", line: 1, column: 7, mentions: ["colour", "description"])
    let duplicate = spendingErrors("id,date,source,activity,unit,amount,Số tiền\n")
    expectError(duplicate, file: "spending.csv", line: 1, column: 7, mentions: ["Số tiền", "amount"])
    let missing = spendingErrors("id,date,source,activity,amount\n")
    expectError(missing, file: "spending.csv", line: 1, mentions: ["unit", "đơn vị"])
    // An allocations-only column is unknown in spending.csv.
    expectError(
      spendingErrors("id,date,source,activity,unit,amount,kind\n"), file: "spending.csv", line: 1, column: 7,
      mentions: ["kind"])
  }

  @Test func wrongFieldCountSaysExpectedAndFound() {
    let errors = spendingErrors("id,date,source,activity,unit,amount\ns1,2024-01-20,TW,PANO,PDT,1,000\n")
    expectError(errors, file: "spending.csv", line: 2, mentions: ["7", "6"])
  }

  @Test func unterminatedQuoteIsReportedWhereTheFieldStarted() {
    let errors = spendingErrors(
      "id,date,source,activity,unit,amount,description\ns1,2024-01-20,TW,PANO,PDT,1,\"oops\ns2,2024-01-20,TW,PANO,PDT,1,x\n"
    )
    expectError(errors, file: "spending.csv", line: 2, mentions: ["\""])
    #expect(errors.count == 1)
  }

  @Test func negativeAmountNeedsReverses() throws {
    let header = "id,date,source,activity,unit,amount,reverses\n"
    let errors = spendingErrors(header + "s2,2024-01-21,TW,PANO,PDT,-100,\n")
    expectError(errors, file: "spending.csv", line: 2, column: 6, mentions: ["-100", "reverses"])
    let payments = try readSpending(
      header + "s1,2024-01-20,TW,PANO,PDT,100,\ns2,2024-01-21,TW,PANO,PDT,-100,s1\n")
    #expect(payments[1].amount == Money(dong: -100))
    #expect(payments[1].reverses == "s1")
    expectError(
      spendingErrors(header + "s3,2024-01-21,TW,PANO,PDT,0,\n"), file: "spending.csv", line: 2, column: 6)
  }

  @Test func codesMustBeShortAndWithoutSpaces() {
    let errors = spendingErrors(
      "id,date,source,activity,unit,amount\ns1,2024-01-20,T W,PANO,,100\ns2,2024-01-20,\(String(repeating: "X", count: 33)),PANO,PDT,100\n"
    )
    expectError(errors, file: "spending.csv", line: 2, column: 3, mentions: ["T W"])
    expectError(errors, file: "spending.csv", line: 2, column: 5)
    expectError(errors, file: "spending.csv", line: 3, column: 3, mentions: ["XXXX"])
  }

  @Test func unknownButWellFormedCodesAndDuplicateIdsAreNotInputErrors() throws {
    let payments = try readSpending(
      "id,date,source,activity,unit,amount\ns1,2024-01-20,NOPE,pano,PDT,100\ns1,2024-01-20,TW,PANO,PDT,100\n")
    #expect(payments.count == 2)
    #expect(payments[0].activity == "pano")
  }

  @Test func blankLinesAreSkippedAndLinesStayPhysical() throws {
    let payments = try readSpending(
      "\nid;date;source;activity;unit;amount\n\n   \n;;;;;\ns1;20/01/2024;TW;PANO;PDT;100\n\n")
    #expect(payments.map(\.location.line) == [6])
  }

  @Test func quantityErrors() {
    let errors = spendingErrors(
      "id,date,source,activity,unit,amount,quantity\ns1,2024-01-20,TW,PANO,PDT,100,\"2,5\"\ns2,2024-01-20,TW,PANO,PDT,100,1.2345\n"
    )
    #expect(errors.count == 1)
    expectError(errors, file: "spending.csv", line: 3, column: 7, mentions: ["1.2345"])
  }

  @Test func severalErrorsInOneFileAreAllReported() {
    let text = """
      id,date,source,activity,unit,amount,year
      s1,31/02/2023,TW,PANO,PDT,1.5,2023
      ,2023-01-01,TW,PANO,PDT,100,23
      s3,2023-01-01,TW,PANO,PDT,100,2023
      s4,2023-01-01,TW,PANO,PDT,-7,2023
      """
    let errors = spendingErrors(text)
    #expect(errors.count == 5)
    expectError(errors, file: "spending.csv", line: 2, column: 2, mentions: ["31/02/2023"])
    expectError(errors, file: "spending.csv", line: 2, column: 6, mentions: ["1.5"])
    expectError(errors, file: "spending.csv", line: 3, column: 1)
    expectError(errors, file: "spending.csv", line: 3, column: 7, mentions: ["23"])
    expectError(errors, file: "spending.csv", line: 5, column: 6, mentions: ["-7"])
  }

  @Test func errorsBeyondTheCapAreCounted() {
    let rows = (1...150).map { "s\($0),2024-01-20,TW,PANO,PDT,x" }.joined(separator: "\n")
    let errors = spendingErrors("id,date,source,activity,unit,amount\n" + rows)
    #expect(errors.errors.count == Limits.inputErrorsReportedMax)
    #expect(errors.count == 150)
  }
}

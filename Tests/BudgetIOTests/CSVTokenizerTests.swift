import Testing

@testable import BudgetIO

@Suite struct CSVTokenizerTests {
  func tokens(_ text: String, delimiter: UInt8 = 0x2C) -> [(line: Int, fields: [String])] {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      var tokenizer = CSVTokenizer(bytes: buffer, delimiter: delimiter)
      var fields: [CSVField] = []
      var result: [(line: Int, fields: [String])] = []
      while case .record(let line) = tokenizer.next(into: &fields) {
        result.append((line, fields.map { CSVBytes.string(buffer, $0, trim: false) }))
      }
      return result
    }
  }

  @Test func quotedDelimiterQuoteAndNewlineKeepPhysicalLines() {
    let records = tokens("a,b\n\"x,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\r\nlast,row")
    #expect(records.map(\.line) == [1, 2, 3, 5])
    #expect(records[1].fields == ["x,1", "say \"hi\""])
    #expect(records[2].fields == ["two\nlines", "z"])
    #expect(records[3].fields == ["last", "row"])
  }

  @Test func crlfAndSemicolon() {
    let records = tokens("a;b\r\n1;2\r\n", delimiter: 0x3B)
    #expect(records.count == 2)
    #expect(records[1].fields == ["1", "2"])
    #expect(records[1].line == 2)
  }

  @Test func emptyFieldsAndTrailingDelimiter() {
    let records = tokens("a,,c,\n")
    #expect(records[0].fields == ["a", "", "c", ""])
  }

  @Test func unterminatedQuoteReportsTheLineWhereTheFieldStarted() {
    let bytes = Array("a,b\n1,2\n3,\"open\nmore\nlines".utf8)
    let token = bytes.withUnsafeBufferPointer { buffer -> CSVToken in
      var tokenizer = CSVTokenizer(bytes: buffer, delimiter: 0x2C)
      var fields: [CSVField] = []
      _ = tokenizer.next(into: &fields)
      _ = tokenizer.next(into: &fields)
      return tokenizer.next(into: &fields)
    }
    #expect(token == .unterminatedQuote(line: 3))
  }

  @Test func textAfterClosingQuoteResynchronisesOnTheNextLine() {
    let bytes = Array("\"a\"x,b\nc,d\n".utf8)
    bytes.withUnsafeBufferPointer { buffer in
      var tokenizer = CSVTokenizer(bytes: buffer, delimiter: 0x2C)
      var fields: [CSVField] = []
      #expect(tokenizer.next(into: &fields) == .textAfterClosingQuote(line: 1, fieldIndex: 1))
      #expect(tokenizer.next(into: &fields) == .record(line: 2))
      #expect(tokenizer.next(into: &fields) == .end)
    }
  }

  @Test func utf8Validation() {
    func check(_ bytes: [UInt8]) -> Int? {
      bytes.withUnsafeBufferPointer { CSVBytes.firstInvalidUTF8Offset($0) }
    }
    #expect(check(Array("Nguồn kinh phí, đồng — ok 😀 and more ascii text".utf8)) == nil)
    #expect(check([0x61, 0x62, 0xFF]) == 2)
    #expect(check([0x61, 0xC3]) == 1)  // truncated sequence
    #expect(check([0xC0, 0x80]) == 0)  // overlong
    #expect(check([0xED, 0xA0, 0x80]) == 0)  // surrogate
    #expect(check(Array(repeating: 0x41, count: 20) + [0xE1, 0xBB]) == 20)
  }
}

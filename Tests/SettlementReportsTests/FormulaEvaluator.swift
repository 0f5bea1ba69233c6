import Foundation
import XlsxReadBack

/// Evaluates the formulas the settlement workbook writes — SUM over cells and ranges, `+`, `-`,
/// parentheses, references to other sheets — from the cells' stored values, so a test can check that
/// every cached value is what the formula computes. Integers only: the workbook holds whole đồng.
struct FormulaEvaluator {
  /// Stored numeric values by sheet name and cell reference.
  let values: [String: [String: Int64]]

  init(_ workbook: XlsxReadBack) throws {
    var values: [String: [String: Int64]] = [:]
    for sheet in try workbook.sheetNames() {
      var sheetValues: [String: Int64] = [:]
      for (reference, cell) in try workbook.cells(sheet: sheet) where cell.type == nil {
        if let value = cell.value.flatMap({ Int64($0) }) { sheetValues[reference] = value }
      }
      values[sheet] = sheetValues
    }
    self.values = values
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  func evaluate(_ formula: String, onSheet sheet: String) throws -> Int64 {
    var parser = Parser(
      text: Array(formula.hasPrefix("=") ? String(formula.dropFirst()) : formula), sheet: sheet,
      values: values)
    let value = try parser.expression()
    guard parser.position == parser.text.count else {
      throw Failure(description: "trailing text in \(formula)")
    }
    return value
  }

  private struct Parser {
    let text: [Character]
    let sheet: String
    let values: [String: [String: Int64]]
    var position = 0

    init(text: [Character], sheet: String, values: [String: [String: Int64]]) {
      self.text = text
      self.sheet = sheet
      self.values = values
    }

    mutating func expression() throws -> Int64 {
      var value = try term()
      while position < text.count, text[position] == "+" || text[position] == "-" {
        let sign = text[position]
        position += 1
        let right = try term()
        value = sign == "+" ? value + right : value - right
      }
      return value
    }

    mutating func term() throws -> Int64 {
      guard position < text.count else { throw Failure(description: "unexpected end") }
      if text[position] == "(" {
        position += 1
        let value = try expression()
        try expect(")")
        return value
      }
      if text[position] == "-" {
        position += 1
        return -(try term())
      }
      if text[position].isNumber {
        var digits = ""
        while position < text.count, text[position].isNumber {
          digits.append(text[position])
          position += 1
        }
        return Int64(digits)!
      }
      if hasPrefix("SUM(") {
        position += 4
        var total: Int64 = 0
        repeat {
          if position < text.count, text[position] == "," { position += 1 }
          total += try sumArgument()
        } while position < text.count && text[position] == ","
        try expect(")")
        return total
      }
      let (sheetName, cell) = try reference()
      return try value(sheetName, cell)
    }

    /// A cell, a range, or a nested SUM.
    mutating func sumArgument() throws -> Int64 {
      if hasPrefix("SUM(") { return try term() }
      let (sheetName, first) = try reference()
      guard position < text.count, text[position] == ":" else { return try value(sheetName, first) }
      position += 1
      let (_, last) = try reference()
      let (firstColumn, firstRow) = split(first)
      let (lastColumn, lastRow) = split(last)
      guard firstColumn == lastColumn else { throw Failure(description: "2-D range \(first):\(last)") }
      var total: Int64 = 0
      for row in firstRow...lastRow { total += try value(sheetName, firstColumn + String(row)) }
      return total
    }

    /// `E9`, `$E$9` or `'Tổng hợp'!E9`.
    mutating func reference() throws -> (String, String) {
      var sheetName = sheet
      if position < text.count, text[position] == "'" {
        position += 1
        var name = ""
        while position < text.count {
          if text[position] == "'" {
            if position + 1 < text.count, text[position + 1] == "'" {
              name.append("'")
              position += 2
              continue
            }
            break
          }
          name.append(text[position])
          position += 1
        }
        try expect("'")
        try expect("!")
        sheetName = name
      }
      var cell = ""
      while position < text.count, text[position].isLetter || text[position].isNumber || text[position] == "$"
      {
        if text[position] != "$" { cell.append(text[position]) }
        position += 1
      }
      guard !cell.isEmpty else { throw Failure(description: "expected a reference at \(position)") }
      return (sheetName, cell)
    }

    func value(_ sheetName: String, _ cell: String) throws -> Int64 {
      // An empty cell counts as 0 in a spreadsheet.
      values[sheetName]?[cell] ?? 0
    }

    func split(_ cell: String) -> (String, Int) {
      let letters = String(cell.prefix { $0.isLetter })
      return (letters, Int(cell.dropFirst(letters.count))!)
    }

    func hasPrefix(_ prefix: String) -> Bool {
      let characters = Array(prefix)
      return position + characters.count <= text.count
        && Array(text[position..<(position + characters.count)]) == characters
    }

    mutating func expect(_ character: Character) throws {
      guard position < text.count, text[position] == character else {
        throw Failure(description: "expected \(character) at \(position) in \(String(text))")
      }
      position += 1
    }
  }
}

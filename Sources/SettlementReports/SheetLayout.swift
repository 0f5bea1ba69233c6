import BudgetCore

/// Where things sit on every sheet: the header block, the title lines, the column headings, the
/// data. The same for every sheet of a template, so formulas on one sheet can point at another's
/// cells before that sheet is written.
struct SheetLayout {
  let headerLines: Int
  var titleRow: Int { headerLines + 1 }
  var subtitleRow: Int { titleRow + 1 }
  var unitLabelRow: Int { subtitleRow + 1 }
  var headingRow: Int { unitLabelRow + 1 }
  var numberRow: Int { headingRow + 1 }
  var firstDataRow: Int { numberRow + 1 }

  init(document: DocumentStyle) {
    headerLines = max(document.headerLeft.count, document.headerRight.count, 1)
  }
}

/// Spreadsheet references for formulas: `C9`, `SUM(C10,C12:C14)`.
enum FormulaText {
  static func cell(row: Int, column: Int) -> String {
    columnName(column) + String(row + 1)
  }

  static func columnName(_ column: Int) -> String {
    var number = column + 1
    var letters = ""
    while number > 0 {
      let remainder = (number - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
      number = (number - 1) / 26
    }
    return letters
  }

  /// A total row's formula: `SUM(C10:C14)` over the `rows` rows from `firstRow` of `column`, "0"
  /// when there are none.
  static func columnTotal(firstRow: Int, rows: Int, column: Int) -> String {
    rows == 0
      ? "0"
      : "SUM(\(cell(row: firstRow, column: column)):\(cell(row: firstRow + rows - 1, column: column)))"
  }

  /// `SUM(...)` over the given rows of one column, runs of consecutive rows written as ranges and
  /// more than 255 arguments (Excel's limit) nested in groups.
  static func sum(rows: [Int], column: Int) -> String {
    let sorted = rows.sorted()
    var arguments: [String] = []
    var index = 0
    while index < sorted.count {
      var end = index
      while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
      let first = cell(row: sorted[index], column: column)
      arguments.append(end == index ? first : first + ":" + cell(row: sorted[end], column: column))
      index = end + 1
    }
    return nestedSum(arguments)
  }

  private static func nestedSum(_ arguments: [String]) -> String {
    let argumentsMax = 255
    if arguments.count <= argumentsMax {
      return "SUM(" + (arguments.isEmpty ? "0" : arguments.joined(separator: ",")) + ")"
    }
    let chunks = stride(from: 0, to: arguments.count, by: argumentsMax).map {
      nestedSum(Array(arguments[$0..<min($0 + argumentsMax, arguments.count)]))
    }
    return nestedSum(chunks)
  }

  /// `'Tổng hợp'!E9`
  static func onSheet(_ sheet: String, row: Int, column: Int) -> String {
    "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'!" + cell(row: row, column: column)
  }
}

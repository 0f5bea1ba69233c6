import CXlsxWriter

/// A comparison for a cell-value rule.
public enum CellComparison: Hashable, Sendable {
  case equal, notEqual, greater, less, greaterOrEqual, lessOrEqual

  var lxw: UInt8 {
    let value: lxw_conditional_criteria
    switch self {
    case .equal: value = LXW_CONDITIONAL_CRITERIA_EQUAL_TO
    case .notEqual: value = LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO
    case .greater: value = LXW_CONDITIONAL_CRITERIA_GREATER_THAN
    case .less: value = LXW_CONDITIONAL_CRITERIA_LESS_THAN
    case .greaterOrEqual: value = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO
    case .lessOrEqual: value = LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO
    }
    return UInt8(value.rawValue)
  }
}

/// What a cell-value rule compares with.
public enum ConditionOperand: Hashable, Sendable {
  /// An exact integer (|value| ≤ 2^53, like cell numbers).
  case integer(Int64)
  case double(Double)
  /// A cell reference or formula text such as `$B$2`.
  case formula(String)
}

/// The conditional-format rules the reports use, over what libxlsxwriter 1.1.4 supports.
public enum ConditionalRule: Hashable, Sendable {
  /// `cell value <comparison> operand`, e.g. `.cellValue(.notEqual, .integer(0))` marks a
  /// non-zero check cell, `.cellValue(.less, .integer(0))` a negative balance.
  case cellValue(CellComparison, ConditionOperand)
  case between(ConditionOperand, ConditionOperand)
  case textContains(String)
  case textBeginsWith(String)
  /// A formula relative to the top-left cell of the range, e.g. `=$E2<>$F2`.
  case formula(String)
  case blanks
  case errors
}

extension Worksheet {
  /// Styles the cells of `range` that meet `rule`. Excel draws only the font, fill and border
  /// parts of `style` (a "dxf"), not its number format or alignment.
  public func addConditionalFormat(_ rule: ConditionalRule, range: CellRange, style: CellStyle) throws {
    let operation = "conditional format"
    try requireInside(range, operation: operation)
    var strings: [String] = []
    var cFormat = lxw_conditional_format()

    func setOperand(_ operand: ConditionOperand, number: inout Double, text: inout String?) throws {
      switch operand {
      case .integer(let value):
        guard value.magnitude <= UInt64(XlsxLimits.exactIntegerMax) else {
          throw XlsxError(.numberNotExact(value), operation: operation, sheet: name, cell: range.a1)
        }
        number = Double(value)
      case .double(let value):
        guard value.isFinite else {
          throw XlsxError(.numberNotFinite, operation: operation, sheet: name, cell: range.a1)
        }
        number = value
      case .formula(let value):
        text = value
      }
    }

    var value = 0.0
    var valueText: String?
    var minimum = 0.0
    var minimumText: String?
    var maximum = 0.0
    var maximumText: String?
    switch rule {
    case .cellValue(let comparison, let operand):
      cFormat.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
      cFormat.criteria = comparison.lxw
      try setOperand(operand, number: &value, text: &valueText)
    case .between(let low, let high):
      cFormat.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
      cFormat.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_BETWEEN.rawValue)
      try setOperand(low, number: &minimum, text: &minimumText)
      try setOperand(high, number: &maximum, text: &maximumText)
    case .textContains(let text):
      cFormat.type = UInt8(LXW_CONDITIONAL_TYPE_TEXT.rawValue)
      cFormat.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_TEXT_CONTAINING.rawValue)
      valueText = text
    case .textBeginsWith(let text):
      cFormat.type = UInt8(LXW_CONDITIONAL_TYPE_TEXT.rawValue)
      cFormat.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_TEXT_BEGINS_WITH.rawValue)
      valueText = text
    case .formula(let formula):
      cFormat.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
      valueText = formula
    case .blanks:
      cFormat.type = UInt8(LXW_CONDITIONAL_TYPE_BLANKS.rawValue)
    case .errors:
      cFormat.type = UInt8(LXW_CONDITIONAL_TYPE_ERRORS.rawValue)
    }
    strings = [valueText, minimumText, maximumText].compactMap { $0 }
    if strings.contains(where: { $0.utf8.contains(0) }) {
      throw XlsxError(
        .invalidArgument("rule text contains a NUL character"), operation: operation, sheet: name)
    }
    cFormat.value = value
    cFormat.min_value = minimum
    cFormat.max_value = maximum
    let handle = cHandle
    try rangeCall(operation, range: range, style: style) { format in
      cFormat.format = format
      // libxlsxwriter copies the strings; they live until the call returns.
      return withOptionalCString(valueText) { valuePointer in
        withOptionalCString(minimumText) { minimumPointer in
          withOptionalCString(maximumText) { maximumPointer in
            cFormat.value_string = valuePointer
            cFormat.min_value_string = minimumPointer
            cFormat.max_value_string = maximumPointer
            return worksheet_conditional_format_range(
              handle, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn), lxw_row_t(range.lastRow),
              lxw_col_t(range.lastColumn), &cFormat)
          }
        }
      }
    }
  }
}

/// Passes a mutable C copy of `text` (or nil) to `body`; the library's struct fields are `char *`.
func withOptionalCString<Result>(_ text: String?, _ body: (UnsafeMutablePointer<CChar>?) -> Result) -> Result
{
  guard let text else { return body(nil) }
  var bytes = Array(text.utf8CString)
  return bytes.withUnsafeMutableBufferPointer { body($0.baseAddress) }
}

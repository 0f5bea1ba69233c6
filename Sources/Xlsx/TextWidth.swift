/// Excel has no autofit and libxlsxwriter cannot measure text, so column widths are computed from
/// the text. Width is counted in grapheme clusters (`Character`s): "Tổng" is 4 wide whatever its
/// normalisation, while its UTF-8 byte count is 7. (Vietnamese letters are one cell wide; East Asian
/// double width does not occur in these reports.)
public enum TextWidth {
  /// The width of the widest line of `text`, in characters.
  public static func characters(_ text: String) -> Int {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
  }

  /// The width of an integer shown with digit grouping (`-1.234.567` is 10 wide).
  public static func groupedInteger(_ value: Int64) -> Int {
    let digits = String(value.magnitude).count
    return digits + (digits - 1) / 3 + (value < 0 ? 1 : 0)
  }

  /// A column width (Excel character units) that fits `widths` plus padding, clamped to
  /// `minimum…maximum` so a long description wraps instead of making a 200-wide column.
  public static func columnWidth<Widths: Sequence<Int>>(
    fitting widths: Widths, padding: Int = 2, minimum: Int = 6, maximum: Int = 60
  ) -> Double {
    precondition(minimum <= maximum, "minimum column width above maximum")
    let widest = widths.max() ?? 0
    return Double(Swift.min(Swift.max(widest + padding, minimum), maximum))
  }
}

/// Every limit in one place (TigerBeetle style): inputs beyond these are input errors, never crashes.
public enum Limits {
  /// docs/workspace-format.md, "How the CSV files are read": an amount above 10^15 đồng is an input error.
  public static let amountMaxDong: Int64 = 1_000_000_000_000_000
  /// The sum of the absolute amounts of everything one run reads (every file of the workspace, every
  /// submission of a consolidation) and of a scenario's changes on top of it: 4 × 10^15 đồng, about
  /// twice Vietnam's whole annual state budget. Every figure any output shows is a sum over a subset of
  /// those amounts, or a piecewise-linear function bounded by such a sum, so its magnitude is at most
  /// this; a difference of two figures is at most twice this, 8 × 10^15 < 2^53 − 1: every figure stays
  /// an exact integer in Excel (a double) and no Int64 arithmetic comes near overflow.
  /// (docs/workspace-format.md, "Limits", has the argument.) Checked where the amounts are read.
  public static let runTotalMaxDong: Int64 = 4_000_000_000_000_000
  /// The largest integer a double (Excel's number, JSON readers) holds exactly: 2^53 − 1.
  public static let exactIntegerMax: Int64 = 9_007_199_254_740_991
  /// Data rows per CSV file (a province over a whole phase stays well below).
  public static let rowsMax = 20_000_000
  /// Bytes per input file.
  public static let fileBytesMax = 4 << 30
  /// Bytes in one CSV field (a field longer than this is a broken file). Room for the longest text a
  /// cell holds: 32,767 UTF-16 code units of Vietnamese are up to 98,301 bytes of UTF-8.
  public static let fieldBytesMax = 128 * 1024
  /// Excel's limit for the text of one cell, in UTF-16 code units (free text: descriptions, notes).
  public static let cellTextLengthMax = 32_767
  /// Row ids, vouchers, `reverses` and decision references (UTF-16 code units): findings quote them
  /// inside one message cell, so they stay far below the cell limit.
  public static let identifierLengthMax = 255
  /// Names and titles of plan.yaml and of scenarios (UTF-16 code units): templates compose them into
  /// heading cells.
  public static let nameLengthMax = 1_000
  /// docs/workspace-format.md, "plan.yaml": codes are 1–32 characters.
  public static let codeLengthMax = 32
  /// Entries per catalogue in plan.yaml (sources, units, projects, activities).
  public static let catalogueEntriesMax = 100_000
  /// Nesting depth of the unit and project trees.
  public static let treeDepthMax = 32
  /// Budget years the program accepts at all (a plan's own range is checked against the data).
  public static let yearMin = 2000
  public static let yearMax = 2100
  /// Input errors reported before the reader stops collecting (the count of the rest is still given).
  public static let inputErrorsReportedMax = 100
  /// Excel's sheet limits.
  public static let sheetRowsMax = 1_048_576
  public static let sheetColumnsMax = 16_384
  public static let sheetNameLengthMax = 31
  /// Quantities carry at most three decimals (thousandths).
  public static let quantityScale: Int64 = 1000
  public static let quantityMax: Int64 = 1_000_000_000
}

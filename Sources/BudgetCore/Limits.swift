/// Every limit in one place (TigerBeetle style): inputs beyond these are input errors, never crashes.
public enum Limits {
  /// FORMATS.md §5: an amount above 10^15 đồng is an input error.
  public static let amountMaxDong: Int64 = 1_000_000_000_000_000
  /// The sum of the absolute amounts of one file. Keeps every derived sum far from `Int64.max`
  /// (9.2 × 10^18), whatever the row count: a file above it is an input error.
  public static let fileTotalMaxDong: Int64 = 1_000_000_000_000_000_000
  /// Data rows per CSV file (a province over a whole phase stays well below).
  public static let rowsMax = 20_000_000
  /// Bytes per input file.
  public static let fileBytesMax = 4 << 30
  /// Characters in one CSV field (a description longer than this is a broken file).
  public static let fieldBytesMax = 64 * 1024
  /// FORMATS.md §2: codes are 1–32 characters.
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

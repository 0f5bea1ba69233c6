import BudgetCore
import BudgetEngine

/// The columns of the progress tables (by source, unit, activity; lagging units and lines; the
/// projection): every row is a sum of lines, so every column applies to every row.
public enum ProgressColumn: String, TemplateColumnKind {
  case stt
  case label
  case available
  case disbursed
  /// disbursed ÷ available
  case rate
  /// available − disbursed
  case remaining
  /// What the plan's pace expects by the as-of date.
  case expected
  /// max(expected − disbursed, 0)
  case behind
  case previousAvailable = "previous_available"
  case previousDisbursed = "previous_disbursed"
  case previousRate = "previous_rate"
  case projectedSpent = "projected_spent"
  case projectedCarryOver = "projected_carry_over"
  case projectedCancelled = "projected_cancelled"
  /// Spending beyond the available money already made (the projection never adds to it).
  case projectedOverspent = "projected_overspent"

  public static let required: [ProgressColumn] = [.label]
}

/// The month-by-month sheet: one row per series (this year, last year, the pace; then each source's
/// two years), one column per month's cumulative figure.
public enum ProgressMonthColumn: String, TemplateColumnKind {
  case stt
  case label
  case year
  case available
  case month01 = "month_01"
  case month02 = "month_02"
  case month03 = "month_03"
  case month04 = "month_04"
  case month05 = "month_05"
  case month06 = "month_06"
  case month07 = "month_07"
  case month08 = "month_08"
  case month09 = "month_09"
  case month10 = "month_10"
  case month11 = "month_11"
  case month12 = "month_12"
  /// The cumulative figure at the as-of date ÷ available.
  case rate

  public static let required: [ProgressMonthColumn] = [.label]

  /// 1…12 for the month columns.
  var month: Int? {
    switch self {
    case .stt, .label, .year, .available, .rate: nil
    default: Int(rawValue.suffix(2))
    }
  }
}

/// Carried-in money expiring this year.
public enum ProgressExpiringColumn: String, TemplateColumnKind {
  case stt
  case source
  case activity
  case unit
  case originYear = "origin_year"
  case carriedIn = "carried_in"
  case unspentToDate = "unspent_to_date"
  case projectedCancelled = "projected_cancelled"

  public static let required: [ProgressExpiringColumn] = [.source, .originYear]
}

/// A sheet of the progress workbook, typed by its kind (`WorkbookSheet.progress`).
public enum ProgressSheet: Hashable, Sendable {
  case bySource(TemplateSheet<ProgressColumn>)
  case byUnit(TemplateSheet<ProgressColumn>)
  case byActivity(TemplateSheet<ProgressColumn>)
  case monthly(TemplateSheet<ProgressMonthColumn>)
  case laggingUnits(TemplateSheet<ProgressColumn>)
  case laggingLines(TemplateSheet<ProgressColumn>)
  case projection(TemplateSheet<ProgressColumn>)
  case expiring(TemplateSheet<ProgressExpiringColumn>)

  public var kind: SheetKind {
    switch self {
    case .bySource: .progressBySource
    case .byUnit: .progressByUnit
    case .byActivity: .progressByActivity
    case .monthly: .progressMonthly
    case .laggingUnits: .progressLaggingUnits
    case .laggingLines: .progressLaggingLines
    case .projection: .progressProjection
    case .expiring: .progressExpiring
    }
  }

  func with(title: String) -> ProgressSheet {
    switch self {
    case .bySource(let sheet): .bySource(sheet.with(title: title))
    case .byUnit(let sheet): .byUnit(sheet.with(title: title))
    case .byActivity(let sheet): .byActivity(sheet.with(title: title))
    case .monthly(let sheet): .monthly(sheet.with(title: title))
    case .laggingUnits(let sheet): .laggingUnits(sheet.with(title: title))
    case .laggingLines(let sheet): .laggingLines(sheet.with(title: title))
    case .projection(let sheet): .projection(sheet.with(title: title))
    case .expiring(let sheet): .expiring(sheet.with(title: title))
    }
  }
}

extension SheetKind {
  /// The sheets of a progress workbook (Templates/tien-do.yaml).
  public static let progressKinds: Set<SheetKind> = [
    .progressBySource, .progressByUnit, .progressByActivity, .progressMonthly, .progressLaggingUnits,
    .progressLaggingLines, .progressProjection, .progressExpiring,
  ]
}

/// `{as_of}` 30/06/2023, `{previous_as_of}` 30/06/2022, `{previous_year}` 2022, `{expected_share}`
/// 40,00 %, `{not_counted}` the sentence on the payments left out.
let progressPlaceholderNames: Set<String> = [
  "as_of", "previous_as_of", "previous_year", "expected_share", "not_counted",
]

extension TemplateContext {
  /// The settlement context of the year plus the progress placeholders.
  init(progress: DisbursementProgress, unit: BudgetCore.Unit?, language: Language) {
    self = TemplateContext(plan: progress.plan.info, year: progress.year, unit: unit).adding([
      "as_of": progress.asOf.vietnamese,
      "previous_as_of": progress.previousAsOf.vietnamese,
      "previous_year": String(progress.year - 1),
      "expected_share": ProgressFormat.rate(progress.expectedShare, language),
      "not_counted": ProgressText.notes(progress, language: language).joined(separator: " "),
    ])
  }
}

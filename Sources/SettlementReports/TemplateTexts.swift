import BudgetCore

/// The texts a workbook prints outside its tables — the handover record's prose, the consolidation's
/// per-unit sheets, the sweep's description, a chart's titles: the `texts:` section of its template,
/// one enum of keys per workbook, so a text a writer asks for is one its template must give.
public protocol TemplateTextKind: RawRepresentable, CaseIterable, Hashable, Sendable
where RawValue == String, AllCases == [Self] {
  /// The sheet kinds of the workbook whose template holds these texts (how the reader knows which
  /// keys a template's `texts:` takes).
  static var workbookKinds: Set<SheetKind> { get }
  /// The `{…}` names the text may use besides the document's (`TemplateContext.placeholderNames`).
  var placeholders: Set<String> { get }
  /// A list of paragraphs (the record's grounds) rather than one text.
  var isList: Bool { get }
}

extension TemplateTextKind {
  public var isList: Bool { false }
}

/// Every workbook's text keys, for the reader: the first whose `workbookKinds` equals a template's
/// sheet kinds is the one its `texts:` takes.
let templateTextKinds: [any TemplateTextKind.Type] = [
  HandoverRecordText.self, ConsolidationSheetText.self, ComparisonSheetText.self, ProgressSheetText.self,
]

/// A template's `texts:` read: each key's Vietnamese paragraphs and, where given (`key_en`), English.
public struct TemplateTexts: Hashable, Sendable {
  struct Entry: Hashable, Sendable {
    let vietnamese: [String]
    let english: [String]?
  }
  let entries: [String: Entry]

  init(entries: [String: Entry] = [:]) {
    self.entries = entries
  }

  /// The paragraphs of `key` in `language` (the Vietnamese where the template gives no English).
  /// Only a template built in code can lack a key (the reader requires every one): that is a
  /// `ReportWriteError` naming the key, never a blank.
  public func lines<Key: TemplateTextKind>(_ key: Key, _ language: Language) throws -> [String] {
    guard let entry = entries[key.rawValue] else {
      throw ReportWriteError(
        path: "", vi: "Mẫu báo cáo thiếu văn bản '\(key.rawValue)' (texts).",
        en: "The report template lacks the text '\(key.rawValue)' (texts).")
    }
    return language == .en ? entry.english ?? entry.vietnamese : entry.vietnamese
  }

  /// The text of `key` in `language`, its `{name}`s replaced by `values`.
  public func text<Key: TemplateTextKind>(
    _ key: Key, _ language: Language, _ values: [String: String] = [:]
  ) throws -> String {
    Self.fill(try lines(key, language).joined(separator: "\n"), values)
  }

  /// Replaces `{name}` for each of `values`; the other names are left for the sheet's context.
  static func fill(_ text: String, _ values: [String: String]) -> String {
    values.reduce(text) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
  }
}

// MARK: - The keys, one enum per workbook

/// The handover record (sheet "Biên bản", Templates/ban-giao.yaml): a signed document's prose. Blanks
/// (.....) are filled in by hand on the printed record.
public enum HandoverRecordText: String, TemplateTextKind {
  /// The record's number under the office ("Số: ......../BB-BG").
  case number
  /// Place and date at the top right: `{place}` ("......" when the plan names none), `{year}`.
  case placeDate = "place_date"
  case title
  /// What the record is about, under the title: `{date}` the handover date.
  case subject
  /// The grounds (căn cứ), one paragraph each: `{decision}` the reorganisation decision's number
  /// ("....../QĐ-UBND" when not given), `{date}`.
  case grounds
  /// Time and place of the meeting.
  case meeting
  case handingSide = "handing_side"
  /// `{units}`: the names of the units handing over balances.
  case handingUnits = "handing_units"
  /// A blank line for each side's representative and position.
  case representative
  case receivingSide = "receiving_side"
  case contentsHeading = "contents_heading"
  /// What is handed over: `{date}`, `{total}` the total in đồng, grouped as the language writes it.
  case contents
  /// The headings of the small table of what each receiving unit receives.
  case receiptUnit = "receipt_unit"
  case receiptAmount = "receipt_amount"
  case copies
  case handingSigner = "handing_signer"
  case receivingSigner = "receiving_signer"
  /// Under every signer's title.
  case signerHint = "signer_hint"

  public static let workbookKinds = SheetKind.handoverKinds

  public var placeholders: Set<String> {
    switch self {
    case .subject: ["date"]
    case .grounds: ["decision", "date"]
    case .handingUnits: ["units"]
    case .contents: ["date", "total"]
    case .number, .placeDate, .title, .meeting, .handingSide, .representative, .receivingSide,
      .contentsHeading, .receiptUnit, .receiptAmount, .copies, .handingSigner, .receivingSigner, .signerHint:
      []
    }
  }

  public var isList: Bool { self == .grounds }
}

/// The consolidated workbook's sheets of one unit each and its empty difference table
/// (Templates/hop-nhat.yaml).
public enum ConsolidationSheetText: String, TemplateTextKind {
  /// `{unit_code}`; cut to Excel's 31 characters.
  case unitSheetName = "unit_sheet_name"
  /// `{UNIT}`: the unit's name in capitals; `{year}` as on every sheet.
  case unitSheetTitle = "unit_sheet_title"
  /// `{folder}`: the submission's folder.
  case unitSheetSubtitle = "unit_sheet_subtitle"
  /// The heading of the unit's file and row when the settlement template shows no `location` column.
  case locationHeading = "location_heading"
  /// The one row of an empty allocation-difference table.
  case noDifferences = "no_differences"

  public static let workbookKinds = SheetKind.consolidationKinds

  public var placeholders: Set<String> {
    switch self {
    case .unitSheetName: ["unit_code"]
    case .unitSheetTitle: ["UNIT"]
    case .unitSheetSubtitle: ["folder"]
    case .locationHeading, .noDifferences: []
    }
  }
}

/// The what-if comparison workbook's texts around its tables (Templates/so-sanh.yaml).
public enum ComparisonSheetText: String, TemplateTextKind {
  /// Under the title when one scenario is compared: `{scenario}` its name.
  case oneScenario = "one_scenario"
  /// The sweep in words: `{scenario}`, `{what}` (one of the two below), `{first}`, `{last}`, `{step}`.
  case sweepDescription = "sweep_description"
  case sweepPercent = "sweep_percent"
  case sweepAmount = "sweep_amount"
  /// The source sheet's chart of the change: its title and the axis of the sources.
  case chartTitle = "chart_title"
  case chartCategoryAxis = "chart_category_axis"

  public static let workbookKinds = SheetKind.comparisonKinds

  public var placeholders: Set<String> {
    switch self {
    case .oneScenario: ["scenario"]
    case .sweepDescription: ["scenario", "what", "first", "last", "step"]
    case .sweepPercent, .sweepAmount, .chartTitle, .chartCategoryAxis: []
    }
  }
}

/// The progress workbook's monthly chart (Templates/tien-do.yaml).
public enum ProgressSheetText: String, TemplateTextKind {
  /// `{year}`, `{previous_year}` as in the sheets' titles.
  case chartTitle = "chart_title"
  case chartCategoryAxis = "chart_category_axis"

  public static let workbookKinds = SheetKind.progressKinds

  public var placeholders: Set<String> { [] }
}

import BudgetCore

/// How amounts are displayed. Cells always hold whole đồng; only the number format scales.
public enum DisplayScale: String, CaseIterable, Sendable {
  case dong
  case nghin
  case trieu
}

/// What a sheet of the settlement workbook shows.
public enum SheetKind: String, CaseIterable, Sendable {
  case bySource = "by_source"
  case byContent = "by_content"
  case byUnit = "by_unit"
  case payments
  case findings
  case carryOver = "carry_over"
  case chart
  // The what-if comparison workbook's sheets (Templates/so-sanh.yaml).
  case lineComparison = "line_comparison"
  /// Every line of the year, changed or not (the line sheet lists the changed lines only).
  case allLines = "all_lines"
  case sourceComparison = "source_comparison"
  case newFindings = "new_findings"
  case sweep
  // The phase workbook's own sheets (Templates/giai-doan.yaml); its year sheets follow `by_source`.
  case phaseSummary = "phase_summary"
  case phaseChain = "phase_chain"
  // The disbursement progress workbook's sheets (Templates/tien-do.yaml, ProgressTemplate.swift).
  case progressBySource = "progress_by_source"
  case progressByUnit = "progress_by_unit"
  case progressByActivity = "progress_by_activity"
  case progressMonthly = "progress_monthly"
  case progressLaggingUnits = "progress_lagging_units"
  case progressLaggingLines = "progress_lagging_lines"
  case progressProjection = "progress_projection"
  case progressExpiring = "progress_expiring"
  // The handover schedules (Templates/ban-giao.yaml); the record itself is written by the program.
  case handoverBalances = "handover_balances"
  case handoverReceipts = "handover_receipts"
  // The consolidation's own sheets (Templates/hop-nhat.yaml), after the settlement template's.
  case reconciliation
  case allocationDifferences = "allocation_differences"
  // The official forms (Templates/bao-cao-quyet-toan.yaml, FormsWorkbook.swift).
  case b01 = "b01_bcqt"
  case f0101 = "f01_01_bcqt"
  case f0102 = "f01_02_bcqt"
  case form20f = "mau_20f"

  /// The sheets of a settlement workbook (Templates/quyet-toan.yaml).
  public static let settlementKinds: Set<SheetKind> = [
    .bySource, .byContent, .byUnit, .payments, .findings, .carryOver, .chart,
  ]
  /// The sheets of a what-if comparison workbook (Templates/so-sanh.yaml).
  public static let comparisonKinds: Set<SheetKind> = [
    .lineComparison, .allLines, .sourceComparison, .newFindings, .sweep,
  ]
  /// The sheets of a phase workbook (Templates/giai-doan.yaml).
  public static let phaseKinds: Set<SheetKind> = [.phaseSummary, .phaseChain]
  /// The schedules of a handover workbook (Templates/ban-giao.yaml).
  public static let handoverKinds: Set<SheetKind> = [.handoverBalances, .handoverReceipts]
  /// The consolidation's own sheets (Templates/hop-nhat.yaml).
  public static let consolidationKinds: Set<SheetKind> = [.reconciliation, .allocationDifferences]
  /// The official forms (Templates/bao-cao-quyet-toan.yaml).
  public static let formKinds: Set<SheetKind> = [.b01, .f0101, .f0102, .form20f]

  /// Placeholders a sheet of this kind may use besides `TemplateContext.placeholderNames`.
  public var extraPlaceholders: Set<String> {
    switch self {
    case .bySource, .byContent, .byUnit, .payments, .findings, .carryOver, .chart, .lineComparison,
      .allLines, .sourceComparison, .newFindings, .sweep:
      []
    case .phaseSummary, .phaseChain: TemplateContext.phasePlaceholderNames
    case .progressBySource, .progressByUnit, .progressByActivity, .progressMonthly, .progressLaggingUnits,
      .progressLaggingLines, .progressProjection, .progressExpiring:
      progressPlaceholderNames
    case .handoverBalances, .handoverReceipts: ["date"]
    case .reconciliation, .allocationDifferences: []
    case .b01, .f0101, .f0102, .form20f: TemplateContext.formPlaceholderNames
    }
  }

  /// The columns a sheet of this kind can show (the `show:` values of a template).
  public var allowedColumns: [String] { columnType.names }

  /// Columns a sheet of this kind cannot do without.
  public var requiredColumns: [String] { columnType.requiredNames }

  /// The enum of the columns a sheet of this kind shows.
  var columnType: any TemplateColumnKind.Type {
    switch self {
    case .bySource, .byContent, .byUnit: FigureColumn.self
    case .payments: PaymentColumn.self
    case .findings: FindingColumn.self
    case .carryOver: CarryOverColumn.self
    case .chart: ChartColumn.self
    case .lineComparison, .allLines: LineComparisonColumn.self
    case .sourceComparison: SourceComparisonColumn.self
    case .newFindings: NewFindingColumn.self
    case .sweep: SweepColumn.self
    case .phaseSummary: PhaseColumn.self
    case .phaseChain: PhaseChainColumn.self
    case .progressBySource, .progressByUnit, .progressByActivity, .progressLaggingUnits,
      .progressLaggingLines,
      .progressProjection:
      ProgressColumn.self
    case .progressMonthly: ProgressMonthColumn.self
    case .progressExpiring: ProgressExpiringColumn.self
    case .handoverBalances: HandoverBalanceColumn.self
    case .handoverReceipts: HandoverReceiptColumn.self
    case .reconciliation: ReconciliationColumn.self
    case .allocationDifferences: AllocationDifferenceColumn.self
    case .b01, .f0101: B01Column.self
    case .f0102: F0102Column.self
    case .form20f: Form20fColumn.self
    }
  }
}

// MARK: - Columns, one enum per sheet kind

/// The columns of one sheet kind: the `show:` values of a template are its raw values. Builders
/// `switch` over them exhaustively, so a column a template may name but a builder forgets does not
/// compile (it used to print blank).
public protocol TemplateColumnKind: RawRepresentable, CaseIterable, Hashable, Sendable
where RawValue == String, AllCases == [Self] {
  /// Columns a sheet of this kind cannot do without.
  static var required: [Self] { get }
  /// The sheet shows every column in declaration order; a template names their headings and widths
  /// (the builder's formulas stand at fixed places).
  static var fixedOrder: Bool { get }
}

extension TemplateColumnKind {
  public static var fixedOrder: Bool { false }

  /// The column's name in a template (`show: carried_in`).
  public var name: String { rawValue }
  /// Every `show:` value of this kind, in declaration order.
  static var names: [String] { allCases.map(\.rawValue) }
  static var requiredNames: [String] { required.map(\.rawValue) }
}

/// Tổng hợp, Theo nội dung, Theo đơn vị: the figures of a settlement form and their labels. The
/// figure columns are the figures themselves (`FigureKind`), named as they are there.
public enum FigureColumn: TemplateColumnKind {
  case stt
  case label
  case figure(FigureKind)
  case note

  public static let required: [FigureColumn] = [.label]

  public static var allCases: [FigureColumn] {
    [.stt, .label] + FigureKind.allCases.map(FigureColumn.figure) + [.note]
  }

  public init?(rawValue: String) {
    switch rawValue {
    case "stt": self = .stt
    case "label": self = .label
    case "note": self = .note
    default:
      guard let figure = FigureKind(rawValue: rawValue) else { return nil }
      self = .figure(figure)
    }
  }

  public var rawValue: String {
    switch self {
    case .stt: "stt"
    case .label: "label"
    case .figure(let figure): figure.rawValue
    case .note: "note"
    }
  }

  /// The figure the column shows; nil for the text columns.
  public var figure: FigureKind? {
    if case .figure(let figure) = self { figure } else { nil }
  }
}

/// Chi tiết chi. `source`, `activity`, `unit`: the names; `*_code`: the codes.
public enum PaymentColumn: String, TemplateColumnKind {
  case id, voucher, date, year, source, activity, unit, amount, quantity, description, reverses, location
  case sourceCode = "source_code"
  case activityCode = "activity_code"
  case unitCode = "unit_code"

  public static let required: [PaymentColumn] = [.id, .amount]
}

/// Kiểm tra. `label`: the finding's name in words; `code`: the stable code.
public enum FindingColumn: String, TemplateColumnKind {
  case stt, severity, label, code, year, line, amount, location, id, message

  public static let required: [FindingColumn] = [.code, .message]
}

/// Chuyển nguồn: the unspent portions by origin year.
public enum CarryOverColumn: String, TemplateColumnKind {
  case stt, source, activity, unit
  case originYear = "origin_year"
  case usableThrough = "usable_through"
  case unspent
  case carryOver = "carry_over"
  case cancelled
  /// The carry-over's two parts (Mẫu 20f): số dư dự toán (undrawn) and số dư tạm ứng (advance).
  case carryOverUndrawn = "carry_over_undrawn"
  case carryOverAdvance = "carry_over_advance"
  /// The lapsing part drawn as an advance: to be paid back (còn phải nộp NSNN), not cancelled.
  case lapsedAdvance = "lapsed_advance"

  public static let required: [CarryOverColumn] = [.source, .originYear, .unspent]
}

/// Biểu đồ. `*_share`: the figure as a share of what was available, the chart's bars when present.
public enum ChartColumn: String, TemplateColumnKind {
  case label, available, spent, settled
  case carryOver = "carry_over"
  case cancelled, allocated
  case spentShare = "spent_share"
  case settledShare = "settled_share"
  case carryOverShare = "carry_over_share"
  case cancelledShare = "cancelled_share"

  public static let required: [ChartColumn] = [.label]

  /// The amount the column shows; nil for the label and the shares.
  public var figure: FigureKind? {
    switch self {
    case .label, .spentShare, .settledShare, .carryOverShare, .cancelledShare: nil
    case .available: .available
    case .spent: .spent
    case .settled: .settled
    case .carryOver: .carryOver
    case .cancelled: .cancelled
    case .allocated: .allocated
    }
  }

  /// The figure a `*_share` column divides by what was available.
  public var share: FigureKind? {
    switch self {
    case .label, .available, .spent, .settled, .carryOver, .cancelled, .allocated: nil
    case .spentShare: .spent
    case .settledShare: .settled
    case .carryOverShare: .carryOver
    case .cancelledShare: .cancelled
    }
  }
}

/// A comparison sheet's columns: `scenario`, `delta` and `delta_percent` repeat once per scenario.
public protocol ScenarioColumnKind: TemplateColumnKind {
  static var stt: Self { get }
  static var baseline: Self { get }
  static var scenario: Self { get }
  static var delta: Self { get }
  static var deltaPercent: Self { get }
  /// Stands after every scenario's columns (the status naming each scenario).
  var standsLast: Bool { get }
  /// The wide text column that carries a total row's label.
  var holdsTotalLabel: Bool { get }
}

extension ScenarioColumnKind {
  /// Columns repeated once per scenario.
  var isPerScenario: Bool { self == .scenario || self == .delta || self == .deltaPercent }
}

/// So sánh theo dòng, Tất cả các dòng.
public enum LineComparisonColumn: String, ScenarioColumnKind {
  case stt, source, activity, unit, spent, baseline, scenario, delta
  case deltaPercent = "delta_percent"
  /// One column naming the scenario in each entry ("KB1: Chi vượt dự toán 4.500.000; KB3: …").
  case status

  public static let required: [LineComparisonColumn] = [.baseline, .scenario]

  public var standsLast: Bool { self == .status }
  public var holdsTotalLabel: Bool { self == .activity }
}

/// Theo nguồn (comparison).
public enum SourceComparisonColumn: String, ScenarioColumnKind {
  case stt, label, baseline, scenario, delta
  case deltaPercent = "delta_percent"

  public static let required: [SourceComparisonColumn] = [.baseline, .scenario]

  public var standsLast: Bool { false }
  public var holdsTotalLabel: Bool { self == .label }
}

/// Phát hiện mới: `scenario` names the scenario.
public enum NewFindingColumn: String, TemplateColumnKind {
  case stt, scenario, severity, label, code, line
  case baselineAmount = "baseline_amount"
  case amount, message

  public static let required: [NewFindingColumn] = [.code, .message]
}

/// Quét tham số. Overspending and the counterpart shortfall are different money: a column each,
/// never a sum.
public enum SweepColumn: String, TemplateColumnKind {
  case value, broken
  case newErrors = "new_errors"
  case overspendIncrease = "overspend_increase"
  case counterpartShortIncrease = "counterpart_short_increase"
  case allocated

  public static let required: [SweepColumn] = [.value, .broken]
}

/// Toàn giai đoạn: the phase per source, from opening to closing, and its check.
public enum PhaseColumn: String, TemplateColumnKind {
  case stt, source, opening, allocated, spent, settled, cancelled, closing
  case chainDifference = "chain_difference"
  case check

  public static let required = allCases
  public static let fixedOrder = true
}

/// Đối chiếu chuyển nguồn: what each year carried over against what the next carried in.
public enum PhaseChainColumn: String, TemplateColumnKind {
  case stt, source
  case carriedOver = "carried_over"
  case carriedIn = "carried_in"
  case difference, note

  public static let required = allCases
  public static let fixedOrder = true
}

/// Biểu 01: each balance handed over (old unit · source · activity · origin) and its parts.
public enum HandoverBalanceColumn: String, TemplateColumnKind {
  case stt, unit, source, activity
  case originYear = "origin_year"
  case balance, received, check

  public static let required = allCases
  public static let fixedOrder = true
}

/// Biểu 02: what each successor receives and how it opens its books.
public enum HandoverReceiptColumn: String, TemplateColumnKind {
  case stt, successor, source
  case originYear = "origin_year"
  case entry, amount, from

  public static let required = allCases
  public static let fixedOrder = true
}

/// Đối chiếu: per unit and source, the district's allocation against the unit's receipt and spending.
public enum ReconciliationColumn: String, TemplateColumnKind {
  case stt, unit, source
  case districtAllocated = "district_allocated"
  case unitReceived = "unit_received"
  case difference
  case unitSpent = "unit_spent"
  case remaining, folder

  public static let required = allCases
  public static let fixedOrder = true
}

/// Chênh lệch dự toán: each allocation the district and a unit record differently, both figures.
public enum AllocationDifferenceColumn: String, TemplateColumnKind {
  case stt, unit, source, activity
  case allocationKind = "allocation_kind"
  case originYear = "origin_year"
  case differenceKind = "difference_kind"
  case districtDecision = "district_decision"
  case unitDecision = "unit_decision"
  case districtAmount = "district_amount"
  case unitAmount = "unit_amount"
  case difference
  case districtRow = "district_row"
  case unitRow = "unit_row"

  public static let required = allCases
  public static let fixedOrder = true
}

/// Mẫu số B01/BCQT and its appendix F01-01/BCQT: STT, chỉ tiêu, mã số, tổng số (the form's letters A,
/// B, C and number 1), then per loại its tổng số (`sector_total`) and a column per khoản (`subsector`),
/// and the money without a loại-khoản (`sector_missing`). The last three repeat as the data needs; their
/// headings may use {loai} and {khoan}.
public enum B01Column: String, TemplateColumnKind {
  case stt, label, code, total
  case sectorTotal = "sector_total"
  case subsector
  case sectorMissing = "sector_missing"

  public static let required = allCases
  public static let fixedOrder = true
}

/// Mẫu số F01-02/BCQT: STT, chỉ tiêu, mã số, then the project's total approved allocation, this
/// year's figure and the figure since the phase began.
public enum F0102Column: String, TemplateColumnKind {
  case stt, label, code, approved, year, cumulative

  public static let required = allCases
  public static let fixedOrder = true
}

/// Mẫu số 20f (04SDKP/ĐVDT): its columns 1–12 in the form's order (docs/forms.md).
public enum Form20fColumn: String, TemplateColumnKind {
  case stt, unit, nature, sector, total
  case carriedIn = "carried_in"
  case initial, adjusted, used, cancelled
  case undrawnBalance = "undrawn_balance"
  case advanceBalance = "advance_balance"

  public static let required = allCases
  public static let fixedOrder = true
}

// MARK: - Sheets

public struct TemplateColumn<Show: TemplateColumnKind>: Hashable, Sendable {
  /// What the column shows.
  public let show: Show
  public let heading: String
  /// A fixed width in characters; nil = computed from the content.
  public let width: Int?
  /// `heading_en`: the heading of an English workbook (`--lang en`); nil = `heading` in both.
  public let headingEnglish: String?

  public init(show: Show, heading: String, width: Int? = nil, headingEnglish: String? = nil) {
    self.show = show
    self.heading = heading
    self.width = width
    self.headingEnglish = headingEnglish
  }
}

/// One sheet of a template with its kind's columns.
public struct TemplateSheet<Show: TemplateColumnKind>: Hashable, Sendable {
  public let name: String
  public let title: String
  public let subtitle: String?
  public let columns: [TemplateColumn<Show>]
  /// `title_en`, `subtitle_en`, `name_en`: the texts of an English workbook; nil = the same in both.
  public let titleEnglish: String?
  public let subtitleEnglish: String?
  public let nameEnglish: String?
  /// `signed: false`: a working sheet (Kiểm tra, Chi tiết chi) — no signature block under it.
  public let signed: Bool
  /// `form`: the sheet's form number printed at the top right ("Biểu số 01"); nil = none.
  public let form: String?
  /// A form sheet's own page (`header:`, `orientation:`): a form whose header block and paper differ
  /// from the document's (Mẫu 20f in the forms workbook); nil = the document's.
  public var page: SheetPage? = nil

  public init(
    name: String, title: String, subtitle: String?, columns: [TemplateColumn<Show>],
    titleEnglish: String? = nil, subtitleEnglish: String? = nil, nameEnglish: String? = nil,
    signed: Bool = true, form: String? = nil
  ) {
    self.name = name
    self.title = title
    self.subtitle = subtitle
    self.columns = columns
    self.titleEnglish = titleEnglish
    self.subtitleEnglish = subtitleEnglish
    self.nameEnglish = nameEnglish
    self.signed = signed
    self.form = form
  }

  /// The sheet in `language`: the English texts where the template gives them.
  public func localized(_ language: Language) -> TemplateSheet {
    guard language == .en else { return self }
    return TemplateSheet(
      name: nameEnglish ?? name, title: titleEnglish ?? title, subtitle: subtitleEnglish ?? subtitle,
      columns: columns.map {
        TemplateColumn(show: $0.show, heading: $0.headingEnglish ?? $0.heading, width: $0.width)
      }, signed: signed, form: form
    ).with(page: page)
  }

  /// The same sheet on its own page.
  func with(page: SheetPage?) -> TemplateSheet {
    var sheet = self
    sheet.page = page
    return sheet
  }

  /// Where the column showing `show` stands, if the template shows it.
  public func index(of show: Show) -> Int? { columns.firstIndex { $0.show == show } }

  /// The same sheet with other texts (a part of a split sheet, a consolidated title, a legend).
  func with(name: String? = nil, title: String? = nil, subtitle: String?? = nil) -> TemplateSheet {
    TemplateSheet(
      name: name ?? self.name, title: title ?? self.title, subtitle: subtitle ?? self.subtitle,
      columns: columns, titleEnglish: titleEnglish, subtitleEnglish: subtitleEnglish,
      nameEnglish: nameEnglish, signed: signed, form: form
    ).with(page: page)
  }
}

/// A form sheet's own header block and orientation, replacing the document's on that sheet.
public struct SheetPage: Hashable, Sendable {
  /// nil: the document's.
  public let headerLeft: [String]?
  public let headerRight: [String]?
  public let landscape: Bool?

  public init(headerLeft: [String]?, headerRight: [String]?, landscape: Bool?) {
    self.headerLeft = headerLeft
    self.headerRight = headerRight
    self.landscape = landscape
  }
}

extension DocumentStyle {
  /// The document as one sheet prints it: the sheet's own header block and orientation.
  public func on(_ page: SheetPage?) -> DocumentStyle {
    guard let page else { return self }
    return DocumentStyle(
      font: font, fontSize: fontSize, titleSize: titleSize, landscape: page.landscape ?? landscape,
      headerLeft: page.headerLeft ?? headerLeft, headerRight: page.headerRight ?? headerRight,
      unitLabels: unitLabels,
      numberFormats: numberFormats, placeDate: placeDate, signers: signers, footer: footer,
      unitSigners: unitSigners, reference: reference)
  }
}

/// A sheet of a template, typed by its kind: each case carries the columns of its kind only.
public enum WorkbookSheet: Hashable, Sendable {
  case bySource(TemplateSheet<FigureColumn>)
  case byContent(TemplateSheet<FigureColumn>)
  case byUnit(TemplateSheet<FigureColumn>)
  case payments(TemplateSheet<PaymentColumn>)
  case findings(TemplateSheet<FindingColumn>)
  case carryOver(TemplateSheet<CarryOverColumn>)
  case chart(TemplateSheet<ChartColumn>)
  case lineComparison(TemplateSheet<LineComparisonColumn>)
  case allLines(TemplateSheet<LineComparisonColumn>)
  case sourceComparison(TemplateSheet<SourceComparisonColumn>)
  case newFindings(TemplateSheet<NewFindingColumn>)
  case sweep(TemplateSheet<SweepColumn>)
  case phaseSummary(TemplateSheet<PhaseColumn>)
  case phaseChain(TemplateSheet<PhaseChainColumn>)
  /// The progress workbook's sheets (ProgressTemplate.swift).
  case progress(ProgressSheet)
  case handoverBalances(TemplateSheet<HandoverBalanceColumn>)
  case handoverReceipts(TemplateSheet<HandoverReceiptColumn>)
  case reconciliation(TemplateSheet<ReconciliationColumn>)
  case allocationDifferences(TemplateSheet<AllocationDifferenceColumn>)
  case b01(TemplateSheet<B01Column>)
  case f0101(TemplateSheet<B01Column>)
  case f0102(TemplateSheet<F0102Column>)
  case form20f(TemplateSheet<Form20fColumn>)

  public var kind: SheetKind {
    switch self {
    case .bySource: .bySource
    case .byContent: .byContent
    case .byUnit: .byUnit
    case .payments: .payments
    case .findings: .findings
    case .carryOver: .carryOver
    case .chart: .chart
    case .lineComparison: .lineComparison
    case .allLines: .allLines
    case .sourceComparison: .sourceComparison
    case .newFindings: .newFindings
    case .sweep: .sweep
    case .phaseSummary: .phaseSummary
    case .phaseChain: .phaseChain
    case .progress(let sheet): sheet.kind
    case .handoverBalances: .handoverBalances
    case .handoverReceipts: .handoverReceipts
    case .reconciliation: .reconciliation
    case .allocationDifferences: .allocationDifferences
    case .b01: .b01
    case .f0101: .f0101
    case .f0102: .f0102
    case .form20f: .form20f
    }
  }

  /// The sheet's texts and column names, whatever its kind.
  private var untyped: UntypedSheet {
    switch self {
    case .bySource(let sheet), .byContent(let sheet), .byUnit(let sheet): UntypedSheet(sheet)
    case .payments(let sheet): UntypedSheet(sheet)
    case .findings(let sheet): UntypedSheet(sheet)
    case .carryOver(let sheet): UntypedSheet(sheet)
    case .chart(let sheet): UntypedSheet(sheet)
    case .lineComparison(let sheet), .allLines(let sheet): UntypedSheet(sheet)
    case .sourceComparison(let sheet): UntypedSheet(sheet)
    case .newFindings(let sheet): UntypedSheet(sheet)
    case .sweep(let sheet): UntypedSheet(sheet)
    case .phaseSummary(let sheet): UntypedSheet(sheet)
    case .phaseChain(let sheet): UntypedSheet(sheet)
    case .progress(.bySource(let sheet)), .progress(.byUnit(let sheet)), .progress(.byActivity(let sheet)),
      .progress(.laggingUnits(let sheet)), .progress(.laggingLines(let sheet)),
      .progress(.projection(let sheet)):
      UntypedSheet(sheet)
    case .progress(.monthly(let sheet)): UntypedSheet(sheet)
    case .progress(.expiring(let sheet)): UntypedSheet(sheet)
    case .handoverBalances(let sheet): UntypedSheet(sheet)
    case .handoverReceipts(let sheet): UntypedSheet(sheet)
    case .reconciliation(let sheet): UntypedSheet(sheet)
    case .allocationDifferences(let sheet): UntypedSheet(sheet)
    case .b01(let sheet), .f0101(let sheet): UntypedSheet(sheet)
    case .f0102(let sheet): UntypedSheet(sheet)
    case .form20f(let sheet): UntypedSheet(sheet)
    }
  }

  public var name: String { untyped.name }
  public var title: String { untyped.title }
  public var subtitle: String? { untyped.subtitle }
  /// The `show:` names of the columns, in order (for messages and tests).
  public var columnNames: [String] { untyped.columnNames }
  public var headings: [String] { untyped.headings }
  /// False for a working sheet printed without a signature block.
  public var signed: Bool { untyped.signed }
  /// The form number printed at the sheet's top right, if any.
  public var form: String? { untyped.form }

  /// The same sheet with another title (the consolidated workbook's).
  func with(title: String) -> WorkbookSheet {
    switch self {
    case .bySource(let sheet): .bySource(sheet.with(title: title))
    case .byContent(let sheet): .byContent(sheet.with(title: title))
    case .byUnit(let sheet): .byUnit(sheet.with(title: title))
    case .payments(let sheet): .payments(sheet.with(title: title))
    case .findings(let sheet): .findings(sheet.with(title: title))
    case .carryOver(let sheet): .carryOver(sheet.with(title: title))
    case .chart(let sheet): .chart(sheet.with(title: title))
    case .lineComparison(let sheet): .lineComparison(sheet.with(title: title))
    case .allLines(let sheet): .allLines(sheet.with(title: title))
    case .sourceComparison(let sheet): .sourceComparison(sheet.with(title: title))
    case .newFindings(let sheet): .newFindings(sheet.with(title: title))
    case .sweep(let sheet): .sweep(sheet.with(title: title))
    case .phaseSummary(let sheet): .phaseSummary(sheet.with(title: title))
    case .phaseChain(let sheet): .phaseChain(sheet.with(title: title))
    case .progress(let sheet): .progress(sheet.with(title: title))
    case .handoverBalances(let sheet): .handoverBalances(sheet.with(title: title))
    case .handoverReceipts(let sheet): .handoverReceipts(sheet.with(title: title))
    case .reconciliation(let sheet): .reconciliation(sheet.with(title: title))
    case .allocationDifferences(let sheet): .allocationDifferences(sheet.with(title: title))
    case .b01(let sheet): .b01(sheet.with(title: title))
    case .f0101(let sheet): .f0101(sheet.with(title: title))
    case .f0102(let sheet): .f0102(sheet.with(title: title))
    case .form20f(let sheet): .form20f(sheet.with(title: title))
    }
  }
}

/// A sheet's texts and column names without its column type.
private struct UntypedSheet {
  let name: String
  let title: String
  let subtitle: String?
  let columnNames: [String]
  let headings: [String]
  let signed: Bool
  let form: String?

  init<Show>(_ sheet: TemplateSheet<Show>) {
    name = sheet.name
    title = sheet.title
    subtitle = sheet.subtitle
    signed = sheet.signed
    form = sheet.form
    columnNames = sheet.columns.map(\.show.name)
    headings = sheet.columns.map(\.heading)
  }
}

extension SettlementTemplate {
  /// The first sheet of each typed kind, for the builders that need another sheet's cells.
  var bySourceSheet: TemplateSheet<FigureColumn>? {
    sheets.lazy.compactMap { if case .bySource(let sheet) = $0 { sheet } else { nil } }.first
  }
  var paymentsSheet: TemplateSheet<PaymentColumn>? {
    sheets.lazy.compactMap { if case .payments(let sheet) = $0 { sheet } else { nil } }.first
  }
  var carryOverSheet: TemplateSheet<CarryOverColumn>? {
    sheets.lazy.compactMap { if case .carryOver(let sheet) = $0 { sheet } else { nil } }.first
  }
  var phaseSummarySheet: TemplateSheet<PhaseColumn>? {
    sheets.lazy.compactMap { if case .phaseSummary(let sheet) = $0 { sheet } else { nil } }.first
  }
  var phaseChainSheet: TemplateSheet<PhaseChainColumn>? {
    sheets.lazy.compactMap { if case .phaseChain(let sheet) = $0 { sheet } else { nil } }.first
  }
  var handoverBalancesSheet: TemplateSheet<HandoverBalanceColumn>? {
    sheets.lazy.compactMap { if case .handoverBalances(let sheet) = $0 { sheet } else { nil } }.first
  }
  var handoverReceiptsSheet: TemplateSheet<HandoverReceiptColumn>? {
    sheets.lazy.compactMap { if case .handoverReceipts(let sheet) = $0 { sheet } else { nil } }.first
  }
  var reconciliationSheet: TemplateSheet<ReconciliationColumn>? {
    sheets.lazy.compactMap { if case .reconciliation(let sheet) = $0 { sheet } else { nil } }.first
  }
  var allocationDifferencesSheet: TemplateSheet<AllocationDifferenceColumn>? {
    sheets.lazy.compactMap { if case .allocationDifferences(let sheet) = $0 { sheet } else { nil } }.first
  }
}

extension WorkbookSheet {
  /// The sheet's figure columns when it is a figure sheet (by source, by content, by unit).
  var figureSheet: TemplateSheet<FigureColumn>? {
    switch self {
    case .bySource(let sheet), .byContent(let sheet), .byUnit(let sheet): sheet
    case .payments, .findings, .carryOver, .chart, .lineComparison, .allLines, .sourceComparison,
      .newFindings, .sweep, .phaseSummary, .phaseChain, .progress, .handoverBalances, .handoverReceipts,
      .reconciliation, .allocationDifferences, .b01, .f0101, .f0102, .form20f:
      nil
    }
  }
}

public struct Signer: Hashable, Sendable {
  public let title: String
  public let hint: String
  /// `title_en`, `hint_en`: the texts of an English workbook; nil = the same in both.
  public var titleEnglish: String? = nil
  public var hintEnglish: String? = nil

  public init(title: String, hint: String, titleEnglish: String? = nil, hintEnglish: String? = nil) {
    self.title = title
    self.hint = hint
    self.titleEnglish = titleEnglish
    self.hintEnglish = hintEnglish
  }

  /// The signer in `language`.
  public func localized(_ language: Language) -> Signer {
    language == .en ? Signer(title: titleEnglish ?? title, hint: hintEnglish ?? hint) : self
  }
}

/// Fonts, header and signature texts, number formats: what every sheet shares.
public struct DocumentStyle: Hashable, Sendable {
  public let font: String
  public let fontSize: Int
  public let titleSize: Int
  public let landscape: Bool
  public let headerLeft: [String]
  public let headerRight: [String]
  public let unitLabels: [DisplayScale: String]
  public let numberFormats: [DisplayScale: String]
  public let placeDate: String
  /// Who signs the office's own document (the district Phòng TC-KH: Người lập biểu · Trưởng phòng).
  public let signers: [Signer]
  public let footer: String
  /// `unit_signers`: who signs a unit's own document (`--per-unit`: Người lập biểu · Kế toán trưởng ·
  /// Thủ trưởng đơn vị); nil = `signers`.
  public var unitSigners: [Signer]? = nil
  /// `header.reference`: the document's number line under the issuer ("Số: ……/BC-TCKH"); nil = none.
  public var reference: String? = nil

  public init(
    font: String, fontSize: Int, titleSize: Int, landscape: Bool, headerLeft: [String],
    headerRight: [String], unitLabels: [DisplayScale: String], numberFormats: [DisplayScale: String],
    placeDate: String, signers: [Signer], footer: String, unitSigners: [Signer]? = nil,
    reference: String? = nil
  ) {
    self.font = font
    self.fontSize = fontSize
    self.titleSize = titleSize
    self.landscape = landscape
    self.headerLeft = headerLeft
    self.headerRight = headerRight
    self.unitLabels = unitLabels
    self.numberFormats = numberFormats
    self.placeDate = placeDate
    self.signers = signers
    self.footer = footer
    self.unitSigners = unitSigners
    self.reference = reference
  }

  /// The document in `language`: its signers' English texts where the template gives them.
  public func localized(_ language: Language) -> DocumentStyle {
    DocumentStyle(
      font: font, fontSize: fontSize, titleSize: titleSize, landscape: landscape, headerLeft: headerLeft,
      headerRight: headerRight, unitLabels: unitLabels, numberFormats: numberFormats, placeDate: placeDate,
      signers: signers.map { $0.localized(language) }, footer: footer,
      unitSigners: unitSigners?.map { $0.localized(language) }, reference: reference)
  }

  /// Who signs: a unit's signers on a unit's own document, the office's otherwise.
  public func signers(forUnit unitDocument: Bool) -> [Signer] {
    unitDocument ? (unitSigners ?? signers) : signers
  }
}

/// A settlement workbook layout read at run time from `Templates/*.yaml`.
public struct SettlementTemplate: Hashable, Sendable {
  public let document: DocumentStyle
  public let sheets: [WorkbookSheet]
  /// The file it was read from, for messages.
  public let file: String
  /// The workbook's texts outside its tables (`texts:`; TemplateTexts.swift); none for a workbook
  /// that has no such texts.
  public var texts = TemplateTexts()
}

/// Values the template's `{…}` placeholders stand for.
public struct TemplateContext: Sendable {
  public let values: [String: String]

  /// `unit`: the workbook reports one unit's money (`settle --per-unit`); the unit then stands where
  /// the office stands in the header block ({office}, {OFFICE}), under the issuer it answers to.
  public init(plan: PlanInfo, year: Int, unit: BudgetCore.Unit? = nil) {
    var values = [
      "year": String(year),
      "next_year": String(year + 1),
      "plan": plan.name,
      "issuer": plan.issuer ?? "",
      "office": plan.office ?? "",
      "place": plan.place ?? "",
      "ISSUER": (plan.issuer ?? "").uppercased(),
      "OFFICE": (plan.office ?? "").uppercased(),
    ]
    if let unit {
      values["office"] = unit.name
      values["OFFICE"] = unit.name.uppercased()
    }
    self.values = values
  }

  /// Replaces every `{name}` the context knows; unknown names were refused when the template was read.
  public func fill(_ text: String) -> String {
    var out = text
    for (name, value) in values { out = out.replacingOccurrences(of: "{\(name)}", with: value) }
    return out
  }

  public static let placeholderNames: Set<String> = [
    "year", "next_year", "plan", "issuer", "office", "place", "ISSUER", "OFFICE",
  ]
  /// A phase workbook's: its first year, its span ("2021-2025") and the year its report is signed
  /// in; {year} is the phase's last year there, {next_year} the year after it.
  public static let phasePlaceholderNames: Set<String> = ["first_year", "span", "report_year"]
  /// The official forms': the form's number ("B01/BCQT"), the reporting body (a unit on its own forms)
  /// and its codes (Mã chương, Mã ĐVQHNS; dots to fill in by hand when the plan has none), and in the
  /// loại-khoản columns' headings the loại and the khoản.
  public static let formPlaceholderNames: Set<String> = [
    "form_code", "reporting_body", "chapter", "budget_unit_code", "loai", "khoan",
  ]

  /// The same context with more values (a phase's years).
  public func adding(_ more: [String: String]) -> TemplateContext {
    TemplateContext(values: values.merging(more) { _, new in new })
  }

  private init(values: [String: String]) {
    self.values = values
  }
}

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

  /// The sheets of a settlement workbook (Templates/quyet-toan.yaml).
  public static let settlementKinds: Set<SheetKind> = [
    .bySource, .byContent, .byUnit, .payments, .findings, .carryOver, .chart,
  ]
  /// The sheets of a what-if comparison workbook (Templates/so-sanh.yaml).
  public static let comparisonKinds: Set<SheetKind> = [
    .lineComparison, .allLines, .sourceComparison, .newFindings, .sweep,
  ]

  /// The columns a sheet of this kind can show (the `show:` values of a template).
  public var allowedColumns: [String] {
    switch self {
    case .bySource, .byContent, .byUnit:
      ["stt", "label"] + FigureKind.allCases.map(\.rawValue) + ["note"]
    case .payments:
      // source, activity, unit: the names; *_code: the codes.
      [
        "id", "voucher", "date", "year", "source", "activity", "unit", "amount", "quantity",
        "description", "reverses", "location", "source_code", "activity_code", "unit_code",
      ]
    case .findings:
      // label: the finding's name in words; code: the stable code.
      ["stt", "severity", "label", "code", "year", "line", "amount", "location", "id", "message"]
    case .carryOver:
      [
        "stt", "source", "activity", "unit", "origin_year", "usable_through", "unspent", "carry_over",
        "cancelled",
      ]
    case .chart:
      // *_share: the figure as a share of what was available, the chart's bars when present.
      [
        "label", "available", "spent", "settled", "carry_over", "cancelled", "allocated", "spent_share",
        "settled_share", "carry_over_share", "cancelled_share",
      ]
    case .lineComparison, .allLines:
      [
        "stt", "source", "activity", "unit", "spent", "baseline", "scenario", "delta", "delta_percent",
        "status",
      ]
    case .sourceComparison: ["stt", "label", "baseline", "scenario", "delta", "delta_percent"]
    case .newFindings:
      ["stt", "scenario", "severity", "label", "code", "line", "baseline_amount", "amount", "message"]
    case .sweep:
      // Overspending and the counterpart shortfall are different money: a column each, never a sum.
      ["value", "broken", "new_errors", "overspend_increase", "counterpart_short_increase", "allocated"]
    }
  }

  /// Columns a sheet of this kind cannot do without.
  public var requiredColumns: [String] {
    switch self {
    case .bySource, .byContent, .byUnit, .chart: ["label"]
    case .payments: ["id", "amount"]
    case .findings: ["code", "message"]
    case .carryOver: ["source", "origin_year", "unspent"]
    case .lineComparison, .allLines, .sourceComparison: ["baseline", "scenario"]
    case .newFindings: ["code", "message"]
    case .sweep: ["value", "broken"]
    }
  }
}

public struct TemplateColumn: Hashable, Sendable {
  /// What the column shows: one of the sheet kind's `allowedColumns`.
  public let show: String
  public let heading: String
  /// A fixed width in characters; nil = computed from the content.
  public let width: Int?
}

public struct TemplateSheet: Hashable, Sendable {
  public let kind: SheetKind
  public let name: String
  public let title: String
  public let subtitle: String?
  public let columns: [TemplateColumn]
}

public struct Signer: Hashable, Sendable {
  public let title: String
  public let hint: String
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
  public let signers: [Signer]
  public let footer: String
}

/// A settlement workbook layout read at run time from `Templates/*.yaml`.
public struct SettlementTemplate: Hashable, Sendable {
  public let document: DocumentStyle
  public let sheets: [TemplateSheet]
  /// The file it was read from, for messages.
  public let file: String
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
}

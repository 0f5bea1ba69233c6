/// The codes of the state budget's classification (Mục lục ngân sách nhà nước, Thông tư
/// 324/2016/TT-BTC) that the official forms print: fixed-length digit strings, validated when built,
/// so a value of one of these types is always a well-formed code of its kind.
public protocol DigitCodeKind: Sendable {
  /// How many digits a code of this kind has.
  static var digitCount: Int { get }
  /// What the code is called, for messages ("mã chương" / "chapter code").
  static var title: LocalizedText { get }
  /// A rule beyond the length, for kinds whose numbering has one (Mục, Tiểu mục).
  static func satisfiesNumbering(_ value: Int) -> Bool
}

extension DigitCodeKind {
  public static func satisfiesNumbering(_ value: Int) -> Bool { true }
}

/// A code of exactly `Kind.digitCount` ASCII digits, leading zeros kept (`018` is not `18`).
public struct DigitCode<Kind: DigitCodeKind>: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let rawValue: String

  /// Nil unless `text` is exactly the kind's digits and satisfies its numbering rule.
  public init?(_ text: String) {
    guard text.utf8.count == Kind.digitCount, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      let value = Int(text), Kind.satisfiesNumbering(value)
    else { return nil }
    rawValue = text
  }

  /// The code as a number (for the numbering rules; never printed this way).
  public var value: Int {
    guard let value = Int(rawValue) else { preconditionFailure("validated at construction") }
    return value
  }

  public static func < (lhs: DigitCode, rhs: DigitCode) -> Bool { lhs.rawValue < rhs.rawValue }
  public var description: String { rawValue }
}

/// Mã chương: the budget chapter of the reporting body or unit (3 digits, e.g. 760).
public enum ChapterKind: DigitCodeKind {
  public static let digitCount = 3
  public static let title = LocalizedText(vi: "mã chương", en: "chapter code")
}

/// Mã ĐVQHNS: the number of a unit that has a relationship with the budget (7 digits).
public enum BudgetRelationKind: DigitCodeKind {
  public static let digitCount = 7
  public static let title = LocalizedText(vi: "mã ĐVQHNS", en: "budget relationship unit code")
}

/// Mục (item of the economic classification, 4 digits). In the Mục lục NSNN the items are numbered
/// in steps of 50 (6000, 6050, …, 6650, 6700, 7000) and each item's sub-items follow it (6651…6699
/// belong to 6650), so an item code is a multiple of 50.
public enum BudgetItemKind: DigitCodeKind {
  public static let digitCount = 4
  public static let title = LocalizedText(vi: "mục", en: "item (mục)")
  public static func satisfiesNumbering(_ value: Int) -> Bool { value % 50 == 0 }
}

/// Tiểu mục (sub-item, 4 digits): item + 1 … item + 49, never a multiple of 50.
public enum BudgetSubItemKind: DigitCodeKind {
  public static let digitCount = 4
  public static let title = LocalizedText(vi: "tiểu mục", en: "sub-item (tiểu mục)")
  public static func satisfiesNumbering(_ value: Int) -> Bool { value % 50 != 0 }
}

/// Mã chương trình, mục tiêu và dự án quốc gia (4 digits): the programme's own code and the codes of
/// its projects (dự án) and sub-projects (tiểu dự án) are all of this form.
public enum NationalProgrammeKind: DigitCodeKind {
  public static let digitCount = 4
  public static let title = LocalizedText(
    vi: "mã chương trình, mục tiêu, dự án quốc gia", en: "national programme/project code")
}

public typealias ChapterCode = DigitCode<ChapterKind>
public typealias BudgetRelationCode = DigitCode<BudgetRelationKind>
public typealias BudgetItemCode = DigitCode<BudgetItemKind>
public typealias BudgetSubItemCode = DigitCode<BudgetSubItemKind>
public typealias NationalProgrammeCode = DigitCode<NationalProgrammeKind>

extension DigitCode where Kind == BudgetSubItemKind {
  /// The item (mục) this sub-item belongs to: the multiple of 50 just below it.
  public var item: BudgetItemCode {
    let itemValue = value - value % 50
    let digits = String(itemValue)
    guard let item = BudgetItemCode(String(repeating: "0", count: 4 - digits.count) + digits) else {
      preconditionFailure("a multiple of 50 below a 4-digit sub-item is a valid item")
    }
    return item
  }
}

/// Loại-Khoản: the economic-sector classification (ngành kinh tế), a loại of 3 digits and one of its
/// khoản of 3 digits. Written canonically `160-161`; officers also write `160.161`, `160/161`,
/// `160 161`, `160 - 161` or `160161`, all read as the same code.
public struct SectorCode: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Loại (3 digits).
  public let sector: String
  /// Khoản (3 digits).
  public let subsector: String

  /// Reads any of the accepted written forms; nil when it is none of them.
  public init?(_ text: String) {
    let bytes = Array(text.utf8)
    let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
    // Three digits, then spaces and at most one of - . / between, then three digits.
    guard bytes.count >= 6, bytes.prefix(3).allSatisfy(isDigit), bytes.suffix(3).allSatisfy(isDigit)
    else { return nil }
    let between = bytes[3..<(bytes.count - 3)]
    guard between.allSatisfy({ [0x20, 0x2D, 0x2E, 0x2F].contains($0) }),
      between.filter({ $0 != 0x20 }).count <= 1
    else { return nil }
    sector = String(decoding: bytes.prefix(3), as: UTF8.self)
    subsector = String(decoding: bytes.suffix(3), as: UTF8.self)
  }

  /// `160-161`.
  public var description: String { "\(sector)-\(subsector)" }

  public static func < (lhs: SectorCode, rhs: SectorCode) -> Bool {
    (lhs.sector, lhs.subsector) < (rhs.sector, rhs.subsector)
  }
}

/// The reporting body's own codes (plan.yaml `plan:`), printed in the forms' headers.
public struct ReportingBody: Hashable, Sendable {
  /// The body's name as the forms print it (Đơn vị báo cáo); nil = the plan's `office`.
  public let name: String?
  public let chapter: ChapterCode?
  public let budgetRelationCode: BudgetRelationCode?

  public init(name: String? = nil, chapter: ChapterCode? = nil, budgetRelationCode: BudgetRelationCode? = nil)
  {
    self.name = name
    self.chapter = chapter
    self.budgetRelationCode = budgetRelationCode
  }
}

/// An activity's default classification (plan.yaml `activities:`): where its money is reported unless
/// a payment names its own tiểu mục.
public struct ActivityClassification: Hashable, Sendable {
  public let sector: SectorCode?
  /// The item; when `subItem` is set it is the sub-item's item (the plan reader checks that).
  public let item: BudgetItemCode?
  public let subItem: BudgetSubItemCode?

  public init(sector: SectorCode? = nil, item: BudgetItemCode? = nil, subItem: BudgetSubItemCode? = nil) {
    precondition(
      subItem == nil || item == nil || subItem?.item == item, "a sub-item belongs to its item")
    self.sector = sector
    self.item = item ?? subItem?.item
    self.subItem = subItem
  }

  public static let none = ActivityClassification()
}

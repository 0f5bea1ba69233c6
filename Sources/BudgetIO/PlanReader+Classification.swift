import BudgetCore
import LocatedYAML
import Yams

/// The budget classification codes of plan.yaml (docs/workspace-format.md, "Budget classification
/// codes"): all optional; a value that is there must be well formed, or it is an error at its line and
/// column saying what was expected.
extension Reader {
  /// A fixed-length digit code under `key`, or nil (absent, null, or reported as malformed). YAML may
  /// read `0500` as a number, so the scalar's text as written is what is checked.
  mutating func digitCode<Kind>(
    _ fields: [String: (key: Node, value: Node)], _ key: String, context: String, example: String
  ) -> (code: DigitCode<Kind>?, valid: Bool) {
    guard let entry = fields[key], !isNull(entry.value) else { return (nil, true) }
    let value = (text(entry.value) ?? "").trimmingCharacters(in: .whitespaces)
    if let code = DigitCode<Kind>(value) { return (code, true) }
    let shown = TextRules.escapedForMessage(String(value.prefix(40)))
    let title = Kind.title
    var vi = "cần đúng \(Kind.digitCount) chữ số (ví dụ \(example))"
    var en = "expected exactly \(Kind.digitCount) digits (for example \(example))"
    if value.utf8.count == Kind.digitCount, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
      // The digits are right; the numbering rule of the Mục lục is not.
      if Kind.self == BudgetItemKind.self {
        vi = "mã mục là bội số của 50 (6650, 6700); '\(shown)' là mã tiểu mục, ghi ở 'sub_item_code'"
        en =
          "an item code is a multiple of 50 (6650, 6700); '\(shown)' is a sub-item code, for 'sub_item_code'"
      } else if Kind.self == BudgetSubItemKind.self {
        vi = "mã tiểu mục không là bội số của 50 (6651, 6702); '\(shown)' là mã mục, ghi ở 'item_code'"
        en =
          "a sub-item code is not a multiple of 50 (6651, 6702); '\(shown)' is an item code, for 'item_code'"
      }
    }
    report(
      entry.value,
      vi: "\(title.vi.capitalizedFirst) '\(key)' trong '\(context)' không hợp lệ '\(shown)': \(vi).",
      en: "Invalid \(title.en) '\(key)' in '\(context)' '\(shown)': \(en).")
    return (nil, false)
  }

  /// `sector_code` (loại-khoản) of an activity.
  mutating func sectorCode(_ fields: [String: (key: Node, value: Node)], context: String) -> (
    code: SectorCode?, valid: Bool
  ) {
    guard let entry = fields["sector_code"], !isNull(entry.value) else { return (nil, true) }
    let value = (text(entry.value) ?? "").trimmingCharacters(in: .whitespaces)
    if let code = SectorCode(value) { return (code, true) }
    let shown = TextRules.escapedForMessage(String(value.prefix(40)))
    report(
      entry.value,
      vi: "Loại-khoản 'sector_code' trong '\(context)' không hợp lệ '\(shown)': cần loại 3 chữ số và khoản "
        + "3 chữ số, ví dụ 160-161 (cũng nhận 160.161, 160/161, 160 161, 160161).",
      en: "Invalid sector code (loại-khoản) 'sector_code' in '\(context)' '\(shown)': expected a 3-digit "
        + "loại and a 3-digit khoản, for example 160-161 (160.161, 160/161, 160 161, 160161 also read).")
    return (nil, false)
  }

  /// An activity's default classification; `valid` is false when a code was reported.
  mutating func activityClassification(_ fields: [String: (key: Node, value: Node)], context: String)
    -> (classification: ActivityClassification, valid: Bool)
  {
    let sector = sectorCode(fields, context: context)
    let item: (code: BudgetItemCode?, valid: Bool) = digitCode(
      fields, "item_code", context: context, example: "6650")
    let subItem: (code: BudgetSubItemCode?, valid: Bool) = digitCode(
      fields, "sub_item_code", context: context, example: "6651")
    var valid = sector.valid && item.valid && subItem.valid
    if let itemCode = item.code, let subItemCode = subItem.code, subItemCode.item != itemCode {
      valid = false
      let first = itemCode.value + 1
      report(
        fields["sub_item_code"]?.value,
        vi: "Tiểu mục \(subItemCode) không thuộc mục \(itemCode): tiểu mục của mục \(itemCode) là "
          + "\(first)–\(first + 48); tiểu mục \(subItemCode) thuộc mục \(subItemCode.item).",
        en: "Sub-item \(subItemCode) does not belong to item \(itemCode): the sub-items of \(itemCode) are "
          + "\(first)–\(first + 48); \(subItemCode) belongs to item \(subItemCode.item).")
    }
    guard valid else { return (.none, false) }
    return (ActivityClassification(sector: sector.code, item: item.code, subItem: subItem.code), true)
  }
}

extension String {
  /// The text with its first letter upper case ("mã chương" → "Mã chương").
  fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

import BudgetCore
import Yams

extension Reader {
  /// plan.yaml `progress:` (docs/workspace-format.md, "Disbursement progress"): the shares of a
  /// year's available money that should be disbursed by 30/06 and by 30/09, each 0–100 with at most
  /// two decimals, the first not above the second. Left out (or a key left out): 40 % and 70 %.
  mutating func readProgressPace(_ entry: (key: Node, value: Node)?) -> DisbursementPace {
    let standard = DisbursementPace.standard
    guard let entry, !isNull(entry.value) else { return standard }
    let context = "progress"
    guard let fields = entries(entry.value, allowed: ["by_30_06", "by_30_09"], context: context) else {
      return standard
    }
    func share(_ key: String, default value: Percent) -> (Percent, Node?)? {
      guard let field = fields[key] else { return (value, nil) }
      let text = self.text(field.value) ?? ""
      guard let percent = PlanPercent.parse(text) else {
        report(
          field.value,
          vi: "'\(key)' trong 'progress' không hợp lệ '\(text)': cần tỷ lệ phần trăm từ 0 đến 100, tối đa 2 "
            + "chữ số thập phân (ví dụ 40 hoặc 47.5).",
          en: "Invalid '\(key)' in 'progress' '\(text)': expected a percentage from 0 to 100 with at most 2 "
            + "decimals (for example 40 or 47.5).")
        return nil
      }
      return (percent, field.value)
    }
    let juneShare = share("by_30_06", default: standard.byJune30)
    let septemberShare = share("by_30_09", default: standard.bySeptember30)
    guard case let (june, juneNode)? = juneShare, case let (september, septemberNode)? = septemberShare else {
      return standard
    }
    guard june.hundredths <= september.hundredths else {
      report(
        septemberNode ?? juneNode,
        vi: "'progress': tỷ lệ đến 30/06 (\(june) %) lớn hơn tỷ lệ đến 30/09 (\(september) %); số giải ngân "
          + "lũy kế không giảm, nên by_30_06 cần nhỏ hơn hoặc bằng by_30_09.",
        en: "'progress': the share by 30/06 (\(june) %) is above the share by 30/09 (\(september) %); "
          + "cumulative disbursement never falls, so by_30_06 must not exceed by_30_09.")
      return standard
    }
    return DisbursementPace(byJune30: june, bySeptember30: september, location: lineLocation(entry.key))
  }
}

/// The pace of disbursement the plan expects through a year (plan.yaml `progress:`): the share of a
/// line's available money that should be paid out by 30/06 and by 30/09; all of it by 31/12.
/// docs/workspace-format.md, "Disbursement progress".
public struct DisbursementPace: Hashable, Sendable {
  public let byJune30: Percent
  public let bySeptember30: Percent
  /// Where plan.yaml set it; nil for the default.
  public let location: SourceLocation?

  /// 40 % by 30/06 and 70 % by 30/09 when plan.yaml says nothing.
  public static let standard = DisbursementPace(
    byJune30: Percent(whole: 40), bySeptember30: Percent(whole: 70))

  /// The reader guarantees 0 ≤ byJune30 ≤ bySeptember30 ≤ 100 %.
  public init(byJune30: Percent, bySeptember30: Percent, location: SourceLocation? = nil) {
    precondition(
      0 <= byJune30.hundredths && byJune30.hundredths <= bySeptember30.hundredths
        && bySeptember30.hundredths <= 10_000, "Pace out of order: \(byJune30) / \(bySeptember30)")
    self.byJune30 = byJune30
    self.bySeptember30 = bySeptember30
    self.location = location
  }

  /// The share that should be disbursed by the end of `date`: straight between 0 on 31/12 of the
  /// year before, `byJune30` on 30/06, `bySeptember30` on 30/09 and 100 % on 31/12, by days, rounded
  /// down to the hundredth of a percent (integers only).
  public func expectedShare(at date: CivilDate) -> Percent {
    let year = date.year
    let anchors: [(day: Int, hundredths: Int64)] = [
      (Self.serial(year - 1, 12, 31), 0),
      (Self.serial(year, 6, 30), byJune30.hundredths),
      (Self.serial(year, 9, 30), bySeptember30.hundredths),
      (Self.serial(year, 12, 31), 10_000),
    ]
    let day = date.excelSerial
    for (start, end) in zip(anchors, anchors.dropFirst()) where day <= end.day {
      let elapsed = Int64(max(day - start.day, 0))
      let span = Int64(end.day - start.day)
      return Percent(hundredths: start.hundredths + (end.hundredths - start.hundredths) * elapsed / span)
    }
    return Percent(hundredths: 10_000)
  }

  private static func serial(_ year: Int, _ month: Int, _ day: Int) -> Int {
    // Only called with real dates of years 1…9999 around a valid CivilDate.
    CivilDate(year: max(year, 1), month: month, day: day)!.excelSerial
  }
}

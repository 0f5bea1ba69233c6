import BudgetCore
import BudgetEngine

/// A small hand-computed settlement used by the report tests.
///
/// Plan: sources TW (central), HUYEN (district), GNBV (pooled); units HUYEN_CH ▸ PDT and XA ▸ XA1;
/// projects DA10 ▸ DA10.1 (activity PANO) and DA10 ▸ DA10.2 (activity CNTT).
/// Lines of 2023 (đồng):
///   TW·PANO·PDT    carried_in 30.000.000 (origin 2022), allocated 200.000.000, spent 140.000.000
///                  → remaining 90.000.000, all of it 2023 money → carry_over 90.000.000
///   HUYEN·PANO·PDT allocated 20.000.000, spent 20.000.000 → nothing left
///   TW·CNTT·XA1    allocated 50.000.000, spent 55.000.000 → overspent 5.000.000
///   GNBV·CNTT·XA1  allocated 10.000.000, spent 4.000.000 → remaining 6.000.000, cancelled
enum Fixtures {
  static let plan = Plan(
    info: PlanInfo(
      name: "Kế hoạch thử", issuer: "UBND huyện Thử", office: "Phòng Tài chính - Kế hoạch",
      place: "Thử", firstYear: 2021, lastYear: 2025),
    sources: [
      FundingSource(code: "TW", name: "Trung ương", kind: .central, carryOverYears: 2),
      FundingSource(code: "HUYEN", name: "Huyện", kind: .district, carryOverYears: 1),
      FundingSource(code: "GNBV", name: "Giảm nghèo", kind: .pooled, programme: "GNBV"),
    ],
    units: [
      Unit(code: "HUYEN_CH", name: "Cấp huyện"),
      Unit(code: "PDT", name: "Phòng Dân tộc", parent: "HUYEN_CH"),
      Unit(code: "XA", name: "Các xã"),
      Unit(code: "XA1", name: "Xã Một", parent: "XA"),
    ],
    projects: [
      Project(code: "DA10", name: "Dự án 10"),
      Project(code: "DA10.1", name: "Tiểu dự án 1", parent: "DA10"),
      Project(code: "DA10.2", name: "Tiểu dự án 2", parent: "DA10"),
    ],
    activities: [
      Activity(code: "PANO", name: "Pano", project: "DA10.1"),
      Activity(code: "CNTT", name: "Chuyển đổi số", project: "DA10.2"),
    ])

  static func figures(
    carriedIn: Int64 = 0, allocated: Int64, spent: Int64, carryOver: Int64 = 0, cancelled: Int64 = 0
  ) -> Figures {
    Figures(
      carriedIn: Money(dong: carriedIn), allocated: Money(dong: allocated), spent: Money(dong: spent),
      carryOver: Money(dong: carryOver), cancelled: Money(dong: cancelled))
  }

  static func line(_ source: SourceCode, _ activity: ActivityCode, _ unit: UnitCode, _ figures: Figures)
    -> LineSettlement
  {
    LineSettlement(
      key: LineKey(year: 2023, source: source, activity: activity, unit: unit), figures: figures,
      portions: [])
  }

  static let settlement: YearSettlement = {
    let lines = [
      LineSettlement(
        key: LineKey(year: 2023, source: "TW", activity: "PANO", unit: "PDT"),
        figures: figures(
          carriedIn: 30_000_000, allocated: 200_000_000, spent: 140_000_000, carryOver: 90_000_000),
        portions: [
          Portion(
            originYear: 2022, usableThroughYear: 2024, available: Money(dong: 30_000_000), unspent: .zero,
            carryOver: .zero,
            cancelled: .zero),
          Portion(
            originYear: 2023, usableThroughYear: 2025, available: Money(dong: 200_000_000),
            unspent: Money(dong: 90_000_000),
            carryOver: Money(dong: 90_000_000), cancelled: .zero),
        ]),
      line("HUYEN", "PANO", "PDT", figures(allocated: 20_000_000, spent: 20_000_000)),
      line("TW", "CNTT", "XA1", figures(allocated: 50_000_000, spent: 55_000_000)),
      LineSettlement(
        key: LineKey(year: 2023, source: "GNBV", activity: "CNTT", unit: "XA1"),
        figures: figures(allocated: 10_000_000, spent: 4_000_000, cancelled: 6_000_000),
        portions: [
          Portion(
            originYear: 2023, usableThroughYear: 2023, available: Money(dong: 10_000_000),
            unspent: Money(dong: 6_000_000),
            carryOver: .zero, cancelled: Money(dong: 6_000_000))
        ]),
    ]
    let overspend = Finding(
      code: .overspend, line: LineKey(year: 2023, source: "TW", activity: "CNTT", unit: "XA1"),
      amount: Money(dong: 5_000_000),
      message: LocalizedText(vi: "Chi vượt \"dự toán\"", en: "Overspent"))
    return YearSettlement(year: 2023, lines: lines, findings: [overspend], payments: [])
  }()
}

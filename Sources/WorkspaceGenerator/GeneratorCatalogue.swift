import BudgetCore

/// The fixed part of every generated plan: sources of every kind, a three-level programme tree and
/// activities with eligible sources and norms, modelled on Dự án 10 of CTMTQG DTTS&MN.
enum GeneratorCatalogue {
  struct Source {
    let code: String
    let name: String
    let kind: SourceKind
    let programme: String?
    let carryOverYears: Int
  }

  struct Activity {
    let code: String
    let name: String
    let project: String
    /// Indexes into `sources`; nil = every source.
    let eligible: [Int]?
    /// đồng per unit of quantity.
    let unitCostMax: Int64?
  }

  static let sources: [Source] = [
    Source(
      code: "TW", name: "Ngân sách trung ương - CTMTQG DTTS&MN (sự nghiệp)", kind: .central, programme: nil,
      carryOverYears: 2),
    Source(
      code: "TINH", name: "Ngân sách tỉnh (đối ứng)", kind: .provincial, programme: nil, carryOverYears: 1),
    Source(
      code: "HUYEN", name: "Ngân sách huyện (đối ứng)", kind: .district, programme: nil, carryOverYears: 1),
    Source(code: "XA", name: "Ngân sách xã", kind: .commune, programme: nil, carryOverYears: 1),
    Source(
      code: "GNBV", name: "Lồng ghép CTMTQG giảm nghèo bền vững", kind: .pooled,
      programme: "CTMTQG giảm nghèo bền vững", carryOverYears: 1),
    Source(
      code: "KHAC", name: "Nguồn huy động hợp pháp khác", kind: .other, programme: nil, carryOverYears: 0),
  ]

  static let centralIndex = 0
  /// The counterpart rule: TINH, HUYEN and XA must bring 10 % of TW.
  static let localIndexes = [1, 2, 3]
  static let counterpartPercent: Int64 = 10

  static let projects: [(code: String, name: String, parent: String?)] = [
    ("DA10", "Dự án 10: Truyền thông, tuyên truyền, vận động; kiểm tra, giám sát, đánh giá", nil),
    ("DA10.1", "Tiểu dự án 1: Biểu dương, tôn vinh; phổ biến, giáo dục pháp luật; truyền thông", "DA10"),
    ("DA10.2", "Tiểu dự án 2: Ứng dụng công nghệ thông tin hỗ trợ đồng bào DTTS", "DA10"),
    ("DA10.3", "Tiểu dự án 3: Kiểm tra, giám sát, đánh giá, đào tạo, tập huấn", "DA10"),
  ]

  static let activities: [Activity] = [
    Activity(
      code: "HOINGHI", name: "Hội nghị biểu dương, tôn vinh điển hình tiên tiến", project: "DA10.1",
      eligible: nil, unitCostMax: nil),
    Activity(
      code: "PANO", name: "Cụm pano, áp phích tuyên truyền", project: "DA10.1", eligible: [0, 2, 3],
      unitCostMax: 7_000_000),
    Activity(
      code: "BAO", name: "Cấp báo, tạp chí cho người có uy tín", project: "DA10.1", eligible: [0, 1],
      unitCostMax: 600_000),
    Activity(
      code: "PTTH", name: "Chuyên mục phát thanh, truyền hình", project: "DA10.1", eligible: [0, 1, 2, 4],
      unitCostMax: nil),
    Activity(
      code: "CSDL", name: "Cơ sở dữ liệu, trang thông tin điện tử", project: "DA10.2", eligible: [0, 5],
      unitCostMax: nil),
    Activity(
      code: "MANGXH", name: "Truyền thông trên mạng xã hội", project: "DA10.2", eligible: nil,
      unitCostMax: nil),
    Activity(
      code: "KTGS", name: "Kiểm tra, giám sát thực hiện Chương trình", project: "DA10.3",
      eligible: [0, 1, 2, 3],
      unitCostMax: nil),
    Activity(
      code: "TAPHUAN", name: "Tập huấn cán bộ làm công tác dân tộc", project: "DA10.3", eligible: nil,
      unitCostMax: 400_000),
    Activity(
      code: "TOADAM", name: "Tọa đàm, đối thoại chính sách", project: "DA10.1", eligible: [0, 4, 5],
      unitCostMax: nil),
    Activity(
      code: "TAILIEU", name: "Biên soạn, in ấn tài liệu tuyên truyền song ngữ", project: "DA10.1",
      eligible: [0, 2, 3], unitCostMax: 60_000),
  ]

  /// The activities of a plan with `linesPerUnit` lines per unit: the ten above, and when a unit needs
  /// more lines than they give (W5, "many lines"), numbered extra ones open to every source. A unit's
  /// lines take `linesPerUnit` consecutive activities and one activity is always left over (the
  /// UNBUDGETED anomaly pays on it), so there are at least `linesPerUnit + 1`.
  static func activities(linesPerUnit: Int) -> [Activity] {
    let extra = max(0, linesPerUnit + 1 - activities.count)
    return activities
      + (0..<extra).map { index in
        let number = activities.count + index + 1
        return Activity(
          code: "HD" + WorkspaceGenerator.digits(number, 3),
          name: "Hoạt động truyền thông bổ sung số \(number)", project: projects[1 + index % 3].code,
          eligible: nil, unitCostMax: nil)
      }
  }

  /// The most lines per unit the generator writes (activities are added to match).
  static let linesPerUnitMax = 500

  /// An activity and a source it may not use (BAO is paid from TW or TINH only).
  static let ineligiblePair = (activity: 2, source: 3)

  static func eligibleSources(_ activity: Activity) -> [Int] {
    activity.eligible ?? Array(sources.indices)
  }

  static let descriptions = [
    "Chi hội nghị biểu dương người có uy tín",
    "Thanh toán in pano, áp phích tuyên truyền",
    "Chi thù lao biên tập, phát sóng chuyên mục",
    "Chi công tác phí đoàn kiểm tra, giám sát",
    "Chi tập huấn, bồi dưỡng cán bộ cơ sở",
    "Thanh toán cấp báo \"Dân tộc và Phát triển\" quý",
    "Chi nước uống, tài liệu, văn phòng phẩm",
    "Thuê hội trường, trang trí, khánh tiết",
  ]
}

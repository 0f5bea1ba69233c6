import BudgetCore
import BudgetEngine

/// The chỉ tiêu of Mẫu số B01/BCQT (TT 107/2017/TT-BTC, Phụ lục 04) by their mã số; docs/forms.md
/// gives the source of each row and its identity.
public enum B01Row: String, CaseIterable, Sendable {
  case r01 = "01", r02 = "02", r03 = "03", r04 = "04", r05 = "05", r06 = "06", r07 = "07"
  case r08 = "08", r09 = "09", r10 = "10"
  case r11 = "11", r12 = "12", r13 = "13"
  case r14 = "14", r15 = "15", r16 = "16"
  case r17 = "17", r18 = "18", r19 = "19"
  case r20 = "20", r21 = "21", r22 = "22", r23 = "23", r24 = "24", r25 = "25", r26 = "26", r27 = "27"
  case r28 = "28"
  case r29 = "29", r30 = "30", r31 = "31", r32 = "32", r33 = "33", r34 = "34", r35 = "35"

  /// The mã số printed in column C.
  public var code: String { rawValue }

  /// The rows this row adds up, as the form prints it ("01 = 02 + 05"); empty for a row of its own.
  public var sumOf: [B01Row] {
    switch self {
    case .r01: [.r02, .r05]
    case .r02: [.r03, .r04]
    case .r05: [.r06, .r07]
    case .r08: [.r09, .r10]
    case .r11: [.r12, .r13]
    case .r12: [.r02, .r09]
    case .r13: [.r05, .r10]
    case .r14: [.r15, .r16]
    case .r17: [.r18, .r19]
    case .r20: [.r21, .r25]
    case .r21: [.r22, .r23, .r24]
    case .r25: [.r26, .r27, .r28]
    case .r29: [.r30, .r33]
    case .r30: [.r31, .r32]
    case .r33: [.r34, .r35]
    default: []
    }
  }

  /// Số thứ tự as the form prints it ("1", "1.1", "" for a "–" line).
  public var stt: String {
    switch self {
    case .r01: "1"
    case .r02: "1.1"
    case .r05: "1.2"
    case .r08: "2"
    case .r11: "3"
    case .r14: "4"
    case .r17: "5"
    case .r20: "6"
    case .r21: "6.1"
    case .r25: "6.2"
    case .r29: "7"
    case .r30: "7.1"
    case .r33: "7.2"
    default: ""
    }
  }

  /// A heading row (bold): a numbered chỉ tiêu.
  public var isHeading: Bool { !stt.isEmpty }

  /// Money of the programme is "không thường xuyên/không tự chủ": the thường xuyên rows hold none of
  /// it and print empty (their sums are formulas all the same).
  public var isRecurrent: Bool {
    [.r02, .r03, .r04, .r09, .r12, .r15, .r18, .r21, .r22, .r23, .r24, .r30, .r31, .r32].contains(self)
  }

  /// The row's label, with its identity as the form prints it.
  public func label(_ language: Language) -> String {
    let vi = language == .vi
    let recurrent = vi ? "Kinh phí thường xuyên/tự chủ" : "Recurrent / autonomous funds"
    let nonRecurrent =
      vi ? "Kinh phí không thường xuyên/không tự chủ" : "Non-recurrent / non-autonomous funds"
    let received = vi ? "- Kinh phí đã nhận" : "- Funds received"
    let undrawn = vi ? "- Dự toán còn dư ở Kho bạc" : "- Allocation undrawn at the Treasury"
    let returned = vi ? "- Đã nộp NSNN" : "- Returned to the budget"
    let owed = vi ? "- Còn phải nộp NSNN" : "- Still to be returned"
    let cancelled = vi ? "- Dự toán bị hủy" : "- Allocation cancelled"
    let text: String
    switch self {
    case .r01:
      text = vi ? "Số dư kinh phí năm trước chuyển sang" : "Balance carried in from the previous year"
    case .r02, .r21, .r30: text = recurrent
    case .r09, .r12, .r15, .r18: text = "- " + recurrent
    case .r05, .r25, .r33: text = nonRecurrent
    case .r10, .r13, .r16, .r19: text = "- " + nonRecurrent
    case .r03, .r06, .r31, .r34: text = received
    case .r04, .r07, .r32, .r35: text = undrawn
    case .r08: text = vi ? "Dự toán được giao trong năm" : "Allocated in the year"
    case .r11: text = vi ? "Tổng số được sử dụng trong năm" : "Total available in the year"
    case .r14: text = vi ? "Kinh phí thực nhận trong năm" : "Funds actually received in the year"
    case .r17: text = vi ? "Kinh phí đề nghị quyết toán" : "Proposed for settlement"
    case .r20: text = vi ? "Kinh phí giảm trong năm" : "Reductions in the year"
    case .r22, .r26: text = returned
    case .r23, .r27: text = owed
    case .r24, .r28: text = cancelled
    case .r29:
      text =
        vi
        ? "Số dư kinh phí được phép chuyển sang năm sau sử dụng và quyết toán"
        : "Balance allowed to carry over to next year"
    }
    let identity: String
    switch self {
    case .r23: identity = "23=03+15-18-22-31"
    case .r24: identity = "24=04+09-15-32"
    case .r27: identity = "27=06+16-19-26-34"
    case .r28: identity = "28=07+10-16-35"
    default:
      identity = sumOf.isEmpty ? "" : "\(code)=" + sumOf.map(\.code).joined(separator: "+")
    }
    return identity.isEmpty ? text : "\(text) (\(identity))"
  }
}

/// The treasury split of a report's money (kinh phí đã nhận against dự toán còn dư ở Kho bạc, số dư
/// tạm ứng): from the advances model (issue 12, part 2). Without it, B01's rows 06, 07, 14, 16, 20,
/// 25, 27, 34 and 35 are left empty (docs/forms.md).
public struct B01TreasurySplit: Hashable, Sendable {
  /// Carried in as funds already drawn (advances of earlier years still open): row 06.
  public let carriedInDrawn: Money
  /// Drawn from the Treasury in the year, final payments and advances: row 16.
  public let drawnInYear: Money
  /// Carried over as funds already drawn (số dư tạm ứng chuyển sang năm sau): row 34.
  public let carryOverDrawn: Money
  /// Of the money that lapses, the part already drawn (open advances): it cannot be cancelled and is
  /// owed back to the budget (row 27, with any overspending), not dự toán bị hủy (row 28).
  public let lapsedDrawn: Money

  public init(carriedInDrawn: Money, drawnInYear: Money, carryOverDrawn: Money, lapsedDrawn: Money) {
    self.carriedInDrawn = carriedInDrawn
    self.drawnInYear = drawnInYear
    self.carryOverDrawn = carryOverDrawn
    self.lapsedDrawn = lapsedDrawn
  }

  /// The split of the advances model's figures.
  public init(_ treasury: TreasuryFigures) {
    self.init(
      carriedInDrawn: treasury.carriedInAdvance, drawnInYear: treasury.drawnInYear,
      carryOverDrawn: treasury.carryOverAdvance, lapsedDrawn: treasury.lapsedAdvance)
  }
}

/// One row of a form: its mã số, label, and its amount (nil: printed empty), with the rows it adds.
public struct FormRow: Hashable, Sendable {
  public let stt: String
  public let code: String
  public let label: String
  public let amount: Money?
  /// The mã số of the rows this row adds up (written as a formula); empty for a row of its own.
  public let sumOf: [String]
  public let isHeading: Bool
  /// The amount in each loại-khoản column, parallel to the form's `sectors` (nil: printed empty).
  public var bySector: [Money?] = []
}

/// Mẫu số B01/BCQT for one reporting body (the district, or one unit) and one year: the Tổng số column
/// and one column per loại-khoản. Plain data; FormsWorkbook and FormsJSON render it.
public struct B01Form: Hashable, Sendable {
  public let year: Int
  public let rows: [FormRow]
  /// False while the treasury split is not in the data: the rows that need it are empty.
  public let hasTreasurySplit: Bool
  /// The loại-khoản of the report's lines, codes ascending, "chưa có mã" last: each row's `bySector`.
  public let sectors: [Coded<SectorCode>]

  /// The form of a settlement's treasury figures, with its loại-khoản columns from the engine's grouping
  /// (`bySector`, which adds up to `treasury`).
  public init(year: Int, treasury: TreasuryFigures, bySector: [SectorFigures], language: Language) {
    let total = B01Form(
      year: year, figures: treasury.figures, treasury: B01TreasurySplit(treasury), language: language)
    let columns = bySector.map {
      B01Form(
        year: year, figures: $0.treasury.figures, treasury: B01TreasurySplit($0.treasury), language: language)
    }
    self.year = year
    hasTreasurySplit = true
    sectors = bySector.map(\.sector)
    rows = total.rows.enumerated().map { index, row in
      var row = row
      row.bySector = columns.map { $0.rows[index].amount }
      return row
    }
  }

  /// The Tổng số column alone; without `treasury` the rows that need the split are empty.
  public init(year: Int, figures: Figures, treasury: B01TreasurySplit?, language: Language) {
    self.year = year
    sectors = []
    hasTreasurySplit = treasury != nil
    var amounts: [B01Row: Money] = [:]
    // Programme money is không thường xuyên: the figures stand in the 05–35 rows of that kind.
    amounts[.r10] = figures.allocated
    amounts[.r19] = figures.settled
    amounts[.r28] = figures.cancelled
    if let treasury {
      amounts[.r06] = treasury.carriedInDrawn
      amounts[.r07] = figures.carriedIn - treasury.carriedInDrawn
      amounts[.r16] = treasury.drawnInYear
      // Drawn but neither settled nor carried over: owed back (27 = 06 + 16 − 19 − 26 − 34); what
      // lapses undrawn is cancelled.
      amounts[.r27] = treasury.lapsedDrawn + figures.overspent
      amounts[.r28] = figures.cancelled - treasury.lapsedDrawn
      amounts[.r34] = treasury.carryOverDrawn
      amounts[.r35] = figures.carryOver - treasury.carryOverDrawn
    }
    var known = Set(amounts.keys)
    if treasury == nil {
      // Without the split the carried-in and carried-over totals are known, their parts are not:
      // 05 and 33 stand as amounts of their own.
      amounts[.r05] = figures.carriedIn
      amounts[.r33] = figures.carryOver
      known.formUnion([.r05, .r33])
    }
    for row in B01Row.allCases where row.sumOf.isEmpty && row.isRecurrent { known.insert(row) }
    // Đã nộp NSNN: kinhphi records no money paid back; the row stays empty and adds nothing.
    if treasury != nil { known.insert(.r26) }
    // Sums in the form's order of dependence: parts before the rows that add them.
    let sumOrder: [B01Row] = [
      .r02, .r05, .r01, .r08, .r12, .r13, .r11, .r14, .r17, .r21, .r25, .r20, .r30, .r33, .r29,
    ]
    var summed = Set<B01Row>()
    for row in sumOrder where row.sumOf.allSatisfy(known.contains) {
      amounts[row] = row.sumOf.map { amounts[$0] ?? .zero }.reduce(.zero, +)
      known.insert(row)
      summed.insert(row)
    }
    rows = B01Row.allCases.map { row in
      // A sum row is a formula only when every part it adds is known.
      FormRow(
        stt: row.stt, code: row.code, label: row.label(language),
        amount: row.isRecurrent && row.sumOf.isEmpty ? nil : amounts[row],
        sumOf: summed.contains(row) ? row.sumOf.map(\.code) : [], isHeading: row.isHeading)
    }
  }

  /// The row of mã số `code`.
  public func row(_ code: B01Row) -> FormRow { rows[B01Row.allCases.firstIndex(of: code)!] }
}

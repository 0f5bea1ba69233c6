import BudgetCore

/// One unit's submission (a commune's or a district office's own workspace, or just its tables):
/// what it says it received and what it paid.
public struct UnitSubmission: Sendable {
  /// A short name for messages and ids: the folder's name ("xa-hung-my").
  public let name: String
  public let allocations: [Allocation]
  public let payments: [Payment]

  public init(name: String, allocations: [Allocation], payments: [Payment]) {
    self.name = name
    self.allocations = allocations
    self.payments = payments
  }

  /// The units the submission speaks for: every unit its rows name.
  public var units: Set<UnitCode> { Set(allocations.map(\.unit)).union(payments.map(\.unit)) }
}

/// How a unit's receipt differs from the district's allocation on one line, kind and origin year.
public enum AllocationDifferenceKind: String, CaseIterable, Sendable {
  /// Same decision, different amounts.
  case amount
  /// Same amount under a different decision reference.
  case decision
  /// Different amount and different decision.
  case amountAndDecision = "amount_and_decision"
  /// The district allocated it; the unit does not show it.
  case missingInUnit = "missing_in_unit"
  /// The unit shows it; the district did not allocate it.
  case missingInDistrict = "missing_in_district"

  public var title: LocalizedText {
    switch self {
    case .amount: LocalizedText(vi: "Khác số tiền", en: "Amount differs")
    case .decision: LocalizedText(vi: "Khác số quyết định", en: "Decision differs")
    case .amountAndDecision:
      LocalizedText(vi: "Khác số tiền và số quyết định", en: "Amount and decision differ")
    case .missingInUnit: LocalizedText(vi: "Đơn vị không ghi nhận", en: "Missing in the unit's file")
    case .missingInDistrict: LocalizedText(vi: "Huyện không giao", en: "Not allocated by the district")
    }
  }
}

/// A difference between the district's allocation to a unit and the unit's own allocation rows,
/// with both figures (and both decisions) so the officer can see who has to correct what.
public struct AllocationDifference: Hashable, Sendable {
  public let kind: AllocationDifferenceKind
  public let submission: String
  public let line: LineKey
  public let allocationKind: AllocationKind
  public let originYear: Int?
  /// For carry-in: which part (số dư dự toán or số dư tạm ứng); compared apart, since a right total
  /// split wrongly between them is a wrong receipt (as CARRY_IN_MISMATCH says in the chain). Nil
  /// for the other kinds.
  public let carryPart: CarryInPart?
  public let districtDecision: String?
  public let unitDecision: String?
  public let districtAmount: Money
  public let unitAmount: Money
  /// The first row of each side, for "open the file here".
  public let districtLocation: SourceLocation?
  public let unitLocation: SourceLocation?

  /// unit − district.
  public var difference: Money { unitAmount - districtAmount }

  /// The allocation kind as the forms write it, with the carry-in part when there is one.
  public var kindLabel: LocalizedText {
    switch carryPart {
    case nil: allocationKind.label
    case .undrawn?:
      LocalizedText(
        vi: allocationKind.label.vi + " – số dư dự toán",
        en: allocationKind.label.en + " – undrawn allocation")
    case .advance?:
      LocalizedText(
        vi: allocationKind.label.vi + " – số dư tạm ứng", en: allocationKind.label.en + " – advance balance")
    }
  }
}

/// District allocation vs unit receipt vs unit spending, per unit and source, for the year.
public struct ReconciliationRow: Hashable, Sendable {
  public let submission: String
  public let unit: UnitCode
  public let source: SourceCode
  /// Σ the district's allocation rows of the year for the unit and source (carry-in included).
  public let districtAllocated: Money
  /// Σ the unit's own allocation rows of the year for the source.
  public let unitReceived: Money
  /// What the unit spent, as settled (rows left out by an error finding do not count).
  public let unitSpent: Money

  /// unit receipt − district allocation: 0 when they agree.
  public var receiptDifference: Money { unitReceived - districtAllocated }
  /// district allocation − unit spending.
  public var remaining: Money { districtAllocated - unitSpent }
}

/// The district's settlement with the units' submissions folded in.
///
/// Rules (docs/excel-and-consolidation.md): the district's allocations are the figures (a unit's own
/// allocation rows are only compared with them); a unit's payments come from its submission, and the
/// district's own spending rows for a unit that sent a submission are left out (superseded) so nothing
/// is counted twice; payment ids become `submission/id`, so ids need only be unique within a unit.
public struct Consolidation: Sendable {
  public let year: Int
  public let submissions: [UnitSubmission]
  /// The consolidated ledger: district plan and allocations, payments of every origin.
  public let ledger: Ledger
  public let analysis: Analysis
  public let settlement: YearSettlement
  public let differences: [AllocationDifference]
  public let reconciliation: [ReconciliationRow]
  /// The year's district spending rows replaced by a unit's submission. (Other years' rows for those
  /// units are left out of the ledger too, but they are not part of this year's settlement, so they
  /// are not counted here.)
  public let supersededPayments: [Payment]

  /// The submission each unit belongs to.
  public let submissionByUnit: [UnitCode: String]

  /// Consolidates; throws `InputErrors` when the submissions cannot be told apart (two with one name,
  /// two speaking for one unit, one with no rows).
  public static func consolidate(district: Ledger, submissions: [UnitSubmission], year: Int) throws
    -> Consolidation
  {
    var errors = InputErrors()
    var submissionByUnit: [UnitCode: String] = [:]
    var names: Set<String> = []
    for submission in submissions {
      // The name prefixes payment ids in every output, so it follows the identifier rules.
      if let violation = TextRules.check(submission.name, .identifier) {
        let (vi, en) = TextRules.explanation(violation)
        errors.append(
          InputError(
            nil, vi: "Tên bộ số liệu '\(TextRules.escapedForMessage(submission.name))' \(vi)",
            en: "The submission name '\(TextRules.escapedForMessage(submission.name))' \(en)"))
      }
      if !names.insert(submission.name).inserted {
        errors.append(
          InputError(
            nil,
            vi: "Hai bộ số liệu cùng tên '\(submission.name)': cần mỗi đơn vị một thư mục tên khác nhau.",
            en: "Two submissions are named '\(submission.name)': expected one folder per unit, named apart."))
      }
      if submission.units.isEmpty {
        errors.append(
          InputError(
            nil,
            vi: "Bộ số liệu '\(submission.name)' không có dòng nào: cần dự toán và khoản chi của đơn vị.",
            en: "Submission '\(submission.name)' has no rows: expected the unit's allocations and payments."))
      }
      for unit in submission.units.sorted(by: { $0.rawValue < $1.rawValue }) {
        if let other = submissionByUnit[unit], other != submission.name {
          errors.append(
            InputError(
              nil,
              vi: "Đơn vị \(unit) có trong cả '\(other)' và '\(submission.name)': mỗi đơn vị chỉ được một bộ "
                + "số liệu (tránh tính hai lần).",
              en: "Unit \(unit) appears in both '\(other)' and '\(submission.name)': each unit may send one "
                + "submission (no double counting)."))
        } else {
          submissionByUnit[unit] = submission.name
        }
      }
    }
    // Everything the consolidation reads, together, within Limits.runTotalMaxDong (the district's rows
    // and every submission's, compared or summed below), located at the row that passes it: each folder
    // was within the limit on its own, their sum may not be.
    if errors.isEmpty {
      var budget = AmountBudget.consolidation
      if let error = budget.add(district.allocations, district.payments) {
        errors.append(error)
      } else {
        for submission in submissions {
          if let error = budget.add(submission.allocations, submission.payments) {
            errors.append(error)
            break
          }
        }
      }
    }
    try errors.throwIfAny()

    var payments: [Payment] = []
    var superseded: [Payment] = []
    for payment in district.payments {
      if submissionByUnit[payment.unit] != nil {
        if payment.year == year { superseded.append(payment) }
      } else {
        payments.append(payment)
      }
    }
    for submission in submissions {
      for payment in submission.payments {
        payments.append(
          Payment(
            id: "\(submission.name)/\(payment.id)", voucher: payment.voucher, date: payment.date,
            year: payment.yearIsExplicit ? payment.year : nil, source: payment.source,
            activity: payment.activity, unit: payment.unit, amount: payment.amount,
            quantity: payment.quantity,
            description: payment.description, reverses: payment.reverses.map { "\(submission.name)/\($0)" },
            kind: payment.kind, settles: payment.settles.map { "\(submission.name)/\($0)" },
            subItem: payment.subItem, location: payment.location))
      }
    }
    let ledger = Ledger(plan: district.plan, allocations: district.allocations, payments: payments)
    let analysis = Engine.analyze(ledger)
    let settlement = analysis.settlement(year: year)

    var differences: [AllocationDifference] = []
    var reconciliation: [ReconciliationRow] = []
    let sourceOrder = Dictionary(
      district.plan.sources.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    for submission in submissions {
      let units = submission.units
      let districtRows = district.allocations.filter { $0.year == year && units.contains($0.unit) }
      let unitRows = submission.allocations.filter { $0.year == year }
      differences += compare(district: districtRows, unit: unitRows, submission: submission.name)

      for unit in units.sorted(by: { $0.rawValue < $1.rawValue }) {
        var allocated: [SourceCode: Money] = [:]
        var received: [SourceCode: Money] = [:]
        var spent: [SourceCode: Money] = [:]
        for row in districtRows where row.unit == unit { allocated[row.source, default: .zero] += row.amount }
        for row in unitRows where row.unit == unit { received[row.source, default: .zero] += row.amount }
        for line in settlement.lines where line.key.unit == unit {
          spent[line.key.source, default: .zero] += line.figures.spent
        }
        let sources = Set(allocated.keys).union(received.keys).union(spent.keys).sorted {
          (sourceOrder[$0] ?? Int.max, $0.rawValue) < (sourceOrder[$1] ?? Int.max, $1.rawValue)
        }
        for source in sources {
          reconciliation.append(
            ReconciliationRow(
              submission: submission.name, unit: unit, source: source,
              districtAllocated: allocated[source] ?? .zero,
              unitReceived: received[source] ?? .zero, unitSpent: spent[source] ?? .zero))
        }
      }
    }
    return Consolidation(
      year: year, submissions: submissions, ledger: ledger, analysis: analysis, settlement: settlement,
      differences: differences, reconciliation: reconciliation, supersededPayments: superseded,
      submissionByUnit: submissionByUnit)
  }

  /// Compares the two sides slot by slot (line × kind × origin year), decision by decision.
  static func compare(district: [Allocation], unit: [Allocation], submission: String)
    -> [AllocationDifference]
  {
    struct Slot: Hashable {
      let line: LineKey
      let kind: AllocationKind
      let originYear: Int?
      let carryPart: CarryInPart?
    }
    struct Side {
      var amountByDecision: [String: Money] = [:]
      var locationByDecision: [String: SourceLocation] = [:]
    }
    func decisionKey(_ decision: String?) -> String {
      (decision ?? "").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
    var slots: [Slot: (district: Side, unit: Side)] = [:]
    var order: [Slot] = []
    func add(_ row: Allocation, district isDistrict: Bool) {
      let slot = Slot(
        line: row.line, kind: row.kind, originYear: row.originYear,
        carryPart: row.kind == .carryIn ? row.carryPart : nil)
      if slots[slot] == nil {
        slots[slot] = (Side(), Side())
        order.append(slot)
      }
      let decision = decisionKey(row.decision)
      if isDistrict {
        slots[slot]?.district.amountByDecision[decision, default: .zero] += row.amount
        if slots[slot]?.district.locationByDecision[decision] == nil {
          slots[slot]?.district.locationByDecision[decision] = row.location
        }
      } else {
        slots[slot]?.unit.amountByDecision[decision, default: .zero] += row.amount
        if slots[slot]?.unit.locationByDecision[decision] == nil {
          slots[slot]?.unit.locationByDecision[decision] = row.location
        }
      }
    }
    district.forEach { add($0, district: true) }
    unit.forEach { add($0, district: false) }

    var differences: [AllocationDifference] = []
    for slot in order {
      guard let (districtSide, unitSide) = slots[slot] else { continue }
      func difference(_ kind: AllocationDifferenceKind, _ districtDecision: String?, _ unitDecision: String?)
        -> AllocationDifference
      {
        AllocationDifference(
          kind: kind, submission: submission, line: slot.line, allocationKind: slot.kind,
          originYear: slot.originYear, carryPart: slot.carryPart,
          districtDecision: districtDecision.flatMap { $0.isEmpty ? nil : $0 },
          unitDecision: unitDecision.flatMap { $0.isEmpty ? nil : $0 },
          districtAmount: districtDecision.flatMap { districtSide.amountByDecision[$0] } ?? .zero,
          unitAmount: unitDecision.flatMap { unitSide.amountByDecision[$0] } ?? .zero,
          districtLocation: districtDecision.flatMap { districtSide.locationByDecision[$0] },
          unitLocation: unitDecision.flatMap { unitSide.locationByDecision[$0] })
      }
      var districtOnly: [String] = []
      for decision in districtSide.amountByDecision.keys.sorted() {
        if let unitAmount = unitSide.amountByDecision[decision] {
          if unitAmount != districtSide.amountByDecision[decision] {
            differences.append(difference(.amount, decision, decision))
          }
        } else {
          districtOnly.append(decision)
        }
      }
      let unitOnly = unitSide.amountByDecision.keys.filter { districtSide.amountByDecision[$0] == nil }
        .sorted()
      // Pair what is left one to one: usually one decision written two ways.
      for index in 0..<max(districtOnly.count, unitOnly.count) {
        let districtDecision = index < districtOnly.count ? districtOnly[index] : nil
        let unitDecision = index < unitOnly.count ? unitOnly[index] : nil
        switch (districtDecision, unitDecision) {
        case (let d?, let u?):
          let same = districtSide.amountByDecision[d] == unitSide.amountByDecision[u]
          differences.append(difference(same ? .decision : .amountAndDecision, d, u))
        case (let d?, nil): differences.append(difference(.missingInUnit, d, nil))
        case (nil, let u?): differences.append(difference(.missingInDistrict, nil, u))
        case (nil, nil): break
        }
      }
    }
    return differences
  }

  /// Whether anything needs the officer: a difference or an error finding of the year.
  public var hasProblems: Bool {
    !differences.isEmpty || settlement.findings.errorCount > 0
  }
}

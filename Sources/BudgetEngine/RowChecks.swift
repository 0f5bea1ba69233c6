import BudgetCore

/// The findings about rows themselves, and which rows stay in the figures.
struct RowCheckResult: Sendable {
  var findings: [Finding] = []
  /// Indexed like the ledger's rows: false when an error about the row keeps it out of the figures.
  var included: [Bool]
  /// Payments only: the kind each row counts as in the figures (a reversal takes its original's),
  /// nil when every row is a final payment.
  var paymentKinds: [PaymentKind]? = nil

  /// A problem with the payment at `index` (a bad reversal or advance settlement): its finding, and the
  /// row left out of the figures when the policy keeps the code an excluding error.
  mutating func reportPayment(
    _ payment: Payment, at index: Int, _ code: FindingCode, _ problem: LocalizedText, policy: SeverityPolicy
  ) {
    let excludes = policy.excludesRow(code)
    if excludes { included[index] = false }
    findings.append(
      Finding(
        code: code, line: payment.line, amount: payment.amount, location: payment.location,
        rowID: payment.id, message: Text.row(problem, excluded: excludes)))
  }
}

/// Checks every row has codes the plan knows, an eligible source and a year inside the plan.
/// Shared by allocations and payments. The answer depends on the line only, so it is worked out once
/// per line and replayed for each row of the line.
struct CatalogueCheck {
  /// The catalogue findings of one line, without the row's amount and location.
  struct LineVerdict {
    var problems: [(code: FindingCode, message: LocalizedText)] = []
    /// Whether any of the problems keeps the rows of the line out of the figures.
    var excludes = false
    /// The activity's norm, when the activity is known and sets one.
    var unitCostMax: Money?
  }

  let policy: SeverityPolicy
  let verdicts: [LineVerdict]

  init(plan: Plan, lines: LineTable, policy: SeverityPolicy) {
    self.policy = policy
    verdicts = lines.keys.map { CatalogueCheck.verdict(line: $0, plan: plan, policy: policy) }
  }

  /// Appends the findings of one row; returns whether any of them keeps the row out of the figures.
  func check(
    lineNumber: Int, line: LineKey, amount: Money, location: SourceLocation, rowID: String?,
    into findings: inout [Finding]
  ) -> Bool {
    let verdict = verdicts[lineNumber]
    for problem in verdict.problems {
      findings.append(
        Finding(
          code: problem.code, line: line, amount: amount, location: location, rowID: rowID,
          message: problem.message))
    }
    return verdict.excludes
  }

  private static func verdict(line: LineKey, plan: Plan, policy: SeverityPolicy) -> LineVerdict {
    var verdict = LineVerdict()
    func add(_ code: FindingCode, vi: String, en: String) {
      let excludes = policy.excludesRow(code)
      verdict.excludes = verdict.excludes || excludes
      verdict.problems.append((code, Text.row(LocalizedText(vi: vi, en: en), excluded: excludes)))
    }

    let sourceKnown = plan.sourceByCode[line.source] != nil
    if !sourceKnown {
      add(
        .unknownSource,
        vi:
          "Mã nguồn '\(line.source)' không có trong kế hoạch. Sửa mã hoặc khai báo nguồn trong \(plan.file).",
        en:
          "Source code '\(line.source)' is not defined in the plan. Fix the code or declare the source in \(plan.file)."
      )
    }
    let activity = plan.activityByCode[line.activity]
    verdict.unitCostMax = activity?.unitCostMax
    if activity == nil {
      add(
        .unknownActivity,
        vi:
          "Mã nội dung '\(line.activity)' không có trong kế hoạch. Sửa mã hoặc khai báo nội dung trong \(plan.file).",
        en:
          "Activity code '\(line.activity)' is not defined in the plan. Fix the code or declare the activity in \(plan.file)."
      )
    }
    if plan.unitByCode[line.unit] == nil {
      add(
        .unknownUnit,
        vi:
          "Mã đơn vị '\(line.unit)' không có trong kế hoạch. Sửa mã hoặc khai báo đơn vị trong \(plan.file).",
        en:
          "Unit code '\(line.unit)' is not defined in the plan. Fix the code or declare the unit in \(plan.file)."
      )
    }
    if sourceKnown, let activity, !activity.isEligible(line.source) {
      let eligible = (activity.eligibleSources ?? []).sorted {
        (plan.sourceOrder[$0] ?? Int.max, $0.rawValue) < (plan.sourceOrder[$1] ?? Int.max, $1.rawValue)
      }.map(\.rawValue).joined(separator: ", ")
      add(
        .ineligibleSource,
        vi:
          "Nguồn \(line.source) không được dùng cho nội dung \(line.activity) (nguồn được phép: \(eligible)). Chuyển sang nguồn được phép hoặc bổ sung nguồn vào 'sources' của nội dung.",
        en:
          "Source \(line.source) may not fund activity \(line.activity) (eligible: \(eligible)). Move the row to an eligible source or add the source to the activity's 'sources'."
      )
    }
    let info = plan.info
    if !info.years.contains(line.year) {
      add(
        .yearOutsidePlan,
        vi:
          "Năm ngân sách \(line.year) nằm ngoài kế hoạch (\(info.firstYear)–\(info.lastYear)). Sửa năm của dòng hoặc phạm vi năm trong \(plan.file).",
        en:
          "Budget year \(line.year) is outside the plan (\(info.firstYear)–\(info.lastYear)). Fix the row's year or the plan's years in \(plan.file)."
      )
    }
    return verdict
  }
}

import BudgetCore

/// A budget classification code an official form prints.
public enum BudgetCodeNeed: String, CaseIterable, Sendable {
  /// Mã chương of the reporting body (or the unit, in its own form).
  case chapter
  /// Mã ĐVQHNS of the reporting body (or the unit).
  case budgetRelationCode
  /// Loại-khoản of every activity with money.
  case sector
  /// Mục and tiểu mục of the money.
  case item
  /// The programme's and its projects' codes.
  case programme
}

extension BudgetClassification {
  /// MISSING_BUDGET_CODE warnings for the codes `needs` that `form` ("F01-01/BCQT") prints but the
  /// plan or the rows do not give, for this classification's scope (the district, or `unit`). Raised
  /// only when a form that needs them is written: the forms' writer calls this, `check` never does.
  /// Money without a code is still in the form, in the "chưa có mã" group; the finding's amount says
  /// how much.
  public func missingCodeFindings(plan: Plan, form: String, needs: Set<BudgetCodeNeed>) -> [Finding] {
    var findings: [Finding] = []
    func add(
      _ vi: String, _ en: String, activity: ActivityCode? = nil, amount: Money? = nil,
      location: SourceLocation? = nil
    ) {
      findings.append(
        Finding(
          code: .missingBudgetCode, year: year, activity: activity, unit: unit, amount: amount,
          location: location ?? SourceLocation(file: plan.file, line: 1),
          message: LocalizedText(vi: "Biểu \(form): \(vi)", en: "Form \(form): \(en)")))
    }
    let unitEntry = unit.flatMap { plan.unitByCode[$0] }
    let whose =
      unit.map { (vi: "đơn vị \($0)", en: "unit \($0)") } ?? (vi: "đơn vị báo cáo", en: "the reporting body")
    let keyPlace = unit == nil ? "plan" : "units"
    if needs.contains(.chapter), (unitEntry?.chapter ?? plan.info.reportingBody.chapter) == nil {
      add(
        "chưa có mã chương của \(whose.vi) (khóa 'chapter_code' trong '\(keyPlace)' của plan.yaml); ô mã chương để trống.",
        "no chapter code for \(whose.en) (key 'chapter_code' under '\(keyPlace)' in plan.yaml); the cell is left empty.",
        location: unitEntry?.location)
    }
    let relation = unit == nil ? plan.info.reportingBody.budgetRelationCode : unitEntry?.budgetRelationCode
    if needs.contains(.budgetRelationCode), relation == nil {
      add(
        "chưa có mã ĐVQHNS của \(whose.vi) (khóa 'budget_unit_code' trong '\(keyPlace)' của plan.yaml); ô để trống.",
        "no budget relationship unit code for \(whose.en) (key 'budget_unit_code' under '\(keyPlace)' in "
          + "plan.yaml); the cell is left empty.",
        location: unitEntry?.location)
    }
    let inPlanOrder = { (byActivity: [ActivityCode: Money]) in
      byActivity.sorted {
        (plan.activityOrder[$0.key] ?? Int.max, $0.key) < (plan.activityOrder[$1.key] ?? Int.max, $1.key)
      }
    }
    if needs.contains(.sector) {
      for (activity, amount) in inPlanOrder(sectorMissingByActivity) {
        add(
          "nội dung \(activity) chưa có loại-khoản (khóa 'sector_code' trong 'activities'); "
            + "\(amount.grouped) đồng ghi ở cột 'Chưa có mã'.",
          "activity \(activity) has no sector code (key 'sector_code' under 'activities'); "
            + "\(amount.groupedEnglish) đồng shown under 'Not coded'.",
          activity: activity, amount: amount, location: plan.activityByCode[activity]?.location)
      }
    }
    if needs.contains(.item) {
      for (activity, amount) in inPlanOrder(itemMissingByActivity) {
        add(
          "nội dung \(activity) chưa có tiểu mục (khóa 'item_code'/'sub_item_code' trong 'activities', "
            + "hoặc cột tiểu mục của khoản chi); \(amount.grouped) đồng ghi ở dòng 'Chưa có mã'.",
          "activity \(activity) has no sub-item (keys 'item_code'/'sub_item_code' under 'activities', or "
            + "the payment's sub-item column); \(amount.groupedEnglish) đồng shown under 'Not coded'.",
          activity: activity, amount: amount, location: plan.activityByCode[activity]?.location)
      }
    }
    if needs.contains(.programme) {
      if programmeCode == .missing {
        add(
          "chưa có mã chương trình mục tiêu quốc gia (khóa 'programme_code' trong 'plan').",
          "no national programme code (key 'programme_code' under 'plan').")
      }
      for project in byProject where project.programmeCode == .missing {
        add(
          "dự án \(project.project) chưa có mã dự án (khóa 'programme_code' trong 'projects'); "
            + "\(project.cumulativeSettledWithSubprojects.grouped) đồng lũy kế ghi ở dòng 'Chưa có mã'.",
          "project \(project.project) has no project code (key 'programme_code' under 'projects'); "
            + "\(project.cumulativeSettledWithSubprojects.groupedEnglish) đồng cumulative shown under 'Not coded'.",
          amount: project.cumulativeSettledWithSubprojects,
          location: plan.projectByCode[project.project]?.location)
      }
    }
    // The plan's `checks:` may raise, lower or switch off the code like any other.
    return SeverityPolicy(plan.severityOverrides).apply(findings)
  }
}

import BudgetCore
import Foundation
import LocatedYAML
import Yams

/// Reads `plan.yaml` (docs/workspace-format.md, "plan.yaml") through Yams' node tree, so every value keeps its line and column
/// and every problem is reported where it is, in both languages, saying what was expected. Unknown keys
/// are errors: a typo such as `sorces:` must not silently drop a catalogue.
public enum PlanReader {
  /// Parses the text of plan.yaml. Throws `InputErrors` holding every problem found.
  public static func read(yaml: String, file: String = "plan.yaml") throws -> Plan {
    var errors = InputErrors()
    let plan = read(yaml: yaml, file: file, errors: &errors)
    try errors.throwIfAny()
    guard let plan else { preconditionFailure("a plan is returned whenever no error was reported") }
    return plan
  }

  /// Parses the text, appending problems to `errors`; returns the plan only when nothing was wrong.
  public static func read(yaml: String, file: String, errors: inout InputErrors) -> Plan? {
    readWithSheetNames(yaml: yaml, file: file, errors: &errors).plan
  }

  /// The plan and the `excel:` sheet names of plan.yaml, from one composition of the file. The plan
  /// only when its own sections have no error; the sheet names' errors are appended after the plan's.
  static func readWithSheetNames(yaml: String, file: String, errors: inout InputErrors) -> (
    plan: Plan?, sheets: WorkspaceSheetNames
  ) {
    var reader = Reader(file: file)
    guard
      let root = reader.compose(
        yaml, empty: "các mục 'plan' và 'sources'", "the sections 'plan' and 'sources'")
    else {
      errors.append(contentsOf: reader.errors)
      return (nil, WorkspaceSheetNames())
    }
    let plan = reader.read(root: root)
    errors.append(contentsOf: reader.errors)
    let sheets = WorkspaceSheetNames.read(root: root, file: file, errors: &errors)
    return (reader.errors.isEmpty ? plan : nil, sheets)
  }
}

/// The reader of BudgetIO's YAML documents (plan, scenarios, successors map): the located-YAML helpers
/// (keys checked, values located, errors in both languages) are LocatedYAMLReader's, shared with the
/// report templates; what is here reads the budget's own values.
struct Reader: LocatedYAMLReader {
  let file: String
  var errors = InputErrors()
  /// Every code declared per catalogue, valid entry or not: a reference to an entry that has its own
  /// error is not reported a second time as unknown.
  var declaredSources: Set<String> = []
  var declaredProjects: Set<String> = []

  init(file: String) { self.file = file }

  /// A catalogue code satisfying `Code.isValid`.
  mutating func code(_ node: Node, key: String, context: String) -> String? {
    switch ScenarioValueRules.code(text(node) ?? "", key: key, context: context) {
    case .success(let value): return value
    case .failure(let problem):
      report(node, vi: problem.vi, en: problem.en)
      return nil
    }
  }

  /// The `code` every catalogue entry (source, unit, project, activity) must have: missing, reported at
  /// the entry; present, checked as a code.
  mutating func requiredCode(
    _ fields: [String: (key: Node, value: Node)], in item: Node, context: String
  ) -> String? {
    guard let entry = fields["code"] else {
      report(
        item, vi: "Thiếu khóa bắt buộc 'code' trong '\(context)'.",
        en: "Missing required key 'code' in '\(context)'.")
      return nil
    }
    return code(entry.value, key: "code", context: context)
  }

  // MARK: The document

  mutating func read(root: Node) -> Plan? {
    // `excel` (sheet names) is read by WorkspaceSheetNames in XlsxTableReader+Workspace.swift.
    let sections = [
      "plan", "sources", "units", "projects", "activities", "counterpart", "checks", "excel", "progress",
    ]
    guard let top = entries(root, allowed: sections, context: "plan.yaml") else { return nil }

    var info: PlanInfo?
    if let plan = top["plan"] {
      info = readInfo(plan.value)
    } else {
      report(
        root, vi: "Thiếu mục bắt buộc 'plan' (name, first_year, last_year).",
        en: "Missing required section 'plan' (name, first_year, last_year).")
    }
    let sources = readSources(top["sources"], root: root)
    let sourceByCode = Dictionary(
      sources.map { ($0.code.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
    let units = readTree(top["units"]?.value, section: "units").map {
      Unit(
        code: UnitCode($0.code), name: $0.name, parent: $0.parent.map { UnitCode($0) },
        budgetRelationCode: $0.budgetRelationCode, chapter: $0.chapter, location: $0.location)
    }
    let projectEntries = readTree(top["projects"]?.value, section: "projects")
    let projects = projectEntries.map {
      Project(
        code: ProjectCode($0.code), name: $0.name, parent: $0.parent.map { ProjectCode($0) },
        programmeCode: $0.programmeCode, location: $0.location)
    }
    let projectCodes = Set(projectEntries.map(\.code))
    let activities = readActivities(top["activities"]?.value, projects: projectCodes, sources: sourceByCode)
    let rules = readCounterpart(top["counterpart"]?.value, sources: sourceByCode)
    let overrides = readChecks(top["checks"]?.value)
    let pace = readProgressPace(top["progress"])  // PlanReader+Progress.swift

    guard errors.isEmpty, let info else { return nil }
    return Plan(
      info: info, sources: sources, units: units, projects: projects, activities: activities,
      counterpartRules: rules, severityOverrides: overrides, progressPace: pace, file: file)
  }

  // MARK: Sections

  mutating func readInfo(_ node: Node) -> PlanInfo? {
    let context = "plan"
    guard
      let fields = entries(
        node,
        allowed: [
          "name", "issuer", "office", "place", "first_year", "last_year", "reporting_body", "chapter_code",
          "budget_unit_code", "programme_code",
        ], context: context)
    else { return nil }
    let name = requiredText(fields, "name", in: node, context: context)
    let issuer = optionalText(fields, "issuer", context: context)
    let office = optionalText(fields, "office", context: context)
    let place = optionalText(fields, "place", context: context)
    let bodyName = optionalText(fields, "reporting_body", context: context)
    let chapter: (code: ChapterCode?, valid: Bool) = digitCode(
      fields, "chapter_code", context: context, example: "760")
    let relation: (code: BudgetRelationCode?, valid: Bool) = digitCode(
      fields, "budget_unit_code", context: context, example: "1234567")
    let programme: (code: NationalProgrammeCode?, valid: Bool) = digitCode(
      fields, "programme_code", context: context, example: "0500")
    var years: [Int?] = []
    for key in ["first_year", "last_year"] {
      guard let entry = fields[key] else {
        report(
          node, vi: "Thiếu khóa bắt buộc '\(key)' trong 'plan': cần năm 4 chữ số.",
          en: "Missing required key '\(key)' in 'plan': expected a 4-digit year.")
        years.append(nil)
        continue
      }
      years.append(integer(entry.value, key: key, range: Limits.yearMin...Limits.yearMax, context: context))
    }
    guard let name, let first = years[0], let last = years[1] else { return nil }
    guard first <= last else {
      report(
        fields["last_year"]?.value ?? node,
        vi: "last_year \(last) nhỏ hơn first_year \(first): cần first_year ≤ last_year.",
        en: "last_year \(last) is before first_year \(first): expected first_year ≤ last_year.")
      return nil
    }
    guard chapter.valid, relation.valid, programme.valid else { return nil }
    return PlanInfo(
      name: name, issuer: issuer, office: office, place: place, firstYear: first, lastYear: last,
      reportingBody: ReportingBody(name: bodyName, chapter: chapter.code, budgetRelationCode: relation.code),
      programmeCode: programme.code)
  }

  /// Checks the catalogue size and that each code appears once, reporting duplicates with both lines.
  mutating func checkUnique(_ codes: [(code: String, node: Node)], section: String) -> Set<String> {
    var firstLine: [String: Int] = [:]
    var duplicates: Set<String> = []
    for (code, node) in codes {
      let line = node.mark?.line ?? 1
      if let earlier = firstLine[code] {
        duplicates.insert(code)
        report(
          node,
          vi:
            "Mã '\(code)' trong '\(section)' bị trùng: đã khai báo ở dòng \(earlier) và dòng \(line); cần mã duy nhất.",
          en:
            "Code '\(code)' in '\(section)' is duplicated: declared on line \(earlier) and line \(line); expected unique codes."
        )
      } else {
        firstLine[code] = line
      }
    }
    return duplicates
  }

  mutating func sequenceItems(_ node: Node?, section: String) -> [Node] {
    guard let node, !isNull(node) else { return [] }
    guard let sequence = node.sequence else {
      report(
        node, vi: "'\(section)' cần là danh sách các mục (mỗi mục bắt đầu bằng '- code: …').",
        en: "'\(section)' must be a list of entries (each starting with '- code: …').")
      return []
    }
    if sequence.count > Limits.catalogueEntriesMax {
      report(
        node, vi: "'\(section)' có quá nhiều mục: tối đa \(Limits.catalogueEntriesMax).",
        en: "'\(section)' has too many entries: at most \(Limits.catalogueEntriesMax).")
      return []
    }
    return Array(sequence)
  }

  mutating func readSources(_ entry: (key: Node, value: Node)?, root: Node) -> [FundingSource] {
    let items = sequenceItems(entry?.value, section: "sources")
    if items.isEmpty {
      report(
        entry?.key ?? root, vi: "Cần ít nhất một nguồn kinh phí trong 'sources'.",
        en: "Expected at least one funding source under 'sources'.")
      return []
    }
    var sources: [FundingSource] = []
    var codes: [(code: String, node: Node)] = []
    let kinds = SourceKind.allCases.map(\.rawValue).joined(separator: ", ")
    for item in items {
      let context = "sources"
      guard
        let fields = entries(
          item, allowed: ["code", "name", "kind", "programme", "carry_over_years"], context: context)
      else { continue }
      let code = requiredCode(fields, in: item, context: context)
      let name = requiredText(fields, "name", in: item, context: context)
      var kind: SourceKind?
      if let kindEntry = fields["kind"] {
        let value = text(kindEntry.value) ?? ""
        kind = SourceKind(rawValue: value)
        if kind == nil {
          report(
            kindEntry.value, vi: "Loại nguồn không hợp lệ '\(value)': cần một trong \(kinds).",
            en: "Invalid source kind '\(value)': expected one of \(kinds).")
        }
      } else {
        report(
          item, vi: "Thiếu khóa bắt buộc 'kind' trong 'sources': cần một trong \(kinds).",
          en: "Missing required key 'kind' in 'sources': expected one of \(kinds).")
      }
      let programme = optionalText(fields, "programme", context: context)
      if kind == .pooled && programme == nil {
        report(
          item,
          vi:
            "Nguồn lồng ghép (pooled) '\(code ?? "?")' cần khóa 'programme': chương trình sở hữu nguồn vốn.",
          en: "Pooled source '\(code ?? "?")' needs the key 'programme': the programme the money belongs to.")
      }
      var carryOverYears: Int? = 0
      if let carry = fields["carry_over_years"], !isNull(carry.value) {
        carryOverYears = integer(carry.value, key: "carry_over_years", range: 0...10, context: context)
      }
      if let code { codes.append((code, fields["code"]?.value ?? item)) }
      guard let code, let name, let kind, let carryOverYears else { continue }
      sources.append(
        FundingSource(
          code: SourceCode(code), name: name, kind: kind, programme: programme,
          carryOverYears: carryOverYears,
          location: lineLocation(item)))
    }
    declaredSources = Set(codes.map(\.code))
    let duplicates = checkUnique(codes, section: "sources")
    return sources.filter { !duplicates.contains($0.code.rawValue) }
  }

  struct TreeEntry {
    let code: String
    let name: String
    let parent: String?
    /// Units' `budget_unit_code` and `chapter_code`; projects' `programme_code`.
    let budgetRelationCode: BudgetRelationCode?
    let chapter: ChapterCode?
    let programmeCode: NationalProgrammeCode?
    let location: SourceLocation
    let node: Node
    let parentNode: Node?
  }

  /// Units and projects: code, name, optional parent that must exist, no cycles, bounded depth.
  mutating func readTree(_ node: Node?, section: String) -> [TreeEntry] {
    var result: [TreeEntry] = []
    var codes: [(code: String, node: Node)] = []
    for item in sequenceItems(node, section: section) {
      let codeKeys = section == "units" ? ["budget_unit_code", "chapter_code"] : ["programme_code"]
      guard let fields = entries(item, allowed: ["code", "name", "parent"] + codeKeys, context: section)
      else {
        continue
      }
      let code = requiredCode(fields, in: item, context: section)
      let name = requiredText(fields, "name", in: item, context: section)
      var parent: String?
      var parentValid = true
      if let parentEntry = fields["parent"], !isNull(parentEntry.value) {
        parent = self.code(parentEntry.value, key: "parent", context: section)
        parentValid = parent != nil
      }
      let relation: (code: BudgetRelationCode?, valid: Bool) = digitCode(
        fields, "budget_unit_code", context: section, example: "1234567")
      let chapter: (code: ChapterCode?, valid: Bool) = digitCode(
        fields, "chapter_code", context: section, example: "860")
      let programme: (code: NationalProgrammeCode?, valid: Bool) = digitCode(
        fields, "programme_code", context: section, example: "0510")
      if let code { codes.append((code, fields["code"]?.value ?? item)) }
      guard let code, let name, parentValid, relation.valid, chapter.valid, programme.valid else { continue }
      result.append(
        TreeEntry(
          code: code, name: name, parent: parent, budgetRelationCode: relation.code, chapter: chapter.code,
          programmeCode: programme.code, location: lineLocation(item), node: item,
          parentNode: fields["parent"]?.value))
    }
    if section == "projects" { declaredProjects = Set(codes.map(\.code)) }
    let declared = Set(codes.map(\.code))
    let duplicates = checkUnique(codes, section: section)
    result.removeAll { duplicates.contains($0.code) }
    let byCode = Dictionary(result.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    var reportedCycles: Set<String> = []
    for entry in result {
      guard let parent = entry.parent else { continue }
      guard byCode[parent] != nil else {
        if declared.contains(parent) { continue }  // the parent has its own error
        report(
          entry.parentNode ?? entry.node,
          vi: "Mã cha '\(parent)' của '\(entry.code)' không có trong '\(section)': cần mã đã khai báo.",
          en: "Parent '\(parent)' of '\(entry.code)' is not in '\(section)': expected a declared code.")
        continue
      }
      // Walk up; a chain that comes back to the entry is a cycle, one longer than the limit is too deep.
      var seen: [String] = [entry.code]
      var current = parent
      var depth = 1
      while let next = byCode[current] {
        if current == entry.code {
          if !reportedCycles.contains(entry.code) {
            reportedCycles.formUnion(seen)
            let cycle = (seen + [entry.code]).joined(separator: " → ")
            report(
              entry.parentNode ?? entry.node,
              vi: "Vòng lặp mã cha trong '\(section)': \(cycle); cần một cây không vòng.",
              en: "Parent cycle in '\(section)': \(cycle); expected a tree without cycles.")
          }
          break
        }
        if seen.contains(current) { break }  // a cycle further up; reported from its own members
        seen.append(current)
        depth += 1
        if depth > Limits.treeDepthMax {
          report(
            entry.node,
            vi: "Cây '\(section)' quá sâu tại '\(entry.code)': tối đa \(Limits.treeDepthMax) cấp.",
            en: "The '\(section)' tree is too deep at '\(entry.code)': at most \(Limits.treeDepthMax) levels."
          )
          break
        }
        guard let up = next.parent else { break }
        current = up
      }
    }
    return result
  }

  mutating func readActivities(_ node: Node?, projects: Set<String>, sources: [String: FundingSource])
    -> [Activity]
  {
    var result: [Activity] = []
    var codes: [(code: String, node: Node)] = []
    let context = "activities"
    for item in sequenceItems(node, section: context) {
      guard
        let fields = entries(
          item,
          allowed: [
            "code", "name", "project", "sources", "unit_cost_max", "sector_code", "item_code",
            "sub_item_code",
          ], context: context)
      else { continue }
      let code = requiredCode(fields, in: item, context: context)
      let name = requiredText(fields, "name", in: item, context: context)
      var project: String?
      if let projectEntry = fields["project"] {
        project = self.code(projectEntry.value, key: "project", context: context)
        if let known = project, !projects.contains(known) {
          // A declared project with its own error is not reported again as unknown.
          if !declaredProjects.contains(known) {
            report(
              projectEntry.value,
              vi:
                "Dự án '\(known)' của hoạt động '\(code ?? "?")' không có trong 'projects': cần mã đã khai báo.",
              en:
                "Project '\(known)' of activity '\(code ?? "?")' is not in 'projects': expected a declared code."
            )
          }
          project = nil
        }
      } else {
        report(
          item, vi: "Thiếu khóa bắt buộc 'project' trong 'activities': cần mã dự án.",
          en: "Missing required key 'project' in 'activities': expected a project code.")
      }
      var eligible: Set<SourceCode>?
      var eligibleValid = true
      if let sourcesEntry = fields["sources"], !isNull(sourcesEntry.value) {
        if let items = list(sourcesEntry.value, key: "sources", context: context) {
          if items.isEmpty {
            eligibleValid = false
            report(
              sourcesEntry.value,
              vi: "'sources' của hoạt động đang rỗng: cần ít nhất một mã nguồn (hoặc bỏ khóa).",
              en: "The activity's 'sources' is empty: expected at least one source code (or omit the key).")
          }
          let listed = sourceCodes(items, key: "sources", context: context, sources: sources) {
            (
              "Nguồn '\($0)' của hoạt động '\(code ?? "?")' không có trong 'sources': cần mã đã khai báo.",
              "Source '\($0)' of activity '\(code ?? "?")' is not in 'sources': expected a declared code."
            )
          }
          if !listed.valid { eligibleValid = false }
          eligible = Set(listed.codes)
        } else {
          eligibleValid = false
        }
      }
      var unitCostMax: Money?
      var costValid = true
      if let costEntry = fields["unit_cost_max"], !isNull(costEntry.value) {
        let value = text(costEntry.value) ?? ""
        let bytes = Array(value.utf8)
        let parsed = bytes.withUnsafeBufferPointer { FieldParsers.amount($0, 0, $0.count) }
        if case .value(let dong) = parsed, dong > 0 {
          unitCostMax = Money(dong: dong)
        } else {
          costValid = false
          report(
            costEntry.value,
            vi:
              "Định mức unit_cost_max không hợp lệ '\(value)': cần số nguyên đồng dương (7000000 hoặc \"7.000.000\").",
            en: "Invalid unit_cost_max '\(value)': expected positive whole đồng (7000000 or \"7.000.000\").")
        }
      }
      let classification = activityClassification(fields, context: context)
      if let code { codes.append((code, fields["code"]?.value ?? item)) }
      guard let code, let name, let project, eligibleValid, costValid, classification.valid else { continue }
      result.append(
        Activity(
          code: ActivityCode(code), name: name, project: ProjectCode(project), eligibleSources: eligible,
          unitCostMax: unitCostMax, classification: classification.classification,
          location: lineLocation(item)))
    }
    let duplicates = checkUnique(codes, section: context)
    return result.filter { !duplicates.contains($0.code.rawValue) }
  }

  /// The source codes of a list (an activity's `sources`, a counterpart rule's `local`), in order.
  /// `valid` is false when one is malformed (reported by `code`) or not a source that was read; one not
  /// declared in `sources:` is reported at its node with `undeclared`'s words (Vietnamese, English).
  mutating func sourceCodes(
    _ items: [Node], key: String, context: String, sources: [String: FundingSource],
    undeclared: (String) -> (String, String)
  ) -> (codes: [SourceCode], valid: Bool) {
    var codes: [SourceCode] = []
    var valid = true
    for sourceNode in items {
      guard let source = self.code(sourceNode, key: key, context: context) else {
        valid = false
        continue
      }
      if sources[source] == nil { valid = false }
      if !declaredSources.contains(source) {
        let (vi, en) = undeclared(source)
        report(sourceNode, vi: vi, en: en)
      }
      codes.append(SourceCode(source))
    }
    return (codes, valid)
  }

  mutating func readCounterpart(_ node: Node?, sources: [String: FundingSource]) -> [CounterpartRule] {
    var rules: [CounterpartRule] = []
    let context = "counterpart"
    for item in sequenceItems(node, section: context) {
      guard let fields = entries(item, allowed: ["central", "local", "min_percent"], context: context) else {
        continue
      }
      var central: String?
      if let centralEntry = fields["central"] {
        central = self.code(centralEntry.value, key: "central", context: context)
        if let known = central {
          if let source = sources[known] {
            if source.kind != .central {
              report(
                centralEntry.value,
                vi: "Nguồn '\(known)' ở 'central' có loại '\(source.kind.rawValue)': cần nguồn loại central.",
                en:
                  "Source '\(known)' under 'central' is of kind '\(source.kind.rawValue)': expected a central source."
              )
              central = nil
            }
          } else {
            if !declaredSources.contains(known) {
              report(
                centralEntry.value,
                vi: "Nguồn '\(known)' ở 'central' không có trong 'sources': cần mã đã khai báo.",
                en: "Source '\(known)' under 'central' is not in 'sources': expected a declared code.")
            }
            central = nil
          }
        }
      } else {
        report(
          item, vi: "Thiếu khóa bắt buộc 'central' trong 'counterpart'.",
          en: "Missing required key 'central' in 'counterpart'.")
      }
      var local: [SourceCode] = []
      var localValid = true
      if let localEntry = fields["local"] {
        if let items = list(localEntry.value, key: "local", context: context), !items.isEmpty {
          // A pooled source here is not an input error: the engine reports POOLED_AS_COUNTERPART.
          let listed = sourceCodes(items, key: "local", context: context, sources: sources) {
            (
              "Nguồn '\($0)' ở 'local' không có trong 'sources': cần mã đã khai báo.",
              "Source '\($0)' under 'local' is not in 'sources': expected a declared code."
            )
          }
          if !listed.valid { localValid = false }
          local = listed.codes
        } else {
          localValid = false
          report(
            localEntry.value, vi: "'local' cần danh sách ít nhất một mã nguồn, ví dụ [TINH, HUYEN].",
            en: "'local' needs a list of at least one source code, for example [TINH, HUYEN].")
        }
      } else {
        localValid = false
        report(
          item, vi: "Thiếu khóa bắt buộc 'local' trong 'counterpart'.",
          en: "Missing required key 'local' in 'counterpart'.")
      }
      var minPercent: Percent?
      if let percentEntry = fields["min_percent"] {
        let value = text(percentEntry.value) ?? ""
        minPercent = PlanPercent.parse(value)
        if minPercent == nil {
          report(
            percentEntry.value,
            vi:
              "min_percent không hợp lệ '\(value)': cần số từ 0 đến 100, tối đa 2 chữ số thập phân (10 hoặc 12.5).",
            en:
              "Invalid min_percent '\(value)': expected a number from 0 to 100 with at most 2 decimals (10 or 12.5)."
          )
        }
      } else {
        report(
          item, vi: "Thiếu khóa bắt buộc 'min_percent' trong 'counterpart'.",
          en: "Missing required key 'min_percent' in 'counterpart'.")
      }
      guard let central, localValid, let minPercent else { continue }
      rules.append(
        CounterpartRule(
          central: SourceCode(central), local: local, minPercent: minPercent, location: lineLocation(item)))
    }
    return rules
  }

  mutating func readChecks(_ node: Node?) -> [FindingCode: SeverityOverride] {
    guard let node, !isNull(node) else { return [:] }
    guard let mapping = node.mapping else {
      report(
        node, vi: "'checks' cần là bảng MÃ_PHÁT_HIỆN: error|warning|info|off.",
        en: "'checks' must be a mapping FINDING_CODE: error|warning|info|off.")
      return [:]
    }
    var overrides: [FindingCode: SeverityOverride] = [:]
    let values = SeverityOverride.allCases.map(\.rawValue).joined(separator: ", ")
    for (key, value) in mapping {
      let name = key.scalar?.string ?? "?"
      guard let code = FindingCode(rawValue: name) else {
        report(
          key,
          vi:
            "Mã phát hiện không hợp lệ '\(name)' ở dòng \(key.mark?.line ?? 1) trong 'checks'; cần một trong: "
            + "\(FindingCode.allCases.map(\.rawValue).joined(separator: ", ")).",
          en: "Unknown finding code '\(name)' on line \(key.mark?.line ?? 1) in 'checks'; expected one of: "
            + "\(FindingCode.allCases.map(\.rawValue).joined(separator: ", ")).")
        continue
      }
      let level = text(value) ?? ""
      guard let severity = SeverityOverride(rawValue: level) else {
        report(
          value, vi: "Mức không hợp lệ '\(level)' cho \(name): cần một trong \(values).",
          en: "Invalid level '\(level)' for \(name): expected one of \(values).")
        continue
      }
      // A row naming a code the plan lacks has no source, activity or unit to be settled against:
      // every table of the settlement groups by the plan's catalogues, so such rows cannot be accepted.
      if FindingCode.namesACodeThePlanLacks.contains(code), severity != .error {
        report(
          value,
          vi: "\(name) không hạ mức được (chỉ 'error'): khoản tiền phải quyết toán theo một mã có trong kế "
            + "hoạch; sửa dòng dữ liệu hoặc thêm mã vào plan.yaml.",
          en: "\(name) cannot be lowered (only 'error'): money is settled against a code the plan lists; "
            + "correct the row or add the code to plan.yaml.")
        continue
      }
      overrides[code] = severity
    }
    return overrides
  }
}

/// `min_percent` values.
enum PlanPercent {
  /// `10`, `12.5`, `12.55`: 0…100 with at most two decimals, read from the text (never via Double).
  static func parse(_ text: String) -> Percent? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, let wholeText = parts.first, !wholeText.isEmpty, wholeText.count <= 3,
      wholeText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let whole = Int64(wholeText)
    else { return nil }
    var fraction: Int64 = 0
    if parts.count == 2 {
      let fractionText = parts[1]
      guard (1...2).contains(fractionText.count), fractionText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
        let value = Int64(fractionText)
      else { return nil }
      fraction = fractionText.count == 1 ? value * 10 : value
    }
    let hundredths = whole * 100 + fraction
    guard hundredths <= 10_000 else { return nil }
    return Percent(hundredths: hundredths)
  }
}

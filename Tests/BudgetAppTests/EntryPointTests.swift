import BudgetApp
import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing
import WorkspaceGenerator
import XlsxReadBack

/// whatif, close, handover, import, consolidate, generate and progress called in process: real
/// values of SampleData/chiem-hoa, typed errors, nothing written on an error.
@Suite struct EntryPointTests {
  /// A copy of the sample workspace the test may change.
  func workspaceCopy() throws -> URL {
    let folder = try Fixture.temporaryDirectory().appendingPathComponent("ws")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: Fixture.chiemHoa), to: folder)
    return folder
  }

  // MARK: whatif

  @Test func whatIfCutsTheProvincesCounterpartAndCountsTheErrorsThatStand() throws {
    let folder = try Fixture.temporaryDirectory()
    let workbook = folder.appendingPathComponent("so-sanh.xlsx").path
    let result = try Fixture.app.whatIf(
      WhatIfRequest(
        workspace: Fixture.chiemHoa, scenarios: ["scenarios/tinh-giam-30.yaml"], workbook: workbook,
        json: .text))
    // TINH's 2023 allocations, 50.000.000 (EXPECTED.md), cut by 30 %.
    let comparison = try #require(result.report.comparisons.first)
    let tinh = comparison.result.lines.filter { $0.key.source == SourceCode("TINH") }
    #expect(tinh.map(\.figures.allocated).sum() == Money(dong: 35_000_000))
    var standing = StandingErrors(
      count: 4, scope: LocalizedText(vi: "năm 2023 sau kịch bản", en: "in 2023 after the scenario"))
    standing.markedDraft = true
    #expect(result.standing == standing)
    #expect(result.writtenPaths == [workbook])
    #expect(result.json?.contains("\"name\": \"Tỉnh giảm 30% đối ứng\"") == true)
    // The scenario leaves errors standing: every printed page of the comparison says DỰ THẢO.
    let book = try XlsxReadBack(url: URL(fileURLWithPath: workbook))
    #expect(try book.sheetNames().isEmpty == false)
    for sheet in try book.sheetNames() {
      let header = try book.sheet(named: sheet).first("oddHeader")?.allText ?? ""
      #expect(header.hasSuffix("DỰ THẢO"), "\(sheet): \(header)")
    }
  }

  @Test func whatIfErrorsAreTypedAndWriteNothing() throws {
    let folder = try Fixture.temporaryDirectory()
    let workbook = folder.appendingPathComponent("so-sanh.xlsx").path
    let missing = try #require(throws: AppError.self) {
      try Fixture.app.whatIf(
        WhatIfRequest(workspace: Fixture.chiemHoa, scenarios: ["scenarios/khong-co.yaml"], workbook: workbook)
      )
    }
    guard case .input = missing else { Issue.record("expected .input, got \(missing)"); return }
    let badSweep = try #require(throws: AppError.self) {
      try Fixture.app.whatIf(
        WhatIfRequest(
          workspace: Fixture.chiemHoa, scenarios: ["scenarios/tinh-giam-30.yaml"], sweep: "bad",
          workbook: workbook))
    }
    guard case .input = badSweep else { Issue.record("expected .input, got \(badSweep)"); return }
    let none = try #require(throws: AppError.self) {
      try Fixture.app.whatIf(WhatIfRequest(workspace: Fixture.chiemHoa, scenarios: []))
    }
    guard case .request = none else { Issue.record("expected .request, got \(none)"); return }
    #expect(try Fixture.contents(of: folder) == [])
  }

  // MARK: close

  @Test func closingAYearWhoseCarryInIsRecordedAddsNothing() throws {
    // EXPECTED.md: closing 2021 yields exactly the 2022 carry_in rows already in the file.
    let plan = try Fixture.app.planClose(CloseRequest(workspace: Fixture.chiemHoa, year: 2021))
    #expect(plan.refusal == nil)
    #expect(plan.rows.isEmpty && plan.close.isClosed)
    #expect(plan.alreadyClosed && !plan.writesRows)
    #expect(plan.close.carryOverTotal == Money(dong: 87_000_000))
    #expect(plan.close.cancelledTotal == Money(dong: 800_000))
    #expect(try Fixture.app.applyClose(plan) == 0)
  }

  @Test func aYearWithErrorsIsRefusedUnlessForced() throws {
    let plan = try Fixture.app.planClose(CloseRequest(workspace: Fixture.chiemHoa, year: 2023))
    #expect(plan.refusal == .errorFindings(count: 1))
    // Refused: neither written nor called closed, whatever the rows (the sample's 2024 rows are recorded).
    #expect(!plan.writesRows && !plan.alreadyClosed)
    // Applying a refused plan is refused too: the same decision for every front end.
    #expect(throws: AppError.self) { try Fixture.app.applyClose(plan) }
    let forced = try Fixture.app.planClose(CloseRequest(workspace: Fixture.chiemHoa, year: 2023, force: true))
    #expect(forced.refusal == nil)
    // The forced year's own error stands after the close (status 1 on the command line).
    #expect(forced.standing == StandingErrors(count: 1, scope: .years(2023...2024)))
  }

  @Test func aRecordedRowThatDiffersLeavesTheYearOpenWithNothingToWrite() throws {
    // features/carry-in-mismatch: 2022 leaves nothing to carry, but 2023 records 3.000.000 carried in.
    let plan = try Fixture.app.planClose(
      CloseRequest(workspace: Fixture.sample("features/carry-in-mismatch"), year: 2022))
    #expect(plan.refusal == nil && plan.rows.isEmpty)
    #expect(plan.close.differences.count == 1)
    #expect(plan.close.differences.first?.recorded == Money(dong: 3_000_000))
    // Not closed (the web page used to say so whenever no row was missing), nothing to write, and
    // the difference stands as an error finding (status 1 on the command line).
    #expect(!plan.alreadyClosed && !plan.writesRows)
    #expect(plan.standing == StandingErrors(count: 1, scope: .years(2022...2023)))
  }

  @Test func closingTheLastYearWritesItsRowsToAFileOfTheirOwn() throws {
    let folder = try Fixture.temporaryDirectory()
    let outside = try Fixture.app.planClose(CloseRequest(workspace: Fixture.chiemHoa, year: 2025))
    #expect(outside.refusal == .nextYearOutsidePlan(nextYear: 2026, planYears: 2021...2025))
    let rowsFile = folder.appendingPathComponent("carry-in-2026.csv").path
    let schedule = folder.appendingPathComponent("chuyen-nguon-2025.xlsx").path
    let plan = try Fixture.app.planClose(
      CloseRequest(workspace: Fixture.chiemHoa, year: 2025, rowsFile: rowsFile, schedules: [schedule]))
    #expect(plan.refusal == nil && plan.destination == rowsFile && !plan.rows.isEmpty)
    #expect(plan.writesRows && !plan.alreadyClosed)
    // Every row carries one origin year's money into 2026, and together they are the year's carry-over.
    #expect(plan.rows.allSatisfy { $0.year == 2026 && $0.kind == .carryIn })
    #expect(plan.rows.map(\.amount).sum() == plan.close.carryOverTotal)
    #expect(try Fixture.app.writeCloseSchedules(plan) == [schedule])
    #expect(try Fixture.app.applyClose(plan) == plan.rows.count)
    let written = try String(contentsOfFile: rowsFile, encoding: .utf8)
    #expect(written.split(whereSeparator: \.isNewline).count == plan.rows.count + 1)
    #expect(written.contains("Dự toán năm 2025 chuyển sang (chuyển nguồn), năm gốc"))
    #expect(try Fixture.contents(of: folder) == ["carry-in-2026.csv", "chuyen-nguon-2025.xlsx"])
  }

  @Test func closeAppendsToAllocationsOnlyWhenTheFileIsUnchanged() throws {
    let workspace = try workspaceCopy()
    let allocations = workspace.appendingPathComponent("allocations.csv")
    // Without its 2024 carry-in rows, closing 2023 (forced) has rows to append.
    let text = try String(contentsOf: allocations, encoding: .utf8)
    let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
      !($0.hasPrefix("2024,") && $0.contains("carry_in"))
    }
    try kept.joined(separator: "\n").write(to: allocations, atomically: true, encoding: .utf8)
    let plan = try Fixture.app.planClose(CloseRequest(workspace: workspace.path, year: 2023, force: true))
    #expect(!plan.rows.isEmpty && plan.destination == allocations.path)
    // The file changes after the plan: nothing is appended.
    let changed = kept.joined(separator: "\n") + "\n"
    try changed.write(to: allocations, atomically: true, encoding: .utf8)
    #expect(throws: AppError.self) { try Fixture.app.applyClose(plan) }
    #expect(try String(contentsOf: allocations, encoding: .utf8) == changed)
  }

  // MARK: handover

  @Test func handoverSplitsTheBalancesAndWritesTheScheduleAndTheRows() throws {
    let folder = try Fixture.temporaryDirectory()
    let request = HandoverRequest(
      workspace: Fixture.chiemHoa, date: try HandoverRequest.date("30/06/2025"),
      map: Fixture.sample("chiem-hoa/successors.yaml"),
      workbook: folder.appendingPathComponent("ban-giao.xlsx").path,
      rows: folder.appendingPathComponent("mo-so.csv").path)
    let result = try Fixture.app.handover(request)
    #expect(result.handover.total == Money(dong: 571_800_000))
    #expect(result.handover.openings.map(\.amount).sum() == Money(dong: 571_800_000))
    #expect(result.rowsWritten == 28)
    #expect(result.successorNames[UnitCode("SO_TP")] == "Sở Tư pháp")
    #expect(result.standing == StandingErrors(count: 0, scope: .years(2025...2025)))
    #expect(try Fixture.contents(of: folder) == ["ban-giao.xlsx", "mo-so.csv"])
    // No error stands in 2025: the record and its schedules carry no DỰ THẢO mark.
    let book = try XlsxReadBack(url: folder.appendingPathComponent("ban-giao.xlsx"))
    for sheet in try book.sheetNames() {
      #expect(try book.sheet(named: sheet).first("oddHeader") == nil, "\(sheet)")
    }
    // A second run would append the rows twice: the rows file exists, so nothing is written.
    let again = try #require(throws: AppError.self) { try Fixture.app.handover(request) }
    guard case .request(let message) = again else { Issue.record("expected .request, got \(again)"); return }
    #expect(message.en.hasPrefix("the output file exists"))
  }

  @Test func aMapNamingUnitsThePlansDoNotKnowIsRefusedWithEveryProblem() throws {
    let folder = try Fixture.temporaryDirectory()
    let map = folder.appendingPathComponent("successors.yaml")
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: Fixture.sample("chiem-hoa/sau-sap-xep")),
      to: folder.appendingPathComponent("sau-sap-xep"))
    try """
    handover:
      date: 2025-06-30
      successor_plan: sau-sap-xep/plan.yaml
    successors:
      - {unit: KHONG_CO, to: SO_TP}
      - {unit: PDT, to: SO_KHONG_CO}
    """.write(to: map, atomically: true, encoding: .utf8)
    let error = try #require(throws: AppError.self) {
      try Fixture.app.handover(
        HandoverRequest(
          workspace: Fixture.chiemHoa, date: try HandoverRequest.date("2025-06-30"), map: map.path,
          workbook: folder.appendingPathComponent("b.xlsx").path,
          rows: folder.appendingPathComponent("r.csv").path))
    }
    guard case .input(let errors) = error else { Issue.record("expected .input, got \(error)"); return }
    #expect(
      errors.errors.map(\.message.en) == [
        "Unit 'KHONG_CO' is not in the workspace's plan.yaml.",
        "Successor 'SO_KHONG_CO' is not in the successors' plan (sau-sap-xep/plan.yaml).",
      ])
    #expect(errors.errors.allSatisfy { $0.location?.line != nil })
    #expect(try Fixture.contents(of: folder) == ["sau-sap-xep", "successors.yaml"])
    #expect(throws: AppError.self) { try HandoverRequest.date("31/02/2025") }
  }

  // MARK: import

  @Test func importPlansThenAppliesAndTheImportedWorkspaceSettlesTheSame() throws {
    let fixtures = Fixture.packageRoot.appendingPathComponent("Tests/BudgetIOTests/Fixtures")
    let folder = try Fixture.temporaryDirectory()
    for (from, name) in [("chiem-hoa/plan.yaml", "plan.yaml")] {
      try FileManager.default.copyItem(
        at: URL(fileURLWithPath: Fixture.sample(from)), to: folder.appendingPathComponent(name))
    }
    try FileManager.default.copyItem(
      at: fixtures.appendingPathComponent("chiem-hoa-allocations.csv"),
      to: folder.appendingPathComponent("allocations.csv"))
    let request = ImportRequest(
      file: fixtures.appendingPathComponent("chiem-hoa-spending.xlsx").path, table: .spending,
      workspace: folder.path)
    let plan = try Fixture.app.planImport(request)
    #expect(plan.plan.rowsAdded == 466 && plan.plan.rowsRemoved == 0 && !plan.changesExistingFile)
    #expect(try Fixture.contents(of: folder) == ["allocations.csv", "plan.yaml"])
    #expect(try Fixture.app.applyImport(plan) == nil)
    #expect(try Fixture.contents(of: folder) == ["allocations.csv", "plan.yaml", "spending.csv"])
    // EXPECTED.md: 241 payments settled against 2023 among the original rows.
    let settled = try Fixture.app.settleYear(
      SettleYearRequest(workspace: folder.path, year: 2023, output: .jsonText))
    #expect(settled.settlement.payments.count == 241)
    // The same sheet again would duplicate every payment: refused by the plan, nothing written.
    let again = try #require(throws: AppError.self) { try Fixture.app.planImport(request) }
    guard case .input = again else { Issue.record("expected .input, got \(again)"); return }
    let unreadable = try #require(throws: AppError.self) {
      try Fixture.app.planImport(
        ImportRequest(file: "/nonexistent.xlsx", table: .spending, workspace: folder.path))
    }
    #expect(unreadable.text.contains("Could not read '/nonexistent.xlsx'."))
  }

  // MARK: consolidate, generate, progress

  @Test func consolidateCountsTheDifferencesAndTheYearsErrors() throws {
    let folder = try Fixture.temporaryDirectory()
    let units = ["xa-hung-my", "xa-kim-binh"].map { Fixture.sample("chiem-hoa-units/\($0)") }
    let path = folder.appendingPathComponent("hop-nhat.xlsx").path
    let result = try Fixture.app.consolidate(
      ConsolidateRequest(district: Fixture.chiemHoa, units: units, year: 2023, output: path))
    #expect(result.writtenPath == path)
    #expect(result.standing.count == result.consolidation.differences.count + 1)
    #expect(result.standing.count == 2)
    let outside = try #require(throws: AppError.self) {
      try Fixture.app.consolidate(ConsolidateRequest(district: Fixture.chiemHoa, units: units, year: 2040))
    }
    guard case .request = outside else { Issue.record("expected .request, got \(outside)"); return }
    #expect(try Fixture.contents(of: folder) == ["hop-nhat.xlsx"])
  }

  @Test func generateWritesTheRowsAskedFor() throws {
    let folder = try Fixture.temporaryDirectory().appendingPathComponent("ws")
    let summary = try Fixture.app.generate(
      GenerateRequest(
        folder: folder.path,
        options: GeneratorOptions(units: 3, payments: 50, firstYear: 2022, lastYear: 2023, seed: 2)))
    #expect(summary.paymentRows == 50)
    #expect(try Fixture.contents(of: folder) == ["allocations.csv", "plan.yaml", "spending.csv"])
    let check = try Fixture.app.check(CheckRequest(workspace: folder.path))
    #expect(check.analysis.ledger.payments.count == 50)
    let invalid = try #require(throws: AppError.self) {
      try Fixture.app.generate(
        GenerateRequest(
          folder: folder.path + "-2",
          options: GeneratorOptions(units: 0, payments: 50, firstYear: 2022, lastYear: 2023)))
    }
    #expect(
      invalid.text
        == "Lỗi: tham số không hợp lệ: units must be 1…50000. Không ghi tệp nào.\nError: invalid options: units must be 1…50000. Nothing was written.\n"
    )
    #expect(!FileManager.default.fileExists(atPath: folder.path + "-2"))
  }

  @Test func progressAsOfADateOfThePlan() throws {
    let result = try Fixture.app.disbursementProgress(
      ProgressRequest(workspace: Fixture.chiemHoa, asOf: try HandoverRequest.date("30/06/2023"), json: .text))
    #expect(result.json?.isEmpty == false)
    let outside = try #require(throws: AppError.self) {
      try Fixture.app.disbursementProgress(
        ProgressRequest(workspace: Fixture.chiemHoa, asOf: try HandoverRequest.date("30/06/2030")))
    }
    guard case .input = outside else { Issue.record("expected .input, got \(outside)"); return }
  }
}

import BudgetApp
import BudgetCore
import BudgetEngine
import Foundation
import Testing
import XlsxReadBack

/// `check` and `settle` (a year, a phase, per unit) called in process on SampleData/chiem-hoa; the
/// expected figures are those of SampleData/chiem-hoa/EXPECTED.md.
@Suite struct CheckAndSettleTests {
  @Test func checkListsTheYearsFindingsAndCountsItsErrors() throws {
    let year2022 = try Fixture.app.check(CheckRequest(workspace: Fixture.chiemHoa, year: 2022))
    #expect(year2022.years == [2022])
    #expect(year2022.standing == StandingErrors(count: 0, scope: .years(2022...2022)))
    // Three warnings (NORM_EXCEEDED, ADVANCE_OPEN: the advance 2022-0229 carried over as số dư tạm ứng,
    // MISSING_DECISION) and 11 UNSPENT lines.
    #expect(
      year2022.findings.filter { $0.severity == .warning }.map(\.code)
        == [.normExceeded, .advanceOpen, .missingDecision])
    let open = try #require(year2022.findings.first { $0.code == .advanceOpen })
    #expect(open.amount == Money(dong: 18_828_000) && open.rowID == "2022-0229")
    #expect(year2022.findings.filter { $0.code == .unspent }.count == 11)

    let everyYear = try Fixture.app.check(CheckRequest(workspace: Fixture.chiemHoa))
    #expect(everyYear.years == [2021, 2022, 2023, 2024, 2025])
    // The one error of the sample: the 2023 OVERSPEND.
    #expect(everyYear.standing.count == 1)
    #expect(everyYear.findings.filter { $0.severity == .error }.map(\.code) == [.overspend])
  }

  @Test func aYearOutsideThePlanIsARequestErrorNotAnInputError() throws {
    let error = try #require(throws: AppError.self) {
      try Fixture.app.check(CheckRequest(workspace: Fixture.chiemHoa, year: 1999))
    }
    guard case .request(let message) = error else { Issue.record("expected .request, got \(error)"); return }
    #expect(message.en == "1999 is outside the plan 2021–2025; choose a year within it.")
    #expect(error.text.hasPrefix("Lỗi: năm 1999 nằm ngoài kế hoạch 2021–2025"))
  }

  @Test func aMissingWorkspaceIsALocatedInputError() throws {
    let error = try #require(throws: AppError.self) {
      try Fixture.app.check(CheckRequest(workspace: "/nonexistent/ws"))
    }
    guard case .input(let errors) = error else { Issue.record("expected .input, got \(error)"); return }
    #expect(!errors.isEmpty)
  }

  @Test func settleYearAsJSONTextReturnsTheFiguresAndWritesNothing() throws {
    let folder = try Fixture.temporaryDirectory()
    let result = try Fixture.app.settleYear(
      SettleYearRequest(workspace: Fixture.chiemHoa, year: 2022, output: .jsonText))
    #expect(result.writtenPath == nil)
    // EXPECTED.md, 2022 totals.
    #expect(result.settlement.totals.available == Money(dong: 1_963_000_000))
    #expect(result.settlement.totals.spent == Money(dong: 1_784_520_000))
    #expect(result.settlement.totals.carryOver == Money(dong: 175_980_000))
    #expect(result.settlement.totals.cancelled == Money(dong: 2_500_000))
    #expect(result.json?.contains("\"available\": 1963000000") == true)
    #expect(try Fixture.contents(of: folder) == [])
  }

  @Test func settleYearWritesTheWorkbookAndReportsItsProgress() throws {
    let folder = try Fixture.temporaryDirectory()
    let path = folder.appendingPathComponent("qt.xlsx").path
    let events = Recorder()
    let result = try Fixture.app.settleYear(
      SettleYearRequest(workspace: Fixture.chiemHoa, year: 2023, output: .workbook(path: path)),
      run: RunControl(progress: events.record))
    #expect(result.writtenPath == path)
    #expect(result.standing == StandingErrors(count: 1, scope: .years(2023...2023)))
    let summary = try XlsxReadBack(url: URL(fileURLWithPath: path)).cells(sheet: "Tổng hợp")
    #expect(summary["E9"]?.value == "1972980000")
    #expect(try Fixture.contents(of: folder) == ["qt.xlsx"])
    // Reading, then writing with a known total, every row counted, then the end.
    let steps = events.values.compactMap { event -> String? in
      if case .begin(let step, _, _) = event { return step.en }
      return nil
    }
    #expect(steps == ["Reading and checking", "Writing the workbook"])
    let total = events.values.compactMap { event -> Int? in
      if case .begin(_, _, let total?) = event { return total }
      return nil
    }
    let advanced = events.values.reduce(0) { sum, event in
      if case .advance(let count) = event { return sum + count }
      return sum
    }
    #expect(total.count == 1 && advanced > 0 && advanced <= total[0])
    #expect(events.values.last == .finish)
  }

  @Test func aMissingOutputFolderStopsBeforeAnyWork() throws {
    let folder = try Fixture.temporaryDirectory()
    let path = folder.appendingPathComponent("missing/qt.xlsx").path
    let events = Recorder()
    let error = try #require(throws: AppError.self) {
      try Fixture.app.settleYear(
        SettleYearRequest(workspace: Fixture.chiemHoa, year: 2022, output: .workbook(path: path)),
        run: RunControl(progress: events.record))
    }
    guard case .input(let errors) = error else { Issue.record("expected .input, got \(error)"); return }
    #expect(errors.errors.first?.message.en.contains("missing") == true)
    // Stopped before reading the workspace: no step began.
    #expect(events.values == [.finish])
    #expect(try Fixture.contents(of: folder) == [])
  }

  @Test func aCancelledRunStopsBetweenStepsAndWritesNothing() throws {
    let folder = try Fixture.temporaryDirectory()
    let path = folder.appendingPathComponent("qt.xlsx").path
    let token = CancellationToken()
    // Cancelled as soon as reading begins: the workbook step never starts.
    let events = Recorder()
    let control = RunControl(
      progress: { event in
        events.record(event)
        if case .begin = event { token.cancel() }
      }, cancellation: token)
    let error = try #require(throws: AppError.self) {
      try Fixture.app.settleYear(
        SettleYearRequest(workspace: Fixture.chiemHoa, year: 2022, output: .workbook(path: path)),
        run: control)
    }
    guard case .cancelled = error else { Issue.record("expected .cancelled, got \(error)"); return }
    #expect(try Fixture.contents(of: folder) == [])
  }

  @Test func settlePhaseWritesThePhaseWorkbookAndCountsEveryYearsErrors() throws {
    let folder = try Fixture.temporaryDirectory()
    let path = folder.appendingPathComponent("phase.xlsx").path
    let result = try Fixture.app.settlePhase(
      SettlePhaseRequest(workspace: Fixture.chiemHoa, years: 2021...2025, output: path))
    #expect(result.writtenPath == path)
    var standing = StandingErrors(count: 1, scope: .years(2021...2025))
    standing.markedDraft = true
    #expect(result.standing == standing)
    #expect(result.standing.message.contains("bảng tính là bản DỰ THẢO"))
    #expect(result.summary.settlements.map(\.year) == [2021, 2022, 2023, 2024, 2025])
    // 2023's error stands: every printed page of every sheet says DỰ THẢO.
    let book = try XlsxReadBack(url: URL(fileURLWithPath: path))
    for sheet in try book.sheetNames() {
      let header = try book.sheet(named: sheet).first("oddHeader")?.allText ?? ""
      #expect(header.hasSuffix("DỰ THẢO"), "\(sheet): \(header)")
    }
    // EXPECTED.md: every link of the chain matches.
    #expect(result.summary.mismatches.isEmpty)
    #expect(try Fixture.contents(of: folder) == ["phase.xlsx"])
    #expect(
      throws: AppError.self,
      performing: {
        try Fixture.app.settlePhase(SettlePhaseRequest(workspace: Fixture.chiemHoa, years: 2024...2026))
      })
  }

  /// A phase without an error finding is a final document: no mark, and the result says nothing of one.
  @Test func aPhaseWithoutErrorsIsNotADraft() throws {
    let path = try Fixture.temporaryDirectory().appendingPathComponent("phase.xlsx").path
    let result = try Fixture.app.settlePhase(
      SettlePhaseRequest(workspace: Fixture.chiemHoa, years: 2021...2022, output: path))
    #expect(result.standing == StandingErrors(count: 0, scope: .years(2021...2022)))
    let book = try XlsxReadBack(url: URL(fileURLWithPath: path))
    for sheet in try book.sheetNames() {
      #expect(try book.sheet(named: sheet).first("oddHeader") == nil, "\(sheet)")
    }
  }

  @Test func settlePerUnitWritesOneWorkbookPerUnitWhoseTotalsAddUp() throws {
    let folder = try Fixture.temporaryDirectory().appendingPathComponent("units")
    let result = try Fixture.app.settlePerUnit(
      SettlePerUnitRequest(workspace: Fixture.chiemHoa, year: 2022, folder: folder.path))
    let names = try Fixture.contents(of: folder)
    #expect(names.count == result.paths.count && names.count > 1)
    #expect(names.allSatisfy { $0.hasPrefix("quyet-toan-2022-") && $0.hasSuffix(".xlsx") })
    #expect(result.standing.count == 0)
  }
}

/// Progress events collected from any thread.
final class Recorder: @unchecked Sendable {
  private let lock = NSLock()
  private var events: [ProgressEvent] = []

  var record: ProgressHandler { { [self] event in lock.withLock { events.append(event) } } }
  var values: [ProgressEvent] { lock.withLock { events } }
}

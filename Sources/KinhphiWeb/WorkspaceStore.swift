import BudgetApp
import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import SettlementReports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The workspace as the pages see it: read and analysed once, kept in memory, and read again when a
/// file of the workspace changes on disk (another program, the command line, an editor), detected by
/// the files' size and modification time at each request. A million-payment workspace is read once;
/// each page then answers from memory.
actor WorkspaceStore {
  let folder: String
  let app: KinhphiApp
  private var current: Loaded?
  private var loading: (fingerprint: Fingerprint, task: Task<Loaded, Never>)?

  init(folder: String, app: KinhphiApp) {
    self.folder = folder
    self.app = app
  }

  /// The files whose change means a reload: the workspace's tables in either form and the plan.
  static let watchedFiles = [
    WorkspaceReader.planFile, WorkspaceReader.allocationsFile, WorkspaceReader.spendingFile,
    WorkspaceTable.allocations.xlsxFile, WorkspaceTable.spending.xlsxFile,
  ]

  /// What the files were when they were read: size and modification time of each (nil = absent).
  struct Fingerprint: Hashable, Sendable {
    let files: [FileStamp?]
  }

  struct FileStamp: Hashable, Sendable {
    let size: Int64
    let modifiedSeconds: Int
    let modifiedNanoseconds: Int
    let inode: UInt64
  }

  /// The analysis, or the located input errors that stop it (shown as a page, never a crash).
  enum Loaded: Sendable {
    case ready(WorkspaceView)
    case unusable(InputErrors, Fingerprint)

    var fingerprint: Fingerprint {
      switch self {
      case .ready(let view): view.fingerprint
      case .unusable(_, let fingerprint): fingerprint
      }
    }
  }

  func fingerprint() -> Fingerprint {
    Fingerprint(
      files: Self.watchedFiles.map { name in
        var info = stat()
        let path = folder + "/" + name
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
          let time = info.st_mtimespec
        #else
          let time = info.st_mtim
        #endif
        return FileStamp(
          size: Int64(info.st_size), modifiedSeconds: Int(time.tv_sec),
          modifiedNanoseconds: Int(time.tv_nsec),
          inode: UInt64(info.st_ino))
      })
  }

  /// The workspace as it is on disk now: the kept analysis when no file changed, else a new read
  /// (one at a time; requests arriving meanwhile wait for the same read).
  func view() async -> Loaded {
    let now = fingerprint()
    if let current, current.fingerprint == now { return current }
    if let loading, loading.fingerprint == now { return await loading.task.value }
    let (folder, app) = (self.folder, self.app)
    let task = Task<Loaded, Never> {
      await offload { WorkspaceStore.load(folder: folder, app: app, fingerprint: now) }
    }
    loading = (now, task)
    let loaded = await task.value
    if self.loading?.fingerprint == now {
      self.loading = nil
      current = loaded
    }
    return loaded
  }

  /// Forgets the kept analysis (after a write through the page, so the next request reads it again).
  func invalidate() { current = nil }

  /// Through the application layer's `check`, as `kinhphi check` reads the workspace.
  private static func load(folder: String, app: KinhphiApp, fingerprint: Fingerprint) -> Loaded {
    do {
      let checked = try app.check(CheckRequest(workspace: folder))
      return .ready(WorkspaceView(folder: folder, analysis: checked.analysis, fingerprint: fingerprint))
    } catch {
      return .unusable(error.located, fingerprint)
    }
  }
}

/// Runs blocking work (reading files, analysing, writing a workbook) on a thread of its own, so the
/// server's event loops and the cooperative pool keep answering other requests meanwhile.
func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
  await withCheckedContinuation { continuation in
    DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
  }
}

func offloadThrowing<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    DispatchQueue.global(qos: .userInitiated).async {
      continuation.resume(with: Result { try work() })
    }
  }
}

/// One analysed state of the workspace and what the pages derive from it, computed once per year on
/// first use and kept (a page of a million-payment year then costs a slice, not a pass).
final class WorkspaceView: @unchecked Sendable {
  let folder: String
  let analysis: Analysis
  let fingerprint: WorkspaceStore.Fingerprint
  private let lock = NSLock()
  private var years: [Int: YearView] = [:]

  init(folder: String, analysis: Analysis, fingerprint: WorkspaceStore.Fingerprint) {
    self.folder = folder
    self.analysis = analysis
    self.fingerprint = fingerprint
  }

  var plan: Plan { analysis.ledger.plan }

  /// The years the pages offer: the plan's years (a year without rows shows an empty page).
  var planYears: [Int] { Array(plan.info.years) }

  /// The latest year with any row, else the plan's first year.
  var defaultYear: Int { analysis.years.last(where: { plan.info.years.contains($0) }) ?? plan.info.firstYear }

  func year(_ year: Int) -> YearView {
    lock.lock()
    defer { lock.unlock() }
    if let kept = years[year] { return kept }
    let made = YearView(settlement: analysis.settlement(year: year), plan: plan)
    years[year] = made
    return made
  }
}

/// One year's settlement and the indexes its pages need.
final class YearView: @unchecked Sendable {
  let settlement: YearSettlement
  let plan: Plan
  /// The payments shown: recognised spending (final payments, settlements, their reversals), as on the
  /// workbook's Chi tiết chi, so a line's rows add up to its `spent`; advances are treasury figures.
  let payments: [Payment]
  /// Indices into `payments` per line, in file order.
  let paymentsByLine: [LineKey: [Int]]
  /// Per source, in the plan's order: its lines' figures added up.
  let sourceTotals: [(source: FundingSource, figures: Figures)]
  let errorCount: Int

  init(settlement: YearSettlement, plan: Plan) {
    self.settlement = settlement
    self.plan = plan
    payments = settlement.recognisedSpending
    var byLine: [LineKey: [Int]] = [:]
    for (index, payment) in payments.enumerated() {
      let key = LineKey(
        year: payment.year, source: payment.source, activity: payment.activity, unit: payment.unit)
      byLine[key, default: []].append(index)
    }
    paymentsByLine = byLine
    let bySource = settlement.lines.totals(by: \.source)
    sourceTotals = plan.sources.compactMap { source in
      bySource[source.code].map { (source, $0) }
    }
    errorCount = settlement.findings.errorCount
  }

  /// While an error finding stands, the year's figures are a draft: the page says DỰ THẢO.
  var isDraft: Bool { errorCount > 0 }

  // MARK: Kept answers

  /// What a page derived from the year for one query (the payments of a filter, the findings shown),
  /// kept so the next request for it (the next page of a list, a reload) is a lookup and a slice.
  /// Bounded, so that queries made up one after another cannot grow the server's memory: past
  /// `memoEntriesMax` queries, or past `memoWordsMax` machine words kept (a payment position is one; a
  /// kept answer says its size through `words`), the kept answers are dropped and made again on demand.
  private let memoLock = NSLock()
  private var memos: [String: any Sendable] = [:]
  private var memoWords = 0
  static let memoEntriesMax = 256
  /// 4M words = 32 MB of positions: twenty lists of a 200,000-payment year.
  static let memoWordsMax = 4_000_000

  func memo<Value: Sendable>(_ key: String, words: (Value) -> Int = { _ in 1 }, _ make: () -> Value) -> Value
  {
    memoLock.lock()
    let kept = memos[key] as? Value
    memoLock.unlock()
    if let kept { return kept }
    let made = make()
    let size = max(1, words(made))
    // An answer larger than the whole bound is not kept (and drops nothing).
    guard size <= Self.memoWordsMax else { return made }
    memoLock.lock()
    defer { memoLock.unlock() }
    // Two requests may make the same answer at once; the first one kept is counted once.
    if memos[key] != nil { return made }
    if memos.count >= Self.memoEntriesMax || memoWords + size > Self.memoWordsMax {
      memos.removeAll(keepingCapacity: true)
      memoWords = 0
    }
    memos[key] = made
    memoWords += size
    return made
  }
}

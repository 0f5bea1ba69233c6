import BudgetCore
import Foundation

/// What a long run reports as it goes; the command line draws it as a progress line on a terminal,
/// the web page may send it to the browser. Texts are in both languages: the front end picks one.
public enum ProgressEvent: Hashable, Sendable {
  /// A new step begins ("Ghi bảng tính"), counting `unit` (rows, workbooks) up to `total` when known.
  case begin(step: LocalizedText, unit: LocalizedText, total: Int?)
  /// `count` more items of the current step are done.
  case advance(by: Int)
  /// `done` items of the current step are done in all.
  case set(done: Int)
  /// The work is over (successfully or not): a progress line is cleared.
  case finish
}

/// Called from any thread (per-unit workbooks are written in parallel).
public typealias ProgressHandler = @Sendable (ProgressEvent) -> Void

/// Set by a front end to stop a run (the web page's request cancelled; a test). The application layer
/// looks at it between steps, between per-unit workbooks and every few thousand cells inside a
/// workbook (`RunControl.interruption`), and then throws `AppError.cancelled`: the output being
/// written is dropped (its temporary file removed); every output of an earlier step stays whole.
public final class CancellationToken: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false

  public init() {}

  public func cancel() { lock.withLock { cancelled = true } }

  public var isCancelled: Bool { lock.withLock { cancelled } }

  /// Throws `AppError.cancelled` once `cancel()` was called.
  public func check() throws(AppError) {
    if isCancelled { throw .cancelled }
  }
}

/// How one run reports progress and is cancelled; the default reports nothing and never stops.
public struct RunControl: Sendable {
  public let progress: ProgressHandler
  public let cancellation: CancellationToken

  public init(
    progress: @escaping ProgressHandler = { _ in }, cancellation: CancellationToken = CancellationToken()
  ) {
    self.progress = progress
    self.cancellation = cancellation
  }

  /// Starts a step: checks for cancellation first, so a cancelled run stops between steps.
  func begin(_ step: LocalizedText, unit: LocalizedText = LocalizedText(vi: "", en: ""), total: Int? = nil)
    throws(AppError)
  {
    try cancellation.check()
    progress(.begin(step: step, unit: unit, total: total))
  }

  /// The check a workbook calls every few thousand cells while it is written (`interruption` of
  /// every workbook of SettlementReports), so a long sheet stops within a few hundred rows.
  var interruption: () throws -> Void {
    let cancellation = self.cancellation
    return { try cancellation.check() }
  }

  static let readingStep = LocalizedText(vi: "Đọc và kiểm tra dữ liệu", en: "Reading and checking")
}

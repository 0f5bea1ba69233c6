import BudgetApp
import BudgetCore
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A progress line on stderr for long runs: what is being done, items done (of the total when known),
/// the rate and the time left. It appears only when stderr is a terminal, `--quiet` is not given and
/// the run has lasted more than a second, so short runs, pipes and logs never see it.
///
/// Work calls `advance`/`set` from any thread; a timer redraws five times a second.
final class Progress: @unchecked Sendable {
  private let lock = NSLock()
  private let enabled: Bool
  private let language: Language
  private let started = ContinuousClock.now
  private var phase: String
  private var unit: String
  private var done = 0
  private var total: Int?
  private var phaseStarted = ContinuousClock.now
  private var drawn = false
  private var timer: DispatchSourceTimer?

  /// Delay before the first draw: runs shorter than this stay silent.
  static let quietPeriod = Duration.seconds(1)

  init(quiet: Bool, language: Language) {
    enabled = !quiet && isatty(STDERR_FILENO) == 1
    self.language = language
    phase = ""
    unit = ""
    guard enabled else { return }
    let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
    timer.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(200))
    timer.setEventHandler { [weak self] in self?.draw() }
    timer.resume()
    self.timer = timer
  }

  /// Starts a phase ("Đọc dữ liệu", "Ghi bảng tính"), counting `unit` (rows, workbooks) up to `total`.
  func begin(vi: String, en: String, unit: (vi: String, en: String), total: Int? = nil) {
    lock.withLock {
      phase = language == .vi ? vi : en
      self.unit = language == .vi ? unit.vi : unit.en
      self.total = total
      done = 0
      phaseStarted = .now
    }
  }

  func advance(by count: Int = 1) { lock.withLock { done += count } }

  /// Draws what the application layer reports (`ProgressEvent`) in this line.
  func handle(_ event: ProgressEvent) {
    switch event {
    case .begin(let step, let unit, let total):
      begin(vi: step.vi, en: step.en, unit: (vi: unit.vi, en: unit.en), total: total)
    case .advance(let count): advance(by: count)
    case .set(let done): set(done: done)
    case .finish: finish()
    }
  }

  /// The run control for one application call: progress drawn here. Ctrl-C is handled by
  /// `InterruptCleanup` (temporary files removed, status 130), so the token is never set.
  var control: RunControl { RunControl(progress: { [self] in handle($0) }) }

  func set(done: Int) { lock.withLock { self.done = done } }

  /// Stops the timer and clears the line, so what the command prints next starts clean.
  func finish() {
    timer?.cancel()
    timer = nil
    lock.withLock {
      if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
      drawn = false
    }
  }

  deinit { timer?.cancel() }

  private func draw() {
    let line: String? = lock.withLock {
      guard started.duration(to: .now) >= Progress.quietPeriod else { return nil }
      drawn = true
      return Progress.line(
        phase: phase, unit: unit, done: done, total: total, elapsed: phaseStarted.duration(to: .now),
        language: language)
    }
    if let line { FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8)) }
  }

  /// `Ghi bảng tính [#######.............] 35% 350.000/1.000.000 dòng · 812.345 dòng/s · còn 1 s`.
  static func line(
    phase: String, unit: String, done: Int, total: Int?, elapsed: Duration, language: Language
  ) -> String {
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let rate = seconds > 0 ? Double(done) / seconds : 0
    let vi = language == .vi
    func count(_ value: Int) -> String {
      vi ? Money(dong: Int64(value)).grouped : Money(dong: Int64(value)).groupedEnglish
    }
    var text = phase
    if let total, total > 0 {
      let fraction = min(Double(done) / Double(total), 1)
      let width = 20
      let filled = Int(fraction * Double(width))
      text +=
        " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
      text += " \(Int(fraction * 100))% \(count(done))/\(count(total)) \(unit)"
    } else if done > 0 {
      text += " \(count(done)) \(unit)"
    }
    if rate > 0 {
      text += " · \(count(Int(rate)))/s"
      if let total, done < total {
        let left = Int((Double(total - done) / rate).rounded(.up))
        text += vi ? " · còn \(left) s" : " · \(left) s left"
      }
    }
    text += " · \(Int(seconds)) s"
    return text
  }
}

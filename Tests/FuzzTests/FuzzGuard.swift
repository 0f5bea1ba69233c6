import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Makes a trap or a hang in a reader reproducible although it kills the test process: before each
/// input runs, its bytes go to a file and a message naming the target and the seed is prepared; a
/// signal handler prints that message when the process traps, and a watchdog thread prints it and
/// aborts when one input runs longer than the time allowed.
final class FuzzGuard: @unchecked Sendable {
  static let shared = FuzzGuard()

  private let lock = NSLock()
  private var startedAt: TimeInterval?
  private var hangMessage = ""
  private var timeoutSeconds: TimeInterval = 10

  private init() {
    installSignalHandlers()
    let thread = Thread { [unowned self] in self.watch() }
    thread.name = "kinhphi-fuzz-watchdog"
    thread.start()
  }

  /// Where the input being run is written: `/tmp/kinhphi-fuzz-current-TARGET.EXT`, or in
  /// `KINHPHI_FUZZ_CURRENT_DIR` (the long run sets it, so a `make test` beside it writes elsewhere).
  static func currentInputPath(target: String, fileExtension: String) -> String {
    let folder = ProcessInfo.processInfo.environment["KINHPHI_FUZZ_CURRENT_DIR"] ?? "/tmp"
    return "\(folder)/kinhphi-fuzz-current-\(target).\(fileExtension)"
  }

  /// Saves the input and arms the crash message and the watchdog for it.
  func begin(
    target: String, fileExtension: String, seed: UInt64, index: Int, bytes: [UInt8], timeout: TimeInterval,
    regression: String? = nil
  ) {
    let path = Self.currentInputPath(target: target, fileExtension: fileExtension)
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    let what = regression.map { "\(target) regression \($0)" } ?? "\(target) input #\(index) (seed \(seed))"
    let replay =
      regression == nil
      ? "KINHPHI_FUZZ_REPLAY=\(target):\(seed) swift test --filter FuzzTests"
      : "swift test --filter FuzzTests.regressions"
    setCrashMessage(
      "\nkinhphi fuzz: the process died while running \(what); the input is in \(path); "
        + "reproduce with \(replay)\n")
    lock.lock()
    startedAt = ProcessInfo.processInfo.systemUptime
    timeoutSeconds = timeout
    hangMessage =
      "\nkinhphi fuzz: HANG — \(what) ran longer than \(Int(timeout)) s; the input is in \(path); "
      + "reproduce with \(replay)\n"
    lock.unlock()
  }

  func end() {
    lock.lock()
    startedAt = nil
    lock.unlock()
    setCrashMessage("")
  }

  private func watch() {
    while true {
      Thread.sleep(forTimeInterval: 0.25)
      lock.lock()
      let overdue = startedAt.map { ProcessInfo.processInfo.systemUptime - $0 > timeoutSeconds } ?? false
      let message = hangMessage
      lock.unlock()
      if overdue {
        FileHandle.standardError.write(Data(message.utf8))
        setCrashMessage("")
        abort()
      }
    }
  }
}

// The crash message lives in a fixed C buffer so the signal handler only calls write(2).
private let crashMessageCapacity = 2048
nonisolated(unsafe) private let crashMessage = UnsafeMutablePointer<CChar>.allocate(
  capacity: crashMessageCapacity)
nonisolated(unsafe) private var crashMessageLength = 0
nonisolated(unsafe) private let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 64)
private let crashSignals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]

private func setCrashMessage(_ text: String) {
  crashMessageLength = 0
  let bytes = Array(text.utf8.prefix(crashMessageCapacity))
  for (offset, byte) in bytes.enumerated() { crashMessage[offset] = CChar(bitPattern: byte) }
  crashMessageLength = bytes.count
}

/// Prints the message, puts the previous handler back (the Swift runtime's backtracer) and returns:
/// the faulting instruction runs again and the previous handler reports the stack.
private func fuzzSignalHandler(_ signal: Int32) {
  if crashMessageLength > 0 { _ = write(2, crashMessage, crashMessageLength) }
  _ = sigaction(signal, previousActions + Int(signal), nil)
  if signal == SIGABRT { _ = raise(signal) }
}

private func installSignalHandlers() {
  for signal in crashSignals {
    var action = sigaction()
    #if canImport(Glibc)
      action.__sigaction_handler.sa_handler = fuzzSignalHandler
    #else
      action.__sigaction_u.__sa_handler = fuzzSignalHandler
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    _ = sigaction(signal, &action, previousActions + Int(signal))
  }
}

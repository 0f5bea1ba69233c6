import Dispatch
import Foundation
import SafeOutput

/// Ctrl-C (SIGINT) and SIGTERM end a run cleanly: our temporary files are removed, the previous
/// outputs stay as they were, and the status is 130 / 143 (128 + the signal, as shells report it).
/// The signals are taken on a dispatch queue rather than in a signal handler, so the cleanup may
/// lock and allocate; the main thread is stopped by `_exit` wherever it is.
enum InterruptCleanup {
  nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

  static func install() {
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInitiated))
      source.setEventHandler {
        TemporaryFiles.removeAllForExit()
        let message =
          "\nĐã ngắt: đã xóa các tệp tạm; không tệp kết quả nào bị ghi dở. / Interrupted: temporary files removed; no output is half-written.\n"
        FileHandle.standardError.write(Data(message.utf8))
        _exit(128 + number)
      }
      source.resume()
      sources.append(source)
    }
  }
}

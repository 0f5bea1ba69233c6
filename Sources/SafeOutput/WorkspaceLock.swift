import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One writer at a time in a workspace, whichever program writes: the command line (`import`,
/// `close`) and `kinhphi serve` take this lock around every change to the workspace's files, so a web
/// upload and a `kinhphi close` at the same moment never interleave. It is an `flock` on
/// `WORKSPACE/.kinhphi.lock`: the system releases it when the holder exits or dies, so a killed run
/// never leaves the workspace locked. The file exists only while a write runs (a killed holder leaves
/// an unlocked one, which the next writer simply locks).
public final class WorkspaceLock: @unchecked Sendable {
  /// The lock file's name inside the workspace folder.
  public static let fileName = ".kinhphi.lock"

  /// The workspace is being written by another run (or another request); nothing was done.
  public struct Busy: Error, Hashable, Sendable, CustomStringConvertible {
    public let workspace: String
    public var vi: String {
      "Thư mục dữ liệu \(workspace) đang được một lệnh khác ghi (kinhphi import/close hoặc trang web): "
        + "không ghi gì; thử lại sau giây lát."
    }
    public var en: String {
      "The workspace \(workspace) is being written by another run (kinhphi import/close or the web page): "
        + "nothing written; try again in a moment."
    }
    public var description: String { en }
  }

  private var descriptor: Int32
  /// The thread and lock file this hold belongs to (the key of `held`).
  private let key: String
  private let path: String
  private let lock = NSLock()

  private init(descriptor: Int32, key: String, path: String) {
    self.descriptor = descriptor
    self.key = key
    self.path = path
  }

  deinit { release() }

  /// Locks held, by thread and lock file path, with how many times each was taken. A write entry
  /// point that takes the lock may be called by a front end that already holds it on the same thread
  /// (the web page keeps it across the write and its log line): the inner take is then a no-op rather
  /// than waiting for itself. Another thread of the same process waits like another process.
  nonisolated(unsafe) private static var held: [String: Int] = [:]
  private static let heldLock = NSLock()

  private static func threadKey(_ path: String) -> String {
    "\(UInt(bitPattern: Int(bitPattern: pthread_self())))|\(path)"
  }

  /// Takes the workspace's lock, waiting up to `waitSeconds` (checked every 50 ms) for another holder
  /// to finish. Throws `Busy` when it is still held then, `FileProblem` when the lock file cannot be
  /// opened (a read-only workspace, a missing folder).
  public static func acquire(workspace: String, waitSeconds: Double = 0) throws -> WorkspaceLock {
    let path = URL(fileURLWithPath: workspace).standardizedFileURL.appendingPathComponent(fileName).path
    let key = threadKey(path)
    let nested = heldLock.withLock {
      guard let count = held[key] else { return false }
      held[key] = count + 1
      return true
    }
    if nested { return WorkspaceLock(descriptor: -2, key: key, path: path) }
    let deadline = Date().addingTimeInterval(waitSeconds)
    while true {
      let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { throw FileProblem(path: path, code: errno) }
      if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
        // The holder before us removes the file as it lets go: a lock on a file no longer at the path
        // guards nothing, so take the one that is there now.
        var opened = stat()
        var named = stat()
        if fstat(descriptor, &opened) == 0, stat(path, &named) == 0, opened.st_ino == named.st_ino,
          opened.st_dev == named.st_dev
        {
          heldLock.withLock { held[key] = 1 }
          return WorkspaceLock(descriptor: descriptor, key: key, path: path)
        }
        _ = closeFile(descriptor)
        continue
      }
      let failure = errno
      _ = closeFile(descriptor)
      guard failure == EWOULDBLOCK || failure == EINTR else { throw FileProblem(path: path, code: failure) }
      guard Date() < deadline else { throw Busy(workspace: workspace) }
      usleep(50_000)
    }
  }

  /// Runs `body` holding the workspace's lock; released on return or throw.
  public static func withLock<T>(
    workspace: String, waitSeconds: Double = 0, _ body: () throws -> T
  ) throws -> T {
    let held = try acquire(workspace: workspace, waitSeconds: waitSeconds)
    defer { held.release() }
    return try body()
  }

  /// Gives the lock back (closing the descriptor releases the flock). Idempotent; from any thread.
  public func release() {
    lock.lock()
    defer { lock.unlock() }
    guard descriptor != -1 else { return }
    Self.heldLock.withLock {
      if let count = Self.held[key] { Self.held[key] = count > 1 ? count - 1 : nil }
    }
    if descriptor >= 0 {
      // Removed while still locked, so the workspace keeps no lock file between writes; a writer
      // waiting on this file finds it gone from the path and takes a new one (see `acquire`).
      unlink(path)
      _ = closeFile(descriptor)
    }
    descriptor = -1
  }
}

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The workspace's record of every write made through the page: one tab-separated line per file
/// written — when (UTC), who, from where, what, which file, its SHA-256 before and after — appended,
/// never rewritten, so the office can see who changed the figures and match a file to a state.
struct WriteLog: Sendable {
  static let fileName = "nhat-ky-ghi.log"
  let path: String

  init(workspace: String) {
    path = URL(fileURLWithPath: workspace).appendingPathComponent(Self.fileName).path
  }

  struct Entry: Sendable {
    let user: String
    let client: String
    let action: String
    let file: String
    let before: Data?
    let after: Data?
  }

  static func sha256(_ data: Data?) -> String {
    guard let data else { return "-" }
    return SHA256.hex(data)
  }

  /// Appends the entries (the caller holds the workspace lock). O_APPEND: each line lands whole at the end.
  func append(_ entries: [Entry], now: Date = Date()) throws {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    let stamp = formatter.string(from: now)
    var text = ""
    if !FileManager.default.fileExists(atPath: path) {
      text += "# thời điểm (UTC)\tngười dùng\tđịa chỉ\tviệc\ttệp\tSHA-256 trước\tSHA-256 sau\n"
    }
    for entry in entries {
      let fields = [
        stamp, entry.user, entry.client, entry.action, entry.file, Self.sha256(entry.before),
        Self.sha256(entry.after),
      ].map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
      text += fields.joined(separator: "\t") + "\n"
    }
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
      }
      offset += written
    }
    fsync(descriptor)
  }
}

/// Uploads waiting for the officer's confirmation: kept in memory for 15 minutes, tied to the session
/// that uploaded them (another browser cannot confirm them), 50 at most.
final class PendingStore: @unchecked Sendable {
  struct Item: @unchecked Sendable {
    let sessionID: String
    let created: Date
    let value: Any
  }

  private let lock = NSLock()
  private var items: [String: Item] = [:]
  static let lifetime: TimeInterval = 15 * 60

  func put(_ value: Any, session: String, now: Date = Date()) -> String {
    let id = randomToken()
    lock.withLock {
      items = items.filter { now.timeIntervalSince($0.value.created) < Self.lifetime }
      if items.count >= 50, let oldest = items.min(by: { $0.value.created < $1.value.created })?.key {
        items[oldest] = nil
      }
      items[id] = Item(sessionID: session, created: now, value: value)
    }
    return id
  }

  /// The value, once: taking it removes it (a confirmation cannot be replayed).
  func take<T>(_ id: String, session: String, as type: T.Type, now: Date = Date()) -> T? {
    lock.withLock {
      guard let item = items[id], item.sessionID == session,
        now.timeIntervalSince(item.created) < Self.lifetime, let value = item.value as? T
      else { return nil }
      items[id] = nil
      return value
    }
  }

  func peek<T>(_ id: String, session: String, as type: T.Type, now: Date = Date()) -> T? {
    lock.withLock {
      guard let item = items[id], item.sessionID == session,
        now.timeIntervalSince(item.created) < Self.lifetime
      else { return nil }
      return item.value as? T
    }
  }
}

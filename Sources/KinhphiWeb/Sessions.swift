import Foundation

/// A signed-in browser: who, and the token every form of that browser must send back (CSRF).
struct Session: Sendable {
  let id: String
  let user: String
  let csrfToken: String
  var lastSeen: Date
}

/// Sessions in memory (a restart signs everyone out). The id travels in an HttpOnly SameSite=Strict
/// cookie; it is 256 random bits, so it cannot be guessed.
final class SessionStore: @unchecked Sendable {
  static let cookieName = "kinhphi_session"
  /// A session unused this long is forgotten.
  let idleLimit: TimeInterval
  private let lock = NSLock()
  private var sessions: [String: Session] = [:]

  init(idleLimit: TimeInterval = 8 * 3600) { self.idleLimit = idleLimit }

  func create(user: String, now: Date = Date()) -> Session {
    let session = Session(id: randomToken(), user: user, csrfToken: randomToken(), lastSeen: now)
    lock.withLock {
      // Forget idle sessions when the table grows, so it never grows without bound; past the cap
      // (a client that never sends its cookie back) the anonymous ones go first.
      if sessions.count >= 5_000 {
        sessions = sessions.filter { now.timeIntervalSince($0.value.lastSeen) < idleLimit }
        if sessions.count >= 5_000 {
          sessions = sessions.filter { !$0.value.user.isEmpty && $0.value.user != "local" }
        }
      }
      sessions[session.id] = session
    }
    return session
  }

  func session(_ id: String, now: Date = Date()) -> Session? {
    lock.withLock {
      guard var session = sessions[id] else { return nil }
      guard now.timeIntervalSince(session.lastSeen) < idleLimit else {
        sessions[id] = nil
        return nil
      }
      session.lastSeen = now
      sessions[id] = session
      return session
    }
  }

  func remove(_ id: String) { _ = lock.withLock { sessions.removeValue(forKey: id) } }
}

/// 32 random bytes as 64 hex digits, from the system's generator.
func randomToken() -> String {
  var generator = SystemRandomNumberGenerator()
  return (0..<4).map { _ in
    let value = generator.next() as UInt64
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }.joined()
}

/// Compares two tokens in time that does not depend on where they differ.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
  let x = Array(a.utf8)
  let y = Array(b.utf8)
  guard x.count == y.count else { return false }
  var difference: UInt8 = 0
  for index in x.indices { difference |= x[index] ^ y[index] }
  return difference == 0
}

/// Requests per client address: a token bucket of `burst` requests refilled at `perSecond`. A client
/// over its budget gets 429 until the bucket refills. Sign-in attempts have their own, smaller bucket.
final class RateLimiter: @unchecked Sendable {
  let perSecond: Double
  let burst: Double
  private let lock = NSLock()
  private var buckets: [String: (tokens: Double, updated: Date)] = [:]

  init(perSecond: Double, burst: Double) {
    self.perSecond = perSecond
    self.burst = burst
  }

  /// Takes one token for `client`; false when none is left.
  func allow(_ client: String, now: Date = Date()) -> Bool {
    guard perSecond > 0 else { return true }
    return lock.withLock {
      if buckets.count > 10_000 {
        // Full buckets are the same as no bucket: drop them so the table stays small.
        buckets = buckets.filter {
          $0.value.tokens + now.timeIntervalSince($0.value.updated) * perSecond < burst
        }
      }
      var bucket = buckets[client] ?? (burst, now)
      bucket.tokens = min(burst, bucket.tokens + now.timeIntervalSince(bucket.updated) * perSecond)
      bucket.updated = now
      guard bucket.tokens >= 1 else {
        buckets[client] = bucket
        return false
      }
      bucket.tokens -= 1
      buckets[client] = bucket
      return true
    }
  }
}

import BudgetCore
import Foundation
import HummingbirdBcrypt

/// The people who may sign in when the page listens beyond this machine: `--password-file`, one
/// `name:hash` a line (the format of Apache's `htpasswd -B`), `#` comments and blank lines skipped.
///
/// The hash is bcrypt (`$2b$`, or `$2y$` as htpasswd writes it — the same algorithm): a random salt per
/// password inside the hash, and a cost factor (12 by default: about a quarter of a second per try here)
/// that makes guessing slow, where a plain salted SHA-256 could be tried billions of times a second.
/// bcrypt is what htpasswd and most servers use, so an office can make the file with tools it has;
/// `kinhphi serve --add-user NAME` writes a line too.
public struct UserList: Sendable {
  public let hashes: [String: String]

  public init(hashes: [String: String]) { self.hashes = hashes }

  /// Reads a password file; every malformed line is a located error (file, line, what was expected).
  public static func read(_ text: String, file: String) throws -> UserList {
    var hashes: [String: String] = [:]
    var errors = InputErrors()
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let location = SourceLocation(file: file, line: index + 1)
      guard let colon = line.firstIndex(of: ":") else {
        errors.append(
          InputError(
            location, vi: "Cần dạng TÊN:MÃ-BĂM-BCRYPT (như htpasswd -B).",
            en: "Expected NAME:BCRYPT-HASH (as htpasswd -B writes)."))
        continue
      }
      let name = String(line[..<colon])
      let hash = String(line[line.index(after: colon)...])
      if !isValidName(name) {
        errors.append(
          InputError(
            location, vi: "Tên người dùng '\(name)' không hợp lệ: chỉ chữ, số, '.', '_', '-' (1–64 ký tự).",
            en: "User name '\(name)' is not valid: letters, digits, '.', '_', '-' only (1–64 characters)."))
      } else if hashes[name] != nil {
        errors.append(
          InputError(location, vi: "Người dùng '\(name)' có hai dòng.", en: "User '\(name)' is listed twice.")
        )
      } else if normalized(hash) == nil {
        errors.append(
          InputError(
            SourceLocation(file: file, line: index + 1, column: name.count + 2),
            vi: "Mã băm của '\(name)' không phải bcrypt ($2b$ hoặc $2y$, 60 ký tự).",
            en: "The hash of '\(name)' is not bcrypt ($2b$ or $2y$, 60 characters)."))
      } else {
        hashes[name] = hash
      }
    }
    try errors.throwIfAny()
    if hashes.isEmpty {
      throw InputErrors([
        InputError(
          SourceLocation(file: file, line: 1), vi: "Tệp mật khẩu không có người dùng nào.",
          en: "The password file lists no user.")
      ])
    }
    return UserList(hashes: hashes)
  }

  static func isValidName(_ name: String) -> Bool {
    !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy(isCodeCharacter)
  }

  /// `$2y$` (htpasswd) is the same algorithm as `$2b$`, which the bcrypt library reads.
  static func normalized(_ hash: String) -> String? {
    guard hash.count == 60, hash.hasPrefix("$2") else { return nil }
    if hash.hasPrefix("$2y$") { return "$2b$" + hash.dropFirst(4) }
    if hash.hasPrefix("$2b$") || hash.hasPrefix("$2a$") { return hash }
    return nil
  }

  /// Whether `password` is `name`'s. An unknown name costs the same time as a wrong password, so the
  /// answer's speed does not tell which names exist.
  public func verify(name: String, password: String) -> Bool {
    guard let hash = hashes[name].flatMap(Self.normalized) else {
      _ = Bcrypt.verify(password, hash: Self.timingDummy)
      return false
    }
    return Bcrypt.verify(password, hash: hash)
  }

  /// A line for the password file (`name:$2b$12$…`).
  public static func line(name: String, password: String, cost: UInt8 = 12) -> String {
    "\(name):\(Bcrypt.hash(password, cost: cost))"
  }

  private static let timingDummy = Bcrypt.hash("kinhphi", cost: 12)
}

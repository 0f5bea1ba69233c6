import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// kinhphi's own temporary files, `.kinhphi-<pid>-XXXXXX<suffix>.tmp`, each beside the file it becomes.
///
/// Every one is registered while it exists, so an interrupt (SIGINT, SIGTERM) removes them all before
/// the process exits (`removeAllForExit`). A process killed outright (SIGKILL, power loss) cannot clean
/// up: the next run that writes into the same folder removes the files whose creating process (the pid
/// in the name) is gone and that are older than that run (`sweepStale`). Files of any other naming
/// are never touched.
public enum TemporaryFiles {
  public static let namePrefix = ".kinhphi-"
  public static let nameSuffix = ".tmp"

  private static let registry = Registry()

  /// Creates an empty temporary file (mode 0644) in the folder of `target`; `suffix` goes before
  /// `.tmp` (".xlsx" gives `.kinhphi-4242-a1B2c3.xlsx.tmp`). The folder must exist.
  public static func create(besides target: String, suffix: String) throws(FileProblem) -> String {
    let folder = folderOf(target)
    sweepStale(in: folder)
    let tail = suffix + nameSuffix
    return try registry.locked { registered -> Result<String, FileProblem> in
      var template = Array((folder + "/" + namePrefix + "\(getpid())-XXXXXX" + tail).utf8CString)
      let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
        guard let base = buffer.baseAddress else { return -1 }
        return mkstemps(base, Int32(tail.utf8.count))
      }
      guard descriptor >= 0 else { return .failure(FileProblem(path: target, code: errno)) }
      // mkstemps creates 0600; a report is an ordinary shared document.
      _ = fchmod(descriptor, 0o644)
      _ = closeFile(descriptor)
      // mkstemps replaced the Xs in place; drop the terminating NUL.
      let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
      registered.insert(path)
      return .success(path)
    }.get()
  }

  /// The file was renamed onto its target or removed: it is no longer ours to clean up.
  public static func forget(_ path: String) {
    _ = registry.locked { registered in registered.remove(path) }
  }

  /// Removes the file and forgets it.
  public static func remove(_ path: String) {
    registry.locked { registered in
      unlink(path)
      registered.remove(path)
    }
  }

  /// For an interrupt: removes every registered file and keeps the registry locked, so that no other
  /// thread can create a new one before the process exits (it waits on the lock instead).
  public static func removeAllForExit() {
    registry.lockForever { registered in
      for path in registered { unlink(path) }
      registered.removeAll()
    }
  }

  /// Paths registered now (for tests).
  public static var registeredPaths: Set<String> { registry.locked { $0 } }

  /// Removes, once per folder and process, our temporary files left by runs that were killed: the
  /// creating pid is no longer running and the file is older than this process.
  public static func sweepStale(in folder: String) {
    guard registry.markSwept(folder) else { return }
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    let ownPid = getpid()
    for name in names {
      guard let pid = creatorPid(ofTemporaryName: name), pid != ownPid, !isRunning(pid) else { continue }
      let path = folder + "/" + name
      var info = stat()
      guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
      guard TimeInterval(modificationSeconds(info)) < processStart.timeIntervalSince1970 else { continue }
      unlink(path)
    }
  }

  /// The pid in `.kinhphi-<pid>-XXXXXX….tmp`; nil for any other name.
  public static func creatorPid(ofTemporaryName name: String) -> pid_t? {
    guard name.hasPrefix(namePrefix), name.hasSuffix(nameSuffix) else { return nil }
    let rest = name.dropFirst(namePrefix.count)
    guard let dash = rest.firstIndex(of: "-") else { return nil }
    let digits = rest[..<dash]
    let random = rest[rest.index(after: dash)...].prefix(6)
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let pid = pid_t(digits), pid > 0,
      random.count == 6, random.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
    else { return nil }
    return pid
  }

  /// When this process started (first use of this type, which is before any temporary file).
  static let processStart = Date()

  private static func isRunning(_ pid: pid_t) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }

  /// The folder part of `path` ("." for a bare name, "/" for a file at the root). Written out rather
  /// than through NSString.deletingLastPathComponent, which traps on some inputs ("-") on Linux.
  static func folderOf(_ path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "." }
    let folder = trimmed[..<slash]
    return folder.isEmpty ? "/" : String(folder)
  }

  /// The registered paths and the folders already swept, behind one lock.
  private final class Registry: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []
    private var swept: Set<String> = []

    func locked<T>(_ body: (inout Set<String>) -> T) -> T {
      lock.lock()
      defer { lock.unlock() }
      return body(&paths)
    }

    func lockForever(_ body: (inout Set<String>) -> Void) {
      lock.lock()
      body(&paths)
    }

    /// True the first time `folder` is seen.
    func markSwept(_ folder: String) -> Bool {
      lock.lock()
      defer { lock.unlock() }
      return swept.insert(folder).inserted
    }
  }
}

func closeFile(_ descriptor: Int32) -> Int32 {
  #if canImport(Glibc)
    Glibc.close(descriptor)
  #elseif canImport(Darwin)
    Darwin.close(descriptor)
  #endif
}

private func modificationSeconds(_ info: stat) -> Int {
  #if canImport(Glibc)
    Int(info.st_mtim.tv_sec)
  #else
    Int(info.st_mtimespec.tv_sec)
  #endif
}

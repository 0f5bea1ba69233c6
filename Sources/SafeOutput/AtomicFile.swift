import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file whole or not at all: the content goes to one of our temporary files beside the
/// target, is flushed to disk and renamed over the target. Unlike Foundation's atomic write, the
/// temporary file carries our name (so an interrupt or the next run removes it) and a symbolic link
/// is written through to the file it points to instead of being replaced by a regular file.
public enum AtomicFile {
  /// Writes `data` to `path`. The folder must exist: no folder is created for an output.
  public static func write(_ data: Data, to path: String) throws(FileProblem) {
    let target = try destination(of: path)
    try requireFolder(of: target, named: path)
    var mode: mode_t = 0o644
    var existing = stat()
    if stat(target, &existing) == 0 {
      if (existing.st_mode & S_IFMT) == S_IFDIR { throw FileProblem(path: path, kind: .isDirectory) }
      // Replacing a file keeps its permissions.
      mode = existing.st_mode & 0o7777
    }
    let temporary = try TemporaryFiles.create(besides: target, suffix: suffix(of: target))
    do throws(FileProblem) {
      let descriptor = open(temporary, O_WRONLY | O_TRUNC)
      guard descriptor >= 0 else { throw FileProblem(path: path, code: errno) }
      var failure: Int32 = 0
      data.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
          let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
          if written < 0 {
            if errno == EINTR { continue }
            failure = errno
            return
          }
          offset += written
        }
      }
      if failure == 0, fchmod(descriptor, mode) != 0 { failure = errno }
      // Durable before it replaces the previous file.
      if failure == 0, fsync(descriptor) != 0 { failure = errno }
      if closeFile(descriptor) != 0, failure == 0 { failure = errno }
      if failure != 0 { throw FileProblem(path: path, code: failure) }
      guard rename(temporary, target) == 0 else { throw FileProblem(path: path, code: errno) }
      TemporaryFiles.forget(temporary)
    } catch {
      TemporaryFiles.remove(temporary)
      throw error
    }
    syncFolder(of: target)
  }

  /// The file a write to `path` must replace: `path` itself, or the end of its chain of symbolic
  /// links (a link to a missing file gives that missing file).
  public static func destination(of path: String) throws(FileProblem) -> String {
    var current = path
    for _ in 0..<32 {
      var info = stat()
      guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count >= 0 else { throw FileProblem(path: path, code: errno) }
      let link = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = link.hasPrefix("/") ? link : TemporaryFiles.folderOf(current) + "/" + link
    }
    throw FileProblem(path: path, code: ELOOP)
  }

  /// Refuses when the folder that is to hold `path` does not exist (`shownAs` names it in messages).
  public static func requireFolder(of path: String, named shownAs: String? = nil) throws(FileProblem) {
    let folder = TemporaryFiles.folderOf(path)
    var info = stat()
    guard stat(folder, &info) == 0 else {
      throw FileProblem(path: shownAs ?? path, kind: .folderMissing(folder))
    }
    guard (info.st_mode & S_IFMT) == S_IFDIR else {
      throw FileProblem(path: shownAs ?? path, kind: .notADirectory)
    }
  }

  /// ".csv" for "a/b.csv"; "" without an extension.
  static func suffix(of path: String) -> String {
    let ext = (path as NSString).pathExtension
    return ext.isEmpty || ext.count > 8 || !ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
      ? "" : "." + ext
  }

  /// The rename itself durable; a folder that cannot be opened is left to the system.
  private static func syncFolder(of path: String) {
    let descriptor = open(TemporaryFiles.folderOf(path), O_RDONLY)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    _ = closeFile(descriptor)
  }
}

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file could not be read or written, in both languages, from the system's error number.
public struct FileProblem: Error, Hashable, Sendable, CustomStringConvertible {
  public enum Kind: Hashable, Sendable {
    case notFound
    case folderMissing(String)
    case permissionDenied
    case isDirectory
    case notADirectory
    case diskFull
    case readOnly
    case other(String)
  }

  public let path: String
  public let kind: Kind

  public init(path: String, kind: Kind) {
    self.path = path
    self.kind = kind
  }

  public init(path: String, code: Int32) {
    self.path = path
    switch code {
    case ENOENT: kind = .notFound
    case EACCES, EPERM: kind = .permissionDenied
    case EISDIR: kind = .isDirectory
    case ENOTDIR: kind = .notADirectory
    case ENOSPC, EDQUOT: kind = .diskFull
    case EROFS: kind = .readOnly
    default: kind = .other(String(cString: strerror(code)))
    }
  }

  /// The reason alone ("không tìm thấy tệp" / "not found").
  public var reasonVi: String {
    switch kind {
    case .notFound: "không tìm thấy tệp"
    case .folderMissing(let folder): "thư mục \(folder) không tồn tại (kinhphi không tự tạo thư mục)"
    case .permissionDenied: "không có quyền truy cập"
    case .isDirectory: "đây là một thư mục, không phải tệp"
    case .notADirectory: "một phần của đường dẫn không phải thư mục"
    case .diskFull: "ổ đĩa đã đầy"
    case .readOnly: "ổ đĩa chỉ cho đọc"
    case .other(let message): message
    }
  }

  public var reasonEn: String {
    switch kind {
    case .notFound: "not found"
    case .folderMissing(let folder): "the folder \(folder) does not exist (kinhphi creates no folders)"
    case .permissionDenied: "permission denied"
    case .isDirectory: "it is a folder, not a file"
    case .notADirectory: "a part of the path is not a folder"
    case .diskFull: "the disk is full"
    case .readOnly: "read-only file system"
    case .other(let message): message
    }
  }

  public var description: String { "\(path): \(reasonEn)" }

  /// Why the file at `path` cannot be opened for reading, or nil when it can.
  public static func forReading(_ path: String) -> FileProblem? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return FileProblem(path: path, code: errno) }
    defer { _ = closeFile(descriptor) }
    var info = stat()
    if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      return FileProblem(path: path, kind: .isDirectory)
    }
    return nil
  }
}

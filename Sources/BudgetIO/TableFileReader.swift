import BudgetCore
import Foundation

/// A reader of one workspace table (allocations, spending). Each reader writes only the byte-level
/// `read(buffer:file:errors:)`; the entry points callers use are written once, here.
public protocol TableFileReader {
  associatedtype Row

  /// Reads the file's bytes, appending problems to `errors`; returns the rows that were well formed.
  static func read(buffer: UnsafeBufferPointer<UInt8>, file: String, errors: inout InputErrors) -> [Row]
}

extension TableFileReader {
  /// Reads the file's bytes. Throws `InputErrors` when anything is wrong.
  public static func read(bytes: [UInt8], file: String) throws -> [Row] {
    var errors = InputErrors()
    let rows = read(bytes: bytes, file: file, errors: &errors)
    try errors.throwIfAny()
    return rows
  }

  /// Reads the file's bytes, appending problems to `errors`; returns the rows that were well formed.
  public static func read(bytes: [UInt8], file: String, errors: inout InputErrors) -> [Row] {
    bytes.withUnsafeBufferPointer { buffer in read(buffer: buffer, file: file, errors: &errors) }
  }

  /// Reads the file's bytes straight from `Data` (no copy), appending problems to `errors`.
  public static func read(data: Data, file: String, errors: inout InputErrors) -> [Row] {
    data.withUnsafeBytes { raw in read(buffer: raw.bindMemory(to: UInt8.self), file: file, errors: &errors) }
  }
}

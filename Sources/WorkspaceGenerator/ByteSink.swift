import Foundation

/// Appends text and numbers as UTF-8 bytes to a buffer and writes it to a file in 1 MB chunks, so a
/// 100 MB spending.csv is produced with a flat, small memory footprint and without a String per row.
final class ByteSink {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private static let flushBytes = 1 << 20

  init(path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      throw GeneratorError.cannotCreate(path)
    }
    guard let handle = FileHandle(forWritingAtPath: path) else { throw GeneratorError.cannotCreate(path) }
    self.handle = handle
    buffer.reserveCapacity(ByteSink.flushBytes + 4096)
  }

  func text(_ string: String) {
    buffer.append(contentsOf: string.utf8)
  }

  func byte(_ value: UInt8) { buffer.append(value) }

  /// A field that may hold commas or quotes, quoted as RFC 4180 wants.
  func quoted(_ string: String) {
    buffer.append(UInt8(ascii: "\""))
    for byte in string.utf8 {
      if byte == UInt8(ascii: "\"") { buffer.append(byte) }
      buffer.append(byte)
    }
    buffer.append(UInt8(ascii: "\""))
  }

  /// A non-negative integer, zero-padded to at least `width` digits.
  func integer(_ value: Int64, width: Int = 1) {
    precondition(value >= 0, "only non-negative integers are written digit by digit")
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) = (
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0
      )
    var count = 0
    var rest = value
    withUnsafeMutableBytes(of: &digits) { raw in
      repeat {
        raw[count] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
        count += 1
      } while rest > 0
      while count < width {
        raw[count] = UInt8(ascii: "0")
        count += 1
      }
      for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[index]) }
    }
  }

  func integer(_ value: Int, width: Int = 1) { integer(Int64(value), width: width) }

  /// A signed amount in đồng; `grouped` writes `1.234.000` the way Vietnamese offices do.
  func amount(_ dong: Int64, grouped: Bool) {
    if dong < 0 { byte(UInt8(ascii: "-")) }
    let magnitude = dong.magnitude
    guard grouped, magnitude >= 1000 else {
      integer(Int64(magnitude))
      return
    }
    var groups: [Int64] = []
    var rest = Int64(magnitude)
    while rest >= 1000 {
      groups.append(rest % 1000)
      rest /= 1000
    }
    integer(rest)
    for group in groups.reversed() {
      byte(UInt8(ascii: "."))
      integer(group, width: 3)
    }
  }

  func newline() {
    buffer.append(UInt8(ascii: "\n"))
    if buffer.count >= ByteSink.flushBytes { flush() }
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    handle.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }

  func close() throws {
    flush()
    try handle.close()
  }
}

public enum GeneratorError: Error, CustomStringConvertible, Equatable {
  case cannotCreate(String)
  case invalid(String)

  public var description: String {
    switch self {
    case .cannotCreate(let path): "cannot create \(path)"
    case .invalid(let what): what
    }
  }
}

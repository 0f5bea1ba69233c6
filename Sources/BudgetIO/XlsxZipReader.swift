import Foundation

// zlib itself: the SDK's module on Apple platforms, our declared system library (SystemZlib) elsewhere.
#if canImport(zlib)
  import zlib
#else
  import SystemZlib
#endif

/// The zip container of an .xlsx, read by hand: every offset and size is checked against the file's
/// bytes before it is used, so no byte of a damaged or crafted archive can make us read out of bounds
/// or trap. (ZIPFoundation's in-memory archive trapped on an entry pointing past the end of the data:
/// its `MemoryFile.readData` builds a range with a negative length once a seek goes beyond the end.)
///
/// Supported: what Excel, LibreOffice, libxlsxwriter and openpyxl write — stored or deflated entries,
/// sizes in the central directory (data descriptors allowed), ZIP64 records. Refused: encryption,
/// other compression methods, archives split over several disks, two entries with one name.
struct XlsxZipDirectory {
  struct Entry {
    let name: String
    let method: UInt16
    let flags: UInt16
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int
  }

  let bytes: [UInt8]
  let entries: [String: Entry]
  /// Where the central directory starts: every entry's data lies before it.
  let centralDirectoryOffset: Int

  init(bytes: [UInt8], entriesMax: Int) throws(XlsxArchiveRefusal) {
    self.bytes = bytes
    let end = try Self.endOfCentralDirectory(bytes)
    guard end.entryCount <= entriesMax else {
      throw XlsxArchiveRefusal(
        vi: "Tệp nén có quá nhiều mục (hơn \(entriesMax)): không phải một bảng tính bình thường.",
        en: "The archive has too many entries (more than \(entriesMax)): not an ordinary workbook.")
    }
    var entries: [String: Entry] = [:]
    var foldedNames: Set<String> = []
    var position = end.directoryOffset
    let directoryEnd = end.directoryOffset + end.directorySize
    for _ in 0..<end.entryCount {
      guard position + 46 <= directoryEnd, Self.uint32(bytes, position) == 0x0201_4B50 else {
        throw Self.damaged(
          "mục \(entries.count + 1) của danh mục zip", "entry \(entries.count + 1) of the zip directory")
      }
      let nameLength = Int(Self.uint16(bytes, position + 28))
      let extraLength = Int(Self.uint16(bytes, position + 30))
      let commentLength = Int(Self.uint16(bytes, position + 32))
      let next = position + 46 + nameLength + extraLength + commentLength
      guard next <= directoryEnd else {
        throw Self.damaged(
          "mục \(entries.count + 1) của danh mục zip", "entry \(entries.count + 1) of the zip directory")
      }
      let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
      var compressedSize = Int(Self.uint32(bytes, position + 20))
      var uncompressedSize = Int(Self.uint32(bytes, position + 24))
      var localHeaderOffset = Int(Self.uint32(bytes, position + 42))
      // ZIP64: the 32-bit fields saturated, the real values are in the extra field 0x0001, in this order.
      if compressedSize == 0xFFFF_FFFF || uncompressedSize == 0xFFFF_FFFF || localHeaderOffset == 0xFFFF_FFFF
      {
        var fields = Self.zip64Extra(bytes, from: position + 46 + nameLength, length: extraLength)
        func take(_ value: inout Int) throws(XlsxArchiveRefusal) {
          guard value == 0xFFFF_FFFF else { return }
          guard let real = fields.first, real <= UInt64(Int.max) else {
            throw Self.damaged("mục '\(name)' của danh mục zip", "entry '\(name)' of the zip directory")
          }
          value = Int(real)
          fields.removeFirst()
        }
        try take(&uncompressedSize)
        try take(&compressedSize)
        try take(&localHeaderOffset)
      }
      let folded = name.lowercased()
      guard !foldedNames.contains(folded) else {
        throw XlsxArchiveRefusal(
          vi: "Tệp bị hỏng: tệp nén có hai mục cùng tên '\(name)' (không biết mục nào đúng).",
          en: "The file is damaged: the archive has two entries named '\(name)' (which one is meant cannot "
            + "be told).")
      }
      foldedNames.insert(folded)
      entries[name] = Entry(
        name: name, method: Self.uint16(bytes, position + 10), flags: Self.uint16(bytes, position + 8),
        crc32: Self.uint32(bytes, position + 16), compressedSize: compressedSize,
        uncompressedSize: uncompressedSize, localHeaderOffset: localHeaderOffset)
      position = next
    }
    self.entries = entries
    centralDirectoryOffset = end.directoryOffset
  }

  /// Where an entry's compressed bytes are, after checking its local header agrees with the directory.
  func dataRange(of entry: Entry) throws(XlsxArchiveRefusal) -> Range<Int> {
    let header = entry.localHeaderOffset
    let part = "'\(entry.name)'"
    guard header <= centralDirectoryOffset - 30, Self.uint32(bytes, header) == 0x0403_4B50 else {
      throw Self.damaged("phần \(part) (đầu mục cục bộ)", "part \(part) (its local header)")
    }
    let nameLength = Int(Self.uint16(bytes, header + 26))
    let extraLength = Int(Self.uint16(bytes, header + 28))
    let start = header + 30 + nameLength + extraLength
    guard start <= centralDirectoryOffset, entry.compressedSize <= centralDirectoryOffset - start,
      bytes[(header + 30)..<(header + 30 + nameLength)].elementsEqual(entry.name.utf8)
    else {
      throw Self.damaged("phần \(part) (vị trí hoặc kích thước)", "part \(part) (its position or size)")
    }
    return start..<(start + entry.compressedSize)
  }

  // MARK: - Records

  private struct End {
    let entryCount: Int
    let directoryOffset: Int
    let directorySize: Int
  }

  /// The end-of-central-directory record (and its ZIP64 form), checked to describe a directory that
  /// lies inside the file, before it.
  private static func endOfCentralDirectory(_ bytes: [UInt8]) throws(XlsxArchiveRefusal) -> End {
    let notZip = XlsxArchiveRefusal(
      vi: "Tệp không phải bảng tính .xlsx (không đọc được dạng nén zip, hoặc tệp bị hỏng/cắt cụt): cần lưu "
        + "thành \"Excel Workbook (.xlsx)\".",
      en: "The file is not an .xlsx workbook (not a readable zip archive, or damaged/cut short): expected "
        + "\"Excel Workbook (.xlsx)\".")
    guard bytes.count >= 22 else { throw notZip }
    // The record is the last thing in the file, followed only by its comment (at most 65,535 bytes).
    var found: Int?
    var candidate = bytes.count - 22
    let lowest = max(0, bytes.count - 22 - 0xFFFF)
    while candidate >= lowest {
      if uint32(bytes, candidate) == 0x0605_4B50,
        candidate + 22 + Int(uint16(bytes, candidate + 20)) == bytes.count
      {
        found = candidate
        break
      }
      candidate -= 1
    }
    guard let record = found else { throw notZip }
    let disk = uint16(bytes, record + 4)
    let directoryDisk = uint16(bytes, record + 6)
    var entryCount = Int(uint16(bytes, record + 10))
    var directorySize = Int(uint32(bytes, record + 12))
    var directoryOffset = Int(uint32(bytes, record + 16))
    var directoryLimit = record
    if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
      // ZIP64 locator just before the record, pointing at the ZIP64 end record.
      let locator = record - 20
      guard locator >= 56, uint32(bytes, locator) == 0x0706_4B50 else { throw notZip }
      let end64 = uint64(bytes, locator + 8)
      guard end64 <= UInt64(locator - 56), uint32(bytes, Int(end64)) == 0x0606_4B50 else {
        throw damaged("bản ghi ZIP64", "the ZIP64 end record")
      }
      let start = Int(end64)
      let count = uint64(bytes, start + 32)
      let size = uint64(bytes, start + 40)
      let offset = uint64(bytes, start + 48)
      guard count <= UInt64(Int32.max), size <= UInt64(bytes.count), offset <= UInt64(bytes.count) else {
        throw damaged("bản ghi ZIP64", "the ZIP64 end record")
      }
      (entryCount, directorySize, directoryOffset) = (Int(count), Int(size), Int(offset))
      directoryLimit = start
    } else if disk != 0 || directoryDisk != 0 {
      throw XlsxArchiveRefusal(
        vi: "Tệp nén chia thành nhiều phần (nhiều đĩa): không phải bảng tính .xlsx.",
        en: "The archive is split over several disks: not an .xlsx workbook.")
    }
    guard directoryOffset <= directoryLimit, directorySize <= directoryLimit - directoryOffset,
      entryCount <= directorySize / 46
    else {
      throw damaged("danh mục zip (vị trí hoặc kích thước)", "the zip directory (its position or size)")
    }
    return End(entryCount: entryCount, directoryOffset: directoryOffset, directorySize: directorySize)
  }

  /// The 64-bit values of the ZIP64 extended-information extra field, in order.
  private static func zip64Extra(_ bytes: [UInt8], from start: Int, length: Int) -> [UInt64] {
    var position = start
    let end = start + length
    while position + 4 <= end {
      let id = uint16(bytes, position)
      let size = Int(uint16(bytes, position + 2))
      guard position + 4 + size <= end else { return [] }
      if id == 0x0001 {
        return stride(from: position + 4, through: position + 4 + size - 8, by: 8).map { uint64(bytes, $0) }
      }
      position += 4 + size
    }
    return []
  }

  static func damaged(_ whereVi: String, _ whereEn: String) -> XlsxArchiveRefusal {
    XlsxArchiveRefusal(
      vi: "Tệp bị hỏng: \(whereVi) không hợp lệ trong cấu trúc nén zip; lưu lại bảng tính bằng Excel hoặc "
        + "LibreOffice.",
      en: "The file is damaged: \(whereEn) is invalid in the zip structure; save the workbook again in Excel "
        + "or LibreOffice.")
  }

  // Callers have checked that the bytes read are inside the array.
  static func uint16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
    UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
  }

  static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
    UInt32(uint16(bytes, at)) | UInt32(uint16(bytes, at + 2)) << 16
  }

  static func uint64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
    UInt64(uint32(bytes, at)) | UInt64(uint32(bytes, at + 4)) << 32
  }
}

/// What all the parts read from one archive may inflate together; shared by every part's stream.
final class XlsxInflateBudget {
  let limits: XlsxReadLimits
  var inflatedBytesTotal = 0

  init(limits: XlsxReadLimits) { self.limits = limits }
}

/// One part's bytes, inflated 64 KiB at a time. Refused before anything is inflated when the part
/// declares more than the limits allow or more than deflate could have made of its compressed bytes;
/// while inflating, stops as soon as the output passes the declared size (a lying size: damaged or a
/// zip bomb). At the end the size and the CRC-32 must be those of the zip directory.
final class XlsxPartStream {
  static let chunkBytes = 64 << 10
  /// Deflate's best ratio is about 1032:1; a part declaring more than that of its compressed size lies.
  static let deflateRatioMax = 1032

  let part: String
  private let bytes: [UInt8]
  private let range: Range<Int>
  private let entry: XlsxZipDirectory.Entry
  private let budget: XlsxInflateBudget
  private var inputPosition: Int
  private var outputBytes = 0
  private var crc: UInt = 0
  private var finished = false
  private let stream: UnsafeMutablePointer<z_stream>?

  init(directory: XlsxZipDirectory, entry: XlsxZipDirectory.Entry, budget: XlsxInflateBudget)
    throws(XlsxArchiveRefusal)
  {
    part = entry.name
    bytes = directory.bytes
    self.entry = entry
    self.budget = budget
    let limits = budget.limits
    if entry.uncompressedSize > limits.partBytesMax
      || entry.uncompressedSize > limits.totalBytesMax - budget.inflatedBytesTotal
    {
      throw Self.tooLarge(entry.name, bytes: entry.uncompressedSize, limits: limits)
    }
    if entry.flags & 1 != 0 {
      throw XlsxArchiveRefusal(
        vi: "Phần '\(entry.name)' của tệp nén được mã hóa: lưu bảng tính không đặt mật khẩu.",
        en: "Part '\(entry.name)' of the archive is encrypted: save the workbook without a password.")
    }
    range = try directory.dataRange(of: entry)
    inputPosition = range.lowerBound
    switch entry.method {
    case 0:
      guard entry.compressedSize == entry.uncompressedSize else {
        throw XlsxZipDirectory.damaged(
          "phần '\(entry.name)' (kích thước)", "part '\(entry.name)' (its sizes)")
      }
      stream = nil
    case 8:
      guard entry.uncompressedSize / Self.deflateRatioMax <= entry.compressedSize + 1 else {
        throw XlsxArchiveRefusal(
          vi: "Tệp bị hỏng: phần '\(entry.name)' khai báo \(entry.uncompressedSize) byte từ "
            + "\(entry.compressedSize) byte nén, nhiều hơn mức nén deflate có thể tạo ra (tệp hỏng hoặc bom "
            + "nén — zip bomb).",
          en: "The file is damaged: part '\(entry.name)' declares \(entry.uncompressedSize) bytes from "
            + "\(entry.compressedSize) compressed bytes, more than deflate can produce (a damaged file or a "
            + "zip bomb).")
      }
      let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
      stream.initialize(to: z_stream())
      // Raw deflate (negative window bits): zip entries carry no zlib header.
      guard inflateInit2_(stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        stream.deallocate()
        throw XlsxArchiveRefusal(
          vi: "Không khởi tạo được bộ giải nén zlib.", en: "Could not initialise the zlib inflater.")
      }
      self.stream = stream
    default:
      throw XlsxArchiveRefusal(
        vi: "Phần '\(entry.name)' của tệp nén dùng cách nén không hỗ trợ (phương pháp \(entry.method)): lưu "
          + "lại bảng tính bằng Excel hoặc LibreOffice.",
        en: "Part '\(entry.name)' of the archive uses an unsupported compression (method \(entry.method)): "
          + "save the workbook again in Excel or LibreOffice.")
    }
  }

  deinit {
    if let stream {
      inflateEnd(stream)
      stream.deallocate()
    }
  }

  /// The next bytes of the part; nil once the whole part has been read and checked.
  func next() throws(XlsxArchiveRefusal) -> [UInt8]? {
    guard !finished else { return nil }
    let chunk: [UInt8]
    if stream == nil {
      let end = min(range.upperBound, inputPosition + Self.chunkBytes)
      chunk = Array(bytes[inputPosition..<end])
      inputPosition = end
      if chunk.isEmpty { return try finish() }
    } else {
      chunk = try inflateChunk()
      if chunk.isEmpty { return try finish() }
    }
    outputBytes += chunk.count
    budget.inflatedBytesTotal += chunk.count
    // Count what really comes out: a lying declared size stops here, within one chunk.
    if outputBytes > entry.uncompressedSize {
      throw XlsxArchiveRefusal(
        vi: "Tệp bị hỏng: phần '\(part)' giải nén ra nhiều hơn \(entry.uncompressedSize) byte nó khai báo "
          + "(tệp hỏng hoặc bom nén — zip bomb).",
        en:
          "The file is damaged: part '\(part)' inflates to more than the \(entry.uncompressedSize) bytes it "
          + "declares (a damaged file or a zip bomb).", isAboutWholePart: true)
    }
    crc = chunk.withUnsafeBufferPointer { zlib_crc32(crc, $0.baseAddress, UInt32($0.count)) }
    return chunk
  }

  /// Inflates up to one chunk; empty when the deflate stream has ended.
  private func inflateChunk() throws(XlsxArchiveRefusal) -> [UInt8] {
    guard let stream, !streamEnded else { return [] }
    var output = [UInt8](repeating: 0, count: Self.chunkBytes)
    var produced = 0
    var ended = false
    var failure: Int32?
    bytes.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        while produced < out.count && !ended {
          let available = min(range.upperBound - inputPosition, Self.chunkBytes)
          stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + inputPosition)
          stream.pointee.avail_in = UInt32(available)
          stream.pointee.next_out = out.baseAddress! + produced
          stream.pointee.avail_out = UInt32(out.count - produced)
          let result = inflate(stream, Z_NO_FLUSH)
          let consumed = available - Int(stream.pointee.avail_in)
          let made = out.count - produced - Int(stream.pointee.avail_out)
          inputPosition += consumed
          produced += made
          if result == Z_STREAM_END {
            ended = true
          } else if result != Z_OK || (consumed == 0 && made == 0) {
            // Z_BUF_ERROR with no input left: the compressed bytes end before the deflate stream does.
            failure = result
            return
          }
        }
      }
    }
    if let failure {
      throw XlsxArchiveRefusal(
        vi: "Tệp bị hỏng: phần '\(part)' không giải nén được (zlib \(failure)); lưu lại bảng tính bằng Excel "
          + "hoặc LibreOffice.",
        en: "The file is damaged: part '\(part)' cannot be inflated (zlib \(failure)); save the workbook "
          + "again in Excel or LibreOffice.")
    }
    // The next call returns nothing and the part is checked whole.
    if ended { streamEnded = true }
    output.removeSubrange(produced...)
    return output
  }

  private var streamEnded = false

  /// The end of the part: every compressed byte used, and the size and CRC-32 the directory gives.
  private func finish() throws(XlsxArchiveRefusal) -> [UInt8]? {
    finished = true
    guard inputPosition == range.upperBound, stream == nil || streamEnded else {
      throw XlsxArchiveRefusal(
        vi: "Tệp bị hỏng: phần '\(part)' có dữ liệu nén thừa hoặc thiếu.",
        en: "The file is damaged: part '\(part)' has extra or missing compressed data.",
        isAboutWholePart: true)
    }
    guard outputBytes == entry.uncompressedSize else {
      throw XlsxArchiveRefusal(
        vi:
          "Tệp bị hỏng: phần '\(part)' giải nén ra \(outputBytes) byte, không phải \(entry.uncompressedSize) "
          + "byte như khai báo.",
        en: "The file is damaged: part '\(part)' inflates to \(outputBytes) bytes, not the "
          + "\(entry.uncompressedSize) bytes it declares.", isAboutWholePart: true)
    }
    guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
      throw XlsxArchiveRefusal(
        vi: "Tệp bị hỏng: phần '\(part)' sai mã kiểm tra CRC-32 (dữ liệu đã bị thay đổi hoặc hỏng); lấy lại "
          + "tệp gốc hoặc lưu lại bằng Excel/LibreOffice.",
        en: "The file is damaged: part '\(part)' fails its CRC-32 check (its data was changed or corrupted); "
          + "get the original file again or save it again in Excel/LibreOffice.",
        isAboutWholePart: true)
    }
    return nil
  }

  static func tooLarge(_ path: String, bytes: Int, limits: XlsxReadLimits) -> XlsxArchiveRefusal {
    XlsxArchiveRefusal(
      vi:
        "Phần '\(path)' của tệp nén quá lớn khi giải nén (ít nhất \(bytes) byte; tối đa \(limits.partBytesMax) "
        + "byte mỗi phần, \(limits.totalBytesMax) byte tổng cộng): tệp hỏng hoặc là bom nén (zip bomb).",
      en: "Part '\(path)' of the archive is too large uncompressed (at least \(bytes) bytes; at most "
        + "\(limits.partBytesMax) bytes a part, \(limits.totalBytesMax) in all): a damaged file or a zip bomb."
    )
  }
}

/// zlib's crc32, named apart from the `crc32` properties in scope.
private func zlib_crc32(_ crc: UInt, _ buffer: UnsafePointer<UInt8>?, _ length: UInt32) -> UInt {
  UInt(crc32(uLong(crc), buffer, uInt(length)))
}

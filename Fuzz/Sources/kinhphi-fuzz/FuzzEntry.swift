import Foundation

/// The libFuzzer harness's state, set up once before the first input.
enum FuzzEntry {
  static let targetName = ProcessInfo.processInfo.environment["KINHPHI_FUZZ_TARGET"] ?? "spending-csv"
  /// "spending" for `spending-sheet-xml`, nil for the seeded driver's own targets.
  static let sheetTable: String? =
    targetName.hasSuffix("-sheet-xml") ? String(targetName.dropLast("-sheet-xml".count)) : nil
  static let target = FuzzTarget.named(sheetTable.map { "\($0)-xlsx" } ?? targetName)
  static let corpus = FuzzCorpus.shared
  static let folder = URL(fileURLWithPath: NSTemporaryDirectory())
    .appendingPathComponent(
      "kinhphi-libfuzzer-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
  /// The workbook whose first sheet a `*-sheet-xml` input replaces.
  static let hostParts: [ZipPart] = {
    guard let sheetTable else { return [] }
    let name = sheetTable == "allocations" ? "chiem-hoa-allocations.xlsx" : "malformed-spending.xlsx"
    return XlsxParts.unzip(Data(FuzzPaths.bytes(FuzzPaths.fixtures.appendingPathComponent(name)))) ?? []
  }()
  static let sheetPart = "xl/worksheets/sheet1.xml"

  /// The starting corpus: the seeded driver's seeds (for `*-sheet-xml`, their first sheets' XML).
  static func seeds() -> [[UInt8]] {
    guard let target else { return [] }
    let seeds = corpus.seedsByTarget[target.name] ?? []
    if sheetTable != nil { return seeds.compactMap { $0.parts?.first { $0.name == sheetPart }?.bytes } }
    return seeds.map(\.bytes)
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let target = FuzzEntry.target else { return 0 }
  var bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  if FuzzEntry.sheetTable != nil {
    var parts = FuzzEntry.hostParts
    if let index = parts.firstIndex(where: { $0.name == FuzzEntry.sheetPart }) { parts[index].bytes = bytes }
    bytes = [UInt8](XlsxParts.storedZip(parts))
  }
  let base = FuzzEntry.targetName == "template-yaml" ? "quyet-toan" : "chiem-hoa"
  let input = FuzzCase(bytes: bytes, base: base, expectation: .locatedErrorsOrSuccess, how: "libFuzzer")
  if case .violation(let what) = target.run(input, corpus: FuzzEntry.corpus, folder: FuzzEntry.folder) {
    FileHandle.standardError.write(Data("kinhphi fuzz VIOLATION \(FuzzEntry.targetName): \(what)\n".utf8))
    abort()
  }
  return 0
}

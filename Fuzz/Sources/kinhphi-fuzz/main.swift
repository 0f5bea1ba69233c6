import Foundation

// libFuzzer entry point. Build with
//   swift build -c release -Xswiftc -sanitize=fuzzer,address --scratch-path ../.build-fuzz
// and run through Fuzz/run.sh (docs/fuzzing.md). KINHPHI_FUZZ_TARGET picks the reader: a target of
// the seeded driver (allocations-csv, spending-csv, plan-yaml, scenario-yaml, successors-yaml,
// template-yaml, allocations-xlsx, spending-xlsx), or spending-sheet-xml / allocations-sheet-xml, where
// the input is the first sheet's XML, zipped with correct CRCs into a Chiêm Hóa workbook so that
// libFuzzer's coverage guidance works on the XML reader rather than on the zip layer.
// Any input that is neither accepted nor refused with located two-language errors aborts (a crash
// for libFuzzer, which saves it); traps and hangs (-timeout) are libFuzzer's own.

let targetName = ProcessInfo.processInfo.environment["KINHPHI_FUZZ_TARGET"] ?? "spending-csv"
let sheetTable: String? =
  targetName.hasSuffix("-sheet-xml") ? String(targetName.dropLast("-sheet-xml".count)) : nil
guard let target = FuzzTarget.named(sheetTable.map { "\($0)-xlsx" } ?? targetName) else {
  FileHandle.standardError.write(
    Data(
      ("unknown KINHPHI_FUZZ_TARGET '\(targetName)'; one of "
        + (FuzzTarget.all.map(\.name) + ["allocations-sheet-xml", "spending-sheet-xml"]).joined(
          separator: ", ")
        + "\n").utf8))
  exit(2)
}
let corpus = FuzzCorpus.shared
let folder = URL(fileURLWithPath: NSTemporaryDirectory())
  .appendingPathComponent("kinhphi-libfuzzer-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
/// The workbook whose first sheet a `*-sheet-xml` input replaces.
let hostParts: [ZipPart] = {
  guard let sheetTable else { return [] }
  let name = sheetTable == "allocations" ? "chiem-hoa-allocations.xlsx" : "malformed-spending.xlsx"
  return XlsxParts.unzip(Data(FuzzPaths.bytes(FuzzPaths.fixtures.appendingPathComponent(name)))) ?? []
}()

// `KINHPHI_FUZZ_WRITE_SEEDS=DIR`: write the target's corpus into DIR (libFuzzer's starting corpus), exit.
if let seedFolder = ProcessInfo.processInfo.environment["KINHPHI_FUZZ_WRITE_SEEDS"] {
  try? FileManager.default.createDirectory(atPath: seedFolder, withIntermediateDirectories: true)
  var seeds: [[UInt8]] = (corpus.seedsByTarget[target.name] ?? []).map(\.bytes)
  if sheetTable != nil {
    seeds = (corpus.seedsByTarget[target.name] ?? []).compactMap {
      $0.parts?.first { $0.name == "xl/worksheets/sheet1.xml" }?.bytes
    }
  }
  for (index, bytes) in seeds.enumerated() {
    FileManager.default.createFile(atPath: "\(seedFolder)/seed-\(index)", contents: Data(bytes))
  }
  exit(0)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  var bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  if sheetTable != nil {
    var parts = hostParts
    if let index = parts.firstIndex(where: { $0.name == "xl/worksheets/sheet1.xml" }) {
      parts[index].bytes = bytes
    }
    bytes = [UInt8](XlsxParts.storedZip(parts))
  }
  let base = targetName == "template-yaml" ? "quyet-toan" : "chiem-hoa"
  let input = FuzzCase(bytes: bytes, base: base, expectation: .locatedErrorsOrSuccess, how: "libFuzzer")
  if case .violation(let what) = target.run(input, corpus: corpus, folder: folder) {
    FileHandle.standardError.write(Data("kinhphi fuzz VIOLATION \(targetName): \(what)\n".utf8))
    abort()
  }
  return 0
}

typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
// SwiftPM links an executable's top-level code as `main`, which hides libFuzzer's own main: start
// libFuzzer's driver from here instead.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: FuzzCallback
) -> Int32

var argumentCount = CommandLine.argc
var arguments = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argumentCount, &arguments, fuzzOneInput))

import Foundation

// libFuzzer entry point (the input callback is in FuzzEntry.swift). Build with
//   swift build -c release -Xswiftc -sanitize=fuzzer,address --scratch-path ../.build-fuzz
// and run through Fuzz/run-libfuzzer.sh (docs/fuzzing.md). KINHPHI_FUZZ_TARGET picks the reader: a
// target of the seeded driver (allocations-csv, spending-csv, plan-yaml, scenario-yaml,
// successors-yaml, template-yaml, allocations-xlsx, spending-xlsx), or spending-sheet-xml /
// allocations-sheet-xml, where the input is the first sheet's XML, zipped with correct CRCs into a
// workbook so that libFuzzer's coverage guidance works on the XML reader rather than on the zip layer.
// An input that is neither accepted nor refused with located two-language errors aborts (a crash for
// libFuzzer, which saves it); traps and hangs (-timeout) are libFuzzer's own.

guard FuzzEntry.target != nil else {
  let names = FuzzTarget.all.map(\.name) + ["allocations-sheet-xml", "spending-sheet-xml"]
  FileHandle.standardError.write(
    Data(
      "unknown KINHPHI_FUZZ_TARGET '\(FuzzEntry.targetName)'; one of \(names.joined(separator: ", "))\n".utf8)
  )
  exit(2)
}

// `KINHPHI_FUZZ_WRITE_SEEDS=DIR`: write the target's corpus into DIR (libFuzzer's starting corpus), exit.
if let seedFolder = ProcessInfo.processInfo.environment["KINHPHI_FUZZ_WRITE_SEEDS"] {
  try? FileManager.default.createDirectory(atPath: seedFolder, withIntermediateDirectories: true)
  for (index, bytes) in FuzzEntry.seeds().enumerated() {
    FileManager.default.createFile(atPath: "\(seedFolder)/seed-\(index)", contents: Data(bytes))
  }
  exit(0)
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

import Foundation
import SettlementReports
import Testing

/// How much to run, from the environment (docs/fuzzing.md):
/// - `KINHPHI_FUZZ_ITERATIONS`: inputs per target (default: sized for CI, about a minute in all in a
///   debug build on two cores);
/// - `KINHPHI_FUZZ_SEED`: the base seed (default 1719: the same inputs on every run);
/// - `KINHPHI_FUZZ_START`: the first input index (to resume a long run after a crash);
/// - `KINHPHI_FUZZ_TARGETS`: a comma-separated list of target names (default: all);
/// - `KINHPHI_FUZZ_REPLAY=target:seed`: run exactly one input;
/// - `KINHPHI_FUZZ_TIMEOUT`: seconds one input may take before it counts as a hang (default 20);
/// - `KINHPHI_FUZZ_FINDINGS`: where inputs that break the rules are saved (default /tmp/kinhphi-fuzz-findings);
/// - `KINHPHI_FUZZ_PENDING=1`: also replay `Regressions/pending` (inputs that still fail).
struct FuzzSettings {
  static let defaultIterations: [String: Int] = [
    "allocations-csv": 800, "spending-csv": 800, "plan-yaml": 800, "scenario-yaml": 600,
    "successors-yaml": 600, "template-yaml": 600, "allocations-xlsx": 400, "spending-xlsx": 300,
  ]

  let environment = ProcessInfo.processInfo.environment

  func iterations(_ target: String) -> Int {
    environment["KINHPHI_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? Self.defaultIterations[target] ?? 100
  }
  var baseSeed: UInt64 { environment["KINHPHI_FUZZ_SEED"].flatMap { UInt64($0) } ?? 1719 }
  var start: Int { environment["KINHPHI_FUZZ_START"].flatMap { Int($0) } ?? 0 }
  var timeout: TimeInterval { environment["KINHPHI_FUZZ_TIMEOUT"].flatMap { TimeInterval($0) } ?? 20 }
  var findings: URL {
    URL(
      fileURLWithPath: environment["KINHPHI_FUZZ_FINDINGS"] ?? "/tmp/kinhphi-fuzz-findings", isDirectory: true
    )
  }
  var includesPending: Bool { environment["KINHPHI_FUZZ_PENDING"] == "1" }

  func runs(_ target: String) -> Bool {
    if let replay = replay { return replay.target == target }
    guard let list = environment["KINHPHI_FUZZ_TARGETS"], !list.isEmpty else { return true }
    return list.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == target }
  }

  var replay: (target: String, seed: UInt64)? {
    guard let text = environment["KINHPHI_FUZZ_REPLAY"], let colon = text.lastIndex(of: ":"),
      let seed = UInt64(text[text.index(after: colon)...])
    else { return nil }
    return (String(text[..<colon]), seed)
  }
}

/// A per-process scratch folder for the files an input is read from.
private func scratchFolder(_ target: String) -> URL {
  URL(fileURLWithPath: NSTemporaryDirectory())
    .appendingPathComponent(
      "kinhphi-fuzz-\(ProcessInfo.processInfo.processIdentifier)/\(target)", isDirectory: true)
}

@Suite(.serialized) struct FuzzTests {
  let settings = FuzzSettings()

  /// Mutated corpus inputs through each reader's real entry point: each must be accepted or refused
  /// with located errors in both languages (and workbooks damaged under their CRC must be refused).
  /// A trap or a hang kills the process with the seed printed (FuzzGuard).
  @Test(arguments: FuzzTarget.all.map(\.name))
  func mutatedInputs(target name: String) throws {
    guard settings.runs(name), let target = FuzzTarget.named(name) else { return }
    let corpus = FuzzCorpus.shared
    let folder = scratchFolder(name)
    defer { try? FileManager.default.removeItem(at: folder) }
    let seeds = corpus.seeds(for: target, folder: folder)
    try #require(!seeds.isEmpty, "no corpus for \(name)")
    #expect(corpus.missingFiles.isEmpty, "corpus files missing: \(corpus.missingFiles)")
    let watchdog = FuzzGuard.shared

    let inputSeeds: [(index: Int, seed: UInt64)] =
      settings.replay.map { [(0, $0.seed)] }
      ?? (settings.start..<settings.start + settings.iterations(name)).map {
        ($0, FuzzRandom.inputSeed(base: settings.baseSeed, target: name, index: $0))
      }
    var accepted = 0
    var refused = 0
    var violations: [String] = []
    var slowest: (seconds: TimeInterval, seed: UInt64) = (0, 0)
    let started = ProcessInfo.processInfo.systemUptime
    for (index, seed) in inputSeeds {
      let input = target.makeCase(seed: seed, corpus: seeds)
      watchdog.begin(
        target: name, fileExtension: target.fileExtension, seed: seed, index: index, bytes: input.bytes,
        timeout: settings.timeout)
      let inputStarted = ProcessInfo.processInfo.systemUptime
      let outcome = target.run(input, corpus: corpus, folder: folder)
      let seconds = ProcessInfo.processInfo.systemUptime - inputStarted
      watchdog.end()
      if seconds > slowest.seconds { slowest = (seconds, seed) }
      switch outcome {
      case .accepted: accepted += 1
      case .refused: refused += 1
      case .violation(let what):
        let saved = save(input.bytes, target: target, seed: seed)
        violations.append(
          "\(name) input #\(index) seed \(seed) (\(input.how)): \(what) — saved as \(saved); "
            + "replay with KINHPHI_FUZZ_REPLAY=\(name):\(seed)")
      }
    }
    let elapsed = ProcessInfo.processInfo.systemUptime - started
    print(
      "kinhphi fuzz \(name): \(inputSeeds.count) inputs (base seed \(settings.baseSeed), from #\(settings.start)) "
        + "in \(String(format: "%.1f", elapsed)) s: \(accepted) accepted, \(refused) refused, "
        + "\(violations.count) broke the rules, 0 crashes, 0 hangs; slowest input "
        + "\(String(format: "%.2f", slowest.seconds)) s (seed \(slowest.seed))")
    for violation in violations.prefix(20) { print("kinhphi fuzz VIOLATION \(violation)") }
    #expect(
      violations.isEmpty,
      "\(violations.count) inputs broke the rules:\n\(violations.prefix(20).joined(separator: "\n"))")
  }

  /// Every template shipped in `Templates/` is in the template target's corpus, read with its
  /// workbook's sheet kinds: a new template cannot be left out of the fuzzing.
  @Test func everyShippedTemplateIsFuzzed() throws {
    let folder = FuzzPaths.packageRoot.appendingPathComponent("Templates")
    let shipped = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) }.sorted()
    #expect(shipped.count >= 7)
    #expect(shipped == FuzzCorpus.templateKinds.keys.sorted())
    // Each unmutated template is accepted with its kinds (the corpus starts from valid files).
    for name in shipped {
      let kinds = try #require(FuzzCorpus.templateKinds[name])
      #expect(throws: Never.self) {
        try TemplateReader.read(path: folder.appendingPathComponent("\(name).yaml").path, kinds: kinds)
      }
    }
  }

  /// Every input the fuzzer ever found a problem with, replayed: `Regressions/TARGET/BASE__NAME.EXT`
  /// (BASE is the workspace or template it is read with; default Chiêm Hóa / quyet-toan). A name
  /// containing `.must-refuse.` must be refused with located errors.
  @Test func regressions() throws {
    var folders = [FuzzPaths.regressions]
    if settings.includesPending { folders.append(FuzzPaths.regressions.appendingPathComponent("pending")) }
    let corpus = FuzzCorpus.shared
    var replayed = 0
    var failures: [String] = []
    for root in folders {
      for target in FuzzTarget.all {
        let folder = root.appendingPathComponent(target.name)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") {
          let bytes = FuzzPaths.bytes(folder.appendingPathComponent(name))
          let parts = name.components(separatedBy: "__")
          let base =
            parts.count > 1 ? parts[0] : (target.name == "template-yaml" ? "quyet-toan" : "chiem-hoa")
          let expectation: FuzzExpectation =
            name.contains(".must-refuse.")
            ? .refused(because: "it is a damaged file (\(name))") : .locatedErrorsOrSuccess
          let input = FuzzCase(bytes: bytes, base: base, expectation: expectation, how: name)
          FuzzGuard.shared.begin(
            target: target.name, fileExtension: target.fileExtension, seed: 0, index: replayed, bytes: bytes,
            timeout: settings.timeout, regression: "\(root.lastPathComponent)/\(target.name)/\(name)")
          let outcome = target.run(input, corpus: corpus, folder: scratchFolder("regressions"))
          FuzzGuard.shared.end()
          replayed += 1
          if case .violation(let what) = outcome {
            failures.append("\(root.lastPathComponent)/\(target.name)/\(name): \(what)")
          }
        }
      }
    }
    try? FileManager.default.removeItem(at: scratchFolder("regressions"))
    print("kinhphi fuzz regressions: \(replayed) inputs replayed, \(failures.count) failed")
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  private func save(_ bytes: [UInt8], target: FuzzTarget, seed: UInt64) -> String {
    let folder = settings.findings.appendingPathComponent(target.name, isDirectory: true)
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("\(seed).\(target.fileExtension)").path
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
  }
}

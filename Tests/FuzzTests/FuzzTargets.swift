import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import SettlementReports

enum FuzzPaths {
  /// The package root: the first folder above this file that holds SampleData (this file is also
  /// compiled into the libFuzzer package under Fuzz/, through a symbolic link).
  static let packageRoot: URL = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent("SampleData").path) {
        return folder
      }
      folder = folder.deletingLastPathComponent()
    }
    preconditionFailure("SampleData not found above \(#filePath)")
  }()
  static let regressions = packageRoot.appendingPathComponent("Tests/FuzzTests/Regressions")
  static let sampleData = packageRoot.appendingPathComponent("SampleData")
  static let fixtures = packageRoot.appendingPathComponent("Tests/BudgetIOTests/Fixtures")

  /// The file's bytes; empty when it is missing (`FuzzCorpus.missingFiles` reports it as a failure).
  static func bytes(_ url: URL) -> [UInt8] {
    FileManager.default.contents(atPath: url.path).map { [UInt8]($0) } ?? []
  }

}

/// What the readers must do with a mutated input. Every input: succeed, or throw `InputErrors`
/// whose every error has a location and a message in both languages. Some inputs are held to more.
enum FuzzExpectation {
  case locatedErrorsOrSuccess
  /// The input is damaged in a way the reader must notice (a read XML part cut short).
  case refused(because: String)
  /// A raw-byte mutation of a workbook the readers accept: every byte the reader uses is covered by
  /// a CRC, so if the mutant is accepted it must give exactly the original rows.
  case sameRowsIfAccepted(WorkspaceRows)
}

struct WorkspaceRows: Equatable {
  let allocations: [Allocation]
  let payments: [Payment]
}

/// One file of the corpus, with the workspace (or template kind) it is read with.
struct FuzzSeed {
  let label: String
  let bytes: [UInt8]
  /// A `FuzzCorpus.workspaces` key for workspace files; a `FuzzCorpus.templateKinds` key for templates.
  let base: String
  /// The inflated parts of an .xlsx seed (nil for text files and for the zip bombs).
  var parts: [ZipPart]? = nil
  /// The rows the unmutated workbook reads as, when it is accepted.
  var rows: WorkspaceRows? = nil
}

/// One input to run: the mutated bytes, the base they are read with and what must happen.
struct FuzzCase {
  let bytes: [UInt8]
  let base: String
  let expectation: FuzzExpectation
  let how: String
}

enum FuzzOutcome {
  case accepted
  case refused
  case violation(String)
}

/// A reader under test: its corpus, how inputs are made from a seed, and how one is run.
struct FuzzTarget: Sendable {
  enum Kind: Sendable {
    /// A file of a workspace read by `WorkspaceReader`, then checked and settled by the engine.
    case workspaceFile(String)
    /// A what-if scenario, read and applied to Chiêm Hóa (`ScenarioComparison.run`).
    case scenario
    case successors
    case template
  }

  let name: String
  let fileExtension: String
  let kind: Kind

  static let all: [FuzzTarget] = [
    FuzzTarget(name: "allocations-csv", fileExtension: "csv", kind: .workspaceFile("allocations.csv")),
    FuzzTarget(name: "spending-csv", fileExtension: "csv", kind: .workspaceFile("spending.csv")),
    FuzzTarget(name: "plan-yaml", fileExtension: "yaml", kind: .workspaceFile("plan.yaml")),
    FuzzTarget(name: "scenario-yaml", fileExtension: "yaml", kind: .scenario),
    FuzzTarget(name: "successors-yaml", fileExtension: "yaml", kind: .successors),
    FuzzTarget(name: "template-yaml", fileExtension: "yaml", kind: .template),
    FuzzTarget(name: "allocations-xlsx", fileExtension: "xlsx", kind: .workspaceFile("allocations.xlsx")),
    FuzzTarget(name: "spending-xlsx", fileExtension: "xlsx", kind: .workspaceFile("spending.xlsx")),
  ]

  static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

  var isXlsx: Bool { fileExtension == "xlsx" }

  /// The parts of a workbook the reader reads (with the first sheet): a truncated one must be refused.
  static let readParts: Set<String> = [
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
  ]

  /// Builds the input of `seed` (deterministic).
  func makeCase(seed: UInt64, corpus: [FuzzSeed]) -> FuzzCase {
    var rng = FuzzRandom(seed: seed)
    // The smaller of two picks, mostly: small files cost less, so more inputs fit in the budget.
    let first = rng.pick(corpus)
    let second = rng.pick(corpus)
    let original = (first.bytes.count <= second.bytes.count) != rng.oneIn(4) ? first : second
    if isXlsx, let parts = original.parts, rng.below(10) < 6 {
      return partsCase(original, parts: parts, rng: &rng)
    }
    // Raw bytes. Workbooks are not spliced: a spliced zip may legitimately be another workbook.
    let splice = isXlsx ? nil : rng.pick(corpus).bytes
    var bytes = Mutator.mutate(original.bytes, rng: &rng, splice: splice)
    if fileExtension == "yaml" && rng.oneIn(10) { Mutator.insertAliasChain(&bytes, rng: &rng) }
    let expectation: FuzzExpectation =
      original.rows.map { .sameRowsIfAccepted($0) } ?? .locatedErrorsOrSuccess
    return FuzzCase(
      bytes: bytes, base: original.base, expectation: expectation, how: "raw bytes of \(original.label)")
  }

  private func partsCase(_ original: FuzzSeed, parts: [ZipPart], rng: inout FuzzRandom) -> FuzzCase {
    var parts = parts
    var expectation = FuzzExpectation.locatedErrorsOrSuccess
    var how: [String] = []
    let rounds = rng.oneIn(4) ? 2 : 1
    for _ in 0..<rounds {
      let readIndices = parts.indices.filter { Self.readParts.contains(parts[$0].name) }
      let index = !readIndices.isEmpty && rng.below(20) < 17 ? rng.pick(readIndices) : rng.below(parts.count)
      if rng.oneIn(25) {
        how.append("dropped \(parts[index].name)")
        parts.remove(at: index)
        continue
      }
      let splice = rng.pick(parts).bytes
      let effect = XmlMutator.mutate(&parts[index], rng: &rng, splice: splice)
      how.append("mutated \(parts[index].name)")
      if case .truncatedBeforeEnd = effect, Self.readParts.contains(parts[index].name) {
        expectation = .refused(
          because: "\(parts[index].name) cut short (\(parts[index].bytes.count) bytes kept)")
        break
      }
    }
    if rng.oneIn(8) { parts.shuffle(using: &rng) }
    let bytes = [UInt8](XlsxParts.zip(parts, deflate: rng.oneIn(3)))
    return FuzzCase(
      bytes: bytes, base: original.base, expectation: expectation,
      how: "XML parts of \(original.label): " + how.joined(separator: ", "))
  }

  /// Runs one input through the real entry point and judges the outcome.
  func run(_ input: FuzzCase, corpus: FuzzCorpus, folder: URL) -> FuzzOutcome {
    let manager = FileManager.default
    try? manager.removeItem(at: folder)
    try? manager.createDirectory(at: folder, withIntermediateDirectories: true)
    do {
      switch kind {
      case .workspaceFile(let name):
        guard let base = corpus.workspaces[input.base] else {
          return .violation("unknown base \(input.base)")
        }
        // The mutated file replaces its table's file (allocations.xlsx replaces allocations.csv).
        let table = (name as NSString).deletingPathExtension
        for (file, bytes) in base where !file.hasPrefix(table) {
          manager.createFile(atPath: folder.appendingPathComponent(file).path, contents: Data(bytes))
        }
        manager.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data(input.bytes))
        let ledger = try WorkspaceReader.read(directory: folder.path)
        // What `check` and `settle` do next: analyse every year and settle each plan year.
        let analysis = Engine.analyze(ledger)
        for year in analysis.years where ledger.plan.info.years.contains(year) {
          _ = analysis.settlement(year: year)
        }
        _ = analysis.findings(year: nil)
        return judgeAccepted(
          input, rows: WorkspaceRows(allocations: ledger.allocations, payments: ledger.payments))
      case .scenario:
        let path = folder.appendingPathComponent("scenario.yaml").path
        manager.createFile(atPath: path, contents: Data(input.bytes))
        let scenario = try ScenarioReader.read(path: path, file: "scenario.yaml")
        guard let baseline = corpus.chiemHoaAnalysis else {
          return .violation("SampleData/chiem-hoa does not read")
        }
        _ = try ScenarioComparison.run(scenario, baseline: baseline)
        return judgeAccepted(input, rows: nil)
      case .successors:
        let path = folder.appendingPathComponent("successors.yaml").path
        manager.createFile(atPath: path, contents: Data(input.bytes))
        _ = try SuccessorsReader.read(path: path)
        return judgeAccepted(input, rows: nil)
      case .template:
        let path = folder.appendingPathComponent("\(input.base).yaml").path
        manager.createFile(atPath: path, contents: Data(input.bytes))
        guard let kinds = FuzzCorpus.templateKinds[input.base] else {
          return .violation("no sheet kinds for the template \(input.base)")
        }
        _ = try TemplateReader.read(path: path, kinds: kinds)
        return judgeAccepted(input, rows: nil)
      }
    } catch let errors as InputErrors {
      if ProcessInfo.processInfo.environment["KINHPHI_FUZZ_VERBOSE"] == "1", let first = errors.errors.first {
        print("kinhphi fuzz \(name) refused (\(input.how)): \(first)")
      }
      return Self.judge(errors)
    } catch let error as InputError {
      return Self.judge(InputErrors([error]))
    } catch {
      return .violation("threw \(type(of: error)) instead of InputErrors: \(error)")
    }
  }

  private func judgeAccepted(_ input: FuzzCase, rows: WorkspaceRows?) -> FuzzOutcome {
    switch input.expectation {
    case .locatedErrorsOrSuccess:
      return .accepted
    case .refused(let reason):
      return .violation("accepted although \(reason)")
    case .sameRowsIfAccepted(let original):
      guard let rows, rows != original else { return .accepted }
      return .violation(
        "accepted a damaged workbook with different rows: \(original.allocations.count) allocations and "
          + "\(original.payments.count) payments became \(rows.allocations.count) and \(rows.payments.count)"
          + Self.firstDifference(original, rows))
    }
  }

  private static func firstDifference(_ original: WorkspaceRows, _ mutated: WorkspaceRows) -> String {
    for (a, b) in zip(original.payments, mutated.payments) where a != b {
      return "; first changed payment: \(a.id) \(a.amount.dong) → \(b.id) \(b.amount.dong) at \(b.location)"
    }
    for (a, b) in zip(original.allocations, mutated.allocations) where a != b {
      return "; first changed allocation: \(a.amount.dong) → \(b.amount.dong) at \(b.location)"
    }
    return ""
  }

  static func judge(_ errors: InputErrors) -> FuzzOutcome {
    if errors.errors.isEmpty { return .violation("threw an empty InputErrors") }
    for error in errors.errors {
      guard let location = error.location else { return .violation("an error without a location: \(error)") }
      if location.file.isEmpty || location.line < 1 {
        return .violation("an error located at '\(location)': \(error)")
      }
      if error.message.vi.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        || error.message.en.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
      {
        return .violation("an error without a message in both languages at \(location)")
      }
    }
    return .refused
  }
}

/// The corpus: every sample workspace and the reader fixtures, loaded once.
final class FuzzCorpus: @unchecked Sendable {
  /// Workspace name → its files (plan.yaml, allocations.csv, spending.csv).
  let workspaces: [String: [String: [UInt8]]]
  let seedsByTarget: [String: [FuzzSeed]]
  /// Chiêm Hóa analysed, the baseline scenarios are applied to (nil if the sample stopped reading).
  let chiemHoaAnalysis: Analysis?
  /// Corpus files that could not be read (renamed or removed): the fuzz test fails naming them.
  let missingFiles: [String]

  static let shared = FuzzCorpus()

  /// Every template shipped in `Templates/`, by file name without `.yaml`, with the sheet kinds its
  /// workbook reads it with (the same sets the writers pass to `TemplateReader`).
  static let templateKinds: [String: Set<SheetKind>] = [
    "quyet-toan": SheetKind.settlementKinds,
    "so-sanh": SheetKind.comparisonKinds,
    "giai-doan": SheetKind.phaseKinds,
    "ban-giao": SheetKind.handoverKinds,
    "hop-nhat": SheetKind.consolidationKinds,
    "tien-do": SheetKind.progressKinds,
    "bao-cao-quyet-toan": SheetKind.formKinds,
  ]

  private init() {
    let manager = FileManager.default
    var workspaces: [String: [String: [UInt8]]] = [:]
    var folders: [(String, URL)] = [("chiem-hoa", FuzzPaths.sampleData.appendingPathComponent("chiem-hoa"))]
    let features = FuzzPaths.sampleData.appendingPathComponent("features")
    for name in ((try? manager.contentsOfDirectory(atPath: features.path)) ?? []).sorted() {
      if name == "malformed" {
        let malformed = features.appendingPathComponent(name)
        for inner in ((try? manager.contentsOfDirectory(atPath: malformed.path)) ?? []).sorted() {
          folders.append(("malformed-" + inner, malformed.appendingPathComponent(inner)))
        }
      } else {
        folders.append((name, features.appendingPathComponent(name)))
      }
    }
    for (name, url) in folders {
      var files: [String: [UInt8]] = [:]
      for file in ["plan.yaml", "allocations.csv", "spending.csv"] {
        files[file] = FuzzPaths.bytes(url.appendingPathComponent(file))
      }
      workspaces[name] = files
    }
    self.workspaces = workspaces
    let ordered = folders.map(\.0)

    var seeds: [String: [FuzzSeed]] = [:]
    for file in ["allocations.csv", "spending.csv", "plan.yaml"] {
      let target = file.replacingOccurrences(of: ".", with: "-")
      seeds[target] = ordered.map {
        FuzzSeed(label: "\($0)/\(file)", bytes: workspaces[$0]![file]!, base: $0)
      }
    }
    seeds["allocations-csv"]! += [
      FuzzSeed(
        label: "Fixtures/chiem-hoa-allocations.csv",
        bytes: FuzzPaths.bytes(FuzzPaths.fixtures.appendingPathComponent("chiem-hoa-allocations.csv")),
        base: "chiem-hoa")
    ]
    seeds["spending-csv"]! += [
      FuzzSeed(
        label: "Fixtures/chiem-hoa-spending.csv",
        bytes: FuzzPaths.bytes(FuzzPaths.fixtures.appendingPathComponent("chiem-hoa-spending.csv")),
        base: "chiem-hoa")
    ]
    seeds["plan-yaml"]! += [
      FuzzSeed(
        label: "chiem-hoa/sau-sap-xep/plan.yaml",
        bytes: FuzzPaths.bytes(
          FuzzPaths.sampleData.appendingPathComponent("chiem-hoa/sau-sap-xep/plan.yaml")),
        base: "chiem-hoa")
    ]
    let scenarios = FuzzPaths.sampleData.appendingPathComponent("chiem-hoa/scenarios")
    seeds["scenario-yaml"] = ((try? manager.contentsOfDirectory(atPath: scenarios.path)) ?? []).sorted().map {
      FuzzSeed(
        label: "scenarios/\($0)", bytes: FuzzPaths.bytes(scenarios.appendingPathComponent($0)),
        base: "chiem-hoa")
    }
    seeds["successors-yaml"] = [
      FuzzSeed(
        label: "chiem-hoa/successors.yaml",
        bytes: FuzzPaths.bytes(FuzzPaths.sampleData.appendingPathComponent("chiem-hoa/successors.yaml")),
        base: "chiem-hoa")
    ]
    seeds["template-yaml"] = Self.templateKinds.keys.sorted().map {
      FuzzSeed(
        label: "Templates/\($0).yaml",
        bytes: FuzzPaths.bytes(FuzzPaths.packageRoot.appendingPathComponent("Templates/\($0).yaml")), base: $0
      )
    }
    // Workbooks: the reader fixtures and the units' submissions, each read beside Chiêm Hóa's other files.
    let units = FuzzPaths.sampleData.appendingPathComponent("chiem-hoa-units")
    let unitFolders = ((try? manager.contentsOfDirectory(atPath: units.path)) ?? []).sorted().filter {
      manager.fileExists(atPath: units.appendingPathComponent("\($0)/spending.xlsx").path)
    }
    let hostile = ["bomb-declared.xlsx", "bomb-lying.xlsx", "laughs.xlsx", "nested.xlsx"]
    for table in ["allocations", "spending"] {
      var files: [(String, URL)] = []
      let fixtureNames =
        table == "allocations"
        ? ["chiem-hoa-allocations.xlsx"]
        : [
          "chiem-hoa-spending.xlsx", "chiem-hoa-spending-text-dates.xlsx", "malformed-spending.xlsx",
          "titled-spending.xlsx",
        ]
      for name in fixtureNames + hostile {
        files.append(("Fixtures/\(name)", FuzzPaths.fixtures.appendingPathComponent(name)))
      }
      for unit in unitFolders {
        files.append(
          ("chiem-hoa-units/\(unit)/\(table).xlsx", units.appendingPathComponent("\(unit)/\(table).xlsx")))
      }
      seeds["\(table)-xlsx"] = files.map { label, url in
        let bytes = FuzzPaths.bytes(url)
        return FuzzSeed(label: label, bytes: bytes, base: "chiem-hoa", parts: XlsxParts.unzip(Data(bytes)))
      }
    }
    self.seedsByTarget = seeds

    missingFiles = seeds.values.flatMap { $0 }.filter(\.bytes.isEmpty).map(\.label).sorted()
    let chiemHoa = FuzzPaths.sampleData.appendingPathComponent("chiem-hoa").path
    chiemHoaAnalysis = (try? WorkspaceReader.read(directory: chiemHoa)).map { Engine.analyze($0) }
  }

  /// The seeds of a target; for workbooks, with the rows the unmutated file reads as (computed once,
  /// through the same entry point), for the differential check.
  func seeds(for target: FuzzTarget, folder: URL) -> [FuzzSeed] {
    var seeds = seedsByTarget[target.name] ?? []
    guard target.isXlsx, case .workspaceFile(let name) = target.kind else { return seeds }
    for index in seeds.indices {
      let manager = FileManager.default
      try? manager.removeItem(at: folder)
      try? manager.createDirectory(at: folder, withIntermediateDirectories: true)
      let table = (name as NSString).deletingPathExtension
      for (file, bytes) in workspaces[seeds[index].base]! where !file.hasPrefix(table) {
        manager.createFile(atPath: folder.appendingPathComponent(file).path, contents: Data(bytes))
      }
      manager.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data(seeds[index].bytes))
      if let ledger = try? WorkspaceReader.read(directory: folder.path) {
        seeds[index].rows = WorkspaceRows(allocations: ledger.allocations, payments: ledger.payments)
      }
    }
    return seeds
  }
}

// swift-tools-version:6.1
import PackageDescription

// The coverage-guided fuzzer (libFuzzer) for the long run (docs/fuzzing.md, `make fuzz-libfuzzer`): a
// separate package so that the main package's `swift build` never builds it. It builds on the main
// package's library products by path, and compiles the seeded driver's targets and mutators
// (Tests/FuzzTests, through symbolic links) so both fuzzers judge inputs by the same rules.
let package = Package(
  name: "kinhphi-fuzz",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "kinhphi", path: ".."),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    .executableTarget(
      name: "kinhphi-fuzz",
      dependencies: [
        .product(name: "BudgetCore", package: "kinhphi"),
        .product(name: "BudgetIO", package: "kinhphi"),
        .product(name: "BudgetEngine", package: "kinhphi"),
        .product(name: "SettlementReports", package: "kinhphi"),
        .product(name: "WorkspaceGenerator", package: "kinhphi"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)

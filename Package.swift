// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way (see README, "Architecture"):
// BudgetCore ← BudgetIO, BudgetEngine ← SettlementReports ← BudgetApp ← kinhphi; Xlsx ← SettlementReports only.
let package = Package(
  name: "kinhphi",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "kinhphi", targets: ["kinhphi"]),
    // Libraries so that the benchmark package in Benchmarks/ can build on the same modules.
    .library(name: "BudgetCore", targets: ["BudgetCore"]),
    .library(name: "BudgetIO", targets: ["BudgetIO"]),
    .library(name: "BudgetEngine", targets: ["BudgetEngine"]),
    .library(name: "Xlsx", targets: ["Xlsx"]),
    .library(name: "SettlementReports", targets: ["SettlementReports"]),
    .library(name: "WorkspaceGenerator", targets: ["WorkspaceGenerator"]),
    // The application layer every front end calls (the command line, the web page, the benchmarks).
    .library(name: "BudgetApp", targets: ["BudgetApp"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
  ],
  targets: [
    // The system C library, found through pkg-config; installed from Debian's packages.
    .systemLibrary(
      name: "CXlsxWriter",
      pkgConfig: "xlsxwriter",
      providers: [.apt(["libxlsxwriter-dev", "zlib1g-dev", "pkg-config"])]
    ),
    // zlib for BudgetIO's own zip reader of .xlsx files; from Debian's packages through pkg-config.
    .systemLibrary(name: "SystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev", "pkg-config"])]),
    // Output files written whole or not at all; our temporary files removed on interrupt or by the next run.
    .target(name: "SafeOutput"),
    // Safe Swift wrapper over libxlsxwriter; knows nothing about budgets.
    .target(name: "Xlsx", dependencies: ["CXlsxWriter", "SafeOutput"]),
    // Money, codes, plan, rows, ledger, findings, limits. Foundation only.
    .target(name: "BudgetCore"),
    // Every YAML file the user wrote, read one way: located nodes, anchors and aliases refused.
    // It also imports CYaml (libyaml, a target inside Yams, not a product, so it cannot be named here)
    // for the event pass that refuses aliases; scripts/check-imports.py allows that in this target only.
    .target(
      name: "LocatedYAML",
      dependencies: ["BudgetCore", .product(name: "Yams", package: "Yams")]
    ),
    // Workspace readers (plan.yaml, CSV, xlsx) with located input errors.
    .target(
      name: "BudgetIO",
      dependencies: [
        "BudgetCore", "SafeOutput", "LocatedYAML", "SystemZlib", .product(name: "Yams", package: "Yams"),
      ]
    ),
    // Checks and settlement arithmetic: pure functions of the ledger.
    .target(name: "BudgetEngine", dependencies: ["BudgetCore"]),
    // Report models and renderers (text, JSON, xlsx through Xlsx).
    .target(
      name: "SettlementReports",
      dependencies: [
        "BudgetCore", "BudgetEngine", "Xlsx", "LocatedYAML", .product(name: "Yams", package: "Yams"),
      ]
    ),
    // Synthetic workspaces of any size for scale tests and benchmarks (`kinhphi generate`).
    .target(name: "WorkspaceGenerator", dependencies: ["BudgetCore"]),
    // The application layer: one entry point per thing a user does; requests in, results or AppError out.
    .target(
      name: "BudgetApp",
      dependencies: [
        "BudgetCore", "BudgetIO", "BudgetEngine", "SettlementReports", "SafeOutput", "WorkspaceGenerator",
      ]
    ),
    // `kinhphi serve`: the workspace as a web page (server-rendered HTML, assets compiled in).
    .target(
      name: "KinhphiWeb",
      dependencies: [
        "BudgetApp", "BudgetCore", "BudgetIO", "BudgetEngine", "SettlementReports", "SafeOutput",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
      ]
    ),
    // The command line: parse, validate, call, render, exit code.
    .executableTarget(
      name: "kinhphi",
      dependencies: [
        "BudgetApp", "BudgetCore", "BudgetIO", "SettlementReports", "WorkspaceGenerator", "SafeOutput",
        "KinhphiWeb", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "BudgetCoreTests", dependencies: ["BudgetCore"]),
    // Fixtures and golden files are read through #filePath, not bundled as resources.
    // Xlsx and ZIPFoundation write the workbooks the xlsx reader's tests read (large, damaged, crafted).
    .testTarget(
      name: "BudgetIOTests",
      dependencies: [
        "BudgetIO", "BudgetCore", "LocatedYAML", "Xlsx", .product(name: "Yams", package: "Yams"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "BudgetEngineTests",
      dependencies: ["BudgetEngine", "BudgetCore", "BudgetIO", "WorkspaceGenerator"]),
    // Test support: unzips a workbook and parses its XML parts, for every test that reads one back.
    .target(
      name: "XlsxReadBack",
      dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
      path: "Tests/XlsxReadBack"
    ),
    .testTarget(name: "XlsxTests", dependencies: ["Xlsx", "CXlsxWriter", "XlsxReadBack", "SafeOutput"]),
    .testTarget(
      name: "SettlementReportsTests",
      dependencies: [
        "SettlementReports", "BudgetEngine", "BudgetIO", "BudgetCore", "Xlsx", "XlsxReadBack",
      ],
      exclude: ["Golden"]
    ),
    // Runs the built binary; parses command lines in process through the executable target (parseAsRoot).
    .testTarget(
      name: "KinhphiCLITests",
      dependencies: [
        "kinhphi", "BudgetCore", "SettlementReports", "XlsxReadBack",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      exclude: ["GoldenText"]
    ),
    // In-process tests of every application entry point (typed errors, progress, cancellation).
    .testTarget(
      name: "BudgetAppTests",
      dependencies: [
        "BudgetApp", "BudgetCore", "BudgetEngine", "BudgetIO", "SettlementReports", "WorkspaceGenerator",
        "XlsxReadBack",
      ]
    ),
    // Every route of the web page in process (HummingbirdTesting), the lock, the sign-in and CSRF refusals.
    .testTarget(
      name: "KinhphiWebTests",
      dependencies: [
        "KinhphiWeb", "BudgetApp", "BudgetCore", "BudgetIO", "BudgetEngine", "SettlementReports", "SafeOutput",
        "XlsxReadBack", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]
    ),
    // Seeded mutation fuzzing of every reader (docs/fuzzing.md); found inputs replayed from Regressions.
    .testTarget(
      name: "FuzzTests",
      dependencies: [
        "BudgetIO", "BudgetCore", "BudgetEngine", "SettlementReports", "WorkspaceGenerator",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      exclude: ["Regressions"]
    ),
    .testTarget(
      name: "WorkspaceGeneratorTests",
      dependencies: [
        "WorkspaceGenerator", "BudgetIO", "BudgetEngine", "BudgetCore", "SettlementReports", "XlsxReadBack",
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)

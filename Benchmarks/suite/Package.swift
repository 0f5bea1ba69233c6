// swift-tools-version:6.1
import PackageDescription

// The benchmark suite (`make bench`): a separate package so the main one carries no benchmark code.
// It builds on the main package's library products by path, in release mode.
let package = Package(
  name: "kinhphi-bench-suite",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "kinhphi", path: "../..")],
  targets: [
    .executableTarget(
      name: "kinhphi-bench",
      dependencies: [
        .product(name: "BudgetCore", package: "kinhphi"),
        .product(name: "BudgetIO", package: "kinhphi"),
        .product(name: "BudgetEngine", package: "kinhphi"),
        .product(name: "Xlsx", package: "kinhphi"),
        .product(name: "SettlementReports", package: "kinhphi"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)

// swift-tools-version:6.1
import PackageDescription

// A separate package so the main one never depends on the CSV libraries we compare against. It
// builds on the main package's BudgetCore and BudgetIO library products by path, in release mode.
let package = Package(
  name: "csv-reader-bench",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "kinhphi", path: "../.."),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
  ],
  targets: [
    .executableTarget(
      name: "csv-reader-bench",
      dependencies: [
        .product(name: "BudgetIO", package: "kinhphi"),
        .product(name: "BudgetCore", package: "kinhphi"),
        .product(name: "CSV", package: "CSV.swift"),
        .product(name: "SwiftCSV", package: "SwiftCSV"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)

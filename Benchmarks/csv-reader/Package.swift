// swift-tools-version:6.1
import PackageDescription

// A separate package so the main one never depends on the CSV libraries we compare against.
// The main package exports no library product, so BudgetCore and BudgetIO are compiled here from the
// main package's own sources through the symlinks Sources/BudgetCore and Sources/BudgetIO
// (the same files, built with the same flags in release mode).
let package = Package(
  name: "csv-reader-bench",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
  ],
  targets: [
    .target(name: "BudgetCore"),
    .target(name: "BudgetIO", dependencies: ["BudgetCore", .product(name: "Yams", package: "Yams")]),
    .executableTarget(
      name: "csv-reader-bench",
      dependencies: [
        "BudgetIO", "BudgetCore",
        .product(name: "CSV", package: "CSV.swift"),
        .product(name: "SwiftCSV", package: "SwiftCSV"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)

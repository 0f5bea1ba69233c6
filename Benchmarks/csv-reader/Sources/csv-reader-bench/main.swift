import BudgetCore
import BudgetIO
import CSV
import Foundation
import SwiftCSV

// Generates a deterministic 1,000,000-row spending.csv and times, in one run and in release mode:
// (a) SpendingReader producing [Payment], (b) our tokenizer alone, (c) CSV.swift, (d) SwiftCSV.
// Every timing includes reading the file from disk into memory. Best of 3.

let rowCount = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let path = "/tmp/kinhphi-bench/spending.csv"

/// A small deterministic generator (64-bit LCG) so every run writes the same file.
struct Generator {
  var state: UInt64 = 0x2545_F491_4F6C_DD1D
  mutating func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }
}

func generate() throws {
  let sources = ["TW", "TINH", "HUYEN", "XA", "LG.GN", "LG.NTM"]
  let activities = [
    "PANO", "HOINGHI", "PHATTHANH", "BAO", "KHENTHUONG", "PHAPLUAT", "CNTT", "SOHOA", "TAPHUAN",
    "KIEMTRA",
  ]
  let units = (1...40).map { "XA\($0 < 10 ? "0" : "")\($0)" } + ["PDT", "PVH", "PTP", "TTVH", "MTTQ"]
  let descriptions = [
    "Chi hội nghị tuyên truyền", "\"Mua pano, áp phích\"", "In tài liệu pháp luật",
    "\"Bồi dưỡng \"\"báo cáo viên\"\"\"",
    "Phát thanh tiếng dân tộc", "",
  ]
  var generator = Generator()
  var out = "id,voucher,date,year,source,activity,unit,amount,quantity,description,reverses\n"
  out.reserveCapacity(rowCount * 110)
  for index in 1...rowCount {
    let year = 2021 + generator.next(5)
    let month = 1 + generator.next(12)
    let day = 1 + generator.next(28)
    let date =
      index % 2 == 0
      ? "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
      : "\(day)/\(month)/\(year)"
    let amountDong = Int64(1 + generator.next(50_000)) * 1000
    let amount = index % 3 == 0 ? Money(dong: amountDong).grouped : String(amountDong)
    let amountField = index % 3 == 1 ? "\"\(Money(dong: amountDong).groupedEnglish)\"" : amount
    let quantity = index % 4 == 0 ? String(1 + generator.next(20)) : ""
    out += "s\(index),PC\(index / 3),\(date),\(index % 5 == 0 ? String(year) : ""),"
    out += "\(sources[generator.next(sources.count)]),\(activities[generator.next(activities.count)]),"
    out += "\(units[generator.next(units.count)]),\(amountField),\(quantity),"
    out += "\(descriptions[generator.next(descriptions.count)]),\n"
  }
  try FileManager.default.createDirectory(atPath: "/tmp/kinhphi-bench", withIntermediateDirectories: true)
  try out.write(toFile: path, atomically: true, encoding: .utf8)
}

func best(_ name: String, _ body: () throws -> Int) rethrows {
  var times: [Duration] = []
  var records = 0
  for _ in 0..<3 {
    let clock = ContinuousClock()
    let start = clock.now
    records = try body()
    times.append(clock.now - start)
    keptAlive = []
  }
  let bestTime = times.min() ?? .zero
  let seconds = Double(bestTime.components.seconds) + Double(bestTime.components.attoseconds) / 1e18
  let rate = Double(records) / seconds
  print(
    "\(name.padding(toLength: 48, withPad: " ", startingAt: 0)) \(String(format: "%8.3f", seconds)) s  "
      + "\(String(format: "%12.0f", rate)) rows/s  (\(records) rows; runs: "
      + times.map {
        String(format: "%.3f", Double($0.components.attoseconds) / 1e18 + Double($0.components.seconds))
      }
      .joined(separator: ", ") + ")")
}

nonisolated(unsafe) var keptAlive: [Payment] = []

func readString() -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

try generate()
let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
print("file: \(path), \(rowCount) rows, \(size) bytes")

best("(a) BudgetIO SpendingReader → [Payment]") {
  var errors = InputErrors()
  let data = FileManager.default.contents(atPath: path) ?? Data()
  let payments = SpendingReader.read(data: data, file: "spending.csv", errors: &errors)
  precondition(errors.isEmpty, "generated file must be valid: \(errors)")
  precondition(payments.count == rowCount)
  keptAlive = payments  // freed after the clock stops: deallocation is not reading
  return payments.count
}

// `csv-reader-bench N ours` times only (a) and (b), for profiling.
let oursOnly = CommandLine.arguments.count > 2 && CommandLine.arguments[2] == "ours"

best("(b) BudgetIO CSVTokenizer (fields only)") {
  let data = FileManager.default.contents(atPath: path) ?? Data()
  return data.withUnsafeBytes { raw in
    let buffer = raw.bindMemory(to: UInt8.self)
    var tokenizer = CSVTokenizer(bytes: buffer, delimiter: 0x2C)
    var fields: [CSVField] = []
    var records = 0
    var fieldCount = 0
    while case .record = tokenizer.next(into: &fields) {
      records += 1
      fieldCount += fields.count
    }
    precondition(fieldCount == records * 11)
    return records - 1
  }
}

if !oursOnly {
  try best("(c) CSV.swift 2.5.2 CSVReader (rows of String)") {
    let reader = try CSVReader(string: readString(), hasHeaderRow: true)
    var records = 0
    while let row = reader.next() {
      precondition(row.count == 11)
      records += 1
    }
    return records
  }

  try best("(d) SwiftCSV 0.10.0 EnumeratedCSV") {
    let csv = try EnumeratedCSV(string: readString(), delimiter: .comma, loadColumns: false)
    return csv.rows.count
  }
}

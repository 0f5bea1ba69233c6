import Foundation
import Testing

@testable import Xlsx

/// Throughput measurement, run on demand: `XLSX_BENCH=1 swift test --filter ThroughputTests`.
@Suite struct ThroughputTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["XLSX_BENCH"] != nil), arguments: [false, true])
  func millionCells(constantMemory: Bool) throws {
    let folder = try TestFolder()
    var options = Fixture.options
    options.constantMemory = constantMemory
    let rows = 100_000
    let start = ContinuousClock.now
    let workbook = try Workbook(url: folder.file("bench.xlsx"), options: options)
    let sheet = try workbook.addWorksheet(named: "Chi tiết")
    let money = CellStyle(borders: .all(.thin), numberFormat: "#,##0")
    for row in 0..<rows {
      try sheet.writeString("Chi hội nghị tuyên truyền \(row % 500)", row: row, column: 0)
      for column in 1..<10 {
        try sheet.writeInteger(Int64(row * column) * 1_000, row: row, column: column, style: money)
      }
    }
    let written = ContinuousClock.now
    try workbook.close()
    let closed = ContinuousClock.now
    let seconds = (closed - start) / .seconds(1)
    print(
      "constantMemory=\(constantMemory): \(rows * 10) cells, write \(written - start), close \(closed - written),"
        + " \(Int(Double(rows * 10) / seconds)) cells/s")
    let size = try FileManager.default.attributesOfItem(atPath: folder.file("bench.xlsx").path)[.size]
    #expect((size as? NSNumber)?.intValue ?? 0 > 1_000_000)
  }
}

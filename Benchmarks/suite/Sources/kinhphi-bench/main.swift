import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import SettlementReports
import Xlsx

// In-process timings the command-line runs cannot split:
//   kinhphi-bench phases WORKSPACE [REPEATS]   read / analyze / settle every year / JSON, best of REPEATS
//   kinhphi-bench floor CELLS OUT.xlsx          the bare writer: CELLS cells through the Xlsx wrapper
// Each prints one line `key=value …` that Benchmarks/run.sh reads.

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

func phases(workspace: String, repeats: Int) throws {
  var best: [String: Double] = [:]
  var payments = 0
  for _ in 0..<repeats {
    let clock = ContinuousClock()
    var ledger: Ledger?
    let read = clock.measure { ledger = try? WorkspaceReader.read(directory: workspace) }
    guard let ledger else { throw CocoaError(.fileReadCorruptFile) }
    payments = ledger.payments.count
    var analysis: Analysis?
    let analyze = clock.measure { analysis = Engine.analyze(ledger) }
    guard let analysis else { preconditionFailure("analyze returns a value") }
    var settlements: [YearSettlement] = []
    let settle = clock.measure { settlements = analysis.years.map { analysis.settlement(year: $0) } }
    var bytes = 0
    let json = clock.measure {
      for settlement in settlements {
        let report = SettlementReport(settlement: settlement, plan: ledger.plan)
        bytes += SettlementJSON.render(report).utf8.count
      }
    }
    for (key, value) in [("read", read), ("analyze", analyze), ("settle", settle), ("json", json)] {
      best[key] = min(best[key] ?? .infinity, seconds(value))
    }
    // Freeing a million rows is not reading or computing: keep it out of the clocks.
    withExtendedLifetime((ledger, analysis, settlements)) {}
  }
  let compute = (best["read"] ?? 0) + (best["analyze"] ?? 0) + (best["settle"] ?? 0)
  print(
    String(
      format:
        "payments=%d read_s=%.3f analyze_s=%.3f settle_s=%.3f json_s=%.3f compute_s=%.3f rate_per_s=%.0f",
      payments, best["read"] ?? 0, best["analyze"] ?? 0, best["settle"] ?? 0, best["json"] ?? 0, compute,
      compute > 0 ? Double(payments) / compute : 0))
}

/// The floor: the same number of cells, the same mix as the detail sheet (text, dates, integers,
/// money with a number format), in constant-memory mode, with no engine work at all.
func floor(cells: Int, path: String) throws {
  let clock = ContinuousClock()
  let elapsed = try clock.measure {
    let workbook = try Workbook(
      path: path,
      options: WorkbookOptions(
        constantMemory: true, properties: DocumentProperties(created: Date(timeIntervalSince1970: 1))))
    let sheet = try workbook.addWorksheet(named: "Floor")
    let text = CellStyle(fontName: "Times New Roman", fontSizePoints: 12)
    var money = text
    money.numberFormat = "#,##0;-#,##0;\"-\""
    let columns = 11
    var written = 0
    var row = 0
    while written < cells {
      for column in 0..<columns where written < cells {
        switch column {
        case 2:
          try sheet.writeDate(
            year: 2023, month: 1 + row % 12, day: 1 + row % 28, row: row, column: column, style: text)
        case 3: try sheet.writeInteger(2023, row: row, column: column, style: text)
        case 7: try sheet.writeInteger(Int64(1000 * (row % 9973)), row: row, column: column, style: money)
        case 9:
          try sheet.writeString(
            "Chi hội nghị biểu dương người có uy tín", row: row, column: column, style: text)
        default: try sheet.writeString("P\(row)-\(column)", row: row, column: column, style: text)
        }
        written += 1
      }
      row += 1
    }
    try workbook.close()
  }
  print(
    String(
      format: "cells=%d floor_s=%.3f cells_per_s=%.0f", cells, seconds(elapsed),
      Double(cells) / seconds(elapsed)))
}

let arguments = CommandLine.arguments
switch arguments.count > 1 ? arguments[1] : "" {
case "phases" where arguments.count >= 3:
  try phases(workspace: arguments[2], repeats: arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3)
case "floor" where arguments.count == 4:
  try floor(cells: Int(arguments[2]) ?? 0, path: arguments[3])
default:
  FileHandle.standardError.write(
    Data("usage: kinhphi-bench phases WORKSPACE [REPEATS] | floor CELLS OUT.xlsx\n".utf8))
  exit(2)
}

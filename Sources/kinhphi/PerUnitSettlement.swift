import ArgumentParser
import BudgetCore
import BudgetEngine
import Foundation
import SettlementReports
import Xlsx

/// `settle --per-unit DIR`: one settlement workbook per implementing unit, written on every core.
///
/// The workspace is read and analysed once; each unit's workbook then holds that unit's lines, its
/// payments and the findings about it (province-wide findings such as COUNTERPART_SHORT belong to
/// the province's own workbook, not to any unit's). The workbooks are independent, so they are written
/// in parallel with `DispatchQueue.concurrentPerform`, one libxlsxwriter workbook per thread.
func settlePerUnit(
  _ analysis: Analysis, year: Int, folder: String, template: SettlementTemplate, scale: DisplayScale,
  language: Language, progress: Progress
) throws {
  let settlement = analysis.settlement(year: year)
  let plan = analysis.ledger.plan
  var linesByUnit: [UnitCode: [LineSettlement]] = [:]
  for line in settlement.lines { linesByUnit[line.key.unit, default: []].append(line) }
  var paymentsByUnit: [UnitCode: [Payment]] = [:]
  for payment in settlement.payments { paymentsByUnit[payment.unit, default: []].append(payment) }
  var findingsByUnit: [UnitCode: [Finding]] = [:]
  for finding in settlement.findings {
    if let unit = finding.unit { findingsByUnit[unit, default: []].append(finding) }
  }
  // Plan order; only units with something to settle this year.
  let units = plan.units.map(\.code).filter { linesByUnit[$0] != nil || paymentsByUnit[$0] != nil }
  // The folder named by --per-unit is the output itself: made when missing, inside a folder that exists.
  try requireOutputFolder(of: folder)
  do {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
  } catch CocoaError.fileWriteFileExists {
  } catch {
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
      throw InputErrors([
        InputError(
          nil, vi: "Không tạo được thư mục \(folder): \(error.localizedDescription).",
          en: "Could not create the folder \(folder): \(error.localizedDescription).")
      ])
    }
  }
  let created = documentDate()
  progress.begin(
    vi: "Ghi bảng tính theo đơn vị", en: "Writing unit workbooks", unit: (vi: "bảng tính", en: "workbooks"),
    total: units.count)

  let (linesOf, paymentsOf, findingsOf) = (linesByUnit, paymentsByUnit, findingsByUnit)
  let failures = Failures()
  DispatchQueue.concurrentPerform(iterations: units.count) { index in
    let unit = units[index]
    let lines = linesOf[unit] ?? []
    let unitSettlement = YearSettlement(
      year: year, lines: lines, totals: lines.reduce(Figures()) { $0 + $1.figures },
      findings: findingsOf[unit] ?? [], payments: paymentsOf[unit] ?? [])
    let path = folder + "/" + perUnitFileName(year: year, unit: unit)
    do {
      var workbook = SettlementWorkbook(
        settlement: unitSettlement, plan: plan, template: template, scale: scale, language: language,
        created: created)
      workbook.reportingUnit = plan.unitByCode[unit]
      try workbook.write(to: path)
    } catch let error as XlsxError {
      failures.add(workbookFailure(path, error))
    } catch {
      failures.add("Không ghi được \(path) / Could not write \(path): \(error)\n")
    }
    progress.advance()
  }
  progress.finish()
  let messages = failures.messages
  guard messages.isEmpty else {
    printError(messages.joined())
    throw ExitCode(ExitStatus.unusableInput)
  }
  print(
    language == .vi
      ? "Đã ghi \(units.count) bảng tính (một bảng cho mỗi đơn vị) vào \(folder)"
      : "Wrote \(units.count) workbooks (one per unit) to \(folder)")
  // The year's error findings stand whichever unit's workbook shows them (province-wide ones too).
  try ErrorFindingsStand.throwIfAny(in: settlement.findings, scope: .years(year...year))
}

/// `quyet-toan-2023-DV000001.xlsx`: codes are `[A-Z0-9._-]`, safe in a file name.
func perUnitFileName(year: Int, unit: UnitCode) -> String { "quyet-toan-\(year)-\(unit.rawValue).xlsx" }

/// Messages collected from the worker threads.
private final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var collected: [String] = []

  func add(_ message: String) { lock.withLock { collected.append(message) } }
  var messages: [String] { lock.withLock { collected } }
}

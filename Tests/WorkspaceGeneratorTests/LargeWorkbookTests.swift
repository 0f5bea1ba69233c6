import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing
import WorkspaceGenerator
import XlsxReadBack

@testable import SettlementReports

/// The settlement workbook of a generated workspace: split detail sheets past the row limit, and
/// constant-memory mode for big years, read back cell by cell.
@Suite struct LargeWorkbookTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func settle(payments: Int, folder: String) throws -> (YearSettlement, Plan) {
    try WorkspaceGenerator.generate(
      GeneratorOptions(units: 5, payments: payments, firstYear: 2023, lastYear: 2023, seed: 5), to: folder)
    let analysis = Engine.analyze(try WorkspaceReader.read(directory: folder))
    return (analysis.settlement(year: 2023), analysis.ledger.plan)
  }

  @Test func detailSheetsPastTheLimitContinueOnNumberedSheetsAndTheIdentityAddsTheParts() throws {
    let folder = NSTemporaryDirectory() + "kinhphi-split-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (settlement, plan) = try Self.settle(payments: 250, folder: folder)
    let template = try TemplateReader.read(
      path: Self.root.appendingPathComponent("Templates/quyet-toan.yaml").path)
    var workbook = SettlementWorkbook(
      settlement: settlement, plan: plan, template: template,
      settings: WorkbookSettings(created: Date(timeIntervalSince1970: 86_400)))
    workbook.paymentRowsPerSheetLimit = 100
    var reported = 0
    workbook.rowsWritten = { reported += $0 }
    let path = folder + "/split.xlsx"
    try workbook.write(to: path)

    let count = settlement.payments.count
    #expect(count > 200 && count <= 300)
    let book = try XlsxReadBack(url: URL(fileURLWithPath: path))
    let names = try book.sheetNames()
    let detail = ["Chi tiết chi", "Chi tiết chi (2)", "Chi tiết chi (3)"]
    #expect(Array(names.drop { $0 != "Chi tiết chi" }.prefix(4)) == detail + ["Kiểm tra"])
    // Each part: its payments, then its own TỔNG CỘNG row summing them; the subtitle says which part.
    let first = SheetLayout(document: template.document).firstDataRow + 1
    var partSums: [Int64] = []
    for (index, name) in detail.enumerated() {
      let cells = try book.cells(sheet: name)
      let rows = index < 2 ? 100 : count - 200
      #expect(cells["A\(first)"]?.text == settlement.payments[index * 100].id)
      #expect(cells["A\(first + rows - 1)"]?.text == settlement.payments[index * 100 + rows - 1].id)
      #expect(cells["A\(first + rows)"]?.text == "TỔNG CỘNG")
      // The amount is the last column, I (issue 13: names before it).
      #expect(cells["I\(first + rows)"]?.formula == "SUM(I\(first):I\(first + rows - 1))")
      partSums.append(Int64(cells["I\(first + rows)"]?.value ?? "") ?? -1)
      let subtitle = try book.cells(sheet: name).values.compactMap(\.text).first {
        $0.contains("Phần \(index + 1)/3")
      }
      #expect(subtitle != nil, "part note on \(name)")
    }
    #expect(partSums.reduce(0, +) == settlement.totals.spent.dong)
    // The Kiểm tra identity "payments − spent" adds the three parts' totals.
    let checks = try book.cells(sheet: "Kiểm tra").values.compactMap(\.formula)
    #expect(
      checks.contains { $0.hasPrefix("('Chi tiết chi'!I\(first + 100)+'Chi tiết chi (2)'!I\(first + 100)+") })
    // Every table row of every sheet was reported to the progress hook.
    #expect(reported > count)
  }

  @Test func aBigYearIsWrittenInConstantMemoryModeRowByRow() throws {
    let folder = NSTemporaryDirectory() + "kinhphi-big-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (settlement, plan) = try Self.settle(payments: 400, folder: folder)
    let template = try TemplateReader.read(
      path: Self.root.appendingPathComponent("Templates/quyet-toan.yaml").path)
    let path = folder + "/big.xlsx"
    var workbook = SettlementWorkbook(
      settlement: settlement, plan: plan, template: template,
      settings: WorkbookSettings(created: Date(timeIntervalSince1970: 86_400)))
    #expect(workbook.constantMemoryPaymentsMin == 50_000)
    workbook.constantMemoryPaymentsMin = 300
    try workbook.write(to: path)
    let book = try XlsxReadBack(url: URL(fileURLWithPath: path))
    let cells = try book.cells(sheet: "Chi tiết chi")
    let first = SheetLayout(document: template.document).firstDataRow + 1
    let count = settlement.payments.count
    // Constant-memory mode writes strings inline rather than to the shared-string table.
    #expect(cells["A\(first)"]?.type == "inlineStr")
    #expect(cells["A\(first)"]?.text == settlement.payments[0].id)
    #expect(cells["A\(first + count - 1)"]?.text == settlement.payments[count - 1].id)
    #expect(Int64(cells["I\(first + count)"]?.value ?? "") == settlement.totals.spent.dong)
    // Under the total, row by row: the overspending, then what is proposed for settlement.
    #expect(Int64(cells["I\(first + count + 1)"]?.value ?? "") == settlement.totals.overspent.dong)
    #expect(cells["I\(first + count + 2)"]?.formula == "I\(first + count)-I\(first + count + 1)")
    #expect(
      Int64(cells["I\(first + count + 2)"]?.value ?? "")
        == (settlement.totals.spent - settlement.totals.overspent).dong)
    #expect(try book.cells(sheet: "Tổng hợp")["B\(first)"]?.text != nil)
  }
}

import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

@Suite struct WorkspaceReaderTests {
  @Test func readsAWholeWorkspace() throws {
    let folder = try makeWorkspace([
      "plan.yaml": Array(validPlan.utf8),
      "allocations.csv": Array(
        (allocationsHeader + "\n2023,TW,PANO,PDT,initial,1.000.000,,250/QĐ-UBND,,\n").utf8),
      "spending.csv": CSVBytes.byteOrderMark
        + Array("id;date;source;activity;unit;amount\r\ns1;20/01/2023;TW;PANO;PDT;400.000\r\n".utf8),
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let ledger = try WorkspaceReader.read(directory: folder.path)
    #expect(ledger.plan.sources.count == 3)
    #expect(ledger.allocations.map(\.amount.dong) == [1_000_000])
    #expect(ledger.payments.map(\.amount.dong) == [400_000])
    #expect(ledger.payments[0].location == SourceLocation(file: "spending.csv", line: 2))
  }

  @Test func missingFilesAndErrorsOfEveryFileAreCollected() throws {
    let folder = try makeWorkspace([
      "plan.yaml": Array(validPlan.replacingOccurrences(of: "kind: provincial", with: "kind: x").utf8),
      "spending.csv": Array("id,date,source,activity,unit,amount\ns1,2023-01-20,TW,PANO,PDT,1.5\n".utf8),
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let errors = inputErrors { _ = try WorkspaceReader.read(directory: folder.path) }
    #expect(errors.count == 3)
    expectError(errors, file: "plan.yaml", line: 15, mentions: ["x"])
    expectError(errors, file: "allocations.csv", line: 1, mentions: ["allocations.csv"])
    expectError(errors, file: "spending.csv", line: 2, column: 6, mentions: ["1.5"])
  }

  @Test func missingFolder() {
    let errors = inputErrors { _ = try WorkspaceReader.read(directory: "/nonexistent/kinhphi-workspace") }
    #expect(errors.count == 1)
    #expect(errors.errors.first?.message.en.contains("/nonexistent/kinhphi-workspace") == true)
  }
}

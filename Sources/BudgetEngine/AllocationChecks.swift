import BudgetCore

/// Row checks of `allocations.csv`: catalogue codes, plan years, and the decision reference.
enum AllocationChecks {
  static func run(_ ledger: Ledger, lines: LineTable, catalogue: CatalogueCheck) -> RowCheckResult {
    var result = RowCheckResult(included: Array(repeating: true, count: ledger.allocations.count))
    for (index, allocation) in ledger.allocations.enumerated() {
      let line = allocation.line
      let excluded = catalogue.check(
        lineNumber: lines.allocationLines[index], line: line, amount: allocation.amount,
        location: allocation.location, rowID: nil,
        into: &result.findings)
      if excluded { result.included[index] = false }

      // Carry-in rows continue money decided earlier; every other kind needs its own decision. A
      // decision reference has a number: the blank "....../QĐ-UBND" that `close` and `handover`
      // write for the officer to fill in does not count until it is filled in.
      let hasDecision = (allocation.decision ?? "").contains { $0.isASCII && $0.isNumber }
      if allocation.kind != .carryIn && !hasDecision {
        result.findings.append(
          Finding(
            code: .missingDecision, line: line, amount: allocation.amount, location: allocation.location,
            message: LocalizedText(
              vi:
                "Dòng dự toán (\(kindVi(allocation.kind))) \(Text.vi(allocation.amount)) chưa có số quyết định. Ghi số quyết định giao/điều chỉnh dự toán vào cột \"Số quyết định\" (decision).",
              en:
                "Allocation row (\(allocation.kind.rawValue)) of \(Text.en(allocation.amount)) has no decision reference. Enter the allocating decision's number in the 'decision' column."
            )))
      }
    }
    return result
  }

  static func kindVi(_ kind: AllocationKind) -> String {
    switch kind {
    case .initial: "giao đầu năm"
    case .supplement: "bổ sung"
    case .adjustment: "điều chỉnh"
    case .carryIn: "năm trước chuyển sang"
    }
  }
}

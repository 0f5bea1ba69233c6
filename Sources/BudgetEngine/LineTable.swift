import BudgetCore

/// Every distinct line of the ledger numbered once, so the later passes index arrays instead of
/// hashing three codes and a year per row (a million payments touch only a few thousand lines).
struct LineTable: Sendable {
  /// Line number → key.
  private(set) var keys: [LineKey] = []
  /// Per allocation row, its line number.
  private(set) var allocationLines: [Int] = []
  /// Per payment row, its line number.
  private(set) var paymentLines: [Int] = []

  init(_ ledger: Ledger) {
    var numberByKey: [LineKey: Int] = [:]
    // Rows usually come grouped by line; reusing the previous number skips most lookups.
    var previous: (key: LineKey, number: Int)? = nil
    func number(_ key: LineKey) -> Int {
      if let previous, previous.key == key { return previous.number }
      let number: Int
      if let known = numberByKey[key] {
        number = known
      } else {
        number = keys.count
        numberByKey[key] = number
        keys.append(key)
      }
      previous = (key, number)
      return number
    }
    allocationLines = ledger.allocations.map { number($0.line) }
    paymentLines = ledger.payments.map { number($0.line) }
  }
}

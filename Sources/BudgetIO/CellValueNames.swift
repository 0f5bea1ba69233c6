/// The values of a coded column (an allocation's kind or carry part, a payment's kind) by the names a
/// cell may give them: each raw value as written, and the other names (Vietnamese, English words)
/// normalised like headers, so `Tạm ứng` and `tạm ứng` read alike.
struct CellValueNames<Value: CaseIterable & RawRepresentable & Sendable>: Sendable
where Value.RawValue == String {
  private let valueByName: [String: Value]

  init(otherNames: [String: Value]) {
    var map: [String: Value] = [:]
    for value in Value.allCases { map[value.rawValue] = value }
    for (name, value) in otherNames { map[CSVHeaderNames.normalize(name)] = value }
    valueByName = map
  }

  /// The value `text` names, as written or normalised like a header; nil for a name not known.
  func value(named text: String) -> Value? {
    valueByName[text] ?? valueByName[CSVHeaderNames.normalize(text)]
  }
}

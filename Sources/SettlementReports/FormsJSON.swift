import BudgetCore

/// `kinhphi forms --json`: the same form models the workbook shows. Amounts are integers in đồng; a
/// row printed empty has no `amount`; `sum_of` names the mã số a sum row adds (its formula).
public enum FormsJSON {
  public static func render(_ forms: [FormSet]) -> String {
    var json = JSONWriter()
    json.beginObject()
    json.field("year", forms.first?.year ?? 0)
    json.beginArray("forms")
    for set in forms {
      json.beginObject()
      json.field("unit", set.unit?.rawValue)
      json.field("draft", set.isDraft)
      json.beginObject("b01_bcqt")
      json.field("treasury_split", set.b01.hasTreasurySplit)
      json.beginArray("rows")
      for row in set.b01.rows {
        json.beginObject()
        json.field("code", row.code)
        json.field("stt", row.stt)
        json.field("label", row.label)
        if let amount = row.amount { json.field("amount", amount.dong) }
        json.beginArray("sum_of")
        for code in row.sumOf { json.element(code) }
        json.endArray()
        json.endObject()
      }
      json.endArray()
      json.endObject()
      json.endObject()
    }
    json.endArray()
    json.endObject()
    return json.text
  }
}

import BudgetCore
import BudgetEngine

/// `kinhphi forms --json`: the same form models the workbook shows. Amounts are integers in đồng; a
/// row printed empty has no `amount`; `sum_of` names the mã số a sum row adds (its formula). A
/// loại-khoản is written `160-161`; money without one has no `sector` key (the "chưa có mã" column).
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
      json.beginArray("missing_codes")
      for finding in set.missingCodes {
        json.beginObject()
        json.field("code", finding.code.rawValue)
        json.field("severity", finding.severity.rawValue)
        json.field("activity", finding.activity?.rawValue)
        json.field("amount", finding.amount?.dong)
        json.field("message", finding.message.vi)
        json.field("message_en", finding.message.en)
        json.endObject()
      }
      json.endArray()
      b01(set.b01, into: &json)
      f0101(set.f0101, into: &json)
      f0102(set.f0102, into: &json)
      write(set.form20f, into: &json)
      json.endObject()
    }
    json.endArray()
    json.endObject()
    return json.text
  }

  private static func b01(_ form: B01Form, into json: inout JSONWriter) {
    json.beginObject("b01_bcqt")
    json.field("treasury_split", form.hasTreasurySplit)
    json.beginArray("rows")
    for row in form.rows {
      json.beginObject()
      json.field("code", row.code)
      json.field("stt", row.stt)
      json.field("label", row.label)
      if let amount = row.amount { json.field("amount", amount.dong) }
      json.beginArray("sum_of")
      for code in row.sumOf { json.element(code) }
      json.endArray()
      sectors(form.sectors, row.bySector, into: &json)
      json.endObject()
    }
    json.endArray()
    json.endObject()
  }

  private static func f0101(_ form: F0101Form, into json: inout JSONWriter) {
    json.beginObject("f01_01_bcqt")
    // The settled money of a row and its loại-khoản split; `key` names its code (absent: chưa có mã).
    func amounts(_ key: String? = nil, code: String? = nil, settled: Money, bySector: [Money]) {
      if let key { json.field(key, code) }
      json.field("settled", settled.dong)
      sectors(form.sectors, bySector, into: &json)
    }
    amounts(settled: form.settled, bySector: form.bySector)
    json.beginArray("items")
    for item in form.items {
      json.beginObject()
      amounts("item", code: item.code.code?.rawValue, settled: item.settled, bySector: item.bySector)
      json.beginArray("sub_items")
      for subItem in item.subItems {
        json.beginObject()
        amounts(
          "sub_item", code: subItem.code.code?.rawValue, settled: subItem.settled, bySector: subItem.bySector)
        json.endObject()
      }
      json.endArray()
      json.endObject()
    }
    json.endArray()
    json.endObject()
  }

  private static func f0102(_ form: F0102Form, into json: inout JSONWriter) {
    json.beginObject("f01_02_bcqt")
    json.beginArray("blocks")
    for block in form.blocks {
      json.beginObject()
      json.field("project", block.project?.rawValue)
      json.field("code", block.code.code?.rawValue)
      json.field("depth", block.depth)
      json.field("label", block.label)
      json.beginArray("rows")
      for line in block.lines {
        json.beginObject()
        json.field("code", line.row.code)
        json.field("label", line.label)
        json.field("approved", line.approved?.dong)
        json.field("year", line.year?.dong)
        json.field("cumulative", line.cumulative?.dong)
        json.endObject()
      }
      json.endArray()
      json.endObject()
    }
    json.endArray()
    json.endObject()
  }

  /// `by_sector`: one object per loại-khoản column, the amount omitted where the cell is empty.
  private static func sectors(
    _ sectors: [Coded<SectorCode>], _ amounts: [Money?], into json: inout JSONWriter
  ) {
    json.beginArray("by_sector")
    for (sector, amount) in zip(sectors, amounts) {
      json.beginObject()
      json.field("sector", sector.code?.description)
      json.field("amount", amount?.dong)
      json.endObject()
    }
    json.endArray()
  }
}

import BudgetCore
import Foundation

/// Reads `allocations.csv` (docs/workspace-format.md, "allocations.csv", "How the CSV files are read") into `Allocation` rows, collecting every input error.
public enum AllocationsReader: TableFileReader {
  public static let columns: [CSVColumn] = [
    CSVColumn("year", required: true), CSVColumn("source", required: true),
    CSVColumn("activity", required: true), CSVColumn("unit", required: true),
    CSVColumn("kind", required: true), CSVColumn("amount", required: true),
    CSVColumn("origin_year", required: false), CSVColumn("decision", required: false),
    CSVColumn("decision_date", required: false), CSVColumn("note", required: false),
    CSVColumn("carry_part", required: false),
  ]

  /// Carry-in parts as written in either language, normalised like headers.
  static let partNames = CellValueNames<CarryInPart>(otherNames: [
    "số dư dự toán": .undrawn, "dự toán": .undrawn, "dự toán còn dư ở kho bạc": .undrawn,
    "số dư tạm ứng": .advance, "tạm ứng": .advance, "kinh phí đã nhận": .advance,
  ])

  /// Kind names as written in either language, normalised like headers.
  static let kindNames = CellValueNames<AllocationKind>(otherNames: [
    "giao đầu năm": .initial, "dự toán đầu năm": .initial, "carry-in": .carryIn,
    "bổ sung": .supplement, "điều chỉnh": .adjustment, "chuyển sang": .carryIn,
    "năm trước chuyển sang": .carryIn, "chuyển nguồn": .carryIn,
  ])

  /// Reads one file's bytes, appending problems to `errors`; returns the rows that were well formed.
  public static func read(buffer: UnsafeBufferPointer<UInt8>, file: String, errors: inout InputErrors)
    -> [Allocation]
  {
    read(errors: &errors) { columns, errors, row in
      CSVTable.read(bytes: buffer, file: file, columns: columns, errors: &errors, row: row) != nil
    }
  }

  /// Reads the rows of any source (a CSV file, a sheet), appending problems to `errors`; returns the
  /// rows that were well formed (none when the source refused the file as a whole).
  static func read(errors: inout InputErrors, rows source: TableRowSource) -> [Allocation] {
    var allocations: [Allocation] = []
    var interner = CodeInterner()
    var budget = AmountBudget.file
    let stands = source(columns, &errors) { row, header, origin, errors in
      let fields = RowFields(row: row, origin: origin)
      // Required columns are guaranteed by the header check.
      guard let yearColumn = header["year"], let sourceColumn = header["source"],
        let activityColumn = header["activity"], let unitColumn = header["unit"],
        let kindColumn = header["kind"], let amountColumn = header["amount"]
      else { preconditionFailure("CSVTable checks required columns") }
      let errorCount = errors.count
      let year = fields.year(yearColumn, required: true, errors: &errors)
      let source = fields.code(sourceColumn, interner: &interner, errors: &errors)
      let activity = fields.code(activityColumn, interner: &interner, errors: &errors)
      let unit = fields.code(unitColumn, interner: &interner, errors: &errors)
      let kind = readKind(fields, kindColumn, errors: &errors)
      let amount = fields.amount(amountColumn, errors: &errors)
      let originYear = header["origin_year"].flatMap { fields.year($0, required: false, errors: &errors) }
      let decisionDate = header["decision_date"].flatMap {
        fields.date($0, required: false, errors: &errors)
      }
      let decision = fields.text(header["decision"], .identifier, errors: &errors)
      let note = fields.text(header["note"], .freeText, errors: &errors)
      let carryPart = readPart(fields, header["carry_part"], kind: kind, errors: &errors)

      if let kind, let amount {
        if kind == .adjustment {
          if amount == 0 {
            errors.append(
              fields.error(
                amountColumn, vi: "Số tiền điều chỉnh bằng 0: cần khác 0 (âm để giảm, dương để tăng).",
                en: "Adjustment amount is 0: expected a non-zero amount (negative to reduce)."))
          }
        } else if amount <= 0 {
          errors.append(
            fields.error(
              amountColumn,
              vi:
                "Số tiền '\(amount)' phải lớn hơn 0 với loại '\(kind.rawValue)' (chỉ 'adjustment' được âm).",
              en: "Amount '\(amount)' must be greater than 0 for kind '\(kind.rawValue)' (only "
                + "'adjustment' may be negative)."))
        }
      }
      if let kind {
        if kind == .carryIn {
          if let originColumn = header["origin_year"], fields.isFilled(originColumn) {
            if let originYear, let year, originYear >= year {
              errors.append(
                fields.error(
                  originColumn,
                  vi: "Năm gốc \(originYear) phải nhỏ hơn năm \(year) của dòng chuyển sang (carry_in).",
                  en: "Origin year \(originYear) must be before the row's year \(year) for carry_in."))
            }
          } else {
            errors.append(
              fields.rowError(
                vi: "Dòng chuyển sang (carry_in) thiếu năm gốc: cần cột 'origin_year' (năm gốc) < năm.",
                en: "A carry_in row needs its origin year: expected column 'origin_year' before the year."))
          }
        } else if let originColumn = header["origin_year"], fields.isFilled(originColumn) {
          errors.append(
            fields.error(
              originColumn,
              vi: "Năm gốc chỉ dùng cho loại carry_in (chuyển sang), không cho '\(kind.rawValue)': để trống.",
              en: "Origin year applies only to kind carry_in, not '\(kind.rawValue)': leave it empty."))
        }
      }
      guard errors.count == errorCount, let year, let source, let activity, let unit, let kind,
        let amount
      else { return }
      let location = fields.location
      if let error = budget.add(amount, at: location) {
        errors.append(error)
        return
      }
      allocations.append(
        Allocation(
          year: year, source: SourceCode(source), activity: ActivityCode(activity), unit: UnitCode(unit),
          kind: kind, amount: Money(dong: amount), originYear: kind == .carryIn ? originYear : nil,
          carryPart: carryPart, decision: decision, decisionDate: decisionDate, note: note, location: location
        ))
    }
    return stands ? allocations : []
  }

  /// The carry-in part (`.undrawn` when the column is absent or empty); only carry_in rows may name one.
  static func readPart(
    _ fields: RowFields, _ column: CSVHeaderColumn?, kind: AllocationKind?, errors: inout InputErrors
  ) -> CarryInPart {
    guard let column, fields.isFilled(column) else { return .undrawn }
    let text = fields.rawText(column) ?? ""
    let shown = fields.shown(column)
    guard let part = partNames.value(named: text) else {
      errors.append(
        fields.error(
          column,
          vi: "Phần chuyển sang không hợp lệ '\(shown)': cần số dư dự toán (undrawn) hoặc số dư tạm ứng "
            + "(advance), hoặc để trống (số dư dự toán).",
          en: "Invalid carry part '\(shown)': expected undrawn (số dư dự toán) or advance (số dư tạm ứng), "
            + "or empty (undrawn)."))
      return .undrawn
    }
    if let kind, kind != .carryIn {
      errors.append(
        fields.error(
          column,
          vi:
            "Cột 'carry_part' (phần chuyển sang) chỉ dùng cho dòng carry_in, không cho '\(kind.rawValue)': để trống.",
          en: "Column 'carry_part' applies only to carry_in rows, not '\(kind.rawValue)': leave it empty."))
    }
    return part
  }

  static func readKind(_ fields: RowFields, _ column: CSVHeaderColumn, errors: inout InputErrors)
    -> AllocationKind?
  {
    if fields.isReported(column) { return nil }
    let text = fields.rawText(column) ?? ""
    if let kind = kindNames.value(named: text) { return kind }
    let expected = "initial, supplement, adjustment, carry_in"
    let shown = fields.shown(column)
    errors.append(
      fields.error(
        column,
        vi: "Loại không hợp lệ '\(shown)': cần một trong \(expected) (giao đầu năm, bổ sung, điều chỉnh, "
          + "năm trước chuyển sang).",
        en: "Invalid kind '\(shown)': expected one of \(expected)."))
    return nil
  }
}

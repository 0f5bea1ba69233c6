import BudgetCore
import Foundation

/// Reads `spending.csv` (docs/workspace-format.md, "spending.csv", "How the CSV files are read") into `Payment` rows, collecting every input error.
/// This is the big file (a million rows must read well under a second), so columns are resolved once
/// and values are parsed straight from the bytes.
public enum SpendingReader: TableFileReader {
  public static let columns: [CSVColumn] = [
    CSVColumn("id", required: true), CSVColumn("voucher", required: false),
    CSVColumn("date", required: true), CSVColumn("year", required: false),
    CSVColumn("source", required: true), CSVColumn("activity", required: true),
    CSVColumn("unit", required: true), CSVColumn("amount", required: true),
    CSVColumn("quantity", required: false), CSVColumn("description", required: false),
    CSVColumn("reverses", required: false), CSVColumn("payment_kind", required: false),
    CSVColumn("settles", required: false),
    CSVColumn("sub_item_code", required: false),
  ]

  /// Payment kinds as written in either language, normalised like headers.
  static let kindNames = CellValueNames<PaymentKind>(otherNames: [
    "thực chi": .final, "chi thực": .final, "tạm ứng": .advance, "thanh toán tạm ứng": .advanceSettlement,
    "settlement": .advanceSettlement, "advance settlement": .advanceSettlement,
  ])

  /// The header's columns, looked up once per file rather than once per row.
  private final class Columns {
    let id, date, source, activity, unit, amount: CSVHeaderColumn
    let voucher, year, quantity, description, reverses, kind, settles, subItem: CSVHeaderColumn?

    init(_ header: [String: CSVHeaderColumn]) {
      guard let id = header["id"], let date = header["date"], let source = header["source"],
        let activity = header["activity"], let unit = header["unit"], let amount = header["amount"]
      else { preconditionFailure("CSVTable checks required columns") }
      (self.id, self.date, self.source, self.activity, self.unit, self.amount) =
        (id, date, source, activity, unit, amount)
      voucher = header["voucher"]
      year = header["year"]
      quantity = header["quantity"]
      description = header["description"]
      reverses = header["reverses"]
      kind = header["payment_kind"]
      settles = header["settles"]
      subItem = header["sub_item_code"]
    }
  }

  /// Reads one file's bytes, appending problems to `errors`; returns the rows that were well formed.
  public static func read(buffer: UnsafeBufferPointer<UInt8>, file: String, errors: inout InputErrors)
    -> [Payment]
  {
    // A rough guess from the size (about 60 bytes a row) saves most of the array's regrowth.
    read(errors: &errors, expectedRows: min(buffer.count / 60, Limits.rowsMax)) { columns, errors, row in
      CSVTable.read(bytes: buffer, file: file, columns: columns, errors: &errors, row: row) != nil
    }
  }

  /// Reads the rows of any source (a CSV file, a sheet), appending problems to `errors`; returns the
  /// rows that were well formed (none when the source refused the file as a whole).
  static func read(errors: inout InputErrors, expectedRows: Int = 0, rows source: TableRowSource) -> [Payment]
  {
    var payments: [Payment] = []
    payments.reserveCapacity(expectedRows)
    var interner = CodeInterner()
    var resolved: Columns?
    var budget = AmountBudget.file
    let stands = source(columns, &errors) { row, header, origin, errors in
      let columns: Columns
      if let resolved {
        columns = resolved
      } else {
        columns = Columns(header)
        resolved = columns
      }
      let fields = RowFields(row: row, origin: origin)
      let errorCount = errors.count

      let id = fields.text(columns.id, .identifier, errors: &errors)
      if id == nil && !fields.isFilled(columns.id) && !fields.isReported(columns.id) {
        errors.append(
          fields.missing(columns.id, viWhat: "mã dòng (id) duy nhất", enWhat: "a unique row id"))
      }
      let date = fields.date(columns.date, required: true, errors: &errors)
      let year = columns.year.flatMap { fields.year($0, required: false, errors: &errors) }
      let source = fields.code(columns.source, interner: &interner, errors: &errors)
      let activity = fields.code(columns.activity, interner: &interner, errors: &errors)
      let unit = fields.code(columns.unit, interner: &interner, errors: &errors)
      let amount = fields.amount(columns.amount, errors: &errors)
      let reverses = fields.text(columns.reverses, .identifier, errors: &errors)
      let voucher = fields.text(columns.voucher, .identifier, errors: &errors)
      let description = fields.text(columns.description, .freeText, errors: &errors)
      let subItem = fields.subItem(columns.subItem, errors: &errors)
      var quantity: Quantity?
      if let quantityColumn = columns.quantity, let (start, end) = fields.range(quantityColumn), start < end {
        switch FieldParsers.quantity(row.bytes, start, end) {
        case .thousandths(let value): quantity = Quantity(thousandths: value)
        case .invalid:
          let value = fields.shown(start, end)
          errors.append(
            fields.error(
              quantityColumn,
              vi: "Số lượng không hợp lệ '\(value)': cần số dương, tối đa 3 chữ số thập phân (2 hoặc 2,5).",
              en: "Invalid quantity '\(value)': expected a positive number with at most 3 decimals "
                + "(2 or 2.5)."))
        case .notPositive:
          let value = fields.shown(start, end)
          errors.append(
            fields.error(
              quantityColumn, vi: "Số lượng '\(value)' phải lớn hơn 0.",
              en: "Quantity '\(value)' must be greater than 0."))
        case .tooLarge:
          let value = fields.shown(start, end)
          errors.append(
            fields.error(
              quantityColumn, vi: "Số lượng quá lớn '\(value)': tối đa \(Limits.quantityMax).",
              en: "Quantity too large '\(value)': at most \(Limits.quantityMax)."))
        }
      }
      if let amount {
        if amount == 0 {
          errors.append(
            fields.error(
              columns.amount, vi: "Số tiền bằng 0: cần số tiền khác 0 (dương, hoặc âm khi đảo một dòng).",
              en: "Amount is 0: expected a positive amount (or negative when reversing a row)."))
        } else if amount < 0 && !fields.isFilled(columns.reverses) {
          errors.append(
            fields.error(
              columns.amount,
              vi: "Số tiền âm '\(fields.shown(columns.amount))' cần cột 'reverses' "
                + "ghi mã dòng bị đảo; nếu không, cần số tiền dương.",
              en: "Negative amount '\(fields.shown(columns.amount))' needs the id "
                + "of the row it reverses in column 'reverses'; otherwise expected a positive amount."))
        }
      }
      let kind = readKind(fields, columns, errors: &errors)
      let settles = fields.text(columns.settles, .identifier, errors: &errors)
      guard errors.count == errorCount, let id, let date, let source, let activity, let unit, let amount,
        let kind
      else { return }
      let location = fields.location
      if let error = budget.add(amount, at: location) {
        errors.append(error)
        return
      }
      payments.append(
        Payment(
          id: id, voucher: voucher, date: date, year: year, source: SourceCode(source),
          activity: ActivityCode(activity), unit: UnitCode(unit), amount: Money(dong: amount),
          quantity: quantity, description: description, reverses: reverses, kind: kind,
          settles: settles, subItem: subItem, location: location))
    }
    return stands ? payments : []
  }

  /// The row's payment kind (`.final` when the column is absent or empty), with the rules that tie it
  /// to `settles` and `reverses`; nil after reporting a problem.
  private static func readKind(_ fields: RowFields, _ columns: Columns, errors: inout InputErrors)
    -> PaymentKind?
  {
    var kind = PaymentKind.final
    if let column = columns.kind, fields.isFilled(column) {
      let text = fields.rawText(column) ?? ""
      guard let named = kindNames.value(named: text) else {
        let shown = fields.shown(column)
        errors.append(
          fields.error(
            column,
            vi: "Hình thức chi không hợp lệ '\(shown)': cần một trong thực chi, tạm ứng, thanh toán tạm ứng "
              + "(final, advance, advance_settlement), hoặc để trống (thực chi).",
            en: "Invalid payment kind '\(shown)': expected one of final, advance, advance_settlement "
              + "(thực chi, tạm ứng, thanh toán tạm ứng), or empty (final)."))
        return nil
      }
      kind = named
      // A reversal undoes its row in that row's kind; a kind of its own would be a second answer.
      if kind != .final, fields.isFilled(columns.reverses) {
        errors.append(
          fields.error(
            column,
            vi: "Dòng hoàn lại (cột 'reverses') lấy hình thức chi của dòng gốc: để trống cột hình thức chi.",
            en: "A reversal (column 'reverses') takes the payment kind of the row it reverses: leave "
              + "the payment kind empty."))
        return nil
      }
    }
    let settlesFilled = fields.isFilled(columns.settles)
    if kind == .advanceSettlement, !settlesFilled {
      let error =
        columns.settles.map {
          fields.missing(
            $0, viWhat: "mã dòng tạm ứng được thanh toán", enWhat: "the id of the advance it settles")
        }
        ?? fields.rowError(
          vi: "Dòng thanh toán tạm ứng cần cột 'settles' (mã tạm ứng) ghi mã dòng tạm ứng được thanh toán.",
          en: "An advance settlement needs column 'settles' naming the id of the advance it settles.")
      errors.append(error)
      return nil
    }
    if kind != .advanceSettlement, settlesFilled, let column = columns.settles {
      errors.append(
        fields.error(
          column,
          vi: "Cột 'settles' (mã tạm ứng) chỉ dùng cho dòng thanh toán tạm ứng: để trống, hoặc ghi hình "
            + "thức chi 'thanh toán tạm ứng'.",
          en: "Column 'settles' applies only to an advance settlement: leave it empty, or give the row "
            + "payment kind 'advance_settlement' ('thanh toán tạm ứng')."))
      return nil
    }
    return kind
  }
}

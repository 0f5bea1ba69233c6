import BudgetCore

extension WorkspaceGenerator.Run {
  typealias LastPayment = WorkspaceGenerator.LastPayment
  typealias Anomaly = WorkspaceGenerator.Anomaly

  /// The fields of one spending row before it is written.
  struct PaymentRow {
    var id: Int
    /// Written instead of `id` for a DUPLICATE_ID row.
    var reusedID: Int? = nil
    var voucherPrefix = "PC"
    var voucher: Int
    var date: (year: Int, month: Int, day: Int)
    var explicitYear: Int? = nil
    var source: String
    var activity: String
    var unit: String
    var amount: Int64
    var quantity: Int64? = nil
    var description: Int
    var reverses: String? = nil
    var split = false
  }

  /// Writes one row of `line` dated in `month` of `year` (13 = January of the next year): normal, a
  /// valid partial reversal, or — at the anomaly rate — a row that raises one row-level finding.
  mutating func writePayment(line index: Int, year: Int, month: Int, to sink: ByteSink) {
    nextPaymentID += 1
    summary.paymentRows += 1
    let line = lines[index]
    let date: (year: Int, month: Int, day: Int) =
      month == 13 ? (year + 1, 1, 1 + random.below(28)) : (year, month, 1 + random.below(28))
    let activity = activities[line.activity]
    var row = PaymentRow(
      id: nextPaymentID, voucher: 0, date: date,
      explicitYear: month == 13 || random.below(5) == 0 ? year : nil,
      source: GeneratorCatalogue.sources[line.source].code, activity: activity.code,
      unit: WorkspaceGenerator.unitCode(line.unit), amount: 0, description: random.below(8))

    let roll = random.below(1000)
    if roll < options.anomalyPerMille {
      writeAnomaly(&row, line: index, year: year)
    } else if roll < options.anomalyPerMille + options.reversalPerMille, let last = line.last, !last.reversed,
      last.amount >= 2000
    {
      // A partial reversal (giảm chi) of the line's last payment, under its own voucher.
      nextVoucher += 1
      row.voucherPrefix = "GT"
      row.voucher = nextVoucher
      row.amount = -(last.amount / 2 / 1000 * 1000)
      row.reverses = paymentID(last.id)
      lines[index].last?.reversed = true
      lines[index].spent += row.amount
    } else {
      let jitter = Int64(80 + random.below(41))
      row.amount = max(line.paymentBase * jitter / 100 / 1000 * 1000, 1000)
      // One payment in six is split: it shares the voucher and date of the line's last payment.
      // Never a split of a split: three rows on one voucher could repeat an amount by chance.
      if let last = line.last, !last.split, random.below(6) == 0, last.date.year == date.year,
        last.date.month == date.month
      {
        row.split = true
        row.voucher = last.voucher
        row.date = last.date
        if row.amount == last.amount { row.amount += 1000 }  // else it is a possible duplicate
      } else {
        nextVoucher += 1
        row.voucher = nextVoucher
      }
      if let norm = activity.unitCostMax, random.below(3) == 0 {
        // Within the norm: at most half of it per unit.
        row.quantity = (row.amount * 2 + norm - 1) / norm
      }
      lines[index].spent += row.amount
      lines[index].last = LastPayment(
        id: row.id, voucher: row.voucher, date: row.date, amount: row.amount, reversed: false,
        split: row.split)
    }
    write(row, to: sink)
  }

  private mutating func writeAnomaly(_ row: inout PaymentRow, line index: Int, year: Int) {
    let line = lines[index]
    nextVoucher += 1
    row.voucher = nextVoucher
    row.amount = max(line.paymentBase / 1000 * 1000, 1000)
    var kind = Anomaly.allCases[anomalies % Anomaly.allCases.count]
    anomalies += 1
    // Kinds that need a norm or an earlier payment fall back to one that needs neither.
    if kind == .normExceeded && activities[line.activity].unitCostMax == nil {
      kind = .possibleDuplicate
    }
    if (kind == .possibleDuplicate || kind == .duplicateID) && line.last == nil { kind = .badReversal }

    switch kind {
    case .unknownSource: row.source = "NGUON_LA"
    case .unknownActivity: row.activity = "HOATDONG_LA"
    case .unknownUnit: row.unit = "DONVI_LA"
    case .ineligibleSource:
      let pair = GeneratorCatalogue.ineligiblePair
      row.activity = activities[pair.activity].code
      row.source = GeneratorCatalogue.sources[pair.source].code
    case .yearOutsidePlan:
      // The year before the plan, not after it: a year after the last one would make the engine
      // compare the last year's carry-over with that year's (absent) carry-in rows.
      row.explicitYear = options.firstYear - 1
      row.date = (options.firstYear - 1, 6, 10)
    case .paymentOutsideWindow:
      row.explicitYear = year
      row.date = (year + 1, 3, 15)
    case .duplicateID:
      row.reusedID = line.last?.id
    case .possibleDuplicate:
      guard let last = line.last else { preconditionFailure("checked above") }
      row.voucher = last.voucher
      row.date = last.date
      row.explicitYear = year
      row.amount = last.amount
      lines[index].spent += row.amount
    case .badReversal:
      row.amount = -row.amount
      row.reverses = "KHONGCO" + String(row.id)
    case .normExceeded:
      guard let norm = activities[line.activity].unitCostMax else {
        preconditionFailure("checked above")
      }
      // One unit at twice the norm.
      row.amount = norm * 2
      row.quantity = 1
      lines[index].spent += row.amount
    case .unbudgeted:
      // A line of the unit that has no allocation at all.
      let activity = activities[(line.unit + options.linesPerUnit) % activities.count]
      row.activity = activity.code
      row.source = GeneratorCatalogue.sources[GeneratorCatalogue.eligibleSources(activity)[0]].code
      unbudgeted.insert(line.unit)
      unbudgetedSpent += row.amount
    }
    if kind != .unbudgeted {
      let code: FindingCode =
        switch kind {
        case .unknownSource: .unknownSource
        case .unknownActivity: .unknownActivity
        case .unknownUnit: .unknownUnit
        case .ineligibleSource: .ineligibleSource
        case .yearOutsidePlan: .yearOutsidePlan
        case .paymentOutsideWindow: .paymentOutsideWindow
        case .duplicateID: .duplicateID
        case .possibleDuplicate: .possibleDuplicate
        case .badReversal: .badReversal
        case .normExceeded: .normExceeded
        case .unbudgeted: .unbudgeted
        }
      summary.expectedFindings[code, default: 0] += 1
    }
  }

  func paymentID(_ number: Int) -> String { "P" + WorkspaceGenerator.digits(number, 8) }

  private func write(_ row: PaymentRow, to sink: ByteSink) {
    sink.text(paymentID(row.reusedID ?? row.id))
    sink.byte(44)
    sink.text(row.voucherPrefix)
    sink.byte(45)
    sink.integer(row.voucher, width: 7)
    sink.byte(44)
    // Both date forms offices write: DD/MM/YYYY mostly, ISO for one voucher in four.
    if row.voucher % 4 == 0 {
      sink.integer(row.date.year, width: 4)
      sink.byte(45)
      sink.integer(row.date.month, width: 2)
      sink.byte(45)
      sink.integer(row.date.day, width: 2)
    } else {
      sink.integer(row.date.day, width: 2)
      sink.byte(47)
      sink.integer(row.date.month, width: 2)
      sink.byte(47)
      sink.integer(row.date.year, width: 4)
    }
    sink.byte(44)
    if let year = row.explicitYear { sink.integer(year) }
    sink.byte(44)
    sink.text(row.source)
    sink.byte(44)
    sink.text(row.activity)
    sink.byte(44)
    sink.text(row.unit)
    sink.byte(44)
    // Vietnamese grouping (1.234.000) on one row in ten, quoted, as spreadsheets export it.
    if row.id % 10 == 3 {
      sink.byte(34)
      sink.amount(row.amount, grouped: true)
      sink.byte(34)
    } else {
      sink.amount(row.amount, grouped: false)
    }
    sink.byte(44)
    if let quantity = row.quantity { sink.integer(quantity) }
    sink.byte(44)
    let description = GeneratorCatalogue.descriptions[row.description]
    if description.utf8.contains(where: { $0 == 44 || $0 == 34 }) {
      sink.quoted(description)
    } else {
      sink.text(description)
    }
    sink.byte(44)
    if let reverses = row.reverses { sink.text(reverses) }
    sink.newline()
  }
}

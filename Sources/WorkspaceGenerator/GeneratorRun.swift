import BudgetCore

extension WorkspaceGenerator {
  /// One generation: the per-line state of the current year and the counters of the summary.
  struct Run {
    let options: GeneratorOptions
    let activities: [GeneratorCatalogue.Activity]
    var random: SplitMix64
    var lines: [LineState]
    var summary = GenerationSummary()
    var nextPaymentID = 0
    var nextVoucher = 0
    var anomalies = 0
    var decisions = 0
    /// (year, unit) pairs paid on a line without money: one UNBUDGETED finding each.
    var unbudgeted = Set<Int>()

    init(options: GeneratorOptions) {
      self.options = options
      random = SplitMix64(seed: options.seed)
      activities = GeneratorCatalogue.activities(linesPerUnit: options.linesPerUnit)
      var lines: [LineState] = []
      lines.reserveCapacity(options.units * options.linesPerUnit)
      for unit in 0..<options.units {
        for slot in 0..<options.linesPerUnit {
          let activity = (unit + slot) % activities.count
          let eligible = GeneratorCatalogue.eligibleSources(activities[activity])
          lines.append(
            LineState(
              unit: unit, activity: activity, source: eligible[(unit * 7 + slot * 3) % eligible.count]))
        }
      }
      self.lines = lines
    }

    /// One line in 97 is given less money than it spends: OVERSPEND every year.
    static func overspends(_ line: Int) -> Bool { line % 97 == 5 }
    /// One line in 50 gets its supplement without a decision reference: MISSING_DECISION.
    static func lacksDecision(_ line: Int) -> Bool { line % 50 == 3 }

    var years: ClosedRange<Int> { options.firstYear...options.lastYear }

    mutating func write(allocations: ByteSink, spending: ByteSink, progress: ((Int) -> Void)?) throws {
      allocations.text("year,source,activity,unit,kind,amount,origin_year,decision,decision_date,note")
      allocations.newline()
      spending.text("id,voucher,date,year,source,activity,unit,amount,quantity,description,reverses")
      spending.newline()
      let lineYears = lines.count * years.count
      var rowsBefore = 0
      for (yearIndex, year) in years.enumerated() {
        // Rows of each line this year: an even share, the remainder to the first line-years.
        for index in lines.indices {
          let lineYear = yearIndex * lines.count + index
          lines[index].rows = options.payments / lineYears + (lineYear < options.payments % lineYears ? 1 : 0)
          lines[index].written = 0
          lines[index].spent = 0
          lines[index].last = nil
          rowsBefore += lines[index].rows
        }
        writeAllocations(year: year, to: allocations)
        // Month by month (the 13th is January of the next year, the year-end adjustment period),
        // each line's share of the month: date order, lines interleaved, as a treasury export.
        for month in 1...13 {
          for index in lines.indices {
            let rows = lines[index].rows
            let end = rows * month / 13
            while lines[index].written < end {
              writePayment(line: index, year: year, month: month, to: spending)
              lines[index].written += 1
              if summary.paymentRows & 0xFFFF == 0 { progress?(summary.paymentRows) }
            }
          }
        }
        precondition(summary.paymentRows == rowsBefore, "every planned row is written")
        closeYear(year)
      }
      progress?(summary.paymentRows)
    }

    // MARK: - Allocations

    mutating func writeAllocations(year: Int, to sink: ByteSink) {
      let counterpartShort = year == options.lastYear && years.count > 1
      let perUnit = options.linesPerUnit
      for unit in 0..<options.units {
        let first = unit * perUnit
        for index in first..<(first + perUnit) {
          var line = lines[index]
          for carry in line.carriedIn {
            allocationRow(
              sink, year: year, line: line, kind: "carry_in", amount: carry.amount, origin: carry.origin)
          }
          // About 2–8 million đồng a payment; local sources get a twentieth in the last year so the
          // counterpart rule is not met that year (COUNTERPART_SHORT).
          var paymentMean = Int64(2_000_000 + 1_000_000 * random.below(7))
          if counterpartShort && GeneratorCatalogue.localIndexes.contains(line.source) { paymentMean /= 20 }
          let need = paymentMean * Int64(max(line.rows, 1)) * 100 / Int64(55 + random.below(21))
          let carriedIn = line.carriedIn.reduce(0) { $0 + $1.amount }
          let fresh = max(roundUp(need - carriedIn, to: 1_000_000), 1_000_000)
          let supplement = index % 4 == 1 ? roundUp(fresh / 5, to: 1000) : 0
          allocationRow(
            sink, year: year, line: line, kind: "initial", amount: fresh - supplement, decision: true)
          if supplement > 0 {
            allocationRow(
              sink, year: year, line: line, kind: "supplement", amount: supplement,
              decision: !Run.lacksDecision(index))
            if Run.lacksDecision(index) { summary.expectedFindings[.missingDecision, default: 0] += 1 }
          }
          line.allocated = fresh
          lines[index] = line
        }
        // One unit in five moves a tenth of its first line's money to its second (two adjustments
        // under one decision).
        if perUnit >= 2 && unit % 5 == 0 {
          let transfer = roundUp(lines[first].allocated / 10, to: 1000)
          allocationRow(
            sink, year: year, line: lines[first], kind: "adjustment", amount: -transfer, decision: true)
          decisions -= 1  // the same decision on both rows
          allocationRow(
            sink, year: year, line: lines[first + 1], kind: "adjustment", amount: transfer, decision: true)
          lines[first].allocated -= transfer
          lines[first + 1].allocated += transfer
        }
        for index in first..<(first + perUnit) {
          var line = lines[index]
          let rows = Int64(max(line.rows, 1))
          // 55–75 % of the money is spent (jitter ±20 % per payment keeps it below 100 %); an
          // overspending line spends 115 %.
          let percent = Run.overspends(index) ? 115 : Int64(55 + random.below(21))
          line.paymentBase = max(line.available * percent / 100 / rows / 1000 * 1000, 1000)
          lines[index] = line
          summary.budgetedLines += 1
          addCounterpart(year: year, source: line.source, amount: line.allocated)
        }
      }
    }

    var counterpartByYear: [Int: (central: Int64, local: Int64)] = [:]

    mutating func addCounterpart(year: Int, source: Int, amount: Int64) {
      if source == GeneratorCatalogue.centralIndex {
        counterpartByYear[year, default: (0, 0)].central += amount
      } else if GeneratorCatalogue.localIndexes.contains(source) {
        counterpartByYear[year, default: (0, 0)].local += amount
      }
    }

    mutating func allocationRow(
      _ sink: ByteSink, year: Int, line: LineState, kind: String, amount: Int64, origin: Int? = nil,
      decision: Bool = false
    ) {
      summary.allocationRows += 1
      sink.integer(year)
      sink.byte(44)
      sink.text(GeneratorCatalogue.sources[line.source].code)
      sink.byte(44)
      sink.text(activities[line.activity].code)
      sink.byte(44)
      sink.text(WorkspaceGenerator.unitCode(line.unit))
      sink.byte(44)
      sink.text(kind)
      sink.byte(44)
      sink.amount(amount, grouped: false)
      sink.byte(44)
      if let origin { sink.integer(origin) }
      sink.byte(44)
      if decision {
        decisions += 1
        sink.integer(decisions)
        sink.text("/QĐ-UBND,")
        sink.integer(year - 1)
        sink.text("-12-")
        sink.integer(10 + decisions % 20)
      } else {
        sink.byte(44)
      }
      sink.byte(44)
      if origin != nil { sink.text("Năm trước chuyển sang") }
      sink.newline()
    }

    func roundUp(_ value: Int64, to step: Int64) -> Int64 {
      value <= 0 ? 0 : (value + step - 1) / step * step
    }

    // MARK: - Year end

    /// Settles every line as the engine does (oldest money first) and turns what may still be used
    /// into next year's carry-in rows.
    mutating func closeYear(_ year: Int) {
      var spent: Int64 = 0
      var carried: Int64 = 0
      for index in lines.indices {
        var line = lines[index]
        spent += line.spent
        let available = line.available
        let remaining = available - line.spent
        var next: [(origin: Int, amount: Int64)] = []
        if remaining < 0 {
          summary.expectedFindings[available == 0 ? .unbudgeted : .overspend, default: 0] += 1
        } else if remaining > 0 {
          summary.expectedFindings[.unspent, default: 0] += 1
          var toConsume = max(line.spent, 0)
          let carryYears = GeneratorCatalogue.sources[line.source].carryOverYears
          for group in line.carriedIn + [(origin: year, amount: line.allocated)] {
            let used = min(group.amount, toConsume)
            toConsume -= used
            let unspent = group.amount - used
            if unspent > 0 && year + 1 <= group.origin + carryYears {
              next.append((group.origin, unspent))
              carried += unspent
            }
          }
        }
        line.carriedIn = year < options.lastYear ? next : []
        lines[index] = line
      }
      // Unbudgeted rows were paid on lines with nothing available.
      summary.expectedFindings[.unbudgeted, default: 0] += unbudgeted.count
      unbudgeted.removeAll()
      spent += unbudgetedSpent
      unbudgetedSpent = 0
      summary.spentByYear[year] = spent
      if year < options.lastYear { summary.carriedOverByYear[year] = carried }
      if let sums = counterpartByYear[year], sums.central > 0 {
        let required = (sums.central * GeneratorCatalogue.counterpartPercent + 99) / 100
        if sums.local < required { summary.expectedFindings[.counterpartShort, default: 0] += 1 }
      }
    }

    var unbudgetedSpent: Int64 = 0
  }
}

import ArgumentParser
import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import SettlementReports

struct HandoverCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "handover",
    abstract:
      "Bàn giao số dư của đơn vị giải thể cho đơn vị nhận. / Hand abolished units' balances to successors.",
    discussion: """
      Tính số liệu đến hết ngày bàn giao (khoản chi sau ngày đó và quyết định giao sau ngày đó không tính), rồi chia số dư của từng đơn vị trong tệp bàn giao cho đơn vị nhận: toàn bộ (to), theo tỷ lệ (shares, chia chính xác đến đồng theo phần dư lớn nhất, bằng nhau thì theo mã) hoặc theo dòng (lines). Ghi biên bản bàn giao (xlsx) và các dòng mở sổ của đơn vị nhận (CSV cùng cột với allocations.csv): tiền của các năm trước năm bàn giao là dự toán chuyển sang (carry_in), tiền của chính năm bàn giao là dự toán bổ sung (supplement).

      Settles the figures as of the date, splits each mapped unit's balances among its successors exactly to the đồng, writes the handover schedule (xlsx) and the successors' opening rows (CSV).

      Ví dụ / example:
        kinhphi handover SampleData/chiem-hoa --date 2025-06-30 \\
          --map SampleData/chiem-hoa/successors.yaml
        kinhphi handover ws --date 30/06/2025 --map ws/successors.yaml \\
          -o out/ban-giao.xlsx --rows out/mo-so.csv
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @Option(help: "Ngày bàn giao (YYYY-MM-DD hoặc DD/MM/YYYY). / The handover date.")
  var date: String

  @Option(help: "Tệp bàn giao: đơn vị cũ → đơn vị nhận (YAML). / The successors map (YAML).")
  var map: String

  @Option(
    name: .shortAndLong, help: "Biên bản bàn giao (mặc định ban-giao-NGÀY.xlsx). / The schedule workbook.")
  var output: String?

  @Option(help: "Dòng mở sổ của đơn vị nhận (mặc định mo-so-NGÀY.csv). / The successors' opening rows.")
  var rows: String?

  @Option(help: "Đơn vị hiển thị: dong, nghin, trieu. / Display unit.")
  var scale: DisplayScale = .dong

  @Option(help: "Tệp mẫu báo cáo (YAML). / The report template.")
  var template: String?

  func run() throws {
    let vi = options.lang == .vi
    guard let handoverDate = parseDate(date) else {
      fail(
        InputError(
          nil, vi: "Ngày bàn giao không hợp lệ '\(date)': cần YYYY-MM-DD hoặc DD/MM/YYYY.",
          en: "Invalid handover date '\(date)': expected YYYY-MM-DD or DD/MM/YYYY."))
    }
    let settlementTemplate = try loadTemplate(template)
    // Every output checked before any work, so that a refusal writes nothing.
    let rowsFile = rows ?? "mo-so-\(handoverDate.iso).csv"
    for path in [output ?? "ban-giao-\(handoverDate.iso).xlsx", rowsFile] {
      try requireOutputFolder(of: path)
    }
    if FileManager.default.fileExists(atPath: rowsFile) {
      stopCommand(
        vi:
          "tệp đầu ra đã tồn tại: \(rowsFile); chọn tệp khác bằng --rows (không ghi đè, không ghi thêm lần hai).",
        en:
          "the output file exists: \(rowsFile); choose another file with --rows (no overwriting, no second append)."
      )
    }
    let handoverMap: HandoverMap
    do {
      handoverMap = try SuccessorsReader.read(path: map)
    } catch let errors as InputErrors {
      printError(InputErrorsText.render(errors))
      throw ExitCode(ExitStatus.unusableInput)
    }
    if let mapDate = handoverMap.date, mapDate != handoverDate {
      fail(
        InputError(
          SourceLocation(file: handoverMap.file, line: 1),
          vi: "Ngày trong tệp bàn giao (\(mapDate.vietnamese)) khác --date (\(handoverDate.vietnamese)).",
          en: "The map's date (\(mapDate.vietnamese)) differs from --date (\(handoverDate.vietnamese))."))
    }
    let analysis = try loadAnalysis(options)
    try checkYear(handoverDate.year, in: analysis)
    let ledger = analysis.ledger
    let successorPlan = try readSuccessorPlan(handoverMap)
    try checkMap(handoverMap, ledger: ledger, successorPlan: successorPlan)

    let handover = Handover(ledger: ledger, map: handoverMap, date: handoverDate)
    if !handover.unmatched.isEmpty {
      var errors = InputErrors()
      for item in handover.unmatched {
        errors.append(
          InputError(
            item.entry.location,
            vi:
              "Dòng \(item.line) của đơn vị \(item.entry.unit) còn \(item.balance.grouped) đồng nhưng không khớp quy tắc nào trong 'lines': thêm một quy tắc hoặc 'otherwise'.",
            en:
              "Line \(item.line) of unit \(item.entry.unit) holds \(item.balance.groupedEnglish) đồng but matches no rule under 'lines': add a rule or 'otherwise'."
          ))
      }
      printError(InputErrorsText.render(errors))
      throw ExitCode(ExitStatus.unusableInput)
    }

    print(
      HandoverText.render(
        handover, language: options.lang, names: (successorPlan?.unitByCode ?? [:]).mapValues(\.name)),
      terminator: "")

    let workbookPath = output ?? "ban-giao-\(handoverDate.iso).xlsx"
    let rowsPath = rows ?? "mo-so-\(handoverDate.iso).csv"
    let workbook = HandoverWorkbook(
      handover: handover, plan: ledger.plan, successorUnits: successorPlan?.unitByCode ?? [:],
      decision: handoverMap.decision, template: settlementTemplate, scale: scale, language: options.lang,
      created: documentDate())
    try writeWorkbook(workbookPath) { try workbook.write(to: $0) }
    let openingRows = handover.openings.map { opening in
      CarryInWriter.Row(
        year: opening.line.year, source: opening.line.source, activity: opening.line.activity,
        unit: opening.line.unit, kind: opening.kind, amount: opening.amount,
        originYear: opening.kind == .carryIn ? opening.originYear : nil,
        decision: handoverMap.decision ?? CarryInWriter.decisionPlaceholder,
        note:
          "Nhận bàn giao ngày \(handoverDate.vietnamese) từ \(opening.fromUnits.map(\.rawValue).joined(separator: ", ")), năm gốc \(opening.originYear)"
      )
    }
    let allocationsPath = URL(fileURLWithPath: options.workspace)
      .appendingPathComponent(WorkspaceReader.allocationsFile).path
    do {
      let layout = try FileManager.default.contents(atPath: allocationsPath).map {
        try CarryInWriter.layout(of: $0, file: WorkspaceReader.allocationsFile)
      }
      try CarryInWriter.write(openingRows, toFileAt: rowsPath, like: layout)
    } catch let errors as InputErrors {
      printError(InputErrorsText.render(errors))
      throw ExitCode(ExitStatus.unusableInput)
    }
    print(vi ? "Đã ghi \(workbookPath)" : "Wrote \(workbookPath)")
    print(
      vi
        ? "Đã ghi \(openingRows.count) dòng mở sổ của đơn vị nhận vào \(rowsPath) (dùng làm allocations.csv của kế hoạch đơn vị nhận)."
        : "Wrote \(openingRows.count) opening rows of the successors to \(rowsPath) (the successors' allocations.csv)."
    )
    let year = handoverDate.year
    try ErrorFindingsStand.throwIfAny(in: analysis.findings(year: year), scope: .years(year...year))
  }

  private func parseDate(_ text: String) -> CivilDate? {
    let bytes = Array(text.utf8)
    if case .date(let parsed) = bytes.withUnsafeBufferPointer({ FieldParsers.date($0, 0, $0.count) }) {
      return parsed
    }
    return nil
  }

  private func fail(_ error: InputError) -> Never {
    printError(InputErrorsText.render(InputErrors([error])))
    Foundation.exit(ExitStatus.unusableInput)
  }

  /// The successors' plan named by the map, relative to the map file.
  private func readSuccessorPlan(_ handoverMap: HandoverMap) throws -> Plan? {
    guard let relative = handoverMap.successorPlan else { return nil }
    let folder = URL(fileURLWithPath: map).deletingLastPathComponent()
    let url =
      relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : folder.appendingPathComponent(relative)
    do {
      let text = try TextInputFile.read(
        path: url.path, file: relative,
        what: LocalizedText(
          vi: "kế hoạch của đơn vị nhận (successor_plan)", en: "successors' plan (successor_plan)"))
      return try PlanReader.read(yaml: text, file: relative)
    } catch let errors as InputErrors {
      printError(InputErrorsText.render(errors))
      throw ExitCode(ExitStatus.unusableInput)
    }
  }

  /// Old units must be in the workspace's plan; successors in the successors' plan (when given), and
  /// that plan must know the sources and activities the balances are on.
  private func checkMap(_ handoverMap: HandoverMap, ledger: Ledger, successorPlan: Plan?) throws {
    var errors = InputErrors()
    for entry in handoverMap.units where ledger.plan.unitByCode[entry.unit] == nil {
      errors.append(
        InputError(
          entry.location, vi: "Đơn vị '\(entry.unit)' không có trong plan.yaml của thư mục dữ liệu.",
          en: "Unit '\(entry.unit)' is not in the workspace's plan.yaml."))
    }
    if let successorPlan {
      for entry in handoverMap.units {
        let named: [UnitCode]
        switch entry.rule {
        case .whole(let code): named = [code]
        case .percentages(let shares): named = shares.map(\.successor)
        case .byLine(let rules, let otherwise):
          named = rules.map(\.successor) + (otherwise.map { [$0] } ?? [])
        }
        for code in named where successorPlan.unitByCode[code] == nil {
          errors.append(
            InputError(
              entry.location,
              vi: "Đơn vị nhận '\(code)' không có trong kế hoạch của đơn vị nhận (\(successorPlan.file)).",
              en: "Successor '\(code)' is not in the successors' plan (\(successorPlan.file))."))
        }
      }
      let mapped = Set(handoverMap.units.map(\.unit))
      let lines = Set(
        ledger.allocations.filter { mapped.contains($0.unit) }.map { "\($0.source)|\($0.activity)" })
      for pair in lines.sorted() {
        let parts = pair.split(separator: "|").map(String.init)
        if successorPlan.sourceByCode[SourceCode(parts[0])] == nil
          || successorPlan.activityByCode[ActivityCode(parts[1])] == nil
        {
          errors.append(
            InputError(
              SourceLocation(file: successorPlan.file, line: 1),
              vi:
                "Kế hoạch của đơn vị nhận thiếu nguồn '\(parts[0])' hoặc nội dung '\(parts[1])' mà số dư bàn giao dùng.",
              en:
                "The successors' plan lacks source '\(parts[0])' or activity '\(parts[1])' used by the balances."
            ))
        }
      }
    }
    if !errors.isEmpty {
      printError(InputErrorsText.render(errors))
      throw ExitCode(ExitStatus.unusableInput)
    }
  }
}

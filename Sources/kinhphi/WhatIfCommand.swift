import ArgumentParser
import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import SettlementReports

struct WhatIfCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "whatif",
    abstract:
      "Chạy kịch bản thay đổi dự toán, xem dòng nào bị ảnh hưởng. / Run allocation what-if scenarios.",
    discussion: """
      Áp dụng các thao tác của kịch bản (scale, move, set, distribute, cofinance) lên dự toán giao trong năm, chạy lại toàn bộ kiểm tra trên sổ dẫn xuất và so sánh với hiện trạng: dòng thay đổi, dòng bị ảnh hưởng (chi vượt dự toán mới, thiếu kinh phí đối ứng, nguồn không được phép), tổng theo nguồn. Không bao giờ sửa các tệp trong thư mục dữ liệu. Xem docs/whatif.md. Tệp kịch bản được tìm theo đường dẫn đã cho, rồi trong thư mục dữ liệu.

      Applies the scenario to the year's allocations on a derived ledger and compares it with the baseline; the workspace files are never modified. Scenario paths are tried as given, then inside the workspace.

      Quét / sweep: 'THAO_TÁC[#N].TRƯỜNG=TỪ..ĐẾN step BƯỚC', ví dụ 'scale.percent=-50..0 step 5'.

      Ví dụ / examples:
        kinhphi whatif SampleData/chiem-hoa scenarios/tinh-giam-30.yaml
        kinhphi whatif ws scenarios/a.yaml scenarios/b.yaml -o out/so-sanh.xlsx
        kinhphi whatif ws scenarios/tinh-giam-30.yaml \\
          --sweep 'scale.percent=-50..0 step 5'
        kinhphi whatif ws scenarios/tinh-giam-30.yaml --json out/kich-ban.json
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @Argument(help: "Tệp kịch bản (YAML), một hoặc nhiều. / One or more scenario files.")
  var scenarios: [String] = []

  @Option(name: .shortAndLong, help: "Ghi bảng tính so sánh (xlsx). / Write the comparison workbook.")
  var output: String?

  @Option(help: "Ghi kết quả dạng JSON ('-' = màn hình). / Write the results as JSON ('-' for stdout).")
  var json: String?

  @Option(help: "Quét một giá trị, ví dụ 'scale.percent=-50..0 step 5'. / Sweep one operation's value.")
  var sweep: String?

  @Option(help: "Đơn vị hiển thị trong bảng tính: dong, nghin, trieu. / Display unit in the workbook.")
  var scale: DisplayScale = .dong

  @Option(help: "Tệp mẫu bảng tính so sánh (YAML). / The comparison workbook template.")
  var template: String?

  func validate() throws {
    if scenarios.isEmpty {
      throw ValidationError("Cần ít nhất một tệp kịch bản. / At least one scenario file is needed.")
    }
    if sweep != nil && scenarios.count > 1 {
      throw ValidationError("--sweep chỉ dùng với một kịch bản. / --sweep takes exactly one scenario.")
    }
  }

  func run() throws {
    let comparisonTemplate = output == nil ? nil : try loadComparisonTemplate()
    for path in [output, json].compactMap({ $0 }) where path != "-" { try requireOutputFolder(of: path) }
    let sweepSpec = try sweep.map { text in try inputOrExit { try ScenarioSweep.parse(text) } }
    let scenarioValues = try inputOrExit { try readScenarios() }
    let analysis = try loadAnalysis(options)
    let years = Set(scenarioValues.map(\.year))
    if years.count > 1 {
      try inputOrExit {
        throw InputErrors([
          InputError(
            nil,
            vi:
              "Các kịch bản so sánh cùng nhau phải cùng năm; đang có: \(years.sorted().map(String.init).joined(separator: ", ")).",
            en:
              "Scenarios compared together must share a year; found: \(years.sorted().map(String.init).joined(separator: ", "))."
          )
        ])
      }
    }
    // Everything is computed before anything is written: an error leaves no file behind.
    let comparisons = try inputOrExit {
      try scenarioValues.map { try ScenarioComparison.run($0, baseline: analysis) }
    }
    let sweepResult = try sweepSpec.map { spec in
      SweepResult(
        text: spec.text, points: try inputOrExit { try spec.run(scenarioValues[0], baseline: analysis) })
    }
    let report = ComparisonReport(comparisons: comparisons, sweep: sweepResult, plan: analysis.ledger.plan)

    if json != "-" {
      print(ComparisonText.render(report, language: options.lang), terminator: "")
      if let sweepResult {
        print(
          "\n" + ComparisonText.render(sweepResult, scenario: scenarioValues[0], language: options.lang),
          terminator: "")
      }
    }
    if let comparisonTemplate, let output {
      let workbook = ComparisonWorkbook(
        report: report, template: comparisonTemplate, scale: scale, language: options.lang,
        created: documentDate())
      try writeWorkbook(output) { try workbook.write(to: $0) }
      if json != "-" { print(options.lang == .vi ? "Đã ghi \(output)" : "Wrote \(output)") }
    }
    if let json {
      let text =
        sweepResult.map { ComparisonJSON.render($0, scenario: scenarioValues[0]) }
        ?? ComparisonJSON.render(report, language: options.lang)
      try writeOutput(text, to: json)
      if json != "-" { print(options.lang == .vi ? "Đã ghi \(json)" : "Wrote \(json)") }
    }
    // Error findings that stand after the scenario (the worst scenario when several are compared).
    try ErrorFindingsStand.throwIfAny(
      comparisons.map { $0.result.findings.filter { $0.severity == .error }.count }.max() ?? 0,
      scope: LocalizedText(
        vi: "năm \(scenarioValues[0].year) sau kịch bản",
        en: "in \(scenarioValues[0].year) after the scenario"))
  }

  /// Every scenario file read, with every file's errors collected before stopping.
  private func readScenarios() throws -> [Scenario] {
    var errors = InputErrors()
    var values: [Scenario] = []
    for path in scenarios {
      let inWorkspace = (options.workspace as NSString).appendingPathComponent(path)
      let found =
        FileManager.default.fileExists(atPath: path) || !FileManager.default.fileExists(atPath: inWorkspace)
        ? path : inWorkspace
      do {
        values.append(try ScenarioReader.read(path: found, file: path))
      } catch let fileErrors as InputErrors {
        errors.append(contentsOf: fileErrors)
      }
    }
    try errors.throwIfAny()
    return values
  }

  private func loadComparisonTemplate() throws -> SettlementTemplate {
    try loadTemplate(template, fileName: ComparisonWorkbook.defaultFileName, kinds: SheetKind.comparisonKinds)
  }
}

/// Runs `body`; located input errors are printed in both languages and stop the run with status 2.
private func inputOrExit<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let errors as InputErrors {
    printError(InputErrorsText.render(errors))
    throw ExitCode(ExitStatus.unusableInput)
  }
}

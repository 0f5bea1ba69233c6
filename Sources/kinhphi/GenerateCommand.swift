import ArgumentParser
import BudgetApp
import BudgetCore
import WorkspaceGenerator

struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Tạo thư mục dữ liệu tổng hợp để thử tải. / Write a synthetic workspace for scale tests.",
    discussion: """
      Ghi plan.yaml, allocations.csv, spending.csv với đúng số dòng chi yêu cầu: mọi loại nguồn, dự toán chuyển sang, điều chỉnh, hoàn/giảm chi và một tỷ lệ có kiểm soát các dòng có phát hiện. Cùng --seed cho cùng các tệp, từng byte. Dữ liệu là giả lập, không phải số liệu thật.

      Writes a deterministic synthetic workspace (same seed, same bytes) with every source kind, carry-over, adjustments, reversals and a controlled share of findings. See docs/performance.md.

      Ví dụ / example:
        kinhphi generate /tmp/tinh --units 2000 --payments 1000000 \\
          --years 2021-2025 --seed 7
        kinhphi generate /tmp/nhieu-dong --units 1000 --lines-per-unit 70 \\
          --payments 100000 --years 2023-2023 --seed 5
      """
  )

  @Argument(help: "Thư mục cần ghi (tạo nếu chưa có). / The folder to write.")
  var output: String

  @Option(help: "Số đơn vị thực hiện. / Number of implementing units.")
  var units: Int = 100

  @Option(help: "Số dòng spending.csv. / Rows of spending.csv.")
  var payments: Int = 10_000

  @Option(help: "Các năm ngân sách, ví dụ 2021-2025. / Budget years, e.g. 2021-2025.")
  var years: String = "2021-2025"

  @Option(
    help: """
      Số dòng ngân sách (nội dung × nguồn) của mỗi đơn vị mỗi năm; trên 9 thì kế hoạch có thêm nội dung đánh số. \
      / Budget lines (activity × source) per unit and year; above 9 the plan gains numbered activities.
      """)
  var linesPerUnit: Int = 4

  @Option(help: "Hạt giống ngẫu nhiên. / Random seed.")
  var seed: UInt64 = 1

  @Option(help: "Dòng có phát hiện trên 1.000 dòng chi. / Rows with a row-level finding per 1,000.")
  var anomalyPerMille: Int = 1

  @Option(help: "Dòng hoàn/giảm chi hợp lệ trên 1.000 dòng chi. / Valid reversals per 1,000 rows.")
  var reversalPerMille: Int = 10

  @Flag(help: "Không hiện tiến độ. / No progress line.")
  var quiet = false

  @Option(help: "Ngôn ngữ hiển thị: vi hoặc en. / Output language: vi or en.")
  var lang: Language = .vi

  func run() throws {
    let parts = years.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 2 || parts.count == 1 else {
      throw ValidationError("--years: cần NĂM hoặc NĂM-NĂM, ví dụ 2021-2025. / expected YEAR or YEAR-YEAR.")
    }
    let options = GeneratorOptions(
      units: units, payments: payments, firstYear: parts[0], lastYear: parts.last ?? parts[0], seed: seed,
      anomalyPerMille: anomalyPerMille, reversalPerMille: reversalPerMille, linesPerUnit: linesPerUnit)
    let summary = try KinhphiApp.commandLine.generate(
      GenerateRequest(folder: output, options: options), run: Progress(quiet: quiet, language: lang).control)
    let vi = lang == .vi
    print(
      vi
        ? "Đã ghi \(output): \(summary.paymentRows) dòng chi, \(summary.allocationRows) dòng dự toán, \(summary.budgetedLines) dòng ngân sách (năm × nguồn × nội dung × đơn vị)."
        : "Wrote \(output): \(summary.paymentRows) payments, \(summary.allocationRows) allocations, \(summary.budgetedLines) budget lines (year × source × activity × unit)."
    )
    let expected = FindingCode.allCases.compactMap { code in
      summary.expectedFindings[code].map { "\(code.rawValue) \($0)" }
    }
    print((vi ? "Phát hiện dự kiến: " : "Expected findings: ") + expected.joined(separator: ", "))
  }
}

import ArgumentParser
import BudgetApp
import BudgetCore
import SettlementReports

/// Options every command that reads a workspace shares.
struct WorkspaceOptions: ParsableArguments {
  @Argument(help: "Thư mục dữ liệu (plan.yaml, allocations.csv, spending.csv). / The workspace folder.")
  var workspace: String

  @Option(help: "Ngôn ngữ hiển thị: vi hoặc en. / Output language: vi or en.")
  var lang: Language = .vi
}

extension Language: ExpressibleByArgument {}

/// The look of the workbook a command writes: its display unit and its template. Every command
/// that writes a workbook takes both, with these words.
struct WorkbookStyleOptions: ParsableArguments {
  @Option(
    help:
      "Đơn vị hiển thị của bảng tính: dong, nghin, trieu (số trong ô vẫn là đồng). / Display unit of the workbook."
  )
  var scale: DisplayScale = .dong

  @Option(help: "Tệp mẫu bảng tính (YAML; mặc định mẫu đi kèm chương trình). / The workbook template.")
  var template: String?

  /// The application layer's workbook style in `language`.
  func style(_ language: Language, allFindings: Bool = false) -> WorkbookStyle {
    WorkbookStyle(scale: scale, template: template, language: language, allFindings: allFindings)
  }
}

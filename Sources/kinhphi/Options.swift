import ArgumentParser
import BudgetCore

/// Options every command that reads a workspace shares.
struct WorkspaceOptions: ParsableArguments {
  @Argument(help: "Thư mục dữ liệu (plan.yaml, allocations.csv, spending.csv). / The workspace folder.")
  var workspace: String

  @Option(help: "Ngôn ngữ hiển thị: vi hoặc en. / Output language: vi or en.")
  var lang: Language = .vi
}

extension Language: ExpressibleByArgument {}

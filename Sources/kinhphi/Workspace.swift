import ArgumentParser
import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import SettlementReports

/// Reads and analyses a workspace, or stops the run with exit status 2 and both-language messages.
func loadAnalysis(_ options: WorkspaceOptions) throws -> Analysis {
  do {
    let ledger = try WorkspaceReader.read(directory: options.workspace)
    return Engine.analyze(ledger)
  } catch let errors as InputErrors {
    printError(InputErrorsText.render(errors))
    throw ExitCode(ExitStatus.unusableInput)
  }
}

/// A year given on the command line must lie in the plan's range: anything else is a typo.
func checkYear(_ year: Int, in analysis: Analysis) throws {
  let info = analysis.ledger.plan.info
  guard info.years.contains(year) else {
    printError(
      InputErrorsText.render(
        InputErrors([
          InputError(
            nil,
            vi: "Năm \(year) nằm ngoài kế hoạch (\(info.firstYear)–\(info.lastYear)).",
            en: "Year \(year) is outside the plan (\(info.firstYear)–\(info.lastYear)).")
        ])))
    throw ExitCode(ExitStatus.unusableInput)
  }
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data(text.utf8))
}

/// Writes a text output to `path` (or stdout for "-"). The file appears whole or not at all:
/// Foundation's atomic write goes through a temporary file in the same folder and a rename.
func writeOutput(_ text: String, to path: String) throws {
  if path == "-" {
    FileHandle.standardOutput.write(Data(text.utf8))
    return
  }
  let url = URL(fileURLWithPath: path)
  do {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url, options: .atomic)
  } catch {
    printError(
      "Không ghi được tệp \(path): \(error.localizedDescription)\n"
        + "Could not write \(path): \(error.localizedDescription)\n")
    throw ExitCode(ExitStatus.unusableInput)
  }
}

import ArgumentParser
import BudgetApp
import BudgetCore
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension KinhphiApp {
  /// The application as the command line runs it: the templates that came with the program (found
  /// from the executable's own path, or `$KINHPHI_TEMPLATES`), and `SOURCE_DATE_EPOCH` for the date.
  static var commandLine: KinhphiApp {
    let environment = ProcessInfo.processInfo.environment
    // The executable's real path: argv[0] is only "kinhphi" when the program is found on PATH.
    let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    return KinhphiApp(
      templates: .installed(executable: executable, environment: environment),
      documentDate: KinhphiApp.documentDate(environment: environment))
  }
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data(text.utf8))
}

/// Text for standard output, written as bytes (the JSON of `--json -`).
func writeStandardOutput(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
}

/// `--yes`, or an answer on a terminal. Without a terminal and without --yes the command refuses
/// (status 2, `withoutTerminal` on stderr) instead of waiting for an answer that will never come.
func confirmOnTerminal(
  yes: Bool, language: Language, question: LocalizedText, withoutTerminal: LocalizedText
) throws -> Bool {
  if yes { return true }
  guard isatty(STDIN_FILENO) == 1 else {
    printError(withoutTerminal.text(language) + "\n")
    throw ExitCode(ExitStatus.unusableInput)
  }
  print(question.text(language), terminator: "")
  let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
  return ["c", "có", "co", "y", "yes"].contains(answer)
}

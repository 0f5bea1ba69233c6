import ArgumentParser
import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import SafeOutput
import SettlementReports
import Xlsx

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
  try checkYear(year, in: analysis.ledger.plan.info)
}

func checkYear(_ year: Int, in info: PlanInfo) throws {
  guard info.years.contains(year) else {
    stopCommand(
      vi: "năm \(year) nằm ngoài kế hoạch \(info.firstYear)–\(info.lastYear); chọn một năm trong khoảng đó.",
      en: "\(year) is outside the plan \(info.firstYear)–\(info.lastYear); choose a year within it.")
  }
}

/// A problem with the command line rather than with the workspace's files (a year outside the plan,
/// an output file that exists): said as it is, in both languages, status 2 — never "the input is
/// unusable", which sends the officer looking for a broken file.
func stopCommand(vi: String, en: String) -> Never {
  printError("Lỗi: \(vi) Không ghi tệp nào.\nError: \(en) Nothing was written.\n")
  Foundation.exit(ExitStatus.unusableInput)
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data(text.utf8))
}

/// Writes a text output to `path` (or stdout for "-"). The file appears whole or not at all, through
/// our own temporary file in the same folder and a rename (`AtomicFile`); the folder must exist.
func writeOutput(_ text: String, to path: String) throws {
  if path == "-" {
    FileHandle.standardOutput.write(Data(text.utf8))
    return
  }
  do {
    try AtomicFile.write(Data(text.utf8), to: path)
  } catch {
    throw InputErrors([outputProblem(error)])
  }
}

/// An output that cannot be written, in both languages: the path and the reason.
func outputProblem(_ problem: FileProblem) -> InputError {
  InputError(
    nil, vi: "Không ghi được \(problem.path): \(problem.reasonVi).",
    en: "Could not write \(problem.path): \(problem.reasonEn).")
}

/// The report template: `--template`, else `$KINHPHI_TEMPLATES/<file>`, else the templates that came
/// with the program, found from the executable's own path (not the current folder, so the program
/// works the same from anywhere): `PREFIX/share/kinhphi/Templates` after `make install`
/// (`PREFIX/bin/kinhphi`), or the package's `Templates/` for a binary in `.build/<config>/`.
func loadTemplate(
  _ explicitPath: String?, fileName: String = TemplateReader.defaultFileName,
  kinds: Set<SheetKind> = SheetKind.settlementKinds
) throws -> SettlementTemplate {
  var candidates: [String] = []
  if let explicitPath {
    candidates = [explicitPath]
  } else {
    if let folder = ProcessInfo.processInfo.environment["KINHPHI_TEMPLATES"] {
      candidates.append(folder + "/" + fileName)
    }
    // The executable's real path: argv[0] is only "kinhphi" when the program is found on PATH.
    let executable =
      Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
    candidates.append(
      folder.deletingLastPathComponent().appendingPathComponent("share/kinhphi/Templates/" + fileName).path)
    for _ in 0..<4 {
      candidates.append(folder.appendingPathComponent("Templates/" + fileName).path)
      folder = folder.deletingLastPathComponent()
    }
  }
  guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
    printError(
      InputErrorsText.render(
        InputErrors([
          InputError(
            nil,
            vi: "Không tìm thấy mẫu báo cáo; đã tìm: \(candidates.joined(separator: ", ")). Dùng --template.",
            en: "No report template found; looked in: \(candidates.joined(separator: ", ")). Use --template.")
        ])))
    throw ExitCode(ExitStatus.unusableInput)
  }
  do {
    return try TemplateReader.read(path: path, kinds: kinds)
  } catch let errors as InputErrors {
    printError(InputErrorsText.render(errors))
    throw ExitCode(ExitStatus.unusableInput)
  }
}

/// An output's folder must exist: kinhphi creates no folders for its outputs (a typo in `-o` must not
/// leave a tree of empty folders behind), and says which folder is missing before any work is done.
func requireOutputFolder(of path: String) throws {
  do {
    try AtomicFile.requireFolder(of: path)
  } catch {
    throw InputErrors([outputProblem(error)])
  }
}

/// The workbook's creation date: now, or `SOURCE_DATE_EPOCH` (the reproducible-builds convention) so
/// two runs on the same data give byte-identical files.
func documentDate() -> Date {
  if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int(epoch) {
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }
  return Date()
}

/// Writes a workbook through `body`, turning an xlsx failure into the usual two-language message and
/// status 2 (the file is written whole or not at all; the folder must exist).
func writeWorkbook(_ path: String, _ body: (String) throws -> Void) throws {
  do {
    try requireOutputFolder(of: path)
    try body(path)
  } catch let error as XlsxError {
    printError(workbookFailure(path, error))
    throw ExitCode(ExitStatus.unusableInput)
  }
}

/// The two-language message for a workbook that could not be written.
func workbookFailure(_ path: String, _ error: XlsxError) -> String {
  "Không ghi được bảng tính \(path): \(error.vi)\nCould not write the workbook \(path): \(error.en)\n"
}

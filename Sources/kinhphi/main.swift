import ArgumentParser
import Foundation

// ArgumentParser exits with 64 on a usage error; kinhphi promises 2 for every unusable input, a
// mistyped command line included, so scripts need to test one status only.
do {
  var command = try Kinhphi.parseAsRoot()
  try command.run()
} catch let exit as ExitCode {
  Foundation.exit(exit.rawValue)
} catch {
  let code = Kinhphi.exitCode(for: error)
  if code == .success {
    Kinhphi.exit(withError: error)  // --help, --version
  }
  FileHandle.standardError.write(Data((Kinhphi.fullMessage(for: error) + "\n").utf8))
  Foundation.exit(ExitStatus.unusableInput)
}

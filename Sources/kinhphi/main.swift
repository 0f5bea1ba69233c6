import ArgumentParser
import Foundation

// Every way a run ends goes through ExitStatus.status(for:) (Kinhphi.swift): one rule for every command.
InterruptCleanup.install()
do {
  var command = try Kinhphi.parseAsRoot()
  try command.run()
  Foundation.exit(ExitStatus.clean)
} catch {
  Foundation.exit(ExitStatus.status(for: error))
}

import Casework
import CaseStore
import DeskApp
import Foundation

/// `cadesk` with no command: the terminal interface.
func openInterface(_ global: GlobalOptions) throws {
    let session = try Session.open(global)
    _ = session
    throw CLIError(code: 1, what: "interface", why: "not built yet")
}

import Casework
import CaseStore
import DemoData
import DeskApp
import Foundation

/// `cadesk` with no command: the terminal interface on the database.
func openInterface(_ global: GlobalOptions) throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        throw CLIError.usage("interface", "the interface needs a terminal; for scripts use the commands (`cadesk --help`)")
    }
    let session = try Session.open(global)
    let store = session.store
    let today = session.today
    let officer = session.officer
    let environment = ProcessInfo.processInfo.environment
    let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
    let desk = DeskSession(
        officer: officer, role: session.role, today: today, noColor: session.noColor,
        keyFile: (configHome as NSString).appendingPathComponent("cadesk/keys"),
        loadDemo: { _ = try DemoGenerator.populate(store, cases: 300, seed: 1, today: today, actor: officer) })
    try runDesk(store: store, session: desk)
}

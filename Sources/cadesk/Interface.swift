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
    let session = try Session.open(global, store: try firstRunStore(global))
    let store = session.store
    DailyBackup.startInBackground(store)
    let today = session.today
    let officer = session.officer
    let environment = ProcessInfo.processInfo.environment
    let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
    // A key folder an earlier version left at the key-binding file's name moves out of its way.
    _ = try? userKeyFolder(global.environment)
    let training = TrainingFlag(session.isTraining)
    let desk = DeskSession(
        officer: officer, role: session.role, today: today, noColor: session.noColor,
        keyFile: (configHome as NSString).appendingPathComponent("cadesk/keys"),
        loadDemo: {
            _ = try TrainingDemo.load(into: store, global: global, cases: 300, seed: 1)
            training.set()
        },
        isTraining: { training.value }, databasePath: global.databasePath)
    try runDesk(store: store, session: desk)
}

/// The database the interface opens. Only on its default path, and only the first time, does it
/// create one (CLI.md, "Databases"): an office database with the login account as supervisor.
private func firstRunStore(_ global: GlobalOptions) throws -> CaseStore {
    let path = global.databasePath
    guard !CaseStore.exists(path), path == CaseStore.defaultPath(environment: global.environment) else {
        return try CaseStore.openExisting(path: path)
    }
    var policy = Policy()
    policy.officerIdentity = .account
    let officer = try Identity.actingOfficer(global, policy: policy)
    let store = try CaseStore.create(path: path)
    do {
        try store.initialize(office: policy.officeName, state: "", timeZone: TimeZone.current.identifier,
                             firstSupervisor: officer, identity: .account)
    } catch {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        throw error
    }
    return store
}

/// Whether the desk's database is a training one; it becomes one when the demo is loaded.
private final class TrainingFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var training: Bool
    init(_ training: Bool) { self.training = training }
    var value: Bool { lock.lock(); defer { lock.unlock() }; return training }
    func set() { lock.lock(); training = true; lock.unlock() }
}

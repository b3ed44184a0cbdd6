import CaseStore
import Foundation
import TerminalKit

/// The day's automatic backup (issue 7, §4): the first command or interface start of the day by
/// an officer or supervisor backs the database up into its backups folder. A command makes it
/// after its own work is done and printed; the interface makes it in the background while the
/// first screen is drawn. `CaseStore.dailyBackup` decides whether one is due (one per office
/// day, none for an empty database) and keeps `backup_keep` of them, so every later command of
/// the day costs one file lookup.
enum DailyBackup {
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var armedPath: String?
        var running: DispatchGroup?
        var warning: String?
    }
    private static let state = State()

    /// An officer or supervisor has opened the database: back it up once the command is done.
    static func arm(databasePath: String) {
        state.lock.lock()
        defer { state.lock.unlock() }
        if state.running == nil { state.armedPath = databasePath }
    }

    /// The interface: start now, on another thread, so the first screen is not delayed. The
    /// desk's own store makes it: a second one opened in this process would read the database
    /// file outside SQLite, and closing that descriptor drops the desk's POSIX locks on it.
    static func startInBackground(_ store: CaseStore) {
        guard takeArmed() != nil else { return }
        let group = DispatchGroup()
        state.lock.lock()
        state.running = group
        state.lock.unlock()
        DispatchQueue.global(qos: .utility).async(group: group) {
            let warning = make(store)
            state.lock.lock()
            state.warning = warning
            state.lock.unlock()
        }
    }

    /// After a command that succeeded (and after the interface closes): make the backup if it
    /// is due, or wait for the one under way; a failure is a warning on stderr, not the
    /// command's failure — what the command did is done.
    static func afterCommand() {
        state.lock.lock()
        let running = state.running
        state.lock.unlock()
        running?.wait()
        let warning: String?
        if let path = takeArmed() {
            warning = make(path)
        } else {
            state.lock.lock()
            warning = state.warning
            state.lock.unlock()
        }
        if let warning {
            FileHandle.standardError.write(Data("cadesk: daily backup: \(Sanitize.terminalSafe(warning))\n".utf8))
        }
    }

    private static func takeArmed() -> String? {
        state.lock.lock()
        defer { state.lock.unlock() }
        let path = state.armedPath
        state.armedPath = nil
        return path
    }

    /// Nil when done (or not due); otherwise what went wrong. After a command its own store is
    /// gone (or closed, after a restore): the database is opened afresh. Not closed explicitly:
    /// a clean close deletes the -wal and -shm files, and a user who may only read the database
    /// (and not create them in its folder) could then not open it.
    private static func make(_ path: String) -> String? {
        do {
            return make(try CaseStore.openExisting(path: path))
        } catch {
            return CLIError.describe(error) + CLIError.advice(error)
        }
    }

    private static func make(_ store: CaseStore) -> String? {
        do {
            try store.dailyBackup(now: Date())
            return nil
        } catch {
            return CLIError.describe(error) + CLIError.advice(error)
        }
    }
}

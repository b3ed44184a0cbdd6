import Foundation
import GRDB

/// Checkpoints the write-ahead log on a connection and thread of its own while an office-wide
/// change's batches go on (issue 14). After each batch the writer used to copy the batch's pages
/// into the database file and sync it before the next batch could start: 2.1–2.5 s of a 10 s
/// policy change at 100,000 cases. The batches' connection stops checkpointing by itself
/// (`wal_autocheckpoint = 0`) and asks this one instead, right after each commit, so an officer
/// who commits meanwhile finds the checkpoint taken, as before, and does not run one.
/// A checkpoint that fails or finds the log busy is simply the next one's to do: SQLite keeps
/// the log consistent either way, and the writer's own automatic checkpoints resume after.
final class BatchCheckpointer: @unchecked Sendable {
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "cadesk.checkpoint")
    private let lock = NSLock()
    private var asked = false

    init(path: String) throws {
        var config = CaseStore.configuration()
        config.label = "cadesk checkpoint"
        connection = try DatabaseQueue(path: path, configuration: config)
    }

    /// Starts a passive checkpoint unless one is under way or asked for already.
    func checkpointSoon() {
        lock.lock()
        defer { lock.unlock() }
        guard !asked else { return }
        asked = true
        queue.async { [self] in
            lock.lock()
            asked = false
            lock.unlock()
            _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        }
    }

    /// Waits for the checkpoint under way, then closes the connection.
    func finish() {
        queue.sync {}
        try? connection.close()
    }
}

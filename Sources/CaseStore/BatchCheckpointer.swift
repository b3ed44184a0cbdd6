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
///
/// SQLite starts the log over only when a write transaction begins with every page of it
/// copied already. A batch that begins while the checkpoint of the one before is still copying
/// appends to the log instead: `admin rebuild` at 100,000 cases left a 2.2 GB log beside a
/// 640 MB database, and every read had to look through it. So when the log has grown past
/// `longLogFrames`, the writer waits for the checkpoint under way (`shortenLog`) before its next
/// batch, which then starts the log over.
final class BatchCheckpointer: @unchecked Sendable {
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "cadesk.checkpoint")
    private let lock = NSLock()
    private var asked = false
    /// Frames in the log at the last checkpoint (since it last started over).
    private var logFrames = 0
    private let longLogFrames: Int

    /// 16,384 pages of 4 KiB: 64 MB, a few batches of a policy change at 100,000 cases.
    static let longLogFrames = 16_384

    init(path: String, longLogFrames: Int = BatchCheckpointer.longLogFrames) throws {
        var config = CaseStore.configuration()
        config.label = "cadesk checkpoint"
        connection = try DatabaseQueue(path: path, configuration: config)
        self.longLogFrames = longLogFrames
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
            let frames = (try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) })?.walFrameCount
            lock.lock()
            logFrames = frames ?? logFrames
            lock.unlock()
        }
    }

    /// Before the writer's next batch: when the log has grown long, waits for the checkpoint
    /// under way, so that the batch finds the log copied and starts it over.
    func shortenLog() {
        lock.lock()
        let long = logFrames >= longLogFrames
        lock.unlock()
        if long { queue.sync {} }
    }

    /// Waits for the checkpoint under way, then closes the connection.
    func finish() {
        queue.sync {}
        try? connection.close()
    }
}

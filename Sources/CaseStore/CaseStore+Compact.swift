import CanonicalEvents
import Foundation
import GRDB

/// `cadesk admin compact`: the payloads a database kept as JSON text before schema v14 stored
/// as v14 stores new ones (`StoredPayload`), so that an office's existing record shrinks too.
///
/// The events table is append-only: its update trigger lets a payload change only to NULL (a
/// retention purge). Each batch drops the trigger, rewrites its rows and creates the trigger
/// again from the text `sqlite_master` held, in one transaction: no other connection ever sees
/// the table without it. A row is rewritten only when its compressed form reads back as exactly
/// its text and that text still matches the event's digest; a payload that does not (changed
/// by hand since) is left as it is, for `audit verify` to name.
extension CaseStore {
    public struct CompactReport: Sendable, Hashable {
        /// Payloads now stored compressed.
        public var compressed = 0
        /// Payloads left as text because compressing them would not make them shorter.
        public var keptShort = 0
        /// Payloads left as text because their text no longer matches the event's digest.
        public var notMatching = 0
        /// Bytes of payload before and after, over the rows rewritten.
        public var bytesBefore = 0
        public var bytesAfter = 0
        public var batches = 0
    }

    /// Events a compaction batch takes: about 0.1 s of compressing and writing.
    static let compactBatchEvents = 2_000

    /// How many payloads are still stored as text.
    public func textPayloads() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE typeof(payload) = 'text'") ?? 0 }
    }

    public func compactPayloads(progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws(StoreError) -> CompactReport {
        let total = try textPayloads()
        var report = CompactReport()
        guard total > 0 else { return report }
        var after: Int64 = 0
        var done = 0
        while true {
            let batch = try write { db in try Self.compactBatch(db, after: after) }
            guard let last = batch.last else { break }
            after = last
            report.compressed += batch.report.compressed; report.keptShort += batch.report.keptShort
            report.notMatching += batch.report.notMatching
            report.bytesBefore += batch.report.bytesBefore; report.bytesAfter += batch.report.bytesAfter
            report.batches += 1
            done += batch.taken
            progress?(min(done, total), total)
            // A writer waiting for the lock takes it between two batches.
            if path != ":memory:" { usleep(Self.rebuildPauseMicroseconds) }
        }
        return report
    }

    /// `VACUUM`: SQLite copies the database anew, giving the space freed inside it back to the
    /// disk, then the log is emptied. Writers wait while it runs (3.2 s for 100,000 cases here);
    /// it needs free disk for a second copy of the file. Returns the bytes of the file and its
    /// log before and after.
    public func vacuum() throws(StoreError) -> (before: Int, after: Int) {
        func size() -> Int {
            ["", "-wal"].reduce(0) { total, suffix in
                var info = stat()
                return total + (lstat(path + suffix, &info) == 0 ? Int(info.st_size) : 0)
            }
        }
        let before = size()
        try onWriterConnection { db in
            try db.execute(sql: "VACUUM")
            _ = try? db.checkpoint(.truncate)
        }
        return (before, size())
    }

    private static func compactBatch(_ db: Database, after: Int64) throws -> (taken: Int, last: Int64?, report: CompactReport) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM events WHERE seq > ? AND typeof(payload) = 'text' ORDER BY seq LIMIT ?
            """, arguments: [after, compactBatchEvents])
        guard let lastRow = rows.last else { return (0, nil, CompactReport()) }
        guard let trigger = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'events_no_update'") else {
            throw StoreError.damaged(path: "", reason: "the events table has lost its append-only trigger (events_no_update)")
        }
        var report = CompactReport()
        var rewrites: [(seq: Int64, stored: DatabaseValue, text: String)] = []
        for row in rows {
            let record = EventRecord(row: row)
            guard let text = record.payload, let seq = record.seq else { continue }
            guard record.recomputedDigest() == record.digest else { report.notMatching += 1; continue }
            let stored = StoredPayload.stored(text)
            guard case .blob(let blob) = stored.storage, StoredPayload.text(stored) == text else {
                report.keptShort += 1; continue
            }
            rewrites.append((seq, stored, text))
            report.compressed += 1
            report.bytesBefore += text.utf8.count
            report.bytesAfter += blob.count
        }
        if !rewrites.isEmpty {
            try db.execute(sql: "DROP TRIGGER events_no_update")
            let update = try db.makeStatement(sql: "UPDATE events SET payload = ? WHERE seq = ? AND payload = ?")
            for rewrite in rewrites {
                try update.execute(arguments: [rewrite.stored, rewrite.seq, rewrite.text])
                guard db.changesCount == 1 else {
                    throw StoreError.damaged(path: "", reason: "event \(rewrite.seq) changed while it was compacted")
                }
            }
            try db.execute(sql: trigger)
        }
        return (rows.count, lastRow["seq"], report)
    }
}

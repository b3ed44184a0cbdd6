import Casework
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Office-wide changes (a policy key, holidays, `admin rebuild`) touch up to every case. Each
/// commits in one short transaction together with the list of cases it leaves to project again
/// (`pending_projections`); the cases are then projected in batches of at most
/// `rebuildBatchSeconds`, each its own transaction that deletes the rows it did, with a pause
/// between batches in which an officer's write takes its turn. A reader meanwhile sees each case
/// whole, either as before the change or as after it. A process that dies between batches
/// leaves the rest written down: the next process that opens the database for writing finishes
/// it (`admin rebuild` resumes its own), and `admin check` counts it.
extension CaseStore {
    /// Which pending rows a pass takes on.
    public enum PendingWork: Sendable {
        /// Deadlines left behind by a policy or holiday change: what every writable open finishes.
        case officeChanges
        /// Those and an interrupted or running `admin rebuild`.
        case everything
    }

    /// The figures of one pass, for progress lines and benchmarks.
    public struct ReprojectionProgress: Sendable, Equatable {
        /// Steps done so far, of `total` (a case's deadlines or projections are one step, the links
        /// a rebuild writes first another).
        public var done: Int
        public var total: Int
        /// Write transactions committed so far.
        public var batches: Int
    }

    /// The `meta` key naming the process at work on the pending rows and when it last committed
    /// a batch ("pid unix-seconds"): another process leaves the rows to it while it is alive.
    static let reprojectingKey = "reprojecting"
    /// A worker silent this long is taken for gone even if its process id is in use again.
    static let reprojectingStaleSeconds: TimeInterval = 30

    /// How many cases still wait to be projected again (0 when none).
    public func pendingProjections() throws(StoreError) -> Int {
        try read { db in try Self.pendingProjections(db) }
    }

    static func pendingProjections(_ db: Database) throws -> Int {
        // A database inspected before its migration has no such table: nothing pending.
        guard try db.tableExists("pending_projections") else { return 0 }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM pending_projections") ?? 0
    }

    /// `pending_projections.deadlines`: what a case still needs after a policy or holiday change.
    enum PendingDeadlines: Int {
        /// Nothing (a row left for `admin rebuild` alone).
        case none = 0
        /// Its events replayed: deadlines, next deadline and stretches (a row whose basis is not
        /// known, from before v13).
        case replay = 1
        /// Its due days moved from their bases (`DeadlineBasis`), its next deadline and its
        /// stretches told from them: no replay.
        case dueDays = 2
        /// Its due days moved from their bases at once, then its events replayed for its stretches
        /// (`deadlines.replayed` = 2, no stretches by basis kept): the due days are right before
        /// the slower replay is done.
        case dueDaysThenReplay = 3
    }

    /// Records that the deadlines of the cases holding one of `kinds` (every case when nil) must
    /// be computed again; in the transaction of the change that moves them. A row already
    /// pending keeps the larger of the two needs (replay, then due days and replay, then due days).
    static func markDeadlinesPending(_ db: Database, holding kinds: Set<DeadlineKind>?) throws {
        var holding = ""
        var arguments = StatementArguments()
        if let kinds {
            guard !kinds.isEmpty else { return }
            holding = "kind IN (\(Array(repeating: "?", count: kinds.count).joined(separator: ", ")))"
            arguments = StatementArguments(kinds.map(\.rawValue).sorted())
        }
        let merge = """
            ON CONFLICT(case_id) DO UPDATE SET deadlines = CASE
                WHEN pending_projections.deadlines = 1 OR excluded.deadlines = 1 THEN 1
                WHEN pending_projections.deadlines = 3 OR excluded.deadlines = 3 THEN 3 ELSE 2 END
            """
        // One pass over the table in its order (NOT INDEXED): at 100,000 cases 0.42 s in the
        // sqlite3 shell, against 0.61 s through the index by case.
        try db.execute(sql: """
            INSERT INTO pending_projections(case_id, deadlines)
            SELECT case_id, CASE WHEN max(basis = '\(CaseProjection.unknownBasis)') THEN 1 WHEN max(replayed = 2) THEN 3 ELSE 2 END
              FROM deadlines NOT INDEXED WHERE true GROUP BY case_id HAVING max(\(holding.isEmpty ? "true" : holding))
            \(merge)
            """, arguments: arguments)
        if kinds == nil {
            // A case with no deadline left may have had one its stretches remember: replayed.
            try db.execute(sql: """
                INSERT INTO pending_projections(case_id, deadlines)
                SELECT id, 1 FROM cases WHERE id NOT IN (SELECT case_id FROM deadlines)
                \(merge)
                """)
        }
    }

    /// Projects the pending cases in batches until none is left, unless another live process is
    /// at it (then returns at once, leaving the rows to it) and `force` is false.
    /// `progress` is called after each batch.
    @discardableResult
    public func finishPendingProjections(_ work: PendingWork, now: Date = Date(), force: Bool = false,
                                         progress: ((ReprojectionProgress) -> Void)? = nil) throws(StoreError) -> ReprojectionProgress {
        let total = try read { db in
            try Self.pendingProjections(db) == 0 ? 0 : try Self.pendingCount(db, work)
        }
        var done = ReprojectionProgress(done: 0, total: total, batches: 0)
        guard total > 0 else { return done }
        if !force, try read({ db in try Self.anotherWorkerIsAlive(db) }) { return done }
        // As for a bulk load: a batch touches the rows of thousands of cases in several tables
        // and indexes, which the default 2 MB page cache spilled to the WAL and read back.
        try onWriterConnection { db in try db.execute(sql: "PRAGMA cache_size = -131072") }
        defer { try? onWriterConnection { db in try db.execute(sql: "PRAGMA cache_size = -2000") } }
        // The log is checkpointed beside the batches, not between them (or between them as
        // before, should a second connection not open: the change goes on either way).
        let checkpointer = path == ":memory:" ? nil : try? BatchCheckpointer(path: path)
        // The writer's own setting, off while the batches run and back after.
        var autocheckpoint: Int?
        if checkpointer != nil {
            autocheckpoint = try onWriterConnection { db in
                defer { try? db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
                return try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000
            }
        }
        defer {
            checkpointer?.finish()
            if let autocheckpoint { try? onWriterConnection { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(autocheckpoint)") } }
        }
        // Right after the change's own transaction (`force`) a writer may be waiting already:
        // it goes before the first batch too.
        if force, path != ":memory:" { usleep(Self.rebuildPauseMicroseconds) }
        var waits = 0
        while true {
            let batch: (did: Int, left: Bool)
            do {
                batch = try reprojectionBatch(work, now: now)
            } catch .busy where waits < 3 {
                // Writers kept the lock for the whole busy timeout: they go first, the batches
                // wait again (they change nothing an officer needs right now).
                waits += 1
                continue
            }
            waits = 0
            checkpointer?.checkpointSoon()
            if batch.did > 0 {
                done.done = min(total, done.done + batch.did)
                done.batches += 1
                progress?(done)
                Self.dieAfterBatchesForTests(done.batches)
            }
            guard batch.left else { break }
            // No other process can be waiting for a private in-memory database.
            if path != ":memory:" { usleep(Self.rebuildPauseMicroseconds) }
            checkpointer?.shortenLog()
        }
        return done
    }

    private static func pendingCount(_ db: Database, _ work: PendingWork) throws -> Int {
        switch work {
        // A case whose links the rebuild has still to write counts twice: links, then projections.
        case .everything:
            return try Int.fetchOne(db, sql: """
                SELECT count(*) + count(CASE WHEN rebuild = 2 THEN 1 END) + count(CASE WHEN deadlines IN (2, 3) THEN 1 END)
                  FROM pending_projections
                """) ?? 0
        // Due days then replay counts twice.
        case .officeChanges:
            return try Int.fetchOne(db, sql: """
                SELECT count(*) + count(CASE WHEN deadlines = 3 THEN 1 END) FROM pending_projections WHERE deadlines > 0
                """) ?? 0
        }
    }

    /// Marks this process as the one at work on the pending rows: in each batch, and in the
    /// transaction of the change that writes them, so that a process opening the database
    /// before the first batch leaves them to this one.
    /// Nothing when no row is pending (the last batch takes the mark away; none would come).
    static func markWorker(_ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pending_projections)") == true else { return }
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [reprojectingKey, "\(getpid()) \(Int(Date().timeIntervalSince1970))"])
    }

    /// Whether the pending rows belong to another process that is still alive and working.
    static func anotherWorkerIsAlive(_ db: Database) throws -> Bool {
        guard let mark = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [reprojectingKey])
        else { return false }
        let fields = mark.split(separator: " ")
        guard fields.count == 2, let pid = pid_t(fields[0]), let at = Double(fields[1]) else { return false }
        if pid == getpid() { return false }
        if Date().timeIntervalSince1970 - at > reprojectingStaleSeconds { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// One write transaction: the links of the rebuild's next cases, else the due days of the next
    /// cases whose deadlines move from their bases, else the projections of the next pending
    /// cases, until the batch time is up. Returns how many cases it finished a step of, and
    /// whether any is left.
    private func reprojectionBatch(_ work: PendingWork, now: Date) throws(StoreError) -> (did: Int, left: Bool) {
        try write { db in
            let started = Date()
            try Self.markWorker(db)
            // The rebuild writes every case's links before any projection, so that a deadline
            // that depends on a linked case sees all of them.
            let linksLeft = try work == .everything
                && Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pending_projections WHERE rebuild = 2)") == true
            let dueDaysLeft = try !linksLeft
                && Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pending_projections WHERE deadlines IN (2, 3))") == true
            let context = try Self.systemContext(db, now: now)
            if dueDaysLeft {
                let did = try Self.moveDueDaysBatch(db, context: context)
                return (did, try Self.workLeft(db, work))
            }
            let filter = linksLeft ? "rebuild = 2" : work == .everything ? "true" : "deadlines = 1"
            let rows = try Row.fetchAll(db, sql: """
                SELECT case_id, deadlines, rebuild FROM pending_projections WHERE \(filter) ORDER BY case_id LIMIT ?
                """, arguments: [Self.batchCases])
            guard !rows.isEmpty else { return (0, false) }
            var did = 0
            // Folded a few cases at a time, so that the time limit holds on a slow machine too.
            chunks: for start in stride(from: 0, to: rows.count, by: Self.foldedTogether) {
                let chunk = rows[start..<min(rows.count, start + Self.foldedTogether)]
                let files = try Self.foldAll(db, caseIDs: chunk.map { $0["case_id"] as String })
                let known: (UUID) throws -> CaseFile? = { id in
                    if let file = files[id.uuidString] { return file }
                    let events = try Self.events(db, caseID: id)
                    return events.isEmpty ? nil : Engine.fold(events)
                }
                for row in chunk {
                    let id: String = row["case_id"]
                    // An interrupted rebuild's case is left to the rebuild when only deadlines are due.
                    let whole = (row["rebuild"] as Int) > 0 && work == .everything
                    if let file = files[id] {
                        if linksLeft {
                            try Self.rewriteLinks(db, of: file)
                        } else {
                            let linked = try Self.linkedFiles(db, of: file, known: known)
                            if whole {
                                try Projector.project(db, file: file, context: context, linked: linked)
                            } else {
                                try Projector.projectDeadlines(db, file: file, context: context, linked: linked)
                            }
                        }
                    }
                    // A case with no events (none can be deleted, but a row may outlive a restore) is done.
                    if linksLeft {
                        try db.cachedStatement(sql: "UPDATE pending_projections SET rebuild = 1 WHERE case_id = ?").execute(arguments: [id])
                    } else if (row["rebuild"] as Int) > 0, !whole {
                        try db.cachedStatement(sql: "UPDATE pending_projections SET deadlines = 0 WHERE case_id = ?").execute(arguments: [id])
                    } else {
                        try db.cachedStatement(sql: "DELETE FROM pending_projections WHERE case_id = ?").execute(arguments: [id])
                    }
                    did += 1
                    if Date().timeIntervalSince(started) > Self.rebuildBatchSeconds { break chunks }
                }
            }
            return (did, try Self.workLeft(db, work))
        }
    }

    /// Whether `work` has rows left; when none at all is, the worker's mark goes (in the
    /// transaction of the last batch).
    private static func workLeft(_ db: Database, _ work: PendingWork) throws -> Bool {
        let left = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM pending_projections WHERE \(work == .everything ? "true" : "deadlines > 0"))
            """) == true
        if !left, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pending_projections)") == false {
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [reprojectingKey])
        }
        return left
    }

    /// The given cases folded from their events, read in one pass (by id).
    static func foldAll(_ db: Database, caseIDs: [String]) throws -> [String: CaseFile] {
        guard !caseIDs.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: caseIDs.count).joined(separator: ", ")
        var files: [String: CaseFile] = [:]
        var batch: [EventRecord] = []
        func flush() throws {
            guard let first = batch.first else { return }
            files[first.caseID] = Engine.fold(try caseEvents(batch))
            batch.removeAll(keepingCapacity: true)
        }
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM events WHERE case_id IN (\(marks)) ORDER BY case_id, seq",
                                         arguments: StatementArguments(caseIDs))
        while let row = try cursor.next() {
            let record = EventRecord(row: row)
            if let current = batch.first?.caseID, current != record.caseID { try flush() }
            batch.append(record)
        }
        try flush()
        return files
    }

    /// At most this many cases a batch (the time limit usually ends it first);
    /// `CADESK_TEST_BATCH_CASES` makes batches small so that a test sees several on a few cases.
    static let batchCases: Int = {
        if let value = ProcessInfo.processInfo.environment["CADESK_TEST_BATCH_CASES"], let n = Int(value), n > 0 { return n }
        return 400
    }()

    /// Cases whose events are read in one query within a batch.
    static let foldedTogether = 16

    /// A test stands for a process killed between two batches: with
    /// `CADESK_TEST_DIE_AFTER_BATCHES=N` the process ends, without cleaning up, once N batches
    /// are committed.
    static func dieAfterBatchesForTests(_ batches: Int) {
        guard let value = ProcessInfo.processInfo.environment["CADESK_TEST_DIE_AFTER_BATCHES"],
              let limit = Int(value), batches >= limit else { return }
        _exit(137)
    }
}

import Casework
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CaseStore {
    /// Longest a rebuild holds the write lock at a time; other writers wait at most about this.
    static let rebuildBatchSeconds: TimeInterval = 0.25
    /// The pause between batches: several times a waiting writer's poll (`busyPollMicroseconds`),
    /// so that every writer waiting for the lock wakes up while it is free and takes its turn.
    /// (SQLite's own busy handler sleeps up to 100 ms between tries: the pause was 120 ms, 2.3 s
    /// of the 10 s a policy change took at 100,000 cases.)
    static let rebuildPauseMicroseconds: useconds_t = 4 * busyPollMicroseconds

    /// `admin rebuild`: every projection (cases, deadlines, links, search index) recomputed from
    /// the events, in short write transactions case by case, so that officers keep working
    /// during a rebuild of 100,000 cases instead of failing with "database is busy". The cases
    /// left are kept in `pending_projections`: a rebuild interrupted (Ctrl-C, a crash) is resumed
    /// by the next one, where it stopped. `progress` is called after each batch.
    /// Returns whether it resumed an interrupted rebuild.
    @discardableResult
    public func rebuildProjections(now: Date, progress: ((ReprojectionProgress) -> Void)?) throws(StoreError) -> Bool {
        let resumed = try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pending_projections WHERE rebuild > 0)") == true
        }
        if !resumed {
            // What is done for all cases at once comes first, in steps of a few tenths of a
            // second each with the pause of the batches between them: in one transaction they
            // held the lock for 1.6 s at 100,000 cases, and an officer's write waited as long.
            // Each step is whole by itself (the triggers and the projector keep what it made
            // right afterwards), so a rebuild stopped between them starts again from the first.
            for step in Self.rebuildFirstSteps {
                try write(step)
                if path != ":memory:" { usleep(Self.rebuildPauseMicroseconds) }
            }
            // Links first, for every case, so that deadlines that depend on a linked case see them all.
            try write { db in
                try db.execute(sql: """
                    INSERT INTO pending_projections(case_id, rebuild) SELECT id, 2 FROM cases WHERE true
                    ON CONFLICT(case_id) DO UPDATE SET rebuild = 2
                    """)
                try Self.markWorker(db)
            }
        }
        try finishPendingProjections(.everything, now: now, force: true, progress: progress)
        return resumed
    }

    /// The rebuild's work on whole tables, one transaction each.
    private static let rebuildFirstSteps: [@Sendable (Database) throws -> Void] = [
        // Rows that belong to no case are what a case-by-case pass cannot reach.
        { db in
            try db.execute(sql: """
                DELETE FROM deadlines WHERE case_id NOT IN (SELECT id FROM cases);
                DELETE FROM deadline_spans WHERE case_id NOT IN (SELECT id FROM cases);
                DELETE FROM deadline_stretches WHERE case_id NOT IN (SELECT id FROM cases);
                DELETE FROM links WHERE case_id NOT IN (SELECT id FROM cases);
                """)
        },
        { db in try Schema.recountTriggerTables(db) },
        { db in
            try SearchIndex.removeOrphans(db)
            try SearchIndex.rebuildCJK(db)
        },
    ]

    public func rebuildProjections(now: Date) throws(StoreError) {
        try rebuildProjections(now: now, progress: nil)
    }

    static func rewriteLinks(_ db: Database, of file: CaseFile) throws {
        try db.cachedStatement(sql: "DELETE FROM links WHERE case_id = ?").execute(arguments: [file.id.uuidString])
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO links(case_id, other_id, relation) VALUES (?, ?, ?)")
        for link in file.links where link.id != file.id {
            try insert.execute(arguments: [file.id.uuidString, link.id.uuidString, link.relation])
        }
    }

    // MARK: Comparing with a rebuild

    /// What the stored projections say that the events do not: each line names the case and
    /// what differs ("case IN-MLA-2026-0003: state differs: stored executing, events say refused").
    /// The rebuild runs on a private temporary copy (SQLite deletes it on close), never here.
    /// `finishingPending` (`admin check`): the stored projections as they will be once the work
    /// left pending is done; without it, as they are now.
    public func projectionDifferences(now: Date, limit: Int = 50, finishingPending: Bool = false) throws(StoreError) -> [String] {
        try storeAccess(path) {
            let copy = try DatabaseQueue(path: "")
            defer { try? copy.close() }
            try writer.backup(to: copy)
            // A database inspected without being migrated (read-only): its copy is, so that the
            // rebuild writes the tables it knows.
            try Schema.migrator.migrate(copy)
            // What an office-wide change or an interrupted rebuild left to recompute is finished
            // in the copy first, as the next writer (or `admin rebuild`) finishes it: a change
            // under way is where the database is going, reported apart (`pendingProjections`),
            // not a difference. A case the change should have listed and did not still differs.
            if finishingPending {
                _ = try CaseStore.wrapping(privateCopy: copy).finishPendingProjections(.everything, now: now, force: true)
            }
            return try copy.inDatabase { db in
                try db.execute(sql: """
                    CREATE TEMP TABLE stored_cases AS SELECT * FROM cases;
                    CREATE TEMP TABLE stored_deadlines AS SELECT case_id, kind, due, status, article, closed, basis, replayed FROM deadlines;
                    CREATE TEMP TABLE stored_started_days AS SELECT day, direction, kind, open, count FROM started_days;
                    CREATE TEMP TABLE stored_open_deadlines AS
                        SELECT case_id, ref, officer, counterpart, direction, case_kind, kind, due FROM open_deadlines;
                    CREATE TEMP TABLE stored_deadline_spans AS SELECT case_id, n, kind, due, from_day, until FROM deadline_spans;
                    CREATE TEMP TABLE stored_deadline_stretches AS
                        SELECT case_id, n, kind, basis, due, from_day, until FROM deadline_stretches;
                    CREATE TEMP TABLE stored_links AS SELECT case_id, other_id, relation FROM links;
                    CREATE TEMP TABLE stored_text AS SELECT rowid AS seq, ref, title, facts, offence, counterpart, notes, officer FROM case_text;
                    CREATE VIRTUAL TABLE temp.cjk_terms USING fts5vocab(main, case_cjk, instance);
                    CREATE TEMP TABLE stored_cjk AS SELECT term, doc, col, offset FROM temp.cjk_terms;
                    DELETE FROM deadlines; DELETE FROM deadline_spans; DELETE FROM deadline_stretches; DELETE FROM links;
                    """)
                try Schema.recountTriggerTables(db)
                try SearchIndex.removeAll(db)
                try Self.reprojectAll(db, now: now)
                return try ProjectionComparison(db: db, limit: limit).differences()
            }
        }
    }
}

/// Compares the `stored_*` copies of the projections with the tables rebuilt beside them.
private struct ProjectionComparison {
    let db: Database
    let limit: Int

    static let caseColumns = ["ref", "direction", "kind", "state", "open", "counterpart", "officer", "title",
                              "urgency", "confidential", "received", "next_due", "next_kind", "updated", "events", "started"]

    func differences() throws -> [String] {
        var out = try orphanCases()
        for column in Self.caseColumns where out.count < limit {
            out += try caseColumn(column)
        }
        if out.count < limit { out += try setDifference("deadlines", columns: "case_id, kind, due, status, article, closed", key: "case_id") }
        if out.count < limit { out += try bases() }
        if out.count < limit { out += try startedDays() }
        if out.count < limit {
            out += try setDifference("open_deadlines", columns: "case_id, ref, officer, counterpart, direction, case_kind, kind, due",
                                     key: "case_id")
        }
        if out.count < limit {
            out += try setDifference("deadline_spans", columns: "case_id, n, kind, due, from_day, until", key: "case_id")
        }
        if out.count < limit {
            out += try setDifference("deadline_stretches", columns: "case_id, n, kind, basis, due, from_day, until", key: "case_id")
        }
        if out.count < limit { out += try setDifference("links", columns: "case_id, other_id, relation", key: "case_id") }
        if out.count < limit { out += try searchIndex() }
        return Array(out.prefix(limit))
    }

    /// Deadline rows whose basis (or replay mark) is not what the events give: a policy change
    /// would move them wrong. A row stored before v13 ("?", not known) is not one.
    func bases() throws -> [String] {
        let columns = "case_id, kind, due, status, article, closed, basis, replayed"
        let ids = try String.fetchAll(db, sql: """
            SELECT DISTINCT case_id FROM (SELECT \(columns) FROM stored_deadlines WHERE basis <> ?
                                          EXCEPT SELECT \(columns) FROM deadlines)
             LIMIT ?
            """, arguments: [CaseProjection.unknownBasis, limit])
        return try ids.map { id in
            let ref = try String.fetchOne(db, sql: "SELECT ref FROM cases WHERE id = ?", arguments: [id]) ?? id
            return "case \(ref): the bases of its deadlines differ from what the events say"
        }
    }

    /// Stored cases that no event records.
    func orphanCases() throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT ref FROM stored_cases WHERE id NOT IN (SELECT case_id FROM events) ORDER BY ref LIMIT ?
            """, arguments: [limit]).map { "case \($0): stored, but no event records it" }
    }

    func caseColumn(_ column: String) throws -> [String] {
        try Row.fetchAll(db, sql: """
            SELECT s.ref AS ref, s.\(column) AS stored, r.\(column) AS rebuilt
              FROM stored_cases s JOIN cases r ON r.id = s.id
             WHERE s.\(column) IS NOT r.\(column) ORDER BY s.ref LIMIT ?
            """, arguments: [limit]).map { row in
            let stored = Self.shown(row["stored"]), rebuilt = Self.shown(row["rebuilt"])
            return "case \(row["ref"] as String): \(column) differs: stored \(stored), events say \(rebuilt)"
        }
    }

    func setDifference(_ table: String, columns: String, key: String) throws -> [String] {
        let ids = try String.fetchAll(db, sql: """
            SELECT DISTINCT \(key) FROM (SELECT \(columns) FROM stored_\(table) EXCEPT SELECT \(columns) FROM \(table)
                                         UNION ALL
                                         SELECT \(columns) FROM \(table) EXCEPT SELECT \(columns) FROM stored_\(table))
             LIMIT ?
            """, arguments: [limit])
        return try ids.map { id in
            let ref = try String.fetchOne(db, sql: "SELECT ref FROM cases WHERE id = ?", arguments: [id]) ?? id
            return "case \(ref): \(table) differ from what the events say"
        }
    }

    /// The counts of cases started per day (kept by triggers) against those of the rebuilt cases.
    func startedDays() throws -> [String] {
        let columns = "day, direction, kind, open, count"
        return try String.fetchAll(db, sql: """
            SELECT DISTINCT day FROM (SELECT \(columns) FROM stored_started_days EXCEPT SELECT \(columns) FROM started_days
                                      UNION ALL
                                      SELECT \(columns) FROM started_days EXCEPT SELECT \(columns) FROM stored_started_days)
             ORDER BY 1 LIMIT ?
            """, arguments: [limit]).map { "cases started on \($0): the counts differ from the cases" }
    }

    func searchIndex() throws -> [String] {
        let columns = "seq, ref, title, facts, offence, counterpart, notes, officer"
        let rebuilt = "SELECT rowid AS seq, ref, title, facts, offence, counterpart, notes, officer FROM case_text"
        // case_cjk keeps no text: its index entries (term, case, position) are compared instead.
        let pieces = "SELECT term, doc, col, offset FROM temp.cjk_terms"
        let seqs = try Int64.fetchAll(db, sql: """
            SELECT DISTINCT seq FROM (SELECT \(columns) FROM stored_text EXCEPT \(rebuilt)
                                      UNION ALL
                                      SELECT * FROM (\(rebuilt) EXCEPT SELECT \(columns) FROM stored_text)
                                      UNION ALL
                                      SELECT doc, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                                        FROM (SELECT * FROM stored_cjk EXCEPT \(pieces)
                                              UNION ALL
                                              SELECT * FROM (\(pieces) EXCEPT SELECT * FROM stored_cjk)))
             LIMIT ?
            """, arguments: [limit])
        return try seqs.map { seq in
            let ref = try String.fetchOne(db, sql: "SELECT ref FROM cases WHERE seq = ?", arguments: [seq]) ?? "#\(seq)"
            return "case \(ref): search index differs from what the events say"
        }
    }

    /// A stored value as a line shows it: short, quoted when text.
    static func shown(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "nothing"
        case .int64(let n): return String(n)
        case .string(let s): return s.count > 40 ? "'\(s.prefix(40))…'" : (s.contains(" ") || s.isEmpty ? "'\(s)'" : s)
        default: return "\(value)"
        }
    }
}

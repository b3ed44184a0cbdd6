import Casework
import Foundation
import GRDB

/// Stores the projections of a folded case (`CaseProjection`, decided without SQL): its `cases`
/// row, deadlines, links and search text. Everything here is derived from events, policy and
/// holidays, so `rebuildProjections()` can throw it all away and write it again identically.
enum Projector {
    static var noDeadline: String { CaseProjection.noDeadline }

    /// Recomputes this case's projections and those of every case linked to it either way
    /// (an incoming preservation's release-due depends on its linked MLA's decision, 42.8).
    static func reproject(_ db: Database, file: CaseFile, context: CaseContext) throws {
        try project(db, file: file, context: context)
        let linked = try CaseStore.linkedFiles(db, of: file)
        for other in linked.values.sorted(by: { $0.ref < $1.ref }) {
            try project(db, file: other, context: context)
        }
    }

    /// Writes the projections of one case: `isNew` inserts them (a case being registered, whose
    /// events are appended next), otherwise they are rewritten. Both write the same values.
    /// `searchLater` holds a new case's search entry back for the caller to write with others
    /// (`SearchIndex.Later`); without it the entry is written here.
    static func project(_ db: Database, file: CaseFile, context: CaseContext,
                        linked: [UUID: CaseFile]? = nil, isNew: Bool = false,
                        counterpartText: String? = nil, searchLater: SearchIndex.Later? = nil) throws {
        var deadlineContext = context
        deadlineContext.linkedCases = try linked ?? CaseStore.linkedFiles(db, of: file)
        let projection = CaseProjection(file, context: deadlineContext)
        try store(db, projection, isNew: isNew,
                  counterpartText: try counterpartText ?? Self.counterpartText(db, file.counterpart),
                  searchLater: searchLater)
    }

    static func store(_ db: Database, _ projection: CaseProjection, isNew: Bool, counterpartText: String,
                      searchLater: SearchIndex.Later? = nil) throws {
        let r = projection.row, id = r.id
        let values: [(any DatabaseValueConvertible)?] = [
            r.ref, r.direction, r.kind, r.state, r.open, r.counterpart, r.officer, r.title, r.urgency,
            r.confidential, r.received, r.nextDue, r.nextKind, r.updated, r.events, r.theirRef, r.started, r.conflict, id,
        ]
        let seq: Int64
        if isNew {
            try db.cachedStatement(sql: """
                INSERT INTO cases(ref, direction, kind, state, open, counterpart, officer, title, urgency,
                                  confidential, received, next_due, next_kind, updated, events, their_ref, started, conflict, id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: StatementArguments(values))
            seq = db.lastInsertedRowID
        } else {
            guard let current = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT seq, ref, direction, kind, state, open, counterpart, officer, title, urgency,
                       confidential, received, next_due, next_kind, updated, events, their_ref, started, conflict, id
                  FROM cases WHERE id = ?
                """), arguments: [id]) else { return }
            seq = current["seq"]
            // SQLite rewrites every index of every column SET, changed or not: with nine indexes
            // on cases, skipping unchanged rows makes reprojecting everything several times faster.
            let unchanged = values.enumerated().allSatisfy { n, value in
                (value?.databaseValue ?? .null) == current[n + 1] as DatabaseValue
            }
            if !unchanged {
                try db.cachedStatement(sql: """
                    UPDATE cases SET ref = ?, direction = ?, kind = ?, state = ?, open = ?, counterpart = ?,
                           officer = ?, title = ?, urgency = ?, confidential = ?, received = ?, next_due = ?,
                           next_kind = ?, updated = ?, events = ?, their_ref = ?, started = ?, conflict = ?
                     WHERE id = ?
                    """).execute(arguments: StatementArguments(values))
            }
            try db.cachedStatement(sql: "DELETE FROM deadlines WHERE case_id = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "DELETE FROM deadline_spans WHERE case_id = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "DELETE FROM deadline_stretches WHERE case_id = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "DELETE FROM links WHERE case_id = ?").execute(arguments: [id])
        }

        try insertDeadlines(db, id: id, projection.deadlines)
        try insertSpans(db, id: id, projection.spans)
        try insertStretches(db, id: id, projection.stretches)
        let insertLink = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO links(case_id, other_id, relation) VALUES (?, ?, ?)
            """)
        for link in projection.links {
            try insertLink.execute(arguments: [id, link.other, link.relation])
        }
        let text = projection.text
        let fields = SearchIndex.Fields(ref: text.ref, title: text.title, facts: text.facts, offence: text.offence,
                                        counterpart: counterpartText, notes: text.notes, officer: projection.row.officer)
        if isNew, let searchLater {
            searchLater.add(seq: seq, fields)
        } else if isNew {
            try SearchIndex.insert(db, seq: seq, fields)
        } else {
            try SearchIndex.replace(db, seq: seq, with: fields)
        }
    }

    /// Only what policy and holidays can change: the deadlines and the next one.
    static func projectDeadlines(_ db: Database, file: CaseFile, context: CaseContext,
                                 linked: [UUID: CaseFile]) throws {
        var deadlineContext = context
        deadlineContext.linkedCases = linked
        let projected = CaseProjection.Deadlines(file, context: deadlineContext)
        let id = file.id.uuidString
        let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT next_due, next_kind FROM cases WHERE id = ?"),
                                       arguments: [id])
        if current?["next_due"] != projected.nextDue || current?["next_kind"] != projected.nextKind {
            try db.cachedStatement(sql: "UPDATE cases SET next_due = ?, next_kind = ? WHERE id = ?")
                .execute(arguments: [projected.nextDue, projected.nextKind, id])
        }
        // Most deadlines do not move when one period changes: rewrite only those cases' rows.
        let stored = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT kind, due, status, article, closed, basis, replayed FROM deadlines WHERE case_id = ? ORDER BY rowid
            """), arguments: [id]).map {
            CaseProjection.StoredDeadline(kind: $0["kind"], due: $0["due"], status: $0["status"], article: $0["article"],
                                          closed: $0["closed"], basis: $0["basis"], replayed: $0["replayed"])
        }
        if stored != projected.deadlines {
            try db.cachedStatement(sql: "DELETE FROM deadlines WHERE case_id = ?").execute(arguments: [id])
            try insertDeadlines(db, id: id, projected.deadlines)
        }
        let storedSpans = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT kind, due, from_day, until FROM deadline_spans WHERE case_id = ? ORDER BY n
            """), arguments: [id]).map {
            CaseProjection.StoredSpan(kind: $0["kind"], due: $0["due"], from: $0["from_day"], until: $0["until"])
        }
        if storedSpans != projected.spans {
            try db.cachedStatement(sql: "DELETE FROM deadline_spans WHERE case_id = ?").execute(arguments: [id])
            try insertSpans(db, id: id, projected.spans)
        }
        if try storedStretches(db, id: id) != projected.stretches {
            try db.cachedStatement(sql: "DELETE FROM deadline_stretches WHERE case_id = ?").execute(arguments: [id])
            try insertStretches(db, id: id, projected.stretches)
        }
    }

    static func storedStretches(_ db: Database, id: String) throws -> [CaseProjection.StoredStretch] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT kind, basis, due, from_day, until FROM deadline_stretches WHERE case_id = ? ORDER BY n
            """), arguments: [id]).map {
            CaseProjection.StoredStretch(kind: $0["kind"], basis: $0["basis"], due: $0["due"], from: $0["from_day"],
                                         until: $0["until"])
        }
    }

    /// A replayed case's stretches by basis, numbered in order.
    static func insertStretches(_ db: Database, id: String, _ stretches: [CaseProjection.StoredStretch]) throws {
        guard !stretches.isEmpty else { return }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO deadline_stretches(case_id, n, kind, basis, due, from_day, until) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (n, s) in stretches.enumerated() {
            try insert.execute(arguments: [id, n, s.kind, s.basis, s.due, s.from, s.until])
        }
    }

    /// The case's `OverdueSpan`s, numbered in order (the dashboard's weekly overdue count).
    static func insertSpans(_ db: Database, id: String, from first: Int = 0, _ spans: [CaseProjection.StoredSpan]) throws {
        guard !spans.isEmpty else { return }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO deadline_spans(case_id, n, kind, due, from_day, until) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (n, span) in spans.enumerated() {
            try insert.execute(arguments: [id, first + n, span.kind, span.due, span.from, span.until])
        }
    }

    static func insertDeadlines(_ db: Database, id: String, _ deadlines: [CaseProjection.StoredDeadline]) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO deadlines(case_id, kind, due, status, article, closed, basis, replayed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for d in deadlines {
            try insert.execute(arguments: [id, d.kind, d.due, d.status, d.article, d.closed, d.basis, d.replayed])
        }
    }

    /// The counterpart's words for full-text search: its code and names (`counterpartText`
    /// lets a caller that writes many cases look them up once per State).
    static func counterpartText(_ db: Database, _ iso3: String) throws -> String {
        let country = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, official FROM directory WHERE iso3 = ?"),
                                       arguments: [iso3])
        return [iso3, country?["name"] ?? "", country?["official"] ?? ""]
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}

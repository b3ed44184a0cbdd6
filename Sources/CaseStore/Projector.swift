import CanonicalEvents
import Casework
import Foundation
import GRDB

/// Writes the projections of a folded case: its `cases` row, deadlines, links and search text.
/// Everything here is derived from events, policy and holidays, so `rebuildProjections()` can
/// throw it all away and write it again identically.
enum Projector {
    /// `next_due` of a case with no pending deadline: the far future, so it sorts last.
    static let noDeadline = "9999-12-31"

    /// The lasting part of a deadline status: due-soon and overdue are how an open deadline
    /// looks on a given day, computed when read (`DeadlineStatus.asOf`).
    static func storedStatus(_ status: DeadlineStatus) -> String {
        status.isPending ? DeadlineStatus.open.rawValue : status.rawValue
    }

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
    static func project(_ db: Database, file: CaseFile, context: CaseContext,
                        linked: [UUID: CaseFile]? = nil, isNew: Bool = false,
                        counterpartText: String? = nil) throws {
        var deadlineContext = context
        deadlineContext.linkedCases = try linked ?? CaseStore.linkedFiles(db, of: file)
        let deadlines = Engine.deadlines(for: file, context: deadlineContext)
        let next = nextDeadline(deadlines)
        let updated = file.events.map(\.event.recorded).max() ?? Date(timeIntervalSince1970: 0)
        let id = file.id.uuidString
        let values: [(any DatabaseValueConvertible)?] = [
            file.ref, file.direction.rawValue, file.kind.rawValue, file.state.rawValue, file.isOpen,
            file.counterpart, file.officer, file.titleForLists, file.urgency.rawValue, file.confidential,
            file.received.storedText, next?.due.storedText ?? noDeadline, next?.kind.rawValue ?? "",
            CanonicalJSON.timestamp(updated), file.events.count, file.theirRef ?? "", file.startedOn?.storedText ?? "", id,
        ]
        let seq: Int64
        if isNew {
            try db.cachedStatement(sql: """
                INSERT INTO cases(ref, direction, kind, state, open, counterpart, officer, title, urgency,
                                  confidential, received, next_due, next_kind, updated, events, their_ref, started, id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: StatementArguments(values))
            seq = db.lastInsertedRowID
        } else {
            guard let current = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT seq, ref, direction, kind, state, open, counterpart, officer, title, urgency,
                       confidential, received, next_due, next_kind, updated, events, their_ref, started, id
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
                           next_kind = ?, updated = ?, events = ?, their_ref = ?, started = ?
                     WHERE id = ?
                    """).execute(arguments: StatementArguments(values))
            }
            try db.cachedStatement(sql: "DELETE FROM deadlines WHERE case_id = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "DELETE FROM links WHERE case_id = ?").execute(arguments: [id])
        }

        try insertDeadlines(db, id: id, deadlines)
        let insertLink = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO links(case_id, other_id, relation) VALUES (?, ?, ?)
            """)
        for link in file.links where link.id != file.id {
            try insertLink.execute(arguments: [id, link.id.uuidString, link.relation])
        }
        let text = try indexText(db, file: file, counterpartText: counterpartText)
        if isNew { try SearchIndex.insert(db, seq: seq, text) } else { try SearchIndex.replace(db, seq: seq, with: text) }
    }

    /// Only what policy and holidays can change: the deadlines and the next one.
    static func projectDeadlines(_ db: Database, file: CaseFile, context: CaseContext,
                                 linked: [UUID: CaseFile]) throws {
        var deadlineContext = context
        deadlineContext.linkedCases = linked
        let deadlines = Engine.deadlines(for: file, context: deadlineContext)
        let next = nextDeadline(deadlines)
        let id = file.id.uuidString
        let nextDue = next?.due.storedText ?? noDeadline, nextKind = next?.kind.rawValue ?? ""
        let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT next_due, next_kind FROM cases WHERE id = ?"),
                                       arguments: [id])
        if current?["next_due"] != nextDue || current?["next_kind"] != nextKind {
            try db.cachedStatement(sql: "UPDATE cases SET next_due = ?, next_kind = ? WHERE id = ?")
                .execute(arguments: [nextDue, nextKind, id])
        }
        // Most deadlines do not move when one period changes: rewrite only those cases' rows.
        let stored = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT kind, due, status, article, closed FROM deadlines WHERE case_id = ? ORDER BY rowid
            """), arguments: [id]).map { [$0["kind"], $0["due"], $0["status"], $0["article"], $0["closed"]] as [String] }
        let fresh = deadlines.map { [$0.kind.rawValue, $0.due.storedText, storedStatus($0.status), $0.article, closedText($0)] }
        if stored != fresh {
            try db.cachedStatement(sql: "DELETE FROM deadlines WHERE case_id = ?").execute(arguments: [id])
            try insertDeadlines(db, id: id, deadlines)
        }
    }

    static func nextDeadline(_ deadlines: [Deadline]) -> Deadline? {
        deadlines.filter(\.status.isPending).min { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
    }

    static func insertDeadlines(_ db: Database, id: String, _ deadlines: [Deadline]) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO deadlines(case_id, kind, due, status, article, closed) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for d in deadlines {
            try insert.execute(arguments: [id, d.kind.rawValue, d.due.storedText, storedStatus(d.status), d.article, closedText(d)])
        }
    }

    /// The day a deadline was met or cancelled ('' while it is pending or suspended).
    static func closedText(_ d: Deadline) -> String {
        guard d.status == .met || d.status == .cancelled else { return "" }
        return d.closedOn?.storedText ?? ""
    }

    /// The counterpart's words for full-text search: its code and names (`counterpartText`
    /// lets a caller that writes many cases look them up once per State).
    static func counterpartText(_ db: Database, _ iso3: String) throws -> String {
        let country = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, official FROM directory WHERE iso3 = ?"),
                                       arguments: [iso3])
        return [iso3, country?["name"] ?? "", country?["official"] ?? ""]
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The case's words for search: reference (theirs too), title, facts, offence, the
    /// counterpart's code and names, the notes and reasons recorded on its events, its officer.
    static func indexText(_ db: Database, file: CaseFile, counterpartText: String? = nil) throws -> SearchIndex.Fields {
        let counterpart = try counterpartText ?? Self.counterpartText(db, file.counterpart)
        var notes: [String] = []
        for filed in file.events {
            let p = filed.event.payload
            for text in [p.note, p.reason, p.conditions, p.authority, p.custodian, p.provider] {
                if let text, !text.isEmpty { notes.append(text) }
            }
        }
        return SearchIndex.Fields(ref: [file.ref, file.theirRef ?? ""].joined(separator: " "), title: file.title,
                                  facts: file.facts, offence: file.offence, counterpart: counterpart,
                                  notes: notes.joined(separator: "\n"), officer: file.officer)
    }
}

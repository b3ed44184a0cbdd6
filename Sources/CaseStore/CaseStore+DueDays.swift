import Casework
import Foundation
import GRDB

/// A change of a policy period, of the working-day rule or of the holidays moves due days, and
/// nothing else a deadline is: which deadlines a case has, whether met or cancelled and when,
/// follow from its events alone. Each deadline row keeps how its due day follows from the policy
/// (`DeadlineBasis`, computed by the replay that wrote it), so the change moves the due days of
/// the cases it touches from their rows, with no replay of their events: at 100,000 cases the
/// replay took about a millisecond a case. A case whose stretches are replayed from its events
/// has them told from its stretches by basis (`deadline_stretches`), or is replayed after its due
/// days moved when those cannot tell them; a row whose basis is not known ("?", stored before
/// v13) has its case replayed instead.
extension CaseStore {
    /// One batch of cases pending with due days to move (`PendingDeadlines.dueDays` and
    /// `.dueDaysThenReplay`), until the batch time is up. Returns how many it did.
    static func moveDueDaysBatch(_ db: Database, context: CaseContext, started: Date) throws -> Int {
        let ids = try String.fetchAll(db, sql: """
            SELECT case_id FROM pending_projections WHERE deadlines IN (2, 3) ORDER BY case_id LIMIT ?
            """, arguments: [dueDaysBatchCases])
        var did = 0
        for id in ids {
            let need = try Int.fetchOne(db.cachedStatement(sql: "SELECT deadlines FROM pending_projections WHERE case_id = ?"),
                                        arguments: [id])
            if try moveDueDays(db, caseID: id, context: context) && need == PendingDeadlines.dueDays.rawValue {
                try db.cachedStatement(sql: """
                    UPDATE pending_projections SET deadlines = 0 WHERE case_id = ? AND rebuild > 0
                    """).execute(arguments: [id])
                try db.cachedStatement(sql: """
                    DELETE FROM pending_projections WHERE case_id = ? AND rebuild = 0
                    """).execute(arguments: [id])
            } else {
                // Its stretches are replayed from its events (or a basis was not known after all).
                try db.cachedStatement(sql: "UPDATE pending_projections SET deadlines = 1 WHERE case_id = ?")
                    .execute(arguments: [id])
            }
            did += 1
            if did % 64 == 0, Date().timeIntervalSince(started) > rebuildBatchSeconds { break }
        }
        return did
    }

    /// Cases a due-days batch takes at most (the time limit usually ends it first); as many as a
    /// replay batch when a test makes those small.
    static let dueDaysBatchCases: Int = {
        ProcessInfo.processInfo.environment["CADESK_TEST_BATCH_CASES"] == nil ? 4000 : batchCases
    }()

    /// Moves the due days of one case's deadlines to what their bases give under the current
    /// policy and holidays, and its next deadline and its stretches with them, writing only what
    /// changed. False when a row's basis is not known (nothing written) or its stretches cannot
    /// be told without a replay: the case needs one.
    static func moveDueDays(_ db: Database, caseID id: String, context: CaseContext) throws -> Bool {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT kind, due, status, article, closed, basis, replayed FROM deadlines WHERE case_id = ? ORDER BY rowid
            """), arguments: [id])
        var stored: [CaseProjection.StoredDeadline] = []
        var moved: [(deadline: CaseProjection.StoredDeadline, due: CivilDate, order: Int)] = []
        for row in rows {
            let d = CaseProjection.StoredDeadline(kind: row["kind"], due: row["due"], status: row["status"],
                                                  article: row["article"], closed: row["closed"], basis: row["basis"],
                                                  replayed: row["replayed"])
            guard let basis = DeadlineBasis(storedText: d.basis), let kind = DeadlineKind(rawValue: d.kind),
                  let was = CivilDate(d.due) else { return false }
            var due = was
            if basis != .fixed {
                guard let moved = basis.due(policy: context.policy, calendar: context.officeCalendar) else { return false }
                due = moved
            }
            var now = d
            now.due = due.storedText
            stored.append(d)
            moved.append((now, due, kindOrder[kind] ?? Int.max))
        }
        // In the order a replay gives them: by due day, then the lifecycle table's order of kinds.
        moved.sort { ($0.due, $0.order) < ($1.due, $1.order) }
        let deadlines = moved.map(\.deadline)
        if deadlines != stored {
            try db.cachedStatement(sql: "DELETE FROM deadlines WHERE case_id = ?").execute(arguments: [id])
            try Projector.insertDeadlines(db, id: id, deadlines)
        }
        let next = moved.filter { $0.deadline.status == DeadlineStatus.open.rawValue }
            .min { ($0.due, $0.deadline.kind) < ($1.due, $1.deadline.kind) }
        let nextDue = next?.deadline.due ?? CaseProjection.noDeadline, nextKind = next?.deadline.kind ?? ""
        let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT next_due, next_kind FROM cases WHERE id = ?"),
                                       arguments: [id])
        if current?["next_due"] != nextDue || current?["next_kind"] != nextKind {
            try db.cachedStatement(sql: "UPDATE cases SET next_due = ?, next_kind = ? WHERE id = ?")
                .execute(arguments: [nextDue, nextKind, id])
        }
        guard let first = deadlines.first else { return true }
        let told: [OverdueSpan]
        switch first.replayed {
        case 0:
            told = moved.compactMap {
                OverdueSpan.told(kind: DeadlineKind(rawValue: $0.deadline.kind)!, due: $0.due,
                                 pending: $0.deadline.status == DeadlineStatus.open.rawValue,
                                 closed: CivilDate($0.deadline.closed))
            }
        case 1:
            guard let stretches = CaseProjection.basisStretches(try Projector.storedStretches(db, id: id)),
                  let spans = OverdueSpan.spans(from: stretches, policy: context.policy, calendar: context.officeCalendar)
            else { return false }
            told = spans
        default:
            return false
        }
        let spans = CaseProjection.stored(told)
        let storedSpans = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT kind, due, from_day, until FROM deadline_spans WHERE case_id = ? ORDER BY n
            """), arguments: [id]).map {
            CaseProjection.StoredSpan(kind: $0["kind"], due: $0["due"], from: $0["from_day"], until: $0["until"])
        }
        if storedSpans != spans {
            try db.cachedStatement(sql: "DELETE FROM deadline_spans WHERE case_id = ?").execute(arguments: [id])
            try Projector.insertSpans(db, id: id, spans)
        }
        return true
    }

    private static let kindOrder = Dictionary(uniqueKeysWithValues: DeadlineKind.allCases.enumerated().map { ($1, $0) })
}

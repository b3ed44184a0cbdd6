import CanonicalEvents
import Casework
import Foundation
import GRDB

extension CaseStore {
    /// The supervisor's dashboard as of `today` (issue 10 §1), in ONE read transaction. The
    /// store reads rows and counts that need no judgement; `DashboardFigures` (Casework) decides
    /// what is overdue, due soon and how old.
    public func dashboardFigures(today: CivilDate) throws(StoreError) -> DashboardFigures {
        DashboardFigures(try dashboardInputs(today: today), today: today)
    }

    public func dashboardInputs(today: CivilDate) throws(StoreError) -> DashboardInputs {
        let request = DashboardInputs.request(today: today)
        return try read { db in
            let counted = try db.tableExists("started_days")
            return DashboardInputs(pending: try Self.pendingDeadlines(db, request, kept: Self.keepsOpenDeadlines(db)),
                            officers: try Self.officerCases(db),
                            counterparts: try Row.fetchAll(db, sql: """
                                SELECT counterpart, direction, count(*) FROM cases WHERE open = 1 GROUP BY 1, 2
                                """).map { row in
                                    DashboardInputs.CounterpartCases(counterpart: row[0], direction: Direction(rawValue: row[1]) ?? .incoming,
                                                                     open: row[2])
                                },
                            openStarted: try Self.startedCounts(db, counted: counted, where: counted ? "open = 1" : "open = 1 AND started <> ''", []),
                            startedSince: try Self.startedCounts(db, counted: counted, where: counted ? "day BETWEEN ? AND ?" : "started BETWEEN ? AND ?",
                                                                 [request.firstMonth.description, today.description]),
                            late: try db.tableExists("deadline_spans") ? Self.lateSpans(db, request) : Self.lateUnmigrated(db, request))
        }
    }

    /// Pending deadlines up to the longest horizon, and those of the followed kinds at any day:
    /// one pass over `open_deadlines` (migration v12; about one row for every ten cases), or
    /// in a database read without its migrations over the open deadline rows joined to their cases.
    static func pendingDeadlines(_ db: Database, _ request: DashboardInputs.Request,
                                 kept: Bool) throws -> [DashboardInputs.PendingDeadline] {
        let kinds = request.followedKinds.map(\.rawValue)
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
        let sql = kept ? """
            SELECT case_id, ref, officer, counterpart, direction, case_kind, kind, due FROM open_deadlines
             WHERE due <= ? OR kind IN (\(marks)) ORDER BY due, ref, kind
            """ : """
            SELECT c.id, c.ref, c.officer, c.counterpart, c.direction, c.kind, d.kind, d.due
              FROM deadlines d JOIN cases c ON c.id = d.case_id
             WHERE d.status = 'open' AND (d.due <= ? OR d.kind IN (\(marks)))
            """
        let arguments = StatementArguments([request.horizonEnd.description] + kinds)
        var out: [DashboardInputs.PendingDeadline] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            guard let id = StoredID.uuid(row[0]), let kind = DeadlineKind(rawValue: row[6]),
                  let due = CivilDate(row[7] as String) else { continue }
            out.append(DashboardInputs.PendingDeadline(
                caseID: id, ref: row[1], officer: row[2], counterpart: row[3],
                direction: Direction(rawValue: row[4]) ?? .incoming, caseKind: RequestKind(rawValue: row[5]) ?? .mla,
                kind: kind, due: due))
        }
        return out
    }

    /// Open cases per officer, and each officer's case that started first (ties: the first
    /// reference), drafts never sent left out of the oldest.
    static func officerCases(_ db: Database) throws -> [DashboardInputs.OfficerCases] {
        var lines: [String: DashboardInputs.OfficerCases] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT officer, count(*) FROM cases WHERE open = 1 GROUP BY officer") {
            let officer: String = row[0]
            lines[officer] = DashboardInputs.OfficerCases(officer: officer, open: row[1])
        }
        // Each officer's first case through `cases_open_officer` (open, officer, started, ref):
        // a few index steps each, where a window over every open case sorted them all.
        let oldest = try db.cachedStatement(sql: """
            SELECT ref, started FROM cases WHERE open = 1 AND officer = ? AND started > '' ORDER BY started, ref LIMIT 1
            """)
        for officer in lines.keys {
            guard let row = try Row.fetchOne(oldest, arguments: [officer]) else { continue }
            lines[officer]?.oldestRef = row[0]
            lines[officer]?.oldestStarted = CivilDate(row[1] as String)
        }
        return lines.values.sorted { $0.officer < $1.officer }
    }

    /// Cases started per day, direction and kind: from `started_days` (migration v12, counted by
    /// triggers), or in a database read without its migrations from the cases themselves.
    static func startedCounts(_ db: Database, counted: Bool, where condition: String,
                              _ arguments: [any DatabaseValueConvertible]) throws -> [DashboardInputs.StartedOn] {
        let sql = counted
            ? "SELECT direction, kind, day, sum(count) FROM started_days WHERE \(condition) GROUP BY day, direction, kind"
            : "SELECT direction, kind, started, count(*) FROM cases WHERE \(condition) GROUP BY 1, 2, 3"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).compactMap { row in
            guard let started = CivilDate(row[2] as String) else { return nil }
            return DashboardInputs.StartedOn(direction: Direction(rawValue: row[0]) ?? .incoming,
                                             kind: RequestKind(rawValue: row[1]) ?? .mla, started: started, count: row[3])
        }
    }

    /// The stretches (`OverdueSpan`, migration v12) pending past their day at some day since the
    /// first week charted: those still pending and due before today, and those that stopped
    /// after the first week's end. Two ranges of `deadline_spans_until`, a few thousand rows at
    /// 100,000 cases.
    static func lateSpans(_ db: Database, _ request: DashboardInputs.Request) throws -> [DashboardInputs.LateDeadlines] {
        let today = request.today.description
        return try Row.fetchAll(db, sql: """
            SELECT due, from_day, until, count(*) FROM deadline_spans WHERE until = '' AND due < ? GROUP BY until, due, from_day
            UNION ALL
            SELECT due, from_day, until, count(*) FROM deadline_spans WHERE until > ? AND due < ? GROUP BY until, due, from_day
            """, arguments: [today, request.firstWeekEnd.description, today]).compactMap { row in
            guard let due = CivilDate(row[0] as String) else { return nil }
            return DashboardInputs.LateDeadlines(due: due, from: CivilDate(row[1] as String),
                                                 closed: CivilDate(row[2] as String), count: row[3])
        }
    }

    /// The same stretches in a database read without its migrations (a user who may only read
    /// a database an older cadesk made): from the deadline rows, and for the cases whose
    /// deadlines moved or were suspended since the first week charted, from their events.
    static func lateUnmigrated(_ db: Database, _ request: DashboardInputs.Request) throws -> [DashboardInputs.LateDeadlines] {
        let marks = Array(repeating: "?", count: request.historyActions.count).joined(separator: ", ")
        let first = request.firstWeekEnd.description, today = request.today.description
        let replayed = try String.fetchAll(db, sql: """
            SELECT DISTINCT e.case_id FROM events e JOIN cases c ON c.id = e.case_id
             WHERE e.type IN (\(marks)) AND e.effective > ? AND c.updated >= ? ORDER BY 1
            """, arguments: StatementArguments(request.historyActions.map(\.rawValue) + [first, first]))
        let ids = String(decoding: try JSONEncoder().encode(replayed), as: UTF8.self)
        var out = try Row.fetchAll(db, sql: """
            SELECT due, '', count(*) FROM deadlines WHERE status = 'open' AND due < ?
               AND case_id NOT IN (SELECT value FROM json_each(?)) GROUP BY 1
            UNION ALL
            SELECT due, closed, count(*) FROM deadlines
             WHERE closed >= ? AND closed > due AND due < ? AND status IN ('met', 'cancelled')
               AND case_id NOT IN (SELECT value FROM json_each(?)) GROUP BY 1, 2
            """, arguments: [today, ids, first, today, ids]).compactMap { row -> DashboardInputs.LateDeadlines? in
            guard let due = CivilDate(row[0] as String) else { return nil }
            return DashboardInputs.LateDeadlines(due: due, closed: CivilDate(row[1] as String), count: row[2])
        }
        var context = try systemContext(db, now: Date())
        context.today = request.today
        for id in replayed {
            guard let caseID = StoredID.uuid(id) else { continue }
            for span in OverdueSpan.replaying(try events(db, caseID: caseID), context: context) {
                out.append(DashboardInputs.LateDeadlines(due: span.due, from: span.from, closed: span.until, count: 1))
            }
        }
        return out
    }

    /// Migration v12: the stretches of the cases already stored, as the projector would write
    /// them (`CaseProjection.spans`). Most are told by the deadline rows; only a case with an
    /// action of `replayActions` is folded, and replayed when it `needsReplay`.
    static func fillDeadlineSpans(_ db: Database) throws {
        let actions = DashboardFigures.replayActions.map(\.rawValue).sorted()
        let marks = Array(repeating: "?", count: actions.count).joined(separator: ", ")
        let candidates = Set(try String.fetchAll(db, sql: "SELECT DISTINCT case_id FROM events WHERE type IN (\(marks))",
                                                 arguments: StatementArguments(actions)))
        var held: [String: [OverdueSpan]] = [:]
        var current = "", n = 0
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT case_id, kind, due, status, closed FROM deadlines INDEXED BY deadlines_case ORDER BY case_id, rowid
            """)
        while let row = try cursor.next() {
            let id: String = row[0]
            if id != current { current = id; n = 0 }
            guard let kind = DeadlineKind(rawValue: row[1]), let due = CivilDate(row[2] as String),
                  let span = OverdueSpan.told(kind: kind, due: due, pending: row[3] as String == DeadlineStatus.open.rawValue,
                                              closed: CivilDate(row[4] as String)) else { continue }
            if candidates.contains(id) { held[id, default: []].append(span); continue }
            try Projector.insertSpans(db, id: id, from: n, CaseProjection.stored([span]))
            n += 1
        }
        let context = try systemContext(db, now: Date())
        for id in candidates.sorted() {
            guard let caseID = StoredID.uuid(id) else { continue }
            let file = try fold(db, caseID: caseID)
            var spans = held[id] ?? []
            if DashboardFigures.needsReplay(file) {
                var withLinks = context
                withLinks.linkedCases = try linkedFiles(db, of: file)
                spans = OverdueSpan.of(file, deadlines: Engine.deadlines(for: file, context: withLinks), context: withLinks)
            }
            try Projector.insertSpans(db, id: id, CaseProjection.stored(spans))
        }
    }
}

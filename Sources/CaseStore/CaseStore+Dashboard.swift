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
            let replayed = try Self.replayedCases(db, request)
            return DashboardInputs(pending: try Self.pendingDeadlines(db, request),
                            officers: try Self.officerCases(db),
                            counterparts: try Row.fetchAll(db, sql: """
                                SELECT counterpart, direction, count(*) FROM cases WHERE open = 1 GROUP BY 1, 2
                                """).map { row in
                                    DashboardInputs.CounterpartCases(counterpart: row[0], direction: Direction(rawValue: row[1]) ?? .incoming,
                                                                     open: row[2])
                                },
                            openStarted: try Self.startedCounts(db, where: "open = 1 AND started <> ''", []),
                            startedSince: try Self.startedCounts(db, where: "started BETWEEN ? AND ?",
                                                                 [request.firstMonth.description, today.description]),
                            late: try Self.lateDeadlines(db, request, leavingOut: replayed),
                            replayedOverdue: try Self.replayedOverdue(db, request, cases: replayed))
        }
    }

    /// Pending deadlines up to the longest horizon, and those of the followed kinds at any day.
    /// Two ranges of the (status, due) index rather than one OR, which would read every row.
    static func pendingDeadlines(_ db: Database, _ request: DashboardInputs.Request) throws -> [DashboardInputs.PendingDeadline] {
        let kinds = request.followedKinds.map(\.rawValue)
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
        let columns = "c.id, c.ref, c.officer, c.counterpart, c.direction, c.kind, d.kind, d.due"
        let sql = """
            SELECT \(columns) FROM deadlines d JOIN cases c ON c.id = d.case_id
             WHERE d.status = 'open' AND d.due <= ?
            UNION
            SELECT \(columns) FROM deadlines d JOIN cases c ON c.id = d.case_id
             WHERE d.status = 'open' AND d.kind IN (\(marks))
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
        for row in try Row.fetchAll(db, sql: """
            SELECT officer, ref, started FROM (
                SELECT officer, ref, started, row_number() OVER (PARTITION BY officer ORDER BY started, ref) AS n
                  FROM cases WHERE open = 1 AND started <> '') WHERE n = 1
            """) {
            let officer: String = row[0]
            lines[officer]?.oldestRef = row[1]
            lines[officer]?.oldestStarted = CivilDate(row[2] as String)
        }
        return lines.values.sorted { $0.officer < $1.officer }
    }

    static func startedCounts(_ db: Database, where condition: String,
                              _ arguments: [any DatabaseValueConvertible]) throws -> [DashboardInputs.StartedOn] {
        try Row.fetchAll(db, sql: """
            SELECT direction, kind, started, count(*) FROM cases WHERE \(condition) GROUP BY 1, 2, 3
            """, arguments: StatementArguments(arguments)).compactMap { row in
            guard let started = CivilDate(row[2] as String) else { return nil }
            return DashboardInputs.StartedOn(direction: Direction(rawValue: row[0]) ?? .incoming,
                                             kind: RequestKind(rawValue: row[1]) ?? .mla, started: started, count: row[3])
        }
    }

    /// The cases whose deadlines changed other than by being met or cancelled since the first
    /// week charted (`DashboardFigures.historyActions`): their rows do not tell what was overdue
    /// at each week's end, their events do. Only cases changed since then are looked at (an
    /// event is recorded on or after the day it takes effect).
    /// SQLite finds them through `events_type_effective` (migration v11). Not forced with INDEXED
    /// BY: a user who may only read a database an older cadesk made reads it unmigrated, and
    /// should get a slower dashboard there, not an error.
    static func replayedCases(_ db: Database, _ request: DashboardInputs.Request) throws -> [String] {
        let marks = Array(repeating: "?", count: request.historyActions.count).joined(separator: ", ")
        return try String.fetchAll(db, sql: """
            SELECT DISTINCT e.case_id FROM events e JOIN cases c ON c.id = e.case_id
             WHERE e.type IN (\(marks)) AND e.effective > ? AND c.updated >= ? ORDER BY 1
            """, arguments: StatementArguments(request.historyActions.map(\.rawValue)
                                                + [request.firstWeekEnd.description, request.firstWeekEnd.description]))
    }

    /// The overdue count at each week's end of the cases to replay, from their events.
    static func replayedOverdue(_ db: Database, _ request: DashboardInputs.Request, cases ids: [String]) throws -> [CivilDate: Int] {
        guard !ids.isEmpty else { return [:] }
        var context = try systemContext(db, now: Date())
        context.today = request.today
        var totals: [CivilDate: Int] = [:]
        for id in ids {
            guard let caseID = StoredID.uuid(id) else { continue }
            let counts = DashboardFigures.overdueCounts(replaying: try events(db, caseID: caseID), context: context, on: request.weekEnds)
            for (day, n) in zip(request.weekEnds, counts) { totals[day, default: 0] += n }
        }
        return totals
    }

    /// Deadlines due before today still pending, and those met or cancelled after their day
    /// since the first week charted: the overdue count of past weeks is told from these (the
    /// cases replayed are left out: their events tell theirs).
    /// The closed ones are found by the day they closed (12 weeks of rows), not by status and due
    /// day, which SQLite would otherwise choose and which reads nearly every closed deadline:
    /// 0.26 s against 0.07 s of CPU in the sqlite3 shell at 100,000 cases.
    static func lateDeadlines(_ db: Database, _ request: DashboardInputs.Request,
                              leavingOut replayed: [String]) throws -> [DashboardInputs.LateDeadlines] {
        let today = request.today.description
        let ids = String(decoding: try JSONEncoder().encode(replayed), as: UTF8.self)
        let pending = try Row.fetchAll(db, sql: """
            SELECT due, count(*) FROM deadlines WHERE status = 'open' AND due < ?
               AND case_id NOT IN (SELECT value FROM json_each(?)) GROUP BY due
            """, arguments: [today, ids]).compactMap { row -> DashboardInputs.LateDeadlines? in
            CivilDate(row[0] as String).map { DashboardInputs.LateDeadlines(due: $0, closed: nil, count: row[1]) }
        }
        let closed = try Row.fetchAll(db, sql: """
            SELECT due, closed, count(*) FROM deadlines INDEXED BY deadlines_closed
             WHERE closed >= ? AND closed > due AND due < ? AND status IN ('met', 'cancelled')
               AND case_id NOT IN (SELECT value FROM json_each(?)) GROUP BY 1, 2
            """, arguments: [request.firstWeekEnd.description, today, ids]).compactMap { row -> DashboardInputs.LateDeadlines? in
            guard let due = CivilDate(row[0] as String), let on = CivilDate(row[1] as String) else { return nil }
            return DashboardInputs.LateDeadlines(due: due, closed: on, count: row[2])
        }
        return pending + closed
    }
}

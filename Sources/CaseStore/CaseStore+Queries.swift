import CanonicalEvents
import Casework
import Foundation
import GRDB

extension CaseStore {
    public func listCases(_ query: CaseQuery, today: CivilDate) throws(StoreError) -> CasePage {
        try read { db in
            let policy = try Self.loadPolicy(db)
            var (sql, arguments) = try Self.whereClause(query.filter, db)
            // Each sort's own direction (newest first for dates of the past, soonest first for
            // deadlines, A→Z for references), turned around by `reversed`; keyset paging follows.
            let column: String
            var descending: Bool
            switch query.sort {
            case .updated: column = "updated"; descending = true
            case .received: column = "received"; descending = true
            case .nextDue: column = "next_due"; descending = false
            case .ref: column = "ref"; descending = false
            }
            if query.reversed { descending.toggle() }
            let direction = descending ? "DESC" : "ASC"
            var order = "\(column) \(direction), seq \(direction)"
            let comparison = "(\(column), seq) \(descending ? "<" : ">") (?, ?)"
            // Cases without a pending deadline (stored as the far future) stay last when the
            // deadline sort is turned around: "latest deadline first", then the rest.
            let noDeadlineLast = query.sort == .nextDue && query.reversed
            if noDeadlineLast { order = "(next_due = '\(Projector.noDeadline)') ASC, " + order }
            if let after = query.after {
                if noDeadlineLast {
                    sql.append("((next_due = '\(Projector.noDeadline)') > ? OR ((next_due = '\(Projector.noDeadline)') = ? AND \(comparison)))")
                    let past = after.key == Projector.noDeadline
                    arguments += [past, past, after.key, after.seq]
                } else {
                    sql.append(comparison)
                    arguments += [after.key, after.seq]
                }
            }
            let limit = max(0, query.limit)
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM cases \(Self.joinWhere(sql)) ORDER BY \(order) LIMIT ? OFFSET ?
                """, arguments: StatementArguments(arguments + [limit + 1, max(0, query.offset)]))
            let page = rows.prefix(limit)
            var next: CaseCursor?
            if rows.count > limit, let last = page.last {
                let key: String = last[column]
                next = CaseCursor(key: key, seq: last["seq"])
            }
            return CasePage(cases: page.map { Self.summary($0, today: today, policy: policy) }, next: next)
        }
    }

    public func count(_ filter: CaseFilter) throws(StoreError) -> Int {
        try read { db in
            let (sql, arguments) = try Self.whereClause(filter, db)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM cases \(Self.joinWhere(sql))",
                                    arguments: StatementArguments(arguments)) ?? 0
        }
    }

    public func search(_ text: String, limit: Int, today: CivilDate) throws(StoreError) -> [CaseSummary] {
        guard let match = Self.ftsPattern(text) else { return [] }
        return try read { db in
            let policy = try Self.loadPolicy(db)
            return try Row.fetchAll(db, sql: """
                SELECT c.* FROM case_text JOIN cases c ON c.seq = case_text.rowid
                 WHERE case_text MATCH ? ORDER BY case_text.rank, c.seq DESC LIMIT ?
                """, arguments: [match, max(0, limit)]).map { Self.summary($0, today: today, policy: policy) }
        }
    }

    public func deadlines(_ filter: DeadlineFilter, today: CivilDate) throws(StoreError) -> [DeadlineRow] {
        try read { db in
            let policy = try Self.loadPolicy(db)
            if !filter.titles, filter.scope != .all, try Self.keepsOpenDeadlines(db) {
                return try Self.openDeadlines(db, filter, today: today, policy: policy)
            }
            let (clauses, arguments) = Self.deadlineClauses(filter, today: today, open: "d.status = 'open'", due: "d.due",
                                                            officer: "c.officer", counterpart: "c.counterpart", kind: "d.kind")
            var sql = """
                SELECT c.id, c.ref, c.title, c.officer, c.counterpart, d.kind, d.due, d.status, d.article
                  FROM deadlines d JOIN cases c ON c.id = d.case_id
                """
            if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
            sql += " ORDER BY d.due, c.ref, d.kind"
            if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
            // Columns by position, in the order of the SELECT: looking each up by name cost more
            // than the query on thousands of rows (issue 14).
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).compactMap { row in
                guard let kind = DeadlineKind(rawValue: row[5]), let due = CivilDate(row[6] as String),
                      let stored = DeadlineStatus(rawValue: row[7]) else { return nil }
                return DeadlineRow(caseID: StoredID.uuid(row[0])!, ref: row[1], title: row[2],
                                   kind: kind, due: due,
                                   status: DeadlineStatus.asOf(stored: stored, due: due, today: today, policy: policy),
                                   days: today.days(until: due), officer: row[3],
                                   counterpart: row[4], article: row[8])
            }
        }
    }

    /// The WHERE clauses of a deadline filter and their arguments, over the columns named (the
    /// full query's `d.`/`c.` columns, or `open_deadlines`'); `open`: the condition for an open
    /// deadline, nil where every row is one.
    private static func deadlineClauses(_ filter: DeadlineFilter, today: CivilDate, open: String?, due: String,
                                        officer: String, counterpart: String, kind: String)
        -> (clauses: [String], arguments: [any DatabaseValueConvertible]) {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        switch filter.scope {
        case .pending:
            if let open { clauses.append(open) }
        case .within(let days):
            clauses += [open, "\(due) <= ?"].compactMap { $0 }
            arguments.append(today.adding(days: days).description)
        case .overdue:
            clauses += [open, "\(due) < ?"].compactMap { $0 }
            arguments.append(today.description)
        case .all:
            break
        }
        if let value = filter.officer { clauses.append("\(officer) = ?"); arguments.append(value) }
        if let value = filter.counterpart { clauses.append("\(counterpart) = ?"); arguments.append(value.uppercased()) }
        if let value = filter.kind { clauses.append("\(kind) = ?"); arguments.append(value.rawValue) }
        return (clauses, arguments)
    }

    /// Whether the database has `open_deadlines` (v12; a database of an older cadesk opened for
    /// reading may not). Asked of sqlite_master: GRDB's `tableExists` reads the whole schema.
    static func keepsOpenDeadlines(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'open_deadlines')") ?? false
    }

    /// An open scope of `deadlines` without titles or articles: one range of the covering index
    /// `open_deadlines_due` (due, ref, kind, case_id, officer, counterpart…), already in the
    /// order of the full query (due, ref, kind). At 20,000 cases the full query read about
    /// 1,000 pages of deadlines and cases for 654 rows.
    private static func openDeadlines(_ db: Database, _ filter: DeadlineFilter, today: CivilDate,
                                      policy: Policy) throws -> [DeadlineRow] {
        // Every row of open_deadlines is open.
        let (clauses, arguments) = deadlineClauses(filter, today: today, open: nil, due: "due",
                                                   officer: "officer", counterpart: "counterpart", kind: "kind")
        var sql = "SELECT case_id, ref, officer, counterpart, kind, due FROM open_deadlines"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY due, ref, kind"
        if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).compactMap { row in
            guard let kind = DeadlineKind(rawValue: row[4]), let due = CivilDate(row[5] as String) else { return nil }
            return DeadlineRow(caseID: StoredID.uuid(row[0])!, ref: row[1], title: "", kind: kind, due: due,
                               status: DeadlineStatus.asOf(stored: .open, due: due, today: today, policy: policy),
                               days: today.days(until: due), officer: row[2], counterpart: row[3], article: "")
        }
    }

    public func dashboard(today: CivilDate) throws(StoreError) -> Dashboard {
        try read { db in
            func counts(_ sql: String, _ arguments: StatementArguments = []) throws -> [Dashboard.Count] {
                try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                    Dashboard.Count(key: $0[0] ?? "", count: $0[1])
                }
            }
            let firstMonth = CivilDate(year: today.month == 12 ? today.year : today.year - 1,
                                       month: today.month == 12 ? 1 : today.month + 1, day: 1)!
            let headline = try Self.headline(db, today: today)
            return Dashboard(
                totalCases: headline.totalCases, openCases: headline.openCases,
                overdueDeadlines: headline.overdueDeadlines, dueSoonDeadlines: headline.dueSoonDeadlines,
                openByOfficer: try counts("""
                    SELECT officer, count(*) FROM cases WHERE open = 1 GROUP BY officer ORDER BY 2 DESC, 1
                    """),
                openByCounterpart: try counts("""
                    SELECT counterpart, count(*) FROM cases WHERE open = 1 GROUP BY counterpart ORDER BY 2 DESC, 1
                    """),
                byState: try counts("SELECT state, count(*) FROM cases GROUP BY state ORDER BY 2 DESC, 1"),
                receivedByMonth: try counts("""
                    SELECT substr(received, 1, 7), count(*) FROM cases WHERE received >= ? AND received <= ?
                     GROUP BY 1 ORDER BY 1
                    """, [firstMonth.description, today.description]))
        }
    }

    /// Cases, open cases, overdue and due-soon deadlines: the desk's header, read at its start
    /// and after each change, so only these four counts (each through an index).
    public func headline(today: CivilDate) throws(StoreError) -> Dashboard.Headline {
        try read { db in try Self.headline(db, today: today) }
    }

    static func headline(_ db: Database, today: CivilDate) throws -> Dashboard.Headline {
        let policy = try loadPolicy(db)
        return Dashboard.Headline(
            totalCases: try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0,
            openCases: try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE open = 1") ?? 0,
            overdueDeadlines: try Int.fetchOne(db, sql: "SELECT count(*) FROM deadlines WHERE status = 'open' AND due < ?",
                                               arguments: [today.description]) ?? 0,
            dueSoonDeadlines: try Int.fetchOne(db, sql: """
                SELECT count(*) FROM deadlines WHERE status = 'open' AND due BETWEEN ? AND ?
                """, arguments: [today.description, policy.dueSoonUntil(today).description]) ?? 0)
    }

    // MARK: Building queries

    /// WHERE terms of a case filter, always with bound arguments (never user text in SQL).
    static func whereClause(_ filter: CaseFilter, _ db: Database) throws -> ([String], [any DatabaseValueConvertible]) {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let direction = filter.direction { clauses.append("direction = ?"); arguments.append(direction.rawValue) }
        if let kind = filter.kind { clauses.append("kind = ?"); arguments.append(kind.rawValue) }
        if let states = filter.states {
            let list = states.map(\.rawValue).sorted()
            clauses.append("state IN (\(Array(repeating: "?", count: list.count).joined(separator: ", ")))")
            arguments += list as [any DatabaseValueConvertible]
            if list.isEmpty { clauses[clauses.count - 1] = "0" }
        }
        if let officer = filter.officer { clauses.append("officer = ?"); arguments.append(officer) }
        if let counterpart = filter.counterpart { clauses.append("counterpart = ?"); arguments.append(counterpart.uppercased()) }
        if filter.openOnly { clauses.append("open = 1") }
        if let before = filter.nextDueBefore { clauses.append("next_due < ?"); arguments.append(before.description) }
        if let ids = filter.ids {
            // One argument however many: a JSON array of ids, never ids spliced into SQL.
            clauses.append("id IN (SELECT value FROM json_each(?))")
            arguments.append("[" + ids.map { "\"\($0.uuidString)\"" }.joined(separator: ",") + "]")
        }
        if let started = filter.started {
            clauses.append("started BETWEEN ? AND ?")
            arguments += [started.lowerBound.description, started.upperBound.description]
        }
        if let text = filter.text, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            let (terms, values) = try SearchTerms.clauses(text, db)
            clauses += terms
            arguments += values
        }
        return (clauses, arguments)
    }

    static func joinWhere(_ clauses: [String]) -> String {
        clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    }

    /// User text → an FTS5 query that can only mean "all these words, as prefixes": the text is
    /// cut into letters-and-digits words and each is quoted, so `"`, `*`, `NEAR`, `AND`, `-`,
    /// `^` or column filters typed by the user are searched for, never interpreted.
    static func ftsPattern(_ text: String) -> String? {
        let kept = searchWords(text)
        guard !kept.isEmpty else { return nil }
        return kept.map { "\"\($0)\"*" }.joined(separator: " ")
    }

    static func summary(_ row: Row, today: CivilDate, policy: Policy) -> CaseSummary {
        let nextDue = CivilDate(row["next_due"] as String)
        let nextKind = DeadlineKind(rawValue: row["next_kind"] as String)
        var next: DeadlineSummary?
        if let nextDue, let nextKind {
            next = DeadlineSummary(kind: nextKind, due: nextDue,
                                   status: DeadlineStatus.asOf(stored: .open, due: nextDue, today: today, policy: policy),
                                   days: today.days(until: nextDue))
        }
        return CaseSummary(
            id: StoredID.uuid(row["id"])!, ref: row["ref"],
            direction: Direction(rawValue: row["direction"]) ?? .incoming,
            kind: RequestKind(rawValue: row["kind"]) ?? .mla,
            state: CaseState(rawValue: row["state"]) ?? .received,
            counterpart: row["counterpart"], officer: row["officer"], title: row["title"],
            urgency: Urgency(rawValue: row["urgency"]) ?? .normal, confidential: row["confidential"],
            received: CivilDate(row["received"] as String) ?? CivilDate(dayNumber: 0),
            updated: CanonicalJSON.instant(row["updated"]) ?? Date(timeIntervalSince1970: 0),
            nextDeadline: next, conflict: (row["conflict"] as Bool?) ?? false)
    }
}

import Casework
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CaseStore {
    // MARK: Projections

    enum ReprojectScope { case everything, deadlines }

    /// Folds every case again and rewrites its projections: after a rebuild (`everything`), or
    /// when policy or holidays change the periods (`deadlines` only). Streams case by case, so
    /// memory stays flat at any size; links are written first so linked deadlines see them all.
    static func reprojectAll(_ db: Database, now: Date, scope: ReprojectScope = .everything) throws {
        let context = try Self.systemContext(db, now: now)
        if scope == .everything {
            try Self.forEachCase(db) { file in
                try db.cachedStatement(sql: "DELETE FROM links WHERE case_id = ?").execute(arguments: [file.id.uuidString])
                let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO links(case_id, other_id, relation) VALUES (?, ?, ?)")
                for link in file.links where link.id != file.id {
                    try insert.execute(arguments: [file.id.uuidString, link.id.uuidString, link.relation])
                }
            }
        }
        try Self.forEachCase(db) { file in
            let linked = try Self.linkedFiles(db, of: file)
            switch scope {
            case .everything: try Projector.project(db, file: file, context: context, linked: linked)
            case .deadlines: try Projector.projectDeadlines(db, file: file, context: context, linked: linked)
            }
        }
    }

    /// Every case folded from its events, one at a time, in id order.
    static func forEachCase(_ db: Database, _ body: (CaseFile) throws -> Void) throws {
        var batch: [EventRecord] = []
        var currentCase: String?
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM events ORDER BY case_id, seq")
        while let row = try cursor.next() {
            let record = EventRecord(row: row)
            if record.caseID != currentCase, !batch.isEmpty {
                try body(Engine.fold(caseEvents(batch)))
                batch.removeAll(keepingCapacity: true)
            }
            currentCase = record.caseID
            batch.append(record)
        }
        if !batch.isEmpty { try body(Engine.fold(caseEvents(batch))) }
    }

    /// The context projections are computed in: today's date in the office time zone, the
    /// stored policy and holidays. Deadline due dates do not depend on who computes them.
    static func systemContext(_ db: Database, now: Date) throws -> CaseContext {
        let policy = try loadPolicy(db)
        let zone = TimeZone(identifier: policy.timeZone) ?? TimeZone(identifier: "UTC")!
        return CaseContext(today: CivilDate.of(now, in: zone), now: now, actor: "cadesk", role: .supervisor,
                           policy: policy, holidays: Set(try holidays(db)), makeID: { UUID() })
    }

    // MARK: Checks

    /// integrity_check, foreign keys, the audit chain, and the projections compared with a
    /// rebuild from the events (skipped when SQLite already finds the file damaged).
    public func check() throws(StoreError) -> CheckReport {
        var report = try fileCheck()
        if report.integrity == ["ok"] {
            report.projections = try projectionDifferences(now: Date(), finishingPending: true)
            let pending = try pendingProjections()
            report.pendingProjections = pending > 0 ? pending : nil
        }
        return report
    }

    private func fileCheck() throws(StoreError) -> CheckReport {
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row -> String in
                let table: String = row[0]
                let rowid: Int64? = row[1]
                let parent: String = row[2]
                return "\(table) row \(rowid.map(String.init) ?? "?") → \(parent)"
            }
            return CheckReport(integrity: integrity, foreignKeys: foreignKeys, audit: try Self.verifyAudit(db))
        }
    }
}

import Casework
import Foundation
import GRDB

/// What `purge` did (or, in a dry run, would do).
public struct PurgeReport: Sendable, Hashable, Codable {
    /// References of the cases purged, in reference order.
    public var cases: [String]
    /// Events whose payload was blanked.
    public var events: Int
    public var dryRun: Bool
}

extension CaseStore {
    /// Retention (art. 36): blanks the personal data of every closed case that closed before
    /// `closedBefore`, one `purge` event per case, in one transaction. Casework decides who may
    /// purge, how far back, and what stays; here the payloads are set to NULL (the only change
    /// the events table allows) and the projections rewritten from what remains.
    public func purge(closedBefore: CivilDate, reason: String, context: CaseContext,
                      dryRun: Bool) throws(StoreError) -> PurgeReport {
        let body = { (db: Database) throws -> PurgeReport in
            let context = try Self.current(context, db)
            try Self.engine { () throws(CaseworkError) in
                try Retention.checkMayPurge(closedBefore: closedBefore, reason: reason, context: context)
            }
            let due = try Self.casesDueForPurge(db, closedBefore: closedBefore)
            var report = PurgeReport(cases: due.map(\.ref).sorted(), events: 0, dryRun: dryRun)
            for file in due {
                let event = Retention.purgeEvent(for: file, reason: reason, context: context)
                report.events += event.payload.purged?.count ?? 0
                if !dryRun { try Self.record(purge: event, db, context: context) }
            }
            return report
        }
        return dryRun ? try read(body) : try write(body)
    }

    /// The folded closed cases a purge would blank.
    static func casesDueForPurge(_ db: Database, closedBefore: CivilDate) throws -> [CaseFile] {
        let ids = try String.fetchAll(db, sql: "SELECT id FROM cases WHERE open = 0 ORDER BY id")
        return try ids.compactMap(UUID.init(uuidString:)).compactMap { id in
            let file = try fold(db, caseID: id)
            return Retention.isDue(file, closedBefore: closedBefore) ? file : nil
        }
    }

    /// Appends the purge event, then blanks the payloads it lists and reprojects the case.
    static func record(purge event: CaseEvent, _ db: Database, context: CaseContext) throws {
        var appender = try EventAppender(db)
        try appender.append(event, db)
        try appender.finish(db)
        let blank = try db.cachedStatement(sql: "UPDATE events SET payload = NULL WHERE id = ? AND case_id = ?")
        for purged in event.payload.purged ?? [] {
            try blank.execute(arguments: [purged.event.uuidString, event.caseID.uuidString])
        }
        try Projector.reproject(db, file: try fold(db, caseID: event.caseID), context: context)
    }
}

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
    /// `closedBefore`, with one `purge` event per case. Casework decides who may purge, how far
    /// back, and what stays; here the payloads are set to NULL (the only change the events table
    /// allows) and the projections rewritten from what remains. Each case is purged in its own
    /// transaction, decided again inside it, so that officers keep working during a long purge.
    /// The caller says who purges, on which day and at which instant; the role and policy are
    /// read by the store.
    public func purge(closedBefore: CivilDate, reason: String, actor: String, today: CivilDate, now: Date,
                      dryRun: Bool) throws(StoreError) -> PurgeReport {
        let (context, due): (CaseContext, [CaseFile]) = try read { db in
            let context = try Self.context(db, actor: actor, today: today, now: now)
            try Self.checkMayPurge(db, closedBefore: closedBefore, reason: reason, context: context)
            return (context, try Self.casesDueForPurge(db, closedBefore: closedBefore))
        }
        var report = PurgeReport(cases: [], events: 0, dryRun: dryRun)
        for candidate in due {
            let blanked = dryRun
                ? Retention.purgeEvent(for: candidate, reason: reason, context: context).payload.purged?.count ?? 0
                : try purgeOne(candidate.id, closedBefore: closedBefore, reason: reason, context: context)
            guard let blanked else { continue }
            report.cases.append(candidate.ref)
            report.events += blanked
        }
        report.cases.sort()
        return report
    }

    /// Purges one case in its own transaction, decided again inside it; returns how many events
    /// it blanked, or nil when the case is no longer due (reopened meanwhile).
    private func purgeOne(_ id: UUID, closedBefore: CivilDate, reason: String,
                          context: CaseContext) throws(StoreError) -> Int? {
        try write { db in
            let context = try Self.checkMayPurge(db, closedBefore: closedBefore, reason: reason, context: context)
            let file = try Self.fold(db, caseID: id)
            guard Retention.isDue(file, closedBefore: closedBefore) else { return nil }
            let event = Retention.purgeEvent(for: file, reason: reason, context: context)
            try Self.record(purge: event, db, context: context)
            return event.payload.purged?.count ?? 0
        }
    }

    /// The acting officer's context as it is inside this transaction, once Casework has
    /// allowed the purge.
    @discardableResult
    static func checkMayPurge(_ db: Database, closedBefore: CivilDate, reason: String,
                              context: CaseContext) throws -> CaseContext {
        let context = try Self.context(db, actor: context.actor, today: context.today, now: context.now)
        try engine { () throws(CaseworkError) in
            try Retention.checkMayPurge(closedBefore: closedBefore, reason: reason, context: context)
        }
        return context
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

import CanonicalEvents
import Casework
import Foundation
import GRDB

/// Who sent a bundle, and the audit chain head it declares.
public struct BundleSender: Sendable {
    public var device: String
    public var chainEvents: Int
    public var chainHead: String
    public init(device: String, chainEvents: Int, chainHead: String) {
        self.device = device; self.chainEvents = chainEvents; self.chainHead = chainHead
    }
}

/// What importing a bundle's events would do, or did: nothing is written when `problems` is
/// not empty (all or nothing).
public struct ImportPlan: Sendable, Codable, Hashable {
    /// Events this copy does not have, appended in the sender's chain order.
    public var added = 0
    /// Events it already has, byte for byte: importing twice changes nothing.
    public var alreadyThere = 0
    public var newCases: [String] = []
    public var updatedCases: [String] = []
    /// Why the bundle cannot be merged; any one refuses the whole bundle.
    public var problems: [String] = []
}

extension CaseStore {
    /// What `applyImport` would do, without writing.
    public func planImport(_ events: [ExchangedEvent], from sender: BundleSender) throws(StoreError) -> ImportPlan {
        try read { db in try Self.plan(db, events, from: sender).plan }
    }

    /// Appends the events this copy lacks, keeping their ids, actors and references, and
    /// recomputes the projections of the cases they touch, in one transaction. Refused whole,
    /// writing nothing, when the plan has problems.
    /// With `office`, headquarters' office data is taken in the same transaction, first. The
    /// events are recorded as coming from `sender`, whose chain head is remembered.
    public func applyImport(_ events: [ExchangedEvent], from sender: BundleSender,
                            office: OfficeData? = nil) throws(StoreError) -> ImportPlan {
        try write { db in
            let (plan, incoming) = try Self.plan(db, events, from: sender)
            if let problem = plan.problems.first { throw StoreError.invalid(problem) }
            if let office { try applyOfficeData(office, db) }
            try db.execute(sql: "UPDATE devices SET last_events = ?, last_head = ? WHERE code = ?",
                           arguments: [sender.chainEvents, sender.chainHead, sender.device])
            guard !incoming.isEmpty else { return plan }
            // A case's first events arrive before its projection row exists; checked at commit.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            var appender = try EventAppender(db)
            let origin = try db.makeStatement(sql: "INSERT INTO event_origins(event_id, device) VALUES (?, ?)")
            for event in incoming {
                try appender.append(event, db)
                try origin.execute(arguments: [event.id.uuidString, sender.device])
            }
            try appender.finish(db)
            try Self.project(db, incoming, context: try Self.systemContext(db, now: Date()))
            return plan
        }
    }

    /// Projects the cases the new events touch: new ones inserted (their events are already in
    /// place), known ones rewritten, and both ends of any link a new case takes part in
    /// rewritten once all are in, so deadlines that depend on a linked case are right.
    private static func project(_ db: Database, _ incoming: [CaseEvent], context: CaseContext) throws {
        var order: [UUID] = [], seen = Set<UUID>()
        for event in incoming where seen.insert(event.caseID).inserted { order.append(event.caseID) }
        var again: [UUID] = [], queued = Set<UUID>()
        func queue(_ id: UUID) { if queued.insert(id).inserted { again.append(id) } }
        for id in order {
            let known = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?)", arguments: [id.uuidString])!
            guard !known else { queue(id); continue }
            let file = try fold(db, caseID: id)
            try Projector.project(db, file: file, context: context, isNew: true)
            if !file.links.isEmpty { queue(id); file.links.forEach { queue($0.id) } }
        }
        for id in again { try Projector.reproject(db, file: try fold(db, caseID: id), context: context) }
    }

    private static func plan(_ db: Database, _ events: [ExchangedEvent],
                             from sender: BundleSender) throws -> (plan: ImportPlan, incoming: [CaseEvent]) {
        var plan = ImportPlan()
        if let problem = try checkChainHead(db, sender) { plan.problems.append(problem) }
        var incoming: [CaseEvent] = []
        var bundleIDs: [String: Set<String>] = [:]
        for exchanged in events {
            bundleIDs[exchanged.caseID, default: []].insert(exchanged.id)
            if let stored = try Data.fetchOne(db, sql: "SELECT digest FROM events WHERE id = ?", arguments: [exchanged.id]) {
                if stored.hex == exchanged.digest { plan.alreadyThere += 1 } else {
                    plan.problems.append("event \(exchanged.id) of \(exchanged.ref) differs from the one recorded here")
                }
                continue
            }
            guard let event = try? exchanged.verifiedEvent() else {
                plan.problems.append("event \(exchanged.id) of \(exchanged.ref) cannot be stored byte for byte")
                continue
            }
            incoming.append(event)
        }
        try checkCases(db, incoming, bundleIDs, &plan)
        plan.added = incoming.count
        return (plan, incoming)
    }

    /// Each case the bundle adds to: new here (then its registration must be in it, and its
    /// reference free), or known and not changed here since the sender last had it. A case
    /// changed on both copies is refused for now: merging diverged histories (conflict marking,
    /// `case resolve`) is not built yet, and nothing may be dropped or overwritten meanwhile.
    private static func checkCases(_ db: Database, _ incoming: [CaseEvent], _ bundleIDs: [String: Set<String>],
                                   _ plan: inout ImportPlan) throws {
        var byCase: [UUID: [CaseEvent]] = [:], order: [UUID] = []
        for event in incoming {
            if byCase[event.caseID] == nil { order.append(event.caseID) }
            byCase[event.caseID, default: []].append(event)
        }
        for caseID in order {
            let caseEvents = byCase[caseID]!, event = caseEvents[0]
            let folded = Engine.fold(caseEvents)
            let local = try String.fetchAll(db, sql: "SELECT id FROM events WHERE case_id = ?", arguments: [event.caseID.uuidString])
            if local.isEmpty {
                guard caseEvents.first?.type == .registered else {
                    plan.problems.append("case \(event.caseID.uuidString): its registration is not in the bundle")
                    continue
                }
                if try String.fetchOne(db, sql: "SELECT id FROM cases WHERE ref = ?", arguments: [folded.ref]) != nil {
                    plan.problems.append("\(folded.ref) is another case here")
                }
                plan.newCases.append(folded.ref)
            } else {
                let ref = try String.fetchOne(db, sql: "SELECT ref FROM cases WHERE id = ?", arguments: [event.caseID.uuidString]) ?? "?"
                let onlyHere = local.filter { !(bundleIDs[event.caseID.uuidString] ?? []).contains($0) }
                if !onlyHere.isEmpty {
                    plan.problems.append("\(ref) was changed on both copies since they last exchanged it (\(onlyHere.count) events only here, \(caseEvents.count) only in the bundle)")
                }
                plan.updatedCases.append(ref)
            }
        }
    }

    /// A sender's audit chain only grows: a bundle must carry more events than the last one
    /// imported from it, or the very same head. Anything else is an older bundle replayed, or a
    /// sender whose history was rewritten.
    private static func checkChainHead(_ db: Database, _ sender: BundleSender) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: "SELECT last_events, last_head FROM devices WHERE code = ?",
                                         arguments: [sender.device]) else { return "\(sender.device) is not a registered device here" }
        let lastEvents: Int = row["last_events"], lastHead: String = row["last_head"]
        if sender.chainEvents < lastEvents {
            return "this bundle is older than the last one imported from \(sender.device) (\(sender.chainEvents) events in its chain, \(lastEvents) then)"
        }
        if sender.chainEvents == lastEvents, !lastHead.isEmpty, sender.chainHead != lastHead {
            return "\(sender.device)'s audit chain is not the one it sent before (same length, another head)"
        }
        return nil
    }
}

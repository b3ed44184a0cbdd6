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
    /// Known cases both copies changed apart: both histories are kept, and a `diverged` event
    /// records which events each copy recorded meanwhile.
    public var divergedCases: [String] = []
    /// Of those, the cases in conflict: both copies recorded state-changing actions, so a
    /// supervisor must keep one (`case resolve`).
    public var conflicts: [String] = []
    /// Cases the sender purged (art. 36) that this copy never held: nothing of them can be stored
    /// byte for byte and nothing here needs blanking, so they are left out. (Also a known case
    /// whose blanked events come without their envelope, from a format-1 bundle.)
    public var purgedElsewhere: [String] = []
    /// Events this copy lacked that arrive blanked by the sender's purge, appended as blanked here.
    public var addedBlanked = 0
    /// At headquarters: cases it has purged (art. 36) for which a field copy sent events it lacks,
    /// as "REF (N events)". A purged case takes no new events, so none of them is written (the
    /// rest of the bundle is); the field copy keeps them (docs/bundle-format.md, "A purge travels").
    public var heldBack: [String] = []
    /// On a field copy: cases headquarters purged while this copy had events it had not sent, as
    /// "REF (N events)". They stay here, with their data; headquarters will not take them.
    public var unsentOnPurged: [String] = []
    /// Why the bundle cannot be merged; any one refuses the whole bundle.
    public var problems: [String] = []
}

extension CaseStore {
    /// What `applyImport` would do, without writing.
    public func planImport(_ events: [ExchangedEvent], from sender: BundleSender) throws(StoreError) -> ImportPlan {
        try read { db in try Self.plan(db, events, from: sender, now: Date()).plan }
    }

    /// Appends the events this copy lacks, keeping their ids, actors and references, and
    /// recomputes the projections of the cases they touch, in one transaction. Refused whole,
    /// writing nothing, when the plan has problems.
    /// With `office`, headquarters' office data is taken in the same transaction, first. The
    /// events are recorded as coming from `sender`, whose chain head is remembered.
    public func applyImport(_ events: [ExchangedEvent], from sender: BundleSender,
                            office: OfficeData? = nil) throws(StoreError) -> ImportPlan {
        try write { db in
            let (plan, incoming, markers) = try Self.plan(db, events, from: sender, now: Date())
            if let problem = plan.problems.first { throw StoreError.invalid(problem) }
            if let office { try applyOfficeData(office, db) }
            try db.execute(sql: "UPDATE devices SET last_events = ?, last_head = ? WHERE code = ?",
                           arguments: [sender.chainEvents, sender.chainHead, sender.device])
            guard !incoming.isEmpty else { return plan }
            // A case's first events arrive before its projection row exists; checked at commit.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            var appender = try EventAppender(db)
            let origin = try db.makeStatement(sql: "INSERT INTO event_origins(event_id, device) VALUES (?, ?)")
            // Each row as planned: its canonical payload and digest were computed once, when the
            // event was checked; only its place in this chain is new.
            for (event, record) in incoming {
                try appender.append(record: record, db)
                try origin.execute(arguments: [event.id.uuidString, sender.device])
            }
            // Where both copies changed a case apart: which events each recorded, so that every
            // copy folds the branches in the same merged order (and marks a conflict).
            for marker in markers { try appender.append(marker, db) }
            try appender.finish(db)
            // A purge made at the sender blanks the same payloads here (art. 36).
            let blank = try db.cachedStatement(sql: "UPDATE events SET payload = NULL WHERE id = ? AND case_id = ? AND payload IS NOT NULL")
            for (purge, _) in incoming where purge.action == .purge {
                for purged in purge.payload.purged ?? [] {
                    try blank.execute(arguments: [purged.event.uuidString, purge.caseID.uuidString])
                }
            }
            try Self.project(db, incoming.map(\.event), context: try Self.systemContext(db, now: Date()))
            return plan
        }
    }

    /// Projects the cases the new events touch: new ones inserted (their events are already in
    /// place), known ones rewritten, and both ends of any link a new case takes part in
    /// rewritten once all are in, so deadlines that depend on a linked case are right. Each
    /// case is folded once (a new one from the events as they arrived, not read back) and
    /// rewritten at most once after the inserts.
    private static func project(_ db: Database, _ incoming: [CaseEvent], context: CaseContext) throws {
        var order: [UUID] = [], byCase: [UUID: [CaseEvent]] = [:]
        for event in incoming {
            if byCase[event.caseID] == nil { order.append(event.caseID) }
            byCase[event.caseID, default: []].append(event)
        }
        var folded: [UUID: CaseFile?] = [:]
        func file(_ id: UUID) throws -> CaseFile? {
            if let known = folded[id] { return known }
            let events = try events(db, caseID: id)
            let file = events.isEmpty ? nil : Engine.fold(events)
            folded[id] = .some(file)
            return file
        }
        var again: [UUID] = [], queued = Set<UUID>()
        func queue(_ id: UUID) { if queued.insert(id).inserted { again.append(id) } }
        let exists = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?)")
        var new: [UUID] = []
        for id in order {
            let known = try Bool.fetchOne(exists, arguments: [id.uuidString])!
            if known { queue(id) } else { new.append(id); folded[id] = .some(Engine.fold(byCase[id]!)) }
        }
        // Their search entries together, after their rows (`SearchIndex.Later`), before any
        // case is rewritten below (a rewrite compares with the entry stored).
        let searchLater = SearchIndex.Later()
        for id in new {
            let newFile = try file(id)!
            try Projector.project(db, file: newFile, context: context,
                                  linked: try linkedFiles(db, of: newFile, known: file), isNew: true,
                                  searchLater: searchLater)
            if !newFile.links.isEmpty { queue(id); newFile.links.forEach { queue($0.id) } }
        }
        try searchLater.write(db)
        // What `Projector.reproject` does for each, with each case written once: the case and
        // every case linked to it either way (the links table is complete now).
        var written = Set<UUID>()
        func write(_ caseFile: CaseFile) throws {
            guard written.insert(caseFile.id).inserted else { return }
            try Projector.project(db, file: caseFile, context: context, linked: try linkedFiles(db, of: caseFile, known: file))
        }
        for id in again {
            guard let caseFile = try file(id) else { continue }
            try write(caseFile)
            for other in try linkedFiles(db, of: caseFile, known: file).values.sorted(by: { $0.ref < $1.ref }) {
                try write(other)
            }
        }
    }

    private static func plan(_ db: Database, _ events: [ExchangedEvent], from sender: BundleSender,
                             now: Date) throws -> (plan: ImportPlan, incoming: [(event: CaseEvent, record: EventRecord)], markers: [CaseEvent]) {
        var plan = ImportPlan()
        if let problem = try checkChainHead(db, sender) { plan.problems.append(problem) }
        var incoming: [(event: CaseEvent, record: EventRecord)] = []
        var bundleIDs: [String: Set<String>] = [:]
        // Cases purged at the sender that this copy never held: nothing of them can be stored.
        var purgedElsewhere: [String: String] = [:]
        // Where in `incoming` the blanked events are, whose remainders their purge event gives.
        var blankedAt: [Int] = []
        let digestOf = try db.cachedStatement(sql: "SELECT digest FROM events WHERE id = ?")
        let heldHere = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM events WHERE case_id = ?)")
        var held: [String: Bool] = [:]
        for exchanged in events {
            bundleIDs[exchanged.caseID, default: []].insert(exchanged.id)
            if let stored = try Data.fetchOne(digestOf, arguments: [exchanged.id]) {
                if stored.hex == exchanged.digest { plan.alreadyThere += 1 } else {
                    plan.problems.append("event \(exchanged.id) of \(exchanged.ref) differs from the one recorded here")
                }
                continue
            }
            if exchanged.purged {
                // A case this copy holds gets the event as the sender has it: blanked, its digest
                // kept (its bytes cannot be checked here, as at the sender). A case it never held
                // has nothing to blank here.
                let known = try held[exchanged.caseID] ?? Bool.fetchOne(heldHere, arguments: [exchanged.caseID])!
                held[exchanged.caseID] = known
                guard known, let blanked = exchanged.blanked, let digest = Data(hex: exchanged.digest),
                      let event = try? blanked.event() else {
                    purgedElsewhere[exchanged.caseID] = exchanged.ref
                    continue
                }
                blankedAt.append(incoming.count)
                incoming.append((event, EventRecord(blanked, digest: digest)))
                continue
            }
            // Checked byte for byte by the domain's canonical encoding (CanonicalEvents); the row
            // is built from what was checked, so the event is not encoded a second time.
            guard let checked = try? exchanged.verified() else {
                plan.problems.append("event \(exchanged.id) of \(exchanged.ref) cannot be stored byte for byte")
                continue
            }
            incoming.append((checked.event, EventRecord(checked.envelope, digest: checked.digest)))
        }
        try giveRemainders(db, &incoming, at: blankedAt, &plan)
        if !purgedElsewhere.isEmpty {
            incoming.removeAll { purgedElsewhere[$0.event.caseID.uuidString] != nil }
            plan.purgedElsewhere = purgedElsewhere.values.sorted()
        }
        try holdBackPurged(db, &incoming, &plan)
        let markers = try checkCases(db, incoming.map(\.event), bundleIDs, from: sender.device, now: now, &plan)
        plan.added = incoming.count
        plan.addedBlanked = incoming.filter { $0.record.payload == nil }.count
        return (plan, incoming, markers)
    }

    /// A blanked event arriving reads, like a blanked event stored here, as the remainder its
    /// purge event kept; that purge must be in the bundle or here, or the event is not one a
    /// purge blanked and the bundle is refused.
    private static func giveRemainders(_ db: Database, _ incoming: inout [(event: CaseEvent, record: EventRecord)],
                                       at indexes: [Int], _ plan: inout ImportPlan) throws {
        guard !indexes.isEmpty else { return }
        var remainders: [UUID: EventPayload] = [:]
        func take(_ purge: CaseEvent) { for p in purge.payload.purged ?? [] { remainders[p.event] = p.remainder } }
        incoming.filter { $0.event.action == .purge }.forEach { take($0.event) }
        let purges = try db.cachedStatement(sql: "SELECT * FROM events WHERE case_id = ? AND type = ? AND payload IS NOT NULL ORDER BY seq")
        for caseID in Set(indexes.map { incoming[$0].event.caseID }) {
            try Row.fetchAll(purges, arguments: [caseID.uuidString, Action.purge.rawValue])
                .forEach { take(try EventRecord(row: $0).event()) }
        }
        for index in indexes {
            guard let remainder = remainders[incoming[index].event.id] else {
                plan.problems.append("event \(incoming[index].event.id.uuidString) arrives blanked, but no purge of its case lists it")
                continue
            }
            incoming[index].event.payload = remainder
        }
    }

    /// Headquarters takes no new events into a case it has purged (art. 36): a field copy's
    /// events recorded before the purge reached it would put personal data back. They are held
    /// back, named in the plan, and stay on the field copy; the rest of the bundle is imported.
    private static func holdBackPurged(_ db: Database, _ incoming: inout [(event: CaseEvent, record: EventRecord)],
                                       _ plan: inout ImportPlan) throws {
        let own = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'device_code'") ?? ""
        guard own.isEmpty, !incoming.isEmpty else { return }
        let purgedHere = try db.cachedStatement(sql: "SELECT ref FROM cases WHERE id = ? AND EXISTS (SELECT 1 FROM events WHERE case_id = ? AND type = ?)")
        // Per case: its reference when it was purged here, "" when not.
        var refs: [UUID: String] = [:], counts: [UUID: Int] = [:]
        for (event, _) in incoming {
            if refs[event.caseID] == nil {
                let id = event.caseID.uuidString
                refs[event.caseID] = try String.fetchOne(purgedHere, arguments: [id, id, Action.purge.rawValue]) ?? ""
            }
            if refs[event.caseID]?.isEmpty == false { counts[event.caseID, default: 0] += 1 }
        }
        guard !counts.isEmpty else { return }
        incoming.removeAll { counts[$0.event.caseID] != nil }
        plan.heldBack = counts.map { "\(refs[$0.key]!) (\($0.value) event\($0.value == 1 ? "" : "s"))" }.sorted()
    }

    /// Each case the bundle adds to: new here (then its registration must be in it, and its
    /// reference free), or known. A known case changed on both copies since they last exchanged
    /// it keeps both histories: the `diverged` event returned for it names each copy's events, and
    /// the fold merges them (marking a conflict when both moved the case).
    private static func checkCases(_ db: Database, _ incoming: [CaseEvent], _ bundleIDs: [String: Set<String>],
                                   from sender: String, now: Date, _ plan: inout ImportPlan) throws -> [CaseEvent] {
        var byCase: [UUID: [CaseEvent]] = [:], order: [UUID] = []
        for event in incoming {
            if byCase[event.caseID] == nil { order.append(event.caseID) }
            byCase[event.caseID, default: []].append(event)
        }
        let own = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'device_code'").flatMap { $0.isEmpty ? nil : $0 } ?? "HQ"
        let localEvents = try db.cachedStatement(sql: "SELECT id, type FROM events WHERE case_id = ? ORDER BY seq")
        var markers: [CaseEvent] = []
        for caseID in order {
            let caseEvents = byCase[caseID]!, event = caseEvents[0]
            let local = try Row.fetchAll(localEvents, arguments: [event.caseID.uuidString])
            if local.isEmpty {
                guard caseEvents.first?.type == .registered else {
                    plan.problems.append("case \(event.caseID.uuidString): its registration is not in the bundle")
                    continue
                }
                let ref = caseEvents[0].payload.ref ?? ""
                if try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM cases WHERE ref = ?"), arguments: [ref]) != nil {
                    plan.problems.append("\(ref) is another case here")
                }
                plan.newCases.append(ref)
                continue
            }
            let ref = try String.fetchOne(db.cachedStatement(sql: "SELECT ref FROM cases WHERE id = ?"), arguments: [event.caseID.uuidString]) ?? "?"
            plan.updatedCases.append(ref)
            let sent = bundleIDs[event.caseID.uuidString] ?? []
            // The markers of earlier merges are no one's branch: they record, they do not act.
            let onlyHere = local.filter { !sent.contains($0["id"]) && ($0["type"] as String) != Action.diverged.rawValue }
                .compactMap { UUID(uuidString: $0["id"]) }
            let onlyThere = caseEvents.filter { $0.action != .diverged }.map(\.id)
            guard !onlyHere.isEmpty, !onlyThere.isEmpty else { continue }
            // Purged at headquarters while this field copy had events it had not sent: they stay
            // here (the purge blanks only what it lists); headquarters will not take them.
            if own != "HQ", caseEvents.contains(where: { $0.action == .purge }) {
                plan.unsentOnPurged.append("\(ref) (\(onlyHere.count) event\(onlyHere.count == 1 ? "" : "s"))")
            }
            let known = try events(db, caseID: caseID)
            var marker = CaseEvent(id: UUID(), caseID: caseID, type: .action(.diverged), actor: "cadesk",
                                   recorded: storedInstant(now),
                                   effective: (known + caseEvents).map(\.effective).max() ?? event.effective,
                                   payload: EventPayload())
            marker.payload.branches = [CopyBranch(copy: own, events: onlyHere), CopyBranch(copy: sender, events: onlyThere)]
            plan.divergedCases.append(ref)
            if Engine.fold(known + caseEvents + [marker]).conflict != nil { plan.conflicts.append(ref) }
            markers.append(marker)
        }
        return markers
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

extension Data {
    /// The bytes of lower-case or upper-case hex text; nil when it is not hex of whole bytes.
    init?(hex text: String) {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(digits.count / 2)
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[i]), let low = value(digits[i + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.init(bytes)
    }
}

import Casework
import Foundation
import GRDB

/// One transaction of a bulk load: what `register` and `act` would read back from the database
/// is kept in memory instead — officers' roles, the cases folded in this batch, the reference
/// sequences (written back once, by `finish`). Any other case is read in the transaction, since
/// another process may have acted on it since its batch committed.
struct BulkBatch {
    private let db: Database
    private let base: CaseContext
    private(set) var report: BulkReport
    private var roles: [String: Role] = [:]
    private var assignableNames: [String: Bool] = [:]
    /// Cases of this transaction; any other is read as it is now, so links resolve like any
    /// other (and a link target is reprojected from its current state).
    private var written: [UUID: CaseFile] = [:]
    private var sequences: ReferenceSequences
    private var checkedStates: Set<String> = []
    private var counterpartTexts: [String: String] = [:]
    private var appender: EventAppender
    private var linkTargets = Set<UUID>()
    /// The new cases' search entries, written by `finish` before anything reads the index.
    private let searchLater = SearchIndex.Later()

    init(_ db: Database, report: BulkReport, capacity: Int) throws {
        self.db = db
        self.report = report
        base = try CaseStore.systemContext(db, now: Date())
        sequences = try ReferenceSequences(db)
        appender = try EventAppender(db)
        written.reserveCapacity(capacity)
    }

    /// Registers one case and takes its steps; a refused step skips the rest of the case.
    mutating func load(_ item: BulkCase) throws {
        let r = item.registration
        let registerContext = try context(item.actor, item.registeredOn, item.recorded, item.makeID)
        if !checkedStates.contains(r.counterpart) {
            do {
                try CaseStore.requireState(r.counterpart, db)
                checkedStates.insert(r.counterpart)
            } catch {
                return refused("case new", error)
            }
        }
        let ref = try sequences.mint(db, direction: r.direction, kind: r.kind, year: item.registeredOn.year)
        if try appendDecided(item, ref: ref, context: registerContext) { return }
        var first: CaseEvent
        do {
            if let officer = r.officer, !officer.isEmpty { try CaseStore.requireAssignable(officer, db) }
            first = try Engine.register(r, id: item.id, ref: ref, context: registerContext)
        } catch {
            // Give the number back: a refused registration leaves no gap in the references.
            sequences.unmint(direction: r.direction, kind: r.kind, year: item.registeredOn.year)
            return refused("case new", error)
        }
        // As stored (whole milliseconds), so the folded case is the one a read gives.
        first.recorded = CaseStore.storedInstant(first.recorded)
        let (current, events, linked) = try takeSteps(item, from: [first])
        try store(current, events, linked: linked, context: registerContext)
    }

    /// Events decided elsewhere (the demo's simulation), appended as they are when that is what
    /// deciding again would give; false when they must be decided again.
    private mutating func appendDecided(_ item: BulkCase, ref: String, context: CaseContext) throws -> Bool {
        guard let decided = item.decided, let registered = decided.first, registered.type == .registered,
              registered.payload.ref == ref, decided.allSatisfy({ $0.caseID == item.id }),
              try mayAppend(decided, item) else { return false }
        let events = BulkCase.asStored(decided)
        let folded = Engine.fold(events)
        // No links: nothing else to read or reproject (with links, the steps are decided again).
        guard folded.links.isEmpty else { return false }
        let records = item.prepared.flatMap { $0.events == events ? $0.records : nil }
        try store(folded, events, records: records, context: context)
        return true
    }

    /// The case's steps through the engine, as `act` takes them.
    private mutating func takeSteps(_ item: BulkCase, from registered: [CaseEvent]) throws
        -> (CaseFile, [CaseEvent], [UUID: CaseFile]) {
        var events = registered
        var current = Engine.fold(events)
        var linked: [UUID: CaseFile] = [:]
        for step in item.actions {
            var inputs = step.inputs
            var c = try context(step.actor, step.today, step.recorded, item.makeID)
            // `linkTo` names a case of this load; `inputs.link` may name one already stored.
            if let target = step.linkTo ?? step.inputs.link?.id {
                guard let other = try file(target) else {
                    refused(step.action.rawValue, StoreError.unknownReference(target.uuidString)); break
                }
                inputs.link = LinkTarget(id: other.id, ref: other.ref, direction: other.direction, kind: other.kind)
                linked[other.id] = other
                linkTargets.insert(other.id)
            }
            c.linkedCases = linked
            do {
                if let officer = inputs.officer { try CaseStore.requireAssignable(officer, db) }
                var decided = try Engine.decide(step.action, inputs, on: current, context: c)
                for n in decided.indices { decided[n].recorded = CaseStore.storedInstant(decided[n].recorded) }
                events += decided
            } catch {
                refused("\(current.ref) \(step.action)", error); break
            }
            current = Engine.fold(events)
        }
        return (current, events, linked)
    }

    /// Writes the chain and the sequences; cases named by links of this batch see their new
    /// partners.
    mutating func finish() throws -> BulkReport {
        try searchLater.write(db)
        try appender.finish(db)
        try sequences.finish(db)
        let batch = self
        for id in linkTargets.sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let target = try file(id) else { continue }
            try Projector.project(db, file: target, context: base,
                                  linked: CaseStore.linkedFiles(db, of: target, known: { try batch.file($0) }))
        }
        return report
    }

    // MARK: - What the batch remembers

    /// `records`: the events' rows made beforehand (`BulkCase.prepare`), in the same order.
    private mutating func store(_ current: CaseFile, _ events: [CaseEvent], records: [EventRecord]? = nil,
                                linked: [UUID: CaseFile] = [:], context: CaseContext) throws {
        if counterpartTexts[current.counterpart] == nil {
            counterpartTexts[current.counterpart] = try Projector.counterpartText(db, current.counterpart)
        }
        try Projector.project(db, file: current, context: context, linked: linked, isNew: true,
                              counterpartText: counterpartTexts[current.counterpart], searchLater: searchLater)
        if let records {
            for record in records { try appender.append(record: record, db) }
        } else {
            for event in events { try appender.append(event, db) }
        }
        written[current.id] = current
        report.cases += 1
        report.events += events.count
    }

    private mutating func refused(_ what: String, _ error: any Error) {
        report.refusedCount += 1
        if report.refusals.count < 20 { report.refusals.append("\(what): \(error)") }
    }

    private func file(_ id: UUID) throws -> CaseFile? {
        if let known = written[id] { return known }
        let events = try CaseStore.events(db, caseID: id)
        return events.isEmpty ? nil : Engine.fold(events)
    }

    private mutating func role(_ actor: String) throws -> Role {
        if let known = roles[actor] { return known }
        let role = try CaseStore.role(db, of: actor)
        roles[actor] = role
        return role
    }

    private mutating func context(_ actor: String, _ today: CivilDate, _ now: Date,
                                  _ makeID: (@Sendable () -> UUID)?) throws -> CaseContext {
        var c = base
        c.actor = actor; c.role = try role(actor); c.today = today; c.now = now
        c.linkedCases = [:]
        if let makeID { c.makeID = makeID }
        return c
    }

    private mutating func assignable(_ name: String) throws -> Bool {
        if let known = assignableNames[name] { return known }
        let ok: Bool
        do { try CaseStore.requireAssignable(name, db); ok = true } catch is StoreError { ok = false }
        assignableNames[name] = ok
        return ok
    }

    /// Whether events decided elsewhere may be appended as they are: each one's actor may take
    /// that step here (as `Engine.decide` checks), and every officer assigned is assignable (as
    /// `register` and `act` check). Otherwise the steps are decided again, which refuses what is
    /// not allowed.
    private mutating func mayAppend(_ events: [CaseEvent], _ item: BulkCase) throws -> Bool {
        let workflow = Workflow.table(for: WorkflowID(item.registration.direction, item.registration.kind))
        for event in events {
            let role = try role(event.actor)
            guard role != .viewer else { return false }
            if let action = event.action {
                guard let spec = workflow.action(action), role.satisfies(spec.minimumRole) else { return false }
            }
            for officer in [event.payload.edits?.officer, event.payload.registration?.officer]
            where !(officer ?? "").isEmpty {
                guard try assignable(officer!) else { return false }
            }
        }
        if let officer = item.registration.officer, !officer.isEmpty, !(try assignable(officer)) {
            return false
        }
        return true
    }
}

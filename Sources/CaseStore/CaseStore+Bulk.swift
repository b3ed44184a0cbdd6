import Casework
import Foundation
import GRDB

/// A case to load in bulk (demo data, imports): its registration and the actions that follow,
/// each with the day and instant it is recorded as of.
public struct BulkCase: Sendable {
    public var id: UUID
    public var registration: Registration
    /// The day of registration: the year of the reference.
    public var registeredOn: CivilDate
    public var recorded: Date
    public var actor: String
    public var actions: [BulkAction]
    /// Ids for this case's events, in order (registration first); nil draws random ones.
    /// Lets a seeded demo name events (e.g. for `void`) before they are recorded.
    public var makeID: (@Sendable () -> UUID)?
    /// The events the engine already decided for this registration and these actions (all of
    /// them accepted), with this store's policy, holidays and officers' roles: e.g. by a
    /// simulation that ran the engine in memory. They are appended as they are, without deciding
    /// again, when their registration names the reference this store mints, the case they fold
    /// to links no other case, and each event's actor may take that step here (and each officer
    /// assigned is assignable); otherwise the steps are decided again (and refused if not allowed).
    public var decided: [CaseEvent]?
    public init(id: UUID = UUID(), registration: Registration, registeredOn: CivilDate, recorded: Date,
                actor: String, actions: [BulkAction] = [], makeID: (@Sendable () -> UUID)? = nil,
                decided: [CaseEvent]? = nil) {
        self.id = id; self.registration = registration; self.registeredOn = registeredOn
        self.recorded = recorded; self.actor = actor; self.actions = actions; self.makeID = makeID
        self.decided = decided
    }
}

public struct BulkAction: Sendable {
    public var action: Action
    public var inputs: ActionInputs
    /// The id of an earlier case (of this load or already stored) that `inputs.link` should name.
    public var linkTo: UUID?
    public var today: CivilDate
    public var recorded: Date
    public var actor: String
    public init(_ action: Action, _ inputs: ActionInputs = ActionInputs(), linkTo: UUID? = nil,
                today: CivilDate, recorded: Date, actor: String) {
        self.action = action; self.inputs = inputs; self.linkTo = linkTo; self.today = today
        self.recorded = recorded; self.actor = actor
    }
}

public struct BulkReport: Sendable, Hashable {
    public var cases = 0
    public var events = 0
    /// Registrations and actions the engine refused (they are skipped, with the rest of that case).
    public var refusedCount = 0
    /// The first few refusals, for the log.
    public var refusals: [String] = []
}

extension CaseStore {
    /// Registers and acts many cases through the same engine and projections as `register` and
    /// `act`, with prepared statements, `batchSize` cases per transaction (so the WAL stays small
    /// and other processes get a turn). A refused step skips the rest of its case.
    ///
    /// What `register` and `act` would read back from the database is kept in memory instead:
    /// the batch's reference sequences (written back once per batch) and the cases folded in this
    /// batch's transaction. Any other case (of an earlier batch or not of this load) is read in
    /// the transaction, since another process may have acted on it since its batch committed.
    public func bulkLoad(_ cases: [BulkCase], batchSize: Int = 2000,
                         progress: ((Int) -> Void)? = nil) throws(StoreError) -> BulkReport {
        var report = BulkReport()
        // A larger page cache keeps a batch's index pages in memory instead of spilling them.
        // A connection setting: no transaction, so no lock and no revision bump.
        try onWriterConnection { db in try db.execute(sql: "PRAGMA cache_size = -131072") }
        defer { try? onWriterConnection { db in try db.execute(sql: "PRAGMA cache_size = -2000") } }
        var start = 0
        while start < cases.count {
            let batch = cases[start..<min(start + batchSize, cases.count)]
            report = try write { db in
                var report = report
                var roles: [String: Role] = [:]
                let base = try Self.systemContext(db, now: Date())
                func role(_ actor: String) throws -> Role {
                    if let known = roles[actor] { return known }
                    let role = try Self.role(db, of: actor)
                    roles[actor] = role
                    return role
                }
                func context(_ actor: String, _ today: CivilDate, _ now: Date,
                             _ makeID: (@Sendable () -> UUID)?) throws -> CaseContext {
                    var c = base
                    c.actor = actor; c.role = try role(actor); c.today = today; c.now = now
                    c.linkedCases = [:]
                    if let makeID { c.makeID = makeID }
                    return c
                }
                func refused(_ what: String, _ error: any Error) {
                    report.refusedCount += 1
                    if report.refusals.count < 20 { report.refusals.append("\(what): \(error)") }
                }
                // Cases of this transaction are in memory; any other is read as it is now, so
                // links resolve like any other (and a link target is reprojected from its current state).
                var written: [UUID: CaseFile] = [:]
                written.reserveCapacity(batch.count)
                func file(_ id: UUID) throws -> CaseFile? {
                    if let known = written[id] { return known }
                    let events = try Self.events(db, caseID: id)
                    return events.isEmpty ? nil : Engine.fold(events)
                }
                /// Whether events decided elsewhere may be appended as they are: each one's actor may
                /// take that step here (as `Engine.decide` checks), and every officer assigned is
                /// assignable (as `register` and `act` check). Otherwise the steps are decided again,
                /// which refuses what is not allowed.
                func mayAppend(_ events: [CaseEvent], _ item: BulkCase) throws -> Bool {
                    let workflow = Workflow.table(for: WorkflowID(item.registration.direction, item.registration.kind))
                    for event in events {
                        let role = try role(event.actor)
                        guard role != .viewer else { return false }
                        if let action = event.action {
                            guard let spec = workflow.action(action), role.satisfies(spec.minimumRole) else {
                                return false
                            }
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
                var assignableNames: [String: Bool] = [:]
                func assignable(_ name: String) throws -> Bool {
                    if let known = assignableNames[name] { return known }
                    let ok: Bool
                    do { try Self.requireAssignable(name, db); ok = true } catch is StoreError { ok = false }
                    assignableNames[name] = ok
                    return ok
                }
                var sequences = try ReferenceSequences(db)
                var checkedStates: Set<String> = []
                var counterpartTexts: [String: String] = [:]
                var appender = try EventAppender(db)
                var linkTargets = Set<UUID>()
                func store(_ current: CaseFile, _ events: [CaseEvent], linked: [UUID: CaseFile] = [:],
                           context: CaseContext) throws {
                    if counterpartTexts[current.counterpart] == nil {
                        counterpartTexts[current.counterpart] = try Projector.counterpartText(db, current.counterpart)
                    }
                    try Projector.project(db, file: current, context: context, linked: linked, isNew: true,
                                          counterpartText: counterpartTexts[current.counterpart])
                    for event in events { try appender.append(event, db) }
                    written[current.id] = current
                    report.cases += 1
                    report.events += events.count
                }
                for item in batch {
                    let r = item.registration
                    let registerContext = try context(item.actor, item.registeredOn, item.recorded, item.makeID)
                    var first: CaseEvent
                    if !checkedStates.contains(r.counterpart) {
                        do {
                            try Self.requireState(r.counterpart, db)
                            checkedStates.insert(r.counterpart)
                        } catch {
                            refused("case new", error); continue
                        }
                    }
                    let ref = try sequences.mint(db, direction: r.direction, kind: r.kind, year: item.registeredOn.year)
                    if let decided = item.decided, let registered = decided.first, registered.type == .registered,
                       registered.payload.ref == ref, decided.allSatisfy({ $0.caseID == item.id }),
                       try mayAppend(decided, item) {
                        let events = decided.map { event in
                            var event = event
                            event.recorded = Self.storedInstant(event.recorded)
                            return event
                        }
                        let folded = Engine.fold(events)
                        // Already decided: what deciding again would give. No links: nothing else to
                        // read or reproject (with links, the steps are decided again below).
                        if folded.links.isEmpty {
                            try store(folded, events, context: registerContext)
                            continue
                        }
                    }
                    do {
                        if let officer = r.officer, !officer.isEmpty { try Self.requireAssignable(officer, db) }
                        first = try Engine.register(r, id: item.id, ref: ref, context: registerContext)
                    } catch {
                        // Give the number back: a refused registration leaves no gap in the references.
                        sequences.unmint(direction: r.direction, kind: r.kind, year: item.registeredOn.year)
                        refused("case new", error); continue
                    }
                    // As stored (whole milliseconds), so the folded case is the one a read gives.
                    first.recorded = Self.storedInstant(first.recorded)
                    var events = [first]
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
                            if let officer = inputs.officer { try Self.requireAssignable(officer, db) }
                            var decided = try Engine.decide(step.action, inputs, on: current, context: c)
                            for n in decided.indices { decided[n].recorded = Self.storedInstant(decided[n].recorded) }
                            events += decided
                        } catch {
                            refused("\(current.ref) \(step.action)", error); break
                        }
                        current = Engine.fold(events)
                    }
                    try store(current, events, linked: linked, context: registerContext)
                }
                try appender.finish(db)
                try sequences.finish(db)
                // Cases named by links of this batch see their new partners.
                for id in linkTargets.sorted(by: { $0.uuidString < $1.uuidString }) {
                    guard let target = try file(id) else { continue }
                    try Projector.project(db, file: target, context: base, linked: Self.linkedFiles(db, of: target, known: file))
                }
                return report
            }
            start += batch.count
            progress?(start)
        }
        return report
    }

    /// An instant as the `events` table keeps it: whole milliseconds.
    static func storedInstant(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(Int64((date.timeIntervalSince1970 * 1000).rounded())) / 1000)
    }
}

/// The reference sequences of one bulk batch, minted in memory: each (direction, kind, year)
/// is read once and written back once, by `finish`, in the same transaction.
struct ReferenceSequences {
    private struct Key: Hashable { var direction: Direction; var kind: RequestKind; var year: Int }
    private let device: String
    private var last: [Key: (stored: Int, last: Int)] = [:]

    init(_ db: Database) throws {
        device = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'device_code'") ?? ""
    }

    mutating func mint(_ db: Database, direction: Direction, kind: RequestKind, year: Int) throws -> String {
        let key = Key(direction: direction, kind: kind, year: year)
        var entry: (stored: Int, last: Int)
        if let known = last[key] {
            entry = known
        } else {
            let stored = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT last FROM ref_sequences WHERE direction = ? AND kind = ? AND year = ? AND device = ?
                """), arguments: [direction.rawValue, kind.rawValue, year, device]) ?? 0
            entry = (stored, stored)
        }
        entry.last += 1
        last[key] = entry
        return CaseStore.formatReference(direction: direction, kind: kind, year: year, device: device, number: entry.last)
    }

    /// Takes back the number just minted.
    mutating func unmint(direction: Direction, kind: RequestKind, year: Int) {
        last[Key(direction: direction, kind: kind, year: year)]?.last -= 1
    }

    func finish(_ db: Database) throws {
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO ref_sequences(direction, kind, year, device, last) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(direction, kind, year, device) DO UPDATE SET last = excluded.last
            """)
        for (key, entry) in last where entry.last != entry.stored {
            try upsert.execute(arguments: [key.direction.rawValue, key.kind.rawValue, key.year, device, entry.last])
        }
    }
}

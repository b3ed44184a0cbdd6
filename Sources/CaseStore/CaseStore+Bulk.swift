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
    public init(id: UUID = UUID(), registration: Registration, registeredOn: CivilDate, recorded: Date,
                actor: String, actions: [BulkAction] = [], makeID: (@Sendable () -> UUID)? = nil) {
        self.id = id; self.registration = registration; self.registeredOn = registeredOn
        self.recorded = recorded; self.actor = actor; self.actions = actions; self.makeID = makeID
    }
}

public struct BulkAction: Sendable {
    public var action: String
    public var inputs: ActionInputs
    /// The id of an earlier case (of this load or already stored) that `inputs.link` should name.
    public var linkTo: UUID?
    public var today: CivilDate
    public var recorded: Date
    public var actor: String
    public init(_ action: String, _ inputs: ActionInputs = ActionInputs(), linkTo: UUID? = nil,
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
    public func bulkLoad(_ cases: [BulkCase], batchSize: Int = 2000,
                         progress: ((Int) -> Void)? = nil) throws(StoreError) -> BulkReport {
        var report = BulkReport()
        // A larger page cache keeps a batch's index pages in memory instead of spilling them.
        try write { db in try db.execute(sql: "PRAGMA cache_size = -131072") }
        defer { try? write { db in try db.execute(sql: "PRAGMA cache_size = -2000") } }
        var start = 0
        while start < cases.count {
            let batch = cases[start..<min(start + batchSize, cases.count)]
            try write { db in
                var roles: [String: Role] = [:]
                let base = try Self.systemContext(db, now: Date())
                func context(_ actor: String, _ today: CivilDate, _ now: Date,
                             _ makeID: (@Sendable () -> UUID)?) throws -> CaseContext {
                    if roles[actor] == nil {
                        roles[actor] = try String.fetchOne(db, sql: "SELECT role FROM officers WHERE name = ?",
                                                           arguments: [actor]).flatMap(Role.init(rawValue:)) ?? .viewer
                    }
                    var c = base
                    c.actor = actor; c.role = roles[actor]!; c.today = today; c.now = now
                    c.linkedCases = [:]
                    if let makeID { c.makeID = makeID }
                    return c
                }
                func refused(_ what: String, _ error: any Error) {
                    report.refusedCount += 1
                    if report.refusals.count < 20 { report.refusals.append("\(what): \(error)") }
                }
                // Earlier cases of this load are already in the database (this transaction or a
                // committed one), so links between them resolve like any other.
                func file(_ id: UUID) throws -> CaseFile? {
                    let events = try Self.events(db, caseID: id)
                    return events.isEmpty ? nil : Engine.fold(events)
                }
                var appender = try EventAppender(db)
                var linkTargets = Set<UUID>()
                for item in batch {
                    let r = item.registration
                    let registerContext = try context(item.actor, item.registeredOn, item.recorded, item.makeID)
                    let first: CaseEvent
                    do {
                        try Self.requireState(r.counterpart, db)
                    } catch {
                        refused("case new", error); continue
                    }
                    let ref = try Self.mintReference(db, direction: r.direction, kind: r.kind, year: item.registeredOn.year)
                    do {
                        first = try Engine.register(r, id: item.id, ref: ref, context: registerContext)
                    } catch {
                        // Give the number back: a refused registration leaves no gap in the references.
                        try Self.unmintReference(db, direction: r.direction, kind: r.kind, year: item.registeredOn.year)
                        refused("case new", error); continue
                    }
                    var events = [first]
                    var current = Engine.fold(events)
                    var linked: [UUID: CaseFile] = [:]
                    for step in item.actions {
                        var inputs = step.inputs
                        var c = try context(step.actor, step.today, step.recorded, item.makeID)
                        if let target = step.linkTo {
                            guard let other = try file(target) else {
                                refused(step.action, StoreError.unknownReference(target.uuidString)); break
                            }
                            inputs.link = LinkTarget(id: other.id, ref: other.ref, direction: other.direction, kind: other.kind)
                            linked[other.id] = other
                            linkTargets.insert(other.id)
                        }
                        c.linkedCases = linked
                        do {
                            events += try Engine.decide(step.action, inputs, on: current, context: c)
                        } catch {
                            refused("\(current.ref) \(step.action)", error); break
                        }
                        current = Engine.fold(events)
                    }
                    try Projector.project(db, file: current, context: registerContext, linked: linked, isNew: true)
                    for event in events { try appender.append(event, db) }
                    report.cases += 1
                    report.events += events.count
                }
                try appender.finish(db)
                // Cases named by links of this batch see their new partners.
                for id in linkTargets.sorted(by: { $0.uuidString < $1.uuidString }) {
                    guard let target = try file(id) else { continue }
                    try Projector.project(db, file: target, context: base)
                }
            }
            start += batch.count
            progress?(start)
        }
        return report
    }
}

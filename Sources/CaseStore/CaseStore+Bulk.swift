import CanonicalEvents
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
    /// `decided` as stored (whole milliseconds) and its rows' canonical text and digests, made
    /// by `prepare()` on the thread that makes the case, so that the writer need not: encoding
    /// and hashing were a sixth of the writer's time in the demo. Used only for events equal to
    /// what `decided` gives when the case is written.
    var prepared: (events: [CaseEvent], records: [EventRecord])?

    public init(id: UUID = UUID(), registration: Registration, registeredOn: CivilDate, recorded: Date,
                actor: String, actions: [BulkAction] = [], makeID: (@Sendable () -> UUID)? = nil,
                decided: [CaseEvent]? = nil) {
        self.id = id; self.registration = registration; self.registeredOn = registeredOn
        self.recorded = recorded; self.actor = actor; self.actions = actions; self.makeID = makeID
        self.decided = decided
    }

    /// Computes the stored rows of `decided` now, on the caller's thread (see `prepared`).
    /// Events that cannot be encoded are left to the writer, which refuses them as before.
    public mutating func prepare() {
        guard let decided else { prepared = nil; return }
        let events = BulkCase.asStored(decided)
        guard let records = try? events.map({ event -> EventRecord in
            let canonical = try CanonicalEvent(event)
            return EventRecord(canonical, digest: canonical.digest!)
        }) else { prepared = nil; return }
        prepared = (events, records)
    }

    /// Events as the `events` table keeps them: instants in whole milliseconds.
    static func asStored(_ events: [CaseEvent]) -> [CaseEvent] {
        events.map { event in
            var event = event
            event.recorded = CaseStore.storedInstant(event.recorded)
            return event
        }
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
    /// and other processes get a turn), each a `BulkBatch`. A refused step skips the rest of its
    /// case.
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
                var loader = try BulkBatch(db, report: report, capacity: batch.count)
                for item in batch { try loader.load(item) }
                return try loader.finish()
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

import CanonicalEvents
import Casework
import Foundation
import GRDB

/// An event as a row of `events`: its canonical envelope (`CanonicalEvent`, which says what the
/// bytes and the digest are) and its place in the audit chain (`AuditChain`).
struct EventRecord: Sendable, Hashable {
    var seq: Int64?
    var id: String
    var caseID: String
    var type: String
    var actor: String
    var recorded: String
    var effective: String
    /// Canonical JSON of the payload; nil once purged. On disk it may be compressed
    /// (`StoredPayload`): rows are read and written through it.
    var payload: String? { didSet { storedPayload = StoredPayload.stored(payload) } }
    /// `payload` as the column keeps it, made with the record (so on the thread that makes it:
    /// `BulkCase.prepare()` runs on the demo's simulation thread, not the writer's).
    private(set) var storedPayload: DatabaseValue
    var digest: Data
    var chain: Data

    static let zeroChain = AuditChain.start

    /// The row for a new event, chained after `previous`.
    init(_ event: CaseEvent, after previous: Data) throws {
        let canonical = try CanonicalEvent(event)
        seq = nil
        id = canonical.id; caseID = canonical.caseID; type = canonical.type; actor = canonical.actor
        recorded = canonical.recorded; effective = canonical.effective; payload = canonical.payload
        storedPayload = StoredPayload.stored(canonical.payload)
        digest = canonical.digest!
        chain = AuditChain.link(previous, digest)
    }

    /// The row for an event checked on arrival (`ExchangedEvent.verified()`): its envelope and
    /// digest as checked, its chain value still to come (`EventAppender.append(record:)`).
    init(_ canonical: CanonicalEvent, digest: Data) {
        seq = nil
        id = canonical.id; caseID = canonical.caseID; type = canonical.type; actor = canonical.actor
        recorded = canonical.recorded; effective = canonical.effective; payload = canonical.payload
        storedPayload = StoredPayload.stored(canonical.payload)
        self.digest = digest
        chain = Data()
    }

    init(row: Row) {
        seq = row["seq"]; id = row["id"]; caseID = row["case_id"]; type = row["type"]
        actor = row["actor"]; recorded = row["recorded"]; effective = row["effective"]
        storedPayload = row["payload"]
        payload = StoredPayload.text(storedPayload); digest = row["digest"]; chain = row["chain"]
    }

    /// The envelope as stored, whose bytes the digest covers.
    var canonical: CanonicalEvent {
        CanonicalEvent(id: id, caseID: caseID, type: type, actor: actor, recorded: recorded,
                       effective: effective, payload: payload)
    }

    static func link(_ previous: Data, _ digest: Data) -> Data { AuditChain.link(previous, digest) }

    /// The digest recomputed from the stored columns; nil when the payload was purged.
    func recomputedDigest() -> Data? { canonical.digest }

    /// Back to the domain's event. A purged payload reads as an empty one; an unreadable row
    /// is a damaged database, not a silently skipped event.
    func event() throws -> CaseEvent {
        do { return try canonical.event() } catch {
            throw StoreError.damaged(path: "", reason: error.description)
        }
    }

    static let insertSQL = """
        INSERT INTO events(id, case_id, type, actor, recorded, effective, payload, digest, chain)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    var insertArguments: StatementArguments {
        [id, caseID, type, actor, recorded, effective, storedPayload, digest, chain]
    }
}

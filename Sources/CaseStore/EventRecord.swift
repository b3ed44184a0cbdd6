import Casework
import Crypto
import Foundation
import GRDB

/// An event as a row of `events`, with its place in the audit chain.
///
/// **Canonical bytes.** The digest of an event is SHA-256 of its canonical bytes: the UTF-8 JSON
/// object `{"actor":…,"caseID":…,"effective":…,"id":…,"payload":…,"recorded":…,"type":…}` —
/// the members of `CaseEvent`'s Codable form, keys sorted by UTF-8 bytes, no whitespace, strings
/// escaped only where JSON requires (`\"`, `\\`, `\b \f \n \r \t`, other U+0000–U+001F as `\u00xx`),
/// integers in decimal, no floats; UUIDs as upper-case strings; `effective` and every other date
/// as `YYYY-MM-DD`; `recorded` as ISO-8601 UTC with milliseconds (`2026-01-10T09:12:03.120Z`);
/// absent optional payload members omitted. The stored `payload` column holds the canonical
/// text of the payload member, so the bytes can be recomputed from the row alone.
///
/// **Chain.** `chain = SHA-256(previous chain ‖ digest)` in `seq` order, the previous of the
/// first event being 32 zero bytes. A retention purge may blank `payload` (NULL) but keeps the
/// digest, so the chain still verifies; only that event's own digest can no longer be rechecked.
struct EventRecord: Sendable, Hashable {
    var seq: Int64?
    var id: String
    var caseID: String
    var type: String
    var actor: String
    var recorded: String
    var effective: String
    /// Canonical JSON of the payload; nil once purged.
    var payload: String?
    var digest: Data
    var chain: Data

    static let zeroChain = Data(repeating: 0, count: 32)

    /// The row for a new event, chained after `previous`.
    init(_ event: CaseEvent, after previous: Data) throws {
        seq = nil
        id = event.id.uuidString
        caseID = event.caseID.uuidString
        type = event.type.rawValue
        actor = event.actor
        recorded = CanonicalJSON.timestamp(event.recorded)
        effective = event.effective.storedText
        let payloadBytes = try CanonicalJSON(encoding: event.payload).canonicalBytes
        payload = String(decoding: payloadBytes, as: UTF8.self)
        let bytes = Self.canonicalBytes(id: id, caseID: caseID, type: type, actor: actor,
                                        recorded: recorded, effective: effective, payloadText: payloadBytes)
        digest = Data(SHA256.hash(data: bytes))
        chain = Self.link(previous, digest)
    }

    init(row: Row) {
        seq = row["seq"]; id = row["id"]; caseID = row["case_id"]; type = row["type"]
        actor = row["actor"]; recorded = row["recorded"]; effective = row["effective"]
        payload = row["payload"]; digest = row["digest"]; chain = row["chain"]
    }

    static func link(_ previous: Data, _ digest: Data) -> Data {
        var sha = SHA256()
        sha.update(data: previous)
        sha.update(data: digest)
        return Data(sha.finalize())
    }

    /// The canonical bytes around an already-canonical payload text: members in sorted order
    /// (actor, caseID, effective, id, payload, recorded, type). Verifying hashes the stored
    /// payload bytes as they are, so any change to them shows.
    static func canonicalBytes(id: String, caseID: String, type: String, actor: String,
                               recorded: String, effective: String, payloadText: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(payloadText.count + 200)
        func member(_ key: String, _ value: String, first: Bool = false) {
            out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: key.utf8)
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: ":"))
            CanonicalJSON.writeString(value, into: &out)
        }
        member("actor", actor, first: true)
        member("caseID", caseID)
        member("effective", effective)
        member("id", id)
        out.append(contentsOf: ",\"payload\":".utf8)
        out.append(contentsOf: payloadText)
        member("recorded", recorded)
        member("type", type)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The digest recomputed from the stored columns; nil when the payload was purged.
    func recomputedDigest() throws -> Data? {
        guard let payload else { return nil }
        let bytes = Self.canonicalBytes(id: id, caseID: caseID, type: type, actor: actor, recorded: recorded,
                                        effective: effective, payloadText: Array(payload.utf8))
        return Data(SHA256.hash(data: bytes))
    }

    /// Back to the domain's event. A purged payload reads as an empty one.
    func event() throws -> CaseEvent {
        guard let uuid = UUID(uuidString: id), let caseUUID = UUID(uuidString: caseID),
              let date = CanonicalJSON.instant(recorded), let civil = CivilDate(effective) else {
            throw StoreError.damaged(path: "", reason: "event \(id) has an unreadable envelope")
        }
        // A type this version does not know would fold as nothing: the case would silently
        // differ from what was recorded, so the row is reported, not skipped.
        guard let eventType = EventType(rawValue: type) else {
            throw StoreError.damaged(path: "", reason: "event \(id) has an unknown type '\(type)'")
        }
        let body = try CanonicalDecoder.decode(EventPayload.self, from: CanonicalJSON(parsing: Data((payload ?? "{}").utf8)))
        return CaseEvent(id: uuid, caseID: caseUUID, type: eventType, actor: actor, recorded: date,
                         effective: civil, payload: body)
    }

    static let insertSQL = """
        INSERT INTO events(id, case_id, type, actor, recorded, effective, payload, digest, chain)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    var insertArguments: StatementArguments {
        [id, caseID, type, actor, recorded, effective, payload, digest, chain]
    }
}

/// The outcome of `verifyAudit()`.
public struct AuditReport: Sendable, Hashable, Codable {
    /// Events checked.
    public var events: Int
    /// Events whose payload was purged (their digest cannot be recomputed; the chain still holds).
    public var purged: Int
    /// The first event found broken, or nil when the whole chain verifies.
    public var firstBroken: BrokenEvent?
    /// Hex of the last chain value: the head a field copy or an auditor can compare.
    public var head: String

    public var ok: Bool { firstBroken == nil }

    public struct BrokenEvent: Sendable, Hashable, Codable {
        public var seq: Int64
        public var id: String
        public var caseID: String
        public var ref: String?
        /// `digest` (the event's bytes changed), `chain` (an event was removed, inserted or
        /// reordered, or a chain value changed) or `unreadable`.
        public var problem: String
    }
}

extension Data {
    var hex: String {
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self { out += [CanonicalJSON.hex[Int(byte >> 4)], CanonicalJSON.hex[Int(byte & 0xF)]] }
        return String(decoding: out, as: UTF8.self)
    }
}

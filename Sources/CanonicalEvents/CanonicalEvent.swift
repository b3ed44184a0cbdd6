import Casework
import Crypto
import Foundation

/// An event's envelope in its canonical, stored form: what its digest covers, with no place in
/// any chain and no database. The store writes these as rows; a bundle carries their bytes; a
/// bundle reader or a second backend can check and decode them with this module alone.
///
/// **Canonical bytes.** The digest of an event is SHA-256 of its canonical bytes: the UTF-8 JSON
/// object `{"actor":…,"caseID":…,"effective":…,"id":…,"payload":…,"recorded":…,"type":…}` —
/// the members of `CaseEvent`'s Codable form, keys sorted by UTF-8 bytes, no whitespace, strings
/// escaped only where JSON requires (`\"`, `\\`, `\b \f \n \r \t`, other U+0000–U+001F as `\u00xx`),
/// integers in decimal, no floats; UUIDs as upper-case strings; `effective` and every other date
/// as `YYYY-MM-DD`; `recorded` as ISO-8601 UTC with milliseconds (`2026-01-10T09:12:03.120Z`);
/// absent optional payload members omitted. `payload` holds the canonical text of the payload
/// member, so the bytes can be recomputed from the envelope alone.
public struct CanonicalEvent: Sendable, Hashable {
    public var id: String
    public var caseID: String
    public var type: String
    public var actor: String
    public var recorded: String
    public var effective: String
    /// Canonical JSON of the payload; nil once a retention purge blanked it.
    public var payload: String?

    public init(id: String, caseID: String, type: String, actor: String, recorded: String,
                effective: String, payload: String?) {
        self.id = id; self.caseID = caseID; self.type = type; self.actor = actor
        self.recorded = recorded; self.effective = effective; self.payload = payload
    }

    /// The canonical form of a domain event. Throws only for a payload with a float in it.
    public init(_ event: CaseEvent) throws {
        id = event.id.uuidString
        caseID = event.caseID.uuidString
        type = event.type.rawValue
        actor = event.actor
        recorded = CanonicalJSON.timestamp(event.recorded)
        effective = event.effective.storedText
        payload = try CanonicalJSON(encoding: event.payload).canonicalText
    }

    /// The envelope whose canonical bytes these are: exactly the seven members, each a string
    /// but the payload. It says nothing yet about whether the bytes are canonical (see
    /// `ExchangedEvent.verifiedEvent()`).
    public init(parsing bytes: [UInt8]) throws(CanonicalEventError) {
        guard case .object(let members)? = try? CanonicalJSON(parsing: Data(bytes)),
              members.count == 7, let payload = members["payload"],
              case .string(let id)? = members["id"], case .string(let caseID)? = members["caseID"],
              case .string(let type)? = members["type"], case .string(let actor)? = members["actor"],
              case .string(let recorded)? = members["recorded"], case .string(let effective)? = members["effective"]
        else { throw CanonicalEventError(id: nil, reason: "not an event's canonical bytes") }
        self.init(id: id, caseID: caseID, type: type, actor: actor, recorded: recorded,
                  effective: effective, payload: payload.canonicalText)
    }

    /// The canonical bytes; nil when the payload was purged.
    public var bytes: [UInt8]? {
        payload.map { Self.bytes(id: id, caseID: caseID, type: type, actor: actor, recorded: recorded,
                                 effective: effective, payloadText: Array($0.utf8)) }
    }

    /// SHA-256 of the canonical bytes; nil when the payload was purged.
    public var digest: Data? {
        bytes.map { Data(SHA256.hash(data: $0)) }
    }

    /// Back to the domain's event. A purged payload reads as an empty one. An envelope that
    /// does not parse, or a type this version does not know, is an error: the latter would fold
    /// as nothing and the case would silently differ from what was recorded.
    public func event() throws(CanonicalEventError) -> CaseEvent {
        guard let uuid = StoredID.uuid(id), let caseUUID = StoredID.uuid(caseID),
              let date = CanonicalJSON.instant(recorded), let civil = CivilDate(effective) else {
            throw CanonicalEventError(id: id, reason: "has an unreadable envelope")
        }
        guard let eventType = EventType(rawValue: type) else {
            throw CanonicalEventError(id: id, reason: "has an unknown type '\(type)'")
        }
        let body: EventPayload
        do {
            body = try CanonicalDecoder.decode(EventPayload.self, from: CanonicalJSON(parsing: Data((payload ?? "{}").utf8)))
        } catch {
            throw CanonicalEventError(id: id, reason: "has an unreadable payload (\(error))")
        }
        return CaseEvent(id: uuid, caseID: caseUUID, type: eventType, actor: actor, recorded: date,
                         effective: civil, payload: body)
    }

    /// The canonical bytes around an already-canonical payload text: members in sorted order
    /// (actor, caseID, effective, id, payload, recorded, type). Verifying hashes the stored
    /// payload bytes as they are, so any change to them shows.
    public static func bytes(id: String, caseID: String, type: String, actor: String,
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
}

/// An envelope that cannot be read back as a domain event. The store reports it as a damaged
/// database; a bundle reader as a bundle it refuses.
public struct CanonicalEventError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The event's id as written, when the envelope got that far.
    public var id: String?
    public var reason: String
    public init(id: String?, reason: String) { self.id = id; self.reason = reason }
    public var description: String { id.map { "event \($0) \(reason)" } ?? reason }
}

/// The audit chain: `chain = SHA-256(previous chain ‖ digest)` in `seq` order, the previous of
/// the first event being 32 zero bytes. A retention purge may blank a payload but keeps the
/// digest, so the chain still verifies; only that event's own digest can no longer be rechecked.
public enum AuditChain {
    /// The chain value before the first event.
    public static let start = Data(repeating: 0, count: 32)

    public static func link(_ previous: Data, _ digest: Data) -> Data {
        var sha = SHA256()
        sha.update(data: previous)
        sha.update(data: digest)
        return Data(sha.finalize())
    }
}

/// An event as it leaves for another copy: its canonical bytes and their digest, exactly as the
/// audit chain holds them (issue 13).
public struct ExchangedEvent: Sendable, Hashable {
    public var id: String
    public var caseID: String
    public var ref: String
    public var canonical: [UInt8]
    /// Lower-case hex SHA-256 of `canonical`.
    public var digest: String
    /// Blanked by a retention purge at the sender (art. 36): `canonical` is empty, and only the
    /// digest travels, for a copy that holds the event to match.
    public var purged: Bool
    /// For a blanked event, its envelope with no payload (type, actor, dates), so that a copy
    /// that never held the event can append it as the sender holds it: blanked, its digest kept.
    /// Bundles of format 1 do not carry it.
    public var blanked: CanonicalEvent?
    public init(id: String, caseID: String, ref: String, canonical: [UInt8], digest: String, purged: Bool = false,
                blanked: CanonicalEvent? = nil) {
        self.id = id; self.caseID = caseID; self.ref = ref; self.canonical = canonical; self.digest = digest
        self.purged = purged; self.blanked = blanked
    }

    /// An event to send, from its stored envelope; nil when its payload was purged (its bytes
    /// can no longer be checked by anyone).
    public init?(_ event: CanonicalEvent, ref: String, digest: Data) {
        guard let bytes = event.bytes else { return nil }
        self.init(id: event.id, caseID: event.caseID, ref: ref, canonical: bytes, digest: digest.hex)
    }

    /// The event these bytes are, when they are canonical — re-encoding the decoded event gives
    /// exactly these bytes back — and the digest is theirs. Anything else could not be stored
    /// byte for byte, so the audit chain of the receiving copy would not vouch for it.
    public func verifiedEvent() throws(CanonicalEventError) -> CaseEvent {
        try verified().event
    }

    /// `verifiedEvent()` with the envelope and digest checked, so that a store can write the
    /// event's row without encoding it again.
    public func verified() throws(CanonicalEventError) -> (event: CaseEvent, envelope: CanonicalEvent, digest: Data) {
        let envelope = try CanonicalEvent(parsing: canonical)
        guard envelope.id == id, envelope.caseID == caseID else {
            throw CanonicalEventError(id: id, reason: "is carried under another id or case")
        }
        let event = try envelope.event()
        guard let again = try? CanonicalEvent(event), let bytes = again.bytes, bytes == canonical else {
            throw CanonicalEventError(id: id, reason: "is not in canonical form")
        }
        let hash = Data(SHA256.hash(data: bytes))
        guard hash.hex == digest else {
            throw CanonicalEventError(id: id, reason: "does not match its digest")
        }
        return (event, envelope, hash)
    }
}

extension Data {
    /// Lower-case hexadecimal, as digests and chain heads are written.
    public var hex: String {
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self { out += [CanonicalJSON.hex[Int(byte >> 4)], CanonicalJSON.hex[Int(byte & 0xF)]] }
        return String(decoding: out, as: UTF8.self)
    }
}

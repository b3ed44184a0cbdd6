import CanonicalEvents
import Casework
import Foundation

/// What a bundle carries, version 1 or 2 (docs/bundle-format.md). Events travel as their canonical
/// bytes, so the receiver checks each digest byte for byte and the audit chain keeps its meaning.
public struct BundlePayload: Codable, Sendable, Equatable {
    /// The payload's format version; the envelope's version line says the same and is signed.
    public var format: Int
    /// The device code of the sending copy (`HQ` for headquarters, else e.g. `FL2`).
    public var sender: String
    /// The device code it is meant for.
    public var recipient: String
    /// A training database never exchanges bundles with an office one (CLI.md).
    public var training: Bool
    /// When it was made (ISO 8601, UTC).
    public var made: String
    /// The sender's audit chain head when it made the bundle.
    public var chainHead: ChainHead
    public var events: [BundleEvent]
    /// Headquarters' policy, directory, holidays and officers as of export; a field copy sends
    /// none (office data flows out only).
    public var office: OfficeSnapshot?

    /// The format is the lowest that can carry these events: 2 when one of them was blanked by
    /// a purge (version 1 has no blanked events), else 1, which every cadesk reads.
    public init(sender: String, recipient: String, training: Bool, made: String, chainHead: ChainHead,
                events: [BundleEvent], office: OfficeSnapshot?) {
        format = events.contains { $0.purged != nil || $0.envelope != nil } ? 2 : 1
        self.sender = sender; self.recipient = recipient; self.training = training; self.made = made
        self.chainHead = chainHead; self.events = events; self.office = office
    }
}

public struct ChainHead: Codable, Sendable, Equatable {
    public var events: Int
    /// Hex of the last chain value.
    public var head: String
    public init(events: Int, head: String) { self.events = events; self.head = head }
}

/// One event: its identity, the case's reference as the sender knows it, its canonical bytes
/// (UTF-8 JSON, carried as a string) and their SHA-256 digest in hex.
public struct BundleEvent: Codable, Sendable, Equatable {
    public var id: String
    public var caseID: String
    public var ref: String
    public var canonical: String
    public var digest: String
    /// True for an event a retention purge blanked at the sender (art. 36): `canonical` is empty
    /// and only the digest travels, so the receiver can match the event it holds. Absent otherwise
    /// (format 2; the builds that first sent blanked events wrote it under format 1, without `envelope`).
    public var purged: Bool?
    /// Format 2, with `purged`: what remains of a blanked event besides its id, case and digest
    /// (its type, actor and dates), so that a copy that never saw it can append it blanked, as the
    /// sender holds it. Absent otherwise.
    public var envelope: BlankedEnvelope?
    public init(id: String, caseID: String, ref: String, canonical: String, digest: String, purged: Bool? = nil,
                envelope: BlankedEnvelope? = nil) {
        self.id = id; self.caseID = caseID; self.ref = ref; self.canonical = canonical; self.digest = digest
        self.purged = purged; self.envelope = envelope
    }

    public init(_ event: ExchangedEvent) {
        self.init(id: event.id, caseID: event.caseID, ref: event.ref,
                  canonical: String(decoding: event.canonical, as: UTF8.self), digest: event.digest,
                  purged: event.purged ? true : nil, envelope: event.blanked.map(BlankedEnvelope.init))
    }

    /// The event as the store exchanges it: its canonical bytes back as bytes.
    public var exchanged: ExchangedEvent {
        ExchangedEvent(id: id, caseID: caseID, ref: ref, canonical: Array(canonical.utf8), digest: digest,
                       purged: purged == true,
                       blanked: envelope.map { CanonicalEvent(id: id, caseID: caseID, type: $0.type, actor: $0.actor,
                                                               recorded: $0.recorded, effective: $0.effective, payload: nil) })
    }

    /// The domain event these bytes are, checked without a database: canonical, and matching
    /// their digest (see `ExchangedEvent.verifiedEvent()`).
    public func verifiedEvent() throws(CanonicalEventError) -> CaseEvent {
        try exchanged.verifiedEvent()
    }
}

/// A blanked event's envelope without its payload (format 2): the members the purge kept.
public struct BlankedEnvelope: Codable, Sendable, Equatable {
    public var type: String
    public var actor: String
    /// ISO 8601 UTC with milliseconds, as in the canonical bytes.
    public var recorded: String
    /// `YYYY-MM-DD`.
    public var effective: String
    public init(type: String, actor: String, recorded: String, effective: String) {
        self.type = type; self.actor = actor; self.recorded = recorded; self.effective = effective
    }

    init(_ envelope: CanonicalEvent) {
        self.init(type: envelope.type, actor: envelope.actor, recorded: envelope.recorded, effective: envelope.effective)
    }
}

/// Office data as of export.
public struct OfficeSnapshot: Codable, Sendable, Equatable {
    public var policy: Policy
    public var holidays: [CivilDate]
    public var directory: [DirectoryRecord]
    public var officers: [OfficerRecord]
    public init(policy: Policy, holidays: [CivilDate], directory: [DirectoryRecord], officers: [OfficerRecord]) {
        self.policy = policy; self.holidays = holidays; self.directory = directory; self.officers = officers
    }
}

/// What the office keeps about a State (the ISO names come with every copy).
public struct DirectoryRecord: Codable, Sendable, Equatable {
    public var iso3: String
    public var centralAuthority: String
    public var contact247: String
    public var languages: [String]
    public var treaty: String
    public var notes: String
    public init(iso3: String, centralAuthority: String, contact247: String, languages: [String],
                treaty: String, notes: String) {
        self.iso3 = iso3; self.centralAuthority = centralAuthority; self.contact247 = contact247
        self.languages = languages; self.treaty = treaty; self.notes = notes
    }
}

public struct OfficerRecord: Codable, Sendable, Equatable {
    public var name: String
    public var role: String
    public init(name: String, role: String) { self.name = name; self.role = role }
}

import CanonicalEvents
import Casework
import Foundation
import Testing

/// The canonical form of an event, its digest and its chain link, with no database: what a
/// bundle reader or a second backend relies on. The bytes are pinned: every database written so
/// far hashed exactly these, and its audit chain must still verify.
@Suite struct CanonicalEventForm {
    static let event = CaseEvent(
        id: UUID(uuidString: "00000000-0000-0000-0000-0000000000AA")!,
        caseID: UUID(uuidString: "00000000-0000-0000-0000-0000000000BB")!,
        type: .action(.refuse), actor: "a.moreau", recorded: Date(timeIntervalSince1970: 1_768_036_323.12),
        effective: CivilDate("2026-01-10")!,
        payload: EventPayload(grounds: ["40.21b"], reason: "Tab\there, quote \" é ✓", note: nil, days: 60))
    static let bytes = #"{"actor":"a.moreau","caseID":"00000000-0000-0000-0000-0000000000BB","effective":"2026-01-10","id":"00000000-0000-0000-0000-0000000000AA","payload":{"days":60,"grounds":["40.21b"],"reason":"Tab\there, quote \" é ✓"},"recorded":"2026-01-10T09:12:03.120Z","type":"refuse"}"#
    /// SHA-256 of `bytes`, and the chain value of an event with that digest first in a chain.
    static let digest = "64aa883403401d94fc4e9226bac9392081e7fcb2c839093352a01b4094b2eec0"
    static let firstChain = "ba270211d822da2baac112a81b824c03d39b0b9c04cc4588cb00551f90d09968"

    @Test func theBytesAndDigestOfAKnownEventArePinned() throws {
        let canonical = try CanonicalEvent(Self.event)
        #expect(canonical.payload == #"{"days":60,"grounds":["40.21b"],"reason":"Tab\there, quote \" é ✓"}"#)
        #expect(canonical.bytes.map { String(decoding: $0, as: UTF8.self) } == Self.bytes)
        #expect(canonical.digest?.hex == Self.digest)
        #expect(AuditChain.link(AuditChain.start, canonical.digest!).hex == Self.firstChain)
        // The same bytes as the event's own Codable form, canonicalised: no member is left out.
        #expect(try CanonicalJSON(encoding: Self.event).canonicalText == Self.bytes)
    }

    @Test func decodesBackToTheSameEvent() throws {
        #expect(try CanonicalEvent(Self.event).event() == Self.event)
        let parsed = try CanonicalEvent(parsing: Array(Self.bytes.utf8))
        #expect(parsed == (try CanonicalEvent(Self.event)))
        #expect(try parsed.event() == Self.event)
    }

    @Test func aPurgedEnvelopeHasNoBytesAndReadsAsAnEmptyPayload() throws {
        var purged = try CanonicalEvent(Self.event)
        purged.payload = nil
        #expect(purged.bytes == nil)
        #expect(purged.digest == nil)
        #expect(try purged.event().payload == EventPayload())
    }

    @Test func anUnknownTypeOrAnUnreadableEnvelopeIsAnError() throws {
        var unknown = try CanonicalEvent(Self.event)
        unknown.type = "teleport"
        #expect(throws: CanonicalEventError(id: unknown.id, reason: "has an unknown type 'teleport'")) { try unknown.event() }
        var badDate = try CanonicalEvent(Self.event)
        badDate.recorded = "yesterday"
        #expect(throws: CanonicalEventError(id: badDate.id, reason: "has an unreadable envelope")) { try badDate.event() }
        #expect(throws: CanonicalEventError.self) { try CanonicalEvent(parsing: Array(#"{"id":"x"}"#.utf8)) }
    }

    @Test func anExchangedEventIsVerifiedByteForByteWithoutADatabase() throws {
        let canonical = try CanonicalEvent(Self.event)
        let exchanged = try #require(ExchangedEvent(canonical, ref: "IN-MLA-2026-0001", digest: canonical.digest!))
        #expect(exchanged.digest == Self.digest)
        #expect(try exchanged.verifiedEvent() == Self.event)

        var wrongDigest = exchanged
        wrongDigest.digest = String(repeating: "0", count: 64)
        #expect(throws: CanonicalEventError(id: exchanged.id, reason: "does not match its digest")) { try wrongDigest.verifiedEvent() }
        // Same meaning, other bytes (a space): not what the sender's chain hashed.
        var spaced = exchanged
        spaced.canonical = Array(Self.bytes.replacingOccurrences(of: #""actor":"#, with: #""actor": "#).utf8)
        #expect(throws: CanonicalEventError(id: exchanged.id, reason: "is not in canonical form")) { try spaced.verifiedEvent() }
        var moved = exchanged
        moved.caseID = UUID().uuidString
        #expect(throws: CanonicalEventError(id: exchanged.id, reason: "is carried under another id or case")) { try moved.verifiedEvent() }
    }

    @Test func floatsAreNotCanonical() {
        #expect(throws: (any Error).self) { _ = try CanonicalJSON(parsing: Data(#"{"a":1.5}"#.utf8)) }
    }

    @Test func timestampsRoundTripToTheMillisecond() {
        for ms in [Int64(0), 1_768_036_323_120, 951_782_400_999, -1] {
            let date = Date(timeIntervalSince1970: Double(ms) / 1000)
            let text = CanonicalJSON.timestamp(date)
            #expect(CanonicalJSON.instant(text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } == ms, "\(text)")
        }
        #expect(CanonicalJSON.timestamp(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
    }

    @Test func storedTextOfADayIsItsDescription() {
        for dayNumber in stride(from: -800_000, through: 3_000_000, by: 997) {
            let day = CivilDate(dayNumber: dayNumber)
            #expect(day.storedText == day.description)
        }
        #expect(CivilDate("2026-03-01")!.storedText == "2026-03-01")
    }

    @Test func canonicalKeysSortByTheirUTF8Bytes() {
        let keys = ["", "a", "ab", "b", "B", "é", "e\u{301}", "z", "zz", "\u{1F600}", "ﬀ", "aé", "a\u{0}"]
        for a in keys {
            for b in keys {
                #expect(CanonicalJSON.utf8Precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) \(b)")
            }
        }
    }
}

@Suite struct CanonicalParsing {
    @Test func parsesEscapesAndSurrogatesAndWritesThemCanonically() throws {
        let value = try CanonicalJSON(parsing: Data(#" { "b" : [1, -2, true, null], "a": "x\/y\u00e9\ud83d\ude00\n\u0001" } "#.utf8))
        #expect(value.canonicalText == "{\"a\":\"x/yé😀\\n\\u0001\",\"b\":[1,-2,true,null]}")
    }

    @Test(arguments: [#"{"a":1.0}"#, #"{"a":1e3}"#, #"{"a":1}x"#, #"{"a":1,"a":2}"#, #"["#, #""\ud800""#, "\"a\u{1}\""])
    func rejectsWhatIsNotCanonicalMaterial(_ text: String) {
        #expect(throws: (any Error).self) { _ = try CanonicalJSON(parsing: Data(text.utf8)) }
    }
}

@Suite struct CanonicalEncoding {
    @Test func theFastEncoderAgreesWithJSONEncoder() throws {
        var registration = Registration(direction: .incoming, kind: .mla, counterpart: "DEU",
                                        received: CivilDate("2026-01-08")!, title: "Ünïcode \"title\"\n",
                                        purposes: [.evidence, .storedData], urgency: .urgent, oral: true,
                                        basis: .treaty("Bilateral 1999"), requestedDeadline: CivilDate("2026-02-01"),
                                        requestedDeadlineReason: "trial", officer: "a.moreau")
        registration.items = [.facts: "the facts", .requestingAuthority: "Staatsanwaltschaft"]
        let payload = EventPayload(grounds: ["40.21a", "40.22"], reason: "r", days: -3,
                                   until: CivilDate("2026-03-01"),
                                   link: LinkTarget(id: UUID(), ref: "IN-MLA-2026-0001", direction: .incoming, kind: .mla),
                                   proposal: .refuse, oral: false, channel: .interpol, voidedEvent: UUID(),
                                   registration: registration, edits: CaseEdits(items: [.purpose: "x"]),
                                   fromState: .received, toState: .assessing)
        let event = CaseEvent(id: UUID(), caseID: UUID(), type: .registered, actor: "a", recorded: Date(),
                              effective: CivilDate("2026-01-08")!, payload: payload)
        #expect(try CanonicalJSON(encoding: event) == CanonicalJSON(viaJSONEncoder: event))
        // And back: the fast decoder reads what JSONDecoder reads.
        let text = try CanonicalJSON(encoding: payload).canonicalText
        let fast = try CanonicalDecoder.decode(EventPayload.self, from: CanonicalJSON(parsing: Data(text.utf8)))
        #expect(fast == payload)
        #expect(fast == (try JSONDecoder().decode(EventPayload.self, from: Data(text.utf8))))
        #expect(try CanonicalJSON(encoding: EventPayload()).canonicalText == "{}")
    }

    /// Optional members take one lookup each, and dates and ids are read from their text: what
    /// JSONDecoder accepts the fast decoder accepts, and what it refuses is refused too.
    @Test(arguments: [
        (#"{"note":null,"days":null,"until":null,"voidedEvent":null,"oral":null}"#, true),
        (#"{"until":"2026-02-29"}"#, false), (#"{"until":"2026-2-1"}"#, false), (#"{"until":7}"#, false),
        (#"{"voidedEvent":"6F1C2A9E-0B7D-4E8A-9C3F-2D5E6A7B8C9D"}"#, true),
        (#"{"voidedEvent":"6f1c2a9e-0b7d-4e8a-9c3f-2d5e6a7b8c9d"}"#, true),
        (#"{"voidedEvent":"6f1c2a9e0b7d4e8a9c3f2d5e6a7b8c9d"}"#, false), (#"{"voidedEvent":1}"#, false),
        (#"{"note":1}"#, false), (#"{"oral":"yes"}"#, false), (#"{"days":"3"}"#, false), (#"{"days":-3,"oral":true}"#, true),
        (#"{"toState":"nowhere"}"#, false), (#"{"toState":"assessing","grounds":["40.22"]}"#, true),
    ])
    func theFastDecoderAcceptsAndRefusesWhatJSONDecoderDoes(_ text: String, _ readable: Bool) throws {
        let slow = try? JSONDecoder().decode(EventPayload.self, from: Data(text.utf8))
        let fast = try? CanonicalDecoder.decode(EventPayload.self, from: CanonicalJSON(parsing: Data(text.utf8)))
        #expect((slow != nil) == readable, "JSONDecoder on \(text)")
        #expect(fast == slow, "\(text)")
    }

    @Test func floatsAreRefused() {
        struct Money: Encodable { var amount = 1.5 }
        #expect(throws: EncodingError.self) { _ = try CanonicalJSON(encoding: Money()) }
    }
}

extension CanonicalJSON {
    /// The same through Foundation's JSONEncoder: slower, kept to check CanonicalEncoder against.
    init(viaJSONEncoder value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(CanonicalJSON.timestamp(date))
        }
        try self.init(parsing: encoder.encode(value))
    }
}

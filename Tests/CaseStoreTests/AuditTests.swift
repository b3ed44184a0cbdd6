import Casework
import Foundation
import GRDB
import Testing
@testable import CaseStore

@Suite struct AuditTrail {
    @Test(arguments: Where.allCases)
    func eventsCannotBeUpdatedOrDeleted(_ location: Where) throws {
        let office = try Office(location)
        let file = try office.register()
        for statement in ["UPDATE events SET actor = 'mallory'",
                          "UPDATE events SET payload = '{}'",
                          "DELETE FROM events"] {
            #expect {
                try office.sql(statement)
            } throws: { error in
                "\(error)".contains("append-only")
            }
        }
        #expect(try office.store.events(of: .ref(file.ref)).count == 1)
    }

    @Test func aPayloadBlankedWithoutAPurgeEventBreaksTheChainThere() throws {
        let office = try Office()
        let file = try office.register(title: "personal data")
        try office.act(file.ref, .assess, ActionInputs(note: "call the prosecutor"))
        try office.act(file.ref, .note, ActionInputs(note: "later"))
        // The one UPDATE the table allows, done by hand: no purge event authorises it.
        try office.sql("UPDATE events SET payload = NULL WHERE type = 'assess'")
        let report = try office.store.verifyAudit()
        let seq = try office.store.read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM events WHERE type = 'assess'")! }
        #expect(!report.ok)
        #expect(report.firstBroken?.seq == seq)
        #expect(report.firstBroken?.problem == "blanked")
        #expect(report.firstBroken?.ref == file.ref)
        #expect(report.firstBroken?.explanation == "its payload was blanked without a purge event")
    }

    @Test(arguments: Where.allCases)
    func verifyFindsOneChangedByte(_ location: Where) throws {
        let office = try Office(location)
        let a = try office.register(title: "first")
        try office.register(title: "second")
        try office.act(a.ref, .assess, ActionInputs(note: "looks complete"))
        try office.register(title: "third")
        #expect(try office.store.verifyAudit().ok)

        let seq = try office.store.read { db in
            try Int64.fetchOne(db, sql: "SELECT seq FROM events WHERE type = 'assess'")!
        }
        // Tamper as an attacker with file access would: triggers dropped, one byte changed.
        try office.sql("""
            DROP TRIGGER events_no_update;
            UPDATE events SET payload = replace(payload, 'looks complete', 'looks complets') WHERE seq = \(seq);
            """)
        let report = try office.store.verifyAudit()
        #expect(!report.ok)
        #expect(report.firstBroken?.seq == seq)
        #expect(report.firstBroken?.problem == "digest")
        #expect(report.firstBroken?.ref == a.ref)
        #expect(try office.store.check().ok == false)
    }

    @Test func verifyFindsARemovedOrReorderedEvent() throws {
        let office = try Office()
        try office.register(title: "first")
        try office.register(title: "second")
        try office.register(title: "third")
        try office.sql("DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 2")
        let report = try office.store.verifyAudit()
        #expect(report.firstBroken?.seq == 3)
        #expect(report.firstBroken?.problem == "chain")

        let other = try Office()
        try other.register(title: "first")
        try other.register(title: "second")
        try other.sql("DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 2")
        #expect(try other.store.verifyAudit().firstBroken?.problem == "head")
    }

    @Test func canonicalBytesAreTheSortedKeyJsonOfTheEvent() throws {
        let event = CaseEvent(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000AA")!,
            caseID: UUID(uuidString: "00000000-0000-0000-0000-0000000000BB")!,
            type: .action(.refuse), actor: "a.moreau", recorded: Date(timeIntervalSince1970: 1_768_036_323.12),
            effective: CivilDate("2026-01-10")!,
            payload: EventPayload(grounds: ["40.21b"], reason: "Tab\there, quote \" é ✓", note: nil, days: 60))
        let record = try EventRecord(event, after: EventRecord.zeroChain)
        let expected = #"{"actor":"a.moreau","caseID":"00000000-0000-0000-0000-0000000000BB","effective":"2026-01-10","id":"00000000-0000-0000-0000-0000000000AA","payload":{"days":60,"grounds":["40.21b"],"reason":"Tab\there, quote \" é ✓"},"recorded":"2026-01-10T09:12:03.120Z","type":"refuse"}"#
        #expect(record.payload == #"{"days":60,"grounds":["40.21b"],"reason":"Tab\there, quote \" é ✓"}"#)
        let bytes = EventRecord.canonicalBytes(id: record.id, caseID: record.caseID, type: record.type,
                                               actor: record.actor, recorded: record.recorded,
                                               effective: record.effective,
                                               payload: try CanonicalJSON(parsing: Data(record.payload!.utf8)))
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
        // The same bytes as the event's own Codable form, canonicalised: no member is left out.
        #expect(try CanonicalJSON(encoding: event).canonicalText == expected)
        #expect(try record.recomputedDigest() == record.digest)
        #expect(try record.event() == event)
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

    @Test func bulkCasesCanFixTheirEventIDs() throws {
        let office = try Office()
        let ids = (1...3).map { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", $0))! }
        let counter = IDs(ids)
        let r = Registration(direction: .incoming, kind: .mla, counterpart: "DEU", received: Office.today,
                             purposes: [.evidence])
        let bulk = BulkCase(id: UUID(), registration: r, registeredOn: Office.today, recorded: Office.now,
                            actor: "a.moreau",
                            actions: [BulkAction(.assess, today: Office.today, recorded: Office.now, actor: "a.moreau")],
                            makeID: { counter.next() })
        _ = try office.store.bulkLoad([bulk])
        #expect(try office.store.events(of: .id(bulk.id)).map(\.id) == Array(ids.prefix(2)))
    }
}

final class IDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [UUID]
    init(_ ids: [UUID]) { self.ids = ids }
    func next() -> UUID { lock.lock(); defer { lock.unlock() }; return ids.removeFirst() }
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

    @Test func floatsAreRefused() {
        struct Money: Encodable { var amount = 1.5 }
        #expect(throws: EncodingError.self) { _ = try CanonicalJSON(encoding: Money()) }
    }
}

import CanonicalEvents
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
        // Tamper as an attacker with file access would: triggers dropped, one byte of the text
        // changed, written back as text (a compressed payload changed in place: StoredPayloadTests).
        try office.store.write { db in
            let text = StoredPayload.text(try DatabaseValue.fetchOne(db, sql: "SELECT payload FROM events WHERE seq = ?", arguments: [seq])!)!
            #expect(text.contains("looks complete"))
            try db.execute(sql: "DROP TRIGGER events_no_update")
            try db.execute(sql: "UPDATE events SET payload = ? WHERE seq = ?",
                           arguments: [text.replacingOccurrences(of: "looks complete", with: "looks complets"), seq])
        }
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

    /// The store writes the canonical form CanonicalEvents defines (pinned there): the same
    /// digest and first chain value, so databases written before the move still verify.
    @Test func aStoredEventCarriesTheCanonicalDigestAndChain() throws {
        let event = CaseEvent(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000AA")!,
            caseID: UUID(uuidString: "00000000-0000-0000-0000-0000000000BB")!,
            type: .action(.refuse), actor: "a.moreau", recorded: Date(timeIntervalSince1970: 1_768_036_323.12),
            effective: CivilDate("2026-01-10")!,
            payload: EventPayload(grounds: ["40.21b"], reason: "Tab\there, quote \" é ✓", note: nil, days: 60))
        let record = try EventRecord(event, after: EventRecord.zeroChain)
        #expect(record.payload == #"{"days":60,"grounds":["40.21b"],"reason":"Tab\there, quote \" é ✓"}"#)
        #expect(record.digest.hex == "64aa883403401d94fc4e9226bac9392081e7fcb2c839093352a01b4094b2eec0")
        #expect(record.chain.hex == "ba270211d822da2baac112a81b824c03d39b0b9c04cc4588cb00551f90d09968")
        #expect(record.recomputedDigest() == record.digest)
        #expect(try record.event() == event)
    }

    @Test func anUnknownStoredTypeIsADamagedDatabase() throws {
        let office = try Office()
        let file = try office.register()
        try office.sql("DROP TRIGGER events_no_update; UPDATE events SET type = 'teleport'")
        #expect {
            try office.store.events(of: .ref(file.ref))
        } throws: { error in
            guard case StoreError.damaged(let path, let reason)? = error as? StoreError else { return false }
            return !path.isEmpty && reason.hasSuffix("has an unknown type 'teleport'")
        }
    }
}

@Suite struct BulkIDs {
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

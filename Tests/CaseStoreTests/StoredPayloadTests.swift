import CanonicalEvents
import Casework
import Crypto
import Foundation
import GRDB
import Testing
@testable import CaseStore

/// Payloads kept compressed (migration v14, `StoredPayload`): every payload reads back as the
/// text it was, the record's digests do not move, old text payloads still read, and a changed
/// byte in a compressed payload is caught like any other.
@Suite struct StoredPayloadTests {
    static let samples: [String] = [
        "{}",
        #"{"fromState":"received","note":"looks complete","toState":"assessing"}"#,
        #"{"note":"网络诈骗案件: 嫌疑人通过虚假投资平台实施诈骗。 Зашифрованные записи. سجلات مشفرة"}"#,
        #"{"note":"\#(String(repeating: "Encrypted records of the hospital, ", count: 3_000))"}"#,
        #"{"note":"\#((0..<400).map { String($0 * 7_919 % 10_007, radix: 36) }.joined())"}"#,
    ]

    @Test func everyPayloadReadsBackAsItsText() throws {
        for text in Self.samples {
            let stored = StoredPayload.stored(text)
            #expect(StoredPayload.text(stored) == text)
            switch stored.storage {
            case .blob(let blob):
                #expect(blob.count < text.utf8.count)
                #expect(blob.first == 0x01)
            case .string(let kept): #expect(kept == text)
            default: Issue.record("stored as \(stored)")
            }
        }
        // Short JSON stays text; the vocabulary's words make a transition a fraction of its size.
        #expect(StoredPayload.stored("{}") == "{}".databaseValue)
        guard case .blob(let transition) = StoredPayload.stored(Self.samples[1]).storage else {
            Issue.record("a transition was not compressed"); return
        }
        #expect(transition.count * 2 < Self.samples[1].utf8.count, "\(transition.count) bytes")
        #expect(StoredPayload.text(.null) == nil)
    }

    /// The dictionary is part of the format: a stored payload needs exactly these bytes.
    @Test func theDictionaryIsFrozen() {
        #expect(SHA256.hash(data: StoredPayload.dictionary1).map { String(format: "%02x", $0) }.joined()
                == "d7191698ad1eb2c46b4d0ffc795c51986f340315d80b4228158a9f1a400d3dbd")
        #expect(StoredPayload.dictionary1.count == 1_581)
    }

    /// Blobs that are not a compressed payload never crash the reader and never read as the
    /// text they came from.
    @Test func aDamagedBlobReadsAsNoPayload() throws {
        let text = Self.samples[1]
        guard case .blob(let blob) = StoredPayload.stored(text).storage else { Issue.record("not compressed"); return }
        var variants: [Data] = [Data(), Data([0x01]), Data([0x02]) + blob.dropFirst(), blob.dropLast(), blob + Data([0])]
        variants.append(Data([0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) + blob.dropFirst(2))   // a length past any
        variants.append(Data([0x01, 0x05]) + blob.dropFirst(2))                                 // a shorter length
        for variant in variants {
            #expect(StoredPayload.text(variant.databaseValue) == StoredPayload.unreadable, "\(Array(variant))")
        }
        // Every byte of the stream changed in turn: unreadable or another text, never this one
        // (the last byte's unused bits aside: they change no text, so no digest either).
        var same = 0
        for at in 2..<blob.count {
            var changed = blob
            changed[changed.startIndex + at] ^= 0x5A
            if StoredPayload.text(changed.databaseValue) == text { same += 1 }
        }
        #expect(same == 0)
    }

    @Test func theColumnTakesTextOrThisFormatAndNothingElse() throws {
        let office = try Office()
        try office.register(title: "first")
        let row = try office.store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM events")! }
        func insert(_ payload: DatabaseValue) throws {
            try office.store.write { db in
                try db.execute(sql: EventRecord.insertSQL, arguments: [
                    UUID().uuidString, row["case_id"] as String, "note", "a.moreau", row["recorded"] as String,
                    row["effective"] as String, payload, Data(count: 32), Data(count: 32)])
            }
        }
        for refused: DatabaseValue in [Data([0x02, 0x05, 0x00]).databaseValue, Data([0x01]).databaseValue,
                                        Data("{}".utf8).databaseValue, "not json".databaseValue] {
            #expect("\(refused)") { try insert(refused) } throws: { "\($0)".contains("CHECK constraint failed") }
        }
        try insert(StoredPayload.stored(Self.samples[3]))
        try insert(#"{"note":"kept as text"}"#.databaseValue)
    }

    /// An office recorded by today's store, and a copy of it as a database of v13 would hold
    /// it: the same events with their payloads as JSON text, migrated to today's schema.
    static func officeOfV13() throws -> (today: Office, migrated: Office, old: CaseStore, ref: String) {
        let today = try Office()
        let a = try today.register(title: "Ransomware against a hospital", facts: "Encrypted records")
        try today.act(a.ref, .assess, ActionInputs(note: "looks complete"))
        try today.register(counterpart: "ITA", title: "サイバー攻撃の捜査", facts: "ランサムウェア・グループ")

        let old = try CaseStore.inMemory(upTo: "v13-deadline-bases")
        let migrated = try Office(initialized: old, folder: nil)
        try today.store.read { source in
            try old.writer.write { db in
                for row in try Row.fetchAll(source, sql: "SELECT * FROM cases") {
                    let columns = Array(row.columnNames)
                    try db.execute(sql: "INSERT INTO cases(\(columns.joined(separator: ","))) VALUES (\(columns.map { _ in "?" }.joined(separator: ",")))",
                                   arguments: StatementArguments(columns.map { row[$0] as DatabaseValue }))
                }
                // As v13 wrote them: the payload as its JSON text.
                for row in try Row.fetchAll(source, sql: "SELECT * FROM events ORDER BY seq") {
                    let record = EventRecord(row: row)
                    try db.execute(sql: EventRecord.insertSQL, arguments: [
                        record.id, record.caseID, record.type, record.actor, record.recorded, record.effective,
                        record.payload, record.digest, record.chain])
                }
                try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'chain_head'",
                               arguments: [try String.fetchOne(source, sql: "SELECT value FROM meta WHERE key = 'chain_head'")])
            }
        }
        #expect(try old.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE typeof(payload) = 'text'") } == 3)
        try Schema.migrator.migrate(old.writer)
        try old.writer.write { db in try CaseStore.reprojectAll(db, now: Office.now) }
        return (today, migrated, old, a.ref)
    }

    static func storedKinds(_ store: CaseStore) throws -> [String] {
        try store.read { db in try String.fetchAll(db, sql: "SELECT typeof(payload) FROM events ORDER BY seq") }
    }

    /// A database of v13, its payloads text, opened by this cadesk: they read as before, the
    /// chain verifies across old and new, and what is written after is compressed.
    @Test func textPayloadsWrittenBeforeV14StillRead() throws {
        let (today, migrated, old, ref) = try Self.officeOfV13()
        #expect(try migrated.store.events(of: .ref(ref)) == today.store.events(of: .ref(ref)))
        try migrated.act(ref, .note, ActionInputs(note: "written after v14, \(String(repeating: "compressed ", count: 20))"))
        #expect(try Self.storedKinds(old) == ["text", "text", "text", "blob"])
        let audit = try migrated.store.verifyAudit()
        #expect(audit.ok && audit.events == 4)
        #expect(try migrated.store.check().projections.isEmpty)
        #expect(try old.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
    }

    /// `admin compact`: the text payloads of before v14 stored compressed, each event reading
    /// the same and the chain ending where it did; the append-only trigger is back after; a
    /// payload changed by hand (no longer matching its digest) is left as it is and counted.
    @Test func compactingStoresOldPayloadsCompressedAndMovesNoDigest() throws {
        let (today, migrated, old, ref) = try Self.officeOfV13()
        #expect(try migrated.store.verifyAudit().ok)
        // Someone changed the third event's text by hand.
        let third = try old.read { db in try String.fetchOne(db, sql: "SELECT payload FROM events WHERE seq = 3") }!
        let triggerSQL = try old.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'events_no_update'") }!
        try old.writer.write { db in
            try db.execute(sql: "DROP TRIGGER events_no_update")
            try db.execute(sql: "UPDATE events SET payload = ? WHERE seq = 3", arguments: [third.replacingOccurrences(of: "グループ", with: "ギャング")])
            // The trigger back as it was, for the compaction to find.
            try db.execute(sql: triggerSQL)
        }
        let tampered = try migrated.store.verifyAudit()
        #expect(tampered.firstBroken?.seq == 3)
        let chain = { try old.read { db in try String.fetchAll(db, sql: "SELECT hex(digest) || hex(chain) FROM events ORDER BY seq") } }
        let chainBefore = try chain()

        let report = try migrated.store.compactPayloads()
        #expect(report.compressed == 2 && report.notMatching == 1 && report.keptShort == 0, "\(report)")
        #expect(report.bytesAfter < report.bytesBefore)
        #expect(try Self.storedKinds(old) == ["blob", "blob", "text"])
        #expect(try migrated.store.events(of: .ref(ref)) == today.store.events(of: .ref(ref)))
        // The chain as before: the same first break (the hand-made change), the same head.
        let after = try migrated.store.verifyAudit()
        #expect(after.firstBroken == tampered.firstBroken && after.head == tampered.head)
        #expect(try old.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'events_no_update'") } == triggerSQL)
        #expect(try chain() == chainBefore)
        #expect(throws: (any Error).self) { try migrated.sql("UPDATE events SET actor = 'mallory' WHERE seq = 1") }
        // Nothing left to do but the payload that does not match.
        let again = try migrated.store.compactPayloads()
        #expect(again.compressed == 0 && again.notMatching == 1, "\(again)")
        #expect(try migrated.store.textPayloads() == 1)
    }

    /// One byte of a compressed payload changed on disk, by someone who dropped the triggers:
    /// `audit verify` names that event, as for a payload kept as text.
    @Test func aByteChangedInACompressedPayloadBreaksTheChainThere() throws {
        let office = try Office(.disk)
        let a = try office.register(title: "first")
        try office.act(a.ref, .assess, ActionInputs(note: "looks complete, the data are described well enough"))
        try office.register(title: "third")
        let row = try office.store.read { db in try Row.fetchOne(db, sql: "SELECT seq, payload FROM events WHERE type = 'assess'")! }
        let seq: Int64 = row["seq"]
        let blob: Data = row["payload"]
        #expect(blob.first == 0x01)
        var changed = blob
        changed[changed.startIndex + blob.count / 2] ^= 0x01
        try office.store.write { db in
            try db.execute(sql: "DROP TRIGGER events_no_update")
            try db.execute(sql: "UPDATE events SET payload = ? WHERE seq = ?", arguments: [changed, seq])
        }
        let report = try office.store.verifyAudit()
        #expect(!report.ok)
        #expect(report.firstBroken?.seq == seq)
        #expect(report.firstBroken?.problem == "digest")
        #expect(report.firstBroken?.ref == a.ref)
    }
}

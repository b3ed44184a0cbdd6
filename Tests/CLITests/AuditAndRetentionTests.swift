import Foundation
import TerminalTesting
import Testing

/// Issue 7 §3 and §4 from the command line: heads kept outside the file, projections checked
/// against the events, and the retention purge.
@Suite(.serialized)
struct AuditAndRetentionTests {
    @Test func aHeadKeptOutsideCatchesRemovedEvents() throws {
        let box = try Sandbox()
        let ref = try CommandLineTests.newPreservation(box)
        var r = try box.run(["case", "act", ref, "note", "--note", "first"])
        let early = try box.run(["audit", "head"]).output
        #expect(early.hasPrefix("2:") && early.count == 2 + 64, "\(early)")
        r = try box.run(["case", "act", ref, "note", "--note", "second"])
        let headFile = box.root.appendingPathComponent("head-1.txt").path
        let head = try box.run(["audit", "head"]).stdout
        try head.write(toFile: headFile, atomically: false, encoding: .utf8)
        r = try box.run(["audit", "verify", "--head", headFile])
        #expect(r.status == 0, "\(r)")
        #expect(r.output.hasPrefix("OK: 3 events") && r.output.contains("extends the saved head 3:"), "\(r)")
        #expect(try box.run(["audit", "verify", "--head", early]).status == 0)

        // An insider with sqlite3 removes the last event and rewrites the stored head.
        try Sqlite.exec(box.db, """
            DROP TRIGGER events_no_delete;
            DELETE FROM events WHERE seq = 3;
            UPDATE meta SET value = (SELECT lower(hex(chain)) FROM events WHERE seq = 2) WHERE key = 'chain_head';
            """)
        #expect(try box.run(["audit", "verify"]).status == 0)
        r = try box.run(["audit", "verify", "--head", headFile])
        #expect(r.status == 4, "\(r)")
        #expect(r.stderr.hasPrefix("cadesk: audit verify: the chain no longer extends the saved head 3:"), "\(r)")
        #expect(r.stderr.hasSuffix("the chain has 2 events, fewer than the 3 of the saved head: events were removed\n"), "\(r)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        // Not a head: a usage error.
        r = try box.run(["audit", "verify", "--head", box.root.path])
        #expect(r.status == 2, "\(r)")
    }

    /// Payloads are kept compressed (schema v14): Python's own sqlite3 and zlib
    /// (`Scripts/read-events --check`) read every one back, recompute every digest and the
    /// chain, and find what cadesk shows.
    @Test func theRecordReadsWithoutCadesk() throws {
        let box = try Sandbox()
        let db = box.root.appendingPathComponent("demo.sqlite").path
        var r = try box.run(["demo", "--cases", "40", "--seed", "3", "--db", db], officer: "d.demo", useDefaultDB: false)
        #expect(r.status == 0, "\(r)")
        let events = try StoredEvents.read(db, check: true)
        r = try box.run(["audit", "verify", "--db", db], officer: "d.demo", useDefaultDB: false)
        #expect(r.status == 0 && r.output.hasPrefix("OK: \(events.count) events"), "\(r)")
        let kinds = try Spawn.run("sqlite3", ["-readonly", db, "SELECT typeof(payload) || ' ' || count(*) FROM events GROUP BY typeof(payload)"])
        #expect(String(decoding: kinds.stdout, as: UTF8.self) == "blob \(events.count)\n")
        r = try box.run(["case", "list", "--all", "--json", "--limit", "100", "--db", db], officer: "d.demo", useDefaultDB: false)
        #expect(r.status == 0, "\(r)")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(listed.count == 40)
        for item in listed {
            let id = (item["id"] as? String ?? "").uppercased(), ref = item["ref"] as? String ?? "?"
            let registered = events.first { $0.caseID == id && $0.type == "registered" }
            #expect(registered?.payload?.contains("\"ref\":\"\(ref)\"") == true, "\(ref): \(String(describing: registered))")
        }
        // `admin compact` (supervisors only) stores a payload kept as text, as before v14, compressed.
        r = try box.run(["admin", "compact", "--db", db], officer: "d.demo", useDefaultDB: false)
        #expect(r.status == 0 && r.stdout == "every payload is stored compressed already (or too short to gain)\n", "\(r)")
        let trigger = try Spawn.run("sqlite3", [db, "SELECT sql FROM sqlite_master WHERE name = 'events_no_update'"])
        let note = try #require(events.first { $0.type == "note" && ($0.payload?.count ?? 0) > 40 })
        try StoredEvents.rewrite(db, seq: note.seq, payload: note.payload!)
        try Sqlite.exec(db, String(decoding: trigger.stdout, as: UTF8.self))
        r = try box.run(["admin", "compact", "--db", db], officer: "a.moreau", useDefaultDB: false)
        #expect(r.status == 3, "an officer may not: \(r)")
        r = try box.run(["admin", "compact", "--db", db], officer: "d.demo", useDefaultDB: false)
        #expect(r.status == 0 && r.stdout.hasPrefix("1 payload compressed: "), "\(r)")
        #expect(try StoredEvents.read(db, check: true).map(\.payload) == events.map(\.payload))
        // Every payload back to text, as a database made before v14 holds them (Python's sqlite3
        // and the reader's own decoding); then compacted, and the file copied anew.
        _ = try LetterCommandTests.py("""
            import sqlite3, sys
            from importlib.machinery import SourceFileLoader
            reader = SourceFileLoader("read_events", sys.argv[1]).load_module()
            db = sqlite3.connect(sys.argv[2])
            trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = 'events_no_update'").fetchone()[0]
            db.execute("DROP TRIGGER events_no_update")
            for seq, payload in db.execute("SELECT seq, payload FROM events").fetchall():
                db.execute("UPDATE events SET payload = ? WHERE seq = ?", (reader.payload_text(payload), seq))
            db.execute(trigger)
            db.commit()
            db.execute("VACUUM")
            """, [StoredEvents.script, db])
        let textSize = try #require(try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int)
        r = try box.run(["admin", "compact", "--vacuum", "--db", db], officer: "d.demo", useDefaultDB: false)
        #expect(r.status == 0 && r.stdout.hasPrefix("\(events.count) payloads compressed: "), "\(r)")
        #expect(r.stdout.contains("database copied anew (VACUUM): "), "\(r)")
        let compactSize = try #require(try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int)
        #expect(compactSize * 10 < textSize * 9, "\(textSize) -> \(compactSize) bytes")
        #expect(try StoredEvents.read(db, check: true).map(\.payload) == events.map(\.payload))
        r = try box.run(["admin", "check", "--db", db], officer: "d.demo", useDefaultDB: false)
        #expect(r.status == 0, "\(r)")
        // A damaged payload is an error of the reader, not a silent gap.
        try Sqlite.exec(db, "DROP TRIGGER events_no_update; UPDATE events SET payload = x'01ff00' WHERE seq = 1")
        #expect(throws: CadeskTestError.self) { try StoredEvents.read(db) }
    }

    @Test func aPayloadBlankedByHandIsNamed() throws {
        let box = try Sandbox()
        let ref = try CommandLineTests.newPreservation(box)
        _ = try box.run(["case", "act", ref, "note", "--note", "Jane Doe called"])
        try Sqlite.exec(box.db, "UPDATE events SET payload = NULL WHERE type = 'note'")
        let r = try box.run(["audit", "verify"])
        #expect(r.status == 4, "\(r)")
        #expect(r.stdout.contains("case \(ref)): blanked: its payload was blanked without a purge event"), "\(r)")
        #expect(r.stderr == "cadesk: audit verify: the chain is broken at event 2 (blanked): its payload was blanked without a purge event\n")
    }

    @Test func everyBackupHasItsHeadBesideIt() throws {
        let box = try Sandbox()
        _ = try CommandLineTests.newPreservation(box)
        let target = box.root.appendingPathComponent("copy.sqlite").path
        let r = try box.run(["backup", target])
        #expect(r.status == 0, "\(r)")
        let head = try String(contentsOfFile: target + ".head", encoding: .utf8)
        #expect(head == (try box.run(["audit", "head"]).stdout))
    }

    @Test func adminCheckNamesAnEditedCase() throws {
        let box = try Sandbox()
        let ref = try CommandLineTests.newPreservation(box)
        #expect(try box.run(["admin", "check"]).status == 0)
        try Sqlite.exec(box.db, "UPDATE cases SET state = 'released' WHERE ref = '\(ref)'")
        var r = try box.run(["admin", "check"])
        #expect(r.status == 4, "\(r)")
        #expect(r.stdout.contains("  case \(ref): state differs: stored released, events say received\n"), "\(r)")
        r = try box.run(["admin", "rebuild"])
        #expect(r.status == 0, "\(r)")
        r = try box.run(["admin", "check"])
        #expect(r.status == 0 && r.stdout.contains("projections: ok"), "\(r)")
    }

    @Test func purgeBlanksClosedCasesPastRetention() throws {
        let box = try Sandbox()
        let ref = try CommandLineTests.newPreservation(box, title: "Jane Doe's hosting account")
        let open = try CommandLineTests.newPreservation(box, title: "John Roe, still open")
        var r = try box.run(["case", "act", ref, "withdraw", "--reason", "Jane Doe's lawyer called", "--on", "2026-01-10"],
                            today: "2026-01-10")
        #expect(r.status == 0, "\(r)")
        _ = try box.run(["policy", "set", "retention_years", "1"])
        _ = try box.run(["officer", "add", "v.iewer", "--role", "viewer"])
        let later = "2027-03-01"
        r = try box.run(["purge", "--closed-before", "2026-03-01", "--reason", "retention"], officer: "v.iewer", today: later)
        #expect(r.status == 3, "\(r)")
        // Inside the retention period: refused, citing art. 36.
        r = try box.run(["purge", "--closed-before", "2027-01-01", "--reason", "retention"], today: "2027-01-05")
        #expect(r.status == 3, "\(r)")
        #expect(r.stderr == "cadesk: purge: closed cases are kept 1 year (policy retention_years): --closed-before may be at most 2026-01-06 (art. 36)\n", "\(r)")

        r = try box.run(["purge", "--closed-before", "2026-03-01", "--reason", "retention", "--dry-run"], today: later)
        #expect(r.output == "\(ref)\nwould purge 1 case closed before 2026-03-01 (2 events blanked)", "\(r)")
        r = try box.run(["purge", "--closed-before", "2026-03-01", "--reason", "retention"], today: later)
        #expect(r.output == "\(ref)\npurged 1 case closed before 2026-03-01 (2 events blanked)", "\(r)")
        #expect(try box.run(["audit", "verify"]).status == 0)
        #expect(try box.run(["admin", "check"]).status == 0)
        let show = try box.run(["case", "show", ref], today: later).stdout
        #expect(show.contains("purged 2027-03-01: personal data blanked after the retention period (art. 36); received 2026-01-08, closed 2026-01-10"), "\(show)")
        #expect(!show.contains("Jane"), "\(show)")
        let json = try #require(try box.run(["case", "show", ref, "--json"], today: later).json() as? [String: Any])
        #expect(json["purged"] as? String == "2027-03-01")
        #expect(json["state"] as? String == "withdrawn" && json["title"] as? String == "")
        #expect(try box.run(["case", "list", "--query", "Jane", "--all"], today: later).stdout.contains(ref) == false)
        #expect(try box.run(["case", "show", open], today: later).stdout.contains("John Roe, still open"))
    }
}

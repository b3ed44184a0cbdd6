import Foundation
import TerminalTesting
import Testing

/// Headquarters and a field copy change the same case apart (issue 13): both histories are kept,
/// a conflict is shown in lists and on the case, a supervisor resolves it, a purge travels, and a
/// training database never exchanges bundles with an office one.
@Suite(.serialized)
struct ConflictCommandTests {
    static let ref = "IN-MLA-2026-0001"

    static func onField(_ box: borrowing Sandbox, _ args: [String], officer: String = "j.okafor") throws -> RunResult {
        try box.run(args + ["--db", ExchangeCommandTests.field(box)], officer: officer, today: nil, useDefaultDB: false)
    }

    static func bundle(_ box: borrowing Sandbox, _ name: String) -> String {
        box.root.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(6)).bundle").path
    }

    /// Headquarters sends FL2 its case and hears nothing back before both change it.
    static func fieldHoldsTheCase(_ box: borrowing Sandbox) throws {
        let out = bundle(box, "to-fl2")
        #expect(try box.run(["export", "--to", "FL2", "--out", out], today: nil).status == 0)
        #expect(try onField(box, ["import", out]).status == 0)
    }

    /// Every event of both databases, every stored byte of it, in id order.
    static func events(_ db: String) throws -> String {
        let r = try Spawn.run("sqlite3", [db, "SELECT id, case_id, type, actor, recorded, effective, payload, hex(digest) FROM events ORDER BY id"])
        return String(decoding: r.stdout, as: UTF8.self)
    }

    static func show(_ box: borrowing Sandbox, db: String? = nil) throws -> [String: Any] {
        let r = try box.run(["case", "show", ref, "--json"] + (db.map { ["--db", $0] } ?? []), today: nil, useDefaultDB: db == nil)
        return try #require(try r.json() as? [String: Any], "\(r)")
    }

    @Test func aConflictIsDetectedShownResolvedAndReconciledOnBothCopiesByteForByte() throws {
        let box = try ExchangeCommandTests.paired()
        let field = ExchangeCommandTests.field(box)
        try Self.fieldHoldsTheCase(box)
        // The laptop asks for more information; headquarters, not knowing, starts assessing.
        #expect(try Self.onField(box, ["case", "act", Self.ref, "request-information", "--note", "which account?"]).status == 0)
        #expect(try box.run(["case", "act", Self.ref, "assess"], today: nil).status == 0)
        let toHQ = Self.bundle(box, "to-hq")
        #expect(try Self.onField(box, ["export", "--out", toHQ]).status == 0)

        let before = try ExchangeCommandTests.head(box, box.db)
        var r = try box.run(["import", toHQ, "--dry-run"], today: nil)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("Would add 1 events from FL2: 0 new cases, 1 updated; 1 already here"), "\(r)")
        #expect(r.stdout.contains("would conflict (both copies moved the case; a supervisor keeps one with cadesk case resolve): \(Self.ref)"), "\(r)")
        #expect(try ExchangeCommandTests.head(box, box.db) == before)

        r = try box.run(["import", toHQ], today: nil)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("\nconflict (both copies moved the case; a supervisor keeps one with cadesk case resolve): \(Self.ref)"), "\(r)")

        // Shown in the list, its JSON, the case and the case's JSON. The request for information
        // came first: from awaiting-information, assessing is not declared, so it is not applied.
        r = try box.run(["case", "list", "--all"], today: nil)
        #expect(r.stdout.contains("awaiting-information CONFLICT"), "\(r)")
        let listed = try #require(try box.run(["case", "list", "--all", "--json"], today: nil).json() as? [[String: Any]])
        #expect(listed.first { $0["ref"] as? String == Self.ref }?["conflict"] as? Bool == true)
        r = try box.run(["case", "show", Self.ref], today: nil)
        #expect(r.stdout.contains("CONFLICT: HQ and FL2 changed this case apart"), "\(r)")
        #expect(r.stdout.contains("[not applied]; [HQ]"), "\(r)")
        var shown = try Self.show(box)
        #expect(shown["state"] as? String == "awaiting-information")
        let conflict = try #require(shown["conflict"] as? [[String: Any]])
        #expect(conflict.compactMap { $0["copy"] as? String } == ["HQ", "FL2"])
        let events = try #require(shown["events"] as? [[String: Any]])
        let assess = try #require(events.first { $0["type"] as? String == "assess" })
        #expect(assess["not_applied"] as? Bool == true && assess["copy"] as? String == "HQ")
        // Deadlines keep running, and actions stay possible.
        #expect(!(try #require(shown["deadlines"] as? [[String: Any]])).isEmpty)
        let actions = try #require(try box.run(["case", "actions", Self.ref, "--json"], today: nil).json() as? [[String: Any]])
        #expect(actions.contains { $0["action"] as? String == "information-received" })

        // Only a supervisor resolves; a copy that is not in the conflict is a usage error.
        let diverged = try ExchangeCommandTests.head(box, box.db)
        r = try box.run(["case", "resolve", Self.ref, "--keep", "HQ", "--reason", "assessed here"], officer: "j.okafor", today: nil)
        #expect(r.status == 3 && r.stderr.contains("only a supervisor may resolve-conflict"), "\(r)")
        r = try box.run(["case", "resolve", Self.ref, "--keep", "FL9", "--reason", "assessed here"], today: nil)
        #expect(r.status == 2 && r.stderr.contains("FL9 is not a copy of this conflict: keep one of HQ, FL2"), "\(r)")
        r = try box.run(["case", "resolve", "IN-MLA-2026-0009", "--keep", "HQ", "--reason", "x"], today: nil)
        #expect(r.status != 0)
        #expect(try ExchangeCommandTests.head(box, box.db) == diverged)

        r = try box.run(["case", "resolve", Self.ref, "--keep", "HQ", "--reason", "assessed at headquarters first"], today: nil)
        #expect(r.output == "\(Self.ref): kept HQ; 1 events voided -> assessing", "\(r)")
        #expect(!(try box.run(["case", "list", "--all"], today: nil)).stdout.contains("CONFLICT"))
        shown = try Self.show(box)
        #expect(shown["conflict"] == nil && shown["state"] as? String == "assessing")
        let asked = try #require((shown["events"] as? [[String: Any]])?.first { $0["type"] as? String == "request-information" })
        #expect(asked["voided"] as? Bool == true)
        #expect(try ExchangeCommandTests.head(box, box.db).hasPrefix("OK: 5 events"))
        r = try box.run(["case", "resolve", Self.ref, "--keep", "FL2", "--reason", "again"], today: nil)
        #expect(r.status == 3 && r.stderr.contains("not in conflict"), "\(r)")

        // Back to the laptop: it takes headquarters' assessment, the merge and the resolution.
        let toField = Self.bundle(box, "to-fl2")
        #expect(try box.run(["export", "--to", "FL2", "--out", toField], today: nil).status == 0)
        r = try Self.onField(box, ["import", toField])
        #expect(r.stdout.hasPrefix("Added 3 events from HQ: 0 new cases, 1 updated; 2 already here"), "\(r)")
        #expect(!r.stdout.contains("conflict"), "\(r)")
        let onField = try Self.show(box, db: field)
        #expect(onField["state"] as? String == "assessing" && onField["conflict"] == nil)
        // And nothing new comes back.
        let back = Self.bundle(box, "to-hq")
        #expect(try Self.onField(box, ["export", "--out", back]).status == 0)
        r = try box.run(["import", back], today: nil)
        #expect(r.stdout.hasPrefix("Added 0 events from FL2: 0 new cases, 0 updated; 5 already here"), "\(r)")
        // Every event, byte for byte, on both copies; each chain verifies.
        #expect(try Self.events(box.db) == (try Self.events(field)))
        #expect(try ExchangeCommandTests.head(box, field).hasPrefix("OK: 5 events"))
        // The laptop's event at headquarters names the device it came from.
        let origin = try Spawn.run("sqlite3", [box.db, "SELECT e.type, o.device FROM event_origins o JOIN events e ON e.id = o.event_id ORDER BY e.seq"])
        #expect(String(decoding: origin.stdout, as: UTF8.self) == "request-information|FL2\n")
    }

    @Test func aFieldCopyResolvesAndHeadquartersTakesItsResolution() throws {
        let box = try ExchangeCommandTests.paired()
        let field = ExchangeCommandTests.field(box)
        try Self.fieldHoldsTheCase(box)
        #expect(try box.run(["case", "act", Self.ref, "assess"], today: nil).status == 0)
        #expect(try Self.onField(box, ["case", "act", Self.ref, "request-information", "--note", "which account?"]).status == 0)
        // This time headquarters' bundle reaches the laptop first.
        let toField = Self.bundle(box, "to-fl2")
        #expect(try box.run(["export", "--to", "FL2", "--out", toField], today: nil).status == 0)
        var r = try Self.onField(box, ["import", toField])
        #expect(r.stdout.contains("\nconflict (both copies moved the case"), "\(r)")
        // Headquarters assessed first; the laptop's request for information follows from
        // assessing: both apply, and both copies moved the case.
        let merged = try Self.show(box, db: field)
        #expect(merged["state"] as? String == "awaiting-information" && merged["conflict"] != nil, "\(merged)")
        r = try Self.onField(box, ["case", "resolve", Self.ref, "--keep", "FL2", "--reason", "the information is needed first"], officer: "a.moreau")
        #expect(r.output == "\(Self.ref): kept FL2; 1 events voided -> awaiting-information", "\(r)")
        let toHQ = Self.bundle(box, "to-hq")
        #expect(try Self.onField(box, ["export", "--out", toHQ]).status == 0)
        r = try box.run(["import", toHQ], today: nil)
        #expect(r.stdout.hasPrefix("Added 3 events from FL2"), "\(r)")
        #expect(!r.stdout.contains("conflict"), "\(r)")
        let shown = try Self.show(box)
        #expect(shown["state"] as? String == "awaiting-information" && shown["conflict"] == nil)
        #expect(try Self.events(box.db) == (try Self.events(field)))
    }

    @Test func twoEditsOfOneFieldKeepBothAndTheLaterShows() throws {
        let box = try ExchangeCommandTests.paired()
        try Self.fieldHoldsTheCase(box)
        #expect(try Self.onField(box, ["case", "edit", Self.ref, "--title", "Title from the field"]).status == 0)
        #expect(try box.run(["case", "edit", Self.ref, "--title", "Title from headquarters"], today: nil).status == 0)
        let toHQ = Self.bundle(box, "to-hq")
        #expect(try Self.onField(box, ["export", "--out", toHQ]).status == 0)
        var r = try box.run(["import", toHQ, "--dry-run"], today: nil)
        #expect(r.stdout.contains("would merge (changed on both copies, no conflict): \(Self.ref)"), "\(r)")
        r = try box.run(["import", toHQ], today: nil)
        #expect(r.stdout.contains("merged (changed on both copies, no conflict): \(Self.ref)") && !r.stdout.contains("\nconflict"), "\(r)")
        let shown = try Self.show(box)
        #expect(shown["title"] as? String == "Title from headquarters")
        #expect(shown["edited_on_two_copies"] as? [String] == ["title"])
        #expect(shown["conflict"] == nil)
        #expect((shown["events"] as? [[String: Any]])?.filter { $0["type"] as? String == "edit" }.count == 2)
        r = try box.run(["case", "show", Self.ref], today: nil)
        #expect(r.stdout.contains("Edited on two copies: title (the later edit shows)"), "\(r)")
        #expect(!(try box.run(["case", "list", "--all"], today: nil)).stdout.contains("CONFLICT"))
    }

    @Test func aPurgeAtHeadquartersReachesTheFieldCopyThatHoldsTheCase() throws {
        let box = try ExchangeCommandTests.paired()
        let field = ExchangeCommandTests.field(box)
        try Self.fieldHoldsTheCase(box)
        #expect(try box.run(["case", "act", Self.ref, "withdraw"], today: nil).status == 0)
        let (later, toField) = try Self.closedPurgedAndExported(box)
        let r = try Self.onField(box, ["import", toField])
        #expect(r.status == 0 && r.stdout.hasPrefix("Added 3 events from HQ"), "\(r)")
        let shown = try Self.show(box, db: field)
        #expect(shown["purged"] as? String == later, "\(shown)")
        #expect(try Self.events(box.db) == (try Self.events(field)))
        let blanked = try Spawn.run("sqlite3", [field, "SELECT count(*) FROM events WHERE payload IS NULL"])
        #expect(String(decoding: blanked.stdout, as: UTF8.self) != "0\n")
        #expect(try ExchangeCommandTests.head(box, field).hasPrefix("OK: "))
    }

    /// Headquarters closes the withdrawn case, purges it two years on (a training database replays
    /// dates) and exports to FL2: the day of the purge and the bundle.
    static func closedPurgedAndExported(_ box: borrowing Sandbox) throws -> (purgedOn: String, bundle: String) {
        #expect(try box.run(["case", "act", ref, "close"], today: nil).status == 0)
        #expect(try box.run(["policy", "set", "retention_years", "1"], today: nil).status == 0)
        let later = CivilDateText.yearsFromNow(2)
        let r = try box.run(["purge", "--closed-before", CivilDateText.yearsFromNow(1), "--reason", "retention"], today: later)
        #expect(r.status == 0 && r.stdout.contains("purged 1 case"), "\(r)")
        let toField = bundle(box, "to-fl2")
        #expect(try box.run(["export", "--to", "FL2", "--out", toField], today: nil).status == 0)
        return (later, toField)
    }

    /// What `age -d` shows of a bundle's first line, opened with the field copy's identity.
    static func versionLine(_ box: borrowing Sandbox, _ bundle: String) throws -> String {
        let identity = box.root.appendingPathComponent("fl2-identity-\(UUID().uuidString.prefix(6)).txt").path
        #expect(try onField(box, ["keys", "export-identity", "--out", identity], officer: "a.moreau").status == 0)
        let opened = try Spawn.run("age", ["-d", "-i", identity, bundle])
        return String(decoding: opened.stdout.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    }

    static func count(_ db: String, _ whereClause: String) throws -> String {
        let r = try Spawn.run("sqlite3", [db, "SELECT count(*) FROM events WHERE \(whereClause)"])
        return String(decoding: r.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Headquarters recorded personal data on the case after the field copy's last copy of it,
    /// then purged it: the field copy gets those events blanked, as headquarters holds them, and
    /// ends with the case exactly as headquarters has it.
    @Test func aPurgeReachesTheFieldCopyWithTheEventsItNeverSawBlanked() throws {
        let box = try ExchangeCommandTests.paired()
        let field = ExchangeCommandTests.field(box)
        let first = Self.bundle(box, "to-fl2")
        #expect(try box.run(["export", "--to", "FL2", "--out", first], today: nil).status == 0)
        // Nothing blanked: format 1, which every cadesk reads.
        #expect(try Self.versionLine(box, first) == "cadesk-bundle 1")
        #expect(try Self.onField(box, ["import", first]).status == 0)
        #expect(try box.run(["case", "act", Self.ref, "note", "--note", "Witness Jane Roe, 12 rue Oberkampf"], today: nil).status == 0)
        #expect(try box.run(["case", "act", Self.ref, "withdraw", "--reason", "Jane Roe withdrew her complaint"], today: nil).status == 0)
        let (later, toField) = try Self.closedPurgedAndExported(box)
        #expect(try Self.versionLine(box, toField) == "cadesk-bundle 2")
        var r = try Self.onField(box, ["import", toField, "--dry-run"])
        #expect(r.status == 0 && r.stdout.contains("2 of them would arrive blanked by HQ's purge (art. 36)"), "\(r)")
        #expect(try Self.count(field, "1") == "1")
        r = try Self.onField(box, ["import", toField])
        #expect(r.status == 0 && r.stdout.hasPrefix("Added 4 events from HQ: 0 new cases, 1 updated"), "\(r)")
        #expect(r.stdout.contains("2 of them arrived blanked by HQ's purge (art. 36): digests kept, no personal data"), "\(r)")
        #expect(!r.stdout.contains("left out"), "\(r)")
        // The same events, every stored byte, blanked ones included; the name never reached the laptop.
        #expect(try Self.events(box.db) == (try Self.events(field)))
        #expect(try Self.count(field, "payload IS NULL") == "3")
        #expect(try StoredEvents.count(field, containing: "Roe") == 0)
        #expect(try Self.show(box, db: field)["purged"] as? String == later)
        #expect(try ExchangeCommandTests.head(box, field).hasPrefix("OK: "))
        #expect(try ExchangeCommandTests.head(box, box.db).hasPrefix("OK: "))
        r = try Self.onField(box, ["import", toField])
        #expect(r.status == 0 && r.stdout.hasPrefix("Added 0 events from HQ: 0 new cases, 0 updated; 5 already here"), "\(r)")
    }

    /// The field copy recorded personal data on the case after its last exchange, and
    /// headquarters purged it meanwhile: the field copy keeps its unsent events and says so;
    /// headquarters takes the rest of the field copy's bundle but holds those back, every time.
    @Test func unsentFieldEventsOnACaseHeadquartersPurgedStayOnTheFieldAndNeverReachHeadquarters() throws {
        let box = try ExchangeCommandTests.paired()
        let field = ExchangeCommandTests.field(box)
        try Self.fieldHoldsTheCase(box)
        #expect(try Self.onField(box, ["case", "act", Self.ref, "note", "--note", "Met Jane Roe in Lyon"]).status == 0)
        #expect(try Self.onField(box, ["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "USA",
                                       "--purpose", "stored-data", "--title", "Found in the field"]).output == "IN-MLA-2026-FL2-0001")
        #expect(try box.run(["case", "act", Self.ref, "withdraw"], today: nil).status == 0)
        #expect(try box.run(["case", "act", Self.ref, "close"], today: nil).status == 0)
        #expect(try box.run(["policy", "set", "retention_years", "1"], today: nil).status == 0)
        let later = CivilDateText.yearsFromNow(2)
        #expect(try box.run(["purge", "--closed-before", CivilDateText.yearsFromNow(1), "--reason", "retention"], today: later).status == 0)

        let toField = Self.bundle(box, "to-fl2")
        #expect(try box.run(["export", "--to", "FL2", "--out", toField], today: nil).status == 0)
        var r = try Self.onField(box, ["import", toField])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("purged at HQ while this copy had unsent events (art. 36): they stay here, and HQ will not take them")
                && r.stdout.contains(": IN-MLA-2026-0001 (1 event)"), "\(r)")
        // Headquarters' purge blanked what it lists here too; the field copy's own note stays.
        #expect(try StoredEvents.count(field, containing: "Jane Roe") == 1)
        #expect(try Self.show(box, db: field)["purged"] as? String == later)
        #expect(try ExchangeCommandTests.head(box, field).hasPrefix("OK: "))

        let toHQ = Self.bundle(box, "to-hq")
        #expect(try Self.onField(box, ["export", "--out", toHQ]).status == 0)
        let before = try Self.events(box.db)
        r = try box.run(["import", toHQ], today: nil)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("new: IN-MLA-2026-FL2-0001"), "\(r)")
        // The note and the field copy's record of the divergence: neither is written here.
        #expect(r.stdout.contains("held back (purged here, art. 36; FL2 keeps them; a supervisor records anything still needed as a new case): IN-MLA-2026-0001 (2 events)"), "\(r)")
        #expect(try StoredEvents.count(box.db, containing: "Jane Roe") == 0)
        let after = try Self.events(box.db)
        #expect(after.split(separator: "\n").count == before.split(separator: "\n").count + 1)  // only the new case's registration
        #expect(try ExchangeCommandTests.head(box, box.db).hasPrefix("OK: "))
        // They are named again by every later bundle, so they cannot be forgotten.
        let again = Self.bundle(box, "to-hq")
        #expect(try Self.onField(box, ["export", "--out", again]).status == 0)
        r = try box.run(["import", again], today: nil)
        #expect(r.status == 0 && r.stdout.contains("IN-MLA-2026-0001 (2 events)"), "\(r)")
        #expect(try Self.events(box.db) == after)
    }

    @Test func aTrainingDatabaseNeverExchangesBundlesWithAnOfficeOne() throws {
        // An office headquarters (its officers by account: the sandbox's user is `tester`) and
        // its field copy, which then becomes a training database behind cadesk's back.
        let box = try Sandbox(training: false)
        func office(_ args: [String], db: String? = nil) throws -> RunResult {
            try box.run(args + (db.map { ["--db", $0] } ?? []), officer: nil, today: nil, useDefaultDB: db == nil)
        }
        #expect(try office(["init", "--office", "Central Authority", "--state", "FRA", "--timezone", "Europe/Paris"]).status == 0)
        #expect(try office(["officer", "add", "j.okafor", "--role", "officer"]).status == 0)
        #expect(try office(["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "USA",
                            "--purpose", "stored-data", "--title", "Office case", "--officer", "j.okafor"]).status == 0)
        let pass = box.root.appendingPathComponent("passphrase").path
        try Data("correct horse battery\n".utf8).write(to: URL(fileURLWithPath: pass))
        let setup = box.root.appendingPathComponent("fl2.setup").path
        #expect(try office(["device", "add", "FL2", "--out", setup, "--officer", "j.okafor", "--passphrase-file", pass]).status == 0)
        let field = box.root.appendingPathComponent("fl2.sqlite").path
        var r = try office(["join", setup, "--passphrase-file", pass], db: field)
        #expect(r.status == 0, "\(r)")
        let toField = Self.bundle(box, "to-fl2")
        #expect(try office(["export", "--to", "FL2", "--out", toField]).status == 0)
        let toHQ = Self.bundle(box, "to-hq")
        #expect(try office(["export", "--out", toHQ], db: field).status == 0)
        _ = try Spawn.run("sqlite3", [field, "UPDATE meta SET value = 'true' WHERE key = 'training'"])
        let trainingBundle = Self.bundle(box, "training-to-hq")
        #expect(try office(["export", "--out", trainingBundle], db: field).status == 0)

        let officeHead = try office(["audit", "verify"]).output
        r = try office(["import", trainingBundle])
        #expect(r.status == 4 && r.stderr.contains("a training database never exchanges bundles with an office one"), "\(r)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try office(["audit", "verify"]).output == officeHead)
        // The other way: headquarters' office bundle is refused by the training copy.
        let fieldHead = try office(["audit", "verify"], db: field).output
        r = try office(["import", toField], db: field)
        #expect(r.status == 4 && r.stderr.contains("a training database never exchanges bundles with an office one"), "\(r)")
        #expect(try office(["audit", "verify"], db: field).output == fieldHead)
        // The office bundle the field copy made before it became a training database still goes.
        #expect(try office(["import", toHQ]).status == 0)
    }
}

/// Days as `YYYY-MM-DD` counted from the real today in the fixtures' office time zone
/// (Europe/Paris), for tests whose events are recorded today.
enum CivilDateText {
    static func yearsFromNow(_ years: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let day = calendar.date(byAdding: .year, value: years, to: Date())!
        let parts = calendar.dateComponents([.year, .month, .day], from: day)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}

/// The desk shows a conflict (list, case screen, both copies side by side) and a supervisor
/// resolves it there; the passphrase prompt of `device add` keeps what is typed off the screen.
@Suite(.serialized)
struct ConflictTerminalTests {
    @Test func theDeskShowsBothCopiesSideBySideAndASupervisorKeepsOne() throws {
        let box = try ExchangeCommandTests.paired()
        let ref = ConflictCommandTests.ref
        try ConflictCommandTests.fieldHoldsTheCase(box)
        #expect(try ConflictCommandTests.onField(box, ["case", "act", ref, "request-information", "--note", "which account?"]).status == 0)
        #expect(try box.run(["case", "act", ref, "assess"], today: nil).status == 0)
        let toHQ = ConflictCommandTests.bundle(box, "to-hq")
        #expect(try ConflictCommandTests.onField(box, ["export", "--out", toHQ]).status == 0)
        #expect(try box.run(["import", toHQ], today: nil).status == 0)

        let today = CivilDateText.yearsFromNow(0)
        let term = try TerminalTests.start(box, today: today)
        defer { term.close() }
        try term.waitUntil("the case listed in conflict") { $0.contains { $0.contains(ref) && $0.contains("CONFLICT") } }
        try term.press("Enter")
        try term.waitFor("Conflict: HQ and FL2 changed this case apart")
        let screen = try term.waitUntil("both copies side by side") { lines in
            lines.contains { $0.contains("on HQ") && $0.contains("on FL2") }
                && lines.contains { $0.contains("assess (not applied)") && $0.contains("request-information") }
        }
        #expect(screen.contains { $0.contains("CONFLICT HQ/FL2") }, "\(screen.joined(separator: "\n"))")

        try TerminalTests.chooseAction("resolve-conflict", ref: ref, in: term, box: box, today: today)
        try term.waitFor("Keep the events of")
        try term.press("Tab")
        try term.type("assessed at headquarters first")
        try term.press("C-s")
        try term.waitForGone("Conflict: HQ and FL2")
        try term.waitUntil("the case assessing") { $0.contains { $0.contains(ref) && $0.contains("assessing") } }

        let shown = try #require(try box.run(["case", "show", ref, "--json"], today: nil).json() as? [String: Any])
        #expect(shown["conflict"] == nil && shown["state"] as? String == "assessing")
    }

    @Test func thePassphrasePromptDoesNotEchoAndTheSetupFileOpensWithWhatWasTyped() throws {
        let box = try DeviceCommandTests.headquarters()
        let setup = box.root.appendingPathComponent("fl3.setup").path
        let secret = "typed at the prompt 42"
        let command = [CadeskBinary.path, "device", "add", "FL3", "--out", setup, "--officer", "j.okafor",
                       "--db", box.db, "--as", "a.moreau"].map(TmuxTerminal.quote).joined(separator: " ")
            + "; echo \"exit=$?\"; sleep 600"
        let term = try TmuxTerminal(command: ["sh", "-c", command], environment: box.environment(["TERM": "tmux-256color"]))
        defer { term.close() }
        try term.waitFor("Passphrase:")
        try term.type(secret)
        try term.press("Enter")
        try term.waitFor("Again:")
        try term.type(secret)
        // Nothing typed shows, before or after Enter.
        #expect(!(try term.screen()).contains { $0.contains("typed at the prompt") })
        try term.press("Enter")
        // scrypt's work factor of 2^18 takes a while in a debug build on a busy machine.
        let after = try term.waitUntil("device add to finish", timeout: 180) { $0.contains { $0.contains("exit=") } }
        #expect(after.contains { $0.contains("exit=0") }, "\(after.joined(separator: "\n"))")
        #expect(after.contains { $0.contains("FL3 registered") })
        #expect(!after.contains { $0.contains("typed at the prompt") })
        // The setup file is under the passphrase typed.
        let field = box.root.appendingPathComponent("fl3.sqlite").path
        let r = try box.run(["join", setup, "--db", field], officer: "j.okafor", today: nil, useDefaultDB: false,
                            env: ["CADESK_PASSPHRASE": secret])
        #expect(r.status == 0, "\(r)")
    }
}

import Foundation
import TerminalTesting
import Testing

/// Issue 7: who may create a database, which date a change is recorded on, demo data kept
/// apart from an office's records, bounded input, and errors that never carry escape sequences.
@Suite(.serialized)
struct TrustTests {
    /// The login name of the user running the tests, as cadesk reads it (password database).
    static var account: String { String(cString: getpwuid(getuid())!.pointee.pw_name) }

    /// An office database made by `cadesk init` as the test's own account (no --as).
    static func office(_ box: borrowing Sandbox) throws {
        let made = try box.run(["init", "--office", "Central Authority of Ruritania"], officer: nil, today: nil)
        #expect(made.status == 0, "\(made)")
    }

    static func register(_ box: borrowing Sandbox, officer: String? = "a.moreau", today: String? = "2026-03-01",
                         received: String = "2026-01-08") throws -> RunResult {
        try box.run(["case", "new", "--direction", "incoming", "--kind", "preservation", "--counterpart", "FRA",
                     "--received", received, "--title", "Hosting accounts"], officer: officer, today: today)
    }

    @Test func onlyInitAndDemoCreateADatabase() throws {
        let box = try Sandbox(training: false)
        let commands: [[String]] = [
            ["case", "list"], ["case", "show", "IN-PRES-2026-0001"], ["deadlines"], ["officer", "list"],
            ["officer", "add", "j.okafor", "--role", "officer"], ["policy", "show"], ["holidays", "add", "2026-12-25"],
            ["directory", "list"], ["audit", "verify"], ["admin", "check"], ["admin", "rebuild"],
        ]
        for args in commands {
            let r = try box.run(args)
            #expect(r.status == 4, "\(args): \(r)")
            #expect(r.stderr == "cadesk: no database at \(box.db); create one with cadesk init\n", "\(args): \(r)")
        }
        #expect(!FileManager.default.fileExists(atPath: box.db))
        // A name that is almost certainly a slip is not created, by init either.
        let spaced = box.db + " "
        let slip = try box.run(["init", "--db", spaced], useDefaultDB: false)
        #expect(slip.status == 2, "\(slip)")
        #expect(slip.stderr.contains("not a name cadesk creates a database under"), "\(slip)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.root.path).isEmpty)
        // An unknown time zone is init's usage error, and creates nothing.
        let zone = try box.run(["init", "--timezone", "Mars/Olympus"])
        #expect(zone.status == 2, "\(zone)")
        #expect(zone.stderr.contains("--timezone: unknown time zone 'Mars/Olympus'"), "\(zone)")
        #expect(!zone.stderr.contains("policy set"), "\(zone)")
        #expect(!FileManager.default.fileExists(atPath: box.db))
        // A blank path is a usage error, never a file named with spaces.
        for blank in [" ", ""] {
            let r = try box.run(["case", "list", "--db", blank], useDefaultDB: false)
            #expect(r.status == 2, "'\(blank)': \(r)")
            #expect(r.stderr == "cadesk: usage: --db may not be blank\n", "\(r)")
        }
        let env = try box.run(["case", "list"], useDefaultDB: false, env: ["CADESK_DB": "  "])
        #expect(env.status == 2, "\(env)")
        // A refused init (unknown State) leaves no file behind.
        let refused = try box.run(["init", "--state", "XYZ"], officer: nil)
        #expect(refused.status == 2, "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: box.db))
    }

    @Test func theLastSupervisorKeepsTheRoleAndNoOfficeIsSetUpImplicitly() throws {
        let box = try Sandbox()
        #expect(try box.run(["init", "--office", "Central Authority of Ruritania"]).status == 0)
        #expect(try Self.register(box).status == 0)
        let demote = try box.run(["officer", "add", "a.moreau", "--role", "officer"])
        #expect(demote.status == 3, "\(demote)")
        #expect(demote.stderr == "cadesk: a.moreau is the last supervisor: an office keeps at least one (make another officer supervisor first)\n")
        #expect(try box.run(["officer", "list"]).stdout.contains("a.moreau  supervisor"))
        // With a second supervisor the first may step down.
        #expect(try box.run(["officer", "add", "b.lead", "--role", "supervisor"]).status == 0)
        #expect(try box.run(["officer", "add", "a.moreau", "--role", "officer"]).status == 0)
        #expect(try box.run(["officer", "add", "b.lead", "--role", "viewer"], officer: "b.lead").status == 3)

        // A database that lost every supervisor behind cadesk's back is not set up again by
        // whoever comes next: the office's name and time zone stay, nobody becomes supervisor.
        try Sqlite.exec(box.db, "UPDATE officers SET role = 'officer'")
        for officer in ["a.moreau", "x.intruder"] {
            let r = try box.run(["case", "list"], officer: officer)
            #expect(r.status == 4, "\(r)")
            #expect(r.stderr.contains("no office is set up in this database"), "\(r)")
            let claim = try box.run(["init", "--office", "Mine now"], officer: officer)
            #expect(claim.status == 3, "\(claim)")
        }
        let officers = try Spawn.run("sqlite3", [box.db, "SELECT name || ':' || role FROM officers ORDER BY name"])
        #expect(String(decoding: officers.stdout, as: UTF8.self) == "a.moreau:officer\nb.lead:officer\n")
        let name = try Spawn.run("sqlite3", [box.db, "SELECT value FROM policy WHERE key = 'officeName'"])
        #expect(String(decoding: name.stdout, as: UTF8.self) == "\"Central Authority of Ruritania\"\n")
    }

    /// Issue 7 item 7: `release --today 2027-03-01 --on 2027-03-01` released data preserved that day.
    @Test func onAnOfficeDatabaseTodayMovesReadsOnly() throws {
        let box = try Sandbox(training: false)
        try Self.office(box)
        let ref = try Self.register(box, officer: nil, today: nil)
        #expect(ref.status == 0, "\(ref)")
        #expect(try box.run(["case", "act", ref.output, "preserve", "--custodian", "ExampleHost"], officer: nil, today: nil).status == 0)
        let before = try box.run(["case", "show", ref.output, "--json"], officer: nil, today: nil).stdout
        let later = try box.run(["case", "act", ref.output, "release", "--today", "2199-03-01", "--on", "2199-03-01"],
                                officer: nil, today: nil)
        #expect(later.status == 3, "\(later)")
        #expect(later.stderr.hasPrefix("cadesk: --today: on an office database --today (2199-03-01) applies to reads only"), "\(later)")
        let viaEnv = try box.run(["case", "act", ref.output, "release"], officer: nil, today: nil, env: ["CADESK_TODAY": "2199-03-01"])
        #expect(viaEnv.status == 3, "\(viaEnv)")
        #expect(try box.run(["case", "show", ref.output, "--json"], officer: nil, today: nil).stdout == before)
        // Reads take --today: the deadlines as they will stand then.
        let read = try box.run(["deadlines", "--json"], officer: nil, today: "2199-03-01")
        #expect(read.status == 0, "\(read)")
        #expect(read.stdout.contains("\"status\" : \"overdue\""), "\(read)")
        // On a training database --today dates changes too (every other test relies on it).
        let training = try Sandbox()
        #expect(try Self.register(training, today: "2027-01-10", received: "2027-01-09").status == 0)
    }

    @Test func demoGoesOnlyIntoANewOrEmptyDatabaseWhichBecomesTraining() throws {
        let box = try Sandbox(training: false)
        try Self.office(box)
        #expect(try Self.register(box, officer: nil, today: nil).status == 0)
        let events = try Spawn.run("sqlite3", [box.db, "SELECT count(*) FROM events"]).stdout
        let refused = try box.run(["demo", "--cases", "5"], officer: nil, today: nil)
        #expect(refused.status == 3, "\(refused)")
        #expect(refused.stderr.contains("demo cases go only into a new or empty database"), "\(refused)")
        #expect(try Spawn.run("sqlite3", [box.db, "SELECT count(*) FROM events"]).stdout == events)
        #expect(try box.run(["officer", "list"], officer: nil, today: nil).stdout.split(separator: "\n").count == 2)

        let fresh = box.root.appendingPathComponent("training.sqlite").path
        let demo = try box.run(["demo", "--cases", "5", "--db", fresh], useDefaultDB: false)
        #expect(demo.status == 0, "\(demo)")
        #expect(demo.stdout.contains("training database"), "\(demo)")
        let again = try box.run(["demo", "--cases", "5", "--db", fresh], useDefaultDB: false)
        #expect(again.status == 3, "\(again)")
        // Once training, always training: even sqlite3 cannot turn it into an office database.
        let flip = try Spawn.run("sqlite3", [fresh, "UPDATE meta SET value = 'false' WHERE key = 'training'"])
        #expect(flip.status != 0)
        #expect(String(decoding: flip.stderr, as: UTF8.self).contains("a training database never becomes an office database"))
        let reinit = try box.run(["init", "--office", "Renamed", "--db", fresh], useDefaultDB: false)
        #expect(reinit.stdout.contains("training database"), "\(reinit)")
        // init --training makes one directly, with officers named by --as.
        let named = box.root.appendingPathComponent("named.sqlite").path
        #expect(try box.run(["init", "--training", "--db", named], officer: "t.rainer", useDefaultDB: false).status == 0)
        let policy = try box.run(["policy", "show", "--json", "--db", named], officer: "t.rainer", useDefaultDB: false)
        #expect(policy.stdout.contains("\"officer_identity\" : \"name\""), "\(policy)")
    }

    /// Issue 7 item 10: these crashed (overflow, SIGILL) or reached a CHECK constraint.
    @Test func numbersAndDatesAreBounded() throws {
        let box = try Sandbox()
        let huge = "9223372036854775807"
        let cases: [[String]] = [
            ["case", "list", "--limit", huge], ["deadlines", "--within", huge], ["demo", "--cases", "10000001"],
            ["case", "list", "--today", "9999-01-01"], ["case", "list", "--today", "0001-01-01"],
            ["case", "list", "--today", "1899-12-31"], ["holidays", "add", "2200-01-01"],
            ["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "FRA", "--received", "9999-12-31"],
        ]
        for args in cases {
            let r = try box.run(args, today: args.contains("--today") ? nil : "2026-03-01")
            #expect(r.status == 2, "\(args): \(r)")
            #expect(r.stderr.hasPrefix("cadesk: "), "\(args): \(r)")
        }
        let env = try box.run(["case", "list"], today: nil, env: ["CADESK_TODAY": "9999-01-01"])
        #expect(env.status == 2, "\(env)")
        // The bounds themselves are dates.
        #expect(try box.run(["case", "list"], today: "2199-12-31").status == 0)
        #expect(try box.run(["case", "list", "--limit", "10000000"]).status == 0)
    }

    /// Issue 7 item 11: `cadesk: ^[]0;PWNED^G…: not an officer` retitled the terminal.
    @Test func escapeSequencesFromArgvNeverReachTheTerminal() throws {
        let box = try Sandbox()
        let hostile = "\u{1B}]0;PWNED\u{07}\u{1B}[2Jx\u{9B}31m"
        let runs = [
            try box.run(["case", "list"], officer: hostile),
            try box.run(["case", "list", "--db", box.root.appendingPathComponent(hostile).path], useDefaultDB: false),
            try box.run(["case", "show", hostile]),
            try box.run(["case", "act", "IN-PRES-2026-0001", hostile]),
            try box.run(["holidays", "import", hostile]),
        ]
        for r in runs {
            #expect(r.status != 0 && r.status != 1, "\(r)")
            #expect(!r.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B }, "\(r)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r)")
        }
    }

    @Test func rolesAreRefusedWithExitThree() throws {
        let box = try Sandbox()
        let ref = try Self.register(box)
        #expect(try box.run(["officer", "add", "v.iewer", "--role", "viewer"]).status == 0)
        #expect(try box.run(["officer", "add", "j.okafor", "--role", "officer"]).status == 0)
        let attempts: [(String, [String])] = [
            ("v.iewer", ["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "FRA"]),
            ("v.iewer", ["case", "act", ref.output, "note", "--note", "x"]),
            ("v.iewer", ["case", "edit", ref.output, "--title", "Other"]),
            ("v.iewer", ["directory", "set", "FRA", "--languages", "fra"]),
            ("j.okafor", ["directory", "set", "FRA", "--languages", "fra"]),
            ("j.okafor", ["policy", "set", "extension_days", "30"]),
            ("j.okafor", ["officer", "add", "k.new", "--role", "officer"]),
        ]
        for (officer, args) in attempts {
            let r = try box.run(args, officer: officer)
            #expect(r.status == 3, "\(officer) \(args): \(r)")
        }
        #expect(try box.run(["directory", "set", "FRA", "--languages", "fra"]).status == 0)
    }

    /// Only all-day events (VALUE=DATE) are holidays; a meeting at 10:00 is not a day off.
    @Test func timedCalendarEventsAreNotHolidays() throws {
        let box = try Sandbox()
        let ics = box.root.appendingPathComponent("calendar.ics")
        try """
            BEGIN:VCALENDAR\r
            BEGIN:VEVENT\r
            DTSTART;VALUE=DATE:20261225\r
            SUMMARY:Christmas\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            DTSTART:20261228T100000Z\r
            SUMMARY:Staff meeting\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            DTSTART;TZID=Europe/Paris:20261229T090000\r
            SUMMARY:Training\r
            END:VEVENT\r
            END:VCALENDAR\r

            """.write(to: ics, atomically: true, encoding: .utf8)
        let r = try box.run(["holidays", "import", ics.path])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "1 date read, 1 new\n")
        #expect(try box.run(["holidays", "list"]).stdout == "2026-12-25\n")
    }
}

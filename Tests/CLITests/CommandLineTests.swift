import Foundation
import TerminalTesting
import Testing

/// The command line driven as a user (or a script) would: the built binary, a real database file.
@Suite(.serialized)
struct CommandLineTests {
    /// Registers an incoming preservation with a complete 42.3 checklist; returns its reference.
    static func newPreservation(_ box: borrowing Sandbox, title: String = "Illegal access to hosting accounts",
                                received: String = "2026-01-08") throws -> String {
        let r = try box.run(["case", "new", "--direction", "incoming", "--kind", "preservation",
                             "--counterpart", "FRA", "--received", received, "--title", title,
                             "--convention-offence", "--channel", "24-7-network",
                             "--item", "requesting-authority=Paris public prosecutor",
                             "--item", "offence-facts=Intrusion into hosting accounts (art. 7)",
                             "--item", "data-to-preserve=Subscriber and traffic data of three accounts",
                             "--item", "custodian-location=none-available",
                             "--item", "necessity=Logs are overwritten after 30 days",
                             "--item", "mla-intention=MLA request to follow"], today: received)
        #expect(r.status == 0, "\(r)")
        return r.output
    }

    @Test func registerPreserveExtendLinkAndReadDeadlines() throws {
        let box = try Sandbox()
        let pres = try Self.newPreservation(box)
        #expect(pres == "IN-PRES-2026-0001")

        var r = try box.run(["case", "act", pres, "preserve", "--custodian", "ExampleHost", "--days", "60",
                             "--on", "2026-01-10"], today: "2026-01-10")
        #expect(r.status == 0, "\(r)")
        #expect(r.output == "IN-PRES-2026-0001: preserve -> preserved")

        // The requesting State asks for an extension before the period ends (art. 42.9).
        r = try box.run(["case", "act", pres, "extend", "--on", "2026-03-05", "--note", "extension requested 2026-03-04"],
                        today: "2026-03-05")
        #expect(r.status == 0, "\(r)")

        let mla = try box.run(["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "FRA",
                               "--purpose", "stored-data", "--title", "Follow-up request for the preserved data"],
                              today: "2026-03-06").output
        #expect(mla == "IN-MLA-2026-0001")
        r = try box.run(["case", "act", pres, "mla-received", "--link", mla], today: "2026-03-06")
        #expect(r.output == "IN-PRES-2026-0001: mla-received -> pending-mla", "\(r)")

        r = try box.run(["deadlines", "--json", "--all"], today: "2026-03-06")
        #expect(r.status == 0, "\(r)")
        try Golden.check(r.stdout, against: "deadlines-all.json")
        let rows = try #require(try r.json() as? [[String: Any]])
        let expiry = try #require(rows.first { $0["ref"] as? String == pres && $0["kind"] as? String == "preservation-expiry" })
        // 60 days from 2026-01-10 is 2026-03-11; extended by the 60 days of domestic law.
        #expect(expiry["due"] as? String == "2026-05-10")
        #expect(expiry["status"] as? String == "suspended")

        r = try box.run(["case", "show", pres, "--json"], today: "2026-03-06")
        try Golden.check(r.stdout, against: "case-show-pending-mla.json")
        r = try box.run(["case", "list", "--json"], today: "2026-03-06")
        try Golden.check(r.stdout, against: "case-list.json")
    }

    @Test func forbiddenGroundExitsThreeAndWritesNothing() throws {
        let box = try Sandbox()
        let ref = try Self.newPreservation(box)
        _ = try box.run(["case", "act", ref, "consult", "--proposal", "refuse", "--reason", "needs a judicial order"])
        let before = try box.run(["case", "show", ref, "--json"])
        let audit = try box.run(["audit", "verify"])

        let r = try box.run(["case", "act", ref, "refuse", "--ground", "40.24-bank-secrecy", "--reason", "bank secrecy"])
        #expect(r.status == 3)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "cadesk: refuse: ground 40.24-bank-secrecy is never a ground for refusal (art. 40.24)\n")
        #expect(try box.run(["case", "show", ref, "--json"]).stdout == before.stdout)
        #expect(try box.run(["audit", "verify"]).stdout == audit.stdout)

        // A ground allowed for MLA but not for preservation (art. 42.6).
        let dual = try box.run(["case", "act", ref, "refuse", "--ground", "40.8-dual-criminality", "--reason", "x"])
        #expect(dual.status == 3)
        #expect(dual.stderr.contains("42."), "\(dual)")
    }

    @Test func exitCodesOfTheContract() throws {
        let box = try Sandbox()
        let ref = try Self.newPreservation(box)
        let cases: [(args: [String], status: Int32, stderr: String)] = [
            (["case", "show", "IN-PRES-2026-9999"], 2, "cadesk: IN-PRES-2026-9999: no such case"),
            (["case", "act", ref, "frobnicate"], 2, "cadesk: frobnicate: unknown action"),
            (["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "XYZ"], 2,
             "cadesk: XYZ: not an ISO 3166-1 alpha-3 State code"),
            (["case", "list", "--bogus"], 2, "cadesk: usage: Unknown option '--bogus'"),
            (["case", "act", ref, "refuse", "--ground", "40.99z", "--reason", "x"], 2, "cadesk: refuse: unknown ground"),
            (["case", "act", ref, "release"], 3, "cadesk: release:"),
            // A deadline without its reasons is a usage error (40.26), blank reasons included.
            (["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "FRA", "--purpose", "stored-data",
              "--title", "t", "--deadline", "2026-04-01", "--deadline-reason", "  "], 2,
             "cadesk: case new: a requested deadline needs its reasons"),
            (["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "FRA", "--purpose", "stored-data",
              "--title", "t", "--deadline", "2026-04-01"], 2, "cadesk: case new: a requested deadline needs its reasons"),
        ]
        for c in cases {
            let r = try box.run(c.args)
            #expect(r.status == c.status, "\(c.args): \(r)")
            #expect(r.stderr.hasPrefix(c.stderr), "\(c.args): \(r)")
            #expect(r.stderr.split(separator: "\n").count == 1, "one line on stderr: \(r)")
        }
        // A broken audit chain is a storage problem: exit 4, one line naming the event.
        let db = box.db
        _ = try box.run(["case", "act", ref, "note", "--note", "a note to tamper with"])
        let tampered = try #require(try StoredEvents.read(db).last { $0.payload?.contains("tamper") == true })
        try StoredEvents.rewrite(db, seq: tampered.seq, payload: tampered.payload!.replacingOccurrences(of: "tamper", with: "TAMPER"))
        let audit = try box.run(["audit", "verify"])
        #expect(audit.status == 4, "\(audit)")
        #expect(audit.stderr.hasPrefix("cadesk: audit verify: the chain is broken at event "), "\(audit)")
        #expect(audit.stderr.split(separator: "\n").count == 1)
        // An impossible date is a usage error naming the value.
        let bad = try box.run(["case", "list"], today: "2026-02-30")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("2026-02-30"))
        // An unknown officer is refused with the hint to add them.
        let stranger = try box.run(["case", "list"], officer: "j.doe")
        #expect(stranger.status == 3)
        #expect(stranger.stderr.contains("cadesk officer add j.doe"))
    }

    @Test func editChangesFieldsAndOfficerInOneEventAndRefusesAStranger() throws {
        let box = try Sandbox()
        let ref = try Self.newPreservation(box)
        #expect(try box.run(["officer", "add", "j.okafor", "--role", "officer"]).status == 0)
        let edited = try box.run(["case", "edit", ref, "--title", "Hosting accounts", "--officer", "j.okafor", "--json"])
        #expect(edited.status == 0, "\(edited)")
        let json = try #require(try edited.json() as? [String: Any])
        #expect(json["officer"] as? String == "j.okafor")
        #expect(json["title"] as? String == "Hosting accounts")
        #expect((json["events"] as? [[String: Any]])?.map { $0["type"] as? String } == ["registered", "edit"])

        // A name the office does not know (a typo) is refused and nothing is written.
        let before = try box.run(["case", "show", ref, "--json"]).stdout
        let stranger = try box.run(["case", "edit", ref, "--title", "Other", "--officer", "j.okafr"])
        #expect(stranger.status == 2)
        #expect(stranger.stderr == "cadesk: j.okafr: not an officer of this office (see `cadesk officer list`)\n")
        #expect(try box.run(["case", "show", ref, "--json"]).stdout == before)
    }

    @Test func foreignOrEmptyDatabaseIsRefusedAndLeftUntouched() throws {
        let box = try Sandbox()
        let empty = box.root.appendingPathComponent("empty.sqlite").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        let garbage = box.root.appendingPathComponent("notes.sqlite").path
        _ = FileManager.default.createFile(atPath: garbage, contents: Data("my notes\n".utf8))
        for path in [empty, garbage] {
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let r = try box.run(["case", "list", "--db", path], useDefaultDB: false)
            #expect(r.status == 4, "\(r)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
        // Only init creates a database: another command on a missing path creates nothing.
        let fresh = box.root.appendingPathComponent("new/folder/cases.sqlite").path
        let missing = try box.run(["case", "list", "--db", fresh], useDefaultDB: false)
        #expect(missing.status == 4, "\(missing)")
        #expect(missing.stderr == "cadesk: no database at \(fresh); create one with cadesk init\n")
        #expect(!FileManager.default.fileExists(atPath: box.root.appendingPathComponent("new").path))
        // A new database is created 0600 in a 0700 folder.
        #expect(try box.run(["init", "--training", "--db", fresh], useDefaultDB: false).status == 0)
        let fileMode = try FileManager.default.attributesOfItem(atPath: fresh)[.posixPermissions] as? Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: (fresh as NSString).deletingLastPathComponent)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(dirMode == 0o700)
    }

    @Test func twoProcessesActingAtOnceNeverApplyTwice() throws {
        let box = try Sandbox()
        let ref = try Self.newPreservation(box)
        let env = box.environment()
        let args = ["case", "act", ref, "preserve", "--custodian", "ExampleHost", "--db", box.db,
                    "--as", "a.moreau", "--today", "2026-03-01"]
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let r = try? CadeskBinary.run(args, environment: env)
            results.set(i, r)
        }
        let statuses = results.all.map { $0?.status }.sorted { ($0 ?? -1) < ($1 ?? -1) }
        #expect(statuses == [0, 3], "\(results.all)")
        let show = try box.run(["case", "show", ref, "--json"])
        let json = try #require(try show.json() as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.filter { $0["type"] as? String == "preserve" }.count == 1)
        #expect(try box.run(["audit", "verify"]).status == 0)
    }

    @Test func storedControlCharactersNeverReachTheTerminal() throws {
        let box = try Sandbox()
        let ref = try Self.newPreservation(box, title: "Evil \u{1B}[2J\u{1B}]52;c;aGk=\u{07} title\u{9B}31m")
        for args in [["case", "show", ref], ["case", "list"]] {
            let r = try box.run(args)
            #expect(r.status == 0)
            #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 }, "\(args)")
            #expect(r.stdout.contains("Evil"))
        }
    }

    @Test func listSortsAndReverses() throws {
        let box = try Sandbox()
        let refs = try ["Alpha", "Bravo", "Charlie"].map { try Self.newPreservation(box, title: $0) }
        func listed(_ extra: [String]) throws -> [String] {
            let r = try box.run(["case", "list", "--json", "--sort", "ref"] + extra)
            #expect(r.status == 0, "\(r)")
            return try #require(try r.json() as? [[String: Any]]).compactMap { $0["ref"] as? String }
        }
        #expect(try listed([]) == refs)
        #expect(try listed(["--reverse"]) == refs.reversed())
        let bad = try box.run(["case", "list", "--sort", "title"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--sort must be one of updated, next-due, received, ref"))
    }

    /// A preservation refused without consultation (office policy, 42.6 reading) says so in
    /// `case show`, text and JSON, as the desk's timeline does.
    @Test func theReadingReliedOnIsShown() throws {
        let box = try Sandbox()
        let ref = try Self.newPreservation(box)
        #expect(try box.run(["policy", "set", "consult_before_preservation_refusal", "false"]).status == 0)
        let r = try box.run(["case", "act", ref, "refuse", "--ground", "40.21c", "--reason", "needs a judicial order"])
        #expect(r.status == 0, "\(r)")
        let text = try box.run(["case", "show", ref]).stdout
        #expect(text.contains("relied on: "), "\(text)")
        let json = try #require(try box.run(["case", "show", ref, "--json"]).json() as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        let refusal = try #require(events.first { $0["type"] as? String == "refuse" })
        #expect((refusal["relied_on"] as? String)?.contains("42.6") == true, "\(refusal)")
    }

    /// `--help` of every command, walked from the top: each option and argument says what it is for.
    @Test func everyOptionOfEveryCommandHasHelp() throws {
        let box = try Sandbox()
        var pending: [[String]] = [[]]
        var visited = 0
        while let command = pending.popLast(), visited < 100 {
            visited += 1
            let r = try box.run(command + ["--help"], officer: nil, today: nil, useDefaultDB: false)
            #expect(r.status == 0, "\(command)")
            let lines = r.stdout.components(separatedBy: "\n")
            var section = ""
            for (i, line) in lines.enumerated() {
                // The text above USAGE is wrapped by the parser: a line cut short and the sentence
                // going on below it is a hard line break in the source (write `\` at its end).
                if section.isEmpty, lines.indices.contains(i + 1), line.count < 40, !line.isEmpty,
                   let next = lines[i + 1].first, next.isLowercase {
                    Issue.record("cadesk \(command.joined(separator: " ")) --help breaks a sentence after: \(line)")
                }
                if !line.hasPrefix(" ") && line.hasSuffix(":") { section = line; continue }
                guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
                let name = line.dropFirst(2).prefix { $0 != " " }
                if section == "SUBCOMMANDS:" {
                    // Command names only (not the closing "See 'cadesk help …'" line), two levels deep.
                    if name.allSatisfy({ $0.isLowercase || $0 == "-" }), name != "help", command.count < 2 {
                        pending.append(command + [String(name)])
                    }
                    continue
                }
                guard section == "OPTIONS:" || section == "ARGUMENTS:" else { continue }
                // The description follows on the line (from column 26) or on the next one.
                let padded = line.padding(toLength: 26, withPad: " ", startingAt: 0)
                let onLine = line.count > 26 && padded.hasSuffix(" ") && !line.dropFirst(26).allSatisfy(\.isWhitespace)
                let onNext = lines.indices.contains(i + 1) && lines[i + 1].hasPrefix(String(repeating: " ", count: 26))
                    && !lines[i + 1].allSatisfy(\.isWhitespace)
                #expect(onLine || onNext, "cadesk \(command.joined(separator: " ")): \(line.trimmingCharacters(in: .whitespaces)) has no help")
            }
        }
        #expect(visited > 25)
    }

    @Test func workflowDiagramComesFromTheTable() throws {
        let box = try Sandbox()
        let dot = try box.run(["workflow", "--direction", "incoming", "--kind", "preservation", "--format", "dot"])
        #expect(dot.status == 0)
        #expect(dot.stdout.hasPrefix("digraph"))
        #expect(dot.stdout.contains("mla-received"))
        #expect(dot.stdout.contains("pending-mla"))
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: RunResult?] = [:]
    func set(_ i: Int, _ r: RunResult?) { lock.lock(); results[i] = r; lock.unlock() }
    var all: [RunResult?] { lock.lock(); defer { lock.unlock() }; return results.keys.sorted().map { results[$0]! } }
}

import Foundation
import TerminalTesting
import Testing

/// `cadesk letter` and the deadlines calendar, read back by independent readers: python-docx
/// and icalendar, installed by Scripts/test into a virtualenv named by CADESK_PYTHON.
@Suite(.serialized)
struct LetterCommandTests {
    static let title = #"Fraud <"Acme" & 'Co'> ring"#

    /// The virtualenv's Python, or a failure saying how to get it (never a silent skip).
    static func python() throws -> String {
        let env = ProcessInfo.processInfo.environment["CADESK_PYTHON"]
        let local = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../.build/venv/bin/python").standardized.path
        for candidate in [env, local].compactMap({ $0 }) where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw CadeskTestError("no Python with python-docx and icalendar: run Scripts/test (it makes .build/venv)")
    }

    static func py(_ script: String, _ args: [String]) throws -> String {
        let r = try Spawn.run(try python(), ["-c", script] + args)
        guard r.status == 0 else { throw CadeskTestError("python: \(String(decoding: r.stderr, as: UTF8.self))") }
        return String(decoding: r.stdout, as: UTF8.self)
    }

    /// An incoming MLA awaiting information, with the awkward title and the other side's reference.
    static func awaitingInformation(_ box: borrowing Sandbox) throws -> String {
        var r = try box.run(["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "FRA",
                             "--purpose", "stored-data", "--title", title, "--their-ref", "BEPI/2026/118",
                             "--received", "2026-02-02"], today: "2026-02-02")
        #expect(r.status == 0, "\(r)")
        let ref = r.output
        r = try box.run(["case", "act", ref, "assess"], today: "2026-02-03")
        r = try box.run(["case", "act", ref, "request-information", "--note", "the account holder's name & address",
                         "--until", "2026-03-20"], today: "2026-02-03")
        #expect(r.status == 0, "\(r)")
        return ref
    }

    func path(_ box: borrowing Sandbox, _ name: String) -> String { box.root.appendingPathComponent(name).path }

    @Test func theDocxSaysWhatTheTextSaysInEveryLanguage() throws {
        let box = try Sandbox()
        let ref = try Self.awaitingInformation(box)
        for lang in ["en", "fr", "es", "ru", "zh", "ar"] {
            let text = try box.run(["letter", ref, "information-request", "--lang", lang, "--preview"], today: "2026-02-04")
            #expect(text.status == 0, "\(text)")
            #expect(text.stdout.contains(Self.title) && text.stdout.contains("BEPI/2026/118"), "\(text)")
            let docx = path(box, "letter-\(lang).docx")
            let r = try box.run(["letter", ref, "information-request", "--lang", lang, "--format", "docx", "--out", docx],
                                today: "2026-02-04")
            #expect(r.status == 0, "\(r)")
            let read = try Self.py("""
                import docx, sys
                d = docx.Document(sys.argv[1])
                print("\\n".join(p.text for p in d.paragraphs))
                print("RTL" if all(p._p.pPr is not None and p._p.pPr.find('{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi') is not None for p in d.paragraphs) else "LTR")
                """, [docx])
            let lines = read.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.dropLast().joined(separator: "\n") + "\n" == text.stdout, "\(lang): the .docx differs from the text")
            #expect(lines.last == (lang == "ar" ? "RTL" : "LTR"))
            let mode = try FileManager.default.attributesOfItem(atPath: docx)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        let show = try box.run(["case", "show", ref, "--json"], today: "2026-02-04")
        let json = try #require(try show.json() as? [String: Any])
        #expect(json["their_ref"] as? String == "BEPI/2026/118")
        let letters = (json["events"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "letter-produced" }
        #expect(letters.map { $0["language"] as? String } == ["en", "fr", "es", "ru", "zh", "ar"])
        #expect(letters.allSatisfy { $0["letter"] as? String == "information-request" })
        // Their reference finds the case, shows on it, and is corrected like any field.
        var r = try box.run(["case", "list", "--query", "BEPI", "--json"], today: "2026-02-04")
        #expect((try r.json() as? [[String: Any]])?.map { $0["ref"] as? String } == [ref], "\(r)")
        r = try box.run(["case", "edit", ref, "--their-ref", "BEPI/2026/119"], today: "2026-02-04")
        #expect(r.status == 0, "\(r)")
        r = try box.run(["case", "show", ref], today: "2026-02-04")
        #expect(r.stdout.contains("Their reference: BEPI/2026/119"), "\(r)")
        #expect(r.stdout.contains("information-request letter (ar)"), "\(r)")
    }

    @Test func aLetterNamesBothStatesInItsLanguage() throws {
        let box = try Sandbox()
        var r = try box.run(["init", "--state", "deu"])
        #expect(r.status == 0, "\(r)")
        let ref = try Self.awaitingInformation(box)
        let names = ["en": ("Germany", "France"), "fr": ("Allemagne", "France"), "es": ("Alemania", "Francia"),
                     "ru": ("Германия", "Франция"), "zh": ("德国", "法国"), "ar": ("ألمانيا", "فرنسا")]
        for (lang, (ours, theirs)) in names {
            r = try box.run(["letter", ref, "acknowledgement", "--lang", lang, "--preview"], today: "2026-02-04")
            #expect(r.status == 0, "\(r)")
            let lines = r.stdout.split(separator: "\n")
            #expect(lines.first?.hasSuffix(ours) == true, "\(lang): \(r.stdout)")
            #expect(lines.count > 2 && lines[2].hasSuffix(theirs), "\(lang): \(r.stdout)")
        }
    }

    @Test func refusedLettersAndRefusedPathsWriteNothing() throws {
        let box = try Sandbox()
        let ref = try Self.awaitingInformation(box)
        let before = try box.run(["case", "show", ref, "--json"], today: "2026-02-04").stdout
        // A refusal letter before any refusal makes no sense: exit 3, saying why.
        var r = try box.run(["letter", ref, "refusal", "--out", path(box, "r.txt")], today: "2026-02-04")
        #expect(r.status == 3 && r.stderr.contains("refused") && r.stderr.contains("art. 40.25"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: path(box, "r.txt")))
        // An existing file, a symlink, the database itself: exit 2.
        FileManager.default.createFile(atPath: path(box, "old.txt"), contents: Data("keep me".utf8))
        try FileManager.default.createSymbolicLink(atPath: path(box, "link.txt"), withDestinationPath: path(box, "old.txt"))
        for out in [path(box, "old.txt"), path(box, "link.txt"), box.db] {
            r = try box.run(["letter", ref, "information-request", "--out", out], today: "2026-02-04")
            #expect(r.status == 2 && r.stderr.hasPrefix("cadesk: letter: "), "\(r)")
        }
        #expect(try String(contentsOfFile: path(box, "old.txt"), encoding: .utf8) == "keep me")
        #expect(try box.run(["case", "show", ref, "--json"], today: "2026-02-04").stdout == before)
        r = try box.run(["letter", ref, "information-request", "--out", path(box, "old.txt"), "--force"], today: "2026-02-04")
        #expect(r.status == 0, "\(r)")
        #expect(try String(contentsOfFile: path(box, "old.txt"), encoding: .utf8).contains("BEPI/2026/118"))
    }

    @Test func aRequestGoesInALanguageTheRequestedStateAccepts() throws {
        let box = try Sandbox()
        var r = try box.run(["directory", "set", "DEU", "--languages", "deu"])
        #expect(r.status == 0, "\(r)")
        r = try box.run(["case", "new", "--direction", "outgoing", "--kind", "mla", "--counterpart", "DEU",
                         "--purpose", "stored-data", "--item", "facts=Phishing against a bank's clients"])
        let ref = r.output
        r = try box.run(["letter", ref, "mla-request", "--preview"])
        #expect(r.status == 3 && r.stderr.contains("art. 40.14") && r.stderr.contains("deu"), "\(r)")
        r = try box.run(["letter", ref, "mla-request", "--lang", "en", "--preview"])
        #expect(r.status == 0 && r.stderr.contains("warning") && r.stderr.contains("40.14"), "\(r)")
        #expect(r.stdout.contains("Phishing against a bank's clients"))
        // The directory's first language with a template is the default.
        r = try box.run(["directory", "set", "DEU", "--languages", "deu,fra"])
        r = try box.run(["letter", ref, "mla-request", "--preview"])
        #expect(r.status == 0 && r.stdout.contains("Demande d'entraide judiciaire"), "\(r)")
    }

    @Test func theCalendarKeepsUIDsAndRaisesSequencesWhenADeadlineMoves() throws {
        let box = try Sandbox()
        let pres = try CommandLineTests.newPreservation(box, title: "Hosting; accounts, \"ring\"")
        var r = try box.run(["case", "act", pres, "preserve", "--custodian", "ExampleHost", "--on", "2026-01-10"], today: "2026-01-10")
        #expect(r.status == 0, "\(r)")
        let first = path(box, "first.ics"), second = path(box, "second.ics")
        r = try box.run(["deadlines", "--all", "--format", "ics", "--out", first], today: "2026-03-01")
        #expect(r.status == 0, "\(r)")
        r = try box.run(["case", "act", pres, "extend", "--on", "2026-03-05"], today: "2026-03-05")
        #expect(r.status == 0, "\(r)")
        r = try box.run(["deadlines", "--all", "--format", "ics", "--out", second], today: "2026-03-05")
        let script = """
            import icalendar, sys
            for path in sys.argv[1:]:
                cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
                for e in cal.walk('VEVENT'):
                    alarms = [str(a.get('TRIGGER').to_ical(), 'ascii') for a in e.walk('VALARM')]
                    print(path[-10:], e.get('UID'), e.get('SEQUENCE'), e.decoded('DTSTART').isoformat(), e.get('STATUS'), ','.join(alarms), e.get('SUMMARY'), sep='|')
            """
        let rows = try Self.py(script, [first, second]).split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        let expiry = rows.filter { $0[1].contains("-preservation-expiry-1@cadesk") }
        try #require(expiry.count == 2, "\(rows)")
        #expect(expiry[0][1] == expiry[1][1])
        #expect(expiry[0][3] == "2026-03-11" && expiry[1][3] == "2026-05-10")
        #expect(Int(expiry[1][2])! > Int(expiry[0][2])!)
        #expect(expiry[0][4] == "CONFIRMED" && expiry[0][5] == "-P14D,-P7D,-P3D")
        #expect(expiry[0][6].contains("Hosting; accounts, \"ring\""))
        // Met when preserved: cancelled in a calendar that subscribes with --all.
        let target = try #require(rows.first { $0[1].contains("-preservation-target-1@cadesk") })
        #expect(target[4] == "CANCELLED" && target[5].isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: second)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aPolicyChangeThatMovesADueDateRaisesTheSequence() throws {
        let box = try Sandbox()
        var r = try box.run(["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "DEU",
                             "--received", "2026-01-08", "--purpose", "stored-data", "--title", "Phishing ring"],
                            today: "2026-01-08")
        #expect(r.status == 0, "\(r)")
        let first = path(box, "first.ics"), second = path(box, "second.ics"), third = path(box, "third.ics")
        r = try box.run(["deadlines", "--all", "--format", "ics", "--out", first], today: "2026-02-01")
        #expect(r.status == 0, "\(r)")
        // No event on the case: only the office's period changes.
        r = try box.run(["policy", "set", "execution_target_days", "120"], today: "2026-02-01")
        #expect(r.status == 0, "\(r)")
        r = try box.run(["deadlines", "--all", "--format", "ics", "--out", second], today: "2026-02-01")
        #expect(r.status == 0, "\(r)")
        // A change that moves no date leaves the sequence as it is.
        r = try box.run(["policy", "set", "consultation_days", "20"], today: "2026-02-01")
        #expect(r.status == 0, "\(r)")
        r = try box.run(["deadlines", "--all", "--format", "ics", "--out", third], today: "2026-02-01")
        #expect(r.status == 0, "\(r)")
        let script = """
            import icalendar, sys
            for path in sys.argv[1:]:
                cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
                for e in cal.walk('VEVENT'):
                    if '-execution-target-' in str(e.get('UID')):
                        print(e.get('UID'), e.get('SEQUENCE'), e.decoded('DTSTART').isoformat(), sep='|')
            """
        let rows = try Self.py(script, [first, second, third]).split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
        try #require(rows.count == 3, "\(rows)")
        #expect(Set(rows.map { $0[0] }).count == 1)
        #expect(rows[1][2] > rows[0][2] && rows[2][2] == rows[1][2], "\(rows)")
        #expect(Int(rows[1][1])! == Int(rows[0][1])! + 1, "\(rows)")
        #expect(rows[2][1] == rows[1][1], "\(rows)")
    }
}

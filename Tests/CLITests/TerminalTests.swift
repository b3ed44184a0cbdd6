import Foundation
import Testing
import TerminalTesting

/// End-to-end tests in a real terminal: cadesk runs in a tmux pane of 80×24 on a fixture
/// database; the test types keys, waits until the expected text is on screen (polling, never a
/// fixed sleep) and asserts what an officer would see.
@Suite(.serialized)
struct TerminalTests {
    /// Starts the interface in a pane, inside a shell that reports the terminal modes after
    /// cadesk exits — so a test can see that the terminal was restored.
    /// a.moreau is a supervisor: with cases in the database the desk opens on the Dashboard, and
    /// `onCases` goes to the Cases list first (key 1), where most tests work.
    static func start(_ box: borrowing Sandbox, today: String, width: Int = 80, height: Int = 24,
                      onCases: Bool = true, environment extra: [String: String] = [:]) throws -> TmuxTerminal {
        let command = "\(TmuxTerminal.quote(CadeskBinary.path)) --db \(TmuxTerminal.quote(box.db)) --as a.moreau --today \(today); "
            + "echo \"exit=$?\"; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 600"
        let term = try TmuxTerminal(command: ["sh", "-c", command],
                                    environment: box.environment(extra.merging(["TERM": "tmux-256color"]) { $1 }),
                                    width: width, height: height)
        if onCases {
            try term.waitFor("q quit")
            try term.press("1")
            try term.waitFor("[Cases]")
        }
        return term
    }

    /// Moves the selection of the action picker to `action` (the picker lists the actions in the
    /// order `cadesk case actions` gives them) and opens its form.
    static func chooseAction(_ action: String, ref: String, in term: TmuxTerminal, box: borrowing Sandbox, today: String) throws {
        let listed = try box.run(["case", "actions", ref, "--json"], today: today)
        let actions = try #require(try listed.json() as? [[String: Any]]).compactMap { $0["action"] as? String }
        let index = try #require(actions.firstIndex(of: action), "\(action) is not allowed now: \(actions)")
        try term.press("a")
        try term.waitFor("Act on \(ref)")
        for _ in 0..<index { try term.press("Down") }
        try term.waitFor("▶\(action) ")
        try term.press("Enter")
    }

    @Test func registerPreserveSeeExpiryAndReleaseRefusedUntilItPasses() throws {
        let box = try Sandbox()
        #expect(try box.run(["init", "--office", "Central Authority of Ruritania"], today: "2026-01-10").status == 0)
        let term = try Self.start(box, today: "2026-01-10")
        defer { term.close() }

        // An empty database offers demo cases or a first case.
        try term.waitFor("No cases")
        // Register an incoming preservation from the form.
        try term.press("n")
        try term.waitFor("What kind of request?")
        try term.press("Down")
        try term.press("Enter")
        try term.waitFor("Requesting State")
        try term.type("FRA")
        try term.press("Tab"); try term.press("Tab")
        try term.type("Illegal access to hosting accounts")
        try term.press("C-s")
        // Saving shows the new reference and opens the case.
        try term.waitFor("IN-PRES-2026-0001")
        try term.waitFor("─ Deadlines")

        // Preserve it.
        try Self.chooseAction("preserve", ref: "IN-PRES-2026-0001", in: term, box: box, today: "2026-01-10")
        try term.waitFor("ustodian")
        try term.type("ExampleHost")
        try term.press("C-s")
        // 60 days from 2026-01-10 (art. 42.8).
        // (Each wait is for the whole line asserted: a frame may reach tmux in more than one write.)
        let screen = try term.waitUntil("the expiry line") {
            $0.contains { $0.contains("preservation-expiry") && $0.contains("2026-03-11") && $0.contains("42.8") }
        }
        #expect(screen.contains { $0.contains("preserved") })

        // Release before the period has passed: the dialog says why not, citing art. 42.8.
        try term.press("a")
        try term.waitFor("Act on IN-PRES-2026-0001")
        try term.waitUntil("release held back, citing art. 42.8") { $0.contains { $0.contains("release") && $0.contains("42.8") } }
        try term.press("Escape")
        try term.waitForGone("Act on IN-PRES-2026-0001")

        // Resize to 120×40 and back: the case is still drawn, nothing garbled.
        try term.resize(width: 120, height: 40)
        try term.waitUntil("the 120-column layout") { lines in lines.count >= 40 && lines.contains { $0.contains("IN-PRES-2026-0001") } }
        try term.resize(width: 80, height: 24)
        try term.waitUntil("the 80-column layout") { lines in lines.count == 24 && lines.contains { $0.contains("IN-PRES-2026-0001") } }

        // Below 60×16 a clear message replaces the screen.
        try term.resize(width: 50, height: 12)
        try term.waitFor("too small")
        try term.resize(width: 80, height: 24)
        try term.waitFor("IN-PRES-2026-0001")

        // q leaves at once; the terminal is back in canonical mode with echo.
        try term.press("Escape")
        try term.press("q")
        // The shell prints the exit status, then the modes: wait for the modes' line itself.
        let after = try term.waitUntil("the terminal modes after exit") { $0.contains { $0.contains("icanon") } }
        #expect(after.contains { $0.contains("exit=0") })
        #expect(after.contains { $0.contains("icanon") && $0.contains("echo") && !$0.contains("-icanon") && !$0.contains("-echo ") },
                "\(after.joined(separator: "\n"))")

        // What the screen showed is what the database holds.
        let show = try box.run(["case", "show", "IN-PRES-2026-0001", "--json"], today: "2026-01-10")
        let json = try #require(try show.json() as? [String: Any])
        #expect(json["state"] as? String == "preserved")
    }

    @Test func refusingAPreservationOffersOnlyTheGroundsOfArticle42_6() throws {
        let box = try Sandbox()
        let ref = try CommandLineTests.newPreservation(box, received: "2026-01-08")
        let term = try Self.start(box, today: "2026-01-09")
        defer { term.close() }
        try term.waitFor(ref)
        try term.press("Enter")
        try term.waitFor("─ Deadlines")

        // Consultation first (art. 40.28, applied to preservation by office policy).
        try Self.chooseAction("consult", ref: ref, in: term, box: box, today: "2026-01-09")
        // The proposal is a choice; its first option is refuse. Fill the reasons and save.
        try term.waitUntil("the consult form proposing refuse") { $0.contains { $0.contains("Consult") } && $0.contains { $0.contains("refuse") } }
        try term.press("Tab")
        try term.type("A judicial order is needed to preserve content data")
        try term.press("C-s")
        try term.waitFor("consultation")

        try Self.chooseAction("refuse", ref: ref, in: term, box: box, today: "2026-01-09")
        let form = try term.waitUntil("the grounds of art. 42.6") { lines in
            let text = lines.joined(separator: "\n")
            return ["40.21(b)", "40.21(c)", "40.22", "42.6"].allSatisfy(text.contains)
        }
        let text = form.joined(separator: "\n")
        for absent in ["40.21(a)", "40.21(d)", "40.8", "treaty", "42.5"] {
            #expect(!text.contains(absent), "\(absent) must not be offered for a preservation (art. 42.6):\n\(text)")
        }
        #expect(text.contains("42.6"))
    }

    @Test func liveDataFromAnotherTerminalAppearsWithoutAKeyPress() throws {
        let box = try Sandbox()
        let first = try CommandLineTests.newPreservation(box, title: "First request")
        let term = try Self.start(box, today: "2026-01-08")
        defer { term.close() }
        try term.waitFor(first)
        // Another officer registers a case from the command line: the list shows it by itself.
        let second = try CommandLineTests.newPreservation(box, title: "Second request")
        try term.waitFor(second, timeout: 5)
    }

    @Test func restoreIsRefusedWhileADeskHasTheDatabaseOpen() throws {
        let box = try Sandbox()
        let first = try CommandLineTests.newPreservation(box, title: "Kept in the backup")
        let backup = box.root.appendingPathComponent("backup.sqlite").path
        #expect(try box.run(["backup", backup]).status == 0)
        let term = try Self.start(box, today: "2026-01-08")
        defer { term.close() }
        try term.waitFor(first)

        let refused = try box.run(["restore", backup])
        #expect(refused.status == 4, "\(refused)")
        #expect(refused.stderr.contains("open in another program"), "\(refused)")
        // Nothing was moved aside: the desk goes on with the same file.
        let files = try FileManager.default.contentsOfDirectory(atPath: box.root.path)
        #expect(!files.contains { $0.contains("before-restore") }, "\(files)")

        try term.press("q")
        try term.waitFor("exit=0")
        let restored = try box.run(["restore", backup])
        #expect(restored.status == 0, "\(restored)")
        #expect(restored.stdout.contains("the previous database is kept as"))
    }

    /// The interface's first run on its default path creates an office database; its demo offer
    /// says what loading it does, and afterwards the title bar says TRAINING (CLI.md).
    @Test func theFirstRunCreatesTheDatabaseAndTheDemoMakesItATrainingOne() throws {
        let box = try Sandbox(training: false)
        let command = "\(TmuxTerminal.quote(CadeskBinary.path)); echo \"exit=$?\"; sleep 600"
        let term = try TmuxTerminal(command: ["sh", "-c", command],
                                    environment: box.environment(["TERM": "tmux-256color"]), width: 80, height: 24)
        defer { term.close() }
        let empty = try term.waitUntil("the demo offer") { $0.contains { $0.contains("this becomes a training database, never") } }
        #expect(empty.contains { $0.contains("an office one (for real work, cadesk init a new database)") })
        #expect(!(empty.first ?? "").contains("TRAINING"))
        let path = box.root.appendingPathComponent("data/cadesk/cases.sqlite").path
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)

        try term.press("d")
        try term.waitUntil("TRAINING in the title bar", timeout: 60) { ($0.first ?? "").contains("cadesk TRAINING · ") }
        try term.press("q")
        try term.waitFor("exit=0")
        let policy = try box.run(["policy", "show", "--json", "--db", path], officer: nil, useDefaultDB: false)
        #expect(policy.stdout.contains("\"officer_identity\" : \"name\""), "\(policy)")
    }

    /// Ctrl-Z gives the terminal back to the shell; `fg` brings the desk back, redrawn and working.
    @Test func ctrlZSuspendsToTheShellAndFgResumes() throws {
        let box = try Sandbox()
        let ref = try CommandLineTests.newPreservation(box, title: "Suspended and resumed")
        // An interactive shell, so that it has job control (Stopped, fg) as an officer's does.
        let term = try TmuxTerminal(command: ["bash", "--norc", "--noprofile", "-i"],
                                    environment: box.environment(["TERM": "tmux-256color", "PS1": "shell$ "]))
        defer { term.close() }
        try term.waitFor("shell$")
        try term.type("\(TmuxTerminal.quote(CadeskBinary.path)) --db \(TmuxTerminal.quote(box.db)) --as a.moreau --today 2026-01-08")
        try term.press("Enter")
        try term.waitFor("q quit")
        try term.press("1")
        try term.waitFor("[Cases]")
        try term.press("C-z")
        let shell = try term.waitUntil("the shell's job report") { $0.contains { $0.contains("Stopped") } }
        #expect(!shell.contains { $0.contains("q quit") }, "\(shell.joined(separator: "\n"))")
        try term.type("fg")
        try term.press("Enter")
        let back = try term.waitUntil("the desk drawn again") { lines in
            lines.contains { $0.contains(ref) } && lines.contains { $0.contains("q quit") }
        }
        #expect(!back.contains { $0.contains("Stopped") }, "\(back.joined(separator: "\n"))")
        // It still answers keys: open the case, then leave.
        try term.press("Enter")
        try term.waitFor("─ Deadlines")
        try term.press("q")
        try term.waitForGone("─ Deadlines")
        try term.press("q")
        try term.waitForGone("q quit")
        try term.type("echo status=$?")
        try term.press("Enter")
        try term.waitFor("status=0")
    }

    /// A supervisor opens on the Dashboard; Enter on the overdue figure lists the cases behind it.
    @Test func aSupervisorOpensOnTheDashboardAndEnterListsTheCasesBehindAFigure() throws {
        let box = try Sandbox()
        let ref = try CommandLineTests.newPreservation(box, received: "2026-01-08")
        // Its preservation target (the office's days to preserve) has passed by 1 March.
        let term = try Self.start(box, today: "2026-03-01", onCases: false)
        defer { term.close() }
        let dashboard = try term.waitUntil("the Dashboard") { $0.contains { $0.contains("[Dashboard]") } && $0.contains { $0.contains("overdue") } }
        #expect(dashboard.contains { $0.contains("Per officer") }, "\(dashboard.joined(separator: "\n"))")
        try term.press("Enter")
        try term.waitUntil("the overdue case on the Cases tab") { lines in
            lines.contains { $0.contains("[Cases]") } && lines.contains { $0.hasPrefix("▶" + ref) }
                && lines.contains { $0.contains("overdue deadlines") }
        }
        try term.press("Escape")
        try term.waitFor("[Dashboard]")
        try term.press("q")
        try term.waitFor("exit=0")
    }

    /// The report from the Dashboard in a real terminal, saved as CSV into a new folder: Python's
    /// csv module reads every file, and the files are the bytes `cadesk report --format csv
    /// --out` writes for the same period. Monochrome (NO_COLOR) changes nothing of the text.
    @Test(arguments: [false, true])
    func theDashboardsReportSavesTheCSVCadeskReportWrites(monochrome: Bool) throws {
        let box = try Sandbox()
        try OfficeFixture.make(box)
        let term = try Self.start(box, today: "2026-03-01", onCases: false, environment: monochrome ? ["NO_COLOR": "1"] : [:])
        defer { term.close() }
        try term.waitFor("r report")
        try term.press("r")
        try term.waitFor("last full year · 2025-01-01 to 2025-12-31")
        try term.press("Right")
        try term.waitFor("year to date · 2026-01-01 to 2026-03-01")
        try term.press("C-s")
        let shown = try term.waitUntil("the report") { $0.contains { $0.hasPrefix(" Office report") } && $0.contains { $0.contains("s save") } }
        #expect(shown[4].hasPrefix(" OFFICE"), "\(shown.joined(separator: "\n"))")
        #expect(shown.contains { $0.hasPrefix(" 2026-01-01 to 2026-03-01 · lines 1–18 of") }, "\(shown.joined(separator: "\n"))")
        try term.press("s")
        try term.waitFor("Save the report")
        let folder = box.root.appendingPathComponent("from-the-desk").path
        try term.press("Tab")
        try term.press("C-u")
        try term.type(folder)
        try term.press("C-s")
        try term.waitFor("report saved: 11 tables")

        let byCommand = box.root.appendingPathComponent("by-the-command").path
        let r = try box.run(["report", "--from", "2026-01-01", "--to", "2026-03-01", "--format", "csv", "--out", byCommand])
        #expect(r.status == 0, "\(r)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let theirs = try FileManager.default.contentsOfDirectory(atPath: byCommand).sorted()
        #expect(names.count == 11 && names == theirs)
        for name in names {
            #expect(FileManager.default.contents(atPath: folder + "/" + name) == FileManager.default.contents(atPath: byCommand + "/" + name), "\(name)")
        }
        let read = try LetterCommandTests.py("""
            import csv, os, sys
            folder = sys.argv[1]
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), newline='') as f:
                    rows = list(csv.reader(f, strict=True))
                print(name, len(rows) - 1, ",".join(rows[0]))
            with open(os.path.join(folder, 'requests.csv'), newline='') as f:
                for row in csv.DictReader(f):
                    print(row['direction'], row['kind'], row['requests'])
            """, [folder])
        // Year to date, counted by hand (OfficeFixture): received C2, C3, C9 (MLA), C4, C5
        // (preservation); sent C6 on 2 January (C8 went on 31 December, C7 never).
        #expect(read.contains("requests.csv 4 direction,kind,requests"), "\(read)")
        #expect(read.contains("incoming mla 3\nincoming preservation 2\noutgoing mla 1\noutgoing preservation 0"), "\(read)")
        try term.press("Escape")
        try term.waitFor("Per officer")
        try term.press("q")
        try term.waitFor("exit=0")
    }

    /// A click through a real terminal: tmux passes the terminal's mouse report (X10, what
    /// tmux-256color's kmous names) to the desk, which selects the row clicked.
    @Test func aClickSelectsTheRowUnderIt() throws {
        let box = try Sandbox()
        let first = try CommandLineTests.newPreservation(box, title: "First")
        let second = try CommandLineTests.newPreservation(box, title: "Second")
        let term = try Self.start(box, today: "2026-01-08")
        defer { term.close() }
        // The two cases are rows 4 and 5 (under the headings); the first is selected.
        let shown = try term.waitUntil("both cases, the first selected") { $0.count > 5 && $0[4].hasPrefix("▶") && $0[5].contains("IN-PRES") }
        let clicked = try #require(shown[5].split(separator: " ").first.map(String.init))
        #expect([first, second].contains(clicked))
        // ESC [ M, then button 0, column 12 and row 6 (1-based), each + 32.
        let report = "\u{1B}[M" + String(UnicodeScalar(32)) + String(UnicodeScalar(32 + 12)!) + String(UnicodeScalar(32 + 6)!)
        try term.type(report)
        try term.waitUntil("the clicked row selected") { $0.count > 5 && $0[5].hasPrefix("▶" + clicked) }
        try term.press("Enter")
        try term.waitUntil("the clicked case opened") { $0.count > 3 && $0[3].contains(clicked) }
    }
}

import Foundation
import TerminalTesting
import Testing

/// The hot read commands are parsed as the one command they name (issue 14, `FastDispatch`):
/// whatever they print — output, help, usage errors, exit codes — must be what the whole
/// command tree's parse gives. A global option before the command name (`cadesk --db X case
/// list`) takes the whole tree's way, so each invocation is run both ways and compared.
@Suite struct FastDispatchTests {
    @Test func theHotCommandsAnswerAsTheWholeCommandLineDoes() throws {
        let box = try Sandbox()
        let ref = try box.run(AccountTests.newCase("Compared both ways")).output
        let invocations: [[String]] = [
            ["case", "list"], ["case", "list", "--json"], ["case", "list", "--query", "Compared", "--limit", "5"],
            ["case", "list", "--all", "--sort", "ref", "--reverse", "--format", "json"],
            ["case", "show", ref], ["case", "show", ref, "--json"], ["case", "actions", ref, "--json"],
            ["case", "show", "--format", "json", ref], ["case", "actions", ref], ["case", "actions", "--no-color", ref],
            ["case", "show", "-", "--json"], ["case", "actions", ref, ref], ["case", "show", ref, "--json", "--json"],
            ["deadlines"], ["deadlines", "--within", "30", "--json"], ["deadlines", "--overdue"],
            // Refused: each error is the whole parser's, on one line, with its exit code.
            ["case", "list", "--limit", "0"], ["case", "list", "--bogus"], ["case", "list", "--open", "--all"],
            ["case", "list", "--sort", "sideways"], ["case", "show"], ["case", "show", "IN-PRES-2026-9999"],
            ["case", "show", ref, "extra"], ["deadlines", "--within", "soon"], ["deadlines", "--format", "yaml"],
            // Every option and flag of the two commands read by hand, and what the hand reading
            // leaves to the parser: repeated options, `--name=value`, a value like an option,
            // a value of the wrong type, a blank database path, an impossible date.
            ["case", "list", "--direction", "incoming", "--kind", "mla", "--state", "received", "--state", "draft",
             "--officer", "a.moreau", "--counterpart", "fra", "--query", "Compared", "--all", "--limit", "7",
             "--sort", "next-due", "--reverse", "--format", "text", "--no-color", "--today", "2026-06-30"],
            ["case", "list", "--open", "--json", "--sort", "received"], ["case", "list", "--direction", "sideways"],
            ["case", "list", "--kind", "mla", "--kind", "preservation"], ["case", "list", "--limit=3"],
            ["case", "list", "--query", "-x"], ["case", "list", "--limit", "many"], ["case", "list", "--state", "nowhere"],
            ["case", "list", "--json", "--json"], ["case", "list", "--today", "2026-02-30"], ["case", "list", "--format", "csv"],
            ["case", "list", "--limit"], ["case", "list", "-l", "3"],
            ["deadlines", "--officer", "a.moreau", "--all", "--format", "json"], ["deadlines", "--within", "7", "--overdue"],
            ["deadlines", "--within", "-1"], ["deadlines", "--format", "ics"], ["deadlines", "--force"],
            ["deadlines", "--within", "400000"], ["deadlines", "--json", "--no-color", "--today", "2026-06-30"],
            // Help of every kind.
            ["case", "list", "--help"], ["case", "show", "-h"], ["deadlines", "--help"], ["case", "list", "help"],
            ["case", "list", "--version"],
        ]
        for args in invocations {
            let fast = try box.run(args)
            let whole = try box.run(["--db", box.db] + args, useDefaultDB: false)
            #expect(fast.status == whole.status, "\(args): \(fast) / \(whole)")
            #expect(fast.stdout == whole.stdout, "\(args): \(fast) / \(whole)")
            #expect(fast.stderr == whole.stderr, "\(args): \(fast) / \(whole)")
        }
        // A blank database path is refused both ways (the hand reading validates as the parser does).
        let blankFast = try box.run(["case", "list", "--db", " "], useDefaultDB: false)
        let blankWhole = try box.run(["--db", " ", "case", "list"], useDefaultDB: false)
        #expect(blankFast.status == 2 && blankFast.status == blankWhole.status && blankFast.stderr == blankWhole.stderr,
                "\(blankFast) / \(blankWhole)")
        // `--out` writes the same file both ways.
        let fastFile = box.root.appendingPathComponent("fast.ics").path
        let wholeFile = box.root.appendingPathComponent("whole.ics").path
        #expect(try box.run(["deadlines", "--all", "--format", "ics", "--out", fastFile]).status == 0)
        #expect(try box.run(["--db", box.db, "deadlines", "--all", "--format", "ics", "--out", wholeFile], useDefaultDB: false).status == 0)
        let fastICS = try String(contentsOfFile: fastFile, encoding: .utf8), wholeICS = try String(contentsOfFile: wholeFile, encoding: .utf8)
        #expect(fastICS.contains("BEGIN:VCALENDAR") && fastICS.count == wholeICS.count)
        // And the commands did what they say: the case is listed and shown.
        #expect(try box.run(["case", "list"]).stdout.contains(ref))
        let help = try box.run(["case", "list", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: cadesk case list"), "\(help)")
    }
}

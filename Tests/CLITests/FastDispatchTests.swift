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
            ["deadlines"], ["deadlines", "--within", "30", "--json"], ["deadlines", "--overdue"],
            // Refused: each error is the whole parser's, on one line, with its exit code.
            ["case", "list", "--limit", "0"], ["case", "list", "--bogus"], ["case", "list", "--open", "--all"],
            ["case", "list", "--sort", "sideways"], ["case", "show"], ["case", "show", "IN-PRES-2026-9999"],
            ["case", "show", ref, "extra"], ["deadlines", "--within", "soon"], ["deadlines", "--format", "yaml"],
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
        // And the commands did what they say: the case is listed and shown.
        #expect(try box.run(["case", "list"]).stdout.contains(ref))
        let help = try box.run(["case", "list", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: cadesk case list"), "\(help)")
    }
}

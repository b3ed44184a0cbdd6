import Foundation
import TerminalTesting
import Testing

/// Issue 7 §5: every command and option, read from the binary itself, fed hostile values.
/// Whatever cadesk makes of them, it never fails as a bug (exit 1) or a signal, never hangs,
/// never puts a control byte on the terminal, refuses in one `cadesk: ` line, and leaves a
/// database that still verifies.
@Suite(.serialized)
struct HostileInputTests {
    /// One run of the sweep: the command line and what the hostile value was.
    struct Attempt {
        let what: String
        let arguments: [[UInt8]]
    }

    @Test func everyCommandAndOptionRefusesHostileValuesCleanly() throws {
        let box = try Sandbox()
        let ref = try CommandLineTests.newPreservation(box)
        let hostile = try HostileValues(in: box.root.appendingPathComponent("hostile"))
        let catalog = try CommandCatalog.load(environment: box.environment())
        #expect(catalog.commands.count > 20, "the catalog lost its commands")
        let bases = Bases(box: box, ref: ref)
        var attempts: [Attempt] = []
        for command in catalog.commands {
            for argument in command.arguments {
                let reading = !bases.writes(command.path, argument.name)
                for value in try hostile.values(for: argument, reading: reading) {
                    attempts.append(Attempt(what: "\(command.path.joined(separator: " ")) \(argument.name): \(value.label)",
                                            arguments: bases.line(command, replacing: argument, with: value.bytes)))
                }
            }
        }
        attempts += try globalAttempts(bases, hostile)
        let failures = run(attempts, environment: box.environment(), folder: box.root.path)
        #expect(failures.isEmpty, "\(failures.count) of \(attempts.count) hostile runs misbehaved:\n\(failures.prefix(40).joined(separator: "\n"))")
        // Whatever was accepted or refused, the record is whole.
        let verify = try box.run(["audit", "verify"])
        #expect(verify.status == 0, "\(verify)")
        let check = try box.run(["admin", "check"])
        #expect(check.status == 0, "\(check)")
        print("hostile-input sweep: \(attempts.count) runs over \(catalog.commands.count) commands, \(catalog.commands.map(\.arguments.count).reduce(0, +)) arguments")
    }

    /// `--db`, `--as` and `--today` on a reading, a writing and a creating command.
    private func globalAttempts(_ bases: Bases, _ hostile: HostileValues) throws -> [Attempt] {
        let commands: [[String]] = [["case", "list"], ["case", "act", bases.ref, "note", "--note=x"], ["init"]]
        var attempts: [Attempt] = []
        for words in commands {
            for option in ["db", "as", "today"] {
                // --db is written to: never /dev/zero, only odd paths inside the test's folder.
                let values = HostileValues.text + HostileValues.datesAndNumbers
                    + (option == "db" ? try hostile.paths(reading: false) : [])
                for value in values {
                    var line = words.map { Array($0.utf8) } + [Array("--\(option)=".utf8) + value.bytes]
                    if option != "db" { line += [Array("--db".utf8), Array(bases.db.utf8)] }
                    if option != "as" { line += [Array("--as=a.moreau".utf8)] }
                    if option != "today" { line += [Array("--today=2026-03-01".utf8)] }
                    attempts.append(Attempt(what: "\(words.joined(separator: " ")) --\(option): \(value.label)", arguments: line))
                }
            }
        }
        return attempts
    }

    /// Runs every attempt, six at a time (most of a run is waiting for a commit to reach the disk), and describes each one that misbehaved.
    private func run(_ attempts: [Attempt], environment: [String: String], folder: String) -> [String] {
        let failures = Outcomes()
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            while let i = next.take(below: attempts.count) {
                if let problem = Self.misbehaviour(of: attempts[i], environment: environment, folder: folder) {
                    failures.add("\(attempts[i].what): \(problem)")
                }
            }
        }
        return failures.all.sorted()
    }

    /// What is wrong with one run, or nil when it behaved.
    static func misbehaviour(of attempt: Attempt, environment: [String: String], folder: String) -> String? {
        let result: Spawn.Result
        do {
            // In the sandbox, so that a value taken as a relative path (`--out 2026-02-30`)
            // lands there and not in the package.
            result = try Spawn.run(CadeskBinary.path, bytes: attempt.arguments, environment: environment, timeout: 20,
                                   directory: folder)
        } catch {
            return "\(error)"
        }
        let stderr = String(decoding: result.stderr, as: UTF8.self)
        let shown = String(stderr.prefix(300))
        if result.status == 1 || result.status >= 128 { return "exit \(result.status): \(shown)" }
        let controls = HostileValues.controlBytes(in: result.stdout) + HostileValues.controlBytes(in: result.stderr)
        if !controls.isEmpty { return "control bytes \(controls.prefix(8).map { String($0, radix: 16) }) on the terminal: \(shown)" }
        if result.status != 0 {
            let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
            guard stderr.hasPrefix("cadesk: "), lines.count == 2, lines[1].isEmpty else {
                return "exit \(result.status) without one `cadesk: ` line: \(shown)"
            }
        }
        return nil
    }
}

/// A valid command line for each command, so that a hostile value in one argument reaches the
/// code that reads it instead of a "missing argument" error.
struct Bases {
    let root: URL
    let db: String
    let ref: String
    private let fresh = Counter()

    init(box: borrowing Sandbox, ref: String) {
        root = box.root
        db = box.db
        self.ref = ref
    }

    /// Options and positional values per command (`--name=value` so that a value may start with a dash).
    private func base(_ path: [String]) -> (options: [String: String], positionals: [String]) {
        let unique = root.appendingPathComponent("out-\(fresh.take(below: .max)!)").path
        switch path.joined(separator: " ") {
        case "case new": return (["direction": "incoming", "kind": "preservation", "counterpart": "FRA", "title": "sweep"], [])
        case "case show", "case actions": return ([:], [ref])
        case "case act": return (["note": "sweep"], [ref, "note"])
        case "case edit": return (["title": "sweep"], [ref])
        case "deadlines": return (["out": unique + ".txt"], [])
        case "officer add": return (["role": "viewer"], ["s.weep"])
        case "policy set": return ([:], ["extension_days", "60"])
        case "holidays add": return ([:], ["2026-12-25"])
        case "holidays import": return ([:], [root.appendingPathComponent("hostile/victim.txt").path])
        case "letter": return (["out": unique + ".txt"], [ref, "acknowledgement"])
        case "directory show": return ([:], ["FRA"])
        case "directory set": return (["notes": "sweep"], ["FRA"])
        case "backup": return ([:], [unique + ".sqlite"])
        case "restore": return ([:], [unique + "-missing.sqlite"])
        case "help": return ([:], ["case"])
        default: return ([:], [])
        }
    }

    /// Whether cadesk writes to what this argument names (never given /dev/zero).
    func writes(_ path: [String], _ argument: String) -> Bool {
        argument == "out" || (path == ["backup"] && argument == "file")
    }

    /// The whole command line with `value` in place of `argument`'s usual value.
    func line(_ command: CommandCatalog.Command, replacing argument: CommandCatalog.Argument, with value: [UInt8]) -> [[UInt8]] {
        let (options, positionals) = base(command.path)
        var line = command.path.map { Array($0.utf8) }
        for (name, v) in options.sorted(by: { $0.key < $1.key }) where name != argument.name || argument.isPositional {
            line.append(Array("--\(name)=\(v)".utf8))
        }
        if !argument.isPositional { line.append(Array("--\(argument.name)=".utf8) + value) }
        // demo writes only into a new database: one of its own each time.
        let db = command.path == ["demo"] ? root.appendingPathComponent("demo-\(fresh.take(below: .max)!).sqlite").path : db
        line += [Array("--db=\(db)".utf8), Array("--as=a.moreau".utf8), Array("--today=2026-03-01".utf8)]
        let names = command.arguments.filter(\.isPositional).map(\.name)
        var values = positionals.map { Array($0.utf8) }
        if argument.isPositional, let i = names.firstIndex(of: argument.name) {
            while values.count <= i { values.append([]) }
            values[i] = value
        }
        // After `--` every word is a positional value, even one that starts with a dash.
        return values.isEmpty ? line : line + [Array("--".utf8)] + values
    }
}

import Foundation
import TerminalTesting
import Testing

/// Identity by system account, read-only users and group-shared databases, tested without
/// creating users: cadesk runs as the existing unprivileged account `nobody` (through
/// `setpriv`), which needs the tests to run as root (as CI does).
@Suite(.serialized, .enabled(if: getuid() == 0, "switching to the account nobody needs root"))
struct AccountTests {
    /// Runs cadesk as nobody:nogroup with no supplementary groups, on the sandbox database.
    static func asNobody(_ box: borrowing Sandbox, _ args: [String], db: String? = nil,
                         env: [String: String] = [:]) throws -> RunResult {
        let result = try Spawn.run("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", CadeskBinary.path]
                                   + args + ["--db", db ?? box.db], environment: box.environment(env))
        return RunResult(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self),
                         stderr: String(decoding: result.stderr, as: UTF8.self))
    }

    static func newCase(_ title: String) -> [String] {
        ["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "FRA", "--title", title]
    }

    @Test func onAnOfficeDatabaseTheOfficerIsTheAccountNotTheNameGiven() throws {
        let box = try Sandbox(training: false)
        chmod(box.root.path, 0o777)
        let made = try Self.asNobody(box, ["init", "--office", "Central Authority of Ruritania"])
        #expect(made.status == 0, "\(made)")
        let officers = try Self.asNobody(box, ["officer", "list"]).stdout
        #expect(officers.split(separator: "\n").dropFirst().map { $0.split(separator: " ") } == [["nobody", "supervisor"]], "\(officers)")

        // $USER and $LOGNAME are whatever the caller sets: they do not name the officer.
        let spoofed = ["USER": "a.moreau", "LOGNAME": "a.moreau"]
        let ref = try Self.asNobody(box, Self.newCase("Registered by nobody"), env: spoofed)
        #expect(ref.status == 0, "\(ref)")
        let shown = try #require(try Self.asNobody(box, ["case", "show", ref.output, "--json"]).json() as? [String: Any])
        #expect(shown["officer"] as? String == "nobody")
        #expect((shown["events"] as? [[String: Any]])?.first?["actor"] as? String == "nobody")

        // Naming someone else, by option or environment, is refused and writes nothing.
        // Not even root may act as nobody here: every account is itself only.
        #expect(try box.run(["officer", "add", "a.moreau", "--role", "supervisor"], officer: "nobody", today: nil).status == 3)
        for (args, env) in [(["--as", "a.moreau"], [String: String]()), ([], ["CADESK_OFFICER": "a.moreau"])] {
            let r = try Self.asNobody(box, Self.newCase("Impersonated") + args, env: env)
            #expect(r.status == 3, "\(r)")
            #expect(r.stderr == "cadesk: a.moreau: this office identifies officers by their system account (officer_identity = account): you are logged in as nobody and may act only as nobody\n")
        }
        #expect(try Self.asNobody(box, ["case", "list", "--as", "nobody", "--json"]).json() as? [Any] != nil)
        let listed = try #require(try Self.asNobody(box, ["case", "list", "--json"]).json() as? [[String: Any]])
        #expect(listed.count == 1)
    }

    @Test func aUserWhoMayOnlyReadTheFileReadsAndIsToldWhyAChangeIsRefused() throws {
        let box = try Sandbox()
        let ref = try box.run(Self.newCase("Readable by all"))
        #expect(ref.status == 0, "\(ref)")
        chmod(box.db, 0o644)
        let list = try Self.asNobody(box, ["case", "list", "--as", "a.moreau"])
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains(ref.output), "\(list)")
        let write = try Self.asNobody(box, Self.newCase("Refused") + ["--as", "a.moreau"])
        #expect(write.status == 4, "\(write)")
        #expect(write.stderr == "cadesk: \(box.db): read-only for you (the file is not writable); reads work, changes need write access\n")
    }

    @Test func initGroupSharesTheDatabaseWithTheGroup() throws {
        let box = try Sandbox(training: false)
        let shared = box.root.appendingPathComponent("office/cases.sqlite").path
        chmod(box.root.path, 0o755)
        let made = try box.run(["init", "--group", "nogroup", "--db", shared], officer: nil, today: nil, useDefaultDB: false)
        #expect(made.status == 0, "\(made)")
        let folder = try FileManager.default.attributesOfItem(atPath: (shared as NSString).deletingLastPathComponent)
        let file = try FileManager.default.attributesOfItem(atPath: shared)
        #expect((folder[.posixPermissions] as? Int).map { $0 & 0o7777 } == 0o2770, "\(folder)")
        #expect(folder[.groupOwnerAccountName] as? String == "nogroup")
        #expect(file[.posixPermissions] as? Int == 0o660)
        #expect(file[.groupOwnerAccountName] as? String == "nogroup")
        // Another account of the group works on the same office database, as itself.
        #expect(try box.run(["officer", "add", "nobody", "--role", "officer", "--db", shared],
                            officer: nil, today: nil, useDefaultDB: false).status == 0)
        let ref = try Self.asNobody(box, Self.newCase("Shared office"), db: shared)
        #expect(ref.status == 0, "\(ref)")
        #expect(try box.run(["case", "list", "--db", shared], officer: nil, today: nil, useDefaultDB: false).stdout.contains(ref.output))
        #expect(try Self.asNobody(box, ["case", "list"], db: shared).stdout.contains(ref.output))
        // A group that does not exist is a usage error, and nothing is created.
        let other = box.root.appendingPathComponent("other/cases.sqlite").path
        let bad = try box.run(["init", "--group", "no-such-group-x", "--db", other], officer: nil, today: nil, useDefaultDB: false)
        #expect(bad.status == 2, "\(bad)")
        #expect(!FileManager.default.fileExists(atPath: other))
    }
}

import Foundation
import TerminalTesting
import Testing

/// No output option destroys a file, restore and backup never leave a half database (issue 7,
/// items 1–4), and the day's first command backs the database up (§4) — driven as a user would.
@Suite(.serialized)
struct SafeFilesCommandTests {
    /// A sandbox (a training database: a.moreau supervisor) with a viewer, b.viewer, and one case.
    static func office() throws -> Sandbox {
        let box = try Sandbox()
        #expect(try box.run(["officer", "add", "b.viewer", "--role", "viewer"]).status == 0)
        _ = try CommandLineTests.newPreservation(box)
        return box
    }

    static func file(_ box: borrowing Sandbox, _ name: String) -> String {
        box.root.appendingPathComponent(name).path
    }

    /// Every way `deadlines --out` and `backup FILE` were seen to destroy a file, each refused
    /// with exit 2 and one line, the target left byte for byte — with and without --force.
    @Test func outputOptionsNeverWriteOverWhatTheyDidNotCreate() throws {
        let box = try Self.office()
        let decoy = Self.file(box, "decoy.txt")
        try Data("decoy\n".utf8).write(to: URL(fileURLWithPath: decoy))
        try FileManager.default.createSymbolicLink(atPath: Self.file(box, "link.ics"), withDestinationPath: decoy)
        try FileManager.default.createDirectory(atPath: Self.file(box, "folder"), withIntermediateDirectories: false)
        #expect(mkfifo(Self.file(box, "fifo"), 0o600) == 0)
        // Opening a database rewrites a few header bytes, so its records are compared instead.
        func records() throws -> String {
            let r = try Spawn.run("sqlite3", [box.db, "SELECT * FROM events ORDER BY seq; SELECT * FROM cases; SELECT * FROM meta;"])
            return String(decoding: r.stdout, as: UTF8.self)
        }
        let database = try records()
        #expect(database.contains("IN-PRES-2026-0001"))
        let targets = [box.db, box.db + "-wal", box.db + "-shm", Self.file(box, "link.ics"), Self.file(box, "folder"),
                       Self.file(box, "fifo"), decoy]
        for target in targets {
            for force in [[], ["--force"]] where !(target == decoy && !force.isEmpty) {
                for (command, officer) in [(["deadlines", "--all", "--format", "ics", "--out", target], "b.viewer"),
                                           (["backup", target], "a.moreau")] {
                    let r = try box.run(command + force, officer: officer)
                    #expect(r.status == 2, "\(command + force): \(r)")
                    #expect(r.stderr.hasPrefix("cadesk: ") && r.stderr.split(separator: "\n").count == 1, "\(r)")
                }
            }
        }
        #expect(try records() == database)
        #expect(try String(contentsOfFile: decoy, encoding: .utf8) == "decoy\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: box.root.path)
        #expect(!names.contains { $0.hasSuffix(".partial") || $0.hasSuffix("-wal") }, "\(names)")
        let r = try box.run(["deadlines", "--out", decoy])
        #expect(r.stderr.contains("already exists") && r.stderr.contains("--force"), "\(r)")
        #expect(try box.run(["audit", "verify"]).status == 0)
    }

    @Test func forceReplacesARegularFileAndTheCalendarIsPrivate() throws {
        let box = try Self.office()
        let ics = Self.file(box, "deadlines.ics")
        var r = try box.run(["deadlines", "--all", "--format", "ics", "--out", ics])
        #expect(r.status == 0, "\(r)")
        #expect(try FileManager.default.attributesOfItem(atPath: ics)[.posixPermissions] as? Int == 0o600)
        try Data("old calendar".utf8).write(to: URL(fileURLWithPath: ics))
        r = try box.run(["deadlines", "--all", "--format", "ics", "--out", ics, "--force"])
        #expect(r.status == 0, "\(r)")
        #expect(try String(contentsOfFile: ics, encoding: .utf8).hasPrefix("BEGIN:VCALENDAR"))
        let backup = Self.file(box, "copy.sqlite")
        try Data("old copy".utf8).write(to: URL(fileURLWithPath: backup))
        r = try box.run(["backup", backup, "--force"])
        #expect(r.status == 0, "\(r)")
        #expect(try box.run(["case", "list", "--db", backup], useDefaultDB: false).output.contains("IN-PRES-2026-0001"))
    }

    @Test func aBlankOutputPathIsAUsageError() throws {
        let box = try Self.office()
        for args in [["backup", " "], ["deadlines", "--out", " "], ["deadlines", "--out", ""]] {
            // Run from inside the sandbox: a cadesk that took " " for a file name would write it there.
            let result = try Spawn.run("sh", ["-c", "cd \"$1\" && shift && exec \"$@\"", "sh", box.root.path, CadeskBinary.path]
                                       + args + ["--db", box.db, "--as", "a.moreau"], environment: box.environment())
            let stderr = String(decoding: result.stderr, as: UTF8.self)
            #expect(result.status == 2, "\(args): \(stderr)")
            #expect(stderr.contains("blank"), "\(stderr)")
        }
    }

    /// A path is untrusted text: its escape sequences never reach the terminal.
    @Test func aHostileOutputPathIsRefusedAndShownSafely() throws {
        let box = try Self.office()
        let hostile = Self.file(box, "missing\u{1B}]0;PWNED\u{07}folder") + "/x.ics"
        for args in [["deadlines", "--out", hostile], ["backup", hostile]] {
            let r = try box.run(args)
            #expect(r.status == 2, "\(r)")
            #expect(r.stderr.contains("no such folder"), "\(r)")
            #expect(!r.stderr.contains("\u{1B}") && !r.stderr.contains("\u{07}"), "\(r)")
        }
    }

    @Test func aTamperedDatabaseIsNotBackedUp() throws {
        let box = try Self.office()
        try Sqlite.exec(box.db, "DROP TRIGGER events_no_update; UPDATE events SET actor = 'mallory' WHERE seq = 1;")
        let target = Self.file(box, "copy.sqlite")
        let r = try box.run(["backup", target])
        #expect(r.status == 4, "\(r)")
        #expect(r.stderr.contains("damaged") && r.stderr.contains("audit chain broken at event 1"), "\(r)")
        let names = try FileManager.default.contentsOfDirectory(atPath: box.root.path)
        #expect(!names.contains { $0.contains("copy.sqlite") }, "\(names)")
    }

    /// Where a private mount namespace can be made (root in a container that allows it), a
    /// backup onto a full file system says so plainly (it said "not an error"), exit 4.
    static let canMountPrivately: Bool = {
        (try? Spawn.run("unshare", ["-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"]))?.status == 0
    }()

    @Test(.enabled(if: canMountPrivately)) func aBackupOntoAFullDiskSaysSo() throws {
        let box = try Self.office()
        try Sqlite.exec(box.db, "CREATE TABLE pad(x); INSERT INTO pad VALUES (randomblob(300000));")
        let small = Self.file(box, "small")
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: false)
        let script = "mount -t tmpfs -o size=64k tmpfs \"$1\" && exec \"$2\" backup \"$1/copy.sqlite\" --db \"$3\" --as a.moreau"
        let result = try Spawn.run("unshare", ["-m", "sh", "-c", script, "sh", small, CadeskBinary.path, box.db],
                                   environment: box.environment())
        let stderr = String(decoding: result.stderr, as: UTF8.self)
        #expect(result.status == 4, "\(stderr)")
        #expect(stderr.contains("the disk is full") && !stderr.contains("not an error"), "\(stderr)")
        #expect(stderr.split(separator: "\n").count == 1, "\(stderr)")
    }

    /// A backup killed mid-write leaves nothing under the name asked for (or, killed after the
    /// rename, a whole backup): the database is padded so the copy takes a while.
    @Test func aKilledBackupLeavesNoHalfFile() throws {
        let box = try Self.office()
        try Sqlite.exec(box.db, """
            CREATE TABLE pad(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 48)
            INSERT INTO pad SELECT randomblob(1048576) FROM n;
            """)
        for attempt in 0..<3 {
            let target = Self.file(box, "killed-\(attempt).sqlite")
            let pid = try Spawn.spawn(CadeskBinary.path, ["backup", target, "--db", box.db, "--as", "a.moreau"],
                                      environment: box.environment()) { actions in
                posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            }
            let deadline = Date().addingTimeInterval(30)
            // Killed as soon as anything of the backup appears in the folder.
            while Date() < deadline {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: box.root.path)) ?? []
                if names.contains(where: { $0.contains("killed-\(attempt)") }) { break }
                usleep(1_000)
            }
            kill(pid, SIGKILL)
            _ = Spawn.reap(pid)
            if FileManager.default.fileExists(atPath: target) {
                let r = try box.run(["audit", "verify", "--db", target], useDefaultDB: false)
                #expect(r.status == 0, "a file under the final name must be a whole backup: \(r)")
            }
        }
        #expect(try box.run(["audit", "verify"]).status == 0)
    }

    /// A restore killed at any point leaves the old or the new database, whole: killed as soon
    /// as its staged copy appears, and again a little later each time.
    @Test func aKilledRestoreLeavesAWholeDatabase() throws {
        let box = try Self.office()
        let backup = Self.file(box, "one-case.sqlite")
        #expect(try box.run(["backup", backup]).status == 0)
        _ = try CommandLineTests.newPreservation(box, title: "Second request")
        try Sqlite.exec(box.db, """
            CREATE TABLE pad(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 24)
            INSERT INTO pad SELECT randomblob(1048576) FROM n;
            """)
        for attempt in 0..<4 {
            let pid = try Spawn.spawn(CadeskBinary.path, ["restore", backup, "--db", box.db, "--as", "a.moreau"],
                                      environment: box.environment()) { actions in
                posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            }
            let deadline = Date().addingTimeInterval(30)
            var exited = false
            while Date() < deadline, !exited {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: box.root.path)) ?? []
                if names.contains(where: { $0.contains(".restoring-") }) { break }
                exited = Spawn.reap(pid, blocking: false) != nil
                usleep(1_000)
            }
            if !exited {
                usleep(useconds_t(attempt) * 50_000)
                kill(pid, SIGKILL)
                _ = Spawn.reap(pid)
            }
            let listed = try box.run(["case", "list", "--all"])
            let count = listed.stdout.components(separatedBy: "IN-PRES-").count - 1
            #expect(listed.status == 0 && (count == 1 || count == 2), "\(listed) \((try? FileManager.default.contentsOfDirectory(atPath: box.root.path)) ?? [])")
            #expect(try box.run(["audit", "verify"]).status == 0)
        }
    }

    /// `case list` in a loop while the database is restored again and again: every listing
    /// shows a whole database (the old or the new one) or fails cleanly, never an empty one,
    /// and every restore keeps the previous database aside.
    @Test func restoreRacedByCaseListNeverLosesTheDatabase() throws {
        let box = try Self.office()
        let backup = Self.file(box, "one-case.sqlite")
        #expect(try box.run(["backup", backup]).status == 0)
        _ = try CommandLineTests.newPreservation(box, title: "Second request")
        let db = box.db, env = box.environment()
        let listings = Outcomes(), stop = Outcomes()
        let lister = DispatchGroup()
        DispatchQueue.global().async(group: lister) {
            while stop.all.isEmpty {
                let r = try? CadeskBinary.run(["case", "list", "--all", "--db", db, "--as", "a.moreau"], environment: env)
                listings.add(r.map { "\($0.status) \($0.stdout.components(separatedBy: "IN-PRES-").count - 1) \($0.stderr)" } ?? "spawn failed")
            }
        }
        var asides: [String] = []
        for _ in 0..<6 {
            let r = try box.run(["restore", backup])
            if r.status == 0, let range = r.stdout.range(of: "kept as ") {
                asides.append(String(r.stdout[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines))
            } else {
                #expect(r.status == 4 && r.stderr.contains("cadesk: "), "\(r)")
            }
            _ = try CommandLineTests.newPreservation(box, title: "Registered between restores")
        }
        stop.add("stop")
        lister.wait()
        #expect(!asides.isEmpty)
        for aside in asides { #expect(FileManager.default.fileExists(atPath: aside), "\(aside)") }
        #expect(Set(asides).count == asides.count)
        for listing in listings.all {
            let ok = listing.hasPrefix("0 ") && !listing.hasPrefix("0 0 ")
            let clean = listing.hasPrefix("4 ") && listing.contains("busy")
            #expect(ok || clean, "\(listing)")
        }
        #expect(try box.run(["audit", "verify"]).status == 0)
    }

    /// The interface makes the day's backup in the background once its first screen is up.
    @Test func theInterfaceStartBacksUpBehindTheFirstScreen() throws {
        let box = try Self.office()
        let folder = Self.file(box, "backups")
        try FileManager.default.removeItem(atPath: folder)
        let term = try TerminalTests.start(box, today: "2026-03-01")
        defer { term.close() }
        try term.waitFor("IN-PRES-2026-0001")
        let deadline = Date().addingTimeInterval(15)
        var daily: [String] = []
        while daily.isEmpty && Date() < deadline {
            // The backup itself; its chain head (`.head`) is written beside it.
            daily = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasPrefix("cases-daily-") && $0.hasSuffix(".sqlite") }
            usleep(20_000)
        }
        #expect(daily.count == 1, "\(daily)")
        try term.press("q")
        try term.waitFor("exit=0")
    }

    @Test func theDaysFirstCommandBacksUpOnceAndADamagedStartNamesTheBackup() throws {
        let box = try Self.office()
        #expect(try box.run(["case", "list"]).status == 0)
        #expect(try box.run(["case", "list"]).status == 0)
        let folder = Self.file(box, "backups")
        let daily = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasPrefix("cases-daily-") && $0.hasSuffix(".sqlite") }
        #expect(daily.count == 1, "\(daily)")
        #expect(FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(daily[0] + ".head")))
        // Viewers do not trigger it, and commands of the same day find it made.
        #expect(try box.run(["case", "list"], officer: "b.viewer").status == 0)

        var bytes = try Data(contentsOf: URL(fileURLWithPath: box.db))
        bytes.replaceSubrange(0..<16, with: Data(repeating: 0x41, count: 16))
        try bytes.write(to: URL(fileURLWithPath: box.db))
        let backup = (folder as NSString).appendingPathComponent(daily[0])
        let r = try box.run(["case", "list"])
        #expect(r.status == 4, "\(r)")
        #expect(r.stderr.contains("the most recent good backup is \(backup)") && r.stderr.contains("cadesk restore \(backup)"), "\(r)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try box.run(["restore", backup]).status == 0)
        #expect(try box.run(["case", "list"]).output.contains("IN-PRES-2026-0001"))
    }
}

final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

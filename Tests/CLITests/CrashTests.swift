import Foundation
import TerminalTesting
import Testing

/// Issue 7 §5: processes killed (SIGKILL: no handler, no cleanup) in the middle of writing.
/// A write cadesk acknowledged (exit 0) is never lost, and what is left is a sound database.
@Suite(.serialized)
struct CrashTests {
    /// Writers killed at random points, six at a time, until at least `wantedKills` died.
    static let wantedKills = 200
    static let lanes = 6

    /// A process killed mid-write (here a demo load, thousands of transactions) loses nothing
    /// committed before, and leaves a sound database: no half-written batch, an intact audit
    /// chain, projections equal to what the events say.
    @Test func aProcessKilledMidWriteLosesNoCommittedEvent() throws {
        // Demo cases go only into a new database (CLI.md): the load creates it.
        let box = try Sandbox(training: false)
        let loader = try Spawn.spawn(CadeskBinary.path, ["demo", "--cases", "20000", "--db", box.db, "--as", "a.moreau"],
                                     environment: box.environment()) { actions in
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        // Kill it once several batches are in, while it is still writing.
        var exit: Int32?
        defer { if exit == nil { kill(loader, SIGKILL); _ = Spawn.reap(loader) } }
        let deadline = Date().addingTimeInterval(60)
        var events = 0
        func committedEvents() throws -> Int {
            // Read-only, and only once the load made the file: a probe must never create it.
            guard FileManager.default.fileExists(atPath: box.db) else { return 0 }
            let count = try Spawn.run("sqlite3", ["-readonly", box.db, "SELECT count(*) FROM events"])
            return Int(String(decoding: count.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        while events < 3_000 && Date() < deadline {
            exit = Spawn.reap(loader, blocking: false)
            if exit != nil { break }
            events = try committedEvents()
        }
        if exit == nil {
            kill(loader, SIGKILL)
            exit = Spawn.reap(loader)
        }
        #expect(exit == 128 + SIGKILL, "the demo load ended before it could be killed mid-write")
        #expect(events >= 3_000)
        // Every event seen committed before the kill is still there.
        #expect(try committedEvents() >= events)
        let check = try box.run(["admin", "check"])
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout.contains("audit chain: ok"))
        // Every case that is there has its whole registration batch: rebuilding the projections
        // from the events changes nothing a user sees.
        let listed = try box.run(["case", "list", "--all", "--limit", "100000", "--json"]).stdout
        #expect(try box.run(["admin", "rebuild"]).status == 0)
        #expect(try box.run(["case", "list", "--all", "--limit", "100000", "--json"]).stdout == listed)
        #expect(try box.run(["audit", "verify"]).status == 0)
    }

    /// Short writers (a note, a registration) started six at a time and each killed after a
    /// random delay across its life, from start-up through open, transaction and commit. Only
    /// after a writer exited 0 is its write appended to a side log, as a script would record
    /// what it was told was done. After every round, every acknowledged write is in the
    /// database and the audit chain verifies.
    @Test func writersKilledAtRandomPointsLoseNoAcknowledgedWrite() throws {
        let box = try Sandbox()
        let refs = try (0..<Self.lanes).map { try CommandLineTests.newPreservation(box, title: "lane \($0)") }
        let log = SideLog(box.root.appendingPathComponent("acknowledged.log").path)
        var life = try Self.typicalLife(box, ref: refs[0])
        var kills = 0, rounds = 0
        let started = Date()
        while kills < Self.wantedKills && rounds < 300 && Date().timeIntervalSince(started) < 240 {
            let outcomes = ResultBox()
            let round = rounds, db = box.db, env = box.environment(), aim = life
            DispatchQueue.concurrentPerform(iterations: Self.lanes) { lane in
                let token = "ack-r\(round)-l\(lane)"
                let args = lane % 2 == round % 2
                    ? ["case", "act", refs[lane], "note", "--note", token]
                    : ["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "DEU", "--title", token]
                let status = Self.runAndKill(args, db: db, environment: env, after: aim * Double.random(in: 0.3...1.2))
                if status == 0 { log.append(token) }
                outcomes.set(lane, RunResult(status: status, stdout: token, stderr: ""))
            }
            let statuses = outcomes.all.compactMap { $0?.status }
            #expect(statuses.allSatisfy { $0 == 0 || $0 == 128 + SIGKILL }, "round \(rounds): \(outcomes.all)")
            let killed = statuses.filter { $0 == 128 + SIGKILL }.count
            kills += killed
            rounds += 1
            // The machine's load changes how long a write lives: aim the kills at the end of
            // its life (open, transaction, commit), where a few writers still finish first.
            life *= killed == Self.lanes ? 1.1 : killed * 2 < Self.lanes ? 0.8 : 1
            // Every write acknowledged so far, in this round or before, is in the database.
            let stored = try Self.storedText(box.db)
            let lost = log.tokens.filter { !stored.contains("\"\($0)\"") }
            #expect(lost.isEmpty, "round \(rounds): acknowledged but lost: \(lost)")
            let verify = try box.run(["audit", "verify"])
            #expect(verify.status == 0, "round \(rounds): \(verify)")
            if !lost.isEmpty || verify.status != 0 { break }
        }
        #expect(kills >= Self.wantedKills, "only \(kills) writers were killed in \(rounds) rounds")
        let check = try box.run(["admin", "check"])
        #expect(check.status == 0, "\(check)")
        let stored = try Self.storedText(box.db)
        let unacknowledged = (0..<rounds).flatMap { r in (0..<Self.lanes).map { "ack-r\(r)-l\($0)" } }
            .filter { stored.contains("\"\($0)\"") && !log.tokens.contains($0) }
        print("crash suite: \(kills) SIGKILLs in \(rounds) rounds, \(log.tokens.count) acknowledged writes, 0 lost, "
              + "\(unacknowledged.count) killed after their commit, in \(Int(Date().timeIntervalSince(started))) s")
    }

    /// How long one write takes from start to exit here and now (the slowest of three).
    static func typicalLife(_ box: borrowing Sandbox, ref: String) throws -> TimeInterval {
        var longest: TimeInterval = 0
        for n in 0..<3 {
            let start = Date()
            let r = try box.run(["case", "act", ref, "note", "--note", "warm-up \(n)"])
            #expect(r.status == 0, "\(r)")
            longest = max(longest, Date().timeIntervalSince(start))
        }
        return longest
    }

    /// Starts `cadesk ARGS` on the sandbox, sends SIGKILL after `delay` unless it ended, and
    /// returns its exit status (128 + 9 when the kill ended it).
    static func runAndKill(_ args: [String], db: String, environment: [String: String], after delay: TimeInterval) -> Int32 {
        let full = args + ["--db", db, "--as", "a.moreau", "--today", "2026-03-01"]
        guard let pid = try? Spawn.spawn(CadeskBinary.path, full, environment: environment, redirect: { actions in
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }) else { return -1 }
        let deadline = Date().addingTimeInterval(delay)
        while Date() < deadline {
            if let status = Spawn.reap(pid, blocking: false) { return status }
            usleep(1_000)
        }
        kill(pid, SIGKILL)
        return Spawn.reap(pid) ?? -1
    }

    /// Every event payload, read by Python's sqlite3 and zlib (Scripts/read-events), not by cadesk.
    static func storedText(_ db: String) throws -> String {
        try StoredEvents.payloadText(db)
    }
}

/// The side log of acknowledged writes: a file appended to (and synced) after each success.
final class SideLog: @unchecked Sendable {
    private let lock = NSLock()
    private let path: String

    init(_ path: String) {
        self.path = path
        FileManager.default.createFile(atPath: path, contents: nil)
    }

    func append(_ token: String) {
        lock.lock(); defer { lock.unlock() }
        let fd = open(path, O_WRONLY | O_APPEND)
        _ = (token + "\n").withCString { write(fd, $0, strlen($0)) }
        fsync(fd)
        close(fd)
    }

    /// What the file says was acknowledged.
    var tokens: [String] {
        lock.lock(); defer { lock.unlock() }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }
}

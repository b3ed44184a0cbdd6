import Foundation
import TerminalTesting
import Testing

/// Issue 7 §5: four officers' scripts writing to one database at once, for twenty seconds.
/// Every write is acknowledged, none is lost or applied twice, and nobody is told the
/// database is busy: writers queue for the lock (CaseStore's busy timeout) instead.
@Suite(.serialized)
struct ConcurrencyTests {
    static let writers = 4
    static let duration: TimeInterval = 20

    @Test func fourWritersForTwentySecondsLoseAndDuplicateNothing() throws {
        let box = try Sandbox()
        let refs = try (0..<Self.writers).map { try CommandLineTests.newPreservation(box, title: "writer \($0)") }
        let done = Outcomes()
        let refused = Outcomes()
        let env = box.environment()
        let started = Date()
        DispatchQueue.concurrentPerform(iterations: Self.writers) { writer in
            var n = 0
            while Date().timeIntervalSince(started) < Self.duration {
                n += 1
                let token = "w\(writer)-\(n)"
                // Notes on the writer's own case, and registrations that all mint references.
                let args = n % 2 == 0
                    ? ["case", "act", refs[writer], "note", "--note", token]
                    : ["case", "new", "--direction", "outgoing", "--kind", "mla", "--counterpart", "DEU", "--title", token]
                let full = args + ["--db", box.db, "--as", "a.moreau", "--today", "2026-03-01"]
                do {
                    let r = try CadeskBinary.run(full, environment: env)
                    if r.status == 0 { done.add(token) } else { refused.add("\(token): \(r)") }
                } catch {
                    refused.add("\(token): \(error)")
                }
            }
        }
        #expect(refused.all.isEmpty, "\(refused.all.count) writes failed, e.g. \(refused.all.prefix(3))")
        #expect(!refused.all.contains { $0.contains("busy") }, "busy reached the user")
        let tokens = done.all
        #expect(tokens.count > 4 * Self.writers)

        // What a user sees: each registration once among the cases, each note once in its case.
        let listed = try box.run(["case", "list", "--all", "--limit", "100000", "--json"])
        let cases = try #require(try listed.json() as? [[String: Any]])
        let titles = cases.compactMap { $0["title"] as? String }
        var notes: [String] = []
        for ref in refs {
            let show = try #require(try box.run(["case", "show", ref, "--json"]).json() as? [String: Any])
            notes += (show["events"] as? [[String: Any]] ?? []).compactMap { $0["note"] as? String }
        }
        let seen = titles + notes
        let counts = Dictionary(seen.map { ($0, 1) }, uniquingKeysWith: +)
        let lost = tokens.filter { counts[$0] == nil }
        let twice = counts.filter { $0.value > 1 && $0.key.hasPrefix("w") }.map(\.key)
        let phantom = seen.filter { $0.hasPrefix("w") && !$0.hasPrefix("writer") && !tokens.contains($0) }
        #expect(lost.isEmpty, "acknowledged but lost: \(lost.prefix(10))")
        #expect(twice.isEmpty, "applied twice: \(twice.prefix(10))")
        #expect(phantom.isEmpty, "recorded but never acknowledged: \(phantom.prefix(10))")
        #expect(Set(cases.compactMap { $0["ref"] as? String }).count == cases.count, "a reference was minted twice")
        #expect(try box.run(["audit", "verify"]).status == 0)
        #expect(try box.run(["admin", "check"]).status == 0)
        print("concurrency suite: \(Self.writers) writers for \(Int(Self.duration)) s, \(tokens.count) writes acknowledged, "
              + "\(lost.count) lost, \(twice.count) duplicated, \(refused.all.count) refused")
    }
}

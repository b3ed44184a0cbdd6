import Foundation
import TerminalTesting
import Testing

/// Issue 7 item 9: a decision applies once, from a script or a desk that looked earlier.
@Suite(.serialized)
struct ApplyOnceTests {
    func latestEventID(_ box: borrowing Sandbox, _ ref: String) throws -> String {
        let show = try box.run(["case", "show", ref, "--json"])
        let json = try #require(try show.json() as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        return try #require(events.last?["id"] as? String)
    }

    @Test func theSameExtensionRequestTwiceAppliesOnce() throws {
        let box = try Sandbox()
        let pres = try CommandLineTests.newPreservation(box)
        _ = try box.run(["case", "act", pres, "preserve", "--custodian", "ExampleHost", "--on", "2026-01-10"], today: "2026-01-10")
        var r = try box.run(["case", "act", pres, "extend", "--on", "2026-03-05"], today: "2026-03-05")
        #expect(r.status == 0, "\(r)")
        let before = try box.run(["case", "show", pres, "--json"], today: "2026-03-05").stdout
        r = try box.run(["case", "act", pres, "extend", "--on", "2026-03-05"], today: "2026-03-05")
        #expect(r.status == 3, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "cadesk: extend: an extension requested on 2026-03-05 is already recorded; each extension request applies once, so another must be dated after it (office practice)\n")
        #expect(try box.run(["case", "show", pres, "--json"], today: "2026-03-05").stdout == before)
        // The expiry moved once: 2026-03-11 + 60 days.
        let deadlines = try box.run(["deadlines", "--json"], today: "2026-03-05")
        #expect(deadlines.stdout.contains("\"due\" : \"2026-05-10\""), "\(deadlines)")
    }

    @Test func expectRefusesWhenTheCaseMovedOn() throws {
        let box = try Sandbox()
        let pres = try CommandLineTests.newPreservation(box)
        let seen = try latestEventID(box, pres)
        // Someone else records first.
        var r = try box.run(["case", "act", pres, "note", "--note", "called the custodian"], officer: "a.moreau")
        #expect(r.status == 0, "\(r)")
        let before = try box.run(["case", "show", pres, "--json"]).stdout
        r = try box.run(["case", "act", pres, "preserve", "--custodian", "ExampleHost", "--expect", seen])
        #expect(r.status == 3, "\(r)")
        #expect(r.stderr == "cadesk: preserve: \(pres) was changed by someone else meanwhile; look at it again before acting\n")
        #expect(try box.run(["case", "show", pres, "--json"]).stdout == before)
        // Against the latest event it applies; a mistyped id is a usage error.
        r = try box.run(["case", "act", pres, "preserve", "--custodian", "ExampleHost", "--expect", try latestEventID(box, pres)])
        #expect(r.status == 0, "\(r)")
        r = try box.run(["case", "act", pres, "note", "--note", "x", "--expect", "not-an-id"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.hasPrefix("cadesk: note: --expect 'not-an-id' is not an event id"), "\(r)")
    }
}

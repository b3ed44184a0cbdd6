import Foundation
import TerminalTesting
import Testing

/// Issue 9's rules as the command line shows them: exit codes, the rule cited on stderr, nothing
/// written when refused; the records and warnings in `case show` and on stderr.
@Suite(.serialized)
struct LawCommandTests {
    static func newMLA(_ box: borrowing Sandbox, direction: String = "incoming", counterpart: String = "FRA",
                       purpose: String = "stored-data", extra: [String] = []) throws -> String {
        let r = try box.run(["case", "new", "--direction", direction, "--kind", "mla", "--counterpart", counterpart,
                             "--purpose", purpose, "--title", "Follow-up request",
                             "--item", "requesting-authority=Prosecutor", "--item", "proceeding=Investigation",
                             "--item", "facts=Intrusion", "--item", "assistance-sought=Disclosure",
                             "--item", "purpose=Evidence"] + extra, today: "2026-01-08")
        #expect(r.status == 0, "\(r)")
        return r.output
    }

    @Test func aFollowUpFromAnotherStateIsRefusedAndNothingWritten() throws {
        let box = try Sandbox()
        let pres = try CommandLineTests.newPreservation(box)
        #expect(try box.run(["case", "act", pres, "preserve", "--custodian", "ExampleHost", "--on", "2026-01-10"],
                             today: "2026-01-10").status == 0)
        let german = try Self.newMLA(box, counterpart: "DEU")
        let service = try Self.newMLA(box, purpose: "service")
        let before = try box.run(["case", "show", pres, "--json"], today: "2026-01-12")
        for (mla, words) in [(german, "concerns DEU, this preservation FRA"), (service, "does not ask for the data")] {
            let r = try box.run(["case", "act", pres, "mla-received", "--link", mla], today: "2026-01-12")
            #expect(r.status == 3, "\(r)")
            #expect(r.stderr.hasPrefix("cadesk: mla-received: \(mla) ") && r.stderr.contains(words)
                        && r.stderr.hasSuffix("(art. 42.8)\n"), "\(r)")
        }
        #expect(try box.run(["case", "show", pres, "--json"], today: "2026-01-12").stdout == before.stdout)
        let same = try Self.newMLA(box)
        let ok = try box.run(["case", "act", pres, "mla-received", "--link", same], today: "2026-01-12")
        #expect(ok.output == "\(pres): mla-received -> pending-mla", "\(ok)")
    }

    @Test func theOfficesOwnStateIsNoCounterpart() throws {
        let box = try Sandbox()
        #expect(try box.run(["policy", "set", "state_code", "ITA"]).status == 0)
        let r = try box.run(["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "ita"])
        #expect(r.status == 3, "\(r)")
        #expect(r.stderr == "cadesk: case new: ITA is this office's own State: the counterpart is the other State of the request (art. 40.1)\n")
        #expect((try box.run(["case", "list", "--all", "--json"]).json() as? [Any])?.isEmpty == true)
    }

    @Test func anArt43DisclosureIsARecordOnTheCase() throws {
        let box = try Sandbox()
        #expect(try box.run(["policy", "set", "state_code", "ITA"]).status == 0)
        let pres = try CommandLineTests.newPreservation(box)
        _ = try box.run(["case", "act", pres, "preserve", "--custodian", "ExampleHost", "--on", "2026-01-10"], today: "2026-01-10")
        let before = try box.run(["case", "show", pres, "--json"], today: "2026-01-12")
        let unknown = try box.run(["case", "act", pres, "disclose-traffic", "--to", "XYZ", "--provider", "P", "--note", "n"], today: "2026-01-12")
        #expect(unknown.status == 2, "\(unknown)")
        let own = try box.run(["case", "act", pres, "disclose-traffic", "--to", "ITA", "--provider", "P", "--note", "n"], today: "2026-01-12")
        #expect(own.status == 3 && own.stderr.hasSuffix("(art. 43.1)\n"), "\(own)")
        #expect(try box.run(["case", "show", pres, "--json"], today: "2026-01-12").stdout == before.stdout)

        let r = try box.run(["case", "act", pres, "disclose-traffic", "--to", "deu", "--provider", "Transit Networks GmbH",
                             "--note", "source IP and the path of the hop"], today: "2026-01-12")
        #expect(r.status == 0, "\(r)")
        let json = try #require(try box.run(["case", "show", pres, "--json"], today: "2026-01-12").json() as? [String: Any])
        let disclosures = try #require(json["disclosures"] as? [[String: String]])
        #expect(disclosures == [["effective": "2026-01-12", "state": "DEU", "provider": "Transit Networks GmbH",
                                 "disclosed": "source IP and the path of the hop"]])
        let text = try box.run(["case", "show", pres], today: "2026-01-12").stdout
        #expect(text.contains("Disclosures (art. 43.1)\n  2026-01-12  DEU  Transit Networks GmbH  source IP and the path of the hop"), "\(text)")
    }

    @Test func aCounterpartRefusalOnAForbiddenGroundIsRecordedAndFlagged() throws {
        let box = try Sandbox()
        let mla = try Self.newMLA(box, direction: "outgoing", purpose: "evidence")
        #expect(try box.run(["case", "act", mla, "send"]).status == 0)
        let r = try box.run(["case", "act", mla, "refused-by-counterpart", "--ground", "40.24-bank-secrecy",
                             "--reason", "bank secrecy"])
        #expect(r.status == 0, "\(r)")
        #expect(r.output == "\(mla): refused-by-counterpart -> refused")
        let warning = "ground 40.24-bank-secrecy: not a ground for refusal, art. 40.24 — may be raised with the requested State"
        #expect(r.stderr == "cadesk: warning: refused-by-counterpart: \(warning)\n")
        let json = try #require(try box.run(["case", "show", mla, "--json"]).json() as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.last?["grounds"] as? [String] == ["40.24-bank-secrecy"])
        #expect(events.last?["flags"] as? [String] == [warning])
        #expect(events.dropLast().allSatisfy { $0["flags"] == nil })
    }

    @Test func aViewerRegisteringIsARoleRefusal() throws {
        let box = try Sandbox()
        #expect(try box.run(["officer", "add", "v.iewer", "--role", "viewer"]).status == 0)
        let r = try box.run(["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "FRA"], officer: "v.iewer")
        #expect(r.status == 3, "\(r)")
        #expect(r.stderr.hasSuffix("(office practice)\n"), "\(r)")
        // The role is judged first, even with a code that names no State (§6).
        let unknown = try box.run(["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "XYZ"], officer: "v.iewer")
        #expect(unknown.status == 3, "\(unknown)")
    }

    @Test func aMissingRequiredInputIsExitTwoCitingTheLaw() throws {
        let box = try Sandbox()
        let mla = try Self.newMLA(box)
        _ = try box.run(["case", "act", mla, "assess"])
        _ = try box.run(["case", "act", mla, "consult", "--proposal", "postpone", "--reason", "ongoing investigation"])
        let before = try box.run(["case", "show", mla, "--json"])
        let postpone = try box.run(["case", "act", mla, "postpone", "--reason", "ongoing investigation"])
        #expect(postpone.status == 2 && postpone.stderr == "cadesk: postpone: --until is required (art. 40.27)\n", "\(postpone)")
        let refuse = try box.run(["case", "act", mla, "refuse", "--ground", "40.21b"])
        #expect(refuse.status == 2 && refuse.stderr.hasSuffix("(art. 40.25)\n"), "\(refuse)")
        #expect(try box.run(["case", "show", mla, "--json"]).stdout == before.stdout)
    }
}

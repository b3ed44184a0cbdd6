import Foundation
import Testing

/// A small office for the report tests, made through the engine as officers would, with
/// `--on` dates. What each case contributes to the report, counted by hand:
///
/// | case | what happens | counts |
/// | --- | --- | --- |
/// | C1 IN-MLA FRA (stored-data, search-seizure) | received 2025-12-20, consulted 2026-01-05, refused 2026-01-10 on 40.21b and 40.21c | Dec: 1 received; Jan: 1 refusal (21 days), a ground each, 1 consultation |
/// | C2 IN-MLA USA (evidence), urgent | received 2026-01-30, completed 2026-02-02 | Jan: received, urgent undecided; Feb: executed (3 days) |
/// | C3 IN-MLA DEU (stored-data) | received 2026-01-05, reassigned to j.okafor, completed 2026-01-20 | Jan: received, executed (15 days) |
/// | C4 IN-PRES FRA | received 2026-01-08, preserved 2026-01-09, extended 2026-02-20 | Jan: preserved within target (1 day); Feb: extended |
/// | C5 IN-PRES USA | received 2026-01-12, preserved 2026-01-15 (voided), preserved 2026-01-20 | Jan: preserved after target (8 days), once |
/// | C6 OUT-MLA BRA (evidence) | drafted 2025-12-28, sent 2026-01-02, refused 2026-01-25 on 40.8 dual criminality and 40.21b | Jan: sent, refused by them (23 days) |
/// | C7 OUT-MLA FRA | drafted 2026-01-15, never sent | nothing |
/// | C8 OUT-PRES USA, emergency | drafted 2025-12-30, sent 2025-12-31, preserved 2026-01-03, extension asked 2026-02-01 | Dec: sent, emergency undecided; Jan: preserved (3 days); Feb: extension requested |
/// | C9 IN-MLA DEU (interception) | received 2026-01-31, consulted 2026-02-03, partly refused 2026-02-05 on 40.8-de-minimis | Jan: received; Feb: partial refusal, consultation |
enum OfficeFixture {
    static let mlaItems = ["requesting-authority=Prosecutor", "proceeding=Case 12/2025", "facts=Fraud",
                           "assistance-sought=Subscriber data", "purpose=Evidence for trial"]
    static let preservationItems = ["requesting-authority=Prosecutor", "offence-facts=Fraud", "data-to-preserve=Logs",
                                    "custodian-location=none-available", "necessity=Volatile", "mla-intention=Yes"]

    static func make(_ box: borrowing Sandbox) throws {
        try run(box, ["officer", "add", "j.okafor", "--role", "officer"])
        let c1 = try new(box, "incoming", "mla", "FRA", "2025-12-20", ["--purpose", "stored-data", "--purpose", "search-seizure"])
        try act(box, c1, "assess", "2025-12-22")
        try act(box, c1, "consult", "2026-01-05", ["--proposal", "refuse", "--reason", "essential interests"])
        try act(box, c1, "refuse", "2026-01-10", ["--ground", "40.21b", "--ground", "40.21c", "--reason", "both"])

        let c2 = try new(box, "incoming", "mla", "USA", "2026-01-30", ["--purpose", "evidence", "--urgency", "urgent"])
        try act(box, c2, "assess", "2026-01-30")
        try act(box, c2, "execute", "2026-01-31", ["--authority", "Police"])
        try act(box, c2, "complete", "2026-02-02", ["--note", "sent"])

        let c3 = try new(box, "incoming", "mla", "DEU", "2026-01-05", ["--purpose", "stored-data"])
        try act(box, c3, "assign", "2026-01-06", ["--officer", "j.okafor"])
        try act(box, c3, "assess", "2026-01-06", officer: "j.okafor")
        try act(box, c3, "execute", "2026-01-07", ["--authority", "Police"], officer: "j.okafor")
        try act(box, c3, "complete", "2026-01-20", ["--note", "sent"], officer: "j.okafor")

        let c4 = try new(box, "incoming", "preservation", "FRA", "2026-01-08")
        try act(box, c4, "preserve", "2026-01-09", ["--custodian", "Host"])
        try act(box, c4, "extend", "2026-02-20")

        let c5 = try new(box, "incoming", "preservation", "USA", "2026-01-12")
        try act(box, c5, "preserve", "2026-01-15", ["--custodian", "Host"])
        try act(box, c5, "void", "2026-01-16", ["--event", try lastEvent(box, c5), "--reason", "wrong case"])
        try act(box, c5, "preserve", "2026-01-20", ["--custodian", "Host"])

        let c6 = try new(box, "outgoing", "mla", "BRA", "2025-12-28", ["--purpose", "evidence"] + items(mlaItems))
        try act(box, c6, "send", "2026-01-02")
        try act(box, c6, "refused-by-counterpart", "2026-01-25",
                ["--ground", "40.8-dual-criminality", "--ground", "40.21b", "--reason", "as received"])

        _ = try new(box, "outgoing", "mla", "FRA", "2026-01-15", ["--purpose", "evidence"] + items(mlaItems))

        let c8 = try new(box, "outgoing", "preservation", "USA", "2025-12-30", ["--urgency", "emergency"] + items(preservationItems))
        try act(box, c8, "send", "2025-12-31")
        try act(box, c8, "confirm-preserved", "2026-01-03")
        try act(box, c8, "request-extension", "2026-02-01")

        let c9 = try new(box, "incoming", "mla", "DEU", "2026-01-31", ["--purpose", "interception"])
        try act(box, c9, "assess", "2026-02-01")
        try act(box, c9, "consult", "2026-02-03", ["--proposal", "partial-refuse", "--reason", "minor part"])
        try act(box, c9, "partial-refusal", "2026-02-05", ["--ground", "40.8-de-minimis", "--reason", "minor"])
    }

    static func items(_ list: [String]) -> [String] { list.flatMap { ["--item", $0] } }

    static func new(_ box: borrowing Sandbox, _ direction: String, _ kind: String, _ counterpart: String,
                    _ received: String, _ extra: [String] = []) throws -> String {
        try run(box, ["case", "new", "--direction", direction, "--kind", kind, "--counterpart", counterpart,
                      "--received", received, "--title", "Report fixture"] + extra)
    }

    static func act(_ box: borrowing Sandbox, _ ref: String, _ action: String, _ on: String,
                    _ extra: [String] = [], officer: String = "a.moreau") throws {
        try run(box, ["case", "act", ref, action, "--on", on] + extra, officer: officer)
    }

    static func lastEvent(_ box: borrowing Sandbox, _ ref: String) throws -> String {
        let r = try box.run(["case", "show", ref, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let events = object?["events"] as? [[String: Any]] ?? []
        guard let id = events.last?["id"] as? String else { throw CadeskTestError("no events: \(r)") }
        return id
    }

    @discardableResult
    static func run(_ box: borrowing Sandbox, _ args: [String], officer: String = "a.moreau") throws -> String {
        let r = try box.run(args, officer: officer, today: "2026-03-01")
        guard r.status == 0 else { throw CadeskTestError("cadesk \(args.joined(separator: " ")): \(r)") }
        return r.output
    }
}

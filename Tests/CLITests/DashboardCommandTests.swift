import Foundation
import TerminalTesting
import Testing

/// `cadesk dashboard --json` on the report's office (`OfficeFixture`, dates across the 2025/2026
/// year boundary and the January/February month boundary) plus one case that changed officer.
/// The expected numbers are literals counted by hand from the fixture, as of 1 March 2026.
@Suite(.serialized)
struct DashboardCommandTests {
    @Test func theFiguresAreTheHandCountedOnes() throws {
        let box = try Sandbox()
        try OfficeFixture.make(box)
        // C10: registered by a.moreau on 27 February, given to j.okafor on 28 February.
        let c10 = try OfficeFixture.new(box, "incoming", "mla", "ITA", "2026-02-27", ["--purpose", "stored-data"])
        try OfficeFixture.act(box, c10, "assign", "2026-02-28", ["--officer", "j.okafor"])

        let r = try box.run(["dashboard", "--json"], today: "2026-03-01")
        #expect(r.status == 0, "\(r)")
        let f = try #require(try r.json() as? [String: Any])
        #expect(f["today"] as? String == "2026-03-01")

        // Months, April 2025 to March 2026: received C1 (20 Dec); C2, C3, C4, C5, C9 (January,
        // C9 on the 31st); C10 (February). Sent: C8 on 31 Dec, C6 on 2 Jan; C7 is a draft.
        let months = try #require(f["months"] as? [[String: Any]])
        #expect(months.count == 12)
        #expect(months.first?["month"] as? String == "2025-04")
        func month(_ m: String) -> (Int?, Int?, Bool?) {
            let row = months.first { $0["month"] as? String == m }
            return (row?["received"] as? Int, row?["sent"] as? Int, row?["soFar"] as? Bool)
        }
        #expect(month("2025-12") == (1, 1, false))
        #expect(month("2026-01") == (5, 1, false))
        #expect(month("2026-02") == (1, 0, false))
        #expect(month("2026-03") == (0, 0, true))

        // Ages of open cases on 1 March: incoming preservations C4 (8 Jan, 52 d) and C5 (12 Jan,
        // 48 d): median 48, p90 52; outgoing preservation C8, sent 31 Dec: 60 d. C7, never sent,
        // has no age: there is no outgoing MLA row.
        let ages = try #require(f["ages"] as? [[String: Any]])
        func age(_ d: String, _ k: String) -> [String: Any]? { ages.first { $0["direction"] as? String == d && $0["kind"] as? String == k } }
        #expect(age("incoming", "preservation")?["count"] as? Int == 2)
        #expect(age("incoming", "preservation")?["median"] as? Int == 48)
        #expect(age("incoming", "preservation")?["p90"] as? Int == 52)
        #expect(age("outgoing", "preservation")?["median"] as? Int == 60)
        #expect(age("outgoing", "mla") == nil)

        // Per State: France C4 in, C7 out; the USA C5 in, C8 out; Italy C10.
        let states = try #require(f["counterparts"] as? [[String: Any]])
        func state(_ code: String) -> (Int?, Int?) {
            let row = states.first { $0["counterpart"] as? String == code }
            return (row?["openIncoming"] as? Int, row?["openOutgoing"] as? Int)
        }
        #expect(state("FRA") == (1, 1))
        #expect(state("USA") == (1, 1))
        #expect(state("ITA") == (1, 0))
        #expect(state("BRA") == (nil, nil))  // C6 was refused: nothing open with Brazil

        // C10 counts for j.okafor, its officer now; C3 (his, completed) does not.
        let officers = try #require(f["officers"] as? [[String: Any]])
        let okafor = try #require(officers.first { $0["officer"] as? String == "j.okafor" })
        #expect(okafor["open"] as? Int == 1)
        let oldest = try #require(okafor["oldest"] as? [String: Any])
        #expect(oldest["ref"] as? String == c10 && oldest["days"] as? Int == 2)
        // a.moreau's oldest open case is C8, sent on 31 December: 60 days.
        let moreau = try #require(officers.first { $0["officer"] as? String == "a.moreau" })
        #expect((moreau["oldest"] as? [String: Any])?["days"] as? Int == 60)

        // The text form says the same, aligned, and names its sections.
        let text = try box.run(["dashboard"], today: "2026-03-01")
        #expect(text.status == 0)
        #expect(text.stdout.contains("Dashboard as of 2026-03-01"))
        let current = text.stdout.split(separator: "\n").first { $0.hasPrefix("2026-03") }
        #expect(current?.hasSuffix("so far") == true, "\(text.stdout)")
        #expect(current?.split(separator: " ").map(String.init) == ["2026-03", "0", "0", "so", "far"])
    }

    /// The overdue count at each week's end is told from the deadlines' history: a deadline
    /// suspended over a week's end is not overdue then, and one moved after it was overdue was
    /// overdue until the move. As of Sunday 1 March 2026 the week ends are 14, 21, 28 December,
    /// 4, 11, 18, 25 January, 1, 8, 15, 22 February and 1 March. Counted by hand:
    ///
    /// S, an incoming MLA received 11 October 2025: its execution target (90 days) is due
    /// 9 January; information was asked for on 16 January and arrived on 11 February, so the
    /// clock stood still 26 days and the target is now due 4 February. Overdue on 11 January
    /// (due, not yet suspended), not on 18 January to 8 February (suspended), overdue from
    /// 15 February on. Its information-due (30 days, 15 February) was met on 11 February.
    ///
    /// M, an outgoing preservation the USA preserved on 10 November for 60 days: the follow-up
    /// MLA is due 9 January; an extension asked on 5 January (reply due 9 January too) was
    /// granted on 21 January, 60 days more: due 10 March. On 11 and 18 January both the
    /// follow-up and the reply were overdue; from 25 January neither.
    ///
    /// So: 0 0 0 0 | 3 (11 Jan) 2 (18 Jan) | 0 0 0 | 1 1 1. Told from the deadline rows as they
    /// are now it would read 0 0 0 0 1 1 0 0 1 1 1 1.
    @Test func theWeeklyOverdueCountReplaysSuspensionsAndMoves() throws {
        let box = try Sandbox()
        let s = try Self.suspendedAndMoved(box)
        try Self.expectTheHandCountedWeeks(box, overdueRef: s)
    }

    /// The same office as a database made before migration v12 keeps it — no stored stretches,
    /// open-deadline table nor counts per day, v11's index on events — upgraded
    /// by the next command: the stretches are filled from the deadline rows and, for the two
    /// cases replayed, from their events; the weeks are the hand-counted ones, the three tables
    /// hold what the projector and the triggers wrote, and nothing differs from a rebuild.
    @Test func aDatabaseFromBeforeTheStoredStretchesGetsThemOnItsFirstOpening() throws {
        let box = try Sandbox()
        let s = try Self.suspendedAndMoved(box)
        // A third case that no replay concerns: received Tuesday 27 January, its acknowledgement
        // (5 office days) due Tuesday 3 February and still pending: overdue at the ends of 8,
        // 15 and 22 February and 1 March.
        _ = try OfficeFixture.new(box, "incoming", "mla", "FRA", "2026-01-27", ["--purpose", "stored-data"])
        func sql(_ query: String) throws -> String {
            String(decoding: try Spawn.run("sqlite3", ["-readonly", box.db, query]).stdout, as: UTF8.self)
        }
        let before = try sql("SELECT * FROM deadline_spans ORDER BY case_id, n")
        let openBefore = try sql("SELECT * FROM open_deadlines ORDER BY deadline")
        let daysBefore = try sql("SELECT * FROM started_days ORDER BY 1, 2, 3, 4")
        #expect(daysBefore.split(separator: "\n").count >= 3, "\(daysBefore)")
        #expect(openBefore.split(separator: "\n").count >= 3, "\(openBefore)")
        #expect(before.split(separator: "\n").count >= 4, "\(before)")
        let downgrade = try Spawn.run("sqlite3", [box.db, """
            DROP TRIGGER open_deadlines_insert; DROP TRIGGER open_deadlines_delete; DROP TRIGGER open_deadlines_update;
            DROP TRIGGER open_deadlines_case; DROP TABLE open_deadlines;
            DROP TRIGGER started_days_insert; DROP TRIGGER started_days_update; DROP TRIGGER started_days_delete;
            DROP TABLE started_days;
            DROP TABLE deadline_spans; DROP INDEX cases_open_officer; DROP INDEX cases_open_counterpart;
            CREATE INDEX events_type_effective ON events(type, effective, case_id);
            DELETE FROM grdb_migrations WHERE identifier = 'v12-deadline-spans';
            """])
        #expect(downgrade.status == 0, "\(downgrade)")

        try Self.expectTheHandCountedWeeks(box, overdueRef: s, plus: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
        #expect(try sql("SELECT * FROM deadline_spans ORDER BY case_id, n") == before)
        #expect(try sql("SELECT * FROM open_deadlines ORDER BY deadline") == openBefore)
        #expect(try sql("SELECT * FROM started_days ORDER BY 1, 2, 3, 4") == daysBefore)
        #expect(try sql("SELECT count(*) FROM sqlite_master WHERE name = 'events_type_effective'") == "0\n")
        let check = try box.run(["admin", "check"], today: "2026-03-01")
        #expect(check.status == 0, "\(check)")
    }

    /// S and M of the weeks counted above; returns S's reference.
    static func suspendedAndMoved(_ box: borrowing Sandbox) throws -> String {
        let s = try OfficeFixture.new(box, "incoming", "mla", "DEU", "2025-10-11", ["--purpose", "stored-data"])
        try OfficeFixture.act(box, s, "assess", "2025-10-11")
        try OfficeFixture.act(box, s, "request-information", "2026-01-16", ["--note", "which accounts"])
        try OfficeFixture.act(box, s, "information-received", "2026-02-11")

        let m = try OfficeFixture.new(box, "outgoing", "preservation", "USA", "2025-11-05", OfficeFixture.items(OfficeFixture.preservationItems))
        try OfficeFixture.act(box, m, "send", "2025-11-08")
        try OfficeFixture.act(box, m, "confirm-preserved", "2025-11-10", ["--days", "60"])
        try OfficeFixture.act(box, m, "request-extension", "2026-01-05")
        try OfficeFixture.act(box, m, "extension-granted", "2026-01-21", ["--days", "60"])
        return s
    }

    /// The weeks counted by hand above (`plus`: another case's own, week by week), and today's
    /// overdue list.
    static func expectTheHandCountedWeeks(_ box: borrowing Sandbox, overdueRef s: String, plus: [Int] = Array(repeating: 0, count: 12)) throws {
        let r = try box.run(["dashboard", "--json"], today: "2026-03-01")
        #expect(r.status == 0, "\(r)")
        let f = try #require(try r.json() as? [String: Any])
        let weeks = try #require(f["overdueByWeek"] as? [[String: Any]])
        #expect(weeks.compactMap { $0["end"] as? String } == [
            "2025-12-14", "2025-12-21", "2025-12-28", "2026-01-04", "2026-01-11", "2026-01-18",
            "2026-01-25", "2026-02-01", "2026-02-08", "2026-02-15", "2026-02-22", "2026-03-01",
        ])
        let counted = zip([0, 0, 0, 0, 3, 2, 0, 0, 0, 1, 1, 1], plus).map { $0 + $1 }
        #expect(weeks.compactMap { $0["overdue"] as? Int } == counted, "\(weeks)")
        // Today's count is the overdue list's: S's execution target, due 4 February.
        let overdue = try #require((f["overdue"] as? [String: Any])?["deadlines"] as? [[String: Any]])
        #expect(overdue.filter { $0["due"] as? String == "2026-02-04" }.compactMap { $0["ref"] as? String } == [s], "\(overdue)")
        #expect(overdue.count == counted.last, "\(overdue)")
    }

    @Test func dashboardTakesNoStrayArguments() throws {
        let box = try Sandbox()
        let r = try box.run(["dashboard", "--jsn"])
        #expect(r.status == 2, "\(r)")
    }
}

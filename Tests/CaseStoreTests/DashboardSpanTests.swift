import Casework
import Foundation
import GRDB
import Testing
@testable import CaseStore

/// The dashboard's weekly overdue count read from the stored stretches (`deadline_spans`) and,
/// in a database read without its migrations, told from the deadline rows and replayed events:
/// both ways give the same weeks.
@Suite struct DashboardSpanTests {
    static func d(_ text: String) -> CivilDate { CivilDate(text)! }

    @Test func theStoredStretchesAndTheReplayGiveTheSameWeeks() throws {
        let office = try Office()
        // S: suspended from 16 January to 11 February, its execution target moved by 26 days.
        let s = try office.register(received: Self.d("2025-10-11"), today: Self.d("2025-10-11"))
        try office.act(s.ref, .assess, ActionInputs(note: "complete"), today: Self.d("2025-10-11"))
        try office.act(s.ref, .requestInformation, ActionInputs(note: "which accounts"), today: Self.d("2026-01-16"))
        try office.act(s.ref, .informationReceived, ActionInputs(note: "the accounts"), today: Self.d("2026-02-11"))
        // P: acknowledged late, on 4 February; Q: never acknowledged.
        let p = try office.register(received: Self.d("2026-01-20"), today: Self.d("2026-01-20"))
        try office.act(p.ref, .assess, ActionInputs(note: "complete"), today: Self.d("2026-02-04"))
        try office.register(counterpart: "ITA", received: Self.d("2026-01-27"), today: Self.d("2026-01-27"))
        // C: withdrawn on 20 January with its acknowledgement (due 7 January) never done, closed
        // the next day. A close is one of `historyActions` (it may end a suspension); this one
        // ends none, so C's stretch is its row's: pending since the case began, until withdrawn.
        let c = try office.register(counterpart: "BEL", received: Self.d("2026-01-02"), today: Self.d("2026-01-02"))
        try office.act(c.ref, .withdraw, ActionInputs(note: "the requesting State withdrew"), today: Self.d("2026-01-20"))
        try office.act(c.ref, .close, today: Self.d("2026-01-21"))

        let today = Self.d("2026-03-01")
        let request = DashboardInputs.request(today: today)
        let (stored, replayed) = try office.store.read { db in
            (try CaseStore.lateSpans(db, request), try CaseStore.lateUnmigrated(db, request))
        }
        func weeks(_ late: [DashboardInputs.LateDeadlines]) -> [Int] {
            DashboardFigures(DashboardInputs(late: late), today: today).weeks.map(\.overdue)
        }
        #expect(weeks(stored) == weeks(replayed))
        #expect(weeks(stored).reduce(0, +) > 0, "\(weeks(stored))")
        // S's stretches: its target as first due (9 January) until the suspension, then as moved.
        let spans = try office.store.read { db in
            try String.fetchAll(db, sql: "SELECT kind || ' ' || due || ' ' || from_day || ' ' || until FROM deadline_spans WHERE case_id = ? ORDER BY n",
                                arguments: [s.id.uuidString])
        }
        #expect(spans.contains("execution-target 2026-01-09 2025-10-11 2026-01-16"), "\(spans)")
        #expect(spans.contains("execution-target 2026-02-04 2026-02-11 "), "\(spans)")
        let closed = try office.store.read { db in
            try String.fetchAll(db, sql: "SELECT kind || ' ' || due || ' ' || from_day || ' ' || until FROM deadline_spans WHERE case_id = ? ORDER BY n",
                                arguments: [c.id.uuidString])
        }
        #expect(closed == ["acknowledgement 2026-01-07  2026-01-20"], "\(closed)")
    }

    /// `open_deadlines` (kept by triggers) holds what the open deadline rows joined to their
    /// cases say, through registrations, actions that meet and open deadlines, and a case
    /// given to another officer.
    @Test func theOpenDeadlinesTableFollowsTheDeadlinesAndTheirCases() throws {
        let office = try Office()
        try office.store.addOfficer("j.okafor", role: .officer)
        let a = try office.register(received: Self.d("2026-02-20"), today: Self.d("2026-02-20"))
        let b = try office.register(.incoming, .preservation, counterpart: "ITA", received: Self.d("2026-02-25"), today: Self.d("2026-02-25"))
        try office.act(a.ref, .assess, ActionInputs(note: "complete"), today: Self.d("2026-02-26"))
        try office.act(b.ref, .assign, ActionInputs(officer: "j.okafor"), today: Self.d("2026-02-27"))
        let (kept, joined) = try office.store.read { db in
            (try Row.fetchAll(db, sql: """
                SELECT case_id, ref, officer, counterpart, direction, case_kind, kind, due FROM open_deadlines ORDER BY 1, 7, 8
                """).map(\.description),
             try Row.fetchAll(db, sql: """
                SELECT c.id AS case_id, c.ref, c.officer, c.counterpart, c.direction, c.kind AS case_kind, d.kind, d.due
                  FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE d.status = 'open' ORDER BY 1, 7, 8
                """).map(\.description))
        }
        #expect(kept.count >= 2)
        #expect(kept == joined)
        #expect(kept.contains { $0.contains(b.ref) && $0.contains("j.okafor") }, "\(kept)")
    }

    /// `started_days` (kept by triggers) counts what the cases say, through registrations, a
    /// draft sent and a case closed; counts edited by hand are named by the check and undone by
    /// a rebuild.
    @Test func theCountsPerDayFollowTheCasesAndARebuildRecountsThem() throws {
        let office = try Office()
        let a = try office.register(received: Self.d("2026-02-20"), today: Self.d("2026-02-20"))
        try office.register(counterpart: "ITA", received: Self.d("2026-02-20"), today: Self.d("2026-02-20"))
        try office.register(.incoming, .preservation, counterpart: "BEL", received: Self.d("2026-02-21"), today: Self.d("2026-02-21"))
        try office.act(a.ref, .withdraw, ActionInputs(note: "withdrawn"), today: Self.d("2026-02-24"))
        try office.act(a.ref, .close, today: Self.d("2026-02-25"))
        func counts() throws -> [String] {
            try office.store.read { db in
                try String.fetchAll(db, sql: "SELECT day || ' ' || direction || ' ' || kind || ' ' || open || ' ' || count FROM started_days ORDER BY 1")
            }
        }
        let counted = try office.store.read { db in
            try String.fetchAll(db, sql: """
                SELECT started || ' ' || direction || ' ' || kind || ' ' || open || ' ' || count(*) FROM cases
                 WHERE started <> '' GROUP BY started, direction, kind, open ORDER BY 1
                """)
        }
        #expect(try counts() == counted)
        #expect(try counts() == ["2026-02-20 incoming mla 0 1", "2026-02-20 incoming mla 1 1", "2026-02-21 incoming preservation 1 1"])

        try office.sql("UPDATE started_days SET count = 7 WHERE day = '2026-02-21'")
        #expect(try office.store.projectionDifferences(now: Office.now) == ["cases started on 2026-02-21: the counts differ from the cases"])
        try office.store.rebuildProjections(now: Office.now)
        #expect(try counts() == counted)
        #expect(try office.store.check().ok)
    }
}

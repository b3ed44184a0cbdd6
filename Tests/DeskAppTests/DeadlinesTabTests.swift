import CaseStore
import Casework
import Foundation
import TerminalKit
import Testing
@testable import DeskApp

/// The Deadlines tab (issue 10 §2): overdue first, the most overdue at the top; filters by
/// officer, mine, State, kind and horizon; grouping by officer on request; full references.
@Suite struct DeadlinesTabTests {
    /// The deadlines listed, in order, as (ref, kind, days).
    func listed(_ desk: DeskHarness) -> [(ref: String, kind: DeadlineKind, days: Int, officer: String, counterpart: String)] {
        desk.state.deadlines.rows.compactMap {
            if case .deadline(let d) = $0 { return (d.ref, d.kind, d.days, d.officer, d.counterpart) } else { return nil }
        }
    }

    func headings(_ desk: DeskHarness) -> [String] {
        desk.state.deadlines.rows.compactMap { if case .heading(let h) = $0 { return h } else { return nil } }
    }

    /// An office with more to sort: the fixture's four cases, and two of j.okafor's whose
    /// deadlines fell due at different times (so "most overdue first" has something to order).
    static func office() throws -> CaseStore {
        let store = try Fixtures.office()
        // Received 2026-01-05 and 2026-02-02: their acknowledgements are overdue by different margins.
        try Fixtures.register(store, .incoming, .mla, from: "ITA", on: "2026-01-05", title: "Card fraud ring", officer: "j.okafor")
        try Fixtures.register(store, .incoming, .mla, from: "FRA", on: "2026-02-02", title: "Phishing kit", officer: "j.okafor")
        // An outgoing preservation sent to the USA: OUT-PRES-2026-0001, the longest reference,
        // with its follow-up MLA due far ahead.
        let ours = try store.register(Registration(
            direction: .outgoing, kind: .preservation, counterpart: "USA", received: Fixtures.date("2026-02-20"),
            title: "Our logs request", facts: "Facts.", offence: "illegal access", offenceClass: .conventionOffence,
            officer: "l.chen",
            items: [.requestingAuthority: "Prosecutor", .offenceFacts: "Intrusion", .dataToPreserve: "Logs",
                    .custodianLocation: "none-available", .necessity: "Volatile", .mlaIntention: "MLA to follow"]),
            actor: "l.chen", today: Fixtures.today, now: Fixtures.now)
        try Fixtures.act(store, ours, .send, ActionInputs(on: Fixtures.date("2026-02-21")), actor: "l.chen")
        return store
    }

    @Test func overdueComeFirstTheMostOverdueAtTheTopInOneList() throws {
        let desk = DeskHarness(store: try Self.office())
        desk.press("show-deadlines")
        let rows = listed(desk)
        let overdue = rows.filter { $0.days < 0 }
        #expect(!overdue.isEmpty)
        // Overdue first, then the rest; within each, by days (the most overdue first).
        #expect(Array(rows.prefix(overdue.count)).map(\.days) == overdue.map(\.days))
        #expect(overdue.map(\.days) == overdue.map(\.days).sorted())
        let due = rows.dropFirst(overdue.count).map(\.days)
        #expect(due == due.sorted() && due.allSatisfy { $0 >= 0 && $0 <= 14 })
        // One list, not one per officer: two headings at most.
        #expect(headings(desk) == ["Overdue · \(overdue.count)", "Due within 14 days · \(rows.count - overdue.count)"])
        // The most overdue is the first row, selected, whoever's it is.
        #expect(desk.lines[4] == " Overdue · \(overdue.count)", "\(desk.screen)")
        #expect(desk.lines[5].hasPrefix("▶" + overdue[0].ref + " "), "\(desk.screen)")
    }

    @Test func groupingByOfficerIsAnOption() throws {
        let desk = DeskHarness(store: try Self.office())
        desk.press("show-deadlines")
        desk.press("by-officer", in: .deadlines)
        let titles = headings(desk)
        #expect(titles.contains { $0.hasPrefix("Overdue · j.okafor · ") })
        // Within "Overdue", the officer with the most overdue deadline comes first.
        let first = listed(desk).first
        #expect(titles.first?.hasPrefix("Overdue · \(first?.officer ?? "?")") == true)
        desk.press("by-officer", in: .deadlines)
        #expect(headings(desk).allSatisfy { !$0.contains("j.okafor") })
    }

    @Test func mineShowsOnlyTheOfficersOwn() throws {
        let desk = DeskHarness(store: try Self.office())
        desk.press("show-deadlines")
        let everyone = listed(desk)
        #expect(Set(everyone.map(\.officer)).count > 1)
        desk.press("mine", in: .deadlines)
        let mine = listed(desk)
        #expect(!mine.isEmpty && mine.allSatisfy { $0.officer == "a.moreau" })
        #expect(mine.count == everyone.filter { $0.officer == "a.moreau" }.count)
        #expect(desk.lines[22].hasSuffix("mine"), "\(desk.lines[22])")
        desk.press("clear", in: .deadlines)
        #expect(listed(desk).count == everyone.count)
    }

    @Test func theFilterFindsAStateByNameAndAKindOfDeadline() throws {
        let desk = DeskHarness(store: try Self.office())
        desk.press("show-deadlines")
        desk.press("filter", in: .deadlines)
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("no filter form"); return }
        #expect(dialog.title == "Filter deadlines")
        desk.press("nextField")  // Officer → Other State
        desk.type("Italy")
        desk.press("save")
        #expect(desk.state.overlays.isEmpty, "\(desk.screen)")
        let italian = listed(desk)
        #expect(!italian.isEmpty && italian.allSatisfy { $0.counterpart == "ITA" })
        #expect(desk.lines[22].hasSuffix("everyone · ITA"), "\(desk.lines[22])")

        // A name that matches nothing is said in the form; what was typed stays.
        desk.press("filter", in: .deadlines)
        desk.press("nextField")
        for _ in 0..<3 { desk.key(.backspace) }
        desk.type("Atlantis")
        desk.press("save")
        guard case .form(let refused)? = desk.state.overlays.last else { Issue.record("the form closed"); return }
        #expect(refused.form.error?.contains("Atlantis") == true, "\(String(describing: refused.form.error))")
        desk.key(.escape); desk.press("yes")
    }

    @Test func theKindOfDeadlineNarrowsTheList() throws {
        let desk = DeskHarness(store: try Self.office())
        desk.press("show-deadlines")
        let kinds = Set(listed(desk).map(\.kind))
        #expect(kinds.count > 1)
        let kind = try #require(listed(desk).first?.kind)
        desk.state.deadlines.filter.kind = kind
        desk.state.reloadDeadlines(desk.env)
        #expect(listed(desk).allSatisfy { $0.kind == kind })
        #expect(desk.lines[22].hasSuffix(kind.rawValue), "\(desk.lines[22])")
    }

    @Test func theHorizonTurnsThroughSevenFourteenThirtyAndAll() throws {
        let desk = DeskHarness(store: try Self.office())
        desk.press("show-deadlines")
        #expect(desk.lines[22].contains("due within 14 days"), "\(desk.lines[22])")
        let fourteen = listed(desk).count
        desk.press("horizon", in: .deadlines)
        #expect(desk.state.deadlinesHorizon == .days(30))
        #expect(desk.lines[22].contains("due within 30 days"), "\(desk.lines[22])")
        let thirty = listed(desk).count
        desk.press("horizon", in: .deadlines)
        #expect(desk.state.deadlinesHorizon == .all)
        let all = listed(desk)
        #expect(desk.lines[22].contains("pending"), "\(desk.lines[22])")
        desk.press("horizon", in: .deadlines)
        #expect(desk.state.deadlinesHorizon == .days(7))
        let seven = listed(desk)
        #expect(seven.allSatisfy { $0.days <= 7 })
        #expect(seven.count <= fourteen && fourteen <= thirty && thirty <= all.count)
        #expect(all.contains { $0.days > 30 }, "nothing beyond 30 days in the fixture: the test would prove nothing")
    }

    @Test func referencesAreWholeAtEveryWidth() throws {
        let store = try Self.office()
        // A field copy's reference is longer than any the office mints itself.
        for (width, height) in [(80, 24), (120, 40)] {
            let desk = DeskHarness(store: store, width: width, height: height)
            desk.press("show-deadlines")
            desk.press("horizon", in: .deadlines); desk.press("horizon", in: .deadlines)  // all pending
            for row in listed(desk) {
                #expect(desk.screen.contains(row.ref + " "), "\(row.ref) cut at \(width):\n\(desk.screen)")
            }
            // The officer is a column when the list is not grouped by officer.
            #expect(desk.lines[3].contains("OFFICER"), "\(desk.lines[3])")
        }
    }
}

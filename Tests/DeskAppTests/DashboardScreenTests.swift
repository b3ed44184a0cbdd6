import CaseStore
import Casework
import Foundation
import TerminalKit
import Testing
@testable import DeskApp

/// The Dashboard tab (issue 10 §1) on the Deadlines tab's office of 2026-03-01: the fixture's
/// four cases, two more of j.okafor's, and l.chen's outgoing preservation. Counted by hand:
/// overdue — j.okafor's consultation reply (IN-MLA-2026-0001, ITA) and the acknowledgements
/// of IN-MLA-2026-0003 (ITA) and IN-MLA-2026-0004 (FRA), l.chen's acknowledgement of
/// IN-MLA-2026-0002 (JPN): 4; due within 14 days: IN-PRES-2026-0001's expiry (10 d) and
/// IN-PRES-2026-0002's consultation reply (12 d): 2, none within 7.
@Suite struct DashboardScreenTests {
    func desk(width: Int = 80, height: Int = 24, role: Casework.Role = .supervisor) throws -> DeskHarness {
        DeskHarness(store: try DeadlinesTabTests.office(), width: width, height: height, role: role, tab: nil)
    }

    /// Down, figure line by figure line, until the status line names `title`.
    static func down(_ desk: DeskHarness, to title: String) {
        let officer = String(title.prefix { $0 != "'" })
        for _ in 0..<30 where !desk.lines[desk.size.height - 2].contains("⏎ " + officer) { desk.press("down") }
        for _ in 0..<5 where !desk.lines[desk.size.height - 2].hasSuffix("⏎ " + title) { desk.press("left", in: .dashboard) }
    }

    @Test func aSupervisorOpensOnTheDashboardAnOfficerOnCases() throws {
        #expect(try desk().state.tab == .dashboard)
        #expect(try desk().lines[1] == "  Cases   Deadlines  [Dashboard]  Directory")
        #expect(try DeskHarness(store: try DeadlinesTabTests.office(), officer: "j.okafor", role: .officer, tab: nil).state.tab == .cases)
        // An office with no case yet: the Cases tab, where the first is registered.
        #expect(DeskHarness(store: try Fixtures.emptyStore(), tab: nil).state.tab == .cases)
    }

    @Test func at80x24TheFiguresComeFirstAndTheSectionsScroll() throws {
        let desk = try desk()
        #expect(Array(desk.lines[3...12]) == [
            " Deadlines  overdue 4   due ≤ 7 d 0   due ≤ 14 d 2   due ≤ 30 d 2",
            " Preservations  expiring ≤ 30 d 1   release due 0   follow-up MLA due 0",
            "                extensions awaiting reply 0",
            " Overdue, 12 weeks  ▁▁▁▁▃▃▃▃▅▅▅█ now 4",
            "─ Per officer · by open cases (s) ──────────────────────────────────────────────",
            " OFFICER       OPEN OVERDUE ≤ 7 D  OLDEST OPEN",
            " j.okafor         3       3     0  IN-MLA-2026-0003 55 d",
            " a.moreau         2       0     0  IN-PRES-2026-0001 52 d",
            " l.chen           2       1     0  IN-MLA-2026-0002 9 d",
            "─ Per counterpart State ────────────────────────────────────────────────────────",
        ])
        #expect(desk.lines[22].hasSuffix("⏎ overdue deadlines"))
        #expect(desk.lines[23] == " ⏎ cases  s sort officers  r report  : commands  ? help  q quit")
        // The month chart is below: the last figure scrolls it into view, the current month so far.
        desk.press("bottom")
        #expect(desk.screen.contains("Received and sent per month"), "\(desk.screen)")
        #expect(desk.lines.contains { $0.hasPrefix(" 2026-03 so far") })
        #expect(desk.lines.contains { $0.hasPrefix(" 2025-04") })
        #expect(desk.lines[22].hasSuffix("⏎ received in 2026-03 (so far)"))
    }

    @Test func at120x40OfficersAndStatesStandSideBySide() throws {
        let desk = try desk(width: 120, height: 40)
        let head = try #require(desk.row(containing: "─ Per officer"))
        #expect(desk.lines[head].contains("─ Per counterpart State"))
        #expect(desk.lines[head + 1].contains("OFFICER") && desk.lines[head + 1].contains("STATE  OPEN IN  OPEN OUT  OVERDUE"))
        #expect(desk.lines[head + 2].hasSuffix("ITA          2         0        2"), "\(desk.lines[head + 2])")
        #expect(desk.lines[head + 3].contains("IN-PRES-2026-0001 52 d"), "\(desk.lines[head + 3])")
        // Everything fits on one screen at this size, the month chart included.
        #expect(desk.screen.contains("2026-03 so far"))
        #expect(desk.screen.contains("Age of open cases"))
    }

    @Test func theFigureUnderTheCursorIsReversedAndOverdueStaysOverdueInMonochrome() throws {
        let desk = try desk()
        let mono = ColorScheme.monochrome
        let buffer = desk.frame.buffer
        // "overdue 4" is selected: reverse video, and the 4 keeps the overdue role (bold, underlined).
        let four = buffer[20, 3]
        #expect(four.symbol == "4")
        #expect(mono.look(for: four.style).attributes.contains(.reverse))
        #expect(mono.look(for: four.style).attributes.contains(.underline))
        #expect(mono.look(for: buffer[12, 3].style) == mono.look(for: .selected))
        // Down to j.okafor's line: the overdue 3 there is not selected, still bold and underlined.
        Self.down(desk, to: "j.okafor's open cases")
        let row = try #require(desk.row(containing: " j.okafor  "))
        let after = desk.frame.buffer
        #expect(mono.look(for: after[1, row].style) == mono.look(for: .selected), "the officer's open cases are selected")
        let three = after[26, row]
        #expect(three.symbol == "3")
        #expect(mono.look(for: three.style).attributes == [.bold, .underline])
    }

    @Test func enterOnOverdueListsTheCasesBehindItAndEscComesBack() throws {
        let desk = try desk()
        desk.press("open", in: .dashboard)
        #expect(desk.state.tab == .cases)
        let refs = (0..<desk.state.cases.rowCount).compactMap { desk.state.cases.summary(at: $0)?.ref }
        #expect(Set(refs) == ["IN-MLA-2026-0001", "IN-MLA-2026-0002", "IN-MLA-2026-0003", "IN-MLA-2026-0004"])
        #expect(desk.lines[22].hasSuffix("4 shown · overdue deadlines · by due date"), "\(desk.lines[22])")
        #expect(desk.lines[23].hasPrefix(" esc back  ⏎ open"))
        desk.key(.escape)
        #expect(desk.state.tab == .dashboard)
        #expect(desk.state.cases.filter.figure == nil)
    }

    @Test func enterOnAnOfficerListsThatOfficersOpenCases() throws {
        let desk = try desk()
        Self.down(desk, to: "j.okafor's open cases")
        #expect(desk.lines[22].hasSuffix("⏎ j.okafor's open cases"), "\(desk.lines[22])")
        desk.press("open", in: .dashboard)
        let rows = (0..<desk.state.cases.rowCount).compactMap { desk.state.cases.summary(at: $0) }
        #expect(rows.count == 3 && rows.allSatisfy { $0.officer == "j.okafor" && $0.state.isOpenForTests })
        // Along the line: his overdue deadlines' cases.
        desk.key(.escape)
        desk.press("right", in: .dashboard)
        #expect(desk.lines[22].hasSuffix("⏎ j.okafor's overdue deadlines"), "\(desk.lines[22])")
        desk.press("open", in: .dashboard)
        let overdue = (0..<desk.state.cases.rowCount).compactMap { desk.state.cases.summary(at: $0)?.ref }
        #expect(Set(overdue) == ["IN-MLA-2026-0001", "IN-MLA-2026-0003", "IN-MLA-2026-0004"])
    }

    @Test func sOrdersTheOfficers() throws {
        let desk = try desk()
        func order() -> [String] { ["j.okafor", "a.moreau", "l.chen"].sorted { desk.row(containing: " \($0)  ")! < desk.row(containing: " \($1)  ")! } }
        #expect(order() == ["j.okafor", "a.moreau", "l.chen"])  // open: 3, 2, 2 (then by name)
        desk.press("sort", in: .dashboard)
        #expect(order() == ["j.okafor", "l.chen", "a.moreau"])  // overdue: 3, 1, 0
        #expect(desk.screen.contains("Per officer · by overdue (s)"))
    }
}

extension CaseState {
    var isOpenForTests: Bool { ![.executed, .refused, .withdrawn, .closed, .released, .lapsed].contains(self) }
}

import CaseStore
import Casework
import Foundation
import Testing
import TerminalKit
@testable import DeskApp

/// A big office: the list only ever fetches the visible window, whatever the office's size.
/// How long each step takes is measured by the benchmarks (`Scripts/bench`), not asserted here:
/// a wall-clock bound fails on a loaded machine and passes on a fast one for the wrong reason.
@Suite struct LargeOfficeTests {
    static let size = 10_000

    @Test func tenThousandCasesStayResponsive() throws {
        let store = try Fixtures.emptyStore()
        // Never DEU, the fixture office's own State: a counterpart is another State (40.1).
        let countries = ["FRA", "ITA", "USA", "GBR", "BRA", "JPN", "NLD", "ESP"]
        let cases = (0..<Self.size).map { i -> BulkCase in
            let received = Fixtures.today.adding(days: -(i % 200) - 1)
            return BulkCase(registration: Registration(direction: i % 3 == 0 ? .outgoing : .incoming,
                                                       kind: i % 2 == 0 ? .mla : .preservation,
                                                       counterpart: countries[i % countries.count], received: received,
                                                       title: "Case number \(i) \(i % 7 == 0 ? "ransomware" : "phishing")",
                                                       officer: ["a.moreau", "j.okafor", "l.chen"][i % 3]),
                            registeredOn: received, recorded: Fixtures.now, actor: "a.moreau")
        }
        let report = try store.bulkLoad(cases)
        #expect(report.cases == Self.size)

        let desk = DeskHarness(store: store)
        #expect(desk.state.cases.rowCount > 0)
        desk.press("bottom")
        _ = desk.frame
        #expect(desk.state.cases.table.selected == desk.state.cases.rowCount - 1)
        #expect(desk.state.cases.window.count <= 3 * desk.state.casesPageSize)
        desk.press("pageUp")
        #expect(desk.state.cases.window.count <= 3 * desk.state.casesPageSize)
        desk.press("top")
        desk.press("search")
        // While the officer types, each key fetches the first rows only: the count waits for
        // the pause after the last key (the run loop's idle tick).
        let ransomware = (0..<Self.size).filter { $0 % 7 == 0 }.count
        desk.type("ransom", idle: false)
        #expect(desk.state.cases.counting)
        #expect(desk.state.cases.window.count == 3 * desk.state.casesPageSize)
        #expect(desk.lines[4].hasPrefix("▶"))
        #expect(desk.state.cases.window.allSatisfy { $0.title.contains("ransomware") })
        #expect(desk.screen.contains("counting…"), "\(desk.screen)")
        desk.settle()
        #expect(!desk.state.cases.counting)
        #expect(desk.state.cases.rowCount == ransomware)
        #expect(desk.screen.contains("\(ransomware) matches"), "\(desk.screen)")
        // A key that needs the count (End) gets it first, even before the pause.
        desk.key(.backspace, idle: false)
        #expect(desk.state.cases.counting)
        desk.key(.end)
        #expect(!desk.state.cases.counting)
        #expect(desk.state.cases.rowCount == ransomware)
        #expect(desk.state.cases.table.selected == ransomware - 1)
        #expect(desk.state.cases.selected?.title.contains("ransomware") == true)
        desk.type("m")
        desk.key(.home)
        desk.tick()
        // Another terminal registers a case: the next tick reloads what is shown.
        try Fixtures.register(store, .incoming, .mla, from: "FRA", on: "2026-02-28", title: "ransomware late arrival")
        desk.tick()
        #expect(desk.state.cases.counts.total == Self.size + 1)
        desk.press("drop-search")
        desk.press("overdue")
        // Every case whose soonest deadline has passed, counted by the store, fetched a window at
        // a time like the whole list: the most overdue first, nothing else in the window.
        let overdue = try store.listCases(CaseQuery(filter: CaseFilter(), sort: .nextDue, limit: Self.size + 1),
                                          today: Fixtures.today).cases.filter { $0.nextDeadline?.status == .overdue }
        #expect(overdue.count > 500)
        #expect(desk.state.cases.rowCount == overdue.count)
        #expect(desk.state.cases.window.count <= 3 * desk.state.casesPageSize)
        #expect(desk.state.cases.window.allSatisfy { $0.nextDeadline?.status == .overdue })
        #expect(desk.state.cases.selected?.id == overdue.first?.id)
        #expect(desk.lines[22].contains("\(overdue.count) shown · open · everyone · …"), "\(desk.lines[22])")
        desk.press("bottom")
        _ = desk.frame
        #expect(desk.state.cases.selected?.id == overdue.last?.id)
        #expect(desk.state.cases.window.count <= 3 * desk.state.casesPageSize)
        // Another order keeps the filter: the same cases, by reference.
        desk.press("sort")
        desk.press("top")
        #expect(desk.state.cases.rowCount == overdue.count)
        #expect(desk.state.cases.selected?.ref == overdue.map(\.ref).min())
    }
}

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
        desk.type("ransom")
        #expect(desk.state.cases.rowCount > 0)
        #expect(desk.lines[4].hasPrefix("▶"))
        desk.tick()
        // Another terminal registers a case: the next tick reloads what is shown.
        try Fixtures.register(store, .incoming, .mla, from: "FRA", on: "2026-02-28", title: "ransomware late arrival")
        desk.tick()
        #expect(desk.state.cases.counts.total == Self.size + 1)
        desk.press("drop-search")
        desk.press("overdue")
        #expect(desk.state.cases.rowCount > 500)
    }
}

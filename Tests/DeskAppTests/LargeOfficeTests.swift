import CaseStore
import Casework
import Foundation
import Testing
import TerminalKit
@testable import DeskApp

/// A big office: the list must stay quick because it only ever fetches the visible window.
@Suite struct LargeOfficeTests {
    static let size = 10_000

    @Test func tenThousandCasesStayResponsive() throws {
        let store = try Fixtures.emptyStore()
        let countries = ["FRA", "ITA", "USA", "DEU", "BRA", "JPN", "NLD", "ESP"]
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

        let clock = ContinuousClock()
        var desk: DeskHarness!
        let open = clock.measure { desk = DeskHarness(store: store) }
        #expect(desk.state.cases.rowCount > 0)
        let bottom = clock.measure { desk.press("bottom"); _ = desk.frame }
        #expect(desk.state.cases.table.selected == desk.state.cases.rowCount - 1)
        #expect(desk.state.cases.window.count <= 3 * desk.state.casesPageSize)
        let page = clock.measure { desk.press("pageUp"); _ = desk.frame }
        desk.press("top")
        desk.press("search")
        let keystroke = clock.measure { desk.type("r"); _ = desk.frame }
        desk.type("ansom")
        #expect(desk.state.cases.rowCount > 0)
        #expect(desk.lines[4].hasPrefix("▶"))
        let tick = clock.measure { desk.tick() }
        // Another terminal registers a case: the next tick reloads what is shown.
        try Fixtures.register(store, .incoming, .mla, from: "FRA", on: "2026-02-28", title: "ransomware late arrival")
        let changed = clock.measure { desk.tick() }
        #expect(desk.state.cases.counts.total == Self.size + 1)
        desk.press("drop-search")
        let overdue = clock.measure { desk.press("overdue") }
        #expect(desk.state.cases.rowCount > 500)
        print("desk with \(Self.size) cases: open \(open), bottom \(bottom), page \(page), keystroke \(keystroke), idle tick \(tick), tick after a change \(changed), overdue filter \(overdue)")
        #expect(bottom < .seconds(1))
        #expect(page < .seconds(1))
        #expect(keystroke < .seconds(1))
        #expect(tick < .milliseconds(100))
        #expect(changed < .seconds(1))
        #expect(overdue < .seconds(3))
    }
}

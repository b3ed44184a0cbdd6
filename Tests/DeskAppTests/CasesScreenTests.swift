import CaseStore
import Casework
import Foundation
import Testing
import TerminalKit
@testable import DeskApp

@Suite struct CasesScreenTests {
    @Test func homeScreenAt80x24() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        let lines = desk.lines
        #expect(Array(lines[0...7]) == [
            " cadesk · Central Authority of Ruritania      a.moreau (supervisor)  2026-03-01",
            " [Cases]  Deadlines   Dashboard   Directory",
            String(repeating: "─", count: 80),
            " REF                 STATE         CTRY  NEXT DEADLINE ▲               OFFICER",
            "▶IN-MLA-2026-0001    consultation  ITA   reply overdue 4 d             j.okafor",
            " IN-MLA-2026-0002    received      JPN   acknowledge overdue 4 d       l.chen",
            " IN-PRES-2026-0001   preserved     FRA   expiry in 10 d                a.moreau",
            " IN-PRES-2026-0002   consultation  USA   reply in 12 d                 a.moreau",
        ])
        #expect(lines[22] == " 4 open · 2 overdue · 2 due ≤ 14 d      4 shown · open · everyone · by due date")
        #expect(lines[23] == " ⏎ open  n new  a act  f filter  / search  s sort  : commands  ? help  q quit")
    }

    @Test func wideScreenShowsTitlesIncludingCJK() throws {
        let desk = DeskHarness(store: try Fixtures.office(), width: 120, height: 40)
        let lines = desk.lines
        #expect(lines[0] == " cadesk · Central Authority of Ruritania" + String(repeating: " ", count: 46) + "a.moreau (supervisor)  2026-03-01")
        // The deadline column fits "extension reply overdue 12 d" whole; the title takes the rest.
        // An MLA asking for stored data says so with its article (44).
        #expect(lines[3] == " REF                 STATE                 CTRY  KIND       NEXT DEADLINE ▲               OFFICER     TITLE")
        #expect(lines[5] == " IN-MLA-2026-0002    received              JPN   MLA 44     acknowledge overdue 4 d       l.chen      サイバー攻撃の捜査")
        #expect(lines[6] == " IN-PRES-2026-0001   preserved             FRA   in pres    expiry in 10 d                a.moreau    Hosting accounts …")
        #expect(lines.count == 40)
        #expect(lines[38].hasSuffix("   4 shown · open · everyone · by due date"))
    }

    @Test func deadlinesAreColouredByUrgency() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        let buffer = desk.frame.buffer
        let overdueRow = try #require(desk.row(containing: "IN-MLA-2026-0002"))
        let col = try #require(desk.lines[overdueRow].range(of: "acknowledge")).lowerBound.utf16Offset(in: desk.lines[overdueRow])
        #expect(buffer[col, overdueRow].style.role == .overdue)
        let soonRow = try #require(desk.row(containing: "IN-PRES-2026-0001"))
        #expect(buffer[col, soonRow].style.role == .dueSoon)
        #expect(buffer[2, soonRow].style.role == .normal)
    }

    @Test func emptyDatabaseOffersDemoInOneKey() throws {
        let store = try Fixtures.emptyStore()
        let desk = DeskHarness(store: store, loadDemo: {
            try Fixtures.register(store, .incoming, .preservation, from: "FRA", on: "2026-02-27", title: "Demo preservation")
        })
        #expect(Array(desk.lines[3...8]) == [
            "",
            "   No cases yet.",
            "",
            "     d  load demo cases: this becomes a training database, never",
            "        an office one (for real work, cadesk init a new database)",
            "     n  register the first case",
        ])
        desk.press("demo")
        #expect(desk.lines[4] == "▶IN-PRES-2026-0001   received      FRA   preserve today                a.moreau")
        #expect(desk.lines[22].contains("demo cases loaded: 1"))
        desk.press("demo")
        #expect(desk.lines[22].contains("demo cases are loaded only into an empty database"))
    }

    /// A training database says so in the title bar, on every screen (CLI.md, "Training databases").
    @Test func aTrainingDatabaseSaysSoInTheTitleBar() throws {
        let office = DeskHarness(store: try Fixtures.emptyStore())
        #expect(!office.lines[0].contains("TRAINING"))
        let training = DeskHarness(store: try Fixtures.emptyStore(), isTraining: true)
        #expect(training.lines[0].hasPrefix(" cadesk TRAINING · "), "\(training.lines[0])")
        training.press("show-directory")
        #expect(training.lines[0].hasPrefix(" cadesk TRAINING · "))
    }

    @Test func emptyDatabaseWithoutDemoOffersOnlyRegistering() throws {
        let desk = DeskHarness(store: try Fixtures.emptyStore())
        #expect(desk.lines[6] == "     n  register the first case")
        desk.press("new", in: .cases)
        #expect(desk.screen.contains("What kind of request?"))
    }

    @Test func searchNarrowsTheListOnEveryKeystroke() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("search")
        #expect(desk.lines[22].hasPrefix(" / search ref, title, facts, officer…"))
        desk.type("bot")
        #expect(desk.lines[22] == " / bot                                       1 match")
        #expect(desk.lines[4] == "▶IN-PRES-2026-0002   consultation  USA   reply in 12 d                 a.moreau")
        #expect(desk.lines[5] == "")
        for _ in 0..<3 { desk.key(.backspace) }
        desk.type("ransom")
        #expect(desk.lines[4] == "▶IN-MLA-2026-0001    consultation  ITA   reply overdue 4 d             j.okafor")
        #expect(desk.lines[5] == "")
        desk.type("x")
        #expect(desk.lines[4] == " no case matches “ransomx”")
        desk.key(.backspace)
        desk.press("keep-search")
        #expect(desk.lines[22].contains("1 shown · search “ransom” · open"))
        desk.press("search")
        desk.press("drop-search")
        #expect(desk.lines[7].hasPrefix(" IN-PRES-2026-0002"))
        #expect(desk.state.cases.rowCount == 4)
    }

    @Test func filtersAndSort() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("mine")
        #expect(desk.state.cases.rowCount == 2)
        #expect(desk.lines[22].contains("mine"))
        desk.press("mine")
        desk.press("overdue")
        #expect(desk.state.cases.rowCount == 2)
        #expect(desk.lines[4].hasPrefix("▶IN-MLA-2026-0001"))
        #expect(desk.lines[5].hasPrefix(" IN-MLA-2026-0002"))
        #expect(desk.lines[6] == "")
        desk.press("clear")
        desk.press("sort")
        #expect(desk.lines[3].hasPrefix(" REF ▲"))
        #expect(desk.lines[22].contains("sorted by reference"))
        // The filter dialog: direction incoming, kind preservation.
        desk.press("filter")
        desk.press("nextField")
        desk.key(.right)
        desk.press("nextField")
        desk.key(.right); desk.key(.right)
        desk.press("save")
        #expect(desk.state.cases.rowCount == 2)
        #expect(desk.lines[4].hasPrefix("▶IN-PRES-2026-0001"))
        #expect(desk.lines[22].contains("2 shown · open · incoming · preservation"))
    }

    @Test func reverseTurnsTheSortAroundAndShowsIt() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("sort")
        let forward = (0..<desk.state.cases.rowCount).compactMap { desk.state.cases.summary(at: $0)?.ref }
        #expect(forward == forward.sorted())
        desk.press("reverse")
        #expect(desk.lines[3].hasPrefix(" REF ▼"))
        #expect(desk.lines[4].hasPrefix(" \(forward.last!)"))
        // The case that was selected stays selected, wherever it went.
        #expect(desk.state.cases.selected?.ref == forward.first)
        #expect(desk.lines[22].contains("by reference, reversed"))
        let backward = (0..<desk.state.cases.rowCount).compactMap { desk.state.cases.summary(at: $0)?.ref }
        #expect(backward == forward.reversed())
        // Choosing another sort starts it in its own direction again.
        desk.press("sort")
        #expect(!desk.lines[22].contains("reversed"))
    }

    @Test func untrustedTextIsSanitised() throws {
        let store = try Fixtures.emptyStore()
        try Fixtures.register(store, .incoming, .mla, from: "FRA", on: "2026-02-01", title: "evil\u{1B}]52;c;aGVsbG8=\u{07}title\u{1B}[2J")
        let desk = DeskHarness(store: store, width: 120, height: 40)
        let row = try #require(desk.row(containing: "IN-MLA-2026-0001"))
        #expect(desk.lines[row].hasSuffix("eviltitle"))
        #expect(!desk.screen.contains("\u{1B}"))
    }

    @Test func largeListsFetchOnlyTheVisibleWindow() throws {
        let store = try Fixtures.emptyStore()
        for i in 0..<150 {
            try Fixtures.register(store, .incoming, .mla, from: "FRA", on: "2026-02-01", title: "Case \(i)")
        }
        let desk = DeskHarness(store: store)
        desk.press("sort")  // by reference
        #expect(desk.state.cases.rowCount == 150)
        #expect(desk.state.cases.window.count <= 3 * desk.state.casesPageSize)
        desk.press("bottom")
        #expect(desk.lines[20] == "▶IN-MLA-2026-0150    received      FRA   acknowledge overdue 23 d      a.moreau")
        #expect(desk.state.cases.window.count <= 3 * desk.state.casesPageSize)
        desk.press("pageUp")
        #expect(desk.lines[20].hasPrefix("▶IN-MLA-2026-0133"))
    }
}

@Suite struct SelectionTests {
    @Test func theSelectedCaseStaysSelectedWhenItMoves() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        #expect(desk.state.cases.selected?.ref == "IN-MLA-2026-0001")
        // Executed elsewhere: its next deadline becomes the execution target (2026-04-20), last.
        let file = try desk.store.caseFile(.ref("IN-MLA-2026-0001"))
        try Fixtures.act(desk.store, file, .execute, ActionInputs(authority: "Prosecutor, Rome"), actor: "j.okafor")
        desk.tick()
        #expect(desk.state.cases.selected?.ref == "IN-MLA-2026-0001")
        #expect(desk.lines[7].hasPrefix("▶IN-MLA-2026-0001    executing"))
    }
}

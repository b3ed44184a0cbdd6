import CaseStore
import Casework
import Foundation
import Testing
import TerminalKit
@testable import DeskApp

/// The keys people bring from less, htop, tig and mutt (issue 12, "Conventions").
@Suite struct ConventionTests {
    @Test func qClosesTheViewOnTopAndQuitsOnlyFromTheCasesList() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        // Help over the list: q closes it.
        desk.press("help")
        #expect(desk.state.helpScroll != nil)
        desk.key(.char("q"))
        #expect(desk.state.helpScroll == nil)
        #expect(desk.flow == .continue)
        // A case, and help over it: q closes the help, then the case.
        try desk.openCase("IN-PRES-2026-0001")
        desk.press("help")
        desk.key(.char("q"))
        #expect(desk.lines[1].hasSuffix("› IN-PRES-2026-0001"))
        desk.key(.char("q"))
        #expect(desk.lines[1] == " [Cases]  Deadlines   Dashboard   Directory", "\(desk.screen)")
        #expect(desk.flow == .continue)
        // A dialog: the act picker.
        desk.press("act", in: .cases)
        #expect(!desk.state.overlays.isEmpty)
        desk.key(.char("q"))
        #expect(desk.state.overlays.isEmpty)
        #expect(desk.flow == .continue)
        // Another tab: q comes back to the home tab, a supervisor's Dashboard.
        desk.press("show-deadlines")
        desk.key(.char("q"))
        #expect(desk.state.tab == .dashboard)
        #expect(desk.flow == .continue)
        // On the home screen it quits.
        desk.key(.char("q"))
        #expect(desk.flow == .quit)
    }

    @Test func escClosesHelpCaseAndDialog() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        try desk.openCase("IN-PRES-2026-0001")
        desk.press("help")
        desk.key(.escape)
        #expect(desk.state.helpScroll == nil)
        #expect(desk.lines[1].hasSuffix("› IN-PRES-2026-0001"))
        desk.press("act", in: .caseFile)
        desk.key(.escape)
        #expect(desk.state.overlays.isEmpty)
        desk.key(.escape)
        #expect(desk.state.caseStack.isEmpty)
        #expect(desk.flow == .continue)
    }

    @Test func qInATextFieldIsTyped() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("new", in: .cases)
        desk.press("confirm")
        desk.type("q")
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("the form closed"); return }
        #expect(dialog.form.text(dialog.form.fields[0].id) == "q")
    }

    @Test func pageDownAndUpMoveByAScreenfulInTheListAndThePalette() throws {
        let store = try Fixtures.emptyStore()
        for i in 1...40 {
            try Fixtures.register(store, .incoming, .preservation, from: "FRA", on: "2026-02-01", title: "Logs \(i)")
        }
        let desk = DeskHarness(store: store)
        desk.press("sort")  // by reference
        #expect(desk.state.cases.selected?.ref == "IN-PRES-2026-0001")
        desk.key(.pageDown)
        let page = try #require(desk.state.cases.selected?.ref)
        #expect(page != "IN-PRES-2026-0001" && page != "IN-PRES-2026-0002", "\(desk.screen)")
        #expect(desk.screen.contains("▶" + page))
        desk.key(.pageUp)
        #expect(desk.lines[4].hasPrefix("▶IN-PRES-2026-0001"), "\(desk.screen)")

        desk.press("palette")
        guard case .palette(let first)? = desk.state.overlays.last else { Issue.record("no palette"); return }
        #expect(first.selected == 0)
        desk.key(.pageDown)
        guard case .palette(let paged)? = desk.state.overlays.last else { Issue.record("no palette"); return }
        #expect(paged.selected > 1)
        desk.key(.pageUp)
        guard case .palette(let back)? = desk.state.overlays.last else { Issue.record("no palette"); return }
        #expect(back.selected == 0)
    }

    @Test func jAndKMoveInAPickerUntilTextIsTyped() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("new", in: .cases)
        guard case .picker(let before)? = desk.state.overlays.last else { Issue.record("no picker"); return }
        #expect(before.table.selected == 0)
        desk.key(.char("j"))
        guard case .picker(let moved)? = desk.state.overlays.last else { Issue.record("no picker"); return }
        #expect(moved.table.selected == 1)
        #expect(moved.query.isEmpty)
        desk.key(.char("k"))
        guard case .picker(let up)? = desk.state.overlays.last else { Issue.record("no picker"); return }
        #expect(up.table.selected == 0)
        // Once filtering, j is a letter of the filter.
        desk.type("in")
        desk.key(.char("j"))
        guard case .picker(let typed)? = desk.state.overlays.last else { Issue.record("no picker"); return }
        #expect(typed.query.text == "inj")
    }

    @Test func helpSaysWhereTheKeyFileIsAndHowItIsWritten() throws {
        let folder = TemporaryFolder("desk-help")
        defer { withExtendedLifetime(folder) {} }
        let file = folder.file("keys")
        let missing = HelpScreen.lines(DeskKeys.defaults, keyFile: file)
        let at = try #require(missing.firstIndex(of: "Your key file"))
        #expect(missing[at + 1] == "  \(file)  (not there yet: the keys above apply)")
        #expect(missing[at + 2] == "  a command by its name above:    open = Enter, o")
        try "quit = Ctrl-Q\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(HelpScreen.lines(DeskKeys.defaults, keyFile: file)[at + 1] == "  \(file)")
    }
}

/// The mouse: a press selects the row under it, the wheel scrolls; `mouse = off` in the key file.
@Suite struct MouseTests {
    @Test func aPressSelectsTheRowUnderItAndTheWheelScrolls() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        // Row 4 is the first case under the headings at row 3; row 6 the third.
        let third = try #require(desk.lines[6].split(separator: " ").first).description
        desk.key(.mouse(Mouse(.press, x: 10, y: 6)))
        #expect(desk.lines[6].hasPrefix("▶" + third), "\(desk.screen)")
        #expect(desk.state.cases.selected?.ref == third)
        // Below the last case, on the headings or the status line: nothing moves.
        desk.key(.mouse(Mouse(.press, x: 10, y: 12)))
        desk.key(.mouse(Mouse(.press, x: 10, y: 3)))
        desk.key(.mouse(Mouse(.press, x: 10, y: 23)))
        #expect(desk.state.cases.selected?.ref == third)
        desk.press("open", in: .cases)
        #expect(desk.lines[3].hasPrefix("▶" + third))
        desk.press("back", in: .caseFile)

        desk.key(.mouse(Mouse(.wheelUp, x: 10, y: 6)))
        #expect(desk.state.cases.table.selected == 0)
        desk.key(.mouse(Mouse(.wheelDown, x: 10, y: 6)))
        #expect(desk.state.cases.table.selected == 3)
        #expect(desk.lines[7].hasPrefix("▶"))
    }

    @Test func theWheelLeavesAFormAlone() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("new", in: .cases)
        desk.press("confirm")
        guard case .form(let before)? = desk.state.overlays.last else { Issue.record("no form"); return }
        desk.key(.mouse(Mouse(.wheelDown, x: 10, y: 6)))
        guard case .form(let after)? = desk.state.overlays.last else { Issue.record("the form closed"); return }
        #expect(after.form.focus == before.form.focus)
    }

    @Test func theKeyFileTurnsTheMouseOffAndKeepsLineNumbers() throws {
        #expect(try DeskKeyFile.parse("quit = Ctrl-Q\n", file: "keys").mouse)
        let off = try DeskKeyFile.parse("# mine\nmouse = off   # copy with the terminal\nquit = Ctrl-Q\n", file: "keys")
        #expect(!off.mouse)
        #expect(off.keys.key(for: "quit") == .ctrl("q"))
        do {
            _ = try DeskKeyFile.parse("mouse = off\nserch = F3\n", file: "keys")
            Issue.record("a typo was accepted")
        } catch {
            #expect(error.line == 2)
        }
        do {
            _ = try DeskKeyFile.parse("\nmouse = sometimes\n", file: "keys")
            Issue.record("a bad setting was accepted")
        } catch {
            #expect(error.line == 2)
            #expect(error.description.contains("mouse = on or mouse = off"))
        }
    }
}

/// Text is never cut without an ellipsis, and a dialog never has fragments of the list against it.
@Suite struct EdgeTests {
    /// The columns just outside a dialog's border, on each of its rows, are blank.
    static func edgesAreBlank(_ lines: [String]) -> Bool {
        let rows = lines.map(Array.init).filter { $0.contains("┌") || $0.contains("│") || $0.contains("└") }
        guard !rows.isEmpty else { return false }
        return rows.allSatisfy { row in
            guard let first = row.firstIndex(where: { "┌│└".contains($0) }),
                  let last = row.lastIndex(where: { "┐│┘".contains($0) }) else { return false }
            let before = first == 0 || row[first - 1] == " "
            let after = last + 1 >= row.count || row[last + 1] == " "
            return before && after
        }
    }

    @Test func theActDialogHasNoFragmentsOfTheListAgainstItAt60x16() throws {
        let desk = DeskHarness(store: try Fixtures.office(), width: 60, height: 16)
        try desk.openCase("IN-MLA-2026-0001")
        desk.press("act", in: .caseFile)
        #expect(Self.edgesAreBlank(desk.lines), "\(desk.screen)")
        desk.press("confirm")
        #expect(Self.edgesAreBlank(desk.lines), "\(desk.screen)")
        // The Until field's note is longer than its room: it ends in an ellipsis.
        let until = try #require(desk.lines.first { $0.contains("Until") })
        #expect(until.hasSuffix("YYYY-MM-DD, o… │"), "\(until)")
    }
}

import CaseStore
import Casework
import Foundation
import Testing
import TerminalKit
@testable import DeskApp

/// Issue 12, "Measure": one incoming preservation worked from receipt to release — register it,
/// preserve it, receive and link its follow-up MLA, decide the MLA, release — driven through the
/// desk key by key, counting the keys apart from the text that must be typed. The figures are
/// recorded by the test (`Issue 12 keystrokes` in its output) and bounded by the target.
@Suite struct KeystrokeTests {
    /// Counts what the officer presses: keys that are commands, and characters of text.
    final class Counter {
        let desk: DeskHarness
        var keys = 0
        var text = 0
        /// Consult the help (`?`, then `q`) before the first use of each screen, as a newcomer.
        let firstTimer: Bool
        var helpSeen: Set<String> = []
        init(_ desk: DeskHarness, firstTimer: Bool) { self.desk = desk; self.firstTimer = firstTimer }

        func press(_ name: String, in context: KeyContext? = nil) { keys += 1; desk.press(name, in: context) }
        func type(_ s: String) { text += s.count; desk.type(s) }
        /// A newcomer reads the help once per kind of screen.
        func readHelp(_ screen: String) {
            guard firstTimer, helpSeen.insert(screen).inserted else { return }
            keys += 1; desk.key(.function(1))
            keys += 1; desk.press("close", in: .helpScreen)
        }
        /// Chooses an entry of the picker on top by moving to it (j) and Enter.
        func choose(_ value: String) throws {
            readHelp("picker")
            guard case .picker(let picker)? = desk.state.overlays.last else { Issue.record("no picker: \(desk.screen)"); return }
            let index = try #require(picker.options.firstIndex { $0.value == value })
            for _ in 0..<index { press("down", in: .list) }
            press("confirm", in: .dialog)
        }
        /// Saves the form on top: Ctrl-S for who knows it; Tab down to the button and Enter for a newcomer.
        func save() {
            readHelp("form")
            guard firstTimer else { press("save"); return }
            while case .form(let d)? = desk.state.overlays.last, !d.form.submitFocused { press("nextField") }
            press("confirm", in: .dialog)
        }
        /// Moves the form's focus to field `id` with Tab.
        func focus(_ id: String) {
            while case .form(let d)? = desk.state.overlays.last, d.form.focusedField?.id != id, !d.form.submitFocused { press("nextField") }
        }
    }

    func workOnePreservation(firstTimer: Bool) throws -> Counter {
        let desk = DeskHarness(store: try Fixtures.emptyStore())
        let c = Counter(desk, firstTimer: firstTimer)
        // 1. Register the incoming preservation.
        c.readHelp("cases")
        c.press("new", in: .cases)
        try c.choose("incoming preservation")
        c.type("USA")
        c.focus("title")
        c.type("Hosting accounts breach")
        c.save()
        #expect(desk.lines[3].hasPrefix("▶IN-PRES-2026-0001 · preservation"), "\(desk.screen)")
        // 2. Preserve it.
        c.readHelp("case")
        c.press("act", in: .caseFile)
        try c.choose("preserve")
        c.type("ExampleHost")
        c.save()
        #expect(try desk.store.caseFile(.ref("IN-PRES-2026-0001")).state == .preserved)
        // 3. Its follow-up MLA arrives: registered from the preservation, prefilled and linked.
        c.press("follow-up", in: .caseFile)
        c.save()
        #expect(try desk.store.caseFile(.ref("IN-PRES-2026-0001")).state == .pendingMLA)
        #expect(desk.lines[3].hasPrefix("▶IN-MLA-2026-0001 · MLA"), "\(desk.screen)")
        // 4. Decide the MLA: assess, transmit for execution, completed.
        c.press("act", in: .caseFile)
        try c.choose("assess")
        c.save()
        c.press("act", in: .caseFile)
        try c.choose("execute")
        c.type("Prosecutor of Berlin")
        c.save()
        c.press("act", in: .caseFile)
        try c.choose("complete")
        c.type("data transmitted")
        c.save()
        #expect(try desk.store.caseFile(.ref("IN-MLA-2026-0001")).state == .executed)
        // 5. Back on the preservation, release the data.
        c.press("back", in: .caseFile)
        c.press("act", in: .caseFile)
        try c.choose("release")
        c.save()
        #expect(desk.state.overlays.isEmpty, "\(desk.screen)")
        #expect(try desk.store.caseFile(.ref("IN-PRES-2026-0001")).state == .released)
        #expect(desk.lines[3].hasSuffix("● released"), "\(desk.screen)")
        return c
    }

    @Test func someoneWhoKnowsTheDeskWorksAPreservationInUnder60Keys() throws {
        let c = try workOnePreservation(firstTimer: false)
        print("Issue 12 keystrokes, who knows the desk: \(c.keys) keys + \(c.text) characters of text")
        #expect(c.keys < 60)
        #expect(c.text == "USA".count + "Hosting accounts breach".count + "ExampleHost".count
                + "Prosecutor of Berlin".count + "data transmitted".count)
    }

    @Test func aFirstTimerGuidedByTheStatusBarGetsThereToo() throws {
        let c = try workOnePreservation(firstTimer: true)
        let expert = try workOnePreservation(firstTimer: false)
        print("Issue 12 keystrokes, first-timer: \(c.keys) keys + \(c.text) characters of text")
        #expect(c.keys > expert.keys)
        #expect(c.text == expert.text)
    }
}

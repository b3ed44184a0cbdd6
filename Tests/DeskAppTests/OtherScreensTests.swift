import CaseStore
import Casework
import Foundation
import Testing
import TerminalKit
@testable import DeskApp

@Suite struct OtherScreensTests {
    @Test func newCaseFormRegistersAndShowsTheReference() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("new", in: .cases)
        #expect(desk.screen.contains("What kind of request?"))
        desk.press("down")  // incoming preservation
        desk.press("confirm")
        #expect(desk.screen.contains("┌ New incoming preservation request "))
        #expect(desk.screen.contains("│ Checklist items: art. 42.3"))
        // While typing, help is hinted on a key that is not typed.
        #expect(desk.lines[23] == " ⇥ next  space tick  ^S save  esc cancel  F1 help")
        desk.type("NLD")
        desk.press("nextField"); desk.press("nextField")
        desk.type("Phishing kit logs フィッシング")
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("no form"); return }
        #expect(dialog.form.fields.contains { $0.id == "item:custodian-location" && $0.label == "42.3(d) custodian or location (any available)" })
        #expect(!dialog.form.fields.contains { $0.id == "purposes" })
        desk.press("save")
        #expect(desk.state.overlays.isEmpty)
        #expect(desk.lines[22].contains("registered IN-PRES-2026-0003"))
        #expect(desk.lines[3].hasPrefix("▶IN-PRES-2026-0003 · preservation · incoming · Netherlands"))
        #expect(desk.lines[4] == " Phishing kit logs フィッシング")
    }

    @Test func newCaseRefusedByTheEngineStaysInTheForm() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("new", in: .cases)
        desk.press("confirm")  // incoming MLA
        desk.type("XYZ")
        desk.press("save")
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("the form closed"); return }
        #expect(dialog.form.error != nil)
        #expect(desk.screen.contains("✗ "))
        #expect(dialog.form.text("counterpart") == "XYZ")
        #expect(try desk.store.count(CaseFilter()) == 4)
    }

    @Test func deadlinesScreenOverdueFirstMostOverdueAtTheTop() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("show-deadlines")
        // One list, overdue first: both 4 days overdue (then by reference), then the soonest due.
        #expect(Array(desk.lines[1...10]) == [
            "  Cases  [Deadlines]  Dashboard   Directory",
            String(repeating: "─", count: 80),
            " REF                DEADLINE              DUE         WHEN            OFFICER",
            " Overdue · 2",
            "▶IN-MLA-2026-0001   consultation-reply    2026-02-25  overdue 4 d     j.okafor",
            " IN-MLA-2026-0002   acknowledgement       2026-02-25  overdue 4 d     l.chen",
            " Due within 14 days · 2",
            " IN-PRES-2026-0001  preservation-expiry   2026-03-11  in 10 d         a.moreau",
            " IN-PRES-2026-0002  consultation-reply    2026-03-13  in 12 d         a.moreau",
            "",
        ])
        #expect(desk.lines[22] == " 2 overdue · 2 due within 14 days")
        #expect(desk.lines[23] == " ⏎ open  f filter  m mine  h horizon  : commands  ? help  q close")
        // Headings are stepped over.
        desk.press("down")
        #expect(desk.lines[6].hasPrefix("▶IN-MLA-2026-0002"))
        desk.press("down")
        #expect(desk.lines[8].hasPrefix("▶IN-PRES-2026-0001"))
        desk.press("open", in: .deadlines)
        #expect(desk.lines[3].hasPrefix("▶IN-PRES-2026-0001 · preservation"))
        desk.press("back", in: .caseFile)
        #expect(desk.lines[1] == "  Cases  [Deadlines]  Dashboard   Directory")
    }

    @Test func directoryIsEditable() throws {
        let desk = DeskHarness(store: try Fixtures.office(), width: 120, height: 40)
        desk.press("show-directory")
        #expect(desk.lines[3].hasPrefix(" ISO  STATE                     CENTRAL AUTHORITY"))
        #expect(desk.lines[4].hasPrefix("▶AFG  Afghanistan               —"))
        // Find a State as you type.
        desk.press("search", in: .directory)
        desk.type("fra")
        #expect(desk.lines[4].hasPrefix("▶FRA  France"))
        #expect(desk.lines[38].hasPrefix(" / fra"))
        desk.press("drop-search")
        #expect(desk.lines[4].hasPrefix("▶AFG"))
        desk.press("edit", in: .directory)
        #expect(desk.screen.contains("┌ AFG · Afghanistan "))
        desk.type("Ministry of Justice")
        desk.press("nextField")
        desk.type("+93 20 000 0000")
        desk.press("save")
        #expect(desk.state.overlays.isEmpty)
        #expect(desk.lines[4].hasPrefix("▶AFG  Afghanistan               Ministry of Justice"))
        #expect(desk.lines[4].contains("+93 20 000 0000"))
        #expect(try desk.store.directoryEntry("AFG")?.centralAuthority == "Ministry of Justice")
    }

    @Test func viewerCannotEditTheDirectory() throws {
        let store = try Fixtures.office()
        try store.addOfficer("v.iewer", role: .viewer)
        let desk = DeskHarness(store: store, width: 120, height: 40, officer: "v.iewer", role: .viewer)
        desk.press("show-directory")
        desk.press("edit", in: .directory)
        desk.type("Ministry of Justice")
        desk.press("save")
        guard case .form(let dialog)? = desk.state.overlays.last else {
            Issue.record("the dialog should stay open with the refusal"); return
        }
        #expect(dialog.form.error == "directory set: only a supervisor may change the directory (v.iewer is viewer) (office practice)")
        #expect(try desk.store.directoryEntry("AFG")?.centralAuthority != "Ministry of Justice")
    }

    @Test func helpIsGeneratedFromTheKeyTable() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("help")
        #expect(Array(desk.lines[1...7]) == [
            "  Cases   Deadlines   Dashboard   Directory   › Help",
            String(repeating: "─", count: 80),
            " Keys (your key file may rebind any command by name: open = Enter, o)",
            "",
            " Everywhere",
            "   ?, F1     Show the keys",
            "   q         Quit (from Cases or the Dashboard; elsewhere q closes the view)",
        ])
        desk.press("bottom")
        #expect(desk.screen.contains("Setting up an office"))
        #expect(desk.screen.contains("   cadesk init --office \"Central Authority of …\" --state FRA"))
        #expect(desk.screen.contains("               --timezone Europe/Paris"))
        #expect(!desk.screen.contains("…\n"))  // no help line is cut at 80 columns
        #expect(HelpScreen.lines(desk.env.keys).contains("  esc       Close the help"))
        desk.press("back", in: .helpScreen)
        #expect(desk.lines[1] == " [Cases]  Deadlines   Dashboard   Directory")
        // Every command of the table is in the help.
        let help = HelpScreen.lines(desk.env.keys).joined(separator: "\n")
        for b in desk.env.keys.bindings { #expect(help.contains(b.help)) }
    }

    @Test func helpOverACaseSaysWhereItCanGoFromItsState() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        try CaseAndActTests().open("IN-PRES-2026-0001", in: desk)
        desk.press("help")
        #expect(Array(desk.lines[3...5]) == [
            " This case: IN-PRES-2026-0001, incoming preservation request, now preserved",
            "    next deadline: preservation-expiry on 2026-03-11 (art. 42.8)",
            "    steps from here (a to act):",
        ])
        #expect(desk.screen.contains("      extend             (stays)        art. 42.9  the requesting State asked, …"))
        #expect(desk.screen.contains("      release            → released     art. 42.8  release the data: period ove…"))
        // Steps open in any state are the act dialog's, not the guide's.
        #expect(!desk.screen.contains("      note "))
        #expect(desk.screen.contains(" Keys (your key file may rebind"))
    }

    /// Under a treaty the 40.15 list is advisory (40.7) but 42.3 binds: the heading says which.
    @Test func theChecklistHeadingSaysWhatATreatyMakesAdvisory() throws {
        func heading(_ kind: RequestKind) throws -> String? {
            let ctx = CaseContext(today: CivilDate("2026-03-01")!, now: Date(), actor: "a.moreau", role: .officer,
                                  policy: Policy(), holidays: [], makeID: { UUID() })
            var r = Registration(direction: .outgoing, kind: kind, counterpart: "FRA", received: ctx.today)
            r.basis = .treaty("FRA-MLAT")
            if kind == .mla { r.purposes = [.evidence] }
            let file = Engine.fold([try Engine.register(r, id: UUID(), ref: "OUT-X-2026-0001", context: ctx)])
            let view = CaseView(file: file, deadlines: [], checklist: Engine.checklist(for: file), relations: [],
                                counterpartName: "France")
            return CaseScreen.lines(view, width: 80).flatMap(\.pieces).map(\.text).first { $0.contains("Checklist") }
        }
        #expect(try heading(.mla)?.contains("(40.15 advisory under a treaty)") == true)
        let preservation = try #require(try heading(.preservation))
        #expect(preservation.contains("42.3") && !preservation.contains("advisory"), "\(preservation)")
    }

    @Test func helpFromAFormCoversItAndGivesItBack() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("new", in: .cases)
        desk.press("confirm")
        desk.type("FRA")
        desk.key(.function(1))
        #expect(desk.lines[1] == "  Cases   Deadlines   Dashboard   Directory   › Help")
        #expect(!desk.screen.contains("┌ New incoming MLA request"))
        desk.press("back", in: .helpScreen)
        #expect(desk.screen.contains("┌ New incoming MLA request"))
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("the form is gone"); return }
        #expect(dialog.form.text("counterpart") == "FRA")
    }

    @Test func paletteListsEveryCommandAndRunsOne() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("palette")
        let names = PaletteEntries.all(desk.env.keys).map(\.name)
        for name in ["open", "new", "act", "search", "filter", "sort", "demo", "follow", "edit", "show-deadlines", "quit", "help"] {
            #expect(names.contains(name))
        }
        desk.type("deadl")
        #expect(desk.screen.contains("│ : deadl"))
        #expect(desk.screen.contains("▶show-deadlines    2           Deadlines tab: the most overdue first"))
        desk.press("confirm")
        #expect(desk.state.tab == .deadlines)
        #expect(desk.state.overlays.isEmpty)
    }

    @Test func quitLeavesAtOnceWithoutUnsavedInput() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("quit")
        #expect(desk.flow == .quit)
    }

    @Test func qOnAFormWithUnsavedInputAsksFirst() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("new", in: .cases)
        desk.press("confirm")
        desk.type("FRA")
        // State, follow-up of, received, title, facts, offence: the sixth Tab.
        for _ in 0..<6 { desk.press("nextField") }
        // The focus is on a choice (offence class): q is not typed, it closes the form as Esc
        // does — asking first, since something was typed — and never quits from a dialog.
        desk.key(.char("q"))
        #expect(desk.flow == .continue)
        #expect(desk.screen.contains("Close the form? What you typed is not saved."))
        desk.press("no")
        guard case .form? = desk.state.overlays.last else { Issue.record("the form is gone"); return }
        #expect(desk.flow == .continue)
        desk.key(.char("q"))
        desk.press("yes")
        #expect(desk.state.overlays.isEmpty)
        #expect(desk.flow == .continue)
        desk.key(.char("q"))
        #expect(desk.flow == .quit)
    }

    @Test func escBacksOutOfDialogs() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("act", in: .cases)
        #expect(!desk.state.overlays.isEmpty)
        desk.key(.escape)
        #expect(desk.state.overlays.isEmpty)
        // A clean form closes at once; one with input asks.
        desk.press("act", in: .cases)
        desk.press("confirm")
        desk.key(.escape)
        #expect(desk.state.overlays.isEmpty)
        desk.press("act", in: .cases)
        desk.press("confirm")
        desk.type("Ministry")
        desk.key(.escape)
        #expect(desk.screen.contains("Close the form? What you typed is not saved."))
        desk.press("no")
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("the form is gone"); return }
        #expect(dialog.form.text(dialog.form.fields[0].id) == "Ministry")
        desk.key(.escape)
        desk.press("yes")
        #expect(desk.state.overlays.isEmpty)
    }

    @Test func keyFileOverridesBindingsByName() throws {
        let folder = TemporaryFolder("desk-keys")
        let file = folder.file("keys")
        try "# mine\ncases.search = F3, /\nquit = Ctrl-Q\n".write(toFile: file, atomically: true, encoding: .utf8)
        let keys = try DeskKeys.table(keyFile: file)
        #expect(keys.key(for: "search", in: .cases) == .function(3))
        #expect(keys.key(for: "quit") == .ctrl("q"))
        #expect(keys.command(for: .char("q"), in: [.global]) == nil)
        try "serch = F3\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: KeyTableError.self) { try DeskKeys.table(keyFile: file) }
        #expect(try DeskKeys.table(keyFile: folder.file("missing")).key(for: "quit") == .char("q"))
    }
}

@Suite struct PaletteOnACaseTests {
    @Test func paletteActOnAnOpenCaseActsOnThatCase() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("down"); desk.press("down")
        desk.press("open", in: .cases)
        desk.press("palette")
        desk.type("act")
        desk.press("confirm")
        guard case .picker(let picker)? = desk.state.overlays.last else { Issue.record("no act dialog"); return }
        #expect(picker.title == "Act on IN-PRES-2026-0001")
        #expect(desk.state.caseStack.map(\.file.ref) == ["IN-PRES-2026-0001"])
    }
}

@Suite struct OtherSizesTests {
    @Test func deadlinesAt120x40() throws {
        let desk = DeskHarness(store: try Fixtures.office(), width: 120, height: 40)
        desk.press("show-deadlines")
        #expect(desk.lines[1] == "  Cases  [Deadlines]  Dashboard   Directory")
        #expect(desk.lines[4] == " Overdue · 2")
        #expect(desk.lines[5] == "▶IN-MLA-2026-0001   consultation-reply    2026-02-25  overdue 4 d     ITA   j.okafor      40.28")
        #expect(desk.lines[38] == " 2 overdue · 2 due within 14 days")
    }

    @Test func directoryAt80x24() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("show-directory")
        #expect(Array(desk.lines[3...5]) == [
            " ISO  STATE             CENTRAL AUTHORITY        24/7 CONTACT            LANG",
            "▶AFG  Afghanistan       —                        —",
            " ALB  Albania           —                        —",
        ])
        #expect(desk.lines[22] == " 249 States")
        #expect(desk.lines[23] == " ⏎ edit  / find  : commands  ? help  q close")
    }
}

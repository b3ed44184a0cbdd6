import CaseStore
import Casework
import Foundation
import Testing
import TerminalKit
@testable import DeskApp

@Suite struct CaseAndActTests {
    /// Opens the case called `ref` from the list.
    func open(_ ref: String, in desk: DeskHarness) throws { try desk.openCase(ref) }

    /// Chooses `action` in the act dialog's list.
    func choose(_ action: String, in desk: DeskHarness) throws {
        guard case .picker(let picker)? = desk.state.overlays.last else { Issue.record("no act dialog"); return }
        let index = try #require(picker.options.firstIndex { $0.value == action })
        for _ in 0..<index { desk.press("down") }
        desk.press("confirm")
    }

    @Test func caseScreenAt80x24() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        try open("IN-PRES-2026-0001", in: desk)
        #expect(Array(desk.lines[0...20]) == [
            " cadesk · Central Authority of Ruritania      a.moreau (supervisor)  2026-03-01",
            "  Cases   Deadlines   Dashboard   Directory   › IN-PRES-2026-0001",
            String(repeating: "─", count: 80),
            "▶IN-PRES-2026-0001 · preservation · incoming · France               ● preserved",
            " Hosting accounts breach — illegal access (Convention offence)",
            " via central-authority · basis convention · officer a.moreau",
            "   Facts of Hosting accounts breach.",
            "─ Deadlines ────────────────────────────────────────────────────────────────────",
            "   preservation-expiry   2026-03-11   in 10 d                         art. 42.8",
            "   preservation-target   2026-01-10   met 2026-01-10                  art. 42.4",
            "   acknowledgement       2026-01-13   met 2026-01-10              art. 40.12(b)",
            "─ Checklist, art. 42.3 ─────────────────────────────────────────────────────────",
            "   ✓ 42.3(a) authority seeking preservation: Prosecutor",
            "   ✗ 42.3(b) offence and brief summary of facts",
            "   ✗ 42.3(c) data to preserve and relationship to the offence",
            "   ✗ 42.3(d) custodian or location (any available)",
            "   ✗ 42.3(e) necessity of the preservation",
            "   ✗ 42.3(f) intention to submit an MLA request",
            "   · 42.3(g) confidentiality, no user notice (as appropriate) (optional)",
            "─ Timeline, newest first ───────────────────────────────────────────────────────",
            // What does not fit is named, on the last row: the timeline goes on, the links follow.
            " ↓ below: more of Timeline, Links (1) · ⇥ next section",
        ])
        #expect(desk.lines[22] == " next: expiry in 10 d (2026-03-11)")
        // As SCREENS.md sketches it, the follow-up MLA first while it is awaited; at 80 columns
        // ": commands" and "? help" no longer fit (: ? and F1 still work).
        #expect(desk.lines[23] == " m follow-up MLA  a act  e edit  l letter  ⇥ next section  ⏎ open/show  esc back")
        // Tab jumps to the next section; the timeline shows the preservation.
        desk.press("next-section", in: .caseFile)
        #expect(desk.lines[8].hasPrefix("▶  preservation-expiry"))
        desk.press("next-section", in: .caseFile)
        #expect(desk.lines[12].hasPrefix("▶  ✓ 42.3(a)"))
        desk.press("previous-section", in: .caseFile)
        #expect(desk.lines[8].hasPrefix("▶  preservation-expiry"))
        desk.press("bottom")
        #expect(desk.screen.contains("   2026-01-10  preserve            a.moreau    custodian ExampleHost · 60 days"))
        #expect(desk.screen.contains("─ Links ─"))
        #expect(desk.screen.contains("  none — the follow-up MLA arrived? m registers it, prefilled and linked"))
        #expect(desk.lines[20].hasPrefix(" ↑ "), "\(desk.screen)")
        desk.press("back", in: .caseFile)
        #expect(desk.lines[1] == " [Cases]  Deadlines   Dashboard   Directory")
    }

    @Test func caseScreenAt120x40WithCJKTitle() throws {
        let desk = DeskHarness(store: try Fixtures.office(), width: 120, height: 40)
        try open("IN-MLA-2026-0002", in: desk)
        #expect(desk.lines[3] == "▶IN-MLA-2026-0002 · MLA · incoming · Japan" + String(repeating: " ", count: 67) + "● received")
        #expect(desk.lines[4] == " サイバー攻撃の捜査 — illegal access (Convention offence)")
        #expect(desk.lines[5] == " asks for stored electronic data (art. 44)")
        #expect(desk.lines[9].hasPrefix("   acknowledgement       2026-02-25   overdue 4 d    "))
        #expect(desk.lines[9].hasSuffix("    art. 40.12(b)"))
        #expect(displayWidth(desk.lines[9]) == 119)
        let row = 9
        #expect(desk.frame.buffer[3, row].style.role == .overdue)
    }

    @Test func actDialogForIncomingPreservationInConsultationOffersOnlyItsGrounds() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        try open("IN-PRES-2026-0002", in: desk)
        desk.press("act", in: .caseFile)
        #expect(desk.screen.contains("In state consultation, a.moreau (supervisor) may:"))
        try choose("refuse", in: desk)
        let lines = desk.lines
        let top = try #require(lines.firstIndex { $0.contains("┌ Refuse IN-PRES-2026-0002 ") })
        // The dialog spans columns 1–78: compare inside it.
        #expect(lines[(top + 3)...(top + 7)].map { String($0.dropFirst().prefix(78)) } == [
            "│ Grounds allowed for a preservation request (art. 42.6):                    │",
            "│   [ ] 40.21(b)  sovereignty, security, ordre public or other essential int │",
            "│   [ ] 40.21(c)  domestic law would prohibit the action in a similar domest │",
            "│   [ ] 40.22     discriminatory purpose, or prejudice to the person's posit │",
            "│ Reasons — required (art. 40.25)                                            │",
        ])
        guard case .form(let dialog)? = desk.state.overlays.last, case .checks(let options, _, _) = dialog.form.fields[0].input else {
            Issue.record("no ground picker"); return
        }
        #expect(options.map(\.value) == ["40.21b", "40.21c", "40.22"])
        #expect(lines.contains { $0.contains("│ Effective date  2026-03-01") })
        // Tick 40.21(c), give reasons, save: the case is refused.
        desk.key(.down)
        desk.press("toggle")
        desk.press("nextField")
        // The reasons given when consulting are there to build on.
        #expect(desk.screen.contains("│ │ content data"), "\(desk.screen)")
        desk.type(": preservation of content data needs a judicial order.")
        desk.press("save")
        #expect(desk.state.overlays.isEmpty)
        #expect(desk.lines[3].hasSuffix("● refused"))
        #expect(desk.lines[22].contains("IN-PRES-2026-0002: refuse recorded · now refused"))
        #expect(try desk.store.caseFile(.ref("IN-PRES-2026-0002")).state == .refused)
        // The timeline shows the grounds and the reasons.
        desk.press("bottom")
        #expect(desk.screen.contains("   2026-03-01  refuse              a.moreau    grounds 40.21(c) · reasons: cont…"))
    }

    @Test func typingNarrowsTheActionsAndEscClearsBeforeClosing() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        try open("IN-PRES-2026-0002", in: desk)
        desk.press("act", in: .caseFile)
        #expect(desk.screen.contains("In state consultation, a.moreau (supervisor) may:"))
        // "ref" keeps refuse and refuse-disclosure only; the first match is selected.
        desk.type("ref")
        let narrowed = desk.screen
        #expect(narrowed.contains("Narrowed to "), "\(narrowed)")
        #expect(narrowed.contains("▶refuse "), "\(narrowed)")
        #expect(!narrowed.contains(" withdraw "), "\(narrowed)")
        #expect(!narrowed.contains(" note "), "\(narrowed)")
        // Esc drops the filter (the full list is back), a second Esc closes the dialog.
        desk.press("cancel", in: .dialog)
        #expect(desk.screen.contains(" withdraw "))
        #expect(desk.screen.contains("Act on IN-PRES-2026-0002"))
        desk.press("cancel", in: .dialog)
        #expect(!desk.screen.contains("Act on IN-PRES-2026-0002"))
        // Narrow, then Enter opens the form of the selected match.
        desk.press("act", in: .caseFile)
        desk.type("refuse")
        desk.press("confirm", in: .dialog)
        #expect(desk.screen.contains("┌ Refuse IN-PRES-2026-0002 "))
    }

    @Test func releaseBeforeExpiryIsRefusedInTheDialogAndKeepsTheForm() throws {
        // Preserved until 2026-02-18: release is offered today, but not with an earlier date.
        let store = try Fixtures.office()
        let old = try Fixtures.register(store, .incoming, .preservation, from: "FRA", on: "2025-12-18", title: "Old logs")
        try Fixtures.act(store, old, .preserve, ActionInputs(on: Fixtures.date("2025-12-20"), days: 60, custodian: "ExampleHost"))
        let desk = DeskHarness(store: store)
        try open("IN-PRES-2026-0003", in: desk)
        let before = try desk.store.events(of: .ref("IN-PRES-2026-0003")).count
        desk.press("act", in: .caseFile)
        try choose("release", in: desk)
        desk.type("custodian asked to release")
        desk.press("nextField")
        desk.key(.ctrl("u"))
        desk.type("2026-02-10")
        desk.press("save")
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("the dialog closed"); return }
        let error = try #require(dialog.form.error)
        #expect(error.hasPrefix("release:"))
        #expect(error.hasSuffix("(art. 42.8)"))
        #expect(desk.screen.contains("✗ release:"))
        #expect(desk.screen.contains("art. 42.8)"))
        #expect(dialog.form.text("note") == "custodian asked to release")
        #expect(desk.screen.contains("│ │ custodian asked to release"))
        #expect(try desk.store.events(of: .ref("IN-PRES-2026-0003")).count == before)
        #expect(try desk.store.caseFile(.ref("IN-PRES-2026-0003")).state == .preserved)
        // With today's date it goes through.
        desk.key(.ctrl("u"))
        desk.type("2026-03-01")
        desk.press("save")
        #expect(desk.state.overlays.isEmpty)
        #expect(try desk.store.caseFile(.ref("IN-PRES-2026-0003")).state == .released)
    }

    @Test func actDialogSaysWhyAnActionOfThisStateIsNotOpenNow() throws {
        let desk = DeskHarness(store: try Fixtures.office(), width: 120, height: 40)
        try open("IN-PRES-2026-0001", in: desk)
        desk.press("act", in: .caseFile)
        guard case .picker(let picker)? = desk.state.overlays.last else { Issue.record("no act dialog"); return }
        #expect(!picker.options.contains { $0.value == "release" })
        // The note is wrapped, not cut: the officer reads the whole rule.
        #expect(desk.screen.contains("│ not now: release (art. 42.8): the preservation period runs until 2026-03-11; data are  │"))
        #expect(desk.screen.contains("│ released only after it has passed with no follow-up request                            │"))
    }

    @Test func aRequiredInputLeftEmptyIsMarkedUnderItsField() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        try open("IN-PRES-2026-0002", in: desk)
        let before = desk.state.caseStack.last?.file.events.count
        desk.press("act", in: .caseFile)
        try choose("preserve", in: desk)
        desk.press("save")
        #expect(desk.screen.contains(" │ Custodian "))
        #expect(desk.screen.contains(" │   ✗ required "))
        #expect(!desk.state.overlays.isEmpty)
        desk.type("MailCo")
        #expect(!desk.screen.contains("✗ required"))
        desk.press("save")
        #expect(desk.state.overlays.isEmpty)
        #expect(desk.state.caseStack.last?.file.events.count == before.map { $0 + 1 })
    }

    @Test func badDateIsAMistakeInTheDialog() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        try open("IN-PRES-2026-0001", in: desk)
        desk.press("act", in: .caseFile)
        try choose("note", in: desk)
        desk.type("called the custodian")
        desk.press("nextField")
        desk.key(.ctrl("u"))
        // A letter is not typed into a date: the form says why, under the field and below.
        desk.type("t")
        #expect(desk.screen.contains(" │   ✗ “t” not typed — a date is digits and dashes, YYYY-MM-DD "), "\(desk.screen)")
        #expect(desk.lines[22].contains("Effective date: “t” not typed"), "\(desk.lines[22])")
        desk.type("2026-02-30")
        desk.press("save")
        // The mistake is shown under the field, before the engine is asked.
        #expect(desk.screen.contains(" │ Effective date  2026-02-30 "), "\(desk.screen)")
        #expect(desk.screen.contains(" │   ✗ not a date: write YYYY-MM-DD "))
        #expect(desk.screen.contains("✗ Correct what is marked, then save again: nothing was recorded."))
        desk.key(.ctrl("u"))
        desk.type("2026-02-28")
        desk.press("nextField")
        desk.press("confirm")  // Enter on the save button
        #expect(desk.state.overlays.isEmpty)
        desk.press("bottom")
        #expect(desk.screen.contains("   2026-02-28  note                a.moreau    called the custodian"))
    }

    @Test func viewerSeesNoActions() throws {
        let store = try Fixtures.office()
        try store.addOfficer("v.iewer", role: .viewer)
        let desk = DeskHarness(store: store, officer: "v.iewer", role: .viewer)
        desk.press("act", in: .cases)
        #expect(desk.state.overlays.isEmpty)
        #expect(desk.lines[22].contains("no action is open to v.iewer (viewer)"))
    }

    @Test func linksAreFollowedWithEnter() throws {
        let store = try Fixtures.office()
        let mla = try Fixtures.register(store, .incoming, .mla, from: "FRA", on: "2026-02-15", title: "Follow-up to the breach")
        let pres = try store.caseFile(.ref("IN-PRES-2026-0001"))
        try Fixtures.act(store, pres, .mlaReceived, ActionInputs(on: Fixtures.date("2026-02-16"),
                         link: LinkTarget(id: mla.id, ref: mla.ref, direction: .incoming, kind: .mla)))
        let desk = DeskHarness(store: store)
        try open("IN-PRES-2026-0001", in: desk)
        desk.press("bottom")
        #expect(desk.lines[19] == "▶  → IN-MLA-2026-0003   follow-up-mla   ⏎ open")
        desk.press("follow", in: .caseFile)
        #expect(desk.lines[1] == "  Cases   Deadlines   Dashboard   Directory   › … › IN-MLA-2026-0003")
        #expect(desk.lines[3].hasPrefix("▶IN-MLA-2026-0003 · MLA · incoming · France"))
        desk.press("back", in: .caseFile)
        #expect(desk.lines[1] == "  Cases   Deadlines   Dashboard   Directory   › IN-PRES-2026-0001")
    }

    @Test func voidedEventsAreShownAsSuch() throws {
        let store = try Fixtures.office()
        let file = try store.caseFile(.ref("IN-PRES-2026-0001"))
        let preserve = try #require(file.events.first { $0.action == .preserve })
        try Fixtures.act(store, file, .void, ActionInputs(reason: "entered on the wrong case", event: preserve.id))
        let desk = DeskHarness(store: store, width: 120, height: 40)
        try open("IN-PRES-2026-0001", in: desk)
        #expect(desk.lines[3].hasSuffix("● received"))
        #expect(desk.screen.contains("  2026-01-10  preserve (voided)   a.moreau    custodian ExampleHost · 60 days"))
        #expect(desk.screen.contains("  2026-03-01  void                a.moreau    reasons: entered on the wrong case · voids 2026-01-10 preserve"))
    }

    @Test func editOpensTheEditFormWithCurrentValues() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        try open("IN-PRES-2026-0001", in: desk)
        desk.press("edit", in: .caseFile)
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("no edit form"); return }
        #expect(dialog.form.text("title") == "Hosting accounts breach")
        #expect(desk.screen.contains("┌ Edit IN-PRES-2026-0001 "))
        // Fill 42.3(b) and save: the checklist item turns ✓.
        dialog.form.fields.firstIndex { $0.id == "item:offence-facts" }.map { i in
            for _ in 0..<i { desk.press("nextField") }
        }
        desk.type("unauthorised access to 40 accounts")
        desk.press("save")
        #expect(desk.state.overlays.isEmpty)
        #expect(desk.screen.contains("   ✓ 42.3(b) offence and brief summary of facts: unauthorised access to 40 acco…"))
    }
}

@Suite struct EventDetailTests {
    @Test func enterOnATimelineEventShowsItInFull() throws {
        let store = try Fixtures.office()
        let file = try store.caseFile(.ref("IN-PRES-2026-0001"))
        let long = "The custodian confirmed by telephone that all logs of the forty accounts are preserved, including backups kept off-site."
        try Fixtures.act(store, file, .note, ActionInputs(on: Fixtures.date("2026-02-01"), note: long))
        let desk = DeskHarness(store: store)
        desk.press("down"); desk.press("down")
        desk.press("open", in: .cases)
        // The timeline shows the newest first: the note heads it.
        for _ in 0..<3 { desk.press("next-section", in: .caseFile) }
        #expect(desk.lines[desk.lines.firstIndex { $0.hasPrefix("▶") }!].contains("note"))
        desk.press("follow", in: .caseFile)
        #expect(desk.screen.contains("┌ IN-PRES-2026-0001 · note "))
        #expect(desk.screen.contains("│ note · effective 2026-02-01 · by a.moreau"))
        #expect(desk.screen.contains("│ The custodian confirmed by telephone that all logs of the forty accounts │"))
        #expect(desk.screen.contains("│ are preserved, including backups kept off-site.                          │"))
        desk.key(.escape)
        #expect(desk.state.overlays.isEmpty)
        #expect(desk.state.caseStack.count == 1)
    }
}

@Suite struct PurgedCaseScreenTests {
    @Test func aPurgedCaseSaysSoWithItsDatesAndState() throws {
        let store = try Fixtures.emptyStore()
        let file = try Fixtures.register(store, .incoming, .mla, from: "ITA", on: "2015-01-02", title: "Mario Rossi's mailbox")
        var withdraw = ActionInputs(on: Fixtures.date("2015-01-05"))
        withdraw.reason = "no longer needed"
        try Fixtures.act(store, file, .withdraw, withdraw)
        let report = try store.purge(closedBefore: Fixtures.date("2016-01-01"), reason: "retention over",
                                     actor: "a.moreau", today: Fixtures.today, now: Fixtures.now, dryRun: false)
        #expect(report.cases == [file.ref])
        let desk = DeskHarness(store: store)
        desk.state.openCase(.id(file.id), env: desk.env)
        #expect(desk.lines[3].hasPrefix("▶\(file.ref) · MLA · incoming · Italy"))
        #expect(desk.lines[3].hasSuffix("● withdrawn"))
        #expect(desk.lines[4] == " purged 2026-03-01: personal data blanked after the retention period (art. 36)")
        #expect(!desk.screen.contains("Mario"))
        desk.press("bottom")
        #expect(desk.screen.contains("2015-01-02  registered"), "\(desk.screen)")
    }
}

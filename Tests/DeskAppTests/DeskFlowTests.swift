import CaseStore
import Casework
import Foundation
import Testing
import TerminalKit
@testable import DeskApp

/// Issue 12, items 6–8: the follow-up MLA in one step, reference pickers, forms that carry over
/// what was said and show that they scroll, and the case screen at 80×24.
@Suite struct DeskFlowTests {
    /// The form on top, or a recorded issue.
    func form(_ desk: DeskHarness) -> FormDialog? {
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("no form: \(desk.screen)"); return nil }
        return dialog
    }

    func focus(_ id: String, in desk: DeskHarness) throws {
        for _ in 0..<80 where form(desk)?.form.focusedField?.id != id { desk.press("nextField") }
        try #require(form(desk)?.form.focusedField?.id == id)
    }

    // MARK: item 6, the follow-up MLA

    @Test func mOnAnIncomingPreservationRegistersItsFollowUpMLAPrefilledAndLinked() throws {
        let store = try Fixtures.office()
        let pres = try store.caseFile(.ref("IN-PRES-2026-0001"))
        try Fixtures.act(store, pres, .edit, ActionInputs(items: [.offenceFacts: "Accounts of 40 customers entered."]))
        let desk = DeskHarness(store: store)
        try desk.openCase("IN-PRES-2026-0001")
        #expect(desk.lines[23].hasPrefix(" m follow-up MLA  a act"), "\(desk.lines[23])")
        desk.press("follow-up", in: .caseFile)
        let dialog = try #require(form(desk))
        #expect(dialog.title == "Follow-up MLA of IN-PRES-2026-0001")
        #expect(desk.lines[1] == " │ Prefilled from IN-PRES-2026-0001. Register also records mla-received on it │", "\(desk.screen)")
        #expect(dialog.form.text("counterpart") == "FRA")
        #expect(dialog.form.text("follow-up") == "IN-PRES-2026-0001")
        #expect(dialog.form.text("title") == "Hosting accounts breach")
        #expect(dialog.form.text("offence") == "illegal access")
        #expect(dialog.form.text("facts") == "Facts of Hosting accounts breach.")
        #expect(dialog.form.choices("purposes") == ["stored-data"])
        #expect(dialog.form.text("item:requesting-authority") == "Prosecutor")
        #expect(dialog.form.text("item:facts") == "Accounts of 40 customers entered.")
        #expect(!dialog.form.isDirty)  // Esc closes it without asking
        // One key registers and links.
        desk.press("save")
        #expect(desk.state.overlays.isEmpty, "\(desk.screen)")
        // The new MLA opens over the preservation (Esc goes back to it).
        #expect(desk.state.caseStack.map(\.file.ref) == ["IN-PRES-2026-0001", "IN-MLA-2026-0003"])
        #expect(desk.lines[1].hasSuffix("› IN-MLA-2026-0003"), "\(desk.lines[1])")
        #expect(desk.lines[22].contains("IN-MLA-2026-0003 registered · IN-PRES-2026-0001: mla-received → pending-mla"),
                "\(desk.lines[22])")
        let mla = try store.caseFile(.ref("IN-MLA-2026-0003"))
        #expect(mla.counterpart == "FRA" && mla.purposes == [.storedData] && mla.items[.requestingAuthority] == "Prosecutor")
        let after = try store.caseFile(.ref("IN-PRES-2026-0001"))
        #expect(after.state == .pendingMLA)
        #expect(after.links.map(\.ref) == ["IN-MLA-2026-0003"])
        // Back on the preservation, the link is there to follow.
        desk.press("back", in: .caseFile)
        #expect(desk.lines[3].hasSuffix("● pending-mla"))
        desk.press("bottom")
        #expect(desk.screen.contains("→ IN-MLA-2026-0003   follow-up-mla   ⏎ open"), "\(desk.screen)")
    }

    @Test func aFollowUpTheEngineWouldRefuseWritesNothing() throws {
        let store = try Fixtures.office()
        let desk = DeskHarness(store: store)
        try desk.openCase("IN-PRES-2026-0001")
        desk.press("follow-up", in: .caseFile)
        // Untick stored data, tick service of documents: not a request for the data (42.8).
        try focus("purposes", in: desk)
        for _ in 0..<3 { desk.press("down", in: .list) }
        desk.press("toggle")
        desk.key(.char("k")); desk.key(.char("k"))
        desk.press("toggle")
        #expect(form(desk)?.form.choices("purposes") == ["service"])
        desk.press("save")
        let dialog = try #require(form(desk))
        #expect(dialog.form.error?.contains("does not ask for the data to be searched, seized or disclosed") == true, "\(dialog.form.error ?? "")")
        #expect(desk.screen.contains("42.8"))
        #expect(try store.count(CaseFilter(kind: .mla)) == 2)  // no MLA registered
        #expect(try store.caseFile(.ref("IN-PRES-2026-0001")).state == .preserved)
    }

    @Test func anOutgoingPreservationsFollowUpIsDraftedThenLinkedWhenSent() throws {
        let store = try Fixtures.emptyStore()
        let pres = try store.register(Registration(
            direction: .outgoing, kind: .preservation, counterpart: "USA", received: Fixtures.date("2026-02-01"),
            title: "Mailbox of the suspect", offence: "fraud",
            items: [.requestingAuthority: "Prosecutor", .offenceFacts: "f", .dataToPreserve: "d", .custodianLocation: "MailCo",
                    .necessity: "n", .mlaIntention: "yes"]), actor: "a.moreau", today: Fixtures.today, now: Fixtures.now)
        try Fixtures.act(store, pres, .send, ActionInputs(on: Fixtures.date("2026-02-02")))
        let desk = DeskHarness(store: store)
        try desk.openCase("OUT-PRES-2026-0001")
        desk.press("follow-up", in: .caseFile)
        #expect(desk.screen.contains("Prefilled from OUT-PRES-2026-0001. Drafted and linked to it; send-mla is"), "\(desk.screen)")
        // The 40.15 items an outgoing request needs before sending.
        for (id, text) in [("item:proceeding", "investigation"), ("item:assistance-sought", "disclose the mailbox"),
                           ("item:purpose", "evidence")] {
            try focus(id, in: desk)
            desk.type(text)
        }
        desk.press("save")
        #expect(desk.state.overlays.isEmpty, "\(desk.screen)")
        #expect(desk.lines[22].contains("OUT-MLA-2026-0001 drafted for OUT-PRES-2026-0001: send-mla on sending"), "\(desk.lines[22])")
        #expect(try store.caseFile(.ref("OUT-PRES-2026-0001")).state == .sent)
        // Sending the MLA records send-mla on the preservation.
        desk.press("act", in: .caseFile)
        desk.type("send")
        desk.press("confirm", in: .dialog)
        desk.press("save")
        #expect(desk.state.overlays.isEmpty, "\(desk.screen)")
        #expect(desk.lines[22].contains("OUT-MLA-2026-0001 sent · OUT-PRES-2026-0001: send-mla → mla-sent"), "\(desk.lines[22])")
        #expect(try store.caseFile(.ref("OUT-PRES-2026-0001")).state == .mlaSent)
    }

    @Test func theLinkFieldOffersThePlausibleCasesAndCompletes() throws {
        let store = try Fixtures.office()
        // Two MLAs of France asking for the data, one of Italy, one of France asking for service only.
        try Fixtures.register(store, .incoming, .mla, from: "FRA", on: "2026-02-15", title: "First follow-up")
        try Fixtures.register(store, .incoming, .mla, from: "FRA", on: "2026-02-16", title: "Second follow-up")
        try Fixtures.register(store, .incoming, .mla, from: "ITA", on: "2026-02-16", title: "Italian request")
        try store.register(Registration(direction: .incoming, kind: .mla, counterpart: "FRA", received: Fixtures.date("2026-02-17"),
                                        title: "Service", purposes: [.service]), actor: "a.moreau", today: Fixtures.today, now: Fixtures.now)
        let desk = DeskHarness(store: store)
        try desk.openCase("IN-PRES-2026-0001")
        desk.press("act", in: .caseFile)
        desk.type("mla-rec")
        desk.press("confirm", in: .dialog)
        let dialog = try #require(form(desk))
        #expect(dialog.form.focusedField?.id == "link")
        #expect(desk.screen.contains("⏎ or ^O: 2 cases"), "\(desk.screen)")
        #expect(desk.lines[23].hasPrefix(" ^O choose case  ⇥ next"), "\(desk.lines[23])")
        // Enter on the empty field: the two French MLAs asking for the data, and no other.
        desk.press("confirm", in: .dialog)
        guard case .picker(let picker)? = desk.state.overlays.last else { Issue.record("no picker: \(desk.screen)"); return }
        #expect(Set(picker.options.map(\.value)) == ["IN-MLA-2026-0003", "IN-MLA-2026-0004"])
        #expect(desk.screen.contains("FRA · received · 2026-02-16 · Second follow-up"), "\(desk.screen)")
        // Typing narrows (digits included), Enter fills the field.
        desk.type("0004")
        desk.press("confirm", in: .dialog)
        #expect(form(desk)?.form.text("link") == "IN-MLA-2026-0004")
        // Completion as you type: "3" is one case; Enter completes it.
        desk.press("previousField")
        desk.key(.ctrl("u"))
        desk.type("3")
        #expect(desk.screen.contains("⏎ IN-MLA-2026-0003"), "\(desk.screen)")
        desk.press("confirm", in: .dialog)
        #expect(form(desk)?.form.text("link") == "IN-MLA-2026-0003")
        desk.press("save")
        #expect(desk.state.overlays.isEmpty, "\(desk.screen)")
        #expect(try store.caseFile(.ref("IN-PRES-2026-0001")).state == .pendingMLA)
    }

    @Test func theOnlyPlausibleFollowUpIsOfferedAtOnce() throws {
        let store = try Fixtures.office()
        try Fixtures.register(store, .incoming, .mla, from: "FRA", on: "2026-02-15", title: "Follow-up")
        let desk = DeskHarness(store: store)
        try desk.openCase("IN-PRES-2026-0001")
        desk.press("act", in: .caseFile)
        desk.type("mla-rec")
        desk.press("confirm", in: .dialog)
        #expect(form(desk)?.form.text("link") == "IN-MLA-2026-0003")
        #expect(desk.screen.contains("✓ plausible"), "\(desk.screen)")
        desk.press("save")
        #expect(try store.caseFile(.ref("IN-PRES-2026-0001")).state == .pendingMLA)
    }

    @Test func theActDialogOffersToRegisterTheFollowUp() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        try desk.openCase("IN-PRES-2026-0001")
        desk.press("act", in: .caseFile)
        #expect(desk.screen.contains("new follow-up MLA"), "\(desk.screen)")
        desk.type("new")
        desk.press("confirm", in: .dialog)
        #expect(form(desk)?.title == "Follow-up MLA of IN-PRES-2026-0001")
    }

    @Test func theNewMLAFormFindsThePreservationItFollowsUp() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("new", in: .cases)
        desk.type("MLA")
        desk.press("confirm", in: .dialog)
        desk.type("Fra")
        desk.press("nextField")
        #expect(form(desk)?.form.focusedField?.id == "follow-up")
        #expect(desk.screen.contains("⏎ or ^O: 1 case"), "\(desk.screen)")
        desk.press("confirm", in: .dialog)
        #expect(form(desk)?.form.text("follow-up") == "IN-PRES-2026-0001")
        try focus("purposes", in: desk)
        desk.key(.char("j")); desk.key(.char("j")); desk.key(.char("j"))
        desk.press("toggle")
        #expect(form(desk)?.form.choices("purposes") == ["stored-data"])
        desk.press("save")
        #expect(desk.state.overlays.isEmpty, "\(desk.screen)")
        #expect(try desk.store.caseFile(.ref("IN-PRES-2026-0001")).state == .pendingMLA)
    }

    // MARK: item 7, forms

    @Test func theRefusalCarriesTheConsultationsReasons() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        try desk.openCase("IN-PRES-2026-0002")
        desk.press("act", in: .caseFile)
        desk.type("refuse")
        desk.press("confirm", in: .dialog)
        #expect(form(desk)?.form.text("reason") == "content data")
        #expect(desk.screen.contains("│ content data"), "\(desk.screen)")
    }

    @Test func preserveCarriesTheCustodianTheRequestNamed() throws {
        let store = try Fixtures.office()
        let pres = try store.caseFile(.ref("IN-PRES-2026-0002"))
        try Fixtures.act(store, pres, .edit, ActionInputs(items: [.custodianLocation: "ExampleMail Ltd"]))
        let desk = DeskHarness(store: store)
        try desk.openCase("IN-PRES-2026-0002")
        desk.press("act", in: .caseFile)
        desk.type("preserve")
        desk.press("confirm", in: .dialog)
        #expect(form(desk)?.form.text("custodian") == "ExampleMail Ltd")
    }

    @Test func aLongFormSaysItScrollsAndShowsAPartlyScrolledTextArea() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("new", in: .cases)
        desk.type("MLA")
        desk.press("confirm", in: .dialog)
        #expect(desk.screen.contains("↓ more below"), "\(desk.screen)")
        #expect(!desk.screen.contains("↑ more above"))
        try focus("facts", in: desk)
        desk.type("one"); desk.key(.enter); desk.type("two"); desk.key(.enter); desk.type("three")
        try focus("offence-class", in: desk)
        for _ in 0..<6 { desk.press("nextField") }
        #expect(desk.screen.contains("↑ more above · ↓ more below"), "\(desk.screen)")
        // Back up until the facts box is cut by the top edge: its visible rows show its text.
        var sawCut = false
        for _ in 0..<8 {
            desk.press("previousField")
            let lines = desk.lines
            if let top = lines.firstIndex(where: { $0.contains("┌ New incoming MLA request") }),
               !lines.contains(where: { $0.contains("Facts") }), lines[(top + 1)...].contains(where: { $0.contains("│ three") }) {
                sawCut = true
                break
            }
        }
        #expect(sawCut, "\(desk.screen)")
    }

    @Test func aLetterTypedIntoADateIsRefusedWithItsReason() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        try desk.openCase("IN-PRES-2026-0001")
        desk.press("act", in: .caseFile)
        desk.type("extend")
        desk.press("confirm", in: .dialog)
        try focus("on", in: desk)
        desk.key(.ctrl("u"))
        desk.type("2026-0x")
        #expect(form(desk)?.form.text("on") == "2026-0")
        #expect(desk.lines[22].contains("“x” not typed — a date is digits and dashes, YYYY-MM-DD"), "\(desk.lines[22])")
        desk.type("3-01")
        desk.type("5")
        #expect(desk.lines[22].contains("the date is complete (YYYY-MM-DD)"), "\(desk.lines[22])")
    }

    @Test func doNotNotifyTheUserSatisfies42_3g() throws {
        let store = try Fixtures.emptyStore()
        try store.register(Registration(direction: .incoming, kind: .preservation, counterpart: "USA", received: Fixtures.date("2026-02-20"),
                                        title: "Quiet", noUserNotice: true), actor: "a.moreau", today: Fixtures.today, now: Fixtures.now)
        let desk = DeskHarness(store: store)
        try desk.openCase("IN-PRES-2026-0001")
        #expect(desk.screen.contains("   ✓ 42.3(g) confidentiality, no user notice (as appropriate): do not"), "\(desk.screen)")
        let g = try #require(Engine.checklist(for: try store.caseFile(.ref("IN-PRES-2026-0001"))).first { $0.item == .confidentiality })
        #expect(g.present)
    }

    // MARK: item 8, the case screen

    @Test func theCaseScreenSaysWhatIsBelowAndShowsTheNewestFirst() throws {
        let store = try Fixtures.office()
        let pres = try store.caseFile(.ref("IN-PRES-2026-0001"))
        try Fixtures.act(store, pres, .extend, ActionInputs(on: Fixtures.date("2026-02-27"), note: "asked on 2026-02-26"))
        let desk = DeskHarness(store: store)
        try desk.openCase("IN-PRES-2026-0001")
        #expect(desk.lines[20] == " ↓ below: more of Timeline, Links (1) · ⇥ next section", "\(desk.screen)")
        // Tab to the timeline: the newest entry first.
        for _ in 0..<3 { desk.press("next-section", in: .caseFile) }
        let at = try #require(desk.row(containing: "─ Timeline, newest first"))
        #expect(desk.lines[at + 1].hasPrefix("▶  2026-02-27  extend"), "\(desk.screen)")
        #expect(desk.lines[at + 2] == desk.lines[20])
        #expect(desk.lines[20].hasPrefix(" ↑ "), "\(desk.lines[20])")
    }

    @Test func aLongChecklistValueOpensInFull() throws {
        let store = try Fixtures.office()
        let long = "Every mailbox of the accounts listed in annex A, with their login records, for the period from 2025-06-01 to 2026-01-08."
        let pres = try store.caseFile(.ref("IN-PRES-2026-0001"))
        try Fixtures.act(store, pres, .edit, ActionInputs(items: [.dataToPreserve: long]))
        let desk = DeskHarness(store: store)
        try desk.openCase("IN-PRES-2026-0001")
        let row = try #require(desk.row(containing: "42.3(c)"))
        #expect(desk.lines[row].hasSuffix("…"))
        desk.press("next-section", in: .caseFile); desk.press("next-section", in: .caseFile)
        desk.press("down"); desk.press("down")
        desk.press("follow", in: .caseFile)
        #expect(desk.screen.contains("IN-PRES-2026-0001 · checklist 42.3(c)"), "\(desk.screen)")
        #expect(desk.screen.contains("for the period from 2025-06-01 to 2026-01-08."), "\(desk.screen)")
    }

    @Test func anMLAShowsWhatItAsksForWithTheArticles() throws {
        let store = try Fixtures.emptyStore()
        try store.register(Registration(direction: .incoming, kind: .mla, counterpart: "USA", received: Fixtures.date("2026-02-20"),
                                        title: "Live traffic", purposes: [.storedData, .realtimeTraffic], urgency: .urgent),
                           actor: "a.moreau", today: Fixtures.today, now: Fixtures.now)
        let desk = DeskHarness(store: store)
        try desk.openCase("IN-MLA-2026-0001")
        #expect(desk.lines[5] == " asks for stored electronic data (art. 44) · real-time traffic data (art. 45)", "\(desk.screen)")
        #expect(desk.lines[6].hasPrefix(" urgent · via"), "\(desk.screen)")
    }

    @Test func aPurgedCasesChecklistSaysPurgedNotMissing() throws {
        let store = try Fixtures.emptyStore()
        let file = try Fixtures.register(store, .incoming, .preservation, from: "ITA", on: "2015-01-02", title: "Old case")
        try Fixtures.act(store, file, .withdraw, ActionInputs(on: Fixtures.date("2015-01-05")))
        _ = try store.purge(closedBefore: Fixtures.date("2016-01-01"), reason: "retention over", actor: "a.moreau", today: Fixtures.today, now: Fixtures.now, dryRun: false)
        let desk = DeskHarness(store: store)
        desk.state.openCase(.id(file.id), env: desk.env)
        #expect(desk.screen.contains("   – 42.3(a) authority seeking preservation: purged 2026-03-01 (art. 36)"), "\(desk.screen)")
        #expect(!desk.screen.contains("✗"), "\(desk.screen)")
    }
}

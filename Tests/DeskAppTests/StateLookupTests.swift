import CaseStore
import Casework
import Foundation
import Testing
import TerminalKit
@testable import DeskApp

/// Issue 12, item 9: lists filter by State, and a State is found by name as well as by code.
@Suite struct StateLookupTests {
    /// Opens the filter form and moves to its Other State field.
    func filterByState(_ typed: String, in desk: DeskHarness) {
        desk.press("filter", in: .cases)
        for _ in 0..<5 { desk.press("nextField") }
        desk.type(typed)
        desk.press("save")
    }

    @Test func theListFiltersByAStateTypedAsTheStartOfItsName() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        filterByState("Fra", in: desk)
        #expect(desk.state.overlays.isEmpty, "\(desk.screen)")
        #expect(desk.lines[4].hasPrefix("▶IN-PRES-2026-0001"), "\(desk.screen)")
        #expect(desk.lines[5] == "")
        #expect(desk.lines[22].contains("1 shown · open · FRA · everyone"), "\(desk.screen)")
        desk.press("filter", in: .cases)
        guard case .form(let again)? = desk.state.overlays.last else { Issue.record("no form"); return }
        #expect(again.form.text("counterpart") == "FRA")
        desk.key(.escape)
        desk.press("clear", in: .cases)
        filterByState("ital", in: desk)
        #expect(desk.lines[4].hasPrefix("▶IN-MLA-2026-0001"), "\(desk.screen)")
    }

    @Test func anAmbiguousOrUnknownStateIsSaidInTheFormAndNothingChanges() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        filterByState("united", in: desk)
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("the form closed"); return }
        let error = try #require(dialog.form.error)
        #expect(error.hasPrefix("Other State: “united” could be "), "\(error)")
        #expect(error.contains("GBR United Kingdom") || error.contains("USA United States"), "\(error)")
        #expect(error.hasSuffix("— type more"))
        #expect(desk.state.cases.filter.counterpart == nil)
        desk.key(.ctrl("u"))
        desk.type("Atlantis")
        desk.press("save")
        guard case .form(let after)? = desk.state.overlays.last else { Issue.record("the form closed"); return }
        #expect(after.form.error == "Other State: no State is called “Atlantis” (a code such as FRA, or a name)")
    }

    @Test func aNewCaseTakesItsStateByName() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("new", in: .cases)
        desk.press("confirm")
        // The fixture office is Germany's: its own State is no counterpart (40.1).
        let cases = try desk.store.count(CaseFilter())
        desk.type("germany")
        desk.press("save")
        guard case .form(let refused)? = desk.state.overlays.last else { Issue.record("registered with our own State"); return }
        #expect(refused.form.error?.contains("DEU is this office's own State") == true, "\(String(describing: refused.form.error))")
        #expect(refused.form.error?.contains("art. 40.1") == true)
        #expect(try desk.store.count(CaseFilter()) == cases)
        desk.key(.ctrl("u"))
        desk.type("italy")
        desk.press("save")
        #expect(desk.state.overlays.isEmpty, "\(desk.screen)")
        let ref = try #require(desk.state.caseStack.last?.file.ref)
        #expect(try desk.store.caseFile(.ref(ref)).counterpart == "ITA")
        #expect(desk.lines[3].contains("Italy"), "\(desk.screen)")
    }

    /// Issue 8, item 4: the engine's registration rule names the form's field, not `--deadline-reason`.
    @Test func aDeadlineWithoutReasonsIsRefusedInTheFormsOwnWords() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("new", in: .cases)
        desk.press("confirm")
        desk.type("italy")
        guard case .form(var dialog)? = desk.state.overlays.last,
              let deadline = dialog.form.fields.firstIndex(where: { $0.id == "deadline" }) else { Issue.record("no form"); return }
        dialog.form.focus = deadline
        desk.state.overlays[desk.state.overlays.count - 1] = .form(dialog)
        desk.type("2026-04-01")
        let cases = try desk.store.count(CaseFilter())
        desk.press("save")
        guard case .form(let refused)? = desk.state.overlays.last else { Issue.record("registered without reasons"); return }
        #expect(refused.form.error == "case new: a requested deadline needs its reasons (“Deadline reasons”) (art. 40.26)")
        #expect(try desk.store.count(CaseFilter()) == cases)
    }

    @Test func codesWinOverNamesAndNamesMatchByAnyWord() throws {
        let entries = [
            DirectoryEntry(iso3: "FRA", alpha2: "FR", name: "France", officialName: "French Republic"),
            DirectoryEntry(iso3: "GUF", alpha2: "GF", name: "French Guiana", officialName: "French Guiana"),
            DirectoryEntry(iso3: "GBR", alpha2: "GB", name: "United Kingdom", officialName: "United Kingdom of Great Britain"),
        ]
        #expect(StateLookup.find("fr", in: entries) == .one(entries[0]))
        #expect(StateLookup.find("guiana", in: entries) == .one(entries[1]))
        #expect(StateLookup.find("kingdom", in: entries) == .one(entries[2]))
        #expect(StateLookup.find("french", in: entries) == .several([entries[0], entries[1]]))
        #expect(StateLookup.find("  ", in: entries) == .none)
    }
}

/// Issue 12, item 9: urgency and emergency are flagged in the list, and references never cut.
@Suite struct UrgencyInTheListTests {
    @Test func urgentAndEmergencyCasesAreFlaggedWithTheirReferenceWhole() throws {
        let store = try Fixtures.office()
        var urgent = Registration(direction: .incoming, kind: .mla, counterpart: "FRA", received: Fixtures.date("2026-02-27"),
                                  title: "Urgent one", purposes: [.storedData])
        urgent.urgency = .urgent
        try store.register(urgent, actor: "a.moreau", today: Fixtures.today, now: Fixtures.now)
        var emergency = Registration(direction: .incoming, kind: .preservation, counterpart: "FRA",
                                     received: Fixtures.date("2026-02-28"), title: "Emergency one")
        emergency.urgency = .emergency
        try store.register(emergency, actor: "a.moreau", today: Fixtures.today, now: Fixtures.now)
        for width in [80, 60] {
            let desk = DeskHarness(store: store, width: width, height: 24)
            desk.press("sort")  // by reference
            let screen = desk.screen
            let mla = try #require(desk.lines.first { $0.contains("IN-MLA-2026-0003") }, "\(screen)")
            #expect(mla.contains("IN-MLA-2026-0003 !  "), "\(screen)")
            let pres = try #require(desk.lines.first { $0.contains("IN-PRES-2026-0003") }, "\(screen)")
            #expect(pres.contains("IN-PRES-2026-0003 !! "), "\(screen)")
            #expect(!screen.contains("IN-PRES-2026-0003 !…"))
            let row = try #require(desk.row(containing: "IN-PRES-2026-0003"))
            #expect(desk.frame.buffer[2, row].style.role == .overdue)
            // A normal case has no flag.
            #expect(desk.lines.contains { $0.hasPrefix(" IN-MLA-2026-0002    ") || $0.hasPrefix("▶IN-MLA-2026-0002    ") }, "\(screen)")
        }
    }
}

import CaseStore
import Casework
import Foundation
import Testing
import TerminalKit
@testable import DeskApp

/// Issue 12, "Wrong or lost": what the desk showed was stale or wrong, or keys went where the
/// officer did not mean them to.
@Suite struct NoDeadEndTests {
    /// A preservation whose follow-up MLA has arrived (its expiry suspended, art. 42.8).
    static func preservationAwaitingItsMLA() throws -> CaseStore {
        let store = try Fixtures.office()
        let mla = try Fixtures.register(store, .incoming, .mla, from: "FRA", on: "2026-02-15", title: "Follow-up to the breach")
        let pres = try store.caseFile(.ref("IN-PRES-2026-0001"))
        try Fixtures.act(store, pres, .mlaReceived, ActionInputs(on: Fixtures.date("2026-02-16"),
                         link: LinkTarget(id: mla.id, ref: mla.ref, direction: .incoming, kind: .mla)))
        return store
    }

    @Test func theCaseUnderneathIsReadAgainAfterActingOnItsLinkedCase() throws {
        let desk = DeskHarness(store: try Self.preservationAwaitingItsMLA())
        try desk.openCase("IN-PRES-2026-0001")
        #expect(desk.screen.contains("suspended"))
        let before = desk.screen
        desk.press("bottom")
        desk.press("follow", in: .caseFile)
        #expect(desk.lines[3].hasPrefix("▶IN-MLA-2026-0003 · MLA"))
        // Withdraw the MLA from its own screen, in this desk.
        desk.press("act", in: .caseFile)
        desk.type("withdraw")
        desk.press("confirm", in: .dialog)
        desk.press("save")
        #expect(desk.state.overlays.isEmpty, "\(desk.screen)")
        #expect(try desk.store.caseFile(.ref("IN-MLA-2026-0003")).state == .withdrawn)
        // Back on the preservation: what withdrawing did to it shows at once, without Ctrl-R.
        desk.press("back", in: .caseFile)
        #expect(desk.lines[1].hasSuffix("› IN-PRES-2026-0001"))
        let fresh = try desk.store.caseSnapshot(.ref("IN-PRES-2026-0001"), actor: "a.moreau", today: Fixtures.today, now: Fixtures.now)
        let pending = Engine.deadlines(for: fresh.file, context: fresh.context).filter { $0.status.isPending }
        let due = try #require(pending.first)
        #expect(!before.contains(due.kind.rawValue))  // a deadline that withdrawing the MLA started
        #expect(desk.screen.contains(due.kind.rawValue), "\(desk.screen)")
        #expect(!desk.screen.contains("no deadline pending"), "\(desk.screen)")
    }

    @Test func anExactReferenceFindsThatCaseOpenOrClosedAndNoOther() throws {
        let store = try Fixtures.office()
        let pres = try store.caseFile(.ref("IN-PRES-2026-0001"))
        try Fixtures.act(store, pres, .withdraw, ActionInputs(on: Fixtures.date("2026-02-20")))
        let desk = DeskHarness(store: store)
        #expect(desk.state.cases.rowCount == 3)  // the withdrawn one is not among the open cases
        desk.press("search")
        desk.type("in-pres-2026-0001")
        #expect(desk.lines[22].hasSuffix("1 match"), "\(desk.screen)")
        #expect(desk.lines[4].hasPrefix("▶IN-PRES-2026-0001   withdrawn"), "\(desk.screen)")
        #expect(!desk.screen.contains("IN-MLA-2026-0001"))
        desk.press("keep-search")
        desk.press("open", in: .cases)
        #expect(desk.lines[3].hasPrefix("▶IN-PRES-2026-0001 · preservation"), "\(desk.screen)")
    }

    @Test func slashStartsAFreshSearchAndKeysAfterNoMatchAreNotCommands() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("search")
        desk.type("ransom")
        desk.press("keep-search")
        #expect(desk.lines[22].contains("search “ransom”"))
        desk.press("search")
        #expect(desk.lines[22].hasPrefix(" / search ref, title, facts, officer…"), "\(desk.screen)")
        #expect(desk.state.cases.rowCount == 4)
        desk.type("zzz")
        #expect(desk.lines[4] == " no case matches “zzz”")
        desk.press("keep-search")
        #expect(desk.lines[22].contains("no case matches — edit the search, or Esc to drop it"), "\(desk.screen)")
        // n is typed into the search line, it does not open New case.
        desk.type("n")
        #expect(desk.state.overlays.isEmpty)
        #expect(desk.lines[22].hasPrefix(" / zzzn"), "\(desk.screen)")
        desk.press("drop-search")
        #expect(desk.state.cases.rowCount == 4)
    }

    @Test func searchFindsOfficersAndCJKWordsInsideARun() throws {
        let desk = DeskHarness(store: try Fixtures.office())
        desk.press("search")
        desk.type("chen")
        #expect(desk.lines[22].hasSuffix("1 match"), "\(desk.screen)")
        #expect(desk.lines[4].contains("l.chen"))
        desk.press("drop-search")
        desk.press("search")
        desk.type("okafor")
        #expect(desk.lines[4].hasPrefix("▶IN-MLA-2026-0001"), "\(desk.screen)")
        desk.press("drop-search")
        // 攻撃 ("attack") sits in the middle of サイバー攻撃の捜査: a two-character word.
        desk.press("search")
        desk.type("攻撃")
        #expect(desk.lines[22].hasSuffix("1 match"), "\(desk.screen)")
        #expect(desk.lines[4].hasPrefix("▶IN-MLA-2026-0002"), "\(desk.screen)")
        desk.key(.backspace); desk.key(.backspace)
        desk.type("捜")
        #expect(desk.lines[4].hasPrefix("▶IN-MLA-2026-0002"), "\(desk.screen)")
        desk.key(.backspace)
        desk.type("詐欺")
        #expect(desk.lines[4] == " no case matches “詐欺”")
    }

    @Test func keysPressedWhileTheWindowIsTooSmallDoNothing() throws {
        let store = try Fixtures.office()
        let backend = MemoryBackend(width: 50, height: 14)
        backend.feed(.enter, .char("a"), .char("n"))
        backend.resize(width: 80, height: 24)
        let session = DeskSession(officer: "a.moreau", role: .supervisor, today: Fixtures.today, now: { Fixtures.now })
        try runDesk(store: store, session: session, keys: DeskKeys.defaults, backend: backend)
        // Still on a supervisor's home, the Dashboard: Enter listed no figure's cases.
        #expect(backend.lines[1] == "  Cases   Deadlines  [Dashboard]  Directory", "\(backend.lines.joined(separator: "\n"))")
        #expect(!backend.lines.joined().contains("Act on"))
        #expect(!backend.lines.joined().contains("What kind of request?"))
        #expect(backend.lines[23].hasPrefix(" ⏎ cases  s sort officers"))
    }
}

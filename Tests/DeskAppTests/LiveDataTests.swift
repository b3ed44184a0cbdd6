import CaseStore
import Casework
import Foundation
import Testing
import TerminalKit
@testable import DeskApp

@Suite struct LiveDataTests {
    /// A database path in a folder of its own, removed with the folder.
    func tempDatabase() -> (String, TemporaryFolder) {
        let folder = TemporaryFolder("desk-live")
        return (folder.file("cases.sqlite"), folder)
    }

    @Test func anotherTerminalsChangeAppearsOnTheIdleTick() throws {
        let (path, folder) = tempDatabase()
        defer { withExtendedLifetime(folder) {} }
        let mine = try CaseStore.open(path: path)
        try mine.initialize(office: "Central Authority of Ruritania", state: "DEU", timeZone: "UTC", firstSupervisor: "a.moreau")
        try mine.addOfficer("j.okafor", role: .officer)
        let other = try CaseStore.open(path: path)
        try Fixtures.register(other, .incoming, .mla, from: "ITA", on: "2026-02-20", title: "First")

        let desk = DeskHarness(store: mine)
        #expect(desk.lines[4].hasPrefix("▶IN-MLA-2026-0001"))
        desk.tick()  // nothing changed: nothing reloaded
        #expect(desk.state.cases.rowCount == 1)

        let second = try Fixtures.register(other, .incoming, .preservation, from: "FRA", on: "2026-02-28", title: "Second", officer: "j.okafor")
        desk.tick()
        #expect(desk.state.cases.rowCount == 2)
        #expect(desk.lines[4].hasPrefix("▶IN-MLA-2026-0001"))
        #expect(desk.screen.contains(" IN-PRES-2026-0001   received      FRA   preserve in 1 d               j.okafor"))
        #expect(desk.lines[22].hasPrefix(" 2 open"))

        // An open case follows too.
        desk.press("down")
        desk.press("open", in: .cases)
        #expect(desk.lines[3].hasSuffix("● received"))
        try Fixtures.act(other, second, .preserve, ActionInputs(on: Fixtures.date("2026-03-01"), days: 60, custodian: "Host"), actor: "j.okafor")
        desk.tick()
        #expect(desk.lines[3].hasSuffix("● preserved"))
    }

    @Test func runLoopOnAMemoryBackend() throws {
        let store = try Fixtures.office()
        let backend = MemoryBackend(width: 80, height: 24)
        backend.feed(.char("1"))  // a supervisor's desk opens on the Dashboard
        backend.feed(.char("/"))
        backend.type("hosting")
        backend.feed(.enter, .enter)
        let session = DeskSession(officer: "a.moreau", role: .supervisor, today: Fixtures.today, now: { Fixtures.now }, pollMilliseconds: 0)
        try runDesk(store: store, session: session, keys: DeskKeys.defaults, backend: backend)
        #expect(backend.restored)
        #expect(backend.lines[1] == "  Cases   Deadlines   Dashboard   Directory   › IN-PRES-2026-0001")
        #expect(backend.lines[3].hasPrefix("▶IN-PRES-2026-0001 · preservation · incoming · France"))
    }

    /// A supervisor's desk opens on the Dashboard: its first frame is drawn before the figures
    /// are counted (at 100,000 cases they take longer than the rest of the start), and the
    /// figures follow on the tick right after it, with no key pressed.
    @Test func theDashboardsFiguresFollowTheFirstFrame() throws {
        let store = try Fixtures.office()
        let backend = MemoryBackend(width: 80, height: 24)
        let session = DeskSession(officer: "a.moreau", role: .supervisor, today: Fixtures.today, now: { Fixtures.now }, pollMilliseconds: 60_000)
        try runDesk(store: store, session: session, keys: DeskKeys.defaults, backend: backend)
        let first = try #require(backend.firstFrame).buffer.trimmedLines
        #expect(first[1] == "  Cases   Deadlines  [Dashboard]  Directory", "\(first)")
        #expect(first.contains { $0.contains("Counting the office's figures…") }, "\(first)")
        #expect(!backend.lines.contains { $0.contains("Counting") }, "\(backend.lines)")
        let open = try store.headline(today: Fixtures.today).openCases
        #expect(backend.lines.contains { $0.contains("\(open) open · as of \(Fixtures.today)") }, "\(backend.lines)")
        #expect(!first.contains { $0.contains("open · as of") }, "\(first)")
    }

    @Test func runLoopTicksAndQuits() throws {
        let store = try Fixtures.office()
        let backend = MemoryBackend(width: 80, height: 24)
        backend.feedTimeout()
        backend.feed(.char("q"))
        backend.type("2")  // never reached: q left at once
        let session = DeskSession(officer: "a.moreau", role: .supervisor, today: Fixtures.today, now: { Fixtures.now }, pollMilliseconds: 0)
        try runDesk(store: store, session: session, keys: DeskKeys.defaults, backend: backend)
        // A supervisor's home is the Dashboard: q there quits too.
        #expect(backend.lines[1] == "  Cases   Deadlines  [Dashboard]  Directory")
    }

    @Test func tooSmallAndResize() throws {
        let store = try Fixtures.office()
        let backend = MemoryBackend(width: 50, height: 12)
        let session = DeskSession(officer: "a.moreau", role: .supervisor, today: Fixtures.today, now: { Fixtures.now })
        backend.resize(width: 120, height: 40)
        backend.feed(.char("1"))
        try runDesk(store: store, session: session, keys: DeskKeys.defaults, backend: backend)
        #expect(backend.lines.count == 40)
        #expect(backend.lines[5].hasSuffix("サイバー攻撃の捜査"))

        let small = MemoryBackend(width: 50, height: 12)
        try runDesk(store: store, session: session, keys: DeskKeys.defaults, backend: small)
        #expect(small.lines.contains { $0.contains("window too small (need 60×16)") })
    }

    @Test func sixtyBySixteenStillWorks() throws {
        let desk = DeskHarness(store: try Fixtures.office(), width: 60, height: 16)
        #expect(desk.lines[3] == " REF                 STATE         NEXT DEADLINE▲  OFFICER")
        #expect(desk.lines[4] == "▶IN-MLA-2026-0001    consultation  reply overdue…  j.okafor")
        desk.press("open", in: .cases)
        #expect(desk.lines[3].hasPrefix("▶IN-MLA-2026-0001 · MLA · incoming · Italy"))
        desk.press("act", in: .caseFile)
        desk.press("confirm")
        #expect(desk.screen.contains("┌ Execute IN-MLA-2026-0001"))
        #expect(desk.screen.contains("[ Cancel ]   [ Execute ]"))
    }
}

@Suite struct StaleActTests {
    @Test func aChangeByAnotherOfficerWhileTypingIsShownNotActedOver() throws {
        let store = try Fixtures.office()
        let desk = DeskHarness(store: store)
        desk.press("down"); desk.press("down")
        desk.press("open", in: .cases)
        desk.press("act", in: .caseFile)
        guard case .picker(let picker)? = desk.state.overlays.last else { Issue.record("no act dialog"); return }
        for _ in 0..<(picker.options.firstIndex { $0.value == "note" } ?? 0) { desk.press("down") }
        desk.press("confirm")
        desk.type("spoke to the custodian")
        // Meanwhile j.okafor records something on the same case.
        let file = try store.caseFile(.ref("IN-PRES-2026-0001"))
        try Fixtures.act(store, file, .note, ActionInputs(note: "from the other terminal"), actor: "j.okafor")
        let before = try store.events(of: .ref("IN-PRES-2026-0001")).count
        desk.press("save")
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("the dialog closed"); return }
        #expect(dialog.form.error?.hasPrefix("IN-PRES-2026-0001 changed while you were typing (note by j.okafor)") == true)
        #expect(dialog.form.text("note") == "spoke to the custodian")
        #expect(try store.events(of: .ref("IN-PRES-2026-0001")).count == before)
        // Seen now: a second save records it.
        desk.press("save")
        #expect(desk.state.overlays.isEmpty)
        #expect(try store.events(of: .ref("IN-PRES-2026-0001")).count == before + 1)
    }

    @Test func aChangeBeforeTheDialogOpensIsCaughtAgainstTheScreenShown() throws {
        let store = try Fixtures.office()
        let desk = DeskHarness(store: store)
        desk.press("down"); desk.press("down")
        desk.press("open", in: .cases)
        // The case screen is drawn; then j.okafor records on the same case before the act key.
        let file = try store.caseFile(.ref("IN-PRES-2026-0001"))
        try Fixtures.act(store, file, .note, ActionInputs(note: "from the other terminal"), actor: "j.okafor")
        let before = try store.events(of: .ref("IN-PRES-2026-0001")).count
        desk.press("act", in: .caseFile)
        guard case .picker(let picker)? = desk.state.overlays.last else { Issue.record("no act dialog"); return }
        for _ in 0..<(picker.options.firstIndex { $0.value == "note" } ?? 0) { desk.press("down") }
        desk.press("confirm")
        desk.type("decided on the screen I saw")
        desk.press("save")
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("the dialog closed"); return }
        #expect(dialog.form.error?.hasPrefix("IN-PRES-2026-0001 changed while you were typing (note by j.okafor)") == true)
        #expect(try store.events(of: .ref("IN-PRES-2026-0001")).count == before)
    }
}

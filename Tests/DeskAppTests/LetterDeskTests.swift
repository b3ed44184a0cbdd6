import CaseStore
import Casework
import Foundation
import Testing
import TerminalKit
@testable import DeskApp

@Suite struct LetterDeskTests {
    @Test func lPreviewsTheLetterAndYSavesItAndRecordsIt() throws {
        let folder = TemporaryFolder("cadesk-letter")
        defer { withExtendedLifetime(folder) {} }
        let store = try Fixtures.office()
        let desk = DeskHarness(store: store, width: 100, height: 40)
        // The Italian MLA is in consultation: an acknowledgement or the consultation letter make sense.
        try desk.openCase("IN-MLA-2026-0001")
        let before = try store.events(of: .ref("IN-MLA-2026-0001")).count
        desk.press("letter", in: .caseFile)
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("no letter form"); return }
        #expect(dialog.form["letter"] != nil)
        #expect(desk.screen.contains("acknowledgement") && desk.screen.contains("consultation"))
        for _ in 0..<3 { desk.press("nextField") }
        desk.key(.ctrl("u"))
        let path = folder.file("ack")
        desk.type(path)
        desk.press("save")
        // The preview: the letter in full, nothing saved or recorded yet.
        guard case .detail(let preview)? = desk.state.overlays.last else { Issue.record("no preview:\n\(desk.screen)"); return }
        #expect(preview.title.contains("y save to \(path).txt"))
        #expect(desk.screen.contains("Ransomware payments"))
        #expect(desk.screen.contains("We acknowledge receipt, on 20 January 2026"))
        #expect(!FileManager.default.fileExists(atPath: path + ".txt"))
        #expect(try store.events(of: .ref("IN-MLA-2026-0001")).count == before)
        desk.press("yes", in: .question)
        #expect(desk.state.overlays.isEmpty)
        let saved = try String(contentsOfFile: path + ".txt", encoding: .utf8)
        #expect(saved == preview.letter?.draft.letter.text)
        let mode = try FileManager.default.attributesOfItem(atPath: path + ".txt")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let last = try #require(try store.events(of: .ref("IN-MLA-2026-0001")).last)
        #expect(last.action == .letterProduced && last.payload.letter == .acknowledgement && last.payload.language == "en")
        #expect(desk.screen.contains("acknowledgement letter saved"))
        // The same file again is refused, and nothing more is recorded.
        desk.press("letter", in: .caseFile)
        for _ in 0..<3 { desk.press("nextField") }
        desk.key(.ctrl("u"))
        desk.type(path)
        desk.press("save")
        desk.press("yes", in: .question)
        #expect(desk.screen.contains("exists"))
        #expect(try store.events(of: .ref("IN-MLA-2026-0001")).count == before + 1)
    }

    @Test func aLongPreviewScrolls() throws {
        let desk = DeskHarness(store: try Fixtures.office(), width: 80, height: 16)
        try desk.openCase("IN-MLA-2026-0001")
        desk.press("letter", in: .caseFile)
        desk.press("save")
        guard case .detail? = desk.state.overlays.last else { Issue.record("no preview:\n\(desk.screen)"); return }
        #expect(desk.screen.contains("Central Authority of Ruritania") && !desk.screen.contains("Yours faithfully"))
        desk.press("bottom")
        #expect(desk.screen.contains("Yours faithfully") && desk.screen.contains("a.moreau"), "\(desk.screen)")
        desk.press("top")
        #expect(!desk.screen.contains("Yours faithfully"))
        desk.press("cancel")
        guard case .form? = desk.state.overlays.last else { Issue.record("esc should go back to the form"); return }
    }

    @Test func noLetterMakesSenseSaysSo() throws {
        let store = try Fixtures.emptyStore()
        try Fixtures.register(store, .outgoing, .preservation, from: "FRA", on: "2026-02-01", title: "Logs")
        let file = try store.caseFile(.ref("OUT-PRES-2026-0001"))
        try Fixtures.act(store, file, .withdraw, ActionInputs(on: Fixtures.date("2026-02-02")))
        let desk = DeskHarness(store: store)
        desk.state.openCase(.ref("OUT-PRES-2026-0001"), env: desk.env)
        desk.press("letter", in: .caseFile)
        #expect(desk.state.overlays.isEmpty)
        #expect(desk.screen.contains("no letter makes sense"))
    }
}

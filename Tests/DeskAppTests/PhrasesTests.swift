import CaseStore
import Casework
import Foundation
import TerminalKit
import Testing
@testable import DeskApp

/// The date a case starts from is named by its direction: received (incoming), drafted
/// (outgoing, sent later by `send`) — in the form and in what the engine's refusal says of it.
@Suite struct PhrasesTests {
    @Test(arguments: [(Direction.incoming, "Received on"), (Direction.outgoing, "Drafted on")])
    func theStartingDateIsNamedByDirection(direction: Direction, label: String) throws {
        #expect(Phrases.label(.received, direction: direction) == label)
        let desk = DeskHarness(store: try Fixtures.office())
        NewCaseForm.open(direction: direction, kind: .preservation, state: &desk.state, env: desk.env)
        #expect(desk.screen.contains(label + " "), "\(desk.screen)")
        desk.type("USA")
        desk.key(.tab)
        desk.key(.ctrl("u"))
        desk.type("2026-03-05")  // after today, 2026-03-01
        desk.press("save", in: .form)
        guard case .form(let dialog)? = desk.state.overlays.last else { Issue.record("the form closed"); return }
        #expect(dialog.form.error?.contains("“\(label)” 2026-03-05 is after today 2026-03-01") == true, "\(dialog.form.error ?? "")")
        #expect(!(dialog.form.error ?? "").contains(label == "Drafted on" ? "Received on" : "Drafted on"))
    }
}

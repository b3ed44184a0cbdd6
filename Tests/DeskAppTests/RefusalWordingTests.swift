import CaseStore
import Casework
import Foundation
import Testing
@testable import DeskApp

/// The engine names the inputs a rule concerns; the desk names them as its fields, the command
/// line as its options. An officer in the Execute dialog never reads `--until`.
@Suite struct RefusalWordingTests {
    func executeWithoutPeriod() throws -> CaseworkError {
        let day = CivilDate("2026-01-05")!
        let context = CaseContext(today: day, now: Date(timeIntervalSince1970: 1_800_000_000), actor: "a.moreau",
                                  role: .officer, makeID: { UUID() })
        let r = Registration(direction: .incoming, kind: .mla, counterpart: "FRA", received: day,
                             purposes: [.realtimeTraffic])
        var events = [try Engine.register(r, id: UUID(), ref: "IN-MLA-2026-0001", context: context)]
        events += try Engine.decide(.assess, ActionInputs(), on: Engine.fold(events), context: context)
        do {
            _ = try Engine.decide(.execute, ActionInputs(authority: "Prosecutor"), on: Engine.fold(events), context: context)
        } catch { return error }
        Issue.record("execute without a period was not refused")
        return CaseworkError(.usage, "", "")
    }

    @Test func theRuleCarriesTheInputAndEachFrontEndNamesIt() throws {
        let error = try executeWithoutPeriod()
        #expect(error.inputs == [.until])
        #expect(error.article == "45.3(f)")
        // The command line keeps its options…
        #expect(error.description == "execute: real-time collection needs its period: --until, the end of collection (art. 45.3(f))")
        // …the desk names the field of its dialog.
        #expect(DeskState.describe(StoreError.refused(error))
                == "execute: real-time collection needs its period: “Until”, the end of collection (art. 45.3(f))")
    }

    @Test func aReviewDateIsCalledWhatTheFormCallsIt() {
        let error = CaseworkError(.refused, "postpone", "\(input: .until) is required", article: "40.27")
        #expect(Phrases.refusal(error) == "postpone: “Review on” is required (art. 40.27)")
        #expect(error.message == "--until is required")
    }
}

import Foundation
import Testing
@testable import Casework

/// An action is a closed enum, so a misspelt one does not compile; what remains to check is that
/// a rule names an action where it can happen: a deadline rule naming an action no workflow it
/// applies to declares would silently never start or meet.
@Suite struct ActionNamingTests {
    @Test(arguments: WorkflowID.all)
    func everyActionADeadlineRuleNamesForThisWorkflowIsInItsTable(_ w: WorkflowID) {
        let table = Set(Workflow.table(for: w).actions.map(\.name))
        for rule in DeadlineRule.all {
            for named in rule.namedActions where named.condition.workflows?.contains(w) == true {
                #expect(table.contains(named.action), "\(rule.kind) names \(named.action) for \(w) cases, which have no such action")
            }
        }
    }

    @Test func everyActionADeadlineRuleNamesHappensInSomeWorkflowItAppliesTo() {
        for rule in DeadlineRule.all {
            for named in rule.namedActions {
                let somewhere = WorkflowID.all.contains { w in
                    named.condition.allows(w) && Workflow.table(for: w).action(named.action) != nil
                }
                #expect(somewhere, "\(rule.kind) names \(named.action) under \(named.condition), which no workflow allows")
            }
        }
    }

    @Test func everyActionIsDeclaredBySomeWorkflow() {
        let declared = Set(WorkflowID.all.flatMap { Workflow.table(for: $0).actions.map(\.name) })
        // `purge` is recorded by `cadesk purge` across cases (art. 36), never offered on one;
        // `diverged` by `cadesk import` when two copies changed a case apart (issue 13).
        #expect(Set(Action.allCases).subtracting(declared) == [.purge, .diverged])
    }

    @Test func aTypedActionIsParsedOrRefusedAsUsage() throws {
        #expect(try Action.parse("mla-received") == .mlaReceived)
        #expect(throws: CaseworkError(.usage, "frobnicate", "unknown action")) { try Action.parse("frobnicate") }
    }

    @Test func anUnknownStoredTypeIsNotAnEventType() {
        #expect(EventType(rawValue: "registered") == .registered)
        #expect(EventType(rawValue: "extend") == .action(.extend))
        #expect(EventType(rawValue: "extnd") == nil)
    }
}

/// The requested deadline and its reasons go together (40.26), decided once, in `Engine.register`.
@Suite struct RequestedDeadlineReasonTests {
    func register(deadline: CivilDate?, reason: String?) -> CaseworkError? {
        var r = Registration(direction: .incoming, kind: .mla, counterpart: "FRA", received: day0,
                             items: fullItems(.mla))
        r.requestedDeadline = deadline
        r.requestedDeadlineReason = reason
        do {
            _ = try Engine.register(r, id: UUID(), ref: "IN-MLA-2026-0001", context: context())
            return nil
        } catch { return error }
    }

    @Test func aDeadlineWithoutReasonsIsAUsageError() {
        for reason in [nil, "", "   "] {
            let error = register(deadline: date("2026-03-01"), reason: reason)
            #expect(error?.kind == .usage, "reason \(String(describing: reason))")
            #expect(error?.article == "40.26")
        }
        #expect(register(deadline: nil, reason: "trial")?.kind == .usage)
        #expect(register(deadline: date("2026-03-01"), reason: "trial date") == nil)
    }
}

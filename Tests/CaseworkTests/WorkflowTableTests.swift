import Foundation
import Testing
@testable import Casework

/// Table-driven: every action of every workflow from every allowed state reaches the declared
/// target, and is refused from every other state with a message naming the state.
struct WorkflowTableTests {
    static let mlaLinkID = UUID()
    static let linkedMLA = try! decidedMLA(id: mlaLinkID)
    static let outgoingLinkID = UUID()
    static let sentMLA = try! followUpMLA(id: outgoingLinkID, direction: .outgoing)

    static func policy() -> Policy {
        var p = Policy()
        p.consultBeforeAllRefusals = false
        p.consultBeforePreservationRefusal = false
        return p
    }

    static func ctx() -> CaseContext {
        context(policy: policy(), linked: [mlaLinkID: linkedMLA, outgoingLinkID: sentMLA])
    }

    typealias Step = (Action, ActionInputs)

    static func on(_ i: ActionInputs = ActionInputs()) -> ActionInputs { var i = i; if i.on == nil { i.on = day0 }; return i }

    /// Valid inputs for each action (the date left to the caller).
    static func inputs(_ action: Action, _ w: WorkflowID, file: CaseFile) -> ActionInputs {
        switch action {
        case .note, .attach, .consentRequested, .exculpatoryDisclosure, .requestInformation,
             .informationRequested, .partialExecution, .complete, .executed:
            return ActionInputs(note: "n")
        case .assign: return ActionInputs(officer: "j.okafor")
        case .edit: return ActionInputs(title: "new title")
        case .setDeadline: return ActionInputs(reason: "trial", until: date("2026-12-01"))
        case .consult: return ActionInputs(reason: "r", proposal: .refuse)
        case .execute: return ActionInputs(authority: "prosecutor")
        case .postpone, .postponedByCounterpart: return ActionInputs(reason: "r", until: date("2026-12-01"))
        case .refuse, .partialRefusal:
            return ActionInputs(grounds: [w.kind == .mla ? "40.8-de-minimis" : "40.21b"], reason: "r")
        case .refuseDisclosure: return ActionInputs(grounds: ["40.21b"], reason: "r")
        case .refusedByCounterpart, .partiallyRefusedByCounterpart: return ActionInputs(reason: "r")
        case .notifyRisk: return ActionInputs(reason: "r")
        case .preserve: return ActionInputs(custodian: "ExampleHost")
        case .mlaReceived: return ActionInputs(link: linkTo(.incoming, .mla, id: mlaLinkID))
        case .sendMLA: return ActionInputs(link: linkTo(.outgoing, .mla, id: outgoingLinkID, ref: "OUT-MLA-2026-0001"))
        case .link: return ActionInputs(link: linkTo(.outgoing, .mla, ref: "OUT-MLA-2026-0002"))
        case .discloseTraffic: return ActionInputs(provider: "p", to: "DEU", note: "path")
        case .send: return ActionInputs(oral: true, agreed: true)
        case .extensionGranted: return ActionInputs(days: 30)
        case .conditionsProposed, .dataTransferConditions: return ActionInputs(conditions: "only for case X")
        case .acceptConditions: return ActionInputs(conditions: "only for case X")
        case .onwardTransferRequested: return ActionInputs(to: "EUROPOL")
        case .reopen: return ActionInputs(reason: "mistake")
        // The first letter that makes sense here, else one that does not (the guard refuses it).
        case .letterProduced: return ActionInputs(letter: Engine.lettersOffered(for: file).first ?? .mlaRequest, language: "en")
        case .resolveConflict: return ActionInputs(reason: "kept headquarters' events", keep: "HQ")
        case .void:
            let last = file.applied.last { $0.type != .registered }
            return ActionInputs(reason: "mistake", event: last?.id ?? file.events[0].id)
        default: return ActionInputs()
        }
    }

    /// Paths from registration to each state.
    static func path(to state: CaseState, _ w: WorkflowID) -> [Step] {
        let i = { (a: Action) in (a, on(inputs(a, w, file: CaseFile(id: UUID(), ref: "", direction: w.direction, kind: w.kind, state: .draft, received: day0)))) }
        switch (w.direction, w.kind) {
        case (.incoming, .mla):
            switch state {
            case .received: return []
            case .assessing: return [i(.assess)]
            case .awaitingInformation: return [i(.assess), i(.requestInformation)]
            case .consultation: return [i(.assess), i(.consult)]
            case .executing: return [i(.assess), i(.execute)]
            case .postponed: return [i(.assess), (.consult, on(ActionInputs(reason: "r", proposal: .postpone))), i(.postpone)]
            case .executed: return [i(.assess), i(.execute), i(.complete)]
            case .refused: return [i(.assess), i(.consult), i(.refuse)]
            case .withdrawn: return [i(.withdraw)]
            case .closed: return [i(.withdraw), i(.close)]
            default: fatalError()
            }
        case (.incoming, .preservation):
            switch state {
            case .received: return []
            case .awaitingDecision: return [i(.notifyRisk)]
            case .consultation: return [i(.consult)]
            case .preserved: return [i(.preserve)]
            case .pendingMLA: return [i(.preserve), i(.mlaReceived)]
            case .refused: return [i(.consult), i(.refuse)]
            case .released: return [i(.preserve), i(.mlaReceived), i(.release)]
            case .withdrawn: return [i(.preserve), i(.withdraw)]
            case .closed: return [i(.preserve), i(.withdraw), i(.close)]
            default: fatalError()
            }
        case (.outgoing, .preservation):
            switch state {
            case .draft: return []
            case .sent: return [i(.send)]
            case .awaitingOurDecision: return [i(.send), i(.riskNotified)]
            case .preserved: return [i(.send), i(.confirmPreserved)]
            case .mlaSent: return [i(.send), i(.sendMLA)]
            case .refused: return [i(.send), i(.refusedByCounterpart)]
            case .lapsed: return [i(.send), i(.confirmPreserved), (.lapse, ActionInputs())]
            case .withdrawn: return [i(.withdraw)]
            case .closed: return [i(.withdraw), i(.close)]
            default: fatalError()
            }
        case (.outgoing, .mla):
            switch state {
            case .draft: return []
            case .sent: return [i(.send)]
            case .acknowledged: return [i(.send), i(.acknowledged)]
            case .informationRequested: return [i(.send), i(.informationRequested)]
            case .executing: return [i(.send), i(.executing)]
            case .postponed: return [i(.send), i(.executing), i(.postponedByCounterpart)]
            case .executed: return [i(.send), i(.executed)]
            case .refused: return [i(.send), i(.refusedByCounterpart)]
            case .withdrawn: return [i(.withdraw)]
            case .closed: return [i(.withdraw), i(.close)]
            default: fatalError()
            }
        }
    }

    static func desk(in state: CaseState, _ w: WorkflowID) throws -> Desk {
        var d = try Desk(w.direction, w.kind, urgency: .urgent, oral: w.direction == .incoming, ctx: ctx())
        for (action, inputs) in path(to: state, w) { try d.act(action, inputs) }
        #expect(d.state == state, "path to \(state) in \(w)")
        return d
    }

    /// Guards that legitimately refuse an action in a state where the table allows it.
    static func guardRefuses(_ action: Action, _ w: WorkflowID, _ state: CaseState, _ file: CaseFile) -> Bool {
        switch action {
        case .writtenConfirmationReceived: return w.direction == .outgoing
        case .confirmedInWriting: return w.direction == .incoming || state == .draft || !file.sentOrally
        case .void: return file.applied.allSatisfy { $0.type == .registered }
        // A letter is recorded only where one makes sense (issue 11): none in a withdrawn case.
        case .letterProduced: return Engine.lettersOffered(for: file).isEmpty
        // The answer to an extension request needs the request (42.9); conditions, a proposal (40.28).
        case .extensionGranted, .extensionRefused: return !file.extensionRequestPending
        case .acceptConditions: return file.proposedConditions == nil
        // Only a case two copies changed apart is resolved (issue 13; ConflictTests).
        case .resolveConflict: return file.conflict == nil
        default: return false
        }
    }

    static let cases: [(WorkflowID, Action)] = WorkflowID.all.flatMap { w in
        Workflow.table(for: w).actions.map { (w, $0.name) }
    }

    @Test(arguments: cases)
    func actionFromEveryState(_ w: WorkflowID, _ action: Action) throws {
        let table = Workflow.table(for: w)
        let spec = try #require(table.action(action))
        for state in table.states {
            let d = try Self.desk(in: state, w)
            let file = d.file
            var inputs = Self.inputs(action, w, file: file)
            inputs.on = [.release, .lapse].contains(action) ? farToday : file.latestEffective
            if let target = spec.target(from: state) {
                if Self.guardRefuses(action, w, state, file) {
                    let error = d.refusal(action, inputs)
                    #expect(error?.kind == .refused, "\(w) \(action) from \(state)")
                    continue
                }
                let events: [CaseEvent]
                do { events = try Engine.decide(action, inputs, on: file, context: d.ctx) }
                catch { Issue.record("\(w) \(action) from \(state): \(error)"); continue }
                let after = Engine.fold(d.events + events)
                var expected: CaseState
                switch target {
                case .state(let s): expected = s
                case .same: expected = state
                case .previous: expected = file.returnState!
                case .closedFrom: expected = file.closedFrom!
                }
                if action == .void {
                    // As if the voided event had not happened.
                    expected = Engine.fold(d.events.filter { $0.id != inputs.event }).state
                }
                #expect(after.state == expected, "\(w) \(action) from \(state)")
                #expect(events.count == 1 && events[0].action == action)
                #expect(events[0].payload.toState == expected)
            } else {
                let error = d.refusal(action, inputs)
                #expect(error?.kind == .refused, "\(w) \(action) from \(state): \(String(describing: error))")
                if Engine.consultationGated.contains(action) && state != .closed
                    && file.table.action(.consult)?.target(from: state) != nil {
                    // Where a consultation could be opened, that is the rule named (40.28).
                    #expect(error?.article == "40.28" && error?.rule == .consultFirst,
                            "\(w) \(action) from \(state): \(String(describing: error))")
                    continue
                }
                #expect(error?.rule == (state == .closed ? .closed : .notInState(state)),
                        "\(w) \(action) from \(state): \(String(describing: error))")
                if !spec.article.isEmpty { #expect(error?.article == spec.article) }
            }
        }
    }

    /// The text of `cadesk workflow` does not present a refusal from outside consultation as
    /// unconditional: it says the policy (and, for MLA, the grounds) it depends on.
    @Test func theTableTextSaysWhenARefusalMaySkipConsultation() {
        let mla = Workflow.table(for: WorkflowID(.incoming, .mla)).text()
        #expect(mla.contains("      from assessing only without a 40.21 ground and when office policy does not require consulting first (art. 40.28)"))
        let preservation = Workflow.table(for: WorkflowID(.incoming, .preservation)).text()
        #expect(preservation.contains("      from received, awaiting-decision only when office policy does not require consulting first (art. 40.28)"))
        #expect(!Workflow.table(for: WorkflowID(.outgoing, .mla)).text().contains("consulting first"))
    }

    @Test func everyStateIsReachableAndDeclared() throws {
        for w in WorkflowID.all {
            let table = Workflow.table(for: w)
            for state in table.states { _ = try Self.desk(in: state, w) }
            for spec in table.actions {
                #expect(spec.from.allSatisfy(table.states.contains), "\(w) \(spec.name)")
                if case .state(let s) = spec.to { #expect(table.states.contains(s)) }
            }
        }
    }

    @Test func dotAndTextComeFromTheTable() {
        let w = Workflow.table(for: WorkflowID(.incoming, .preservation))
        let dot = w.dot()
        #expect(dot.hasPrefix("digraph incoming_preservation {"))
        #expect(dot.contains("\"preserved\" -> \"pending-mla\" [label=\"mla-received\\n42.8\"]"))
        #expect(dot.contains("\"released\" [shape=doublecircle]"))
        #expect(dot.contains("\"closed\" -> \"withdrawn\" [label=\"reopen\", style=dashed]"))
        let mla = Workflow.table(for: WorkflowID(.incoming, .mla)).dot()
        #expect(mla.contains("\"awaiting-information\" -> \"executing\" [label=\"information-received\\n40.16\", style=dashed]"))
        #expect(!mla.contains("\"closed\" -> \"closed\""))
        let text = w.text()
        #expect(text.contains("  extend: preserved -> same  [art. 42.9]"))
        #expect(text.contains("void: any state -> same  (supervisor)"))
    }
}

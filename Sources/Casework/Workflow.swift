import Foundation

/// Where an action takes a case.
public enum TransitionTarget: Hashable, Sendable, Codable, CustomStringConvertible {
    case state(CaseState)
    /// Stays where it is.
    case same
    /// Back to the state it came from (`information-received`, `information-sent`).
    case previous
    /// Back to the state it was closed from (`reopen`).
    case closedFrom

    public var description: String {
        switch self {
        case .state(let s): return s.rawValue
        case .same: return "same"
        case .previous: return "previous"
        case .closedFrom: return "closed-from"
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        switch text {
        case "same": self = .same
        case "previous": self = .previous
        case "closed-from": self = .closedFrom
        default:
            guard let s = CaseState(rawValue: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a target: \(text)"))
            }
            self = .state(s)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Which states an action is declared from: its rows, every open state, or every state
/// (the obligations that outlast a case, also after closing).
public enum ActionScope: String, Codable, Sendable {
    case rows
    case anyOpen = "any-open"
    case anyState = "any-state"
}

/// One row of a workflow table: from these states the action leads there.
public struct Transition: Hashable, Sendable, Codable {
    public let from: [CaseState]
    public let to: TransitionTarget
    public init(from: [CaseState], to: TransitionTarget) { self.from = from; self.to = to }
}

/// An action as declared in a workflow table: the engine, `case actions`, the help screen and
/// `cadesk workflow` all read these.
public struct ActionSpec: Hashable, Sendable, Codable {
    public let name: Action
    public let scope: ActionScope
    /// The rows, with the scope's states already expanded.
    public let transitions: [Transition]
    public let required: [ActionInput]
    public let optional: [ActionInput]
    /// The article the action comes from (empty: office practice).
    public let article: String
    public let help: String
    public let minimumRole: Role

    /// Every state the action is declared from.
    public var from: [CaseState] {
        var seen = Set<CaseState>()
        return transitions.flatMap(\.from).filter { seen.insert($0).inserted }
    }
    /// The target of the first row (most actions have one).
    public var to: TransitionTarget { transitions.first?.to ?? .same }

    /// Where the action leads from `state`, or nil when it is not declared from there.
    public func target(from state: CaseState) -> TransitionTarget? {
        transitions.first { $0.from.contains(state) }?.to
    }
}

/// A workflow declared as data (WORKFLOWS.md §5): states, terminal states, actions.
public struct Workflow: Sendable, Hashable {
    public let id: WorkflowID
    public let states: [CaseState]
    /// Bold in §5: reaching one cancels open deadlines (except release-due).
    public let terminal: Set<CaseState>
    public let initial: CaseState
    public let actions: [ActionSpec]

    public func isOpen(_ state: CaseState) -> Bool { !terminal.contains(state) && state != .closed }

    public func action(_ name: Action) -> ActionSpec? { actions.first { $0.name == name } }


    public static func table(for id: WorkflowID) -> Workflow {
        switch (id.direction, id.kind) {
        case (.incoming, .mla): return incomingMLA
        case (.incoming, .preservation): return incomingPreservation
        case (.outgoing, .preservation): return outgoingPreservation
        case (.outgoing, .mla): return outgoingMLA
        }
    }

    public static let all: [Workflow] = WorkflowID.all.map { table(for: $0) }
}

// MARK: - Declaring the tables

/// An action as written in a table, before its scope is expanded into rows.
struct ActionRow {
    var name: Action
    var scope: ActionScope = .rows
    var rows: [Transition] = []
    /// For scoped actions: where they lead.
    var scopedTarget: TransitionTarget = .same
    var required: [ActionInput] = []
    var optional: [ActionInput] = []
    var article: String
    var help: String
    var role: Role = .officer
    /// For `anyOpen`: open states it is not declared from.
    var except: Set<CaseState> = []
}

private func row(_ name: Action, _ from: [CaseState], _ to: TransitionTarget, req: [ActionInput] = [],
                 opt: [ActionInput] = [], art: String, _ help: String) -> ActionRow {
    ActionRow(name: name, rows: [Transition(from: from, to: to)], required: req, optional: opt, article: art, help: help)
}

private func rows(_ name: Action, _ rows: [Transition], req: [ActionInput] = [], opt: [ActionInput] = [],
                  art: String, _ help: String) -> ActionRow {
    ActionRow(name: name, rows: rows, required: req, optional: opt, article: art, help: help)
}

private func anyOpen(_ name: Action, to: TransitionTarget = .same, req: [ActionInput] = [],
                     opt: [ActionInput] = [], art: String, _ help: String) -> ActionRow {
    ActionRow(name: name, scope: .anyOpen, scopedTarget: to, required: req, optional: opt, article: art, help: help)
}

/// The requested State's answers to an outgoing MLA: "any open" in §5.4, but never from a draft,
/// which it has not received (§5.3 declares the same for a preservation: sent onwards).
private func fromCounterpart(_ name: Action, to: TransitionTarget = .same, req: [ActionInput] = [],
                             opt: [ActionInput] = [], art: String, _ help: String) -> ActionRow {
    ActionRow(name: name, scope: .anyOpen, scopedTarget: to, required: req, optional: opt, article: art, help: help,
              except: [.draft])
}

private func anyState(_ name: Action, req: [ActionInput] = [], opt: [ActionInput] = [],
                      art: String, role: Role = .officer, _ help: String) -> ActionRow {
    ActionRow(name: name, scope: .anyState, scopedTarget: .same, required: req, optional: opt,
              article: art, help: help, role: role)
}

/// In any open state, every workflow (§5).
private let anyOpenActions: [ActionRow] = [
    anyOpen(.note, req: [.note], art: "", "record a note on the case"),
    anyOpen(.assign, req: [.officer], art: "", "assign the case to an officer"),
    anyOpen(.attach, req: [.note], opt: [.attachment], art: "", "record a document received or sent"),
    anyOpen(.edit, opt: [.title, .facts, .offence, .offenceClass, .theirRef, .item, .officer], art: "",
            "correct the title, facts, offence, their reference or checklist items"),
    anyOpen(.setDeadline, req: [.until, .reason], art: "40.26",
            "the requesting State's deadline, with its reasons"),
    anyOpen(.statusInquiry, opt: [.note], art: "40.26",
            "a status inquiry (incoming: starts status-reply)"),
    anyOpen(.statusReply, opt: [.note], art: "40.26", "reply on the status and progress of the request"),
    anyOpen(.confidentialityWarning, opt: [.reason, .note], art: "40.20",
            "we cannot keep the request confidential: inform the requesting State promptly"),
    anyOpen(.costConsultation, opt: [.note], art: "40.30",
            "consult on substantial or extraordinary costs"),
    anyOpen(.writtenConfirmationReceived, opt: [.note], art: "40.13",
            "the oral request was confirmed in writing"),
    anyOpen(.confirmedInWriting, opt: [.note], art: "40.13",
            "our oral request was confirmed in writing"),
    anyOpen(.link, req: [.link], opt: [.note], art: "", "link a related case"),
]

/// In any state, also after closing: obligations that outlast a case (§5).
private let anyStateActions: [ActionRow] = [
    anyState(.consentRequested, req: [.note], art: "40.19",
             "consent asked to use what was furnished in other proceedings"),
    anyState(.consentGranted, opt: [.conditions, .note], art: "40.19", "consent to use in other proceedings given"),
    anyState(.consentRefused, opt: [.reason, .note], art: "40.19", "consent to use in other proceedings refused"),
    anyState(.exculpatoryDisclosure, req: [.note], art: "40.19",
             "exculpatory information disclosed: notice before, or without delay after"),
    anyState(.onwardTransferRequested, req: [.to], opt: [.note], art: "36.3",
             "authorization asked to transfer personal data to a third country or organisation"),
    anyState(.onwardTransferAuthorized, opt: [.to, .conditions, .note], art: "36.3",
             "onward transfer of personal data authorized"),
    anyState(.onwardTransferRefused, opt: [.to, .reason, .note], art: "36.3",
             "onward transfer of personal data refused"),
    anyState(.dataTransferConditions, req: [.conditions], opt: [.note], art: "36.1(b)",
             "conditions imposed on a transfer of personal data"),
    anyState(.letterProduced, req: [.letter], opt: [.language, .note], art: "",
             "a letter to the other State was produced (cadesk letter): which, in which language"),
    anyState(.void, req: [.event, .reason], art: "", role: .supervisor,
             "cancel a mistaken event; the case is computed as if it had not happened"),
    // Issue 13: after a bundle merged two copies' diverging histories, a supervisor keeps one.
    anyState(.resolveConflict, req: [.keep, .reason], art: "", role: .supervisor,
             "keep one copy's events where two copies changed the case apart; the other copy's are voided"),
]

private func reopenRow() -> ActionRow {
    ActionRow(name: .reopen, rows: [Transition(from: [.closed], to: .closedFrom)], required: [.reason],
              article: "", help: "reopen a closed case: back to the state it was closed from", role: .supervisor)
}

private func closeRow(_ from: [CaseState]) -> ActionRow {
    row(.close, from, .state(.closed), opt: [.note], art: "", "close the case")
}

private func withdrawRow(art: String, _ help: String) -> ActionRow {
    anyOpen(.withdraw, to: .state(.withdrawn), opt: [.reason, .note], art: art, help)
}

private let refusalInputs: (req: [ActionInput], opt: [ActionInput]) = ([.ground, .reason], [.treatyArticle, .note])
private let counterpartRefusalInputs: (req: [ActionInput], opt: [ActionInput]) = ([.reason], [.ground, .treatyArticle, .note])

private func build(_ id: WorkflowID, states: [CaseState], terminal: Set<CaseState>, initial: CaseState,
                   _ specific: [ActionRow]) -> Workflow {
    let open = states.filter { !terminal.contains($0) && $0 != .closed }
    let declared = specific + anyOpenActions + anyStateActions + [reopenRow()]
    let actions = declared.map { a -> ActionSpec in
        let transitions: [Transition]
        switch a.scope {
        case .rows: transitions = a.rows
        case .anyOpen: transitions = [Transition(from: open.filter { !a.except.contains($0) }, to: a.scopedTarget)]
        case .anyState: transitions = [Transition(from: states, to: a.scopedTarget)]
        }
        return ActionSpec(name: a.name, scope: a.scope, transitions: transitions, required: a.required,
                          optional: a.optional, article: a.article, help: a.help, minimumRole: a.role)
    }
    return Workflow(id: id, states: states, terminal: terminal, initial: initial, actions: actions)
}

extension Workflow {
    /// §5.1 Incoming MLA (we execute; 40, 44–46).
    static let incomingMLA: Workflow = build(
        WorkflowID(.incoming, .mla),
        states: [.received, .assessing, .awaitingInformation, .consultation, .executing, .postponed,
                 .executed, .refused, .withdrawn, .closed],
        terminal: [.executed, .refused, .withdrawn], initial: .received, [
            row(.assess, [.received], .state(.assessing), opt: [.note], art: "40.12(b)",
                "start assessing the request (acknowledges it)"),
            row(.requestInformation, [.received, .assessing, .executing], .state(.awaitingInformation),
                req: [.note], opt: [.until], art: "40.16", "ask for additional information (what is needed)"),
            row(.informationReceived, [.awaitingInformation], .previous, opt: [.note], art: "40.16",
                "the additional information arrived"),
            row(.consult, [.assessing, .awaitingInformation, .executing, .postponed], .state(.consultation),
                req: [.proposal, .reason], opt: [.note], art: "40.28",
                "consult the requesting State before refusing or postponing"),
            row(.execute, [.assessing, .consultation, .postponed], .state(.executing),
                req: [.authority], opt: [.conditions, .until, .note], art: "40.12(b)",
                "transmit for execution (real-time collection or interception: --until ends it, arts. 45.3(f), 24.2)"),
            row(.postpone, [.consultation], .state(.postponed), req: [.reason, .until], art: "40.27",
                "postpone: it interferes with an ongoing investigation, prosecution or proceeding"),
            rows(.refuse, [Transition(from: [.consultation, .assessing], to: .state(.refused))],
                 req: refusalInputs.req, opt: refusalInputs.opt, art: "40.21",
                 "refuse on allowed grounds, with written reasons (40.25)"),
            row(.partialRefusal, [.consultation], .state(.executing),
                req: refusalInputs.req, opt: refusalInputs.opt, art: "40.21",
                "refuse part of the request; the rest is executed"),
            row(.partialExecution, [.executing], .same, req: [.note], art: "40.12(b)",
                "part of the assistance was transmitted"),
            row(.complete, [.executing], .state(.executed), req: [.note], opt: [.conditions], art: "40.19",
                "the assistance was transmitted (use limitations)"),
            withdrawRow(art: "40.26", "the requesting State no longer requires the assistance"),
            closeRow([.executed, .refused, .withdrawn]),
        ])

    /// §5.2 Incoming preservation (42, 43).
    static let incomingPreservation: Workflow = build(
        WorkflowID(.incoming, .preservation),
        states: [.received, .awaitingDecision, .consultation, .preserved, .pendingMLA,
                 .refused, .released, .withdrawn, .closed],
        terminal: [.refused, .released, .withdrawn], initial: .received, [
            // 42.7 "promptly": also once the follow-up request is pending, while data are held.
            rows(.notifyRisk, [Transition(from: [.received], to: .state(.awaitingDecision)),
                                 Transition(from: [.preserved, .pendingMLA], to: .same)],
                 req: [.reason], opt: [.note], art: "42.7",
                 "preservation will not ensure availability, or threatens confidentiality: inform promptly"),
            // From consultation too: consulting is to see whether assistance can be granted on
            // conditions (40.28), so preserving must remain possible after it.
            row(.preserve, [.received, .awaitingDecision, .consultation], .state(.preserved),
                req: [.custodian], opt: [.days, .conditions, .note], art: "42.8",
                "preservation effected: custodian, days (\(PreservationPeriod.preservation.allowedText))"),
            row(.extend, [.preserved], .same, opt: [.days, .note], art: "42.9",
                "the requesting State asked, before expiry, to extend the period"),
            row(.mlaReceived, [.preserved], .state(.pendingMLA), req: [.link], art: "42.8",
                "the follow-up MLA request arrived (same State, asking for the data): data stay preserved pending the decision"),
            row(.discloseTraffic, [.received, .preserved, .pendingMLA], .same,
                req: [.to, .provider, .note], art: "43.1",
                "a service provider in another State (not ours) was involved: State, provider, what was disclosed"),
            row(.refuseDisclosure, [.received, .preserved, .pendingMLA], .same,
                req: refusalInputs.req, opt: [.note], art: "43.2", "refuse the art. 43 disclosure"),
            row(.consult, [.received, .awaitingDecision], .state(.consultation),
                req: [.proposal, .reason], opt: [.note], art: "40.28",
                "consult the requesting State before refusing"),
            rows(.refuse, [Transition(from: [.consultation, .received, .awaitingDecision], to: .state(.refused))],
                 req: refusalInputs.req, opt: [.note], art: "42.6",
                 "refuse on the grounds of 42.6, with written reasons"),
            rows(.release, [Transition(from: [.preserved, .pendingMLA], to: .state(.released))],
                 opt: [.note], art: "42.8", "release the data: period over, or the follow-up MLA decided"),
            withdrawRow(art: "42.8", "the requesting State no longer needs the data (tell the custodian)"),
            row(.dataReleased, [.withdrawn, .closed], .same, opt: [.note], art: "42.8",
                "the custodian was told to release the data"),
            closeRow([.refused, .released, .withdrawn]),
        ])

    /// §5.3 Outgoing preservation (we request; 42).
    static let outgoingPreservation: Workflow = build(
        WorkflowID(.outgoing, .preservation),
        states: [.draft, .sent, .awaitingOurDecision, .preserved, .mlaSent, .refused, .lapsed,
                 .withdrawn, .closed],
        terminal: [.refused, .lapsed, .withdrawn], initial: .draft, [
            row(.send, [.draft], .state(.sent), opt: [.channel, .oral, .agreed, .note], art: "42.3",
                "send the request (42.3 checklist complete; oral only when urgent and agreed)"),
            row(.riskNotified, [.sent], .state(.awaitingOurDecision), opt: [.reason, .note], art: "42.7",
                "the requested State warns that preservation may not suffice: decide"),
            row(.proceed, [.awaitingOurDecision], .state(.sent), opt: [.note], art: "42.7",
                "we decide the request should nevertheless be executed"),
            row(.confirmPreserved, [.sent], .state(.preserved), opt: [.days, .note], art: "42.8",
                "the counterpart preserved the data (--on: the date they did)"),
            row(.requestExtension, [.preserved], .same, opt: [.note], art: "42.9",
                "ask for an extension before the period ends"),
            row(.extensionGranted, [.preserved], .same, opt: [.until, .days, .note], art: "42.9",
                "the extension asked for was granted: new end (--until) or added days (--days)"),
            // The requested State declines the extension only: the preservation goes on to its
            // current end (42.8), it is not a refusal of the request.
            row(.extensionRefused, [.preserved], .same, opt: [.reason, .note], art: "42.9",
                "the extension was declined: the preservation runs to its current end"),
            row(.sendMLA, [.sent, .preserved], .state(.mlaSent), req: [.link], art: "42.8",
                "the follow-up MLA request was sent (same State, asking for the data, already sent)"),
            row(.refusedByCounterpart, [.sent, .awaitingOurDecision, .preserved], .state(.refused),
                req: counterpartRefusalInputs.req, opt: counterpartRefusalInputs.opt, art: "42.6",
                "the requested State refused: grounds and reasons as received"),
            row(.lapse, [.preserved], .state(.lapsed), opt: [.note], art: "42.8",
                "the period ended without a follow-up request"),
            withdrawRow(art: "42.8", "we no longer need the data"),
            closeRow([.mlaSent, .refused, .lapsed, .withdrawn]),
        ])

    /// §5.4 Outgoing MLA (we request; 40, 44–46).
    static let outgoingMLA: Workflow = build(
        WorkflowID(.outgoing, .mla),
        states: [.draft, .sent, .acknowledged, .informationRequested, .executing, .postponed,
                 .executed, .refused, .withdrawn, .closed],
        terminal: [.executed, .refused, .withdrawn], initial: .draft, [
            row(.send, [.draft], .state(.sent), opt: [.channel, .oral, .agreed, .note], art: "40.15",
                "send the request (40.15 checklist complete, 45.3 for real-time traffic; INTERPOL only urgent and --agreed)"),
            row(.acknowledged, [.sent], .state(.acknowledged), opt: [.note], art: "40.26",
                "the requested State acknowledged receipt"),
            row(.informationRequested, [.sent, .acknowledged, .executing], .state(.informationRequested),
                req: [.note], opt: [.until], art: "40.16", "they need more information (what)"),
            row(.informationSent, [.informationRequested], .previous, opt: [.note], art: "40.16",
                "we sent the additional information"),
            row(.executing, [.sent, .acknowledged], .state(.executing), opt: [.note], art: "40.26",
                "the requested State is executing"),
            // From postponed it records a new review date, which replaces the old (§2's lifecycle:
            // postponement-review is "replaced by a new review date"; no other action can).
            rows(.postponedByCounterpart, [Transition(from: [.acknowledged, .executing], to: .state(.postponed)),
                                              Transition(from: [.postponed], to: .same)],
                 req: [.reason, .until], art: "40.27", "the requested State postponed (again: a new review date): reasons, review date"),
            row(.resumed, [.postponed], .state(.executing), opt: [.note], art: "40.27", "execution resumed"),
            fromCounterpart(.conditionsProposed, req: [.conditions], opt: [.note], art: "40.28",
                    "the requested State proposes conditions instead of refusing or postponing"),
            fromCounterpart(.acceptConditions, opt: [.conditions, .note], art: "40.28",
                    "we accept the conditions proposed: they become use limitations we must comply with"),
            fromCounterpart(.declineConditions, opt: [.reason, .note], art: "40.28", "we decline the conditions"),
            fromCounterpart(.partiallyRefusedByCounterpart, req: counterpartRefusalInputs.req,
                    opt: counterpartRefusalInputs.opt, art: "40.21",
                    "part of the request was refused: grounds and reasons as received"),
            row(.executed, [.sent, .acknowledged, .executing], .state(.executed),
                req: [.note], opt: [.conditions], art: "40.19", "the assistance was received (use limitations)"),
            fromCounterpart(.refusedByCounterpart, to: .state(.refused), req: counterpartRefusalInputs.req,
                    opt: counterpartRefusalInputs.opt, art: "40.21",
                    "the requested State refused: grounds and reasons as received (flagged where the Convention forbids them)"),
            withdrawRow(art: "40.26", "inform them promptly that the assistance is no longer required"),
            closeRow([.executed, .refused, .withdrawn]),
        ])
}

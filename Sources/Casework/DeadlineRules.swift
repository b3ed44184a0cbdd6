import Foundation

/// When a lifecycle trigger applies, beyond the action's name.
public enum DeadlineCondition: String, Sendable, Hashable {
    case always
    case incoming
    case incomingMLA
    case incomingPreservation
    /// Registered as received orally, or an oral `send` (40.13).
    case oral
    /// Registered with the requesting State's deadline (40.26).
    case withRequestedDeadline
    /// A `withdraw` of an incoming preservation whose data we preserved (§5.2: tell the custodian).
    case fromPreserved
    /// An `execute` of a real-time collection (45) or an interception (46) with its period
    /// (45.3(f); duration limited, 24.2, 24.4).
    case realtimeCollection
}

extension DeadlineCondition {
    /// The workflows the condition confines a trigger to; nil when it does not (an oral request
    /// or a requested deadline can be met in any workflow).
    public var workflows: [WorkflowID]? {
        switch self {
        case .always, .oral, .withRequestedDeadline: return nil
        case .incoming: return WorkflowID.all.filter { $0.direction == .incoming }
        case .incomingMLA, .realtimeCollection: return [WorkflowID(.incoming, .mla)]
        case .incomingPreservation, .fromPreserved: return [WorkflowID(.incoming, .preservation)]
        }
    }

    /// Whether the condition can hold for a case of this workflow.
    public func allows(_ workflow: WorkflowID) -> Bool { workflows?.contains(workflow) ?? true }
}

/// What starts, meets or moves a deadline.
public enum DeadlineTrigger: Sendable, Hashable {
    /// Registering the case, when the condition holds.
    case registered(DeadlineCondition = .always)
    /// Recording this action, when the condition holds.
    case action(Action, DeadlineCondition = .always)
    /// Any event that takes the case out of one of these states.
    case leaving(Set<CaseState>)
    /// When the deadline started in one of these states: the case leaving that state for an
    /// open one. A 42.7 notice on a preserved case keeps it preserved, so the table's states would
    /// never meet its reply; the requesting State's answer is its next step (the follow-up MLA).
    /// Reaching a terminal state still cancels, as for every deadline.
    case leavingWhereItStarted(Set<CaseState>)
    /// Started while the case is already in one of these states: met at once. A deadline asked
    /// for preserving data that are preserved already has nothing left to wait for.
    case startedIn(Set<CaseState>)
    /// The office's first step after registration: an action of ours that changes the state, or
    /// an acknowledgement letter. Not a note, an assignment or an edit, nor what the requesting
    /// State does (a status inquiry, a written confirmation, a withdrawal).
    case ourFirstStep
}

/// How a deadline's due date is computed from the event that starts it.
public enum DeadlinePeriod: Sendable, Hashable {
    /// An office period of the policy, counted from the event's effective date in calendar or
    /// working days as the policy says.
    case office(PolicyPeriod)
    /// A period of the policy always counted in calendar days: preservation is expeditious (42.4)
    /// and the 24/7 network works every day (41).
    case calendarDays(PolicyPeriod)
    /// The event's `--until`, or else an office period.
    case untilOr(PolicyPeriod)
    /// The event's `--until`.
    case until
    /// The Convention's calendar days recorded on the event (`days`, at least 60: 42.8).
    case recordedDays
    /// The requested deadline recorded on the case (registration or `set-deadline`).
    case requestedDeadline
    /// The end of the current preservation period (the reply is needed before it, 42.9).
    case followUpDue
}

/// The office periods of the policy a deadline may use.
public enum PolicyPeriod: String, Sendable, Hashable, CaseIterable {
    case acknowledge, preserveWithin, executionTarget, information, statusReply, consultation,
         writtenConfirmation

    /// The policy keys the period reads.
    var fields: [WritableKeyPath<Policy, Int>] {
        switch self {
        case .acknowledge: return [\.acknowledgeDays]
        case .preserveWithin: return [\.preserveWithinDays]
        case .executionTarget: return [\.executionTargetDays, \.expeditedTargetDays]
        case .information: return [\.informationDays]
        case .statusReply: return [\.statusReplyDays]
        case .consultation: return [\.consultationDays]
        case .writtenConfirmation: return [\.writtenConfirmationDays]
        }
    }

    func days(_ policy: Policy, expedited: Bool) -> Int {
        switch self {
        case .acknowledge: return policy.acknowledgeDays
        case .preserveWithin: return policy.preserveWithinDays
        case .executionTarget: return expedited ? policy.expeditedTargetDays : policy.executionTargetDays
        case .information: return policy.informationDays
        case .statusReply: return policy.statusReplyDays
        case .consultation: return policy.consultationDays
        case .writtenConfirmation: return policy.writtenConfirmationDays
        }
    }
}

/// One row of the deadline lifecycle table of WORKFLOWS.md §2.
public struct DeadlineRule: Sendable, Hashable {
    public let kind: DeadlineKind
    public let article: String
    public let startedBy: [DeadlineTrigger]
    public let metBy: [DeadlineTrigger]
    /// The deadline is suspended while the case is in one of these states: its clock stops and
    /// the days spent there are added to it when the case leaves them.
    public let suspendedIn: Set<CaseState>
    /// Actions that move a running deadline (`extend` adds days; `extension-granted` sets a new end).
    public let movedBy: [Action]
    public let period: DeadlinePeriod

    /// The lifecycle table, as data: the engine, help and tests read it.
    public static let all: [DeadlineRule] = [
        .init(kind: .acknowledgement, article: "40.12(b)",
              startedBy: [.registered(.incoming)], metBy: [.ourFirstStep],
              suspendedIn: [], movedBy: [], period: .office(.acknowledge)),
        .init(kind: .preservationTarget, article: "42.4",
              startedBy: [.registered(.incomingPreservation)],
              metBy: [.action(.preserve), .action(.notifyRisk), .action(.consult), .action(.refuse)],
              suspendedIn: [], movedBy: [], period: .calendarDays(.preserveWithin)),
        .init(kind: .executionTarget, article: "40.26",
              startedBy: [.registered(.incomingMLA)],
              metBy: [.action(.complete), .action(.refuse)],
              suspendedIn: [.postponed, .awaitingInformation], movedBy: [], period: .office(.executionTarget)),
        .init(kind: .writtenConfirmation, article: "40.13",
              startedBy: [.registered(.oral), .action(.send, .oral)],
              metBy: [.action(.writtenConfirmationReceived), .action(.confirmedInWriting)],
              suspendedIn: [], movedBy: [], period: .office(.writtenConfirmation)),
        // Preserving (or the counterpart confirming it) also meets a deadline asked for preservation.
        .init(kind: .requestedDeadline, article: "40.26",
              startedBy: [.registered(.withRequestedDeadline), .action(.setDeadline)],
              metBy: [.action(.complete), .action(.executed), .action(.preserve), .action(.confirmPreserved),
                      .startedIn([.preserved, .pendingMLA, .mlaSent])],
              suspendedIn: [], movedBy: [], period: .requestedDeadline),
        .init(kind: .informationDue, article: "40.16",
              startedBy: [.action(.requestInformation), .action(.informationRequested)],
              metBy: [.action(.informationReceived), .action(.informationSent)],
              suspendedIn: [], movedBy: [], period: .untilOr(.information)),
        .init(kind: .consultationReply, article: "40.28",
              startedBy: [.action(.consult), .action(.notifyRisk), .action(.riskNotified),
                          .action(.conditionsProposed)],
              metBy: [.leaving([.consultation, .awaitingDecision, .awaitingOurDecision]),
                      .leavingWhereItStarted([.preserved, .pendingMLA]),
                      .action(.acceptConditions), .action(.declineConditions)],
              suspendedIn: [], movedBy: [], period: .office(.consultation)),
        .init(kind: .postponementReview, article: "40.27",
              startedBy: [.action(.postpone), .action(.postponedByCounterpart)],
              metBy: [.leaving([.postponed])],
              suspendedIn: [], movedBy: [], period: .until),
        .init(kind: .statusReply, article: "40.26",
              startedBy: [.action(.statusInquiry, .incoming)], metBy: [.action(.statusReply)],
              suspendedIn: [], movedBy: [], period: .office(.statusReply)),
        .init(kind: .preservationExpiry, article: "42.8",
              startedBy: [.action(.preserve)], metBy: [.action(.release), .action(.withdraw)],
              suspendedIn: [.pendingMLA], movedBy: [.extend], period: .recordedDays),
        .init(kind: .followUpMLADue, article: "42.8",
              startedBy: [.action(.confirmPreserved)], metBy: [.action(.sendMLA), .action(.withdraw)],
              suspendedIn: [], movedBy: [.extensionGranted], period: .recordedDays),
        .init(kind: .extensionReply, article: "42.9",
              startedBy: [.action(.requestExtension)],
              metBy: [.action(.extensionGranted), .action(.extensionRefused), .action(.refusedByCounterpart)],
              suspendedIn: [], movedBy: [], period: .followUpDue),
        .init(kind: .collectionEnd, article: "45.3(f)",
              startedBy: [.action(.execute, .realtimeCollection)], metBy: [.action(.complete)],
              suspendedIn: [], movedBy: [], period: .until),
        .init(kind: .releaseDue, article: "42.8",
              startedBy: [.action(.withdraw, .fromPreserved)],
              metBy: [.action(.release), .action(.dataReleased)],
              suspendedIn: [], movedBy: [], period: .office(.acknowledge)),
        // release-due also starts when the follow-up MLA of a pending-mla preservation is
        // decided: that date plus acknowledge_days (Engine.deadlines reads the linked case).
    ]

    /// The actions this rule names (starting, meeting or moving it), each with the condition it
    /// is named under.
    public var namedActions: [(action: Action, condition: DeadlineCondition)] {
        (startedBy + metBy).compactMap { trigger in
            if case .action(let action, let condition) = trigger { return (action, condition) }
            return nil
        } + movedBy.map { ($0, .always) }
    }

    public static func rule(for kind: DeadlineKind) -> DeadlineRule {
        all.first { $0.kind == kind }!
    }
}

extension Policy {
    /// The kinds of deadline whose due dates a change from `old` to this policy can move, so that a
    /// store recomputes only the cases holding one: empty when none can move, nil when any may
    /// (counting in working days changed, or a key the engine cannot narrow down).
    ///
    /// `preservation_days` and `extension_days` move nothing already recorded: an action records
    /// its days when it is decided. Each office period moves the kinds that count with it (and
    /// `extension-reply` falls back on the status-reply period).
    public func deadlineKindsMoved(from old: Policy) -> Set<DeadlineKind>? {
        guard movesDeadlines(comparedTo: old) else { return [] }
        if officePeriodsInWorkingDays != old.officePeriodsInWorkingDays {
            var rest = self
            rest.officePeriodsInWorkingDays = old.officePeriodsInWorkingDays
            // Only office periods count in working days; the Convention's stay in calendar days.
            return rest.movesDeadlines(comparedTo: old) ? nil : DeadlineRule.countedInOfficePeriods
        }
        var probe = self
        var changed = Set<PolicyPeriod>()
        for period in PolicyPeriod.allCases {
            for field in period.fields where probe[keyPath: field] != old[keyPath: field] {
                changed.insert(period)
                probe[keyPath: field] = old[keyPath: field]
            }
        }
        probe.preservationDays = old.preservationDays
        probe.extensionDays = old.extensionDays
        if probe.movesDeadlines(comparedTo: old) { return nil }
        return DeadlineRule.counted(in: changed)
    }
}

extension DeadlineRule {
    /// The kinds whose due dates count with these office periods (`extension-reply` falls back on
    /// the status-reply period).
    public static func counted(in periods: Set<PolicyPeriod>) -> Set<DeadlineKind> {
        var kinds = Set<DeadlineKind>()
        for rule in all {
            switch rule.period {
            case .office(let p), .untilOr(let p), .calendarDays(let p): if periods.contains(p) { kinds.insert(rule.kind) }
            case .followUpDue: if periods.contains(.statusReply) { kinds.insert(rule.kind) }
            case .until, .recordedDays, .requestedDeadline: break
            }
        }
        return kinds
    }

    /// The kinds counted in office periods: the only ones working days and holidays can move
    /// (not those always counted in calendar days).
    public static var countedInOfficePeriods: Set<DeadlineKind> {
        counted(in: Set(PolicyPeriod.allCases)).filter {
            if case .calendarDays = rule(for: $0).period { return false }
            return true
        }
    }
}

import Foundation

/// An event as it stands in a case's history: voided events stay, marked.
public struct FiledEvent: Sendable, Hashable {
    public var event: CaseEvent
    /// Cancelled by a supervisor's `void`: the case is computed as if it had not happened.
    public var voided: Bool
    /// The `void` event that cancelled it.
    public var voidedBy: UUID?
    /// The state before and after it, as the fold applied it (nil for voided and void events).
    public var fromState: CaseState?
    public var toState: CaseState?
    /// Recorded on one copy while another changed the case too (a `diverged` event names it):
    /// that copy's code (`HQ`, `FL2`); nil for the events both copies had in common.
    public var copy: String? = nil
    /// After two copies' histories were merged, the engine did not accept it in the merged order
    /// (effective date, then recorded time): kept in the history, shown as not applied.
    public var notApplied = false

    public var id: UUID { event.id }
    public var type: EventType { event.type }
    /// The action recorded, nil for the registration.
    public var action: Action? { event.type.action }
    /// Applied to the case (not voided, not itself a void).
    public var isApplied: Bool { !voided && event.action != .void && !notApplied }
}

/// Two copies changed a case apart and each recorded state-changing actions (issue 13): the
/// case is computed from the events the engine accepts in merged order until a supervisor keeps
/// one copy's branch (`resolve-conflict`).
public struct CaseConflict: Sendable, Hashable {
    /// Each copy's events still standing (not voided), in merged order.
    public var branches: [CopyBranch]
    public var copies: [String] { branches.map(\.copy) }
    public init(branches: [CopyBranch]) { self.branches = branches }
}

/// A link from this case to another (42.8 follow-up MLA, related cases).
public struct CaseLink: Codable, Sendable, Hashable {
    public var id: UUID
    public var ref: String
    public var direction: Direction
    public var kind: RequestKind
    /// `follow-up-mla` (42.8), `related`.
    public var relation: String
}

/// An art. 43.1 disclosure of preserved traffic data: to which State's service provider the
/// communication led, and what was disclosed to identify it and the path (43.1).
public struct TrafficDisclosure: Codable, Sendable, Hashable {
    public var on: CivilDate
    /// The other State where the provider is, ISO 3166-1 alpha-3.
    public var state: String
    public var provider: String
    /// What was disclosed (the event's note).
    public var disclosed: String
}

/// A case as folded from its events.
public struct CaseFile: Sendable, Hashable {
    public var id: UUID
    public var ref: String
    public var direction: Direction
    public var kind: RequestKind
    public var state: CaseState
    public var counterpart: String = ""
    public var received: CivilDate
    public var title: String = ""
    public var facts: String = ""
    public var offence: String = ""
    public var offenceClass: OffenceClass = .unspecified
    public var purposes: [Purpose] = []
    public var urgency: Urgency = .normal
    public var dataVulnerable = false
    public var receivedOrally = false
    public var confidential = false
    public var noUserNotice = false
    public var channel: Channel = .centralAuthority
    public var basis: LegalBasis = .convention
    public var requestedDeadline: CivilDate?
    public var requestedDeadlineReason: String?
    public var officer: String = ""
    public var registeredBy: String = ""
    public var items: [ChecklistItemID: String] = [:]
    /// The other side's reference for the request (nil until known).
    public var theirRef: String?
    public var links: [CaseLink] = []
    /// Every event in append order, voided ones included and marked. Where two copies changed
    /// the case apart, their branches' events are in merged order (effective date, then recorded
    /// time) from the first of them, so every copy folds the same case.
    public var events: [FiledEvent] = []
    /// Open while two copies' branches both hold state-changing actions nobody voided.
    public var conflict: CaseConflict?
    /// Fields edited on two copies apart (`title`, `item:…`): the case shows the later edit.
    public var editedOnTwoCopies: [String] = []
    /// The state a closed case was closed from (`reopen` returns there).
    public var closedFrom: CaseState?
    /// The state `information-received` / `information-sent` returns to.
    public var returnState: CaseState?
    /// Conditions on the use of what is provided, incl. conditions accepted in consultation (40.19, 40.28).
    public var useLimitations: [String] = []
    /// Conditions the counterpart proposed and we have not yet accepted or declined (40.28).
    public var proposedConditions: String?
    /// Art. 43.1 disclosures made on this preservation, oldest first.
    public var disclosures: [TrafficDisclosure] = []
    public var executingAuthority: String?
    public var custodian: String?
    /// Incoming preservation: the date preservation was effected, and when it ends (42.8, 42.9).
    public var preservedOn: CivilDate?
    public var preservationExpiry: CivilDate?
    /// Outgoing preservation: the date the counterpart preserved, and the follow-up MLA due date.
    public var counterpartPreservedOn: CivilDate?
    public var followUpDue: CivilDate?
    /// Outgoing request sent orally (40.13), and whether confirmed in writing since.
    public var sentOrally = false
    public var confirmedInWriting = false
    /// The day a retention purge blanked the case's personal data (art. 36); nil if never.
    public var purgedOn: CivilDate?
    /// What lists show as the case's title: a purged case has none left, and says so.
    public var titleForLists: String { purgedOn.map { "purged \($0) (art. 36)" } ?? title }
    /// The latest effective date of the events applied: `--on` may not be earlier.
    public var latestEffective: CivilDate

    /// Real-time collection of traffic data (45) or interception of content data (46): both run
    /// for a limited period (45.3(f); 24.2, 24.4), which `execute` records.
    public var collectsInRealTime: Bool { purposes.contains(.realtimeTraffic) || purposes.contains(.interception) }

    public var workflow: WorkflowID { WorkflowID(direction, kind) }
    public var table: Workflow { Workflow.table(for: workflow) }
    public var isOpen: Bool { table.isOpen(state) }
    /// The decision state for a closed case: the state it was closed from.
    public var outcome: CaseState { state == .closed ? (closedFrom ?? state) : state }
    /// Events applied to the case (not voided, not voids), in order.
    public var applied: [FiledEvent] { events.filter(\.isApplied) }

    public init(id: UUID, ref: String, direction: Direction, kind: RequestKind, state: CaseState,
                received: CivilDate) {
        self.id = id; self.ref = ref; self.direction = direction; self.kind = kind
        self.state = state; self.received = received; self.latestEffective = received
    }
}

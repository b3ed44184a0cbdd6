import Foundation

/// The inputs of `cadesk case new` (CLI.md). The engine validates them in `Engine.register`.
public struct Registration: Codable, Sendable, Hashable {
    public var direction: Direction
    public var kind: RequestKind
    /// The other State, ISO 3166-1 alpha-3 (40.12).
    public var counterpart: String
    /// Incoming: the date received. Outgoing: the drafting date.
    public var received: CivilDate
    public var title: String = ""
    public var facts: String = ""
    public var offence: String = ""
    public var offenceClass: OffenceClass = .unspecified
    /// MLA only: the purposes of 40.3.
    public var purposes: [Purpose] = []
    public var urgency: Urgency = .normal
    public var dataVulnerable: Bool = false
    /// Incoming only: received orally, to be confirmed in writing (40.13).
    public var oral: Bool = false
    public var confidential: Bool = false
    public var noUserNotice: Bool = false
    public var channel: Channel = .centralAuthority
    public var basis: LegalBasis = .convention
    /// The requesting State's deadline, with its reasons (40.26).
    public var requestedDeadline: CivilDate?
    public var requestedDeadlineReason: String?
    public var officer: String?
    /// Checklist items by id; `none-available` where the item asks for "any available" information.
    public var items: [ChecklistItemID: String] = [:]
    /// The other side's reference for the request, quoted back in letters.
    public var theirRef: String?

    public init(direction: Direction, kind: RequestKind, counterpart: String, received: CivilDate,
                title: String = "", facts: String = "", offence: String = "",
                offenceClass: OffenceClass = .unspecified, purposes: [Purpose] = [],
                urgency: Urgency = .normal, dataVulnerable: Bool = false, oral: Bool = false,
                confidential: Bool = false, noUserNotice: Bool = false,
                channel: Channel = .centralAuthority, basis: LegalBasis = .convention,
                requestedDeadline: CivilDate? = nil, requestedDeadlineReason: String? = nil,
                officer: String? = nil, items: [ChecklistItemID: String] = [:], theirRef: String? = nil) {
        self.direction = direction; self.kind = kind; self.counterpart = counterpart
        self.received = received; self.title = title; self.facts = facts; self.offence = offence
        self.offenceClass = offenceClass; self.purposes = purposes; self.urgency = urgency
        self.dataVulnerable = dataVulnerable; self.oral = oral; self.confidential = confidential
        self.noUserNotice = noUserNotice; self.channel = channel; self.basis = basis
        self.requestedDeadline = requestedDeadline; self.requestedDeadlineReason = requestedDeadlineReason
        self.officer = officer; self.items = items; self.theirRef = theirRef
    }

    public var workflow: WorkflowID { WorkflowID(direction, kind) }
}

import Foundation

/// What an event carries besides its envelope. Only strings, integers, booleans, dates as
/// `YYYY-MM-DD` strings, UUIDs as strings, arrays and nested structs: no floats, so the
/// canonical encoding (sorted keys, UTF-8) is stable byte for byte. Absent values are omitted.
public struct EventPayload: Codable, Sendable, Hashable {
    public var grounds: [String]?
    public var reason: String?
    public var note: String?
    public var days: Int?
    public var until: CivilDate?
    public var link: LinkTarget?
    public var authority: String?
    public var conditions: String?
    public var custodian: String?
    public var provider: String?
    public var to: String?
    public var proposal: Proposal?
    public var treatyArticle: String?
    public var oral: Bool?
    public var agreed: Bool?
    public var channel: Channel?
    public var attachment: String?
    /// For `void`: the event cancelled.
    public var voidedEvent: UUID?
    /// For `registered`: everything `case new` was given, and the reference minted.
    public var registration: Registration?
    public var ref: String?
    /// For `edit` and `assign`: the fields changed.
    public var edits: CaseEdits?
    /// The state before and after, as decided (history shows them; the fold recomputes).
    public var fromState: CaseState?
    public var toState: CaseState?
    /// A reading of the Convention the office relied on, e.g. a preservation refused without
    /// consultation under `consult_before_preservation_refusal = false` (42.6).
    public var reliedOn: String?
    /// For `letter-produced`: which letter, in which language (ISO 639-1: ar, zh, en, fr, ru, es).
    public var letter: LetterKind?
    public var language: String?
    /// For `purge`: the events it blanked, each with the part the record keeps (art. 36).
    public var purged: [PurgedPayload]?
    /// For `diverged`: the events each copy recorded on the case since they last exchanged it.
    public var branches: [CopyBranch]?
    /// For `resolve-conflict`: the copy whose branch was kept, and the events of the other
    /// branches it voided.
    public var kept: String?
    public var voidedEvents: [UUID]?

    public init(grounds: [String]? = nil, reason: String? = nil, note: String? = nil,
                days: Int? = nil, until: CivilDate? = nil, link: LinkTarget? = nil,
                authority: String? = nil, conditions: String? = nil, custodian: String? = nil,
                provider: String? = nil, to: String? = nil, proposal: Proposal? = nil,
                treatyArticle: String? = nil, oral: Bool? = nil, agreed: Bool? = nil,
                channel: Channel? = nil, attachment: String? = nil, voidedEvent: UUID? = nil,
                registration: Registration? = nil, ref: String? = nil, edits: CaseEdits? = nil,
                fromState: CaseState? = nil, toState: CaseState? = nil, reliedOn: String? = nil,
                purged: [PurgedPayload]? = nil) {
        self.grounds = grounds; self.reason = reason; self.note = note; self.days = days
        self.until = until; self.link = link; self.authority = authority
        self.conditions = conditions; self.custodian = custodian; self.provider = provider
        self.to = to; self.proposal = proposal; self.treatyArticle = treatyArticle
        self.oral = oral; self.agreed = agreed; self.channel = channel
        self.attachment = attachment; self.voidedEvent = voidedEvent
        self.registration = registration; self.ref = ref; self.edits = edits
        self.fromState = fromState; self.toState = toState; self.reliedOn = reliedOn
        self.purged = purged
    }
}

/// Fields changed by `edit` or `assign`; nil means unchanged.
public struct CaseEdits: Codable, Sendable, Hashable {
    public var title: String?
    public var facts: String?
    public var offence: String?
    public var offenceClass: OffenceClass?
    public var items: [ChecklistItemID: String]?
    public var officer: String?
    /// The other side's reference; empty clears it.
    public var theirRef: String?

    public init(title: String? = nil, facts: String? = nil, offence: String? = nil,
                offenceClass: OffenceClass? = nil, items: [ChecklistItemID: String]? = nil,
                officer: String? = nil, theirRef: String? = nil) {
        self.title = title; self.facts = facts; self.offence = offence
        self.offenceClass = offenceClass; self.items = items; self.officer = officer
        self.theirRef = theirRef
    }

    public var isEmpty: Bool {
        title == nil && facts == nil && offence == nil && offenceClass == nil
            && (items ?? [:]).isEmpty && officer == nil && theirRef == nil
    }
}

/// The events one copy (`HQ` or a device code) recorded on a case since it last exchanged the
/// case with the other: one side of a `diverged` event.
public struct CopyBranch: Codable, Sendable, Hashable {
    public var copy: String
    public var events: [UUID]
    public init(copy: String, events: [UUID]) { self.copy = copy; self.events = events }
}

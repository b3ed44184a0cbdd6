import Foundation

/// The other case of a link, as the store resolved it from `--link REF`.
public struct LinkTarget: Codable, Sendable, Hashable {
    public var id: UUID
    public var ref: String
    public var direction: Direction
    public var kind: RequestKind
    public init(id: UUID, ref: String, direction: Direction, kind: RequestKind) {
        self.id = id; self.ref = ref; self.direction = direction; self.kind = kind
    }
}

/// The options of `cadesk case act REF ACTION` (CLI.md), and of `case edit` / `assign`.
/// Which ones an action requires is in its `ActionSpec`.
public struct ActionInputs: Codable, Sendable, Hashable {
    /// `--on`: the effective date (default today). Not after today, not before the case's latest.
    public var on: CivilDate?
    /// `--ground CODE`, repeatable: `40.21a`, `40.22`, `treaty`, …
    public var grounds: [String] = []
    public var reason: String?
    public var proposal: Proposal?
    public var days: Int?
    /// Review date, information due, end of collection, a new expiry, a requested deadline.
    public var until: CivilDate?
    public var link: LinkTarget?
    public var authority: String?
    public var conditions: String?
    public var custodian: String?
    public var provider: String?
    /// A State (ISO3) for `disclose-traffic`; a third country or organisation for onward transfers.
    public var to: String?
    public var treatyArticle: String?
    /// The event a `void` cancels.
    public var event: UUID?
    public var oral: Bool = false
    public var agreed: Bool = false
    public var channel: Channel?
    public var note: String?
    public var attachment: String?
    // Edits (`edit`, `assign`).
    public var title: String?
    public var facts: String?
    public var offence: String?
    public var offenceClass: OffenceClass?
    public var items: [ChecklistItemID: String] = [:]
    public var officer: String?
    /// `case new` / `case edit --their-ref`: the other side's reference.
    public var theirRef: String?
    /// `letter-produced`: the letter and its language.
    public var letter: LetterKind?
    public var language: String?
    /// `resolve-conflict`: the copy whose branch is kept.
    public var keep: String?

    public init(on: CivilDate? = nil, grounds: [String] = [], reason: String? = nil,
                proposal: Proposal? = nil, days: Int? = nil, until: CivilDate? = nil,
                link: LinkTarget? = nil, authority: String? = nil, conditions: String? = nil,
                custodian: String? = nil, provider: String? = nil, to: String? = nil,
                treatyArticle: String? = nil, event: UUID? = nil, oral: Bool = false,
                agreed: Bool = false, channel: Channel? = nil, note: String? = nil,
                attachment: String? = nil, title: String? = nil, facts: String? = nil,
                offence: String? = nil, offenceClass: OffenceClass? = nil,
                items: [ChecklistItemID: String] = [:], officer: String? = nil,
                theirRef: String? = nil, letter: LetterKind? = nil, language: String? = nil,
                keep: String? = nil) {
        self.on = on; self.grounds = grounds; self.reason = reason; self.proposal = proposal
        self.days = days; self.until = until; self.link = link; self.authority = authority
        self.conditions = conditions; self.custodian = custodian; self.provider = provider
        self.to = to; self.treatyArticle = treatyArticle; self.event = event; self.oral = oral
        self.agreed = agreed; self.channel = channel; self.note = note; self.attachment = attachment
        self.title = title; self.facts = facts; self.offence = offence
        self.offenceClass = offenceClass; self.items = items; self.officer = officer
        self.theirRef = theirRef; self.letter = letter; self.language = language
        self.keep = keep
    }
}

/// The named inputs of actions, as `case actions` lists them (required / optional).
public enum ActionInput: String, CaseIterable, Codable, Sendable {
    case on, ground, reason, proposal, days, until, link, authority, conditions, custodian
    case provider, to
    case treatyArticle = "treaty-article"
    case event, oral, agreed, channel, note, attachment, title, facts, offence
    case offenceClass = "offence-class"
    case item, officer
    case theirRef = "their-ref"
    case letter, language
    /// `resolve-conflict`: the copy whose branch is kept (`HQ` or a device code).
    case keep
}

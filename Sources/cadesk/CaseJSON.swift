import Casework
import CaseStore
import Foundation

/// A case with what the engine computes of it as of today, for `case show` and `case actions`
/// (the desk has its own `CaseView`, with the screen's cursor).
struct CaseAsOfToday {
    let file: CaseFile
    let checklist: [ChecklistEntry]
    let deadlines: [Deadline]
    let relations: [CaseRelation]
    let allowed: [ActionSpec]
    /// Actions of this state a rule holds back now, with the rule and its article.
    let heldBack: [CaseworkError]
}

/// The case object of CLI.md ("Case JSON (minimum)"), with a few more fields.
struct CaseJSON: Encodable {
    struct Item: Encodable { let item: String; let article: String; let required: Bool; let present: Bool; let value: String? }
    struct DeadlineJSON: Encodable { let kind: String; let due: String; let status: String; let days: Int; let article: String }
    struct EventJSON: Encodable {
        let id: String; let type: String; let effective: String; let actor: String; let recorded: String
        let grounds: [String]; let reason: String?; let note: String?; let voided: Bool
        /// For `letter-produced`: which letter, in which language.
        var letter: String? = nil
        var language: String? = nil
        /// The reading of the Convention the office relied on (WORKFLOWS.md §3), when one was.
        let reliedOn: String?
        /// A counterpart's refusal on a ground the Convention does not allow it: what the office
        /// may raise with the requested State (§3). Absent otherwise.
        var flags: [String]? = nil
        /// Recorded on one copy while another changed the case too: that copy (issue 13).
        var copy: String? = nil
        /// True when the engine could not apply it in the merged order; absent otherwise.
        var notApplied: Bool? = nil
        enum CodingKeys: String, CodingKey {
            case id, type, effective, actor, recorded, grounds, reason, note, voided, letter, language, flags, copy
            case reliedOn = "relied_on", notApplied = "not_applied"
        }
    }
    struct LinkJSON: Encodable { let ref: String; let relation: String }
    /// An art. 43.1 disclosure: the other State, the provider, what was disclosed.
    struct DisclosureJSON: Encodable { let effective: String; let state: String; let provider: String; let disclosed: String }

    let id: String, ref: String, direction: String, kind: String, state: String
    let counterpart: String, officer: String, title: String, facts: String, offence: String
    let received: String, urgency: String, confidential: Bool, noUserNotice: Bool
    let dataVulnerable: Bool, receivedOrally: Bool, channel: String, basis: String
    let purposes: [String], useLimitations: [String]
    /// The other side's reference, when known.
    let theirRef: String?
    /// The day a retention purge blanked the personal data (art. 36); absent if never.
    let purged: String?
    let checklist: [Item], deadlines: [DeadlineJSON], events: [EventJSON], links: [LinkJSON]
    /// Art. 43.1 disclosures of an incoming preservation; absent when none were made.
    let disclosures: [DisclosureJSON]?
    /// Two copies changed the case apart (issue 13): each copy's events still standing; absent
    /// when the case is not in conflict.
    struct ConflictJSON: Encodable { let copy: String; let events: [String] }
    let conflict: [ConflictJSON]?
    /// Fields edited on two copies apart; absent when none.
    let editedOnTwoCopies: [String]?

    enum CodingKeys: String, CodingKey {
        case id, ref, direction, kind, state, counterpart, officer, title, facts, offence, received
        case urgency, confidential, channel, basis, purposes, checklist, deadlines, events, links, purged, disclosures
        case noUserNotice = "no_user_notice", dataVulnerable = "data_vulnerable"
        case receivedOrally = "received_orally", useLimitations = "use_limitations"
        case theirRef = "their_ref"
        case conflict, editedOnTwoCopies = "edited_on_two_copies"
    }

    init(_ view: CaseAsOfToday) {
        let f = view.file
        id = f.id.uuidString.lowercased(); ref = f.ref; direction = f.direction.rawValue
        kind = f.kind.rawValue; state = f.state.rawValue; counterpart = f.counterpart
        officer = f.officer; title = f.title; facts = f.facts; offence = f.offence
        received = f.received.description; urgency = f.urgency.rawValue
        confidential = f.confidential; noUserNotice = f.noUserNotice
        dataVulnerable = f.dataVulnerable; receivedOrally = f.receivedOrally
        channel = f.channel.rawValue; basis = f.basis.description
        purposes = f.purposes.map(\.rawValue); useLimitations = f.useLimitations
        theirRef = f.theirRef
        purged = f.purgedOn?.description
        checklist = view.checklist.map {
            Item(item: $0.item.rawValue, article: $0.article, required: $0.required, present: $0.present, value: $0.value)
        }
        deadlines = view.deadlines.map {
            DeadlineJSON(kind: $0.kind.rawValue, due: $0.due.description, status: $0.status.rawValue,
                         days: $0.days, article: $0.article)
        }
        events = f.events.map {
            EventJSON(id: $0.event.id.uuidString.lowercased(), type: $0.event.type.rawValue,
                      effective: $0.event.effective.description, actor: $0.event.actor,
                      recorded: Timestamps.iso(from: $0.event.recorded),
                      grounds: $0.event.payload.grounds ?? [], reason: $0.event.payload.reason,
                      note: $0.event.payload.note, voided: $0.voided,
                      letter: $0.event.payload.letter?.rawValue, language: $0.event.payload.language,
                      reliedOn: $0.event.payload.reliedOn, flags: Self.flags($0.event, f),
                      copy: $0.copy, notApplied: $0.notApplied ? true : nil)
        }
        conflict = f.conflict.map { c in
            c.branches.map { ConflictJSON(copy: $0.copy, events: $0.events.map { $0.uuidString.lowercased() }) }
        }
        editedOnTwoCopies = f.editedOnTwoCopies.isEmpty ? nil : f.editedOnTwoCopies
        disclosures = f.disclosures.isEmpty ? nil : f.disclosures.map {
            DisclosureJSON(effective: $0.on.description, state: $0.state, provider: $0.provider, disclosed: $0.disclosed)
        }
        links = view.relations.map { LinkJSON(ref: $0.ref, relation: $0.relation) }
    }
}

extension CaseJSON {
    static func flags(_ event: CaseEvent, _ file: CaseFile) -> [String]? {
        let flags = Engine.groundFlags(event, file: file)
        return flags.isEmpty ? nil : flags
    }
}

/// One entry of `case list --json` (CLI.md), written by `PrettyJSON`: lists are the commands an
/// office runs most, and `JSONEncoder` cost more than the query (issue 14).
enum CaseSummaryJSON {
    static func value(_ s: CaseSummary) -> PrettyJSON {
        // In key order, as printed: the writer then need not sort.
        // `conflict` only when true (issue 13): lists of cases that never diverged stay as they were.
        .object([("confidential", .bool(s.confidential))] + (s.conflict ? [("conflict", .bool(true))] : []) + [
            ("counterpart", .string(s.counterpart)),
            ("direction", .string(s.direction.rawValue)), ("id", .string(s.id.uuidString.lowercased())),
            ("kind", .string(s.kind.rawValue)),
            // null when the case has none
            ("next_deadline", s.nextDeadline.map { next in
                .object([("days", .int(next.days)), ("due", .string(next.due.description)),
                         ("kind", .string(next.kind.rawValue)), ("status", .string(next.status.rawValue))])
            } ?? .null),
            ("officer", .string(s.officer)), ("received", .string(s.received.description)),
            ("ref", .string(s.ref)), ("state", .string(s.state.rawValue)), ("title", .string(s.title)),
            ("urgency", .string(s.urgency.rawValue)),
        ])
    }
}

/// One allowed action of `case actions --json`.
struct ActionJSON: Encodable {
    let action: String, to: String, article: String, help: String
    let required: [String], optional: [String]
    init(_ spec: ActionSpec, state: CaseState) {
        action = spec.name.rawValue
        to = (spec.target(from: state) ?? spec.to).description
        article = spec.article; help = spec.help
        required = spec.required.map(\.rawValue); optional = spec.optional.map(\.rawValue)
    }
}

/// A deadline row of `cadesk deadlines --json` (CLI.md), written by `PrettyJSON` (issue 14).
enum DeadlineRowJSON {
    static func value(_ r: DeadlineRow) -> PrettyJSON {
        .object([  // in key order, as printed
            ("counterpart", .string(r.counterpart)), ("days", .int(r.days)), ("due", .string(r.due.description)),
            ("kind", .string(r.kind.rawValue)), ("officer", .string(r.officer)), ("ref", .string(r.ref)),
            ("status", .string(r.status.rawValue)),
        ])
    }
}

enum Timestamps {
    static func iso(from date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}

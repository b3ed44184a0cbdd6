import Foundation
import CaseStore
import Casework
import TerminalKit

/// How the desk words things: short deadline names, "reply overdue 3 d", kinds of request.
enum Phrases {
    static func deadlineName(_ kind: DeadlineKind) -> String {
        switch kind {
        case .acknowledgement: return "acknowledge"
        case .preservationTarget: return "preserve"
        case .executionTarget: return "execute"
        case .writtenConfirmation: return "confirmation"
        case .requestedDeadline: return "req. deadline"
        case .informationDue: return "information"
        case .consultationReply: return "reply"
        case .postponementReview: return "review"
        case .statusReply: return "status reply"
        case .preservationExpiry: return "expiry"
        case .followUpMLADue: return "follow-up MLA"
        case .extensionReply: return "extension reply"
        case .collectionEnd: return "collection end"
        case .releaseDue: return "release"
        }
    }

    /// "expiry in 10 d", "reply overdue 3 d", "acknowledge today".
    static func due(_ kind: DeadlineKind, days: Int) -> String {
        "\(deadlineName(kind)) \(when(days))"
    }

    /// "in 10 d", "overdue 3 d", "today".
    static func when(_ days: Int) -> String {
        if days < 0 { return "overdue \(-days) d" }
        if days == 0 { return "today" }
        return "in \(days) d"
    }

    static func style(_ status: DeadlineStatus) -> Style? {
        switch status {
        case .overdue: return .overdue
        case .dueSoon: return .dueSoon
        case .met, .cancelled, .suspended: return .muted
        case .open: return nil
        }
    }

    /// What an MLA purpose asks for, in words (40.3 (a)–(m); arts. 44–46 for electronic data).
    static func purposeName(_ p: Purpose) -> String {
        switch p {
        case .evidence: return "evidence or statements from persons"
        case .service: return "service of documents"
        case .searchSeizure: return "searches, seizures, freezing"
        case .storedData: return "stored electronic data"
        case .realtimeTraffic: return "real-time traffic data"
        case .interception: return "interception of content data"
        case .examination: return "examining objects and sites"
        case .information: return "information, expert evaluations"
        case .documents: return "copies of documents and records"
        case .tracing: return "tracing proceeds of crime"
        case .appearance: return "voluntary appearance"
        case .recovery: return "recovering proceeds of crime"
        case .other: return "other assistance"
        }
    }

    /// "44·45": the articles of the electronic-data purposes an MLA asks for (44 stored data,
    /// 45 real-time traffic, 46 interception); "" when it asks for none of them.
    static func purposeArticles(_ purposes: [Purpose]) -> String {
        [Purpose.storedData, .realtimeTraffic, .interception].filter(purposes.contains).map(\.article).joined(separator: "·")
    }

    /// "in MLA", "out pres".
    static func kindLabel(_ direction: Direction, _ kind: RequestKind) -> String {
        (direction == .incoming ? "in " : "out ") + (kind == .mla ? "MLA" : "pres")
    }

    static func workflowName(_ w: WorkflowID) -> String {
        "\(w.direction.rawValue) \(w.kind == .mla ? "MLA request" : "preservation request")"
    }

    static func sortName(_ sort: CaseSort, reversed: Bool) -> String {
        let name: String
        switch sort {
        case .nextDue: name = "due date"
        case .ref: name = "reference"
        case .received: name = "received"
        case .updated: name = "last change"
        }
        return reversed ? name + ", reversed" : name
    }

    /// Above a form whose fields are marked (required, not a date), nothing having been recorded.
    static let correctWhatIsMarked = "Correct what is marked, then save again: nothing was recorded."

    /// The label of an input's field in the act dialog, which is also how the desk names the
    /// input in a refusal: “Review on”, never the command line's `--until`.
    static func label(_ input: ActionInput, for action: Action?) -> String {
        switch input {
        case .on: return "Effective date"
        case .ground: return "Grounds"
        case .reason: return "Reasons"
        case .proposal: return "Proposal"
        case .days: return "Days"
        case .until: return action == .postpone || action == .postponedByCounterpart ? "Review on" : "Until"
        case .link: return "Linked case"
        case .authority: return "Executing authority"
        case .conditions: return "Conditions"
        case .custodian: return "Custodian"
        case .provider: return "Service provider"
        case .to: return action == .discloseTraffic ? "State (ISO3)" : "To"
        case .treatyArticle: return "Treaty article"
        case .event: return "Event to void"
        case .oral: return "Sent orally"
        case .agreed: return "Agreed by the requested State"
        case .channel: return "Channel"
        case .note: return "Note"
        case .attachment: return "Attachment"
        case .title: return "Title"
        case .facts: return "Facts"
        case .offence: return "Offence"
        case .offenceClass: return "Offence class"
        case .item: return "Checklist items"
        case .officer: return "Officer"
        case .theirRef: return "Their reference"
        case .letter: return "Letter"
        case .language: return "Language"
        case .keep: return "Keep the events of"
        }
    }

    /// A refusal as the desk says it: inputs named by their fields, in quotes.
    /// `direction`: the case's, when known (a field is named as that case's form names it).
    static func refusal(_ error: CaseworkError, direction: Direction? = nil) -> String {
        error.phrased({ "“\(label($0, for: Action(rawValue: error.action)))”" }, field: { "“\(label($0, direction: direction))”" })
    }

    /// A field of the new-case form, as the form labels it: the date a case starts from is the
    /// day an incoming request was received, and the day an outgoing one was drafted (it is
    /// sent later, by `send`).
    static func label(_ field: RegistrationField, direction: Direction? = nil) -> String {
        switch field {
        case .counterpart: return "State"
        case .received:
            switch direction {
            case .outgoing?: return "Drafted on"
            case .incoming?, nil: return "Received on"
            }
        case .urgency: return "Urgency"
        case .oral: return "Received orally"
        case .basis: return "Legal basis"
        case .deadline: return "Requested deadline"
        case .deadlineReason: return "Deadline reasons"
        case .officer: return "Officer"
        case .item: return "Checklist items"
        }
    }

    /// "refuse" → "Refuse", "notify-risk" → "Notify risk".
    static func actionTitle(_ action: Action) -> String {
        let words = action.rawValue.replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

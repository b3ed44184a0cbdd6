import Foundation

/// The ids of checklist items (CLI.md). Some ids appear in several checklists
/// (`requesting-authority` is 40.15(a), 42.3(a) and 45.3(a)): one value serves them all.
public enum ChecklistItemID: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    // 40.15
    case requestingAuthority = "requesting-authority"
    case proceeding, facts
    case assistanceSought = "assistance-sought"
    case personsItems = "persons-items"
    case period, purpose
    // 42.3
    case offenceFacts = "offence-facts"
    case dataToPreserve = "data-to-preserve"
    case custodianLocation = "custodian-location"
    case necessity
    case mlaIntention = "mla-intention"
    case confidentiality
    // 45.3
    case factsNature = "facts-nature"
    case dataRelationship = "data-relationship"
    case ownerLocation = "owner-location"
    case justification
    case collectionPeriod = "collection-period"
}

/// The marking of an "any available" item for which nothing is available.
public let noneAvailable = "none-available"

/// One line of a content checklist as shown on a case.
public struct ChecklistEntry: Codable, Sendable, Hashable {
    public var item: ChecklistItemID
    /// e.g. `42.3(d)`.
    public var article: String
    public var label: String
    /// Must be present before an outgoing `send` (unless the treaty's list applies).
    public var required: Bool
    /// Asks only for "any available" information: present when marked `none-available`.
    public var anyAvailable: Bool
    public var present: Bool
    /// The text recorded, if any.
    public var value: String?
}

/// An item of a checklist as the Convention declares it.
public struct ChecklistItemSpec: Sendable, Hashable {
    public let item: ChecklistItemID
    public let article: String
    public let label: String
    public let required: Bool
    public let anyAvailable: Bool
}

/// The three content checklists of WORKFLOWS.md §4, declared as data.
public enum Checklists {
    /// MLA request, art. 40.15.
    public static let mla: [ChecklistItemSpec] = [
        .init(item: .requestingAuthority, article: "40.15(a)", label: "requesting authority", required: true, anyAvailable: false),
        .init(item: .proceeding, article: "40.15(b)", label: "subject and nature of the proceeding, conducting authority", required: true, anyAvailable: false),
        .init(item: .facts, article: "40.15(c)", label: "summary of the relevant facts", required: true, anyAvailable: false),
        .init(item: .assistanceSought, article: "40.15(d)", label: "assistance sought and procedures", required: true, anyAvailable: false),
        .init(item: .personsItems, article: "40.15(e)", label: "persons, items, accounts (where possible)", required: false, anyAvailable: false),
        .init(item: .period, article: "40.15(f)", label: "time period (where applicable)", required: false, anyAvailable: false),
        .init(item: .purpose, article: "40.15(g)", label: "purpose of the evidence or assistance", required: true, anyAvailable: false),
    ]
    /// Preservation request, art. 42.3.
    public static let preservation: [ChecklistItemSpec] = [
        .init(item: .requestingAuthority, article: "42.3(a)", label: "authority seeking preservation", required: true, anyAvailable: false),
        .init(item: .offenceFacts, article: "42.3(b)", label: "offence and brief summary of facts", required: true, anyAvailable: false),
        .init(item: .dataToPreserve, article: "42.3(c)", label: "data to preserve and relationship to the offence", required: true, anyAvailable: false),
        .init(item: .custodianLocation, article: "42.3(d)", label: "custodian or location (any available)", required: true, anyAvailable: true),
        .init(item: .necessity, article: "42.3(e)", label: "necessity of the preservation", required: true, anyAvailable: false),
        .init(item: .mlaIntention, article: "42.3(f)", label: "intention to submit an MLA request", required: true, anyAvailable: false),
        .init(item: .confidentiality, article: "42.3(g)", label: "confidentiality, no user notice (as appropriate)", required: false, anyAvailable: false),
    ]
    /// Real-time collection of traffic data, art. 45.3.
    public static let realtimeTraffic: [ChecklistItemSpec] = [
        .init(item: .requestingAuthority, article: "45.3(a)", label: "name of the requesting authority", required: true, anyAvailable: false),
        .init(item: .factsNature, article: "45.3(b)", label: "main facts and nature of the proceeding", required: true, anyAvailable: false),
        .init(item: .dataRelationship, article: "45.3(c)", label: "data concerned and relationship to the offence", required: true, anyAvailable: false),
        .init(item: .ownerLocation, article: "45.3(d)", label: "owner, user or location (any available)", required: true, anyAvailable: true),
        .init(item: .justification, article: "45.3(e)", label: "justification for the collection", required: true, anyAvailable: false),
        .init(item: .collectionPeriod, article: "45.3(f)", label: "period and justification of its length", required: true, anyAvailable: false),
    ]

    /// The items that apply to a request: 42.3 for preservation; 40.15 for MLA, plus 45.3 when
    /// real-time traffic data are sought (an art. 45 request is also an art. 40 request).
    /// 40.15(c) facts are not required when the only purpose is service of documents.
    public static func specs(kind: RequestKind, purposes: [Purpose]) -> [ChecklistItemSpec] {
        switch kind {
        case .preservation:
            return preservation
        case .mla:
            let onlyService = !purposes.isEmpty && purposes.allSatisfy { $0 == .service }
            var specs = mla.map { spec in
                spec.item == .facts && onlyService
                    ? ChecklistItemSpec(item: .facts, article: spec.article,
                                        label: "summary of facts (not required for service of documents)",
                                        required: false, anyAvailable: false)
                    : spec
            }
            if purposes.contains(.realtimeTraffic) { specs += realtimeTraffic }
            return specs
        }
    }

    /// Checks the ids and values given for a request of this kind; throws a usage error naming
    /// the first item that does not belong or may not be marked `none-available`.
    public static func validate(_ items: [ChecklistItemID: String], kind: RequestKind,
                                purposes: [Purpose], action: String) throws(CaseworkError) {
        let specs = specs(kind: kind, purposes: purposes)
        for (id, value) in items.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let matching = specs.filter { $0.item == id }
            guard !matching.isEmpty else {
                let known = Array(Set(specs.map(\.item.rawValue))).sorted().joined(separator: ", ")
                throw .usage(action, "checklist item '\(id.rawValue)' does not belong to this request (items: \(known))")
            }
            if value.trimmedOfSpaces == noneAvailable,
               !matching.allSatisfy(\.anyAvailable) {
                throw .usage(action, "checklist item '\(id.rawValue)' cannot be marked none-available: only \"any available\" items can",
                             article: matching[0].article)
            }
        }
    }
}

extension Engine {
    /// The checklist of a case: each item, its article, whether required and present. Under a
    /// treaty basis the treaty's list replaces 40.15 (40.7 reaches paras. 8–31 of art. 40 only), so
    /// those items are advisory; 42.3 and 45.3 still bind.
    public static func checklist(for file: CaseFile) -> [ChecklistEntry] {
        let advisory = file.basis.isTreaty
        return Checklists.specs(kind: file.kind, purposes: file.purposes).map { spec in
            let value = file.items[spec.item]
            let text = value?.trimmedOfWhitespace ?? ""
            var present: Bool
            if text == noneAvailable { present = spec.anyAvailable } else { present = !text.isEmpty }
            // 42.3(g) asks whether confidentiality is sought and the user is not to be told: the
            // case's own marks say so (a ticked "do not notify the user"), with or without a note.
            if spec.item == .confidentiality && (file.confidential || file.noUserNotice) { present = true }
            return ChecklistEntry(item: spec.item, article: spec.article, label: spec.label,
                                  required: spec.required && !(advisory && spec.article.hasPrefix("40.15")),
                                  anyAvailable: spec.anyAvailable,
                                  present: present, value: value)
        }
    }

    /// Required items not yet present, in checklist order.
    public static func missingItems(for file: CaseFile) -> [ChecklistEntry] {
        var seen = Set<ChecklistItemID>()
        return checklist(for: file).filter { $0.required && !$0.present && seen.insert($0.item).inserted }
    }
}

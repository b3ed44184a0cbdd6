import Casework
import Foundation
@testable import Letters

// `date(_:)` and `TemporaryFolder` come from the shared TestSupport, for every file here.
@_exported import TestSupport

let received = date("2026-01-05")
let today = date("2026-02-02")
let awkwardTitle = #"Fraud <"Acme" & 'Co'> ring"#

func context(_ today: CivilDate = today) -> CaseContext {
    CaseContext(today: today, now: Date(timeIntervalSince1970: 1_800_000_000), actor: "a.moreau",
                role: .supervisor, makeID: { UUID() })
}

/// A case in the state a letter needs: `full` with every optional field (title with markup
/// characters, their reference, checklist, reasons, deadlines), `sparse` with none of them.
struct LetterCase {
    var events: [CaseEvent]
    var file: CaseFile { Engine.fold(events) }

    init(_ kind: LetterKind, full: Bool) throws {
        let (direction, caseKind, purposes): (Direction, RequestKind, [Purpose]) = switch kind {
        case .preservationConfirmation, .riskNotification: (.incoming, .preservation, [])
        case .extensionRequest, .preservationRequest: (.outgoing, .preservation, [])
        case .mlaRequest: (.outgoing, .mla, full ? [.storedData, .realtimeTraffic] : [])
        default: (.incoming, .mla, full ? [.storedData] : [])
        }
        var items: [ChecklistItemID: String] = [:]
        if full || kind == .extensionRequest {
            for spec in Checklists.specs(kind: caseKind, purposes: purposes) { items[spec.item] = "item \(spec.item.rawValue)" }
            if caseKind == .preservation { items[.custodianLocation] = noneAvailable }
        }
        let r = Registration(direction: direction, kind: caseKind, counterpart: "FRA", received: received,
                             title: full ? awkwardTitle : "", purposes: purposes,
                             urgency: full ? .urgent : .normal, confidential: full, noUserNotice: full,
                             requestedDeadline: full ? date("2026-03-01") : nil,
                             requestedDeadlineReason: full ? "trial opens on 2 March" : nil,
                             items: items, theirRef: full ? "DoJ/OIA 2026-77" : nil)
        events = [try Engine.register(r, id: UUID(), ref: "\(direction == .incoming ? "IN" : "OUT")-\(caseKind == .mla ? "MLA" : "PRES")-2026-0001",
                                       context: context(received))]
        try steps(kind, full: full)
    }

    mutating func act(_ action: Action, _ inputs: ActionInputs) throws {
        var inputs = inputs
        if inputs.on == nil { inputs.on = received.adding(days: 3) }
        let new = try Engine.decide(action, inputs, on: file, context: context())
        events += new
    }

    mutating func steps(_ kind: LetterKind, full: Bool) throws {
        let reason = "the bank's records are sealed by court order 12/2026"
        switch kind {
        case .acknowledgement, .preservationRequest, .mlaRequest: break
        case .informationRequest:
            try act(.assess, ActionInputs())
            try act(.requestInformation, ActionInputs(until: full ? date("2026-03-15") : nil, note: "the account holder's name"))
        case .consultation:
            try act(.assess, ActionInputs())
            try act(.consult, ActionInputs(reason: reason, proposal: full ? .partialRefuse : .refuse))
        case .postponement:
            try act(.assess, ActionInputs())
            try act(.consult, ActionInputs(reason: reason, proposal: .postpone))
            try act(.postpone, ActionInputs(reason: "a domestic search is planned", until: date("2026-04-30")))
        case .refusal:
            try act(.assess, ActionInputs())
            try act(.consult, ActionInputs(reason: reason, proposal: full ? .refuse : .partialRefuse))
            try act(full ? .refuse : .partialRefusal, ActionInputs(grounds: full ? ["40.21b", "40.22"] : ["40.21c"], reason: reason))
        case .preservationConfirmation:
            try act(.preserve, ActionInputs(days: full ? 90 : nil, custodian: "ExampleHost"))
        case .riskNotification:
            try act(.notifyRisk, ActionInputs(reason: "the provider deletes logs after 7 days"))
        case .extensionRequest:
            try act(.send, ActionInputs())
            try act(.confirmPreserved, ActionInputs(on: received.adding(days: 4)))
        }
    }
}

func parties(authority: Bool = true) -> LetterParties {
    LetterParties(office: "Central Authority of Ruritania", officeState: "Ruritania", counterpartState: "France",
                  counterpartAuthority: authority ? "Ministère de la Justice, BEPI" : "", counterpartLanguages: ["fra"],
                  officer: "a.moreau")
}

func render(_ kind: LetterKind, _ language: LetterLanguage, full: Bool) throws -> (Letter, CaseFile) {
    let c = try LetterCase(kind, full: full)
    let file = c.file
    let request = LetterRequest(kind: kind, language: language, file: file,
                                deadlines: Engine.deadlines(for: file, context: context()),
                                parties: parties(authority: full), today: today)
    return (try LetterTemplates().render(request), file)
}

import Foundation
import Testing
@testable import Casework

// `date(_:)` and `TemporaryFolder` come from the shared TestSupport, for every file here.
@_exported import TestSupport

let day0 = date("2026-01-05")          // a Monday
let farToday = date("2026-09-01")

/// A full checklist for a workflow, so that `send` is not blocked.
func fullItems(_ kind: RequestKind, purposes: [Purpose] = []) -> [ChecklistItemID: String] {
    var items: [ChecklistItemID: String] = [:]
    for spec in Checklists.specs(kind: kind, purposes: purposes) { items[spec.item] = "given" }
    return items
}

func context(today: CivilDate = farToday, role: Role = .supervisor, policy: Policy = Policy(),
             holidays: Set<CivilDate> = [], linked: [UUID: CaseFile] = [:]) -> CaseContext {
    CaseContext(today: today, now: Date(timeIntervalSince1970: 1_800_000_000), actor: "a.moreau",
                role: role, policy: policy, holidays: holidays, linkedCases: linked, makeID: { UUID() })
}

/// A case under test: its events, folded on demand.
struct Desk {
    var events: [CaseEvent]
    var ctx: CaseContext

    init(_ r: Registration, ctx: CaseContext = context(), ref: String = "IN-MLA-2026-0001") throws {
        self.ctx = ctx
        events = [try Engine.register(r, id: UUID(), ref: ref, context: ctx)]
    }

    init(_ direction: Direction, _ kind: RequestKind, received: CivilDate = day0, urgency: Urgency = .normal,
         oral: Bool = false, basis: LegalBasis = .convention, purposes: [Purpose] = [],
         offenceClass: OffenceClass = .conventionOffence, vulnerable: Bool = false,
         items: [ChecklistItemID: String]? = nil, ctx: CaseContext = context()) throws {
        let r = Registration(direction: direction, kind: kind, counterpart: "FRA", received: received,
                             title: "t", facts: "f", offence: "o", offenceClass: offenceClass,
                             purposes: purposes, urgency: urgency, dataVulnerable: vulnerable, oral: oral,
                             basis: basis, items: items ?? fullItems(kind, purposes: purposes))
        try self.init(r, ctx: ctx)
    }

    var file: CaseFile { Engine.fold(events) }
    var state: CaseState { file.state }
    var deadlines: [Deadline] { Engine.deadlines(for: file, context: ctx) }
    func deadline(_ kind: DeadlineKind) -> Deadline? { deadlines.first { $0.kind == kind } }

    @discardableResult
    mutating func act(_ action: Action, _ inputs: ActionInputs = ActionInputs()) throws(CaseworkError) -> CaseFile {
        let new = try Engine.decide(action, inputs, on: file, context: ctx)
        events += new
        return file
    }

    /// Acts expecting a refusal; returns the error and checks nothing was recorded.
    func refusal(_ action: Action, _ inputs: ActionInputs = ActionInputs(),
                 sourceLocation: SourceLocation = #_sourceLocation) -> CaseworkError? {
        do {
            _ = try Engine.decide(action, inputs, on: file, context: ctx)
            Issue.record("\(action) was not refused", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }
}

func linkTo(_ direction: Direction, _ kind: RequestKind, id: UUID = UUID(), ref: String = "IN-MLA-2026-0009") -> LinkTarget {
    LinkTarget(id: id, ref: ref, direction: direction, kind: kind)
}

/// A folded MLA case in a given outcome, for release from pending-mla.
func decidedMLA(id: UUID, outcome: String = "complete", on: CivilDate = date("2026-02-10")) throws -> CaseFile {
    var d = try Desk(.incoming, .mla, purposes: [.storedData])
    d.events[0].caseID = id
    try d.act(.assess, ActionInputs(on: day0))
    try d.act(.execute, ActionInputs(on: day0, authority: "prosecutor"))
    if outcome == "complete" { try d.act(.complete, ActionInputs(on: on, note: "sent")) }
    else { try d.act(.withdraw, ActionInputs(on: on)) }
    var file = d.file
    file.id = id
    return file
}

/// A folded incoming MLA case from FRA (the desks' counterpart) asking for stored data: the
/// follow-up request of a preservation (42.8), not yet decided.
func followUpMLA(id: UUID, counterpart: String = "FRA", purposes: [Purpose] = [.storedData],
                 direction: Direction = .incoming, sent: Bool = true) throws -> CaseFile {
    let r = Registration(direction: direction, kind: .mla, counterpart: counterpart, received: day0,
                         title: "t", facts: "f", offence: "o", purposes: purposes,
                         items: fullItems(.mla, purposes: purposes))
    var d = try Desk(r)
    d.events[0].caseID = id
    if direction == .outgoing && sent { try d.act(.send, ActionInputs(on: day0)) }
    var file = d.file
    file.id = id
    return file
}

extension Desk {
    /// Records the follow-up request (`mla-received` incoming, `send-mla` outgoing) of this
    /// preservation: an MLA case of the same State asking for the stored data (42.8), which the
    /// deciding context is given as the store gives it.
    @discardableResult
    mutating func followUp(on: CivilDate? = nil, id: UUID = UUID(), ref: String = "IN-MLA-2026-0009") throws -> CaseFile {
        let direction = file.direction
        ctx.linkedCases[id] = try followUpMLA(id: id, counterpart: file.counterpart, direction: direction)
        return try act(direction == .incoming ? .mlaReceived : .sendMLA,
                       ActionInputs(on: on, link: linkTo(direction, .mla, id: id, ref: ref)))
    }
}

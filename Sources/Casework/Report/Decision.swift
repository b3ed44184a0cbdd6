import Foundation

/// What a request came to, as an office reports it (issue 10 §3).
public enum Outcome: String, CaseIterable, Codable, Sendable {
    case executed, refused
    case partiallyRefused = "partially-refused"
    case postponed, withdrawn, lapsed, released

    /// The outcome an applied event records on a case of this workflow, or nil when the event
    /// decides nothing. Incoming requests are decided by us, outgoing ones by the other State
    /// (withdrawal and lapse excepted). "Executed" is, for MLA, the request completed
    /// (`complete`; theirs `executed`); for preservation, the data preserved (`preserve`, 42.4;
    /// theirs `confirm-preserved`). Partial refusals, postponements and withdrawals leave the
    /// request alive or end it early; they are outcomes too (40.27, 40.26).
    public static func recorded(by action: Action, in workflow: WorkflowID) -> Outcome? {
        switch (workflow.direction, workflow.kind, action) {
        case (_, _, .withdraw): return .withdrawn
        case (.incoming, .mla, .complete): return .executed
        case (.incoming, .mla, .refuse): return .refused
        case (.incoming, .mla, .partialRefusal): return .partiallyRefused
        case (.incoming, .mla, .postpone): return .postponed
        case (.incoming, .preservation, .preserve): return .executed
        case (.incoming, .preservation, .refuse): return .refused
        case (.incoming, .preservation, .release): return .released
        case (.outgoing, .mla, .executed): return .executed
        case (.outgoing, .mla, .refusedByCounterpart): return .refused
        case (.outgoing, .mla, .partiallyRefusedByCounterpart): return .partiallyRefused
        case (.outgoing, .mla, .postponedByCounterpart): return .postponed
        case (.outgoing, .preservation, .confirmPreserved): return .executed
        case (.outgoing, .preservation, .refusedByCounterpart): return .refused
        case (.outgoing, .preservation, .lapse): return .lapsed
        default: return nil
        }
    }
}

/// A decision on a request: an applied event (voided events and voids never count) that records
/// an outcome, on the date it took effect.
public struct Decision: Sendable, Hashable {
    public let outcome: Outcome
    public let on: CivilDate
    /// The grounds cited, for refusals and partial refusals (codes as recorded).
    public let grounds: [String]
}

extension CaseFile {
    /// Every decision on the case, in the order recorded.
    public var decisions: [Decision] {
        applied.compactMap { e in
            e.action.flatMap { Outcome.recorded(by: $0, in: workflow) }.map {
                Decision(outcome: $0, on: e.event.effective, grounds: e.event.payload.grounds ?? [])
            }
        }
    }

    /// The date the request started for the office: received (incoming), or sent — the first
    /// applied `send` (outgoing). nil for an outgoing draft never sent, which counts nowhere.
    public var startedOn: CivilDate? {
        if direction == .incoming { return received }
        return applied.first { $0.action == .send }?.event.effective
    }

    /// Applied events of these actions dated in the period.
    func appliedEvents(_ actions: Set<Action>, in period: ReportPeriod) -> [FiledEvent] {
        applied.filter { e in e.action.map(actions.contains) == true && period.contains(e.event.effective) }
    }
}

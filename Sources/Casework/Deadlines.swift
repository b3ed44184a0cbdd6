import Foundation

extension Engine {
    /// The deadlines of a case as of `context.today`: the lifecycle table replayed over the
    /// applied events (`DeadlineTracker`), then statuses (open, due-soon, overdue, met,
    /// suspended, cancelled).
    public static func deadlines(for file: CaseFile, context: CaseContext) -> [Deadline] {
        var tracker = DeadlineTracker(file: file, context: context)
        for e in file.applied { tracker.replay(e) }
        tracker.startReleaseDue(context: context)
        return tracker.deadlines(today: context.today)
    }

    /// Whether we held preserved data when this event happened (an incoming preservation
    /// leaving preserved or pending-MLA): a withdrawal then obliges us to have the custodian
    /// release them (`release-due`, `data-released`). Only we hold data we preserved: an
    /// outgoing preservation is held by the other State.
    static func heldPreservedData(before e: FiledEvent, file: CaseFile) -> Bool {
        file.direction == .incoming && file.kind == .preservation
            && [.preserved, .pendingMLA].contains(e.fromState ?? .received)
    }

    /// The date the follow-up MLA case linked to a preservation was executed, refused or
    /// withdrawn, if it was.
    static func linkedDecisionDate(_ file: CaseFile, context: CaseContext) -> CivilDate? {
        let decisions: Set<CaseState> = [.executed, .refused, .withdrawn]
        return file.links.filter { $0.relation == "follow-up-mla" }
            .compactMap { context.linkedCases[$0.id] }
            .compactMap { linked -> CivilDate? in
                guard decisions.contains(linked.outcome) else { return nil }
                return linked.applied.last { $0.toState == linked.outcome && $0.fromState != linked.outcome }?.event.effective
            }
            .min()
    }
}

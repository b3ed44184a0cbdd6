import Foundation

/// The deadlines of a case as they stood after each of its events: what a calendar exported
/// at that moment showed, so that a calendar can count how often a deadline moved.
public struct DeadlineHistory: Sendable {
    /// `steps[n]`: `Engine.deadlines` of the case folded from its events 0…n.
    public var steps: [[Deadline]] = []
    /// Events folded or replayed to get there: about twice the events of the record, not its
    /// square (a void, or a change of urgency, replays the record before it once).
    public var eventsReplayed = 0
}

extension Engine {
    /// Each step of the record in one pass: the case is folded event by event and the deadline
    /// tracker replays each new event once, where folding every prefix again cost the square of
    /// the events. Equal, step by step, to `deadlines(for: fold(events[...n]))`.
    public static func deadlineHistory(of events: [CaseEvent], context: CaseContext) -> DeadlineHistory {
        var history = DeadlineHistory()
        guard let first = events.first else { return history }
        var tracker = DeadlineTracker(file: fold([first]), context: context)
        let table = tracker.file.table
        var voids: [UUID: UUID] = [:]
        for (n, event) in events.enumerated() {
            var replayAll = n == 0
            if n > 0, let action = event.action, [.void, .diverged, .resolveConflict].contains(action) {
                // A void takes back an event already applied, and a divergence or its resolution
                // reorders or voids a branch: fold what was recorded so far again.
                tracker.file = fold(Array(events[...n]))
                history.eventsReplayed += n + 1
                replayAll = true
            } else if n > 0 {
                fileEvent(event, isFirst: false, voidedBy: voids[event.id], into: &tracker.file, table: table)
                history.eventsReplayed += 1
            }
            if let target = event.payload.voidedEvent, event.action == .void, voids[target] == nil { voids[target] = event.id }
            if replayAll || DeadlineTracker.readings(of: tracker.file) != tracker.readings {
                tracker = DeadlineTracker(file: tracker.file, context: context)
                for e in tracker.file.events where e.isApplied { tracker.replay(e) }
                history.eventsReplayed += tracker.file.events.count
            } else if let last = tracker.file.events.last, last.isApplied {
                tracker.replay(last)
                history.eventsReplayed += 1
            }
            var now = tracker
            now.startReleaseDue(context: context)
            history.steps.append(now.deadlines(today: context.today))
        }
        return history
    }
}

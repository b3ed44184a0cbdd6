import Casework
import Foundation

/// A deadline as a calendar event an officer subscribes to: its identity survives moves
/// (case id, kind, ordinal on the case), and its sequence counts the moves (RFC 5545 §3.8.7.4).
public struct CalendarDeadline: Sendable, Hashable {
    public var caseID: UUID
    public var ref: String
    public var deadline: Deadline
    /// 1 for the first deadline of this kind on the case; a deadline of the same kind started
    /// again after the last one was met or cancelled is the next.
    public var ordinal: Int
    /// How many times its due date or its open/closed status changed, over the whole record.
    public var sequence: Int
    /// When the case last changed: the event's LAST-MODIFIED.
    public var stamp: Date

    public var uid: String { "\(caseID.uuidString.lowercased())-\(deadline.kind.rawValue)-\(ordinal)@cadesk" }
}

public enum DeadlineCalendar {
    /// The case's deadlines with their calendar identity. The record is replayed event by event,
    /// voided events and voids included, so a sequence only ever grows: a void that moves a
    /// deadline back is one more change, never an undoing of one (calendars ignore a lower one).
    /// `rules`, the office's rules over time (oldest first): each event is seen under the rules
    /// then in force, and a change of rules while the case ran is one more moment, so a due date
    /// moved by a policy change raises its sequence too. The last moment is `context`'s rules.
    public static func deadlines(of file: CaseFile, context: CaseContext, rules: [RulesInForce] = []) -> [CalendarDeadline] {
        deadlinesAndWork(of: file, context: context, rules: rules).deadlines
    }

    /// The same, with the events replayed to compute it (tests: linear in the record).
    static func deadlinesAndWork(of file: CaseFile, context: CaseContext,
                                 rules: [RulesInForce]) -> (deadlines: [CalendarDeadline], work: Int) {
        struct Seen { var ordinal: Int; var sequence: Int; var due: CivilDate; var closed: Bool }
        let events = file.events.map(\.event)
        guard !events.isEmpty else { return ([], 0) }
        // Which rules each moment saw: nil for `context`'s own (the rules of today's export).
        func rulesIndex(at instant: Date) -> Int? { rules.lastIndex { $0.from <= instant } ?? (rules.isEmpty ? nil : 0) }
        var histories: [Int?: DeadlineHistory] = [:]
        var work = 0
        func steps(_ index: Int?) -> [[Deadline]] {
            if let h = histories[index] { return h.steps }
            var c = context
            if let index { c.policy = rules[index].policy; c.holidays = rules[index].holidays }
            let h = Engine.deadlineHistory(of: events, context: c)
            histories[index] = h
            work += h.eventsReplayed
            return h.steps
        }
        var moments: [[Deadline]] = []
        for n in events.indices {
            let here = rulesIndex(at: events[n].recorded)
            moments.append(steps(here)[n])
            // Rules changed before the next event: the case as it stood, under the new rules.
            let until = n + 1 < events.count ? events[n + 1].recorded : Date.distantFuture
            for (i, r) in rules.enumerated() where r.from > events[n].recorded && r.from < until && i != here {
                moments.append(steps(i)[n])
            }
        }
        moments.append(steps(nil)[events.count - 1])
        var seen: [DeadlineKind: Seen] = [:]
        for latest in moments {
            for d in latest {
                let closed = !d.status.isPending && d.status != .suspended
                guard var s = seen[d.kind] else {
                    seen[d.kind] = Seen(ordinal: 1, sequence: 0, due: d.due, closed: closed); continue
                }
                if s.closed && !closed && s.due != d.due {
                    s = Seen(ordinal: s.ordinal + 1, sequence: 0, due: d.due, closed: false)  // started again
                } else if s.due != d.due || s.closed != closed {
                    s.sequence += 1; s.due = d.due; s.closed = closed
                }
                seen[d.kind] = s
            }
        }
        let stamp = events.map(\.recorded).max() ?? Date(timeIntervalSince1970: 0)
        let out = moments.last!.map { d in
            let s = seen[d.kind]!
            return CalendarDeadline(caseID: file.id, ref: file.ref, deadline: d, ordinal: s.ordinal,
                                    sequence: s.sequence, stamp: stamp)
        }
        return (out, work)
    }
}

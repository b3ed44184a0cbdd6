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
    public static func deadlines(of file: CaseFile, context: CaseContext) -> [CalendarDeadline] {
        struct Seen { var ordinal: Int; var sequence: Int; var due: CivilDate; var closed: Bool }
        let events = file.events.map(\.event)
        var seen: [DeadlineKind: Seen] = [:]
        var latest: [Deadline] = []
        for n in events.indices {
            let folded = n == events.count - 1 ? file : Engine.fold(Array(events[...n]))
            latest = Engine.deadlines(for: folded, context: context)
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
        return latest.map { d in
            let s = seen[d.kind]!
            return CalendarDeadline(caseID: file.id, ref: file.ref, deadline: d, ordinal: s.ordinal,
                                    sequence: s.sequence, stamp: stamp)
        }
    }
}

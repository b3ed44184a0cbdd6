import Foundation

/// A stretch of days over which one deadline of a case stood pending with one due day: what the
/// dashboard's weekly overdue count is told from (issue 10 §1), kept with the case's other
/// projections so that the dashboard reads a few thousand rows instead of replaying cases.
/// Only the stretches that some day's end could find overdue are kept (`mayBeOverdue`).
public struct OverdueSpan: Sendable, Hashable {
    public var kind: DeadlineKind
    public var due: CivilDate
    /// The first day it stood so; nil when its deadline row tells no more than "since the case
    /// began" (a deadline never moved nor suspended).
    public var from: CivilDate?
    /// The day it stopped standing so — met, cancelled, moved or suspended, by an event
    /// effective that day; nil while it is still pending.
    public var until: CivilDate?

    public init(kind: DeadlineKind, due: CivilDate, from: CivilDate?, until: CivilDate?) {
        self.kind = kind; self.due = due; self.from = from; self.until = until
    }

    /// Whether it was overdue at the end of `day`: pending then (the case as it stood after its
    /// events effective that day or before) and its day passed (`DeadlineStatus.isOverdue`).
    public func wasOverdue(atEndOf day: CivilDate) -> Bool {
        Self.wasOverdue(due: due, from: from, until: until, atEndOf: day)
    }

    public static func wasOverdue(due: CivilDate, from: CivilDate?, until: CivilDate?, atEndOf day: CivilDate) -> Bool {
        if let from, from > day { return false }
        if let until, until <= day { return false }
        return DeadlineStatus.isOverdue(daysLeft: day.days(until: due))
    }

    /// Whether the end of some day could find it overdue: still pending, or pending on a day
    /// after its due day and before the day it stopped.
    public var mayBeOverdue: Bool {
        guard let until else { return true }
        let firstLate = due.adding(days: 1)
        return max(from ?? firstLate, firstLate) < until
    }
}

extension OverdueSpan {
    /// The spans of one case, from its deadlines as they stand now (`deadlines`, that is
    /// `Engine.deadlines(for: file, context:)`) when these tell its history — each pending from
    /// the start to the day it was met or cancelled — and otherwise from the deadlines' history
    /// (`Engine.deadlineHistory`) for a case that `DashboardFigures.needsReplay` (a deadline
    /// moved, a suspension entered or left, an event taken back or reordered).
    public static func of(_ file: CaseFile, deadlines: [Deadline], context: CaseContext) -> [OverdueSpan] {
        if DashboardFigures.needsReplay(file) {
            return replaying(file.events.map(\.event), context: context)
        }
        return told(deadlines)
    }

    /// The spans `deadlines` tell on their own, in their order (a case that needs no replay).
    public static func told(_ deadlines: [Deadline]) -> [OverdueSpan] {
        deadlines.compactMap { told(kind: $0.kind, due: $0.due, pending: $0.status.isPending, closed: $0.closedOn) }
    }

    /// The span a deadline row tells on its own: pending since the case began until the day it
    /// was met or cancelled (`closed`); a suspended one is not pending and has none. Nil when
    /// no day's end could find it overdue.
    public static func told(kind: DeadlineKind, due: CivilDate, pending: Bool, closed: CivilDate?) -> OverdueSpan? {
        let span: OverdueSpan
        if pending {
            span = OverdueSpan(kind: kind, due: due, from: nil, until: nil)
        } else if let closed {
            span = OverdueSpan(kind: kind, due: due, from: nil, until: closed)
        } else {
            return nil
        }
        return span.mayBeOverdue ? span : nil
    }

    /// The spans of a case's record replayed event by event. On a day the case stands as after
    /// the last of its events effective that day or before, so the state after event n holds
    /// from its effective day until the earliest effective day of the events after it (none
    /// when one of those is effective earlier still).
    public static func replaying(_ events: [CaseEvent], context: CaseContext) -> [OverdueSpan] {
        struct Key: Hashable { var kind: DeadlineKind; var due: CivilDate }
        let steps = Engine.deadlineHistory(of: events, context: context).steps
        return sorted(standing(events, steps) { Key(kind: $0.kind, due: $0.due) }.map {
            OverdueSpan(kind: $0.key.kind, due: $0.key.due, from: $0.from, until: $0.until)
        })
    }

    static func sorted(_ spans: [OverdueSpan]) -> [OverdueSpan] {
        spans.filter(\.mayBeOverdue).sorted {
            ($0.due, $0.kind.rawValue, $0.from ?? $0.due, $0.until ?? $0.due) < ($1.due, $1.kind.rawValue, $1.from ?? $1.due, $1.until ?? $1.due)
        }
    }

    /// The stretches over which each `key` of the pending deadlines stood, one per deadline
    /// standing so (a key pending twice at once stands twice), as days' ends find them.
    static func standing<Key: Hashable>(_ events: [CaseEvent], _ steps: [[Deadline]],
                                        key: (Deadline) -> Key) -> [(key: Key, from: CivilDate, until: CivilDate?)] {
        guard !steps.isEmpty else { return [] }
        var earliestAfter = [CivilDate?](repeating: nil, count: events.count)
        var earliest: CivilDate?
        for n in events.indices.reversed() {
            earliestAfter[n] = earliest
            earliest = earliest.map { min($0, events[n].effective) } ?? events[n].effective
        }
        var standing: [Key: [CivilDate]] = [:]  // the first day of each still standing, oldest first
        var out: [(key: Key, from: CivilDate, until: CivilDate?)] = []
        for n in steps.indices where n < events.count {
            let start = events[n].effective
            if let end = earliestAfter[n], end <= start { continue }  // never the state of a day's end
            var pending: [Key: Int] = [:]
            for d in steps[n] where d.status.isPending { pending[key(d), default: 0] += 1 }
            for (key, froms) in standing {
                let keep = min(froms.count, pending[key] ?? 0)
                for from in froms.dropFirst(keep) { out.append((key, from, start)) }
                standing[key] = keep == 0 ? nil : Array(froms.prefix(keep))
            }
            for (key, count) in pending {
                let have = standing[key]?.count ?? 0
                if count > have { standing[key, default: []].append(contentsOf: repeatElement(start, count: count - have)) }
            }
        }
        for (key, froms) in standing {
            for from in froms { out.append((key, from, nil)) }
        }
        return out
    }
}

/// A stretch of a replayed case's record over which one deadline stood pending with one basis
/// (`DeadlineBasis`): its spans under any policy follow from these without a replay
/// (`OverdueSpan.spans(from:policy:calendar:)`), so a policy change need not replay the cases
/// whose deadlines moved or were suspended. All are kept, overdue or not: a shorter period can
/// make one late.
public struct BasisStretch: Sendable, Hashable {
    public var kind: DeadlineKind
    public var basis: DeadlineBasis
    /// The due day of a fixed basis (a period's comes from the policy).
    public var fixedDue: CivilDate?
    public var from: CivilDate
    public var until: CivilDate?

    public init(kind: DeadlineKind, basis: DeadlineBasis, fixedDue: CivilDate?, from: CivilDate, until: CivilDate?) {
        self.kind = kind; self.basis = basis; self.fixedDue = fixedDue; self.from = from; self.until = until
    }
}

extension OverdueSpan {
    /// The stretches of a case's record replayed event by event, keyed by basis instead of due
    /// day (`replaying`); nil when a deadline's basis is not known.
    public static func stretches(_ events: [CaseEvent], context: CaseContext) -> [BasisStretch]? {
        struct Key: Hashable { var kind: DeadlineKind; var basis: DeadlineBasis?; var fixedDue: CivilDate? }
        let steps = Engine.deadlineHistory(of: events, context: context).steps
        var known = true
        let standing = standing(events, steps) { d -> Key in
            if d.basis == nil { known = false }
            return Key(kind: d.kind, basis: d.basis, fixedDue: d.basis == .fixed ? d.due : nil)
        }
        guard known else { return nil }
        return standing.map {
            BasisStretch(kind: $0.key.kind, basis: $0.key.basis ?? .fixed, fixedDue: $0.key.fixedDue, from: $0.from, until: $0.until)
        }.sorted {
            ($0.kind.rawValue, $0.from, $0.until ?? $0.from, $0.basis.storedText, $0.fixedDue ?? $0.from)
                < ($1.kind.rawValue, $1.from, $1.until ?? $1.from, $1.basis.storedText, $1.fixedDue ?? $1.from)
        }
    }

    /// The spans a replay under `policy` and `calendar` gives, from the stretches of a replay
    /// under any policy; nil when two bases of one kind fall on the same day under this one
    /// (the replay would join their stretches: replay the case instead).
    public static func spans(from stretches: [BasisStretch], policy: Policy, calendar: WorkingCalendar) -> [OverdueSpan]? {
        struct Key: Hashable { var basis: DeadlineBasis; var fixedDue: CivilDate? }
        var dayOf: [DeadlineKind: [Key: CivilDate]] = [:]
        var spans: [OverdueSpan] = []
        for stretch in stretches {
            let key = Key(basis: stretch.basis, fixedDue: stretch.fixedDue)
            let due: CivilDate
            if let known = dayOf[stretch.kind]?[key] {
                due = known
            } else {
                guard let day = stretch.basis == .fixed ? stretch.fixedDue : stretch.basis.due(policy: policy, calendar: calendar),
                      !(dayOf[stretch.kind]?.values.contains(day) ?? false) else { return nil }
                dayOf[stretch.kind, default: [:]][key] = day
                due = day
            }
            spans.append(OverdueSpan(kind: stretch.kind, due: due, from: stretch.from, until: stretch.until))
        }
        return sorted(spans)
    }
}

import Foundation

/// The supervisor's dashboard as of one day (issue 10 §1), decided from what the store read.
/// "Overdue" and "due within N days" are `DeadlineStatus.isOverdue` / `isDue(daysLeft:within:)`,
/// the rules a case's own deadlines follow; ages are calendar days since a request was received
/// (incoming) or sent (outgoing); medians and p90 by nearest rank (`DaySpread`).
public struct DashboardFigures: Sendable, Hashable, Codable {
    /// The horizons of "due within": a week, a fortnight, a month.
    public static let horizons = [7, 14, 30]
    /// The kinds the preservation figures follow, read whatever their due day.
    public static let followedKinds: Set<DeadlineKind> = [.preservationExpiry, .releaseDue, .followUpMLADue, .extensionReply]

    /// One pending deadline as the dashboard lists it.
    public struct Item: Sendable, Hashable, Codable {
        public var caseID: UUID
        public var ref: String
        public var officer: String
        public var counterpart: String
        public var kind: DeadlineKind
        public var due: CivilDate
        /// Due minus today: negative when overdue.
        public var days: Int
    }

    public struct Horizon: Sendable, Hashable, Codable {
        public var days: Int
        /// Due from today to `days` ahead, the overdue ones not counted.
        public var items: [Item]
        public var count: Int { items.count }
    }

    public struct Preservations: Sendable, Hashable, Codable {
        /// Incoming preservations' expiry within the longest horizon (or past it), soonest first (42.8).
        public var expiring: [Item]
        /// Incoming preservations pending an MLA that has been decided: the data are to be released.
        public var releaseDue: [Item]
        /// Outgoing preservations whose follow-up MLA is due (42.8).
        public var followUpDue: [Item]
        /// Extensions we requested that await the other State's reply.
        public var extensionsAwaiting: [Item]
    }

    public struct Officer: Sendable, Hashable, Codable {
        /// "" when unassigned.
        public var officer: String
        public var open: Int
        /// Overdue deadlines of the officer's open cases.
        public var overdue: Int
        /// Deadlines due within a week (overdue not counted).
        public var dueWithinWeek: Int
        public var oldestRef: String?
        /// Calendar days since the oldest open case was received or sent.
        public var oldestDays: Int?
    }

    public struct Counterpart: Sendable, Hashable, Codable {
        public var counterpart: String
        public var openIncoming: Int
        public var openOutgoing: Int
        public var overdue: Int
    }

    public struct Age: Sendable, Hashable, Codable {
        public var direction: Direction
        public var kind: RequestKind
        public var spread: DaySpread
    }

    public struct Month: Sendable, Hashable, Codable {
        /// `YYYY-MM`.
        public var month: String
        public var first: CivilDate
        public var last: CivilDate
        public var received: Int
        public var sent: Int
        /// The current month, counted up to today.
        public var soFar: Bool
    }

    public struct Week: Sendable, Hashable, Codable {
        /// The week's last day (the current week's is today).
        public var end: CivilDate
        /// Deadlines overdue at the end of that day.
        public var overdue: Int
    }

    public var today: CivilDate
    public var overdue: [Item]
    public var due: [Horizon]
    public var preservations: Preservations
    public var officers: [Officer]
    public var counterparts: [Counterpart]
    public var ages: [Age]
    public var months: [Month]
    public var weeks: [Week]

    /// Open cases of the office (every officer's, unassigned included).
    public var openCases: Int { officers.reduce(0) { $0 + $1.open } }

    public init(_ inputs: DashboardInputs, today: CivilDate) {
        self.today = today
        // Most overdue first, then soonest; then by reference, so that equal days read in order.
        // (The store reads them in that order already: the sort then only checks it.)
        let pending = inputs.pending.sorted { ($0.due, $0.ref, $0.kind.rawValue) < ($1.due, $1.ref, $1.kind.rawValue) }
        let ordered = pending.map { p in
            Item(caseID: p.caseID, ref: p.ref, officer: p.officer, counterpart: p.counterpart, kind: p.kind, due: p.due,
                 days: today.days(until: p.due))
        }
        overdue = ordered.filter { DeadlineStatus.isOverdue(daysLeft: $0.days) }
        due = Self.horizons.map { h in Horizon(days: h, items: ordered.filter { DeadlineStatus.isDue(daysLeft: $0.days, within: h) }) }

        func of(_ kind: DeadlineKind, _ direction: Direction, within: Int? = nil) -> [Item] {
            zip(pending, ordered).compactMap { p, i in
                guard p.kind == kind, p.direction == direction, p.caseKind == .preservation,
                      within.map({ i.days <= $0 }) ?? true else { return nil }
                return i
            }
        }
        let longest = Self.horizons.max() ?? 30
        preservations = Preservations(
            expiring: of(.preservationExpiry, .incoming, within: longest),
            releaseDue: of(.releaseDue, .incoming),
            followUpDue: of(.followUpMLADue, .outgoing),
            extensionsAwaiting: ordered.filter { $0.kind == .extensionReply })

        officers = Self.officers(inputs, overdue: overdue, week: due.first { $0.days == 7 }?.items ?? [], today: today)
        counterparts = Self.counterparts(inputs, overdue: overdue)
        ages = Self.ages(inputs.openStarted, today: today)
        months = Self.monthCounts(inputs.startedSince, today: today)
        weeks = Self.weekEnds(today).map { end in
            Week(end: end, overdue: inputs.late.reduce(0) { n, late in
                late.wasOverdue(atEndOf: end) ? n + late.count : n
            })
        }
    }

    // MARK: the rules of the figures

    /// Actions after which a case's deadlines on an earlier day may no longer be told by its
    /// deadline rows (their due day now, the day they were met or cancelled): those that move a
    /// deadline, that may enter or leave a state where one is suspended (the clock stops, and
    /// the days spent there are added on resuming), and those that take back or reorder events.
    /// Which cases with one of these are replayed is `needsReplay` (a close from a state that
    /// stops no clock is not); a database read without its migrations replays all of them.
    public static let historyActions: Set<Action> = alwaysReplayed.union(actions { t in
        // An action that stays in its state (a note, an assignment, an edit) never starts or
        // ends a suspension, whatever states it is allowed in.
        guard case .state(let s) = t.to else { return false }
        return suspendingStates.contains(s) || !suspendingStates.subtracting([s]).isDisjoint(with: t.from)
    })

    /// The actions of every workflow that have a transition `matching`.
    static func actions(_ matching: (Transition) -> Bool) -> Set<Action> {
        Set(Workflow.all.flatMap { $0.actions }.filter { $0.transitions.contains(where: matching) }.map(\.name))
    }

    /// Whether a case's overdue stretches must be told by its events (`OverdueSpan.replaying`)
    /// rather than its deadline rows: a deadline moved, events taken back or reordered, a case
    /// sent back to an earlier state (information received, reopened), or a change of state that
    /// entered or left one where a deadline is suspended. At 100,000 demo cases, 64% were
    /// closed — an action of `historyActions`, as a close may end a suspension — and this keeps
    /// the replay to the cases where one did.
    public static func needsReplay(_ file: CaseFile) -> Bool {
        file.events.contains { e in
            guard let action = e.action, historyActions.contains(action) else { return false }
            if alwaysReplayed.contains(action) { return true }
            guard let from = e.fromState, let to = e.toState else { return true }
            return from != to && (suspendingStates.contains(from) || suspendingStates.contains(to))
        }
    }

    /// The actions one of which a case that `needsReplay` has among its events: those always
    /// replayed, and those that may enter a state where a deadline is suspended (a case never
    /// registered in one, it must have entered it before leaving it). A close is not among
    /// them: migration v12 folds only the cases with one of these.
    public static let replayActions: Set<Action> = alwaysReplayed.union(actions { t in
        if case .state(let s) = t.to { return suspendingStates.contains(s) } else { return false }
    })

    public static let suspendingStates = Set(DeadlineRule.all.flatMap(\.suspendedIn))

    /// Of `historyActions`, those replayed whatever states they joined: they move a deadline,
    /// take back or reorder events, or send a case back to where it was.
    static let alwaysReplayed: Set<Action> = Set(DeadlineRule.all.flatMap(\.movedBy))
        .union([.void, .diverged, .resolveConflict])
        .union(actions { t in
            switch t.to { case .previous, .closedFrom: return true; default: return false }
        })

    /// The last days of the last 12 weeks, oldest first: today, and each 7 days before it.
    public static func weekEnds(_ today: CivilDate) -> [CivilDate] {
        (0..<12).reversed().map { today.adding(days: -7 * $0) }
    }

    /// The last 12 calendar months, oldest first, the current one ending today.
    public static func months(endingIn today: CivilDate) -> [(first: CivilDate, last: CivilDate)] {
        (0..<12).reversed().map { back in
            let index = today.year * 12 + (today.month - 1) - back
            let year = index / 12, month = index % 12 + 1
            let first = CivilDate(year: year, month: month, day: 1)!
            let last = back == 0 ? today : CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))!
            return (first, last)
        }
    }

    static func officers(_ inputs: DashboardInputs, overdue: [Item], week: [Item], today: CivilDate) -> [Officer] {
        var lines: [String: Officer] = [:]
        func line(_ name: String) -> Officer {
            lines[name] ?? Officer(officer: name, open: 0, overdue: 0, dueWithinWeek: 0)
        }
        for o in inputs.officers {
            var l = line(o.officer)
            l.open += o.open
            if let started = o.oldestStarted, let ref = o.oldestRef {
                let days = started.days(until: today)
                if l.oldestDays.map({ days > $0 }) ?? true { l.oldestDays = days; l.oldestRef = ref }
            }
            lines[o.officer] = l
        }
        for i in overdue { var l = line(i.officer); l.overdue += 1; lines[i.officer] = l }
        for i in week { var l = line(i.officer); l.dueWithinWeek += 1; lines[i.officer] = l }
        return lines.values.sorted { ($1.open, $0.officer) < ($0.open, $1.officer) }
    }

    static func counterparts(_ inputs: DashboardInputs, overdue: [Item]) -> [Counterpart] {
        var lines: [String: Counterpart] = [:]
        func line(_ code: String) -> Counterpart { lines[code] ?? Counterpart(counterpart: code, openIncoming: 0, openOutgoing: 0, overdue: 0) }
        for c in inputs.counterparts {
            var l = line(c.counterpart)
            if c.direction == .incoming { l.openIncoming += c.open } else { l.openOutgoing += c.open }
            lines[c.counterpart] = l
        }
        for i in overdue { var l = line(i.counterpart); l.overdue += 1; lines[i.counterpart] = l }
        return lines.values.sorted {
            ($1.openIncoming + $1.openOutgoing, $1.overdue, $0.counterpart) < ($0.openIncoming + $0.openOutgoing, $0.overdue, $1.counterpart)
        }
    }

    /// Per direction and kind (incoming MLA, incoming preservation, outgoing MLA, outgoing
    /// preservation), those that have open cases.
    static func ages(_ started: [DashboardInputs.StartedOn], today: CivilDate) -> [Age] {
        var days: [String: [Int]] = [:]
        for s in started {
            days["\(s.direction.rawValue) \(s.kind.rawValue)", default: []]
                .append(contentsOf: repeatElement(s.started.days(until: today), count: max(0, s.count)))
        }
        var out: [Age] = []
        for direction in [Direction.incoming, .outgoing] {
            for kind in [RequestKind.mla, .preservation] {
                guard let d = days["\(direction.rawValue) \(kind.rawValue)"], !d.isEmpty else { continue }
                out.append(Age(direction: direction, kind: kind, spread: DaySpread(d)))
            }
        }
        return out
    }

    static func monthCounts(_ started: [DashboardInputs.StartedOn], today: CivilDate) -> [Month] {
        months(endingIn: today).map { m in
            let inMonth = started.filter { m.first <= $0.started && $0.started <= m.last }
            let text = String(m.first.description.prefix(7))
            return Month(month: text, first: m.first, last: m.last,
                         received: inMonth.filter { $0.direction == .incoming }.reduce(0) { $0 + $1.count },
                         sent: inMonth.filter { $0.direction == .outgoing }.reduce(0) { $0 + $1.count },
                         soFar: m.last == today)
        }
    }
}

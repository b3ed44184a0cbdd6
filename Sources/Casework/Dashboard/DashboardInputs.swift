import Foundation

/// What the store reads for the dashboard (issue 10 §1): plain rows and counts, no judgement.
/// Every figure is decided from these by `DashboardFigures` — what is overdue, due soon, old —
/// with the same rules as a case's own deadlines (`DeadlineStatus`).
public struct DashboardInputs: Sendable, Hashable {
    /// A pending deadline of an open case, with what the figures group it by.
    public struct PendingDeadline: Sendable, Hashable {
        public var caseID: UUID
        public var ref: String
        public var officer: String
        public var counterpart: String
        public var direction: Direction
        public var caseKind: RequestKind
        public var kind: DeadlineKind
        public var due: CivilDate
        public init(caseID: UUID, ref: String, officer: String, counterpart: String, direction: Direction,
                    caseKind: RequestKind, kind: DeadlineKind, due: CivilDate) {
            self.caseID = caseID; self.ref = ref; self.officer = officer; self.counterpart = counterpart
            self.direction = direction; self.caseKind = caseKind; self.kind = kind; self.due = due
        }
    }

    /// Open cases of one officer, and the one that started first (received or sent).
    public struct OfficerCases: Sendable, Hashable {
        public var officer: String
        public var open: Int
        public var oldestRef: String?
        public var oldestStarted: CivilDate?
        public init(officer: String, open: Int, oldestRef: String? = nil, oldestStarted: CivilDate? = nil) {
            self.officer = officer; self.open = open; self.oldestRef = oldestRef; self.oldestStarted = oldestStarted
        }
    }

    /// Open cases with one counterpart in one direction.
    public struct CounterpartCases: Sendable, Hashable {
        public var counterpart: String
        public var direction: Direction
        public var open: Int
        public init(counterpart: String, direction: Direction, open: Int) {
            self.counterpart = counterpart; self.direction = direction; self.open = open
        }
    }

    /// How many open cases of a direction and kind started on one day (drafts never sent have
    /// not started and are not here).
    public struct StartedOn: Sendable, Hashable {
        public var direction: Direction
        public var kind: RequestKind
        public var started: CivilDate
        public var count: Int
        public init(direction: Direction, kind: RequestKind, started: CivilDate, count: Int) {
            self.direction = direction; self.kind = kind; self.started = started; self.count = count
        }
    }

    /// Deadlines that stood pending with one due day over a stretch of days (`OverdueSpan`):
    /// due, the first day (nil: since the case began) and the day it stopped (`closed`, nil
    /// while still pending), with how many share all three.
    public struct LateDeadlines: Sendable, Hashable {
        public var due: CivilDate
        public var from: CivilDate?
        public var closed: CivilDate?
        public var count: Int
        public init(due: CivilDate, from: CivilDate? = nil, closed: CivilDate?, count: Int) {
            self.due = due; self.from = from; self.closed = closed; self.count = count
        }
        public func wasOverdue(atEndOf day: CivilDate) -> Bool {
            OverdueSpan.wasOverdue(due: due, from: from, until: closed, atEndOf: day)
        }
    }

    /// Pending deadlines due up to `horizonEnd`, and every pending one of the kinds the
    /// preservation figures follow, whatever its day.
    public var pending: [PendingDeadline]
    public var officers: [OfficerCases]
    public var counterparts: [CounterpartCases]
    /// Open cases by the day they started (for their ages).
    public var openStarted: [StartedOn]
    /// Every case (open or not) that started on or after `firstMonth`, by day.
    public var startedSince: [StartedOn]
    /// The stretches that were overdue, or may have been, at some day's end since
    /// `firstWeekEnd`: the overdue count of each week charted is told from these.
    public var late: [LateDeadlines]

    public init(pending: [PendingDeadline] = [], officers: [OfficerCases] = [], counterparts: [CounterpartCases] = [],
                openStarted: [StartedOn] = [], startedSince: [StartedOn] = [], late: [LateDeadlines] = []) {
        self.pending = pending; self.officers = officers; self.counterparts = counterparts
        self.openStarted = openStarted; self.startedSince = startedSince; self.late = late
    }

    /// What the store must read for a dashboard as of `today`.
    public struct Request: Sendable, Hashable {
        public var today: CivilDate
        /// The last due day of the pending deadlines read (the longest horizon).
        public var horizonEnd: CivilDate
        /// Pending deadlines of these kinds are read whatever their due day.
        public var followedKinds: [DeadlineKind]
        /// The first day of the oldest month charted.
        public var firstMonth: CivilDate
        /// The earliest day the overdue history counts.
        public var firstWeekEnd: CivilDate
        /// The days the overdue history is told at, oldest first.
        public var weekEnds: [CivilDate]
        /// Events of these actions mark a case whose deadline rows do not tell its history
        /// (read only where no `OverdueSpan` is stored: a database read without its migration).
        public var historyActions: [Action]
    }

    public static func request(today: CivilDate) -> Request {
        Request(today: today, horizonEnd: today.adding(days: DashboardFigures.horizons.max() ?? 30),
                followedKinds: DashboardFigures.followedKinds.sorted { $0.rawValue < $1.rawValue },
                firstMonth: DashboardFigures.months(endingIn: today).first!.first,
                firstWeekEnd: DashboardFigures.weekEnds(today).first!,
                weekEnds: DashboardFigures.weekEnds(today),
                historyActions: DashboardFigures.historyActions.sorted { $0.rawValue < $1.rawValue })
    }
}

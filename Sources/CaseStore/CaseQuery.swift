import Casework
import Foundation

/// Filters of `cadesk case list` and the list screen. nil means "any".
public struct CaseFilter: Sendable, Hashable {
    public var direction: Direction?
    public var kind: RequestKind?
    public var states: Set<CaseState>?
    public var officer: String?
    public var counterpart: String?
    /// true: only open cases (not executed, refused, released, lapsed, withdrawn or closed).
    public var openOnly: Bool
    /// Full-text words, matched as prefixes (see `search`).
    public var text: String?
    /// Only cases whose soonest open deadline is before this day: pass today for "overdue".
    public var nextDueBefore: CivilDate?
    /// Only these cases (the cases behind a figure of the dashboard).
    public var ids: [UUID]?
    /// Only cases received (incoming) or sent (outgoing) on one of these days.
    public var started: ClosedRange<CivilDate>?
    public init(direction: Direction? = nil, kind: RequestKind? = nil, states: Set<CaseState>? = nil,
                officer: String? = nil, counterpart: String? = nil, openOnly: Bool = false,
                text: String? = nil, nextDueBefore: CivilDate? = nil, ids: [UUID]? = nil,
                started: ClosedRange<CivilDate>? = nil) {
        self.direction = direction; self.kind = kind; self.states = states; self.officer = officer
        self.counterpart = counterpart; self.openOnly = openOnly; self.text = text
        self.nextDueBefore = nextDueBefore; self.ids = ids; self.started = started
    }
}

public enum CaseSort: String, Sendable, Hashable, CaseIterable, Codable {
    /// Most recently changed first.
    case updated
    /// Soonest open deadline first; cases without one last.
    case nextDue = "next-due"
    /// Most recently received first.
    case received
    /// By reference, ascending.
    case ref
}

public struct CaseQuery: Sendable, Hashable {
    public var filter: CaseFilter
    public var sort: CaseSort
    /// The sort's order turned around: oldest change first, latest deadline first, Z→A.
    public var reversed: Bool
    public var limit: Int
    public var offset: Int
    /// The `next` cursor of the previous page.
    public var after: CaseCursor?
    public init(filter: CaseFilter = CaseFilter(), sort: CaseSort = .updated, reversed: Bool = false,
                limit: Int = 50, offset: Int = 0, after: CaseCursor? = nil) {
        self.filter = filter; self.sort = sort; self.reversed = reversed; self.limit = limit; self.offset = offset
        self.after = after
    }
}

/// Where a page ended, for keyset paging. Opaque to callers.
public struct CaseCursor: Sendable, Hashable {
    let key: String
    let seq: Int64
}

public struct CasePage: Sendable, Hashable {
    public var cases: [CaseSummary]
    /// nil on the last page.
    public var next: CaseCursor?
}

/// One line of the case list, from the projection.
public struct CaseSummary: Sendable, Hashable, Codable {
    public var id: UUID
    public var ref: String
    public var direction: Direction
    public var kind: RequestKind
    public var state: CaseState
    public var counterpart: String
    public var officer: String
    public var title: String
    public var urgency: Urgency
    public var confidential: Bool
    public var received: CivilDate
    /// When the last event was recorded.
    public var updated: Date
    /// The soonest open deadline, with its status as of the caller's today.
    public var nextDeadline: DeadlineSummary?
    /// Two copies changed the case apart and no supervisor has kept one yet (issue 13).
    public var conflict = false
}

public struct DeadlineSummary: Sendable, Hashable, Codable {
    public var kind: DeadlineKind
    public var due: CivilDate
    public var status: DeadlineStatus
    public var days: Int
}

import Casework
import Foundation

public struct DeadlineFilter: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        /// Open, due-soon and overdue (the default of `cadesk deadlines`).
        case pending
        /// Overdue ones and those due within N days, inclusive.
        case within(Int)
        case overdue
        /// Also met, suspended and cancelled.
        case all
    }
    public var scope: Scope
    public var officer: String?
    public var limit: Int?
    /// Only deadlines of cases with this other State (ISO3).
    public var counterpart: String?
    /// Only deadlines of this kind.
    public var kind: DeadlineKind?
    /// Each row with its case's title and the deadline's article. Without them (`false`: the
    /// text table shows neither), an open scope is read from the index of open deadlines alone,
    /// with no case row read for each deadline; `title` and `article` are then empty.
    public var titles: Bool
    public init(scope: Scope = .pending, officer: String? = nil, limit: Int? = nil,
                counterpart: String? = nil, kind: DeadlineKind? = nil, titles: Bool = true) {
        self.scope = scope; self.officer = officer; self.limit = limit
        self.counterpart = counterpart; self.kind = kind; self.titles = titles
    }
}

/// A row of `cadesk deadlines` (CLI.md JSON shape).
public struct DeadlineRow: Sendable, Hashable, Codable {
    public var caseID: UUID
    public var ref: String
    public var title: String
    public var kind: DeadlineKind
    public var due: CivilDate
    public var status: DeadlineStatus
    public var days: Int
    public var officer: String
    public var counterpart: String
    public var article: String
}

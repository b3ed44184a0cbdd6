import Casework
import Foundation

/// Everything screens and commands ask of the case database. No SQL leaves CaseStore: a
/// PostgreSQL implementation could sit behind this protocol. All methods are synchronous and
/// safe to call from any thread; writers wait (up to the busy timeout) for other processes.
public protocol CaseRepository: Sendable {
    // MARK: Office

    /// `cadesk init`: sets office name, State and time zone in the policy and registers the
    /// first supervisor; `identity` sets how officers are known (nil: unchanged). An empty
    /// `state` leaves the State unset. Running it again updates the office and keeps the officers.
    func initialize(office: String, state: String, timeZone: String, firstSupervisor: String,
                    identity: OfficerIdentity?) throws(StoreError)
    /// True once `initialize` ran (the office has at least one supervisor).
    func isInitialized() throws(StoreError) -> Bool

    func addOfficer(_ name: String, role: Role) throws(StoreError)
    /// Changes an existing officer's role.
    func setRole(_ role: Role, of name: String) throws(StoreError)
    func officers() throws(StoreError) -> [Officer]
    /// The officer's role, or nil for a name the office does not know.
    func role(of name: String) throws(StoreError) -> Role?

    func loadPolicy() throws(StoreError) -> Policy
    /// Saves the policy; recomputes every case's deadlines when a change can move one
    /// (`Policy.movesDeadlines`: a period, or counting in working days).
    func savePolicy(_ policy: Policy) throws(StoreError)

    func holidays() throws(StoreError) -> [CivilDate]
    /// Adds dates (already there: ignored); returns how many were new. Recomputes deadlines when
    /// office periods are counted in working days (otherwise holidays move none).
    @discardableResult
    func addHolidays(_ dates: [CivilDate]) throws(StoreError) -> Int

    func directory() throws(StoreError) -> [DirectoryEntry]
    func directoryEntry(_ iso3: String) throws(StoreError) -> DirectoryEntry?
    /// Updates the office's fields of a State; an unknown ISO3 is `.invalid`.
    func setDirectoryEntry(_ entry: DirectoryEntry) throws(StoreError)

    /// A context for deciding: policy, holidays and the actor's role from the database.
    /// `linkedCases` is filled by `act` itself, inside its transaction.
    func context(actor: String, today: CivilDate, now: Date) throws(StoreError) -> CaseContext

    // MARK: Cases

    /// Registers a new case: mints its reference (IN-MLA-2026-0007, or IN-MLA-2026-FL2-0003 in a
    /// field copy), records the `registered` event and the projections, in one transaction.
    func register(_ registration: Registration, context: CaseContext) throws(StoreError) -> CaseFile
    /// Decides and records an action in ONE write transaction: the case is read and folded
    /// inside it, so an action already applied by another process is decided on the new state
    /// (and refused if no longer allowed). Updates this case's projections and its linked cases'.
    ///
    /// `basedOn` is the id of the case's last event as the user saw it: when another officer
    /// has recorded something since, the action is refused as `.stale` instead of being decided
    /// on a state the user has not seen. nil decides on whatever the state is now.
    func act(_ target: CaseSelector, action: Action, inputs: ActionInputs,
             context: CaseContext, basedOn: UUID?) throws(StoreError) -> CaseFile

    func caseFile(_ target: CaseSelector) throws(StoreError) -> CaseFile
    /// A case as one consistent snapshot, read in ONE transaction: the folded case, a deciding
    /// context (policy, holidays, the actor's role, the linked cases), its links and the
    /// counterpart's directory entry. Screens and `case show` use it, so what they show of a case
    /// never mixes two moments (a link committed between two reads, a policy changed meanwhile).
    func caseSnapshot(_ target: CaseSelector, actor: String, today: CivilDate, now: Date) throws(StoreError) -> CaseSnapshot
    /// The events of a case, in recording order (voided ones included: history shows both).
    func events(of target: CaseSelector) throws(StoreError) -> [CaseEvent]
    /// Links in either direction, with the other case's reference.
    func links(of target: CaseSelector) throws(StoreError) -> [CaseRelation]
    /// `--link REF` resolved into what the engine needs (`.unknownReference` if none).
    func linkTarget(_ ref: String) throws(StoreError) -> LinkTarget
    /// The purposes (40.3) each of these MLA cases asks for, as registered: for lists, which do
    /// not fold the cases they show. Cases without purposes (preservations, purged) are absent.
    func purposes(of ids: [UUID]) throws(StoreError) -> [UUID: [Purpose]]

    /// The device code of a field copy ("" at headquarters), part of the references it mints.
    func deviceCode() throws(StoreError) -> String
    /// Makes this database a field copy minting `IN-MLA-2026-FL2-0003`.
    func setDeviceCode(_ code: String) throws(StoreError)

    /// One page of the case list. Pass the previous page's `next` as `query.after` for keyset
    /// paging (fast at any depth); `offset` works too for jumping.
    func listCases(_ query: CaseQuery, today: CivilDate) throws(StoreError) -> CasePage
    func count(_ filter: CaseFilter) throws(StoreError) -> Int
    /// Full-text search as the user types: every word is a prefix, FTS syntax in the input is
    /// taken literally. Best matches first.
    func search(_ text: String, limit: Int, today: CivilDate) throws(StoreError) -> [CaseSummary]
    /// Deadlines across cases, soonest first, with statuses as of `today`.
    func deadlines(_ filter: DeadlineFilter, today: CivilDate) throws(StoreError) -> [DeadlineRow]
    func dashboard(today: CivilDate) throws(StoreError) -> Dashboard
    /// The supervisor's dashboard (issue 10 §1): rows read here, figures decided by Casework's
    /// `DashboardFigures`.
    func dashboardFigures(today: CivilDate) throws(StoreError) -> DashboardFigures
    /// The office's statistics over a period, from the events (issue 10 §3; figures defined by
    /// Casework's `ReportTally`).
    func officeReport(_ period: ReportPeriod) throws(StoreError) -> OfficeReport

    // MARK: Maintenance

    /// Recomputes every projection from the events; the result equals the live projections.
    func rebuildProjections(now: Date) throws(StoreError)
    /// integrity_check, foreign_key_check and the audit chain.
    func check() throws(StoreError) -> CheckReport
    func verifyAudit() throws(StoreError) -> AuditReport
    /// An online, consistent copy (SQLite backup API) at `path`, which must not exist.
    func backup(to path: String) throws(StoreError)
    /// Changes whenever any process commits a change: poll it (e.g. every second) to refresh.
    func dataVersion() throws(StoreError) -> Int64
}

extension CaseRepository {
    public func act(_ target: CaseSelector, action: Action, inputs: ActionInputs,
                    context: CaseContext) throws(StoreError) -> CaseFile {
        try act(target, action: action, inputs: inputs, context: context, basedOn: nil)
    }
}

/// Which case: by reference (what people type) or by identity.
public enum CaseSelector: Sendable, Hashable, CustomStringConvertible {
    case ref(String)
    case id(UUID)
    public var description: String {
        switch self {
        case .ref(let ref): return ref
        case .id(let id): return id.uuidString
        }
    }
}

public struct Officer: Sendable, Hashable, Codable {
    public var name: String
    public var role: Role
    public init(name: String, role: Role) { self.name = name; self.role = role }
}

/// A State in the directory: ISO names from iso-codes, the rest kept by the office (40.12).
public struct DirectoryEntry: Sendable, Hashable, Codable {
    public var iso3: String
    public var alpha2: String
    public var name: String
    public var officialName: String
    public var centralAuthority: String
    public var contact247: String
    /// ISO 639-2 codes.
    public var languages: [String]
    public var treaty: String
    public var notes: String
    public init(iso3: String, alpha2: String = "", name: String = "", officialName: String = "",
                centralAuthority: String = "", contact247: String = "", languages: [String] = [],
                treaty: String = "", notes: String = "") {
        self.iso3 = iso3; self.alpha2 = alpha2; self.name = name; self.officialName = officialName
        self.centralAuthority = centralAuthority; self.contact247 = contact247
        self.languages = languages; self.treaty = treaty; self.notes = notes
    }
}

/// What `caseSnapshot` reads of a case in one transaction.
public struct CaseSnapshot: Sendable {
    public var file: CaseFile
    /// For `Engine.deadlines`, `allowedActions`, `heldBack`: linked cases filled in.
    public var context: CaseContext
    public var relations: [CaseRelation]
    /// The counterpart as the directory knows it (nil for a code it does not hold).
    public var counterpart: DirectoryEntry?
    public init(file: CaseFile, context: CaseContext, relations: [CaseRelation], counterpart: DirectoryEntry?) {
        self.file = file; self.context = context; self.relations = relations; self.counterpart = counterpart
    }
}

/// A link seen from one case: the other case, and whether the link was declared by it.
public struct CaseRelation: Sendable, Hashable, Codable {
    public var id: UUID
    public var ref: String
    public var relation: String
    /// True when the other case's events declared the link (it points at this case).
    public var inbound: Bool
}

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
}

public struct DeadlineSummary: Sendable, Hashable, Codable {
    public var kind: DeadlineKind
    public var due: CivilDate
    public var status: DeadlineStatus
    public var days: Int
}

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
    public init(scope: Scope = .pending, officer: String? = nil, limit: Int? = nil,
                counterpart: String? = nil, kind: DeadlineKind? = nil) {
        self.scope = scope; self.officer = officer; self.limit = limit
        self.counterpart = counterpart; self.kind = kind
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

public struct Dashboard: Sendable, Hashable, Codable {
    public struct Count: Sendable, Hashable, Codable {
        public var key: String
        public var count: Int
    }
    public var totalCases: Int
    public var openCases: Int
    public var overdueDeadlines: Int
    public var dueSoonDeadlines: Int
    /// Open cases per officer ("" = unassigned), per counterpart, per state.
    public var openByOfficer: [Count]
    public var openByCounterpart: [Count]
    public var byState: [Count]
    /// Cases received per month (`YYYY-MM`), the last 12 months up to today.
    public var receivedByMonth: [Count]
}

public struct CheckReport: Sendable, Hashable, Codable {
    /// integrity_check's lines ("ok" when sound).
    public var integrity: [String]
    /// foreign_key_check violations, as "table rowid → parent".
    public var foreignKeys: [String]
    public var audit: AuditReport
    /// What the stored projections say that a rebuild from the events does not, one line each.
    public var projections: [String] = []
    public var ok: Bool { integrity == ["ok"] && foreignKeys.isEmpty && audit.ok && projections.isEmpty }
}

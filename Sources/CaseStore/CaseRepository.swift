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
    /// The caller says who registers it, on which day and at which instant; the actor's role,
    /// the policy and the holidays are read inside the transaction, as they are then.
    func register(_ registration: Registration, actor: String, today: CivilDate, now: Date) throws(StoreError) -> CaseFile
    /// Decides and records an action in ONE write transaction: the case is read and folded
    /// inside it, so an action already applied by another process is decided on the new state
    /// (and refused if no longer allowed). Updates this case's projections and its linked cases'.
    ///
    /// `basedOn` is the id of the case's last event as the user saw it: when another officer
    /// has recorded something since, the action is refused as `.stale` instead of being decided
    /// on a state the user has not seen. nil decides on whatever the state is now.
    ///
    /// Like `register`, it takes only what the caller decides (actor, today, now): the role,
    /// policy, holidays and linked cases it decides with are the ones inside the transaction.
    func act(_ target: CaseSelector, action: Action, inputs: ActionInputs,
             actor: String, today: CivilDate, now: Date, basedOn: UUID?) throws(StoreError) -> CaseFile

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
    func headline(today: CivilDate) throws(StoreError) -> Dashboard.Headline
    /// The supervisor's dashboard (issue 10 §1): rows read here, figures decided by Casework's
    /// `DashboardFigures`.
    func dashboardFigures(today: CivilDate) throws(StoreError) -> DashboardFigures
    /// The office's statistics over a period, from the events (issue 10 §3; figures defined by
    /// Casework's `ReportTally`).
    func officeReport(_ period: ReportPeriod) throws(StoreError) -> OfficeReport

    /// Changes whenever any process commits a change: poll it (e.g. every second) to refresh.
    func dataVersion() throws(StoreError) -> Int64
}

/// Looking after the database itself rather than the cases in it: what `cadesk check`,
/// `backup` and `admin rebuild` need, and no screen does. A second backend provides its own.
public protocol CaseMaintenance: Sendable {
    /// Recomputes every projection from the events; the result equals the live projections.
    func rebuildProjections(now: Date) throws(StoreError)
    /// integrity_check, foreign_key_check and the audit chain.
    func check() throws(StoreError) -> CheckReport
    func verifyAudit() throws(StoreError) -> AuditReport
    /// An online, consistent copy (SQLite backup API) at `path`, which must not exist.
    func backup(to path: String) throws(StoreError)
}

extension CaseRepository {
    public func act(_ target: CaseSelector, action: Action, inputs: ActionInputs,
                    actor: String, today: CivilDate, now: Date) throws(StoreError) -> CaseFile {
        try act(target, action: action, inputs: inputs, actor: actor, today: today, now: now, basedOn: nil)
    }
}

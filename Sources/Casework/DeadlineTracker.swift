import Foundation

/// The deadlines of one case as its events are replayed: each kind's track is started, met,
/// moved, suspended and cancelled as the lifecycle table says (WORKFLOWS.md §2).
struct DeadlineTracker {
    struct Track {
        var due: CivilDate
        var closed: (status: DeadlineStatus, on: CivilDate)?
        /// While suspended the clock stops: the days spent suspended are added on resuming.
        var suspendedSince: CivilDate?
        /// The case's state once the starting event was applied (`leavingWhereItStarted`).
        var startState: CaseState?
        /// How `due` follows from the policy; nil when that is not known.
        var basis: DeadlineBasis?
        var isRunning: Bool { closed == nil }
    }

    /// The case as folded up to the event replayed last (`DeadlineHistory` files events into it
    /// one by one); `Engine.deadlines` gives the whole case from the start.
    var file: CaseFile
    let policy: Policy
    let calendar: WorkingCalendar
    /// Urgent or data vulnerable: the shorter execution target (40.26, 44.3).
    let expedited: Bool
    /// `readings(of: file)` when the tracker was made.
    let readings: [Bool]
    private(set) var tracks: [DeadlineKind: Track] = [:]
    /// The case facts the periods read, as they stood at the event being replayed.
    private var requested: CivilDate?
    private var followUpDue: CivilDate?
    private var followUpBasis: DeadlineBasis?
    /// When the preservation was released while waiting for its MLA (42.8: release-due met).
    private var releasedFromPendingMLA: CivilDate?

    /// What the replay reads of the case besides its events (urgency, oral, real-time
    /// collection): when one of them changes, every event is replayed again in its light.
    static func readings(of file: CaseFile) -> [Bool] {
        [file.urgency.isUrgent || file.dataVulnerable, file.receivedOrally, file.collectsInRealTime]
    }

    init(file: CaseFile, context: CaseContext) {
        self.file = file
        policy = context.policy
        calendar = context.officeCalendar
        expedited = file.urgency.isUrgent || file.dataVulnerable
        readings = Self.readings(of: file)
    }

    /// One applied event. Met first: an event may meet one deadline and start another.
    mutating func replay(_ e: FiledEvent) {
        if e.type == .registered { requested = e.event.payload.registration?.requestedDeadline }
        if e.action == .setDeadline { requested = e.event.payload.until }
        if releasedFromPendingMLA == nil && e.action == .release && e.fromState == .pendingMLA {
            releasedFromPendingMLA = e.event.effective
        }
        meet(e)
        startOrMove(e)
        suspendOrResume(e)
        if let track = tracks[.followUpMLADue] { followUpDue = track.due; followUpBasis = track.basis }
        cancelOnClosing(e)
    }

    private mutating func meet(_ e: FiledEvent) {
        for rule in DeadlineRule.all {
            guard var track = tracks[rule.kind], track.isRunning else { continue }
            if rule.metBy.contains(where: { matches($0, e, track) }) {
                track.closed = (.met, e.event.effective)
                tracks[rule.kind] = track
            }
        }
    }

    private mutating func startOrMove(_ e: FiledEvent) {
        for rule in DeadlineRule.all {
            if rule.startedBy.contains(where: { matches($0, e) }), let (due, basis) = due(rule, e) {
                start(rule, due: due, basis: basis, at: e)
            } else if let action = e.action, rule.movedBy.contains(action) {
                move(rule.kind, by: e.event.payload)
            }
        }
    }

    /// Started while the case is already where the rule says it is met: met at once.
    private mutating func start(_ rule: DeadlineRule, due: CivilDate, basis: DeadlineBasis?, at e: FiledEvent) {
        var track = Track(due: due, closed: nil, startState: e.toState, basis: basis)
        let alreadyMet = rule.metBy.contains {
            if case .startedIn(let states) = $0, let state = e.toState { return states.contains(state) }
            return false
        }
        if alreadyMet { track.closed = (.met, e.event.effective) }
        tracks[rule.kind] = track
    }

    /// `extend` adds days; `extension-granted` sets a new end or adds days.
    private mutating func move(_ kind: DeadlineKind, by p: EventPayload) {
        guard var track = tracks[kind], track.isRunning else { return }
        if let until = p.until { track.due = until; track.basis = .fixed }
        else if let days = p.days { track.due = track.due.adding(days: days); track.basis = track.basis?.shifted(by: days) }
        tracks[kind] = track
    }

    /// Entering a suspending state stops the clock; leaving it adds the days spent there.
    private mutating func suspendOrResume(_ e: FiledEvent) {
        guard let from = e.fromState, let to = e.toState else { return }
        for rule in DeadlineRule.all where !rule.suspendedIn.isEmpty {
            guard var track = tracks[rule.kind], track.isRunning else { continue }
            let was = rule.suspendedIn.contains(from), now = rule.suspendedIn.contains(to)
            if !was && now { track.suspendedSince = e.event.effective }
            if was && !now, let since = track.suspendedSince {
                let stopped = since.days(until: e.event.effective)
                track.due = track.due.adding(days: stopped)
                track.basis = track.basis?.shifted(by: stopped)
                track.suspendedSince = nil
            }
            tracks[rule.kind] = track
        }
    }

    /// Terminal states and closing cancel what is still running, except release-due.
    private mutating func cancelOnClosing(_ e: FiledEvent) {
        let table = file.table
        guard let to = e.toState, !table.isOpen(to), e.fromState.map(table.isOpen) ?? true else { return }
        for (kind, var track) in tracks where track.isRunning && kind != .releaseDue {
            track.closed = (.cancelled, e.event.effective)
            tracks[kind] = track
        }
    }

    /// release-due from the follow-up MLA's decision (42.8): decision date + acknowledge period.
    mutating func startReleaseDue(context: CaseContext) {
        guard file.direction == .incoming && file.kind == .preservation, tracks[.releaseDue] == nil,
              let decided = Engine.linkedDecisionDate(file, context: context) else { return }
        let due = calendar.adding(policy.acknowledgeDays, to: decided)
        let basis = DeadlineBasis.period(key: PolicyPeriod.acknowledge.key(expedited: false), officeDays: true,
                                         from: decided, shift: 0)
        if file.state == .pendingMLA {
            tracks[.releaseDue] = Track(due: due, closed: nil, basis: basis)
        } else if let released = releasedFromPendingMLA {
            tracks[.releaseDue] = Track(due: due, closed: (.met, released), basis: basis)
        }
    }

    /// The tracks as deadlines on `today`, by due date then the table's order of kinds.
    func deadlines(today: CivilDate) -> [Deadline] {
        let order = Dictionary(uniqueKeysWithValues: DeadlineKind.allCases.enumerated().map { ($1, $0) })
        return tracks.map { kind, track -> Deadline in
            let rule = DeadlineRule.rule(for: kind)
            let days = today.days(until: track.due)
            let status: DeadlineStatus
            if let closed = track.closed { status = closed.status }
            else if rule.suspendedIn.contains(file.state) { status = .suspended }
            else { status = .pending(daysLeft: days, policy: policy) }
            return Deadline(kind: kind, due: track.due, status: status, days: days, article: rule.article,
                            closedOn: track.closed?.on, basis: track.basis)
        }.sorted { ($0.due, order[$0.kind]!) < ($1.due, order[$1.kind]!) }
    }

    // MARK: - Reading the table

    private func matches(_ trigger: DeadlineTrigger, _ e: FiledEvent, _ track: Track? = nil) -> Bool {
        switch trigger {
        case .ourFirstStep:
            guard let action = e.action else { return false }
            if action == .letterProduced { return e.event.payload.letter == .acknowledgement }
            let ours = action != .withdraw && !Engine.counterpartActs.contains(action)
            return ours && e.fromState != nil && e.fromState != e.toState
        case .leaving(let states):
            guard let from = e.fromState, let to = e.toState else { return false }
            return states.contains(from) && !states.contains(to)
        case .startedIn:
            return false  // decided when the deadline starts (`start`)
        case .leavingWhereItStarted(let states):
            guard let start = track?.startState, states.contains(start),
                  let from = e.fromState, let to = e.toState else { return false }
            return from == start && to != start && file.table.isOpen(to)
        case .registered(let condition):
            return e.type == .registered && holds(condition, e)
        case .action(let action, let condition):
            return e.action == action && holds(condition, e)
        }
    }

    private func holds(_ condition: DeadlineCondition, _ e: FiledEvent) -> Bool {
        switch condition {
        case .always: return true
        case .incoming: return file.direction == .incoming
        case .incomingMLA: return file.direction == .incoming && file.kind == .mla
        case .incomingPreservation: return file.direction == .incoming && file.kind == .preservation
        case .oral: return e.type == .registered ? file.receivedOrally : e.event.payload.oral == true
        case .withRequestedDeadline: return e.event.payload.registration?.requestedDeadline != nil
        case .fromPreserved: return Engine.heldPreservedData(before: e, file: file)
        case .realtimeCollection: return file.collectsInRealTime && e.event.payload.until != nil
        }
    }

    /// The due day of a deadline `e` starts, and how it follows from the policy.
    private func due(_ rule: DeadlineRule, _ e: FiledEvent) -> (CivilDate, DeadlineBasis?)? {
        let on = e.event.effective
        let p = e.event.payload
        func office(_ period: PolicyPeriod) -> (CivilDate, DeadlineBasis?) {
            (calendar.adding(period.days(policy, expedited: expedited), to: on),
             .period(key: period.key(expedited: expedited), officeDays: true, from: on, shift: 0))
        }
        func fixed(_ day: CivilDate?) -> (CivilDate, DeadlineBasis?)? { day.map { ($0, .fixed) } }
        switch rule.period {
        case .office(let period): return office(period)
        case .calendarDays(let period):
            return (on.adding(days: period.days(policy, expedited: expedited)),
                    .period(key: period.key(expedited: expedited), officeDays: false, from: on, shift: 0))
        case .untilOr(let period): return fixed(p.until) ?? office(period)
        case .until: return fixed(p.until)
        case .recordedDays: return (on.adding(days: p.days ?? 60), .fixed)
        case .requestedDeadline: return fixed(requested)
        case .followUpDue:
            if let followUpDue { return (followUpDue, followUpBasis) }
            return office(.statusReply)
        }
    }
}

import Foundation

extension Engine {
    /// The deadlines of a case as of `context.today`: the lifecycle table replayed over the
    /// applied events, then statuses (open, due-soon, overdue, met, suspended, cancelled).
    public static func deadlines(for file: CaseFile, context: CaseContext) -> [Deadline] {
        struct Track {
            var due: CivilDate
            var closed: (status: DeadlineStatus, on: CivilDate)?
            /// While suspended the clock stops: the days spent suspended are added on resuming.
            var suspendedSince: CivilDate?
            /// The case's state once the starting event was applied (`leavingWhereItStarted`).
            var startState: CaseState?
        }
        let policy = context.policy
        let calendar = context.officeCalendar
        let expedited = file.urgency.isUrgent || file.dataVulnerable
        let table = file.table
        var tracks: [DeadlineKind: Track] = [:]
        var requested: CivilDate? = nil
        var followUpDue: CivilDate? = nil

        func matches(_ trigger: DeadlineTrigger, _ e: FiledEvent, _ track: Track? = nil) -> Bool {
            switch trigger {
            case .anyAction:
                return e.type != .registered
            case .leaving(let states):
                guard let from = e.fromState, let to = e.toState else { return false }
                return states.contains(from) && !states.contains(to)
            case .startedIn:
                return false  // decided when the deadline starts, below
            case .leavingWhereItStarted(let states):
                guard let start = track?.startState, states.contains(start),
                      let from = e.fromState, let to = e.toState else { return false }
                return from == start && to != start && table.isOpen(to)
            case .registered(let condition):
                return e.type == .registered && holds(condition, e)
            case .action(let action, let condition):
                return e.action == action && holds(condition, e)
            }
        }

        func holds(_ condition: DeadlineCondition, _ e: FiledEvent) -> Bool {
                switch condition {
                case .always: return true
                case .incoming: return file.direction == .incoming
                case .incomingMLA: return file.direction == .incoming && file.kind == .mla
                case .incomingPreservation: return file.direction == .incoming && file.kind == .preservation
                case .oral: return e.type == .registered ? file.receivedOrally : e.event.payload.oral == true
                case .withRequestedDeadline: return e.event.payload.registration?.requestedDeadline != nil
                case .fromPreserved:
                    return heldPreservedData(before: e, file: file)
                case .realtimeCollection:
                    return file.purposes.contains(.realtimeTraffic) && e.event.payload.until != nil
                }
        }

        func due(_ rule: DeadlineRule, _ e: FiledEvent) -> CivilDate? {
            let on = e.event.effective
            let p = e.event.payload
            switch rule.period {
            case .office(let period): return calendar.adding(period.days(policy, expedited: expedited), to: on)
            case .untilOr(let period): return p.until ?? calendar.adding(period.days(policy, expedited: expedited), to: on)
            case .until: return p.until
            case .recordedDays: return on.adding(days: p.days ?? 60)
            case .requestedDeadline: return requested
            case .followUpDue: return followUpDue ?? calendar.adding(policy.statusReplyDays, to: on)
            }
        }

        for e in file.applied {
            let p = e.event.payload
            // The case facts the periods read, as they stood at this event.
            if e.type == .registered { requested = p.registration?.requestedDeadline }
            if e.action == .setDeadline { requested = p.until }
            // Met first: an event may meet one deadline and start another.
            for rule in DeadlineRule.all {
                guard var track = tracks[rule.kind], track.closed == nil else { continue }
                let met = rule.metBy.contains { matches($0, e, track) }
                if met { track.closed = (.met, e.event.effective); tracks[rule.kind] = track }
            }
            for rule in DeadlineRule.all {
                if rule.startedBy.contains(where: { matches($0, e) }), let d = due(rule, e) {
                    var track = Track(due: d, closed: nil, startState: e.toState)
                    let alreadyMet = rule.metBy.contains {
                        if case .startedIn(let states) = $0, let state = e.toState { return states.contains(state) }
                        return false
                    }
                    if alreadyMet { track.closed = (.met, e.event.effective) }
                    tracks[rule.kind] = track
                } else if e.action.map(rule.movedBy.contains) ?? false, var track = tracks[rule.kind], track.closed == nil {
                    if let until = p.until { track.due = until }
                    else if let days = p.days { track.due = track.due.adding(days: days) }
                    tracks[rule.kind] = track
                }
            }
            // Suspension: entering a suspending state stops the clock, leaving it adds the days.
            if let from = e.fromState, let to = e.toState {
                for rule in DeadlineRule.all where !rule.suspendedIn.isEmpty {
                    guard var track = tracks[rule.kind], track.closed == nil else { continue }
                    let was = rule.suspendedIn.contains(from), now = rule.suspendedIn.contains(to)
                    if !was && now { track.suspendedSince = e.event.effective }
                    if was && !now, let since = track.suspendedSince {
                        track.due = track.due.adding(days: since.days(until: e.event.effective))
                        track.suspendedSince = nil
                    }
                    tracks[rule.kind] = track
                }
            }
            if let track = tracks[.followUpMLADue] { followUpDue = track.due }
            // Terminal states and closing cancel what is still open, except release-due.
            if let to = e.toState, !table.isOpen(to), e.fromState.map(table.isOpen) ?? true {
                for (kind, var track) in tracks where track.closed == nil && kind != .releaseDue {
                    track.closed = (.cancelled, e.event.effective)
                    tracks[kind] = track
                }
            }
        }

        // release-due from the follow-up MLA's decision (42.8): decision date + acknowledge period.
        if file.direction == .incoming && file.kind == .preservation, tracks[.releaseDue] == nil,
           let decided = linkedDecisionDate(file, context: context) {
            let due = calendar.adding(policy.acknowledgeDays, to: decided)
            if file.state == .pendingMLA {
                tracks[.releaseDue] = Track(due: due, closed: nil)
            } else if let release = file.applied.first(where: { $0.action == .release && $0.fromState == .pendingMLA }) {
                tracks[.releaseDue] = Track(due: due, closed: (.met, release.event.effective))
            }
        }

        let today = context.today
        let order = Dictionary(uniqueKeysWithValues: DeadlineKind.allCases.enumerated().map { ($1, $0) })
        return tracks.map { kind, track -> Deadline in
            let rule = DeadlineRule.rule(for: kind)
            let days = today.days(until: track.due)
            let status: DeadlineStatus
            if let closed = track.closed { status = closed.status }
            else if rule.suspendedIn.contains(file.state) { status = .suspended }
            else { status = .pending(daysLeft: days, policy: policy) }
            return Deadline(kind: kind, due: track.due, status: status, days: days, article: rule.article,
                            closedOn: track.closed?.on)
        }.sorted { ($0.due, order[$0.kind]!) < ($1.due, order[$1.kind]!) }
    }

    /// Whether we held preserved data when this event happened (an incoming preservation
    /// leaving preserved or pending-MLA): a withdrawal then obliges us to have the custodian
    /// release them (`release-due`, `data-released`). Only we hold data we preserved: an
    /// outgoing preservation is held by the other State.
    static func heldPreservedData(before e: FiledEvent, file: CaseFile) -> Bool {
        file.direction == .incoming && file.kind == .preservation
            && [.preserved, .pendingMLA].contains(e.fromState ?? .received)
    }

    /// The date the follow-up MLA case linked to a preservation was executed, refused or
    /// withdrawn, if it was.
    static func linkedDecisionDate(_ file: CaseFile, context: CaseContext) -> CivilDate? {
        let decisions: Set<CaseState> = [.executed, .refused, .withdrawn]
        return file.links.filter { $0.relation == "follow-up-mla" }
            .compactMap { context.linkedCases[$0.id] }
            .compactMap { linked -> CivilDate? in
                guard decisions.contains(linked.outcome) else { return nil }
                return linked.applied.last { $0.toState == linked.outcome && $0.fromState != linked.outcome }?.event.effective
            }
            .min()
    }
}

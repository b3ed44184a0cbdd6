import Foundation

/// Retention of personal data (art. 36): once a closed case has been kept for the office's
/// retention period, a supervisor's `purge` blanks its personal data — titles, facts, persons,
/// free text, notes — and keeps what the record still needs: references, dates, states, grounds,
/// links, and the obligations that outlast a case (use limitations, 40.19; onward-transfer
/// conditions, 36.3). The purge event carries, for every event it blanks, that event's remainder,
/// so the case still folds to the same states and the audit chain can tell an authorised
/// blanking from a tampered one.
public enum Retention {
    static let action = Action.purge

    /// The latest closing date the retention period allows to purge as of `today`: the same
    /// day `retention_years` earlier (29 February falls back to the 28th).
    public static func latestPurgeable(today: CivilDate, policy: Policy) -> CivilDate {
        let year = today.year - policy.retentionYears
        let day = min(today.day, CivilDate.daysIn(month: today.month, year: year))
        return CivilDate(year: year, month: today.month, day: day) ?? today
    }

    /// Who may purge and how far back: a supervisor, with reasons, never into the retention period.
    public static func checkMayPurge(closedBefore: CivilDate, reason: String,
                                     context: CaseContext) throws(CaseworkError) {
        guard context.role == .supervisor else {
            throw CaseworkError(.forbiddenRole, action.rawValue, "only a supervisor may purge personal data (\(context.actor) is \(context.role.rawValue))")
        }
        if blank(reason) { throw .usage(action, "--reason is required: say why the data are purged", article: "36") }
        let limit = latestPurgeable(today: context.today, policy: context.policy)
        let years = "\(context.policy.retentionYears) year\(context.policy.retentionYears == 1 ? "" : "s")"
        guard closedBefore <= limit.adding(days: 1) else {
            throw .refused(action, "closed cases are kept \(years) (policy retention_years): --closed-before may be at most \(limit.adding(days: 1))", article: "36",
                           rule: .keptUntil(limit.adding(days: 1)))
        }
    }

    /// The day a case left its open states: the effective date of the last applied event that
    /// took it out of them. nil while it is open.
    public static func closedOn(_ file: CaseFile) -> CivilDate? {
        guard !file.isOpen else { return nil }
        let leaving = file.events.last { e in
            e.isApplied && e.fromState.map(file.table.isOpen) == true && e.toState.map(file.table.isOpen) == false
        }
        return leaving?.event.effective ?? file.latestEffective
    }

    /// A case closed before `closedBefore` and not yet purged.
    public static func isDue(_ file: CaseFile, closedBefore: CivilDate) -> Bool {
        guard file.purgedOn == nil, let closed = closedOn(file) else { return false }
        return closed < closedBefore
    }

    /// The purge event of a case: its reasons and the remainder of every event that holds
    /// personal data. Events without any keep their payload and are not listed.
    public static func purgeEvent(for file: CaseFile, reason: String, context: CaseContext) -> CaseEvent {
        let purged = file.events.compactMap { filed -> PurgedPayload? in
            let rest = remainder(of: filed.event.payload)
            return rest == filed.event.payload ? nil : PurgedPayload(event: filed.id, remainder: rest)
        }
        let payload = EventPayload(reason: reason, fromState: file.state, toState: file.state, purged: purged)
        return CaseEvent(id: context.makeID(), caseID: file.id, type: .action(.purge), actor: context.actor,
                         recorded: context.now, effective: context.today, payload: payload)
    }

    /// What of a payload outlasts retention: no free text, names or descriptions; grounds,
    /// dates, states, links, the recipient State, the other side's reference and the conditions
    /// of use (40.19, 36.3) stay.
    static func remainder(of p: EventPayload) -> EventPayload {
        var r = p
        r.reason = nil; r.note = nil; r.authority = nil; r.custodian = nil; r.provider = nil
        r.attachment = nil
        if let edits = p.edits {
            r.edits = CaseEdits(offenceClass: edits.offenceClass, officer: edits.officer, theirRef: edits.theirRef)
        }
        if var reg = p.registration {
            reg.title = ""; reg.facts = ""; reg.offence = ""; reg.items = [:]
            reg.requestedDeadlineReason = reg.requestedDeadline == nil ? nil : ""
            r.registration = reg
        }
        return r
    }

    /// The events as the case reads them after a purge: each blanked event (`blanked`: stored
    /// with no payload) takes the remainder its purge event recorded.
    public static func withRemainders(_ events: [CaseEvent], blanked: Set<UUID>) -> [CaseEvent] {
        guard !blanked.isEmpty else { return events }
        var remainders: [UUID: EventPayload] = [:]
        for e in events where e.type == .action(.purge) {
            for p in e.payload.purged ?? [] { remainders[p.event] = p.remainder }
        }
        return events.map { e in
            guard blanked.contains(e.id), let rest = remainders[e.id] else { return e }
            var restored = e
            restored.payload = rest
            return restored
        }
    }
}

/// One event blanked by a purge, with what of it the record keeps.
public struct PurgedPayload: Codable, Sendable, Hashable {
    public var event: UUID
    public var remainder: EventPayload
    public init(event: UUID, remainder: EventPayload) { self.event = event; self.remainder = remainder }
}

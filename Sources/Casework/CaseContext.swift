import Foundation

/// Everything a decision needs; the engine reads nothing else (no clock, no files).
public struct CaseContext: Sendable {
    /// Today in the office time zone: deadline statuses and the latest allowed `--on`.
    public var today: CivilDate
    /// The instant recorded on new events (recorded-at).
    public var now: Date
    public var actor: String
    public var role: Role
    public var policy: Policy
    public var holidays: Set<CivilDate>
    /// Cases linked to the one acted on (the follow-up MLA of a preservation, …), by id: for
    /// release from pending-mla and `release-due`.
    public var linkedCases: [UUID: CaseFile]
    /// Ids for new events.
    public var makeID: @Sendable () -> UUID

    public init(today: CivilDate, now: Date, actor: String, role: Role, policy: Policy = Policy(),
                holidays: Set<CivilDate> = [], linkedCases: [UUID: CaseFile] = [:],
                makeID: @escaping @Sendable () -> UUID) {
        self.today = today; self.now = now; self.actor = actor; self.role = role
        self.policy = policy; self.holidays = holidays; self.linkedCases = linkedCases
        self.makeID = makeID
    }

    /// How office periods are counted under this policy and holiday calendar.
    public var officeCalendar: WorkingCalendar {
        WorkingCalendar(workingDays: policy.officePeriodsInWorkingDays, holidays: holidays)
    }
}

import Foundation

/// The kinds of deadline of WORKFLOWS.md §2, spelled as on the command line.
public enum DeadlineKind: String, CaseIterable, Codable, Sendable {
    case acknowledgement
    case preservationTarget = "preservation-target"
    case executionTarget = "execution-target"
    case writtenConfirmation = "written-confirmation"
    case requestedDeadline = "requested-deadline"
    case informationDue = "information-due"
    case consultationReply = "consultation-reply"
    case postponementReview = "postponement-review"
    case statusReply = "status-reply"
    case preservationExpiry = "preservation-expiry"
    case followUpMLADue = "follow-up-mla-due"
    case extensionReply = "extension-reply"
    case collectionEnd = "collection-end"
    case releaseDue = "release-due"
}

public enum DeadlineStatus: String, CaseIterable, Codable, Sendable {
    case open
    case dueSoon = "due-soon"
    case overdue, met, suspended, cancelled

    /// Still to be acted upon: open, due soon or overdue.
    public var isPending: Bool { self == .open || self == .dueSoon || self == .overdue }

    /// The one definition of due soon and overdue: a pending deadline `daysLeft` days from today
    /// is overdue once its day has passed, due soon within the policy's largest warning threshold.
    public static func pending(daysLeft: Int, policy: Policy) -> DeadlineStatus {
        if isOverdue(daysLeft: daysLeft) { return .overdue }
        if daysLeft <= policy.dueSoonWithin { return .dueSoon }
        return .open
    }

    /// A pending deadline is overdue once its day has passed (due today is not overdue yet).
    public static func isOverdue(daysLeft: Int) -> Bool { daysLeft < 0 }

    /// Due within `days` days, not counting overdue ones: due today (0) up to `days` ahead. The
    /// dashboard's 7/14/30 and the Deadlines tab's horizon ask this.
    public static func isDue(daysLeft: Int, within days: Int) -> Bool {
        !isOverdue(daysLeft: daysLeft) && daysLeft <= days
    }

    /// How a deadline with this lasting status looks on `today` (the stored projections keep
    /// `open`; the day decides the rest).
    public static func asOf(stored: DeadlineStatus, due: CivilDate, today: CivilDate, policy: Policy) -> DeadlineStatus {
        guard stored.isPending else { return stored }
        return pending(daysLeft: today.days(until: due), policy: policy)
    }
}

extension Policy {
    /// The last day a deadline is due soon on `today`: what a query counts up to.
    public func dueSoonUntil(_ today: CivilDate) -> CivilDate { today.adding(days: dueSoonWithin) }
}

/// A deadline of a case as of "today".
public struct Deadline: Codable, Sendable, Hashable {
    public var kind: DeadlineKind
    public var due: CivilDate
    public var status: DeadlineStatus
    /// Due minus today: negative when overdue.
    public var days: Int
    public var article: String
    /// When it was met or cancelled, if it was.
    public var closedOn: CivilDate?
    /// How `due` follows from the office policy (nil when not known): how the deadline was
    /// computed, not part of what it is, so neither encoded nor compared.
    public var basis: DeadlineBasis?

    public init(kind: DeadlineKind, due: CivilDate, status: DeadlineStatus, days: Int,
                article: String, closedOn: CivilDate? = nil, basis: DeadlineBasis? = nil) {
        self.kind = kind; self.due = due; self.status = status; self.days = days
        self.article = article; self.closedOn = closedOn; self.basis = basis
    }

    private enum CodingKeys: String, CodingKey { case kind, due, status, days, article, closedOn }

    public static func == (a: Deadline, b: Deadline) -> Bool {
        a.kind == b.kind && a.due == b.due && a.status == b.status && a.days == b.days
            && a.article == b.article && a.closedOn == b.closedOn
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind); hasher.combine(due); hasher.combine(status); hasher.combine(days)
        hasher.combine(article); hasher.combine(closedOn)
    }

    /// The reminder threshold this deadline has reached (the smallest of the policy's thresholds
    /// at or above `days`), or nil when it is not pending or not yet within any threshold.
    public func reminderThreshold(_ policy: Policy) -> Int? {
        guard status.isPending else { return nil }
        return policy.warningThresholds.filter { days <= $0 }.min()
    }
}

/// Counts office periods: in calendar days, or in working days skipping weekends and the
/// office's holidays. The Convention's periods (42.8's 60 days) are always calendar days.
public struct WorkingCalendar: Sendable, Hashable {
    public var workingDays: Bool
    public var holidays: Set<CivilDate>

    public init(workingDays: Bool, holidays: Set<CivilDate> = []) {
        self.workingDays = workingDays; self.holidays = holidays
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool {
        !date.isWeekend && !holidays.contains(date)
    }

    /// `days` after `date`: calendar days, or the `days`-th working day after `date`.
    public func adding(_ days: Int, to date: CivilDate) -> CivilDate {
        guard workingDays, days > 0 else { return date.adding(days: days) }
        var current = date
        var left = days
        while left > 0 {
            current = current.adding(days: 1)
            if isWorkingDay(current) { left -= 1 }
        }
        return current
    }
}

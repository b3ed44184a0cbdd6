import Foundation

/// How a deadline's due day follows from the office policy: what lets a change of a period,
/// of the working-day rule or of the holidays move every deadline without replaying the cases
/// (`CaseStore` keeps it beside each deadline row). The replay (`DeadlineTracker`) computes it
/// together with the due day, and `due(policy:calendar:)` gives back that day under any policy.
public enum DeadlineBasis: Sendable, Hashable {
    /// No period of the policy: an `--until`, a requested deadline, the days recorded on an event.
    case fixed
    /// The policy period `key` (`acknowledge_days`, …) counted from `from`, in office days (the
    /// working-day rule and holidays apply) or in calendar days, then `shift` calendar days
    /// added: the days a suspension stopped the clock, an extension's days.
    case period(key: String, officeDays: Bool, from: CivilDate, shift: Int)

    /// The due day under `policy` and its office `calendar`; nil for an unknown key.
    public func due(policy: Policy, calendar: WorkingCalendar) -> CivilDate? {
        switch self {
        case .fixed: return nil
        case .period(let key, let officeDays, let from, let shift):
            guard let days = policy.periodDays(forKey: key) else { return nil }
            let counted = officeDays ? calendar.adding(days, to: from) : from.adding(days: days)
            return counted.adding(days: shift)
        }
    }

    /// The same basis with `days` more calendar days added to the due day.
    func shifted(by days: Int) -> DeadlineBasis {
        guard case .period(let key, let officeDays, let from, let shift) = self else { return self }
        return .period(key: key, officeDays: officeDays, from: from, shift: shift + days)
    }

    /// As stored: "" when fixed, else "KEY office|calendar FROM SHIFT"
    /// ("acknowledge_days office 2026-03-02 0").
    public var storedText: String {
        switch self {
        case .fixed: return ""
        case .period(let key, let officeDays, let from, let shift):
            return "\(key) \(officeDays ? "office" : "calendar") \(from) \(shift)"
        }
    }

    /// Reads `storedText`; nil for anything else (the "?" of a row stored before bases were kept).
    public init?(storedText text: String) {
        if text.isEmpty { self = .fixed; return }
        let fields = text.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[1] == "office" || fields[1] == "calendar",
              let from = CivilDate(String(fields[2])), let shift = Int(fields[3]) else { return nil }
        self = .period(key: String(fields[0]), officeDays: fields[1] == "office", from: from, shift: shift)
    }
}

extension PolicyPeriod {
    /// The policy key the period reads for a case (the expedited target for an urgent one or
    /// one whose data are vulnerable).
    func key(expedited: Bool) -> String {
        switch self {
        case .acknowledge: return "acknowledge_days"
        case .preserveWithin: return "preserve_within_days"
        case .executionTarget: return expedited ? "expedited_target_days" : "execution_target_days"
        case .information: return "information_days"
        case .statusReply: return "status_reply_days"
        case .consultation: return "consultation_days"
        case .writtenConfirmation: return "written_confirmation_days"
        }
    }
}

extension Policy {
    /// The days of an office period by its policy key (`acknowledge_days`, …); nil for a key
    /// that names no period a deadline counts.
    public func periodDays(forKey key: String) -> Int? {
        switch key {
        case "acknowledge_days": return acknowledgeDays
        case "preserve_within_days": return preserveWithinDays
        case "execution_target_days": return executionTargetDays
        case "expedited_target_days": return expeditedTargetDays
        case "information_days": return informationDays
        case "status_reply_days": return statusReplyDays
        case "consultation_days": return consultationDays
        case "written_confirmation_days": return writtenConfirmationDays
        default: return nil
        }
    }
}

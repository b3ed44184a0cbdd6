import Casework
import Foundation

/// What the calendar shows of a deadline besides its dates.
public struct CalendarLabel: Sendable {
    public var title: String
    public var counterpart: String
    public var officer: String
    public init(title: String, counterpart: String, officer: String) {
        self.title = title; self.counterpart = counterpart; self.officer = officer
    }
}

/// An iCalendar file (RFC 5545) of deadlines as all-day events: one VALARM per warning threshold
/// on pending ones, and STATUS:CANCELLED on those met or cancelled, so a subscribed calendar
/// removes what needs no more work.
public enum CalendarFile {
    /// `generated` is each event's DTSTAMP: a due date moved by a policy change (no event on the
    /// case, so no higher SEQUENCE) still reads as newer to a subscribed calendar.
    public static func ics(_ entries: [(CalendarDeadline, CalendarLabel)], office: String,
                           warningThresholds: [Int], generated: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cadesk//deadlines//EN",
                     "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:\(text("cadesk \(office)"))"]
        for (entry, label) in entries {
            lines += event(entry, label, office: office, thresholds: warningThresholds, generated: generated)
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func event(_ e: CalendarDeadline, _ label: CalendarLabel, office: String, thresholds: [Int],
                      generated: Date) -> [String] {
        let d = e.deadline
        let status: String
        switch d.status {
        case .met, .cancelled: status = "CANCELLED"
        case .suspended: status = "TENTATIVE"
        default: status = "CONFIRMED"
        }
        let summary = "\(e.ref) \(d.kind.rawValue)" + (label.title.isEmpty ? "" : " – \(label.title)")
        let about = "\(office): \(label.counterpart), officer \(label.officer), art. \(d.article), \(d.status.rawValue)"
        var lines = ["BEGIN:VEVENT", "UID:\(e.uid)", "DTSTAMP:\(stamp(generated))", "LAST-MODIFIED:\(stamp(e.stamp))",
                     "SEQUENCE:\(e.sequence)", "DTSTART;VALUE=DATE:\(day(d.due))",
                     "DTEND;VALUE=DATE:\(day(d.due.adding(days: 1)))", "STATUS:\(status)",
                     "TRANSP:TRANSPARENT", "SUMMARY:\(text(summary))", "DESCRIPTION:\(text(about))"]
        if d.status.isPending {
            for days in Set(thresholds).sorted(by: >) where days > 0 {
                lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER;RELATED=START:-P\(days)D",
                          "DESCRIPTION:\(text("\(e.ref) \(d.kind.rawValue) due in \(days) days"))", "END:VALARM"]
            }
        }
        lines.append("END:VEVENT")
        return lines
    }

    static func day(_ date: CivilDate) -> String { date.description.replacingOccurrences(of: "-", with: "") }

    static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }

    /// TEXT values (§3.3.11): backslash, semicolon, comma and newline escaped; other control
    /// characters from stored data dropped.
    static func text(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Lines longer than 75 octets folded (§3.1), never inside a UTF-8 character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var parts: [String] = []
        var current = ""
        var size = 0
        for c in line.unicodeScalars {
            let n = String(c).utf8.count
            if size + n > (parts.isEmpty ? 75 : 74) {
                parts.append(current); current = ""; size = 0
            }
            current.unicodeScalars.append(c); size += n
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }
}

import Foundation

/// A date on the calendar of the office's time zone, with no time of day (WORKFLOWS.md §2).
/// Periods are counted on civil dates, never on instants, so daylight-saving changes cannot
/// shift a deadline: "60 days from D" is `D.adding(days: 60)`.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validates the date: `CivilDate(year: 2026, month: 2, day: 30)` is nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; anything else (or an impossible date) is nil.
    /// Read byte by byte: every list, search and deadline row parses dates, and splitting the
    /// string cost more than the query (issue 14).
    public init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ CivilDate.parse($0) }) else { return nil }
        self = parsed
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let digit = Int(bytes[i]) - Int(UInt8(ascii: "0"))
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    /// The dates a person may enter (CLI.md): beyond them a year is a typo, not a case date
    /// (year 9999 reached the schema's CHECK, year 0001 showed "overdue 739776 d").
    public static let enterable = CivilDate(year: 1900, month: 1, day: 1)!...CivilDate(year: 2199, month: 12, day: 31)!

    /// Parses a date typed by a person (an option, a form, a holiday file): `YYYY-MM-DD`
    /// within `enterable`, else nil. The one home of that bound for every front end.
    public init?(entered text: String) {
        guard let date = CivilDate(text.trimmedOfSpaces), CivilDate.enterable.contains(date) else { return nil }
        self = date
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's days_from_civil.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: CivilDate) -> Int { other.dayNumber - dayNumber }

    /// ISO weekday: 1 Monday … 7 Sunday.
    public var weekday: Int { ((dayNumber % 7 + 7 + 3) % 7) + 1 }
    public var isWeekend: Bool { weekday >= 6 }

    /// `YYYY-MM-DD`, written digit by digit: `String(format:)` went through Foundation's
    /// formatter and the runtime's dynamic casts for every date of every row (issue 14).
    public var description: String {
        // Only `init(dayNumber:)` can reach beyond four digits; such a date is written plainly.
        guard (0...9999).contains(year) else { return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)" }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, at start: Int, digits: Int) {
                var rest = value
                for i in stride(from: start + digits - 1, through: start, by: -1) {
                    buffer[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, at: 0, digits: 4)
            buffer[4] = UInt8(ascii: "-")
            put(month, at: 5, digits: 2)
            buffer[7] = UInt8(ascii: "-")
            put(day, at: 8, digits: 2)
            return 10
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The civil date of an instant in a time zone. The only bridge from clock time to dates;
    /// callers pass the instant, so the domain itself never reads a clock.
    /// The zone's offset at that instant, then whole days since 1970-01-01: no `Calendar`, whose
    /// creation every command paid for once at start (issue 14).
    public static func of(_ instant: Date, in timeZone: TimeZone) -> CivilDate {
        let local = instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))
        return CivilDate(dayNumber: Int((local / 86_400).rounded(.down)))
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CivilDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

import Foundation
import Testing
import PropertyBased
@testable import Casework

/// Civil dates, calendar periods across month and year ends, DST, and working days (§2).
struct CalendarTests {
    @Test(arguments: [
        ("2026-01-01", "2026-03-02"), ("2026-11-15", "2027-01-14"), ("2026-12-31", "2027-03-01"),
        ("2027-12-31", "2028-02-29"), ("2028-01-01", "2028-03-01"), ("2026-02-28", "2026-04-29"),
        ("2026-10-31", "2026-12-30"),
    ])
    func sixtyCalendarDays(_ from: String, _ expiry: String) {
        #expect(date(from).adding(days: 60) == date(expiry))
        #expect(date(from).days(until: date(expiry)) == 60)
    }

    @Test func preservationEffected2028_01_01ExpiresOn2028_03_01() throws {
        var d = try Desk(.incoming, .preservation, received: date("2027-12-30"), ctx: context(today: date("2028-01-01")))
        try d.act(.preserve, ActionInputs(on: date("2028-01-01"), custodian: "ExampleHost"))
        let expiry = try #require(d.deadline(.preservationExpiry))
        #expect(expiry.due == date("2028-03-01"))
        #expect(expiry.days == 60 && expiry.status == .open && expiry.article == "42.8")
    }

    @Test func civilDateParsingIsStrict() {
        #expect(CivilDate("2026-02-30") == nil)
        #expect(CivilDate("2026-2-3") == nil)
        #expect(CivilDate("2028-02-29") != nil)
        #expect(CivilDate("2027-02-29") == nil)
        for text in ["2026-01-0a", "2026/01/05", " 2026-01-05", "2026-01-05 ", "+026-01-05", "-026-01-05",
                     "٢٠٢٦-01-05", "2026-00-05", "2026-13-05", "2026-01-00", "0000-01-01", "", "2026-01-5x"] {
            #expect(CivilDate(text) == nil, "\(text) is not a date")
        }
        #expect(CivilDate(year: 7, month: 3, day: 9)?.description == "0007-03-09")
        #expect(CivilDate("2026-12-31")?.description == "2026-12-31")
        #expect(date("2026-01-05").weekday == 1)
        #expect(date("2026-01-10").isWeekend && date("2026-01-11").isWeekend)
    }

    @Test func dayNumbersRoundTrip() async {
        await propertyCheck(input: Gen.int(in: -719_162...2_932_896)) { n in
            let d = CivilDate(dayNumber: n)
            #expect(d.dayNumber == n)
            #expect(CivilDate(d.description) == d)
            #expect(d.adding(days: 1) > d)
        }
    }

    static func instant(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    /// The civil date of instants around daylight-saving changes; a deadline counted from it
    /// does not move.
    @Test(arguments: [
        // Europe/Paris: summer time from 2026-03-29 01:00Z, winter time from 2026-10-25 01:00Z.
        ("Europe/Paris", "2026-03-28T22:59:59Z", "2026-03-28"),
        ("Europe/Paris", "2026-03-28T23:00:00Z", "2026-03-29"),
        ("Europe/Paris", "2026-03-29T00:59:59Z", "2026-03-29"),
        ("Europe/Paris", "2026-03-29T01:00:00Z", "2026-03-29"),
        ("Europe/Paris", "2026-03-29T21:59:59Z", "2026-03-29"),
        ("Europe/Paris", "2026-03-29T22:00:00Z", "2026-03-30"),
        ("Europe/Paris", "2026-10-24T21:59:59Z", "2026-10-24"),
        ("Europe/Paris", "2026-10-24T22:00:00Z", "2026-10-25"),
        ("Europe/Paris", "2026-10-25T00:30:00Z", "2026-10-25"),
        ("Europe/Paris", "2026-10-25T01:30:00Z", "2026-10-25"),
        ("Europe/Paris", "2026-10-25T22:59:59Z", "2026-10-25"),
        ("Europe/Paris", "2026-10-25T23:00:00Z", "2026-10-26"),
        // America/New_York: daylight time from 2026-03-08 07:00Z, standard from 2026-11-01 06:00Z.
        ("America/New_York", "2026-03-08T04:59:59Z", "2026-03-07"),
        ("America/New_York", "2026-03-08T05:00:00Z", "2026-03-08"),
        ("America/New_York", "2026-03-08T06:59:59Z", "2026-03-08"),
        ("America/New_York", "2026-03-08T07:00:00Z", "2026-03-08"),
        ("America/New_York", "2026-03-09T03:59:59Z", "2026-03-08"),
        ("America/New_York", "2026-03-09T04:00:00Z", "2026-03-09"),
        ("America/New_York", "2026-11-01T03:59:59Z", "2026-10-31"),
        ("America/New_York", "2026-11-01T04:00:00Z", "2026-11-01"),
        ("America/New_York", "2026-11-01T05:30:00Z", "2026-11-01"),
        ("America/New_York", "2026-11-01T06:30:00Z", "2026-11-01"),
        ("America/New_York", "2026-11-02T04:59:59Z", "2026-11-01"),
        ("America/New_York", "2026-11-02T05:00:00Z", "2026-11-02"),
    ])
    func datesAroundDSTChanges(_ zone: String, _ iso: String, _ expected: String) throws {
        let tz = try #require(TimeZone(identifier: zone))
        let civil = CivilDate.of(Self.instant(iso), in: tz)
        #expect(civil == date(expected))
        // 60 days later is the same civil day count whichever side of the change.
        #expect(civil.adding(days: 60).dayNumber - civil.dayNumber == 60)
    }

    /// The zone's offset and a day count agree with Foundation's Calendar, either side of
    /// midnight, in zones far east and west, with half-hour offsets, and before 1970.
    @Test func theCivilDateOfAnInstantIsCalendarsDay() throws {
        let instants = ["1969-12-31T23:59:59Z", "1950-06-15T12:00:00Z", "2026-12-31T10:00:00Z", "2026-12-31T13:59:59Z",
                        "2026-12-31T14:00:00Z", "2027-01-01T00:00:00Z", "2028-02-29T18:30:00Z", "2199-12-31T23:59:59Z"]
        for zone in ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns", "Europe/Berlin"] {
            let tz = try #require(TimeZone(identifier: zone))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = tz
            for iso in instants {
                let instant = Self.instant(iso)
                let c = calendar.dateComponents([.year, .month, .day], from: instant)
                #expect(CivilDate.of(instant, in: tz) == CivilDate(year: c.year!, month: c.month!, day: c.day!), "\(zone) \(iso)")
            }
        }
    }

    @Test func everyHourOfADSTDayMapsToTheCalendarDay() async throws {
        for (zone, day) in [("Europe/Paris", "2026-03-29"), ("Europe/Paris", "2026-10-25"),
                            ("America/New_York", "2026-03-08"), ("America/New_York", "2026-11-01")] {
            let tz = try #require(TimeZone(identifier: zone))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = tz
            let d = date(day)
            let start = calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day))!
            let end = calendar.date(byAdding: .day, value: 1, to: start)!
            let hours = Int(end.timeIntervalSince(start) / 3600)
            #expect(hours == 23 || hours == 25, "\(zone) \(day) has \(hours) hours")
            for minute in stride(from: 0, to: hours * 60, by: 30) {
                let instant = start.addingTimeInterval(Double(minute) * 60)
                #expect(CivilDate.of(instant, in: tz) == d, "\(zone) \(instant)")
            }
            #expect(CivilDate.of(end, in: tz) == d.adding(days: 1))
        }
    }

    // MARK: Working days

    @Test func workingDaysSkipWeekendsAndHolidays() {
        let cal = WorkingCalendar(workingDays: true, holidays: [date("2026-01-07"), date("2026-12-25")])
        #expect(cal.adding(5, to: date("2026-01-05")) == date("2026-01-13"))   // Mon + 5, Wed holiday
        #expect(cal.adding(1, to: date("2026-01-09")) == date("2026-01-12"))   // Fri + 1 = Mon
        #expect(cal.adding(1, to: date("2026-01-10")) == date("2026-01-12"))   // Sat + 1 = Mon
        #expect(cal.adding(3, to: date("2026-12-23")) == date("2026-12-29"))   // Wed; Fri 25 holiday
        #expect(cal.adding(0, to: date("2026-01-10")) == date("2026-01-10"))
        let calendarDays = WorkingCalendar(workingDays: false, holidays: [date("2026-01-07")])
        #expect(calendarDays.adding(5, to: date("2026-01-05")) == date("2026-01-10"))
    }

    @Test func officePeriodsInWorkingDaysButConventionPeriodsInCalendarDays() throws {
        var policy = Policy()
        policy.officePeriodsInWorkingDays = true
        let ctx = context(today: date("2026-01-09"), policy: policy, holidays: [date("2026-01-07")])
        var d = try Desk(.incoming, .preservation, received: date("2026-01-09"), ctx: ctx)   // a Friday
        #expect(d.deadline(.acknowledgement)?.due == date("2026-01-16"))        // 5 working days
        #expect(d.deadline(.preservationTarget)?.due == date("2026-01-11"))     // 2 calendar days, always (42.4, 41)
        try d.act(.preserve, ActionInputs(custodian: "c"))
        #expect(d.deadline(.preservationExpiry)?.due == date("2026-03-10"))     // 60 calendar days
    }

    @Test func workingDayPeriodsNeverLandOnAWeekendOrHoliday() async {
        await propertyCheck(input: Gen.int(in: 20_000...21_000), Gen.int(in: 1...40)) { start, n in
            let holidays: Set<CivilDate> = Set((0..<60).map { CivilDate(dayNumber: 20_000 + $0 * 17) })
            let cal = WorkingCalendar(workingDays: true, holidays: holidays)
            let from = CivilDate(dayNumber: start)
            let due = cal.adding(n, to: from)
            #expect(cal.isWorkingDay(due))
            let counted = (1...from.days(until: due)).filter { cal.isWorkingDay(from.adding(days: $0)) }.count
            #expect(counted == n)
        }
    }
}

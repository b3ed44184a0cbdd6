import CaseStore
import Casework
@testable import DemoData
import Foundation
import Testing

/// A policy change moves due days from the bases the replay keeps (`DeadlineBasis`) instead of
/// replaying every case. On every case of a 2,000-case demo office, the due day a basis gives
/// under another policy must be the one a replay under that policy gives.
@Suite("Deadline bases on a demo office")
struct DeadlineBasisTests {
    static func context(_ policy: Policy, holidays: Set<CivilDate> = [], linked: [UUID: CaseFile]) -> CaseContext {
        CaseContext(today: demoToday, now: Date(), actor: "demo.lead", role: .supervisor, policy: policy,
                    holidays: holidays, linkedCases: linked, makeID: { UUID() })
    }

    @Test func aBasisGivesTheDueDayOfAReplayUnderAnotherPolicy() throws {
        let store = try DemoOffice2000.get().store
        let before = try store.loadPolicy()
        var after = before
        for (key, value) in [("office_periods_in_working_days", "true"), ("acknowledge_days", "9"),
                             ("preserve_within_days", "1"), ("execution_target_days", "61"),
                             ("expedited_target_days", "4"), ("information_days", "21"), ("status_reply_days", "3"),
                             ("consultation_days", "8"), ("written_confirmation_days", "6")] {
            try after.set(key, value)
        }
        let holidays: Set<CivilDate> = [CivilDate("2025-12-25")!, CivilDate("2026-01-01")!, CivilDate("2026-03-17")!,
                                        CivilDate("2026-04-06")!, CivilDate("2026-05-04")!]
        let calendar = WorkingCalendar(workingDays: true, holidays: holidays)
        var checked = 0, moved = 0, shifted = 0, fixed = 0
        for summary in try allCases(store) {
            let file = try store.caseFile(.ref(summary.ref))
            var linked: [UUID: CaseFile] = [:]
            for link in file.links where link.id != file.id { linked[link.id] = try store.caseFile(.id(link.id)) }
            let was = Engine.deadlines(for: file, context: Self.context(before, linked: linked))
            let replayed = Engine.deadlines(for: file, context: Self.context(after, holidays: holidays, linked: linked))
            let kindsWere = Set(was.map(\.kind)), kindsNow = Set(replayed.map(\.kind))
            #expect(kindsWere == kindsNow, "\(summary.ref): a policy changed which deadlines it has")
            let replayedDue = Dictionary(uniqueKeysWithValues: replayed.map { ($0.kind, $0.due) })
            for deadline in was {
                guard let basis = deadline.basis else {
                    Issue.record("\(summary.ref) \(deadline.kind.rawValue): no basis")
                    continue
                }
                let due = basis == .fixed ? deadline.due : basis.due(policy: after, calendar: calendar)
                #expect(due == replayedDue[deadline.kind], "\(summary.ref) \(deadline.kind.rawValue): \(basis.storedText)")
                #expect(DeadlineBasis(storedText: basis.storedText) == basis)
                checked += 1
                if due != deadline.due { moved += 1 }
                if case .period(_, _, _, let shift) = basis, shift != 0 { shifted += 1 }
                if basis == .fixed { fixed += 1 }
            }
        }
        // The office has deadlines of every sort: moved by the change, suspended or extended, fixed.
        #expect(checked > 3000 && moved > 1000 && shifted > 20 && fixed > 100, "\(checked) \(moved) \(shifted) \(fixed)")
    }

    /// A case whose deadlines moved or were suspended has its stretches replayed; those keyed by
    /// basis tell, under another policy, the spans a replay under it gives.
    @Test func stretchesByBasisGiveTheSpansOfAReplayUnderAnotherPolicy() throws {
        let store = try DemoOffice2000.get().store
        let before = try store.loadPolicy()
        var after = before
        for (key, value) in [("office_periods_in_working_days", "true"), ("acknowledge_days", "2"),
                             ("execution_target_days", "30"), ("expedited_target_days", "12"), ("information_days", "9"),
                             ("status_reply_days", "20"), ("consultation_days", "3"), ("written_confirmation_days", "1")] {
            try after.set(key, value)
        }
        let holidays: Set<CivilDate> = [CivilDate("2025-12-25")!, CivilDate("2026-01-01")!, CivilDate("2026-03-17")!]
        let calendar = WorkingCalendar(workingDays: true, holidays: holidays)
        var replayed = 0, told = 0, joined = 0, nonEmpty = 0
        for summary in try allCases(store) {
            let file = try store.caseFile(.ref(summary.ref))
            guard DashboardFigures.needsReplay(file) else { continue }
            var linked: [UUID: CaseFile] = [:]
            for link in file.links where link.id != file.id { linked[link.id] = try store.caseFile(.id(link.id)) }
            let events = file.events.map(\.event)
            let was = Self.context(before, linked: linked)
            guard let stretches = OverdueSpan.stretches(events, context: was) else {
                Issue.record("\(summary.ref): a deadline with no basis")
                continue
            }
            replayed += 1
            // Under its own policy, and under another.
            if let spans = OverdueSpan.spans(from: stretches, policy: before, calendar: was.officeCalendar) {
                #expect(spans == OverdueSpan.replaying(events, context: was), "\(summary.ref)")
            }
            let now = Self.context(after, holidays: holidays, linked: linked)
            guard let spans = OverdueSpan.spans(from: stretches, policy: after, calendar: calendar) else {
                joined += 1
                continue
            }
            let replay = OverdueSpan.replaying(events, context: now)
            #expect(spans == replay, "\(summary.ref)")
            told += 1
            if !replay.isEmpty { nonEmpty += 1 }
        }
        // Nearly all are told without a replay; the rest fall back on one.
        #expect(replayed > 200 && told > replayed * 9 / 10 && nonEmpty > 100, "\(replayed) \(told) \(joined) \(nonEmpty)")
    }

    @Test func storedBasesReadBack() {
        #expect(DeadlineBasis(storedText: "") == .fixed)
        #expect(DeadlineBasis(storedText: "acknowledge_days office 2026-03-02 4")
            == .period(key: "acknowledge_days", officeDays: true, from: CivilDate("2026-03-02")!, shift: 4))
        #expect(DeadlineBasis(storedText: "preserve_within_days calendar 2026-03-02 -1")
            == .period(key: "preserve_within_days", officeDays: false, from: CivilDate("2026-03-02")!, shift: -1))
        for bad in ["?", "acknowledge_days", "acknowledge_days weekly 2026-03-02 0", "acknowledge_days office 2026-13-02 0",
                    "acknowledge_days office 2026-03-02 x", "acknowledge_days office 2026-03-02 0 1"] {
            #expect(DeadlineBasis(storedText: bad) == nil, "\(bad)")
        }
        // A key that names no period gives no day: the case is replayed instead.
        let unknown = DeadlineBasis.period(key: "retention_years", officeDays: true, from: CivilDate("2026-03-02")!, shift: 0)
        #expect(unknown.due(policy: Policy(), calendar: WorkingCalendar(workingDays: false)) == nil)
    }
}

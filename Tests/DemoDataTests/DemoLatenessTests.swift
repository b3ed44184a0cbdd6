import CaseStore
import Casework
@testable import DemoData
import Foundation
import Testing

/// The demo office as an officer finds it on its today: one that has run for months and keeps
/// to most of its deadlines, not a backlog of requests left unanswered for a year.
@Suite("Demo office on its today")
struct DemoLatenessTests {
    @Test func fewOpenCasesAreOverdueAndNoneByMonths() throws {
        let store = try DemoOffice2000.get().store
        let open = try store.count(CaseFilter(openOnly: true))
        // The case list's overdue view: open cases whose soonest deadline has passed.
        let overdueCases = try store.count(CaseFilter(openOnly: true, nextDueBefore: demoToday))
        let overdue = try store.deadlines(DeadlineFilter(scope: .overdue), today: demoToday)
        let pending = try store.deadlines(DeadlineFilter(scope: .pending), today: demoToday)
        let daysLate = overdue.map { -$0.days }.sorted()
        #expect(open > 200)
        #expect(overdueCases * 100 >= open * 3 && overdueCases * 100 <= open * 8,
                "\(overdueCases) of \(open) open cases overdue")
        #expect(overdue.allSatisfy { $0.status == .overdue && $0.days < 0 })
        #expect((daysLate.last ?? 0) <= 90, "overdue by \(daysLate.last ?? 0) days: \(overdue.first.map(\.ref) ?? "")")
        // Mostly days or weeks late, not months.
        #expect(daysLate.filter { $0 <= 30 }.count * 4 >= daysLate.count * 3, "days late: \(daysLate)")
        // Most pending deadlines are still to come.
        #expect(overdue.count * 5 <= pending.count, "\(overdue.count) of \(pending.count) pending deadlines overdue")
        let dashboard = try store.dashboard(today: demoToday)
        #expect(dashboard.overdueDeadlines == overdue.count)
        #expect(dashboard.dueSoonDeadlines > overdue.count)
    }

    @Test func oldCasesAreMostlyFinished() throws {
        let cases = try allCases(DemoOffice2000.get().store)
        let old = cases.filter { $0.received.days(until: demoToday) > 180 }
        let stillOpen = old.filter { Workflow.table(for: WorkflowID($0.direction, $0.kind)).isOpen($0.state) }
        #expect(old.count > 500)
        #expect(stillOpen.count * 10 <= old.count,
                "\(stillOpen.count) of \(old.count) cases received over six months ago still open")
    }

    @Test func intakeRunsUpToToday() throws {
        let months = try DemoOffice2000.get().store.dashboard(today: demoToday).receivedByMonth
        // Twelve months, the last one (today's) still running.
        try #require(months.count == 12)
        let full = months.dropLast()
        let average = full.reduce(0) { $0 + $1.count } / full.count
        #expect(full.last!.count >= average, "last full month \(full.last!) against an average of \(average)")
    }
}

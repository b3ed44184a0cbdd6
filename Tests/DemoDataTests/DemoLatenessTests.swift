import CaseStore
import Casework
@testable import DemoData
import Foundation
import Testing

/// The demo office as an officer finds it on its today: one that has run for months and keeps
/// to most of its deadlines, not a backlog of requests left unanswered for a year.
@Suite("Demo office on its today")
struct DemoLatenessTests {
    @Test func intakeRunsUpToToday() throws {
        let months = try DemoOffice2000.get().store.dashboard(today: demoToday).receivedByMonth
        // Twelve months, the last one (today's) still running.
        try #require(months.count == 12)
        let full = months.dropLast()
        let average = full.reduce(0) { $0 + $1.count } / full.count
        #expect(full.last!.count >= average, "last full month \(full.last!) against an average of \(average)")
    }
}

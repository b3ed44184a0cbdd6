import Casework
import Testing

/// The report's rules that a hand count must be able to follow (issue 10 §3).
struct ReportRuleTests {
    @Test func percentilesAreByNearestRank() {
        // ⌈p·n/100⌉-th smallest value, 1-based: worked out by hand.
        let four = DaySpread([4, 1, 3, 2])
        #expect(four.count == 4 && four.median == 2 && four.p90 == 4)
        let ten = DaySpread(Array(1...10))
        #expect(ten.median == 5 && ten.p90 == 9)
        let eleven = DaySpread(Array(1...11))
        #expect(eleven.median == 6 && eleven.p90 == 10)
        let one = DaySpread([7])
        #expect(one.median == 7 && one.p90 == 7)
        let none = DaySpread([])
        #expect(none.count == 0 && none.median == nil && none.p90 == nil)
    }

    @Test func aPeriodIncludesBothEndsAndRunsForward() throws {
        let from = try #require(CivilDate("2025-12-31")), to = try #require(CivilDate("2026-01-31"))
        let period = try #require(ReportPeriod(from: from, to: to))
        #expect(period.contains(from) && period.contains(to))
        #expect(!period.contains(try #require(CivilDate("2026-02-01"))))
        #expect(ReportPeriod(from: to, to: from) == nil)
    }

    @Test func eachWorkflowNamesItsOwnOutcomes() {
        let inMLA = WorkflowID(.incoming, .mla), outPres = WorkflowID(.outgoing, .preservation)
        #expect(Outcome.recorded(by: .complete, in: inMLA) == .executed)
        #expect(Outcome.recorded(by: .executed, in: inMLA) == nil)
        #expect(Outcome.recorded(by: .confirmPreserved, in: outPres) == .executed)
        #expect(Outcome.recorded(by: .lapse, in: outPres) == .lapsed)
        #expect(Outcome.recorded(by: .refuseDisclosure, in: WorkflowID(.incoming, .preservation)) == nil)
        #expect(Outcome.recorded(by: .consult, in: inMLA) == nil)
    }
}

import Casework
import Foundation
import Testing

/// The dashboard's rules (issue 10 §1) on rows made by hand, as of Monday 5 January 2026:
/// every expected figure below was counted by hand from these rows.
struct DashboardRuleTests {
    static let today = CivilDate("2026-01-05")!
    static func d(_ text: String) -> CivilDate { CivilDate(text)! }

    static func pending(_ ref: String, _ due: String, officer: String = "x", counterpart: String = "FRA",
                        _ direction: Direction = .incoming, _ caseKind: RequestKind = .mla,
                        kind: DeadlineKind = .executionTarget) -> DashboardInputs.PendingDeadline {
        DashboardInputs.PendingDeadline(caseID: UUID(), ref: ref, officer: officer, counterpart: counterpart, direction: direction,
                                        caseKind: caseKind, kind: kind, due: d(due))
    }

    static var inputs: DashboardInputs {
        DashboardInputs(
            pending: [
                pending("A", "2026-01-04"),                     // −1: overdue
                pending("B", "2026-01-05", officer: "y"),       // 0: due today, within 7/14/30
                pending("C", "2026-01-12"),                     // 7: within 7
                pending("D", "2026-01-13", counterpart: "ITA"), // 8: within 14 and 30
                pending("E", "2026-02-04"),                     // 30: within 30
                pending("F", "2026-02-04", .incoming, .preservation, kind: .preservationExpiry),  // 30: expiring
                pending("G", "2026-02-05", .incoming, .preservation, kind: .preservationExpiry),  // 31: neither
                pending("H", "2026-03-01", .outgoing, .preservation, kind: .followUpMLADue),     // far: followed
            ],
            officers: [
                DashboardInputs.OfficerCases(officer: "x", open: 3, oldestRef: "IN-MLA-2025-0001", oldestStarted: d("2025-10-07")),
                DashboardInputs.OfficerCases(officer: "y", open: 1),
            ],
            counterparts: [
                DashboardInputs.CounterpartCases(counterpart: "ITA", direction: .incoming, open: 1),
                DashboardInputs.CounterpartCases(counterpart: "FRA", direction: .incoming, open: 2),
                DashboardInputs.CounterpartCases(counterpart: "FRA", direction: .outgoing, open: 1),
            ],
            openStarted: [
                DashboardInputs.StartedOn(direction: .incoming, kind: .mla, started: d("2026-01-04"), count: 1),
                DashboardInputs.StartedOn(direction: .incoming, kind: .mla, started: d("2025-12-26"), count: 2),
                DashboardInputs.StartedOn(direction: .incoming, kind: .mla, started: d("2025-10-07"), count: 1),
                DashboardInputs.StartedOn(direction: .outgoing, kind: .preservation, started: d("2026-01-05"), count: 1),
            ],
            startedSince: [
                DashboardInputs.StartedOn(direction: .incoming, kind: .mla, started: d("2025-01-31"), count: 5),  // before the 12 months
                DashboardInputs.StartedOn(direction: .incoming, kind: .mla, started: d("2025-02-01"), count: 1),
                DashboardInputs.StartedOn(direction: .incoming, kind: .preservation, started: d("2025-12-31"), count: 2),
                DashboardInputs.StartedOn(direction: .outgoing, kind: .mla, started: d("2026-01-01"), count: 1),
                DashboardInputs.StartedOn(direction: .incoming, kind: .mla, started: d("2026-01-05"), count: 1),
            ],
            late: [
                DashboardInputs.LateDeadlines(due: d("2025-12-28"), closed: nil, count: 1),
                DashboardInputs.LateDeadlines(due: d("2025-12-20"), closed: d("2025-12-29"), count: 1),
                DashboardInputs.LateDeadlines(due: d("2025-12-22"), closed: nil, count: 2),
            ])
    }

    @Test func overdueAndDueWithinCountFromTodayWithoutTheOverdueOnes() {
        let f = DashboardFigures(Self.inputs, today: Self.today)
        #expect(f.overdue.map(\.ref) == ["A"])
        #expect(f.overdue.first?.days == -1)
        #expect(f.due.map(\.days) == [7, 14, 30])
        #expect(f.due.map { $0.items.map(\.ref) } == [["B", "C"], ["B", "C", "D"], ["B", "C", "D", "E", "F"]])
        // The same rule as a case's own deadlines: −1 overdue, 0 not.
        #expect(DeadlineStatus.isOverdue(daysLeft: -1) && !DeadlineStatus.isOverdue(daysLeft: 0))
        #expect(DeadlineStatus.isDue(daysLeft: 0, within: 7) && DeadlineStatus.isDue(daysLeft: 7, within: 7))
        #expect(!DeadlineStatus.isDue(daysLeft: 8, within: 7) && !DeadlineStatus.isDue(daysLeft: -1, within: 7))
    }

    @Test func preservationsFollowTheirKindsWhateverTheDay() {
        let p = DashboardFigures(Self.inputs, today: Self.today).preservations
        #expect(p.expiring.map(\.ref) == ["F"])
        #expect(p.expiring.first?.days == 30)
        #expect(p.followUpDue.map(\.ref) == ["H"])
        #expect(p.releaseDue.isEmpty && p.extensionsAwaiting.isEmpty)
    }

    @Test func officersAndStatesCountOpenCasesAndTheirDeadlines() {
        let f = DashboardFigures(Self.inputs, today: Self.today)
        let x = f.officers.first { $0.officer == "x" }
        // x: A overdue; C within 7 (B is y's); oldest started 7 Oct 2025, 90 days before.
        #expect(x?.open == 3 && x?.overdue == 1 && x?.dueWithinWeek == 1)
        #expect(x?.oldestRef == "IN-MLA-2025-0001" && x?.oldestDays == 90)
        let y = f.officers.first { $0.officer == "y" }
        #expect(y?.open == 1 && y?.overdue == 0 && y?.dueWithinWeek == 1 && y?.oldestDays == nil)
        #expect(f.officers.map(\.officer) == ["x", "y"])
        #expect(f.openCases == 4)
        #expect(f.counterparts.map(\.counterpart) == ["FRA", "ITA"])
        let fra = f.counterparts[0]
        #expect(fra.openIncoming == 2 && fra.openOutgoing == 1 && fra.overdue == 1)
    }

    @Test func agesAreCalendarDaysByNearestRank() {
        let ages = DashboardFigures(Self.inputs, today: Self.today).ages
        // Incoming MLA: 1, 10, 10, 90 days → median rank 2 = 10, p90 rank 4 = 90.
        #expect(ages.count == 2)
        #expect(ages[0].direction == .incoming && ages[0].kind == .mla)
        #expect(ages[0].spread.count == 4 && ages[0].spread.median == 10 && ages[0].spread.p90 == 90)
        #expect(ages[1].direction == .outgoing && ages[1].kind == .preservation && ages[1].spread.median == 0)
    }

    @Test func monthsAreTheLastTwelveAcrossTheYearTheCurrentSoFar() {
        let months = DashboardFigures(Self.inputs, today: Self.today).months
        #expect(months.count == 12)
        #expect(months.first?.month == "2025-02" && months.first?.received == 1)
        #expect(months.first?.first == Self.d("2025-02-01") && months.first?.last == Self.d("2025-02-28"))
        let december = months.first { $0.month == "2025-12" }
        #expect(december?.received == 2 && december?.sent == 0 && december?.soFar == false)
        let january = months.last
        #expect(january?.month == "2026-01" && january?.received == 1 && january?.sent == 1 && january?.soFar == true)
        #expect(january?.last == Self.today)
        #expect(months.filter(\.soFar).count == 1)
        #expect(months.reduce(0) { $0 + $1.received } == 4)
    }

    @Test func overdueHistoryCountsWhatWasStillPendingAtEachWeeksEnd() {
        let weeks = DashboardFigures(Self.inputs, today: Self.today).weeks
        #expect(weeks.count == 12)
        #expect(weeks.first?.end == Self.d("2025-10-20") && weeks.last?.end == Self.today)
        // 22 Dec: the one due 20 Dec (met 29 Dec); those due 22 Dec are not overdue on their day.
        // 29 Dec: due 28 Dec and the two due 22 Dec; the one met that day no longer.
        #expect(weeks.map(\.overdue) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3])
    }

    /// Every case that needs replaying has one of `replayActions` (migration v12 folds only
    /// those): every state a case can be registered in stops no clock, so a change of state
    /// that leaves a suspension follows one that entered it.
    @Test func aCaseThatNeedsReplayHasAReplayAction() {
        let suspending = DashboardFigures.suspendingStates
        for workflow in Workflow.all {
            #expect(!suspending.contains(workflow.initial), "\(workflow.initial)")
        }
        #expect(DashboardFigures.replayActions.isSubset(of: DashboardFigures.historyActions))
        #expect(DashboardFigures.replayActions.contains(.requestInformation))
        #expect(DashboardFigures.replayActions.contains(.extend))
        #expect(!DashboardFigures.replayActions.contains(.close))
    }

    /// A stretch counts from its first day to the day before it stopped, once its due day has
    /// passed; one that no day's end could find overdue is not kept.
    @Test func aStretchIsOverdueBetweenItsDaysOnlyAfterItsDueDay() {
        let span = OverdueSpan(kind: .executionTarget, due: Self.d("2026-01-09"), from: Self.d("2026-01-12"), until: Self.d("2026-01-16"))
        #expect(["2026-01-09", "2026-01-10", "2026-01-11", "2026-01-12", "2026-01-15", "2026-01-16"].map {
            span.wasOverdue(atEndOf: Self.d($0))
        } == [false, false, false, true, true, false])
        #expect(span.mayBeOverdue)
        // Met the day after its day: never overdue at a day's end.
        #expect(!OverdueSpan(kind: .acknowledgement, due: Self.d("2026-01-09"), from: nil, until: Self.d("2026-01-10")).mayBeOverdue)
        #expect(OverdueSpan(kind: .acknowledgement, due: Self.d("2026-01-09"), from: nil, until: Self.d("2026-01-11")).mayBeOverdue)
        // Started after its day and stopped the next: the day it started ended with it pending.
        #expect(OverdueSpan(kind: .acknowledgement, due: Self.d("2026-01-09"), from: Self.d("2026-01-20"), until: Self.d("2026-01-21")).mayBeOverdue)
        #expect(!OverdueSpan(kind: .acknowledgement, due: Self.d("2026-01-09"), from: Self.d("2026-01-20"), until: Self.d("2026-01-20")).mayBeOverdue)
        // Still pending: kept whatever its day, which may yet pass.
        #expect(OverdueSpan(kind: .acknowledgement, due: Self.d("2027-01-09"), from: nil, until: nil).mayBeOverdue)
        // Pending from 30 December: not at the end of 29 December, at that of 5 January.
        let inputs = DashboardInputs(late: [DashboardInputs.LateDeadlines(due: Self.d("2025-12-20"), from: Self.d("2025-12-30"), closed: nil, count: 2)])
        #expect(DashboardFigures(inputs, today: Self.today).weeks.map(\.overdue) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2])
    }

    /// The cases replayed for the weekly history are those whose deadlines a row cannot tell:
    /// moved (extend, extension-granted), suspended or resumed (into or out of awaiting
    /// information, postponed, pending the follow-up MLA), events taken back or reordered. What
    /// leaves the state as it was — a note, an assignment, an edit — needs no replay, so an
    /// office's everyday work does not make the dashboard fold every active case.
    @Test func theActionsThatMakeACaseReplayedAreThoseThatMoveOrSuspend() {
        let replayed = DashboardFigures.historyActions
        for action: Action in [.extend, .extensionGranted, .requestInformation, .informationReceived, .postpone,
                               .mlaReceived, .void, .reopen] {
            #expect(replayed.contains(action), "\(action)")
        }
        for action: Action in [.note, .assign, .edit, .assess, .preserve, .complete, .send, .letterProduced, .statusInquiry] {
            #expect(!replayed.contains(action), "\(action)")
        }
    }
}

import Casework
import Foundation
import GRDB
import Testing
@testable import CaseStore

@Suite struct Cases {
    @Test(arguments: Where.allCases)
    func referencesAreMintedInSequencePerDirectionKindAndYear(_ location: Where) throws {
        let office = try Office(location)
        #expect(try office.register(.incoming, .mla).ref == "IN-MLA-2026-0001")
        #expect(try office.register(.incoming, .mla).ref == "IN-MLA-2026-0002")
        #expect(try office.register(.outgoing, .preservation).ref == "OUT-PRES-2026-0001")
        #expect(try office.register(.incoming, .preservation).ref == "IN-PRES-2026-0001")
        #expect(try office.register(.incoming, .mla).ref == "IN-MLA-2026-0003")
        let nextYear = CivilDate("2027-01-04")!
        #expect(try office.register(.incoming, .mla, today: nextYear).ref == "IN-MLA-2027-0001")
        try office.store.setDeviceCode("FL2")
        #expect(try office.register(.incoming, .mla).ref == "IN-MLA-2026-FL2-0001")
        #expect(try office.store.caseFile(.ref("in-mla-2026-fl2-0001")).ref == "IN-MLA-2026-FL2-0001")
    }

    @Test func moreThanFourDigitsWhenNeeded() {
        #expect(CaseStore.formatReference(direction: .outgoing, kind: .mla, year: 2026, device: "", number: 12345)
                == "OUT-MLA-2026-12345")
    }

    @Test(arguments: Where.allCases)
    func actRecordsEventsAndUpdatesProjections(_ location: Where) throws {
        let office = try Office(location)
        let file = try office.register(title: "Ransomware against a hospital")
        #expect(file.state == .received)
        let after = try office.act(file.ref, .assess)
        #expect(after.state == .assessing)
        #expect(try office.store.events(of: .ref(file.ref)).map(\.type.rawValue) == ["registered", "assess"])
        let summary = try #require(try office.store.listCases(CaseQuery(), today: Office.today).cases.first)
        #expect(summary.ref == file.ref)
        #expect(summary.state == .assessing)
        #expect(summary.title == "Ransomware against a hospital")
        #expect(summary.updated == Office.now)
        // Acknowledgement is met by assessing; the execution target stays open.
        let pending = try office.store.deadlines(DeadlineFilter(), today: Office.today)
        #expect(pending.map(\.kind) == [.executionTarget])
        #expect(try office.store.verifyAudit().ok)
    }

    @Test func aRefusedActionWritesNothing() throws {
        let office = try Office()
        let file = try office.register()
        let revision = try office.store.dataVersion()
        #expect {
            try office.act(file.ref, .complete, ActionInputs(note: "sent"))
        } throws: { error in
            guard case StoreError.refused(let why) = error else { return false }
            return why.kind == .refused || why.kind == .usage
        }
        #expect {
            try office.act(file.ref, .assess, actor: "v.viewer")
        } throws: { error in
            (error as? StoreError)?.category == .refused
        }
        #expect(try office.store.events(of: .ref(file.ref)).count == 1)
        #expect(try office.store.dataVersion() == revision)
        #expect {
            try office.act("IN-MLA-2026-9999", .assess)
        } throws: { error in
            (error as? StoreError)?.category == .usage
        }
    }

    @Test func anActionBasedOnAStaleViewIsRefused() throws {
        let office = try Office()
        let file = try office.register()
        let seen = try #require(file.events.last?.id)
        try office.act(file.ref, .assess)
        #expect {
            try office.store.act(.ref(file.ref), action: .requestInformation, inputs: ActionInputs(note: "more"),
                                 actor: "a.moreau", today: Office.today, now: Office.now, basedOn: seen)
        } throws: { error in
            guard case StoreError.stale = error else { return false }
            return (error as? StoreError)?.category == .refused
        }
        let current = try #require(try office.store.caseFile(.ref(file.ref)).events.last?.id)
        let after = try office.store.act(.ref(file.ref), action: .requestInformation, inputs: ActionInputs(note: "more"),
                                         actor: "a.moreau", today: Office.today, now: Office.now, basedOn: current)
        #expect(after.state == .awaitingInformation)
    }

    @Test func anUnknownStateCodeIsAUsageError() throws {
        let office = try Office()
        #expect {
            try office.register(counterpart: "XYZ")
        } throws: { error in
            (error as? StoreError)?.category == .usage
        }
    }

    @Test func deadlineStatusesAreComputedFromTodayWhenRead() throws {
        let office = try Office()
        let file = try office.register()
        let rows = { (day: String) in
            try office.store.deadlines(DeadlineFilter(scope: .all), today: CivilDate(day)!)
                .filter { $0.ref == file.ref && $0.kind == .acknowledgement }
        }
        let ack = try #require(try rows("2026-03-02").first)
        #expect(ack.status == .dueSoon)
        #expect(ack.days == Office.today.days(until: ack.due))
        let later = try #require(try rows(ack.due.adding(days: 1).description).first)
        #expect(later.status == .overdue)
        #expect(later.days == -1)
        #expect(try office.store.deadlines(DeadlineFilter(scope: .overdue), today: ack.due.adding(days: 1))
                    .contains { $0.ref == file.ref && $0.kind == .acknowledgement })
        #expect(try office.store.deadlines(DeadlineFilter(scope: .overdue), today: Office.today).isEmpty)
        let summary = try #require(try office.store.listCases(CaseQuery(), today: ack.due.adding(days: 1)).cases.first)
        #expect(summary.nextDeadline?.status == .overdue)
        #expect(try office.store.count(CaseFilter(nextDueBefore: ack.due.adding(days: 1))) == 1)
        #expect(try office.store.count(CaseFilter(nextDueBefore: ack.due)) == 0)
    }

    @Test func aSnapshotHoldsTheCaseItsLinksItsPartnersAndTheActorsContext() throws {
        let office = try Office(.disk)
        let preservation = try office.register(.incoming, .preservation, title: "Keep the mailbox")
        let mla = try office.register(.incoming, .mla, title: "Send the mailbox")
        try office.act(preservation.ref, .preserve, ActionInputs(custodian: "MailCo"))
        try office.act(preservation.ref, .mlaReceived, ActionInputs(link: try office.store.linkTarget(mla.ref)))

        let snapshot = try office.store.caseSnapshot(.ref(preservation.ref), actor: "v.viewer",
                                                     today: Office.today, now: Office.now)
        #expect(snapshot.file == (try office.store.caseFile(.ref(preservation.ref))))
        #expect(snapshot.relations.map(\.ref) == [mla.ref])
        #expect(snapshot.counterpart?.name == "Germany")
        #expect(snapshot.context.role == .viewer)
        #expect(snapshot.context.actor == "v.viewer")
        #expect(snapshot.context.linkedCases.keys.sorted() == [mla.id])
        // While the MLA is pending, the preservation's expiry is suspended (art. 42.8): the
        // snapshot's context is enough for the engine to see it.
        let expiry = Engine.deadlines(for: snapshot.file, context: snapshot.context)
            .first { $0.kind == .preservationExpiry }
        #expect(expiry?.status == .suspended)
        #expect(throws: StoreError.self) {
            try office.store.caseSnapshot(.ref("IN-MLA-2026-9999"), actor: "a.moreau", today: Office.today, now: Office.now)
        }
    }

    @Test(arguments: Where.allCases)
    func linkedCasesAreReprojectedWhenTheirPartnerChanges(_ location: Where) throws {
        let office = try Office(location)
        let preservation = try office.register(.incoming, .preservation, title: "Keep the mailbox")
        let mla = try office.register(.incoming, .mla, title: "Send the mailbox")
        try office.act(preservation.ref, .preserve, ActionInputs(custodian: "MailCo"))
        let target = try office.store.linkTarget(mla.ref)
        try office.act(preservation.ref, .mlaReceived, ActionInputs(link: target))
        #expect(try office.store.links(of: .ref(mla.ref)).map(\.ref) == [preservation.ref])
        #expect(try office.store.links(of: .ref(mla.ref)).first?.inbound == true)

        try office.act(mla.ref, .assess)
        try office.act(mla.ref, .consult, ActionInputs(reason: "essential interests", proposal: .refuse))
        try office.act(mla.ref, .refuse, ActionInputs(grounds: ["40.21b"], reason: "essential interests"))
        // Deciding the MLA starts the preservation's release-due (42.8), without touching it.
        let releaseDue = try office.store.deadlines(DeadlineFilter(), today: Office.today)
            .filter { $0.ref == preservation.ref && $0.kind == .releaseDue }
        #expect(releaseDue.count == 1)
        let before = try office.projections()
        try office.store.rebuildProjections(now: Office.now)
        #expect(try office.projections() == before)
    }

    @Test(arguments: Where.allCases)
    func rebuiltProjectionsEqualLiveOnes(_ location: Where) throws {
        let office = try Office(location)
        for n in 0..<12 {
            let file = try office.register(n % 2 == 0 ? .incoming : .outgoing, n % 3 == 0 ? .preservation : .mla,
                                           counterpart: ["DEU", "ITA", "BRA"][n % 3], title: "case \(n)",
                                           facts: "facts of case \(n)")
            if file.direction == .incoming && file.kind == .mla {
                try office.act(file.ref, .assess, ActionInputs(note: "note \(n)"))
            }
        }
        let live = try office.projections()
        #expect(live["cases"]?.count == 12)
        try office.sql("DELETE FROM deadlines; DELETE FROM links; DELETE FROM case_text; UPDATE cases SET state = 'x', next_due = '2000-01-01'")
        try office.store.rebuildProjections(now: Office.now.addingTimeInterval(86_400 * 400))
        #expect(try office.projections() == live)
    }

    @Test func changingPolicyMovesDeadlines() throws {
        let office = try Office()
        let file = try office.register()
        let due = { try office.store.deadlines(DeadlineFilter(), today: Office.today).first { $0.kind == .acknowledgement }?.due }
        let before = try #require(try due())
        var policy = try office.store.loadPolicy()
        try policy.set("acknowledge_days", "9")
        try office.store.savePolicy(policy)
        #expect(try due() == before.adding(days: 4))
        // Recomputing only the deadlines gives what a full rebuild gives.
        try office.act(file.ref, .assess)
        try office.store.addHolidays([Office.today.adding(days: 20)])
        let live = try office.projections()
        try office.store.rebuildProjections(now: Office.now)
        #expect(try office.projections() == live)
    }

    /// Holidays and most policy keys do not move deadlines, and the store skips recomputing for
    /// them; it must still recompute when a later change makes them matter.
    @Test func holidaysAddedInCalendarDaysApplyOnceWorkingDaysAreSwitchedOn() throws {
        let office = try Office()
        try office.register()
        let due = { try office.store.deadlines(DeadlineFilter(), today: Office.today).first { $0.kind == .acknowledgement }?.due }
        let calendarDue = try #require(try due())
        // 2026-03-02 is a Monday; the 5-day acknowledgement falls on Saturday the 7th.
        try office.store.addHolidays([CivilDate("2026-03-03")!, CivilDate("2026-03-04")!])
        #expect(try due() == calendarDue)
        var policy = try office.store.loadPolicy()
        try policy.set("office_name", "Renamed office")
        try policy.set("warning_thresholds", "30,3")
        try office.store.savePolicy(policy)
        #expect(try due() == calendarDue)
        try policy.set("office_periods_in_working_days", "true")
        try office.store.savePolicy(policy)
        // Five working days from Monday 2 March, skipping the two holidays and the weekend.
        #expect(try due() == CivilDate("2026-03-11")!)
        let live = try office.projections()
        try office.store.rebuildProjections(now: Office.now)
        #expect(try office.projections() == live)
    }

    @Test func registerAndActHonourAPolicyChangeAndADemotionCommittedAfterTheCallerLooked() throws {
        let office = try Office(.disk)
        let other = try CaseStore.open(path: office.folder!.file("cases.sqlite"))
        let file = try office.register()
        // The caller looked (its own context, as the desk holds one) before another process
        // changed the policy: register and act take no context, so they cannot use that one.
        _ = try office.context()
        var policy = try other.loadPolicy()
        try policy.set("acknowledge_days", "9")
        try other.savePolicy(policy)
        var registration = Registration(direction: .incoming, kind: .mla, counterpart: "ITA",
                                        received: Office.today, title: "later")
        registration.purposes = [.evidence]
        _ = try office.store.register(registration, actor: "a.moreau", today: Office.today, now: Office.now)
        _ = try office.store.act(.ref(file.ref), action: .assess, inputs: ActionInputs(), actor: "a.moreau",
                                 today: Office.today, now: Office.now, basedOn: nil)
        let live = try office.projections()
        try office.store.rebuildProjections(now: Office.now)
        #expect(try office.projections() == live)
        // ... and demotes the officer.
        #expect(try office.context().role == .officer)
        try other.setRole(.viewer, of: "a.moreau")
        #expect(throws: StoreError.self) {
            try office.store.act(.ref(file.ref), action: .note, inputs: ActionInputs(note: "still here?"),
                                 actor: "a.moreau", today: Office.today, now: Office.now, basedOn: nil)
        }
        #expect(throws: StoreError.self) {
            try office.store.register(registration, actor: "a.moreau", today: Office.today, now: Office.now)
        }
    }

    @Test func aSavedPolicyReadsBackAsSaved() throws {
        let office = try Office()
        var policy = try office.store.loadPolicy()
        try policy.set("acknowledge_days", "9")
        try policy.set("warning_thresholds", "21,7")
        try policy.set("office_periods_in_working_days", "true")
        try policy.set("reservations", "42.5")
        try office.store.savePolicy(policy)
        #expect(try office.store.loadPolicy() == policy)
        #expect(try office.store.loadPolicy().dueSoonWithin == 21)
    }
}

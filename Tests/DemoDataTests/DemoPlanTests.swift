import Casework
@testable import DemoData
import Foundation
import Testing

@Suite("Demo planning with the pure engine")
struct DemoPlanTests {
    @Test func theSameSeedGivesTheSameOfficeEventForEvent() {
        let a = DemoGenerator.plan(cases: 600, seed: 7, today: demoToday, actor: "demo.lead")
        let b = DemoGenerator.plan(cases: 600, seed: 7, today: demoToday, actor: "demo.lead")
        #expect(a.cases.count == 600)
        #expect(a.cases == b.cases)
        #expect(a.summary == b.summary)
    }

    /// The simulation runs ahead of the store by `ahead` cases at most, then waits: memory stays
    /// flat and each write is about one batch (1,000,000 cases once piled up to 12.8 GB). What
    /// the writer takes is the plan, every case once.
    @Test func theSimulationWaitsForTheWriter() throws {
        let roles = Dictionary(DemoOffice.officers.map { ($0.name, $0.role) } + [("demo.lead", .supervisor)],
                               uniquingKeysWith: { first, _ in first })
        let simulation = DemoSimulation(cases: 300, seed: 5, today: demoToday, policy: Policy(), holidays: [],
                                        officers: DemoGenerator.demoStaff(roles, actor: "demo.lead"))
        let stream = DossierStream(simulation, ahead: 50)
        stream.start()
        // Nobody takes yet: the simulation stops as soon as 50 cases are ready.
        let deadline = Date().addingTimeInterval(30)
        while !stream.backlog.held && Date() < deadline { usleep(1000) }
        let backlog = stream.backlog
        #expect(backlog.held)
        #expect(backlog.ready >= 50 && backlog.ready <= 51, "\(backlog.ready) cases ready")
        var taken: [UUID] = []
        while let chunk = stream.take(atLeast: 20) {
            #expect(chunk.count <= 51)
            taken += chunk.map(\.id)
        }
        // The plan's cases, each once (the stream writes a follow-up before the case it follows).
        let plan = DemoGenerator.plan(cases: 300, seed: 5, today: demoToday, actor: "demo.lead")
        #expect(taken.count == 300)
        #expect(Set(taken) == Set(plan.cases.map { $0[0].caseID }))
    }

    @Test func differentSeedsGiveDifferentOffices() {
        let a = DemoGenerator.plan(cases: 300, seed: 1, today: demoToday, actor: "demo.lead")
        let b = DemoGenerator.plan(cases: 300, seed: 2, today: demoToday, actor: "demo.lead")
        #expect(a.cases.map { $0[0].id } != b.cases.map { $0[0].id })
        #expect(a.cases.map { $0[0].payload.registration?.title } != b.cases.map { $0[0].payload.registration?.title })
    }

    @Test func theEngineRefusesNoPlannedMove() {
        let plan = DemoGenerator.plan(cases: 2000, seed: 11, today: demoToday, actor: "demo.lead")
        #expect(plan.summary.refusedMoves == 0, "\(plan.summary.refusalSamples)")
    }

    @Test(arguments: [0, 1, 5, 37])
    func exactlyTheCasesAskedFor(_ count: Int) {
        let plan = DemoGenerator.plan(cases: count, seed: 3, today: demoToday, actor: "demo.lead")
        #expect(plan.cases.count == count)
        #expect(plan.summary.cases == count)
    }

    @Test func effectiveDatesRunInOrderAndNeverPassToday() {
        let plan = DemoGenerator.plan(cases: 1000, seed: 5, today: demoToday, actor: "demo.lead")
        let earliest = demoToday.adding(days: -550)
        for events in plan.cases {
            let dates = events.map(\.effective)
            #expect(dates == dates.sorted(), "\(events[0].payload.ref ?? "")")
            #expect(dates.allSatisfy { $0 <= demoToday && $0 >= earliest })
            #expect(events[0].type == .registered)
        }
    }

    @Test func foldingThePlannedEventsGivesTheCasesThePlanEndedWith() {
        let plan = DemoGenerator.plan(cases: 400, seed: 9, today: demoToday, actor: "demo.lead")
        var states: [WorkflowID: [CaseState: Int]] = [:]
        for events in plan.cases {
            let file = Engine.fold(events)
            states[file.workflow, default: [:]][file.state, default: 0] += 1
        }
        #expect(states == plan.summary.byState)
    }

    @Test func referencesAreNumberedPerDirectionKindAndYear() {
        let plan = DemoGenerator.plan(cases: 800, seed: 4, today: demoToday, actor: "demo.lead")
        let refs = plan.cases.compactMap { $0[0].payload.ref }
        #expect(Set(refs).count == refs.count)
        #expect(refs.allSatisfy { $0.wholeMatch(of: /(IN|OUT)-(MLA|PRES)-20\d\d-\d{4}/) != nil })
        #expect(refs.contains("IN-MLA-2026-0001") && refs.contains("OUT-PRES-2025-0001"))
    }
}

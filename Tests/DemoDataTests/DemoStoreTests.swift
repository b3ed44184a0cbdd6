import CaseStore
import Casework
@testable import DemoData
import Foundation
import Testing

@Suite("Demo office in the store")
struct DemoStoreTests {
    @Test func rolesComeFromTheStoreAndViewersRecordNothing() throws {
        let store = try CaseStore.inMemory()
        try store.initialize(office: "Central authority", state: "FRA", timeZone: "Europe/Paris",
                             firstSupervisor: "s.chief")
        try store.addOfficer("v.viewer", role: .viewer)
        try store.addOfficer("r.okafor", role: .viewer)
        // A viewer, or someone the office does not know, is not made a supervisor to load the demo.
        #expect(throws: StoreError.self) {
            try DemoGenerator.populate(store, cases: 20, seed: 7, today: demoToday, actor: "v.viewer")
        }
        #expect(throws: StoreError.self) {
            try DemoGenerator.populate(store, cases: 20, seed: 7, today: demoToday, actor: "n.body")
        }
        #expect(try store.count(CaseFilter()) == 0)
        // A demo officer the office made a viewer takes no part.
        let summary = try DemoGenerator.populate(store, cases: 200, seed: 7, today: demoToday, actor: "s.chief")
        #expect(summary.refusedMoves == 0, "\(summary.refusalSamples)")
        #expect(!summary.officers.contains("r.okafor"))
        var actors = Set<String>()
        for c in try allCases(store) { for e in try store.events(of: .id(c.id)) { actors.insert(e.actor) } }
        #expect(!actors.isEmpty)
        #expect(actors.allSatisfy { (try? store.role(of: $0)).flatMap { $0 }.map { $0 != .viewer } ?? false })
    }

    @Test func everyWorkflowAndEveryStateAppearsIn2000Cases() throws {
        let office = try DemoOffice2000.get()
        #expect(office.summary.cases == 2000)
        #expect(office.summary.refusedMoves == 0, "\(office.summary.refusalSamples)")
        let cases = try allCases(office.store)
        #expect(cases.count == 2000)
        for workflow in Workflow.all {
            let seen = Set(cases.filter { $0.direction == workflow.id.direction && $0.kind == workflow.id.kind }.map(\.state))
            let missing = workflow.states.filter { !seen.contains($0) }
            #expect(missing.isEmpty, "\(workflow.id): no case in \(missing.map(\.rawValue))")
        }
    }

    @Test func theStoreHoldsTheStatesThePlanEndedWith() throws {
        let office = try DemoOffice2000.get()
        var states: [WorkflowID: [CaseState: Int]] = [:]
        for c in try allCases(office.store) {
            states[WorkflowID(c.direction, c.kind), default: [:]][c.state, default: 0] += 1
        }
        #expect(states == office.summary.byState)
    }

    @Test func deadlinesInEveryStatus() throws {
        let office = try DemoOffice2000.get()
        let rows = try office.store.deadlines(DeadlineFilter(scope: .all), today: demoToday)
        let statuses = Set(rows.map(\.status))
        #expect(statuses == Set(DeadlineStatus.allCases), "missing \(Set(DeadlineStatus.allCases).subtracting(statuses))")
        let kinds = Set(rows.map(\.kind))
        #expect(kinds == Set(DeadlineKind.allCases), "missing \(Set(DeadlineKind.allCases).subtracting(kinds))")
    }

    /// Without titles (the text table), an open scope is read from `open_deadlines` alone: the
    /// same rows in the same order as the full query, title and article left empty.
    @Test func deadlinesWithoutTitlesAreTheSameRows() throws {
        let office = try DemoOffice2000.get()
        let officer = try #require(try office.store.deadlines(DeadlineFilter(), today: demoToday).first?.officer)
        let filters = [DeadlineFilter(), DeadlineFilter(scope: .within(7)), DeadlineFilter(scope: .within(0)),
                       DeadlineFilter(scope: .overdue), DeadlineFilter(scope: .within(30), officer: officer),
                       DeadlineFilter(scope: .pending, limit: 25), DeadlineFilter(counterpart: "usa"),
                       DeadlineFilter(kind: .acknowledgement), DeadlineFilter(scope: .all)]
        for filter in filters {
            var bare = filter
            bare.titles = false
            let full = try office.store.deadlines(filter, today: demoToday)
            let rows = try office.store.deadlines(bare, today: demoToday)
            #expect(!full.isEmpty, "\(filter)")
            let expected = filter.scope == DeadlineFilter.Scope.all ? full : full.map { row -> DeadlineRow in
                var row = row
                row.title = ""; row.article = ""
                return row
            }
            #expect(rows == expected, "\(filter): \(rows.count) rows against \(full.count)")
        }
    }

    @Test func theDatabaseAndItsAuditChainCheckOut() throws {
        let office = try DemoOffice2000.get()
        let report = try office.store.check()
        #expect(report.ok, "\(report)")
        #expect(report.audit.events >= office.summary.events)
    }

    @Test func rebuiltProjectionsEqualTheLiveOnes() throws {
        let store = try CaseStore.inMemory()
        try DemoGenerator.populate(store, cases: 400, seed: 8, today: demoToday, actor: "demo.lead")
        let cases = try allCases(store)
        let deadlines = try store.deadlines(DeadlineFilter(scope: .all), today: demoToday)
        let dashboard = try store.dashboard(today: demoToday)
        let links = try cases.map { try store.links(of: .id($0.id)) }
        try store.rebuildProjections(now: Date(timeIntervalSince1970: 1_773_000_000))
        #expect(try allCases(store) == cases)
        #expect(try store.deadlines(DeadlineFilter(scope: .all), today: demoToday) == deadlines)
        #expect(try store.dashboard(today: demoToday) == dashboard)
        #expect(try cases.map { try store.links(of: .id($0.id)) } == links)
    }

    @Test func theSameSeedLoadsTheSameCasesAndEvents() throws {
        func load() throws -> (cases: [CaseSummary], events: [[CaseEvent]]) {
            let store = try CaseStore.inMemory()
            try DemoGenerator.populate(store, cases: 300, seed: 21, today: demoToday, actor: "demo.lead")
            let cases = try allCases(store)
            return (cases, try cases.map { try store.events(of: .id($0.id)) })
        }
        let a = try load(), b = try load()
        #expect(a.cases.map(\.ref) == b.cases.map(\.ref))
        #expect(a.cases.map(\.state) == b.cases.map(\.state))
        #expect(a.events == b.events)
    }

    @Test func theStoreRecordsTheEventsTheEngineDecidedInMemory() throws {
        let store = try CaseStore.inMemory()
        try DemoGenerator.populate(store, cases: 300, seed: 13, today: demoToday, actor: "demo.lead")
        let plan = DemoGenerator.plan(cases: 300, seed: 13, today: demoToday, actor: "demo.lead",
                                      policy: try store.loadPolicy())
        // The same events, ids, references and links included: the store decided what memory did.
        for events in plan.cases {
            let stored = try store.events(of: .id(events[0].caseID))
            #expect(stored == events)
        }
    }

    @Test func aSecondLoadAddsOtherCases() throws {
        let store = try CaseStore.inMemory()
        try DemoGenerator.populate(store, cases: 150, seed: 1, today: demoToday, actor: "demo.lead")
        let again = try DemoGenerator.populate(store, cases: 150, seed: 1, today: demoToday, actor: "demo.lead")
        #expect(again.refusedMoves == 0)
        let cases = try allCases(store)
        #expect(cases.count == 300)
        #expect(Set(cases.map(\.ref)).count == 300)
        #expect(try store.check().ok)
    }

    @Test func officersCountersAndLinksLookReal() throws {
        let office = try DemoOffice2000.get()
        let officers = try office.store.officers()
        #expect(officers.filter { $0.role == .supervisor }.count >= 2)
        #expect(officers.count >= 8)
        let cases = try allCases(office.store)
        #expect(Set(cases.map(\.counterpart)).count >= 40)
        #expect(Set(cases.map(\.officer)).count >= 8)
        #expect(cases.contains { $0.confidential } && cases.contains { !$0.confidential })
        #expect(Set(cases.map(\.urgency)) == Set(Urgency.allCases))
        let preservations = cases.filter { $0.kind == .preservation && [.pendingMLA, .mlaSent].contains($0.state) }
        #expect(!preservations.isEmpty)
        for p in preservations.prefix(20) {
            let links = try office.store.links(of: .id(p.id))
            #expect(links.contains { $0.relation == "follow-up-mla" }, "\(p.ref)")
        }
        let voided = try cases.prefix(2000).contains { c in try office.store.events(of: .id(c.id)).contains { $0.action == .void } }
        #expect(voided)
    }

    @Test func searchFindsTheDemoWording() throws {
        let office = try DemoOffice2000.get()
        #expect(!(try office.store.search("ransomw", limit: 5, today: demoToday)).isEmpty)
        #expect(!(try office.store.search("business e-mail", limit: 5, today: demoToday)).isEmpty)
    }
}

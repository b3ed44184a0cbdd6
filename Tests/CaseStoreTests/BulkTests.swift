import Casework
import Foundation
import Testing
@testable import CaseStore

/// Demo-style cases: a mix of the four workflows at various stages, preservations linked to
/// the incoming MLA that follows them up.
func demoCases(_ count: Int, year: Int = 2025) -> [BulkCase] {
    let states = ["DEU", "ITA", "BRA", "NGA", "JPN", "CAN", "ZAF", "IND"]
    let officers = ["a.moreau", "b.klein", "c.rossi"]
    var cases: [BulkCase] = []
    var lastIncomingMLA: UUID?
    var lastIncomingMLAState = ""
    let start = CivilDate(year: year, month: 1, day: 2)!
    for n in 0..<count {
        let day = start.adding(days: n % 360)
        let now = Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + 36_000 + Double(n % 1000))
        let later = day.adding(days: 3)
        let laterNow = now.addingTimeInterval(3 * 86_400)
        let officer = officers[n % officers.count]
        let shape = n % 8
        let direction: Direction = shape < 5 ? .incoming : .outgoing
        let kind: RequestKind = [1, 4, 6].contains(shape) ? .preservation : .mla
        var r = Registration(direction: direction, kind: kind, counterpart: states[n % states.count],
                             received: day, title: "Demo case \(n): \(["ransomware", "phishing", "fraud", "botnet"][n % 4]) inquiry",
                             facts: "Facts of demo case \(n).", officer: officer)
        // Stored data sought: an incoming MLA here may follow up a preservation (42.8).
        if kind == .mla { r.purposes = [.evidence, .storedData] }
        var actions: [BulkAction] = []
        func act(_ name: Action, _ inputs: ActionInputs = ActionInputs(), link: UUID? = nil) {
            actions.append(BulkAction(name, inputs, linkTo: link, today: later, recorded: laterNow, actor: officer))
        }
        let id = UUID()
        switch shape {
        case 0:
            act(.assess, ActionInputs(note: "complete request"))
            if n % 16 == 0 {
                act(.consult, ActionInputs(reason: "essential interests", proposal: .refuse))
                act(.refuse, ActionInputs(grounds: ["40.21b"], reason: "essential interests"))
            }
            lastIncomingMLA = id
            lastIncomingMLAState = r.counterpart
        case 1:
            act(.preserve, ActionInputs(custodian: "Provider \(n % 50)"))
            // The follow-up request comes from the State that asked for preservation (42.1).
            if let mla = lastIncomingMLA, n % 3 == 0 { r.counterpart = lastIncomingMLAState; act(.mlaReceived, link: mla) }
        case 2:
            act(.assess)
            act(.execute, ActionInputs(authority: "Prosecutor \(n % 20)"))
            lastIncomingMLA = id
            lastIncomingMLAState = r.counterpart
        default:
            break
        }
        cases.append(BulkCase(id: id, registration: r, registeredOn: day, recorded: now, actor: officer,
                              actions: actions))
    }
    return cases
}

@Suite struct Bulk {
    static func office(_ location: Where) throws -> Office {
        let office = try Office(location)
        try office.store.addOfficer("b.klein", role: .officer)
        try office.store.addOfficer("c.rossi", role: .officer)
        return office
    }

    @Test(arguments: Where.allCases)
    func bulkLoadingMatchesTheProjectionsOfARebuild(_ location: Where) throws {
        let office = try Self.office(location)
        let cases = demoCases(400)
        let report = try office.store.bulkLoad(cases, batchSize: 150)
        #expect(report.refusedCount == 0, "\(report.refusals)")
        #expect(report.cases == 400)
        #expect(try office.store.count(CaseFilter()) == 400)
        #expect(try office.store.verifyAudit().ok)
        #expect(try office.store.check().ok)
        // Case 9 is a preservation whose follow-up MLA was registered before it.
        let outbound = try office.store.links(of: .id(cases[9].id))
        #expect(outbound.count == 1)
        #expect(outbound.first?.inbound == false)
        let mla = try #require(outbound.first?.id)
        #expect(try office.store.links(of: .id(mla)).contains { $0.id == cases[9].id && $0.inbound })
        #expect(try office.store.caseFile(.id(cases[9].id)).state == .pendingMLA)
        // The search entries a batch writes at its end: every case is found by its words, and
        // FTS5's own check finds its index agreeing with its text.
        #expect(try office.store.count(CaseFilter(text: "ransomware")) == 100)
        #expect(try office.store.count(CaseFilter(text: "demo case")) == 400)
        #expect(try office.store.search("\"Demo case 9:\"", limit: 5, today: Office.today).map(\.id).contains(cases[9].id))
        try office.sql("INSERT INTO case_text(case_text) VALUES ('integrity-check')")
        let live = try office.projections()
        try office.store.rebuildProjections(now: Office.now)
        #expect(try office.projections() == live)
        // Refs continue after a bulk load.
        #expect(try office.register(.incoming, .mla, received: Office.today).ref == "IN-MLA-2026-0001")
    }

    @Test func aRefusedRegistrationInABulkLoadLeavesNoGapInReferences() throws {
        let office = try Self.office(.memory)
        func bulk(_ received: CivilDate) -> BulkCase {
            BulkCase(registration: Registration(direction: .incoming, kind: .preservation, counterpart: "DEU",
                                                received: received),
                     registeredOn: Office.today, recorded: Office.now, actor: "a.moreau")
        }
        // Received after the day of registration: the engine refuses it.
        let report = try office.store.bulkLoad([bulk(Office.today), bulk(Office.today.adding(days: 5)), bulk(Office.today)])
        #expect(report.cases == 2)
        #expect(report.refusedCount == 1)
        let refs = try office.store.listCases(CaseQuery(sort: .ref), today: Office.today).cases.map(\.ref)
        #expect(refs == ["IN-PRES-2026-0001", "IN-PRES-2026-0002"])
    }

    /// `CADESK_BENCH_CASES=100000 swift test --filter Bulk/benchmark` prints timings.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CADESK_BENCH_CASES"] != nil))
    func benchmark() throws {
        let count = Int(ProcessInfo.processInfo.environment["CADESK_BENCH_CASES"]!)!
        let office = try Self.office(.disk)
        let cases = demoCases(count)
        var clock = Date()
        func lap(_ what: String) {
            print(String(format: "bench %@: %.2fs", what, Date().timeIntervalSince(clock)))
            clock = Date()
        }
        let report = try office.store.bulkLoad(cases, batchSize: 2500)
        lap("bulk load \(report.cases) cases, \(report.events) events, \(report.refusedCount) refused")
        let today = CivilDate("2025-12-01")!
        var page = try office.store.listCases(CaseQuery(limit: 50), today: today)
        for _ in 0..<20 { if let next = page.next { page = try office.store.listCases(CaseQuery(limit: 50, after: next), today: today) } }
        lap("21 list pages by updated")
        _ = try office.store.listCases(CaseQuery(filter: CaseFilter(officer: "b.klein", openOnly: true), sort: .nextDue, limit: 50), today: today)
        lap("list page by next due, officer filter")
        _ = try office.store.count(CaseFilter(openOnly: true))
        lap("count open")
        let within = try office.store.deadlines(DeadlineFilter(scope: .within(14)), today: today)
        lap("deadlines within 14 days (\(within.count))")
        let overdue = try office.store.deadlines(DeadlineFilter(scope: .overdue, officer: "a.moreau"), today: today)
        lap("overdue deadlines of one officer (\(overdue.count))")
        for prefix in ["r", "ra", "ran", "ransom", "demo case 4711"] {
            _ = try office.store.search(prefix, limit: 20, today: today)
            lap("search '\(prefix)'")
        }
        _ = try office.store.dashboard(today: today)
        lap("dashboard")
        _ = try office.store.verifyAudit()
        lap("verify audit")
        try office.store.rebuildProjections(now: Office.now)
        lap("rebuild projections")
        var policy = try office.store.loadPolicy()
        try policy.set("acknowledge_days", "6")
        try office.store.savePolicy(policy)
        lap("save policy (deadlines recomputed)")
        _ = try office.store.check()
        lap("check")
        let file = try office.register(received: Office.today)
        try office.act(file.ref, .assess)
        lap("register + act one case")
    }
}

/// Event ids drawn in order from a fixed list, like a seeded demo's.
private final class ListedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [UUID]
    init(_ ids: [UUID]) { self.ids = ids }
    func next() -> UUID { lock.withLock { ids.isEmpty ? UUID() : ids.removeFirst() } }
}

@Test func alreadyDecidedEventsAreStoredAsDecidingAgainWould() throws {
    var cases = demoCases(300)
    let ids = cases.map { c in (0...c.actions.count).map { _ in UUID() } }
    func withIDs(_ cases: [BulkCase]) -> [BulkCase] {
        cases.enumerated().map { n, c in
            var c = c
            let listed = ListedIDs(ids[n])
            c.makeID = { listed.next() }
            return c
        }
    }
    let deciding = try Bulk.office(.memory)
    #expect(try deciding.store.bulkLoad(withIDs(cases), batchSize: 70).refusedCount == 0)
    // The events decided there, handed over as already decided; one registration's do not name
    // the reference this store mints, and cases with links are decided again.
    for n in cases.indices { cases[n].decided = try deciding.store.events(of: .id(cases[n].id)) }
    cases[5].decided![0].payload.ref = "IN-MLA-2025-9999"
    let appending = try Bulk.office(.memory)
    let report = try appending.store.bulkLoad(withIDs(cases), batchSize: 70)
    #expect(report.refusedCount == 0)
    #expect(report.events == (try deciding.store.verifyAudit().events))
    #expect(try appending.store.verifyAudit() == deciding.store.verifyAudit())
    #expect(try appending.projections() == deciding.projections())
    let live = try appending.projections()
    try appending.store.rebuildProjections(now: Office.now)
    #expect(try appending.projections() == live)
    // Their rows made beforehand (`prepare`, the demo does it on its simulation's thread) are
    // the rows the writer would make: the same chain. A case changed after `prepare` is stored
    // as changed, not as prepared.
    var prepared = withIDs(cases)
    for n in prepared.indices { prepared[n].prepare() }
    #expect(prepared.filter { $0.prepared != nil }.count == prepared.count)
    prepared[7].decided![0].payload.registration?.title = "Changed after it was prepared"
    let preparing = try Bulk.office(.memory)
    #expect(try preparing.store.bulkLoad(prepared, batchSize: 70).refusedCount == 0)
    #expect(try preparing.store.caseFile(.id(prepared[7].id)).title == "Changed after it was prepared")
    #expect(try preparing.store.verifyAudit().ok)
    // (Fresh ids for the cases decided again: `withIDs` hands each id out once.)
    prepared = withIDs(cases)
    for n in prepared.indices { prepared[n].prepare() }
    let unchanged = try Bulk.office(.memory)
    #expect(try unchanged.store.bulkLoad(prepared, batchSize: 70).refusedCount == 0)
    #expect(try unchanged.store.verifyAudit() == deciding.store.verifyAudit())
    #expect(try unchanged.projections() == deciding.projections())
    // They are appended as given, not decided again.
    var first = withIDs(cases)[0]
    first.decided![1].payload.note = "as decided"
    let third = try Bulk.office(.memory)
    _ = try third.store.bulkLoad([first])
    #expect(try third.store.events(of: .id(first.id))[1].payload.note == "as decided")
}

@Test func alreadyDecidedEventsAreCheckedLikeRegisterAndAct() throws {
    let deciding = try Bulk.office(.memory)
    let cases = demoCases(3)
    #expect(try deciding.store.bulkLoad(cases).refusedCount == 0)
    var decided = cases
    for n in decided.indices { decided[n].decided = try deciding.store.events(of: .id(decided[n].id)) }
    // Case 0 recorded by a viewer; case 1 assigned to a viewer; case 2 as decided.
    decided[0].actor = "v.viewer"
    for n in decided[0].actions.indices { decided[0].actions[n].actor = "v.viewer" }
    for n in decided[0].decided!.indices { decided[0].decided![n].actor = "v.viewer" }
    decided[1].registration.officer = "v.viewer"
    decided[1].decided![0].payload.registration?.officer = "v.viewer"
    let appending = try Bulk.office(.memory)
    let report = try appending.store.bulkLoad(decided)
    #expect(report.refusedCount == 2, "\(report.refusals)")
    #expect(report.cases == 1)
    #expect(try appending.store.count(CaseFilter()) == 1)
}

@Test func alreadyDecidedEventsWithALinkAreProjectedWithTheLinkedCase() throws {
    let office = try Bulk.office(.memory)
    // A decided MLA: the preservation linked to it has a release-due (42.8), from the MLA.
    func decidedMLA(_ office: Office) throws -> CaseFile {
        let mla = try office.register(.incoming, .mla, title: "the follow-up")
        try office.act(mla.ref, .assess)
        try office.act(mla.ref, .consult, ActionInputs(reason: "essential interests", proposal: .refuse))
        try office.act(mla.ref, .refuse, ActionInputs(grounds: ["40.21b"], reason: "essential interests"))
        return mla
    }
    let mla = try decidedMLA(office)
    let target = try office.store.linkTarget(mla.ref)
    let day = Office.today, now = Office.now
    var item = BulkCase(registration: Registration(direction: .incoming, kind: .preservation, counterpart: "DEU",
                                                   received: day),
                        registeredOn: day, recorded: now, actor: "a.moreau",
                        actions: [BulkAction(.preserve, ActionInputs(custodian: "MailCo"), today: day, recorded: now,
                                             actor: "a.moreau"),
                                  BulkAction(.mlaReceived, ActionInputs(link: target), today: day, recorded: now,
                                             actor: "a.moreau")])
    // Decided elsewhere (a store with the same office and the same MLA).
    let elsewhere = try Bulk.office(.memory)
    _ = try decidedMLA(elsewhere)
    var there = item
    there.actions[1].inputs.link = try elsewhere.store.linkTarget(mla.ref)
    #expect(try elsewhere.store.bulkLoad([there]).refusedCount == 0)
    item.decided = try elsewhere.store.events(of: .id(item.id)).map { event in
        var event = event
        if event.payload.link != nil { event.payload.link = target }
        return event
    }
    let report = try office.store.bulkLoad([item])
    #expect(report.refusedCount == 0, "\(report.refusals)")
    #expect(try office.store.links(of: .ref(mla.ref)).map(\.id) == [item.id])
    #expect(try office.store.deadlines(DeadlineFilter(), today: Office.today)
        .contains { $0.ref == "IN-PRES-2026-0001" && $0.kind == .releaseDue })
    let live = try office.projections()
    try office.store.rebuildProjections(now: Office.now)
    #expect(try office.projections() == live)
}

@Test func aLinkTargetOfAnEarlierBatchIsReprojectedFromItsCurrentState() throws {
    let office = try Bulk.office(.disk)
    let other = try CaseStore.open(path: office.folder!.file("cases.sqlite"))
    let day = Office.today, now = Office.now
    var registration = Registration(direction: .incoming, kind: .mla, counterpart: "DEU", received: day)
    registration.purposes = [.evidence, .storedData]
    let mla = BulkCase(registration: registration, registeredOn: day, recorded: now, actor: "a.moreau")
    let preservation = BulkCase(
        registration: Registration(direction: .incoming, kind: .preservation, counterpart: "DEU", received: day),
        registeredOn: day, recorded: now, actor: "a.moreau",
        actions: [BulkAction(.preserve, ActionInputs(custodian: "MailCo"), today: day, recorded: now, actor: "a.moreau"),
                  BulkAction(.mlaReceived, linkTo: mla.id, today: day, recorded: now, actor: "a.moreau")])
    var failure: (any Error)?
    // Between the two batches, another process acts on the MLA of the first.
    let report = try office.store.bulkLoad([mla, preservation], batchSize: 1) { loaded in
        guard loaded == 1 else { return }
        do {
            _ = try other.act(.id(mla.id), action: .assess, inputs: ActionInputs(),
                              actor: "a.moreau", today: day, now: now, basedOn: nil)
        } catch { failure = error }
    }
    #expect(failure == nil)
    #expect(report.refusedCount == 0, "\(report.refusals)")
    #expect(try office.store.listCases(CaseQuery(sort: .ref), today: day).cases.first { $0.id == mla.id }?.state
        == .assessing)
    let live = try office.projections()
    try office.store.rebuildProjections(now: Office.now)
    #expect(try office.projections() == live)
}

@Test func aBulkLoadBumpsTheRevisionOncePerBatch() throws {
    let office = try Bulk.office(.memory)
    let before = try office.store.dataVersion()
    #expect(try office.store.bulkLoad(demoCases(30), batchSize: 10).refusedCount == 0)
    // Three batches, three write transactions: setting the page cache is not one.
    #expect(try office.store.dataVersion() == before + 3)
}

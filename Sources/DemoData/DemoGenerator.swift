import CaseStore
import Casework
import Foundation

/// What a demo load made.
public struct DemoSummary: Sendable, Hashable {
    public var cases: Int
    public var events: Int
    /// The demo officers (login names), supervisors included.
    public var officers: [String]
    public var byWorkflow: [WorkflowID: Int]
    /// How many cases stand in each state, per workflow.
    public var byState: [WorkflowID: [CaseState: Int]]
    /// Moves the engine refused while simulating (a generator defect if not zero), with the
    /// first few messages for diagnosis.
    public var refusedMoves: Int
    public var refusalSamples: [String]
}

/// The cases of an in-memory demo office, made with the pure engine.
public struct DemoPlan: Sendable {
    /// Every case's events (registration first), cases in order of registration.
    public var cases: [[CaseEvent]]
    public var summary: DemoSummary
}

/// Realistic demo cases across the four workflows (`cadesk demo`, the empty-database offer of
/// the interface, benchmarks). Every case is made through the engine, move by move, with
/// effective dates in order, so each is one an officer could have produced. The same seed gives
/// the same office: cases, references, states and event ids.
public enum DemoGenerator {
    /// Fills `store` with `cases` demo cases received over the ~18 months before `today`.
    /// Sets the office up first if it is not (with `actor` as its first supervisor), and adds
    /// the demo officers that are missing. `progress` is told how many cases are written so far.
    /// On an empty database the same seed gives the same office, event ids included.
    ///
    /// Roles are the store's: events are recorded in the names of officers and supervisors only,
    /// each acting with the role the store gives them. An `actor` the office does not know, or
    /// knows as a viewer, is refused (`StoreError.invalid`) rather than recorded as someone they
    /// are not; a demo officer the office made a viewer takes no part.
    @discardableResult
    public static func populate(_ store: CaseStore, cases: Int, seed: UInt64, today: CivilDate,
                                actor: String, progress: ((Int) -> Void)? = nil) throws(StoreError) -> DemoSummary {
        if try !store.isInitialized() {
            try store.initialize(office: DemoOffice.officeName, state: DemoOffice.officeState,
                                 timeZone: DemoOffice.timeZone, firstSupervisor: actor)
        }
        for (name, role) in DemoOffice.officers where try store.role(of: name) == nil {
            try store.addOfficer(name, role: role)
        }
        let roles = Dictionary(try store.officers().map { ($0.name, $0.role) }, uniquingKeysWith: { first, _ in first })
        guard let role = roles[actor], role != .viewer else {
            throw .invalid("\(actor) is \(roles[actor] == nil ? "not an officer of this office" : "a viewer"): "
                + "demo events are recorded in the names of officers and supervisors only")
        }
        // A second load into the same office adds other cases: the seed is combined with the
        // number already there, so case and event ids never collide and the load stays replayable.
        let existing = try store.count(CaseFilter())
        let seed = existing == 0 ? seed : seed ^ (UInt64(existing) &* 0x9E37_79B9_7F4A_7C15)
        let simulation = DemoSimulation(cases: cases, seed: seed, today: today, policy: try store.loadPolicy(),
                                        holidays: Set(try store.holidays()), officers: demoStaff(roles, actor: actor))
        // The office is simulated on a second thread while the store writes what is finished.
        let stream = DossierStream(simulation)
        stream.start()
        var written = 0
        var refused = 0
        var refusals: [String] = []
        do throws(StoreError) {
            while let chunk = stream.take(atLeast: 2000) {
                let before = written
                let part = try store.bulkLoad(chunk, batchSize: chunk.count, progress: { progress?(before + $0) })
                written += part.cases
                refused += part.refusedCount
                refusals += part.refusals.prefix(max(0, 20 - refusals.count))
            }
        } catch {
            stream.cancel()
            throw error
        }
        var summary = summary(stream.finishedSimulation())
        summary.refusedMoves += refused
        summary.refusalSamples += refusals
        return summary
    }

    /// The same office made in memory only, with the pure engine: references numbered from 1 in
    /// each (direction, kind, year) sequence, as on an empty database.
    public static func plan(cases: Int, seed: UInt64, today: CivilDate, actor: String,
                            policy: Policy = Policy(), holidays: Set<CivilDate> = []) -> DemoPlan {
        // As on an empty database: the demo officers, and the person loading it as a supervisor.
        let roles = Dictionary(DemoOffice.officers.map { ($0.name, $0.role) } + [(actor, .supervisor)],
                               uniquingKeysWith: { first, _ in first })
        let staff = demoStaff(roles, actor: actor)
        var simulation = DemoSimulation(cases: cases, seed: seed, today: today, policy: policy, holidays: holidays,
                                        officers: staff)
        simulation.run()
        return DemoPlan(cases: simulation.recorder.cases, summary: summary(simulation))
    }

    /// The demo officers, plus the person loading the demo so that some cases are theirs, each
    /// with their role in `roles` (the store's); anyone without one, or a viewer, takes no part.
    static func demoStaff(_ roles: [String: Role], actor: String) -> [(name: String, role: Role)] {
        let names = DemoOffice.officers.map(\.name)
        return (names.contains(actor) ? names : names + [actor]).compactMap { name in
            guard let role = roles[name], role != .viewer else { return nil }
            return (name: name, role: role)
        }
    }

    static func summary(_ simulation: DemoSimulation) -> DemoSummary {
        DemoSummary(cases: simulation.cases, events: simulation.events, officers: simulation.officers.map(\.name),
                    byWorkflow: simulation.byWorkflow, byState: simulation.byState,
                    refusedMoves: simulation.refusalCount, refusalSamples: simulation.refusals)
    }
}

import CaseStore
import Casework
import Foundation

/// How the simulated cases reach the store: through `CaseStore.bulkLoad`, thousands per
/// transaction, with the event ids drawn from the seed (a supervisor's `void` names the event it
/// cancels by id). A case must come after any case it links to, so a preservation is written
/// right after its follow-up MLA request.
enum DemoLoading {
    static func bulkCase(_ agent: CaseAgent) -> BulkCase {
        let ids = FixedIDs([agent.registrationEventID] + agent.steps.map(\.eventID))
        var bulk = BulkCase(id: agent.file.id, registration: agent.registration, registeredOn: agent.registration.received,
                            recorded: agent.registeredAt, actor: agent.registrar,
                            actions: agent.steps.map {
                                BulkAction($0.action, $0.inputs, linkTo: $0.linkTo, today: $0.today,
                                           recorded: $0.recorded, actor: $0.actor)
                            },
                            makeID: { ids.next() },
                            // The simulation decided them with the store's policy, holidays and roles.
                            decided: agent.file.events.map(\.event))
        // On the simulation's thread: the writer takes the rows as they are.
        bulk.prepare()
        return bulk
    }
}

/// Runs a simulation on its own thread and hands its finished cases, in writing order, to the
/// thread that writes them: making and writing overlap. The order, and so the references and
/// everything else, depend only on the seed, never on timing. The simulation is faster than the
/// store: it waits when `ahead` cases are ready, so memory stays flat and each write is about one
/// batch. Without that wait, 1,000,000 cases piled up to 12.8 GB and went to the store in one
/// transaction with a 6 GB write-ahead log.
final class DossierStream: @unchecked Sendable {
    /// How many finished cases may wait for the writer (two of the demo's batches of 2,000).
    let ahead: Int
    private let condition = NSCondition()
    private var simulation: DemoSimulation
    private var ready: [BulkCase] = []
    private var done = false
    private var cancelled = false

    /// The simulation is waiting for the writer to take what is ready.
    private var held = false

    init(_ simulation: DemoSimulation, ahead: Int = 4000) {
        self.simulation = simulation
        self.ahead = ahead
    }

    /// How many finished cases wait for the writer, and whether the simulation waits for it.
    var backlog: (ready: Int, held: Bool) { condition.withLock { (ready.count, held) } }

    func start() {
        let thread = Thread { [self] in
            var simulation = condition.withLock { self.simulation }
            simulation.run(retainCases: false) { dossier in
                let cases = dossier.map(DemoLoading.bulkCase)
                return condition.withLock {
                    ready += cases
                    if ready.count >= 2000 { condition.broadcast() }
                    while ready.count >= ahead && !cancelled {
                        held = true
                        condition.broadcast()   // whatever the writer waits for, this is all it gets
                        condition.wait()
                    }
                    held = false
                    return !cancelled
                }
            }
            condition.withLock {
                self.simulation = simulation
                done = true
                condition.broadcast()
            }
        }
        thread.name = "demo-simulation"
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// The next cases to write, at least `count` unless the simulation has ended; nil at the end.
    func take(atLeast count: Int) -> [BulkCase]? {
        condition.withLock {
            while ready.count < count && !done { condition.wait() }
            guard !ready.isEmpty else { return nil }
            defer {
                ready.removeAll(keepingCapacity: true)
                condition.broadcast()   // the simulation may go on
            }
            return ready
        }
    }

    /// Stops the simulation after its current case (the writer failed) and waits for it.
    func cancel() {
        condition.withLock {
            cancelled = true
            condition.broadcast()
        }
        _ = finishedSimulation()
    }

    /// The simulation once it has run to the end (its summary figures).
    func finishedSimulation() -> DemoSimulation {
        condition.withLock {
            while !done { condition.wait() }
            return simulation
        }
    }
}

import CaseStore
import Casework
import Foundation

/// How the simulated cases reach the store. Most go through `CaseStore.bulkLoad`, thousands per
/// transaction; a case must come after any case it links to, so a preservation follows its
/// follow-up MLA. Cases with a supervisor's `void` name the event they cancel by id, which
/// `bulkLoad` does not let us fix (it draws its own event ids): those, and the cases linked to
/// them, are recorded afterwards one action at a time, as `cadesk case act` would.
struct DemoLoading {
    /// Agent indexes, in the order they are written.
    var bulk: [Int] = []
    var oneByOne: [Int] = []

    init(_ agents: [CaseAgent]) {
        var slow = Set<Int>()
        for (i, agent) in agents.enumerated() where agent.steps.contains(where: { $0.action == "void" }) {
            slow.insert(i)
            if let p = agent.parent { slow.insert(p) }
            if let c = agent.followUp { slow.insert(c) }
        }
        for i in agents.indices where agents[i].followUp == nil {
            for index in [i] + (agents[i].parent.map { [$0] } ?? []) {
                if slow.contains(index) { oneByOne.append(index) } else { bulk.append(index) }
            }
        }
    }

    func bulkCase(_ agent: CaseAgent) -> BulkCase {
        BulkCase(id: agent.file.id, registration: agent.registration, registeredOn: agent.registration.received,
                 recorded: agent.registeredAt, actor: agent.registrar,
                 actions: agent.steps.map {
                     BulkAction($0.action, $0.inputs, linkTo: $0.linkTo, today: $0.today, recorded: $0.recorded, actor: $0.actor)
                 })
    }

    /// Registers the case and records its steps through `register` and `act`, with the event ids
    /// drawn from the seed.
    func replay(_ agent: CaseAgent, into store: CaseStore, simulation: DemoSimulation) throws(StoreError) {
        func context(_ actor: String, _ today: CivilDate, _ now: Date, _ ids: [UUID]) -> CaseContext {
            FixedIDs(ids).context(CaseContext(today: today, now: now, actor: actor, role: simulation.role(of: actor),
                                              policy: simulation.policy, holidays: simulation.holidays,
                                              makeID: { UUID() }))
        }
        _ = try store.register(agent.registration,
                               context: context(agent.registrar, agent.registration.received, agent.registeredAt,
                                                [agent.file.id, agent.registrationEventID]))
        for step in agent.steps {
            var inputs = step.inputs
            if let id = step.linkTo {
                let other = try store.caseFile(.id(id))
                inputs.link = LinkTarget(id: other.id, ref: other.ref, direction: other.direction, kind: other.kind)
            }
            _ = try store.act(.id(agent.file.id), action: step.action, inputs: inputs,
                              context: context(step.actor, step.today, step.recorded, [step.eventID]))
        }
    }
}

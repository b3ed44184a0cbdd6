import CaseStore
import Casework
import Foundation

/// How the simulated cases reach the store: through `CaseStore.bulkLoad`, thousands per
/// transaction, with the event ids drawn from the seed (a supervisor's `void` names the event it
/// cancels by id). A case must come after any case it links to, so a preservation is written
/// right after its follow-up MLA request.
enum DemoLoading {
    /// Agent indexes in the order they are written: registration order, each preservation
    /// deferred until its follow-up exists.
    static func order(_ agents: [CaseAgent]) -> [Int] {
        var order: [Int] = []
        order.reserveCapacity(agents.count)
        for i in agents.indices where agents[i].followUp == nil {
            order.append(i)
            if let parent = agents[i].parent { order.append(parent) }
        }
        return order
    }

    static func bulkCase(_ agent: CaseAgent) -> BulkCase {
        let ids = FixedIDs([agent.registrationEventID] + agent.steps.map(\.eventID))
        return BulkCase(id: agent.file.id, registration: agent.registration, registeredOn: agent.registration.received,
                        recorded: agent.registeredAt, actor: agent.registrar,
                        actions: agent.steps.map {
                            BulkAction($0.action, $0.inputs, linkTo: $0.linkTo, today: $0.today,
                                       recorded: $0.recorded, actor: $0.actor)
                        },
                        makeID: { ids.next() })
    }
}

import Foundation
import Testing
import PropertyBased
@testable import Casework

/// The deadlines after each event, computed in one pass, against the obvious and quadratic way:
/// fold every prefix of the record and ask for its deadlines.
struct DeadlineHistoryTests {
    static func prefixByPrefix(_ events: [CaseEvent], _ ctx: CaseContext) -> [[Deadline]] {
        events.indices.map { Engine.deadlines(for: Engine.fold(Array(events[...$0])), context: ctx) }
    }

    @Test func eachStepIsWhatFoldingThatPrefixGives() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...3), Gen.int(in: 0...15),
                            Gen.int(in: 0...100_000).array(of: 1...30)) { wi, variant, steps in
            let w = WorkflowID.all[wi]
            let table = Workflow.table(for: w)
            var ctx = WorkflowTableTests.ctx()
            ctx.policy = PropertyTests.policy(variant)
            let registration = Registration(direction: w.direction, kind: w.kind, counterpart: "FRA", received: day0,
                                            urgency: variant % 3 == 0 ? .normal : .urgent,
                                            oral: w.direction == .incoming && variant % 3 != 0,
                                            items: variant % 2 == 0 ? fullItems(w.kind) : [:])
            guard var events = try? [Engine.register(registration, id: UUID(), ref: "R", context: ctx)] else {
                Issue.record("registration refused"); return
            }
            var file = Engine.fold(events)
            for n in steps {
                let spec = table.actions[n % table.actions.count]
                if let new = try? Engine.decide(spec.name, PropertyTests.inputs(spec.name, w, file: file, step: n),
                                                on: file, context: ctx) {
                    events += new
                    file = Engine.fold(events)
                }
            }
            let history = Engine.deadlineHistory(of: events, context: ctx)
            #expect(history.steps == Self.prefixByPrefix(events, ctx),
                    "\(w): \(events.map(\.type.rawValue).joined(separator: " "))")
        }
    }

    @Test func theWorkGrowsWithTheRecordNotItsSquare() throws {
        var desk = try Desk(.incoming, .mla)
        try desk.act(.assess)
        for n in 0..<400 { try desk.act(.note, ActionInputs(note: "call \(n)")) }
        let history = Engine.deadlineHistory(of: desk.events, context: desk.ctx)
        #expect(history.steps.count == desk.events.count)
        // Each event filed once and replayed once; folding each prefix again would be ~80,000.
        #expect(history.eventsReplayed <= 2 * desk.events.count)
        #expect(history.steps.last == desk.deadlines)
    }

    @Test func aVoidReplaysTheRecordOnceAndTakesTheEventBack() throws {
        var desk = try Desk(.incoming, .preservation)
        try desk.act(.preserve, ActionInputs(on: day0, days: 90, custodian: "Host"))
        try desk.act(.extend, ActionInputs(on: day0.adding(days: 10)))
        let extend = desk.events.last!.id
        try desk.act(.void, ActionInputs(on: day0.adding(days: 11), reason: "wrong case", event: extend))
        let history = Engine.deadlineHistory(of: desk.events, context: desk.ctx)
        #expect(history.steps == Self.prefixByPrefix(desk.events, desk.ctx))
        let expiry = history.steps.map { $0.first { $0.kind == .preservationExpiry }?.due }
        #expect(expiry[1] == expiry[3] && expiry[2]! > expiry[1]!)
    }
}

import Foundation
import Testing
import PropertyBased
@testable import Casework

/// Random action sequences through the engine, as an officer might type them.
struct PropertyTests {
    static let groundCodes = RefusalGround.all.map(\.code) + ["40.24-bank-secrecy", "nonsense"]

    /// Inputs for a step: mostly the valid ones, sometimes empty or with other grounds and dates.
    static func inputs(_ action: Action, _ w: WorkflowID, file: CaseFile, step n: Int) -> ActionInputs {
        var i: ActionInputs
        switch (n / 7) % 4 {
        case 1: i = ActionInputs()
        case 2:
            i = WorkflowTableTests.inputs(action, w, file: file)
            i.grounds = [groundCodes[n % groundCodes.count]]
            if i.reason == nil && n % 3 == 0 { i.reason = "r" }
        default: i = WorkflowTableTests.inputs(action, w, file: file)
        }
        // Move time on, never past today; sometimes before the latest date (refused).
        let shift = (n % 11) * 9 - 4
        let on = file.latestEffective.adding(days: shift)
        i.on = min(on, farToday)
        return i
    }

    static func policy(_ variant: Int) -> Policy {
        var p = Policy()
        p.consultBeforeAllRefusals = variant & 1 == 0
        p.consultBeforePreservationRefusal = variant & 2 == 0
        if variant & 4 != 0 { p.reservations = ["42.5"] }
        p.officePeriodsInWorkingDays = variant & 8 != 0
        return p
    }

    @Test func randomSequencesStayInTheWorkflowAndRefusalsChangeNothing() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...3), Gen.int(in: 0...15),
                            Gen.int(in: 0...100_000).array(of: 1...40)) { wi, variant, steps in
            let w = WorkflowID.all[wi]
            let table = Workflow.table(for: w)
            var ctx = WorkflowTableTests.ctx()
            ctx.policy = Self.policy(variant)
            ctx.role = variant % 5 == 0 ? .officer : .supervisor
            let registration = Registration(direction: w.direction, kind: w.kind, counterpart: "FRA",
                                            received: day0, offenceClass: variant & 4 != 0 ? .seriousCrime : .conventionOffence,
                                            urgency: variant % 3 == 0 ? .normal : .urgent,
                                            oral: w.direction == .incoming && variant % 3 != 0,
                                            items: variant % 2 == 0 ? fullItems(w.kind) : [:])
            guard var events = try? [Engine.register(registration, id: UUID(), ref: "R", context: ctx)] else {
                Issue.record("registration refused"); return
            }
            var file = Engine.fold(events)
            for n in steps {
                let spec = table.actions[n % table.actions.count]
                let inputs = Self.inputs(spec.name, w, file: file, step: n)
                do {
                    let new = try Engine.decide(spec.name, inputs, on: file, context: ctx)
                    #expect(new.count == 1)
                    events += new
                    let next = Engine.fold(events)
                    #expect(table.states.contains(next.state), "\(w): \(spec.name) led to \(next.state)")
                    #expect(new[0].payload.toState == next.state, "\(w): \(spec.name) recorded \(String(describing: new[0].payload.toState)), fold gives \(next.state)")
                    if spec.name != .void {
                        #expect(spec.target(from: file.state) != nil)
                    }
                    file = next
                } catch {
                    // A refused action records nothing: the case is what it was.
                    #expect(Engine.fold(events) == file)
                    #expect((error as? CaseworkError)?.message.isEmpty == false)
                }
                let deadlines = Engine.deadlines(for: file, context: ctx)
                for d in deadlines {
                    #expect(DeadlineRule.all.contains { $0.kind == d.kind })
                }
                Self.checkInvariants(file, deadlines, w)
            }
            for filed in file.events where filed.isApplied {
                #expect(table.states.contains(filed.toState!))
            }
        }
    }

    /// Whether an incoming preservation holds preserved data: preserved, pending the follow-up
    /// request, or withdrawn from there before the custodian was told to release them.
    static func holdsData(_ file: CaseFile) -> Bool {
        if [.preserved, .pendingMLA].contains(file.state) { return true }
        let withdrawnHolding = file.applied.contains { $0.action == .withdraw && Engine.heldPreservedData(before: $0, file: file) }
        return withdrawnHolding && !file.applied.contains { $0.action == .dataReleased }
    }

    /// The invariants of issue 9, after every step of a random sequence.
    static func checkInvariants(_ file: CaseFile, _ deadlines: [Deadline], _ w: WorkflowID) {
        let trail = file.applied.compactMap(\.action).map(\.rawValue).joined(separator: " ")
        if w == WorkflowID(.incoming, .preservation) && holdsData(file) {
            // 42.8: data held are always watched, by the period or by the duty to release them.
            let watched = deadlines.contains {
                ($0.kind == .preservationExpiry && ($0.status.isPending || $0.status == .suspended))
                    || ($0.kind == .releaseDue && $0.status.isPending)
            }
            #expect(watched, "\(w) in \(file.state) holds data unwatched: \(trail) \(deadlines)")
        }
        if !file.isOpen {
            let open = deadlines.filter { $0.status.isPending && $0.kind != .releaseDue }
            #expect(open.isEmpty, "\(w) in \(file.state) keeps \(open.map(\.kind)): \(trail)")
        }
    }

    @Test func foldingTwiceGivesTheSameCase() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...3), Gen.int(in: 0...100_000).array(of: 0...30)) { wi, steps in
            let w = WorkflowID.all[wi]
            let table = Workflow.table(for: w)
            let ctx = WorkflowTableTests.ctx()
            var d: Desk
            do { d = try Desk(w.direction, w.kind, urgency: .urgent, oral: w.direction == .incoming, ctx: ctx) }
            catch { Issue.record("\(error)"); return }
            for n in steps {
                let spec = table.actions[n % table.actions.count]
                _ = try? d.act(spec.name, Self.inputs(spec.name, w, file: d.file, step: n))
            }
            let once = Engine.fold(d.events)
            let twice = Engine.fold(d.events)
            #expect(once == twice)
            #expect(Engine.fold(once.events.map(\.event)) == once)
            #expect(Engine.deadlines(for: once, context: ctx) == Engine.deadlines(for: twice, context: ctx))
        }
    }

    @Test func decideIsPure() throws {
        var d = try Desk(.incoming, .preservation)
        try d.act(.preserve, ActionInputs(custodian: "c"))
        let file = d.file
        let a = try Engine.decide(.note, ActionInputs(note: "x"), on: file, context: d.ctx)
        let b = try Engine.decide(.note, ActionInputs(note: "x"), on: file, context: d.ctx)
        #expect(a[0].payload == b[0].payload && a[0].effective == b[0].effective && a[0].recorded == b[0].recorded)
        #expect(d.file == file)
    }
}

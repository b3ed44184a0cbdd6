import Foundation
import Testing
@testable import Casework

/// Two copies changed a case apart (issue 13): the fold merges their branches in one order on
/// every copy, marks a conflict when both moved the case, and a supervisor keeps one branch.
@Suite struct ConflictTests {
    struct Diverged {
        var common: [CaseEvent]
        var hq: [CaseEvent]
        var fl2: [CaseEvent]
        var ctx: CaseContext
        var caseID: UUID { common[0].caseID }

        /// The `diverged` event an import records: which events each copy recorded.
        var marker: CaseEvent {
            var payload = EventPayload()
            payload.branches = [CopyBranch(copy: "HQ", events: hq.map(\.id)), CopyBranch(copy: "FL2", events: fl2.map(\.id))]
            return CaseEvent(id: UUID(), caseID: caseID, type: .action(.diverged), actor: "cadesk",
                             recorded: Date(timeIntervalSince1970: 1_800_001_000), effective: date("2026-01-08"), payload: payload)
        }
    }

    /// An incoming MLA assessed on both copies; then headquarters transmitted it for execution
    /// (effective 8 January) while the field copy asked for more information (7 January).
    func diverged(hqActs: (inout Desk) throws -> Void = { d in
                      try d.act(.execute, ActionInputs(on: date("2026-01-08"), authority: "prosecutor")) },
                  fieldActs: (inout Desk) throws -> Void = { d in
                      try d.act(.requestInformation, ActionInputs(on: date("2026-01-07"), note: "which account?")) }) throws -> Diverged {
        var d = try Desk(.incoming, .mla, purposes: [.storedData])
        try d.act(.assess, ActionInputs(on: day0))
        var hq = d, fl = d
        hq.ctx.now = Date(timeIntervalSince1970: 1_800_000_100)
        fl.ctx.now = Date(timeIntervalSince1970: 1_800_000_200)
        fl.ctx.actor = "j.okafor"
        try hqActs(&hq)
        try fieldActs(&fl)
        return Diverged(common: d.events, hq: Array(hq.events.dropFirst(d.events.count)),
                        fl2: Array(fl.events.dropFirst(d.events.count)), ctx: d.ctx)
    }

    /// The calendar's one-pass history replays the record at a divergence, which reorders the
    /// branches: each step equals folding that prefix, as for a void.
    @Test func theDeadlineHistoryOfADivergedCaseIsWhatFoldingEachPrefixGives() throws {
        let d = try diverged()
        let events = d.common + d.hq + d.fl2 + [d.marker]
        let history = Engine.deadlineHistory(of: events, context: d.ctx)
        let byPrefix = events.indices.map { Engine.deadlines(for: Engine.fold(Array(events[...$0])), context: d.ctx) }
        #expect(history.steps == byPrefix)
    }

    @Test func bothCopiesMovingTheCaseIsAConflictFoldedTheSameWhicheverOrderTheBranchesArrived() throws {
        let d = try diverged()
        let marker = d.marker
        let atHQ = Engine.fold(d.common + d.hq + d.fl2 + [marker])
        let atField = Engine.fold(d.common + d.fl2 + d.hq + [marker])
        #expect(atHQ == atField)
        // Merged by effective date: the request for information (7 Jan) first, from assessing;
        // the execution (8 Jan) is not declared from awaiting-information: kept, not applied.
        #expect(atHQ.state == .awaitingInformation)
        let execute = try #require(atHQ.events.first { $0.action == .execute })
        #expect(execute.notApplied && execute.copy == "HQ" && !execute.isApplied)
        let asked = try #require(atHQ.events.first { $0.action == .requestInformation })
        #expect(!asked.notApplied && asked.copy == "FL2")
        #expect(atHQ.conflict?.copies == ["HQ", "FL2"])
        #expect(atHQ.conflict?.branches.map(\.events) == [d.hq.map(\.id), d.fl2.map(\.id)])
        // The common events stay first, in their order.
        #expect(atHQ.events.prefix(2).map(\.id) == d.common.map(\.id))
    }

    @Test func actionsStayPossibleAndOnlyASupervisorResolves() throws {
        let d = try diverged()
        var desk = try Desk(.incoming, .mla, purposes: [.storedData])
        desk.events = d.common + d.hq + d.fl2 + [d.marker]
        var officer = desk.ctx
        officer.role = .officer
        let allowedToOfficer = Engine.allowedActions(for: desk.file, context: officer).map(\.name)
        #expect(allowedToOfficer.contains(.informationReceived) && allowedToOfficer.contains(.note))
        #expect(!allowedToOfficer.contains(.resolveConflict))
        #expect(Engine.allowedActions(for: desk.file, context: desk.ctx).map(\.name).contains(.resolveConflict))
        #expect(throws: CaseworkError.self) {
            try Engine.decide(.resolveConflict, ActionInputs(reason: "r", keep: "HQ"), on: desk.file, context: officer)
        }
        let wrongCopy = desk.refusal(.resolveConflict, ActionInputs(reason: "r", keep: "FL9"))
        #expect(wrongCopy?.kind == .usage && wrongCopy?.rule == .notACopyInConflict(["HQ", "FL2"]), "\(String(describing: wrongCopy))")
        #expect(desk.refusal(.resolveConflict, ActionInputs(keep: "HQ"))?.kind == .usage)  // no reason
    }

    @Test func keepingOneCopyVoidsTheOtherCopysEventsWithTheReasonAndDeletesNothing() throws {
        let d = try diverged()
        var desk = try Desk(.incoming, .mla, purposes: [.storedData])
        desk.events = d.common + d.hq + d.fl2 + [d.marker]
        let before = desk.events.count
        let file = try desk.act(.resolveConflict, ActionInputs(reason: "headquarters transmitted it first", keep: "HQ"))
        #expect(desk.events.count == before + 1)
        let resolution = try #require(desk.events.last)
        #expect(resolution.payload.kept == "HQ" && resolution.payload.voidedEvents == d.fl2.map(\.id))
        #expect(resolution.payload.reason == "headquarters transmitted it first")
        #expect(file.conflict == nil)
        #expect(file.state == .executing)
        #expect(file.events.filter(\.voided).map(\.id) == d.fl2.map(\.id))
        #expect(file.events.first { $0.action == .execute }?.isApplied == true)
        // Resolved, it is no longer offered, and resolving again is refused.
        #expect(!Engine.allowedActions(for: file, context: desk.ctx).map(\.name).contains(.resolveConflict))
        #expect(desk.refusal(.resolveConflict, ActionInputs(reason: "again", keep: "FL2"))?.kind == .refused)

        var other = try Desk(.incoming, .mla, purposes: [.storedData])
        other.events = d.common + d.fl2 + d.hq + [d.marker]
        let kept = try other.act(.resolveConflict, ActionInputs(reason: "the field copy's is right", keep: "fl2"))
        #expect(kept.state == .awaitingInformation && kept.conflict == nil)
        #expect(kept.events.filter(\.voided).map(\.id) == d.hq.map(\.id))
    }

    @Test func twoEditsOfOneFieldKeepBothEventsAndTheLaterShowsWithoutAConflict() throws {
        let d = try diverged(hqActs: { try $0.act(.edit, ActionInputs(title: "Title from headquarters")) },
                             fieldActs: { try $0.act(.edit, ActionInputs(title: "Title from the field", offence: "fraud")) })
        let file = Engine.fold(d.common + d.fl2 + d.hq + [d.marker])
        #expect(file.conflict == nil)
        #expect(file.title == "Title from the field")  // recorded later
        #expect(file.offence == "fraud")
        #expect(file.editedOnTwoCopies == ["title"])
        #expect(file.events.filter { $0.action == .edit }.count == 2)
        #expect(file.state == .assessing)
    }

    @Test func aCaseThatNeverDivergedFoldsAsBefore() throws {
        var d = try Desk(.incoming, .mla, purposes: [.storedData])
        try d.act(.assess, ActionInputs(on: day0))
        let file = d.file
        #expect(file.conflict == nil && file.editedOnTwoCopies.isEmpty)
        #expect(file.events.allSatisfy { $0.copy == nil && !$0.notApplied })
    }
}

import Foundation
import Testing
@testable import Casework

/// Every deadline kind of WORKFLOWS.md §2: what starts, meets, suspends, moves and cancels it.
struct DeadlineTests {
    let t = date("2026-01-05")

    func desk(_ direction: Direction, _ kind: RequestKind, today: String = "2026-01-05",
              urgency: Urgency = .normal, vulnerable: Bool = false, purposes: [Purpose] = [],
              deadline: CivilDate? = nil) throws -> Desk {
        var r = Registration(direction: direction, kind: kind, counterpart: "FRA", received: t,
                             purposes: purposes, urgency: urgency, dataVulnerable: vulnerable,
                             items: fullItems(kind, purposes: purposes))
        if let deadline { r.requestedDeadline = deadline; r.requestedDeadlineReason = "trial date" }
        return try Desk(r, ctx: context(today: date(today), role: .officer))
    }

    @Test func everyKindIsDeclaredOnce() {
        #expect(DeadlineRule.all.map(\.kind) == DeadlineKind.allCases)
        #expect(DeadlineKind.allCases.count == 14)
    }

    @Test func acknowledgement() throws {
        var d = try desk(.incoming, .mla)
        let ack = try #require(d.deadline(.acknowledgement))
        #expect(ack.due == date("2026-01-10") && ack.days == 5 && ack.status == .dueSoon)
        // Only the office's own first step acknowledges (§2): not a note.
        try d.act(.note, ActionInputs(note: "first action"))
        #expect(d.deadline(.acknowledgement)?.status == .dueSoon)
        try d.act(.assess)
        #expect(d.deadline(.acknowledgement)?.status == .met)
        #expect(d.deadline(.acknowledgement)?.closedOn == t)
        #expect(try desk(.outgoing, .mla).deadlines.isEmpty)
    }

    @Test func statusesOpenDueSoonOverdue() throws {
        let base = try desk(.incoming, .mla)   // execution-target 2026-04-05
        func status(_ today: String) -> (DeadlineStatus, Int)? {
            var d = base
            d.ctx.today = date(today)
            return d.deadline(.executionTarget).map { ($0.status, $0.days) }
        }
        #expect(status("2026-03-21")! == (.open, 15))
        #expect(status("2026-03-22")! == (.dueSoon, 14))
        #expect(status("2026-04-05")! == (.dueSoon, 0))
        #expect(status("2026-04-06")! == (.overdue, -1))
        var p = Policy(); p.warningThresholds = [3]
        var d = base; d.ctx.policy = p; d.ctx.today = date("2026-03-22")
        #expect(d.deadline(.executionTarget)?.status == .open)
    }

    @Test func preservationTargetMetByPreserveNotifyConsultOrRefuse() throws {
        let base = try desk(.incoming, .preservation)
        #expect(base.deadline(.preservationTarget)?.due == date("2026-01-07"))
        for (action, inputs) in [(Action.preserve, ActionInputs(custodian: "c")), (.notifyRisk, ActionInputs(reason: "r")),
                                 (.consult, ActionInputs(reason: "r", proposal: .refuse))] {
            var d = base
            try d.act(action, inputs)
            #expect(d.deadline(.preservationTarget)?.status == .met, "\(action)")
        }
        var r = base
        r.ctx.policy.consultBeforePreservationRefusal = false
        try r.act(.refuse, ActionInputs(grounds: ["40.21c"], reason: "r"))
        #expect(r.deadline(.preservationTarget)?.status == .met)
        #expect(r.deadline(.acknowledgement)?.status == .met)
    }

    @Test func executionTargetExpeditedSuspendedAndMet() throws {
        #expect(try desk(.incoming, .mla).deadline(.executionTarget)?.due == date("2026-04-05"))
        #expect(try desk(.incoming, .mla, urgency: .urgent).deadline(.executionTarget)?.due == date("2026-01-15"))
        #expect(try desk(.incoming, .mla, urgency: .emergency).deadline(.executionTarget)?.due == date("2026-01-15"))
        var d = try desk(.incoming, .mla, vulnerable: true)
        #expect(d.deadline(.executionTarget)?.due == date("2026-01-15"))
        try d.act(.assess)
        try d.act(.requestInformation, ActionInputs(note: "account ids"))
        #expect(d.deadline(.executionTarget)?.status == .suspended)
        try d.act(.informationReceived)
        #expect(d.state == .assessing)
        #expect(d.deadline(.executionTarget)?.status == .dueSoon)
        try d.act(.consult, ActionInputs(reason: "ongoing trial", proposal: .postpone))
        try d.act(.postpone, ActionInputs(reason: "interferes", until: date("2026-02-01")))
        #expect(d.deadline(.executionTarget)?.status == .suspended)
        try d.act(.execute, ActionInputs(authority: "police"))
        try d.act(.complete, ActionInputs(note: "emails"))
        #expect(d.deadline(.executionTarget)?.status == .met)
        var r = try desk(.incoming, .mla)
        try r.act(.assess); try r.act(.consult, ActionInputs(reason: "r", proposal: .refuse))
        try r.act(.refuse, ActionInputs(grounds: ["40.21b"], reason: "r"))
        #expect(r.deadline(.executionTarget)?.status == .met)
        #expect(r.deadline(.consultationReply)?.status == .met)
    }

    @Test func requestedDeadlineStartedReplacedMet() throws {
        var d = try desk(.incoming, .mla, deadline: date("2026-03-01"))
        #expect(d.deadline(.requestedDeadline)?.due == date("2026-03-01"))
        try d.act(.setDeadline, ActionInputs(reason: "hearing moved", until: date("2026-02-15")))
        #expect(d.deadlines.filter { $0.kind == .requestedDeadline }.count == 1)
        #expect(d.deadline(.requestedDeadline)?.due == date("2026-02-15"))
        #expect(d.file.requestedDeadline == date("2026-02-15"))
        try d.act(.assess); try d.act(.execute, ActionInputs(authority: "a"))
        try d.act(.complete, ActionInputs(note: "n"))
        #expect(d.deadline(.requestedDeadline)?.status == .met)
        var o = try desk(.outgoing, .mla)
        try o.act(.setDeadline, ActionInputs(reason: "trial", until: date("2026-06-01")))
        try o.act(.send); try o.act(.executed, ActionInputs(note: "records"))
        #expect(o.deadline(.requestedDeadline)?.status == .met)
        // A deadline asked for a preservation already effected has nothing left to wait for.
        var p = try desk(.incoming, .preservation)
        try p.act(.preserve, ActionInputs(custodian: "c"))
        try p.act(.setDeadline, ActionInputs(reason: "the logs rotate weekly", until: date("2026-01-20")))
        #expect(p.deadline(.requestedDeadline)?.status == .met)
        // The same once the follow-up MLA was sent on an outgoing preservation.
        var m = try desk(.outgoing, .preservation)
        try m.act(.send)
        try m.followUp(ref: "OUT-MLA-2026-0001")
        try m.act(.setDeadline, ActionInputs(reason: "r", until: date("2026-01-20")))
        #expect(m.deadline(.requestedDeadline)?.status == .met)
        // Asked before preserving, it is open until the data are preserved.
        var q = try desk(.incoming, .preservation)
        try q.act(.setDeadline, ActionInputs(reason: "the logs rotate weekly", until: date("2026-01-20")))
        #expect(q.deadline(.requestedDeadline)?.status.isPending == true)
        try q.act(.preserve, ActionInputs(custodian: "c"))
        #expect(q.deadline(.requestedDeadline)?.status == .met)
    }

    @Test func informationDue() throws {
        var d = try desk(.incoming, .mla)
        try d.act(.requestInformation, ActionInputs(note: "n"))
        #expect(d.state == .awaitingInformation)
        #expect(d.deadline(.informationDue)?.due == date("2026-02-04"))
        try d.act(.informationReceived)
        #expect(d.state == .received)
        #expect(d.deadline(.informationDue)?.status == .met)
        var o = try desk(.outgoing, .mla)
        try o.act(.send); try o.act(.acknowledged)
        try o.act(.informationRequested, ActionInputs(until: date("2026-01-20"), note: "n"))
        #expect(o.deadline(.informationDue)?.due == date("2026-01-20"))
        try o.act(.informationSent)
        #expect(o.state == .acknowledged)
        #expect(o.deadline(.informationDue)?.status == .met)
    }

    @Test func consultationReply() throws {
        var d = try desk(.incoming, .mla)
        try d.act(.assess); try d.act(.consult, ActionInputs(reason: "r", proposal: .refuse))
        #expect(d.deadline(.consultationReply)?.due == date("2026-01-20"))
        try d.act(.execute, ActionInputs(authority: "a", conditions: "use only in case 12"))
        #expect(d.deadline(.consultationReply)?.status == .met)
        #expect(d.file.useLimitations == ["use only in case 12"])
        var p = try desk(.incoming, .preservation)
        try p.act(.notifyRisk, ActionInputs(reason: "provider deletes logs"))
        #expect(p.deadline(.consultationReply)?.status.isPending == true)
        try p.act(.preserve, ActionInputs(custodian: "c"))
        #expect(p.deadline(.consultationReply)?.status == .met)
        var o = try desk(.outgoing, .preservation)
        try o.act(.send); try o.act(.riskNotified)
        #expect(o.deadline(.consultationReply) != nil)
        try o.act(.proceed)
        #expect(o.deadline(.consultationReply)?.status == .met)
        var m = try desk(.outgoing, .mla)
        try m.act(.send)
        try m.act(.conditionsProposed, ActionInputs(conditions: "no use in tax case"))
        #expect(m.deadline(.consultationReply)?.status.isPending == true)
        try m.act(.acceptConditions)
        #expect(m.deadline(.consultationReply)?.status == .met)
        #expect(m.file.useLimitations == ["no use in tax case"])
        try m.act(.conditionsProposed, ActionInputs(conditions: "c2"))
        try m.act(.declineConditions)
        #expect(m.deadline(.consultationReply)?.status == .met)
    }

    /// A 42.7 notice on a preserved case keeps it preserved: the requesting State's answer is the
    /// next step it takes (the follow-up MLA, a withdrawal), not a state the table names.
    @Test func aRiskNoticeOnAPreservedCaseIsAnsweredByItsNextStep() throws {
        var p = try desk(.incoming, .preservation)
        try p.act(.preserve, ActionInputs(custodian: "c"))
        try p.act(.notifyRisk, ActionInputs(reason: "the provider may tip off the user"))
        #expect(p.state == .preserved)
        #expect(p.deadline(.consultationReply)?.status.isPending == true)
        try p.act(.extend)
        #expect(p.deadline(.consultationReply)?.status.isPending == true, "staying preserved is no answer")
        try p.followUp()
        let reply = try #require(p.deadline(.consultationReply))
        #expect(reply.status == .met)
        // Released or withdrawn without an answer: cancelled, as any deadline a terminal state ends.
        var w = try desk(.incoming, .preservation)
        try w.act(.preserve, ActionInputs(custodian: "c"))
        try w.act(.notifyRisk, ActionInputs(reason: "r"))
        try w.act(.withdraw)
        #expect(w.deadline(.consultationReply)?.status == .cancelled)
        // Elsewhere the table's rule stands: conditions proposed on a sent MLA are answered by
        // accepting or declining them, not by the counterpart's acknowledgement.
        var m = try desk(.outgoing, .mla)
        try m.act(.send)
        try m.act(.conditionsProposed, ActionInputs(conditions: "no use in tax case"))
        try m.act(.acknowledged)
        #expect(m.deadline(.consultationReply)?.status.isPending == true)
    }

    @Test func postponementReview() throws {
        var d = try desk(.incoming, .mla)
        try d.act(.assess); try d.act(.consult, ActionInputs(reason: "r", proposal: .postpone))
        try d.act(.postpone, ActionInputs(reason: "r", until: date("2026-03-01")))
        #expect(d.deadline(.postponementReview)?.due == date("2026-03-01"))
        try d.act(.consult, ActionInputs(reason: "still interferes", proposal: .postpone))
        #expect(d.deadline(.postponementReview)?.status == .met)
        try d.act(.postpone, ActionInputs(reason: "r", until: date("2026-04-01")))
        #expect(d.deadline(.postponementReview)?.due == date("2026-04-01"))
        #expect(d.deadline(.postponementReview)?.status == .open)
        var o = try desk(.outgoing, .mla)
        try o.act(.send); try o.act(.executing)
        try o.act(.postponedByCounterpart, ActionInputs(reason: "r", until: date("2026-02-01")))
        #expect(o.deadline(.postponementReview)?.due == date("2026-02-01"))
        // The requested State sets a new review date: it replaces the old one, still postponed.
        try o.act(.postponedByCounterpart, ActionInputs(reason: "trial moved", until: date("2026-02-20")))
        #expect(o.state == .postponed)
        #expect(o.deadline(.postponementReview)?.due == date("2026-02-20"))
        #expect(o.deadline(.postponementReview)?.status.isPending == true)
        try o.act(.resumed)
        #expect(o.deadline(.postponementReview)?.status == .met)
    }

    @Test func statusReply() throws {
        var d = try desk(.incoming, .mla)
        try d.act(.statusInquiry)
        #expect(d.deadline(.statusReply)?.due == date("2026-01-15"))
        try d.act(.statusReply, ActionInputs(note: "executing"))
        #expect(d.deadline(.statusReply)?.status == .met)
        var o = try desk(.outgoing, .mla)
        try o.act(.statusInquiry)
        #expect(o.deadline(.statusReply) == nil)
    }

    @Test func preservationExpiryAndReleaseDueAfterWithdraw() throws {
        var d = try desk(.incoming, .preservation)
        try d.act(.preserve, ActionInputs(custodian: "c"))
        #expect(d.deadline(.preservationExpiry)?.due == date("2026-03-06"))
        try d.act(.extend)
        #expect(d.deadline(.preservationExpiry)?.due == date("2026-05-05"))
        try d.act(.withdraw, ActionInputs(reason: "no longer needed"))
        #expect(d.deadline(.preservationExpiry)?.status == .met)
        #expect(d.deadline(.releaseDue)?.due == date("2026-01-10"))
        try d.act(.close)
        #expect(d.deadline(.releaseDue)?.status.isPending == true)   // closing never cancels release-due
        try d.act(.dataReleased)
        #expect(d.deadline(.releaseDue)?.status == .met)
        var r = try desk(.incoming, .preservation)
        try r.act(.withdraw)
        #expect(r.deadline(.releaseDue) == nil)
        #expect(r.refusal(.dataReleased)?.article == "42.8")
    }

    @Test func withdrawingAnOutgoingPreservationStartsNoReleaseDue() throws {
        // The requested State holds the data: there is no custodian of ours to tell, and
        // `data-released` is not an action of this workflow, so such a deadline could never be met.
        var o = try desk(.outgoing, .preservation)
        try o.act(.send); try o.act(.confirmPreserved)
        try o.act(.withdraw, ActionInputs(reason: "no longer needed"))
        #expect(o.deadline(.releaseDue) == nil)
        #expect(o.deadlines.allSatisfy { !$0.status.isPending })
    }

    @Test func preservedCasePastExpiryIsOverdue() throws {
        var d = try desk(.incoming, .preservation)
        try d.act(.preserve, ActionInputs(custodian: "c"))
        d.ctx.today = date("2026-03-07")
        #expect(d.deadline(.preservationExpiry)?.status == .overdue)
        #expect(d.deadline(.preservationExpiry)?.days == -1)
    }

    @Test func followUpMLADueAndExtensionReply() throws {
        var d = try desk(.outgoing, .preservation)
        try d.act(.send); try d.act(.confirmPreserved)
        #expect(d.deadline(.followUpMLADue)?.due == date("2026-03-06"))
        try d.act(.requestExtension)
        #expect(d.deadline(.extensionReply)?.due == date("2026-03-06"))
        try d.act(.extensionGranted, ActionInputs(days: 60))
        #expect(d.deadline(.followUpMLADue)?.due == date("2026-05-05"))
        #expect(d.deadline(.extensionReply)?.status == .met)
        try d.followUp()
        #expect(d.state == .mlaSent)
        #expect(d.deadline(.followUpMLADue)?.status == .met)
        var r = try desk(.outgoing, .preservation)
        try r.act(.send); try r.act(.confirmPreserved); try r.act(.requestExtension)
        try r.act(.refusedByCounterpart, ActionInputs(reason: "no"))
        #expect(r.deadline(.extensionReply)?.status == .met)
        #expect(r.deadline(.followUpMLADue)?.status == .cancelled)
    }

    @Test func collectionEnd() throws {
        var d = try desk(.incoming, .mla, purposes: [.realtimeTraffic])
        try d.act(.assess)
        try d.act(.execute, ActionInputs(until: date("2026-02-05"), authority: "police"))
        #expect(d.deadline(.collectionEnd)?.due == date("2026-02-05"))
        try d.act(.complete, ActionInputs(note: "traffic data"))
        #expect(d.deadline(.collectionEnd)?.status == .met)
    }

    @Test func terminalStatesCancelOpenDeadlines() throws {
        var d = try desk(.incoming, .mla, deadline: date("2026-03-01"))
        try d.act(.statusInquiry)
        try d.act(.withdraw)
        let byKind = Dictionary(uniqueKeysWithValues: d.deadlines.map { ($0.kind, $0.status) })
        // The requesting State's inquiry and withdrawal are not our acknowledgement (§2).
        #expect(byKind[.acknowledgement] == .cancelled)
        #expect(byKind[.executionTarget] == .cancelled)
        #expect(byKind[.requestedDeadline] == .cancelled)
        #expect(byKind[.statusReply] == .cancelled)
        // Voiding the withdrawal brings them back.
        d.ctx.role = .supervisor
        try d.act(.void, ActionInputs(reason: "wrong case", event: d.events.last!.id))
        #expect(d.deadline(.executionTarget)?.status == .open)
    }

    @Test func releaseDueFromTheLinkedMLADecision() throws {
        var d = try desk(.incoming, .preservation, today: "2026-03-01")
        try d.act(.preserve, ActionInputs(on: t, custodian: "c"))
        let mla = UUID()
        try d.followUp(on: date("2026-01-20"), id: mla)
        #expect(d.file.links.map(\.relation) == ["follow-up-mla"])
        #expect(d.deadline(.releaseDue) == nil)
        var mlaCase = try decidedMLA(id: mla, on: date("2026-02-20"))
        d.ctx.linkedCases = [mla: mlaCase]
        #expect(d.deadline(.releaseDue)?.due == date("2026-02-25"))
        #expect(d.deadline(.releaseDue)?.status == .overdue)
        // A closed MLA case is judged on the state it was closed from.
        mlaCase.state = .closed; mlaCase.closedFrom = .executed
        d.ctx.linkedCases = [mla: mlaCase]
        #expect(d.deadline(.releaseDue)?.due == date("2026-02-25"))
    }
}

struct ReminderTests {
    @Test func thresholdsReached() {
        let p = Policy()
        func at(_ days: Int, _ status: DeadlineStatus = .open) -> Int? {
            Deadline(kind: .acknowledgement, due: day0, status: status, days: days, article: "").reminderThreshold(p)
        }
        #expect(at(20) == nil && at(14) == 14 && at(8) == 14 && at(7) == 7 && at(3) == 3 && at(-2) == 3)
        #expect(at(2, .met) == nil)
    }

    @Test func confirmPreservedDefaultsToTheSentDate() throws {
        var d = try Desk(.outgoing, .preservation, ctx: context(today: date("2026-02-01")))
        try d.act(.send, ActionInputs(on: date("2026-01-10")))
        try d.act(.confirmPreserved)
        #expect(d.events.last?.effective == date("2026-01-10"))
        #expect(d.deadline(.followUpMLADue)?.due == date("2026-03-11"))
    }
}

struct SuspensionTests {
    @Test func executionTargetClockStopsWhileAwaitingInformationOrPostponed() throws {
        var d = try Desk(.incoming, .mla, ctx: context(today: date("2026-03-01"), role: .officer))
        #expect(d.deadline(.executionTarget)?.due == date("2026-04-05"))
        try d.act(.assess, ActionInputs(on: date("2026-01-06")))
        try d.act(.requestInformation, ActionInputs(on: date("2026-01-10"), note: "which accounts"))
        #expect(d.deadline(.executionTarget)?.status == .suspended)
        try d.act(.informationReceived, ActionInputs(on: date("2026-01-20")))
        #expect(d.deadline(.executionTarget)?.due == date("2026-04-15"))
        try d.act(.consult, ActionInputs(on: date("2026-01-21"), reason: "trial", proposal: .postpone))
        try d.act(.postpone, ActionInputs(on: date("2026-01-25"), reason: "r", until: date("2026-02-25")))
        try d.act(.execute, ActionInputs(on: date("2026-02-24"), authority: "police"))
        #expect(d.deadline(.executionTarget)?.due == date("2026-05-15"))
        #expect(d.deadline(.executionTarget)?.status == .open)
    }

    @Test func preservationExpirySuspendedPendingTheMLADecision() throws {
        var d = try Desk(.incoming, .preservation, ctx: context(today: date("2026-06-01"), role: .officer))
        try d.act(.preserve, ActionInputs(on: day0, custodian: "c"))
        try d.followUp(on: date("2026-02-01"))
        let expiry = try #require(d.deadline(.preservationExpiry))
        #expect(expiry.status == .suspended && expiry.due == date("2026-03-06"))
    }
}

import Foundation
import Testing
@testable import Casework

/// Every guard's refusal, with the article its message cites (WORKFLOWS.md §3, §5, §6).
struct GuardTests {
    func inConsultation(_ policy: Policy = Policy(), basis: LegalBasis = .convention) throws -> Desk {
        var d = try Desk(.incoming, .mla, basis: basis, ctx: context(policy: policy))
        try d.act(.assess)
        try d.act(.consult, ActionInputs(reason: "r", proposal: .refuse))
        return d
    }

    // MARK: Roles

    @Test func viewersCannotActAndOnlySupervisorsVoidAndReopen() throws {
        var d = try Desk(.incoming, .mla)
        d.ctx.role = .viewer
        let e = d.refusal(.note, ActionInputs(note: "x"))
        #expect(e?.kind == .forbiddenRole)
        #expect(throws: CaseworkError.self) {
            _ = try Engine.register(Registration(direction: .incoming, kind: .mla, counterpart: "FRA", received: day0),
                                    id: UUID(), ref: "r", context: context(role: .viewer))
        }
        d.ctx.role = .officer
        try d.act(.note, ActionInputs(note: "x"))
        let noteID = d.events.last!.id
        #expect(d.refusal(.void, ActionInputs(reason: "r", event: noteID))?.kind == .forbiddenRole)
        try d.act(.withdraw)
        try d.act(.close)
        #expect(d.refusal(.reopen, ActionInputs(reason: "r"))?.kind == .forbiddenRole)
        #expect(!Engine.allowedActions(for: d.file, context: d.ctx).contains { $0.name == .reopen })
        d.ctx.role = .supervisor
        #expect(Engine.allowedActions(for: d.file, context: d.ctx).contains { $0.name == .reopen })
        try d.act(.reopen, ActionInputs(reason: "closed by mistake"))
        #expect(d.state == .withdrawn)
        d.ctx.role = .viewer
        #expect(Engine.allowedActions(for: d.file, context: d.ctx).isEmpty)
    }

    // MARK: Order of checks

    @Test func checksRunRoleThenInputsThenStateThenGuards() throws {
        var d = try Desk(.incoming, .mla)
        d.ctx.role = .viewer
        #expect(d.refusal(.refuse, ActionInputs(grounds: ["40.24-bank-secrecy"]))?.kind == .forbiddenRole)
        d.ctx.role = .officer
        // A never-ground is reported before the state (received) is judged.
        let e = d.refusal(.refuse, ActionInputs(grounds: ["40.24-bank-secrecy"], reason: "r"))
        #expect(e?.description == "refuse: ground 40.24-bank-secrecy is never a ground for refusal (art. 40.24)")
        // The state before the remaining guards: extend in `received` names the state, not 42.9.
        var p = try Desk(.incoming, .preservation)
        let s = p.refusal(.extend)
        #expect(s?.rule == .notInState(.received))
        #expect(s?.article == "42.9")
        try p.act(.preserve, ActionInputs(custodian: "c"))
        #expect((try? Action.parse("bogus")) == nil)
        #expect(p.refusal(.assess)?.kind == .usage)
        #expect(p.refusal(.note, ActionInputs(days: 3, note: "x"))?.kind == .usage)
    }

    @Test func effectiveDateNotAfterTodayNorBeforeTheLatest() throws {
        var d = try Desk(.incoming, .mla, ctx: context(today: date("2026-02-01")))
        let future = d.refusal(.assess, ActionInputs(on: date("2026-02-02")))
        #expect(future?.message == "the effective date 2026-02-02 is after today 2026-02-01")
        try d.act(.assess, ActionInputs(on: date("2026-01-20")))
        let past = d.refusal(.note, ActionInputs(on: date("2026-01-19"), note: "x"))
        #expect(past?.rule == .beforeLatest(date("2026-01-20")))
        try d.act(.note, ActionInputs(on: date("2026-01-20"), note: "same day is fine"))
    }

    // MARK: Grounds (§3)

    @Test(arguments: ["40.23-fiscal", "40.24-bank-secrecy"])
    func neverGrounds(_ code: String) throws {
        let d = try inConsultation()
        let e = d.refusal(.refuse, ActionInputs(grounds: [code], reason: "r"))
        #expect(e?.kind == .refused)
        #expect(e?.article == (code == "40.23-fiscal" ? "40.23" : "40.24"))
        #expect(e?.message.hasPrefix("ground \(code) is never a ground for refusal") == true)
        #expect(d.refusal(.refuse, ActionInputs(grounds: ["40.99"], reason: "r"))?.kind == .usage)
    }

    @Test func reasonsAreAlwaysRequired() throws {
        let d = try inConsultation()
        let e = d.refusal(.refuse, ActionInputs(grounds: ["40.21b"]))
        #expect(e?.description == "refuse: written reasons are required for any refusal (--reason) (art. 40.25)")
        #expect(d.refusal(.refuse, ActionInputs(reason: "r"))?.article == "40.21")
        #expect(d.refusal(.partialRefusal, ActionInputs(grounds: ["40.21b"]))?.article == "40.25")
    }

    @Test func preservationGroundsAre42_6() throws {
        var d = try Desk(.incoming, .preservation)
        try d.act(.consult, ActionInputs(reason: "r", proposal: .refuse))
        for code in ["40.21a", "40.21d", "40.8-de-minimis", "40.8-other-provision"] {
            #expect(d.refusal(.refuse, ActionInputs(grounds: [code], reason: "r"))?.article == "42.6")
        }
        let dual = d.refusal(.refuse, ActionInputs(grounds: ["40.8-dual-criminality"], reason: "r"))
        #expect(dual?.article == "42.6" && dual?.rule == .groundNotAllowed("40.8-dual-criminality", see: "42.4"))
        #expect(d.refusal(.refuse, ActionInputs(grounds: ["40.21a"], reason: "r"))?.rule == .groundNotAllowed("40.21a", see: nil))
        #expect(d.refusal(.refuse, ActionInputs(grounds: ["treaty"], reason: "r"))?.article == "42.6")
        #expect(d.refusal(.refuse, ActionInputs(grounds: ["treaty"], reason: "r", treatyArticle: "5"))?.kind == .usage)
        try d.act(.refuse, ActionInputs(grounds: ["40.21b", "40.21c", "40.22"], reason: "r"))
        #expect(d.state == .refused)
        #expect(d.events.last?.payload.grounds == ["40.21b", "40.21c", "40.22"])
    }

    @Test func reservation42_5() throws {
        func desk(_ reserved: Bool, _ offence: OffenceClass) throws -> Desk {
            var policy = Policy()
            if reserved { try policy.set("reservations", "42.5") }
            var d = try Desk(.incoming, .preservation, offenceClass: offence, ctx: context(policy: policy))
            try d.act(.consult, ActionInputs(reason: "r", proposal: .refuse))
            return d
        }
        let i = ActionInputs(grounds: ["42.5-dual-criminality"], reason: "r")
        #expect(try desk(false, .seriousCrime).refusal(.refuse, i)?.rule == .reservationNotDeclared("42.5"))
        #expect(try desk(true, .conventionOffence).refusal(.refuse, i)?.rule == .offenceClassExcludes(.conventionOffence))
        #expect(try desk(true, .unspecified).refusal(.refuse, i)?.rule == .offenceClassExcludes(.unspecified))
        var ok = try desk(true, .seriousCrime)
        try ok.act(.refuse, i)
        #expect(ok.state == .refused)
        // Never for MLA.
        let mla = try inConsultation()
        #expect(mla.refusal(.refuse, i)?.article == "40.21")
    }

    @Test func trafficDisclosureGroundsAre43_2() throws {
        var d = try Desk(.incoming, .preservation)
        for code in ["40.21a", "40.21d", "40.8-de-minimis", "42.5-dual-criminality"] {
            #expect(d.refusal(.refuseDisclosure, ActionInputs(grounds: [code], reason: "r"))?.article == "43.2")
        }
        try d.act(.refuseDisclosure, ActionInputs(grounds: ["40.22"], reason: "r"))
        #expect(d.state == .received)
    }

    @Test func treatyBasis() throws {
        let convention = try inConsultation()
        let t = convention.refusal(.refuse, ActionInputs(grounds: ["treaty"], reason: "r", treatyArticle: "art. 4"))
        #expect(t?.article == "40.7" && t?.rule == .treatyGroundWithoutTreaty)
        var treaty = try inConsultation(basis: .treaty("FRA-MLAT"))
        #expect(treaty.refusal(.refuse, ActionInputs(grounds: ["40.21b"], reason: "r"))?.article == "40.7")
        #expect(treaty.refusal(.refuse, ActionInputs(grounds: ["treaty"], reason: "r"))?.article == "40.7")
        // 40.25 is among the paragraphs the treaty replaces: reasons are the office's rule.
        let noReasons = treaty.refusal(.refuse, ActionInputs(grounds: ["treaty"], treatyArticle: "4"))
        #expect(noReasons?.article == "40.7" && noReasons?.rule == .reasonsRequired(underTreaty: true))
        #expect(convention.refusal(.refuse, ActionInputs(grounds: ["40.21b"]))?.rule == .reasonsRequired(underTreaty: false))
        // So are 40.23 and 40.24: under a treaty the first thing to say is that its grounds apply.
        #expect(treaty.refusal(.refuse, ActionInputs(grounds: ["40.24-bank-secrecy"], reason: "r"))?.article == "40.7")
        // A code that is no ground at all is a typo, on any basis (exit 2).
        #expect(treaty.refusal(.refuse, ActionInputs(grounds: ["bogus"], reason: "r"))?.kind == .usage)
        try treaty.act(.refuse, ActionInputs(grounds: ["treaty"], reason: "r", treatyArticle: "art. 4(1)"))
        #expect(treaty.events.last?.payload.treatyArticle == "art. 4(1)")
        #expect(treaty.refusal(.refuse, ActionInputs(grounds: ["treaty"], reason: "r", treatyArticle: "4"))?.rule == .notInState(.refused))
    }

    // MARK: Consultation (40.28)

    @Test func mlaRefusalNeedsConsultation() throws {
        var d = try Desk(.incoming, .mla)
        try d.act(.assess)
        let byPolicy = d.refusal(.refuse, ActionInputs(grounds: ["40.8-de-minimis"], reason: "r"))
        #expect(byPolicy?.article == "40.28" && byPolicy?.rule == .consultFirst
                && byPolicy?.officeRule == "office policy consult_before_all_refusals")
        #expect(!Engine.allowedActions(for: d.file, context: d.ctx).contains { $0.name == .refuse })
        d.ctx.policy.consultBeforeAllRefusals = false
        #expect(Engine.allowedActions(for: d.file, context: d.ctx).contains { $0.name == .refuse })
        let para21 = d.refusal(.refuse, ActionInputs(grounds: ["40.8-de-minimis", "40.21c"], reason: "r"))
        #expect(para21?.article == "40.28" && para21?.rule == .consultBeforeGround("40.21c"))
        // Postponing always goes through consultation: not declared from assessing. The message
        // names the rule in the way (40.28), not postponement's own article.
        let postpone = d.refusal(.postpone, ActionInputs(reason: "r", until: farToday))
        #expect(postpone?.article == "40.28" && postpone?.rule == .consultFirst)
        try d.act(.refuse, ActionInputs(grounds: ["40.8-de-minimis"], reason: "trivial"))
        #expect(d.state == .refused)
    }

    @Test func partialRefusalGoesThroughConsultation() throws {
        var d = try Desk(.incoming, .mla)
        try d.act(.assess)
        let early = d.refusal(.partialRefusal, ActionInputs(grounds: ["40.21b"], reason: "r"))
        #expect(early?.article == "40.28" && early?.rule == .consultFirst && d.state == .assessing)
        try d.act(.consult, ActionInputs(reason: "r", proposal: .partialRefuse))
        try d.act(.partialRefusal, ActionInputs(grounds: ["40.21b"], reason: "bank records only"))
        #expect(d.state == .executing)
        try d.act(.complete, ActionInputs(note: "emails"))
        #expect(d.state == .executed)
    }

    @Test func preservationRefusalConsultationSwitch() throws {
        var d = try Desk(.incoming, .preservation)
        let e = d.refusal(.refuse, ActionInputs(grounds: ["40.21b"], reason: "r"))
        #expect(e?.article == "40.28" && e?.rule == .consultFirst
                && e?.officeRule == "office policy consult_before_preservation_refusal")
        d.ctx.policy.consultBeforePreservationRefusal = false
        try d.act(.refuse, ActionInputs(grounds: ["40.21b"], reason: "r"))
        #expect(d.state == .refused)
        #expect(d.events.last?.payload.reliedOn?.hasPrefix("42.6") == true)
        var c = try Desk(.incoming, .preservation)
        #expect(c.refusal(.consult, ActionInputs(reason: "r", proposal: .postpone))?.article == "42.6")
        try c.act(.consult, ActionInputs(reason: "r", proposal: .refuse))
        try c.act(.preserve, ActionInputs(conditions: "only for the case stated", custodian: "c"))
        #expect(c.file.useLimitations == ["only for the case stated"])
    }

    // MARK: Oral requests (40.13)

    @Test func oralRegistrationOnlyWhenUrgent() throws {
        let r = Registration(direction: .incoming, kind: .preservation, counterpart: "FRA", received: day0, oral: true)
        do { _ = try Engine.register(r, id: UUID(), ref: "x", context: context()); Issue.record("registered") }
        catch { #expect(error.article == "40.13" && error.kind == .refused) }
        var out = r; out.direction = .outgoing; out.urgency = .urgent
        do { _ = try Engine.register(out, id: UUID(), ref: "x", context: context()); Issue.record("registered") }
        catch { #expect(error.kind == .usage) }
        var ok = r; ok.urgency = .emergency
        var d = try Desk(ok)
        #expect(d.deadline(.writtenConfirmation)?.due == date("2026-01-08"))
        try d.act(.writtenConfirmationReceived)
        #expect(d.deadline(.writtenConfirmation)?.status == .met)
        #expect(d.refusal(.writtenConfirmationReceived)?.article == "40.13")
    }

    @Test func oralSendOnlyWhenUrgentAndAgreed() throws {
        var normal = try Desk(.outgoing, .mla)
        #expect(normal.refusal(.send, ActionInputs(oral: true, agreed: true))?.article == "40.13")
        #expect(normal.refusal(.confirmedInWriting)?.article == "40.13")
        var urgent = try Desk(.outgoing, .mla, urgency: .urgent)
        let e = urgent.refusal(.send, ActionInputs(oral: true))
        #expect(e?.article == "40.13" && e?.inputs == [.agreed])
        // --agreed alone records an agreement (to the channel); it no longer implies --oral.
        var agreedOnly = urgent
        try agreedOnly.act(.send, ActionInputs(agreed: true))
        #expect(!agreedOnly.file.sentOrally && agreedOnly.deadline(.writtenConfirmation) == nil)
        try urgent.act(.send, ActionInputs(oral: true, agreed: true))
        #expect(urgent.deadline(.writtenConfirmation)?.status.isPending == true)
        try urgent.act(.confirmedInWriting)
        #expect(urgent.deadline(.writtenConfirmation)?.status == .met)
        try normal.act(.send)
        #expect(normal.deadline(.writtenConfirmation) == nil)
    }

    @Test func interpolChannelOnlyWhenUrgent() throws {
        let d = try Desk(.outgoing, .mla)
        #expect(d.refusal(.send, ActionInputs(channel: .interpol))?.article == "40.12(d)")
    }

    // MARK: Checklists before send

    /// The other State's refusal is a fact to record as received, even on a ground our matrix
    /// would not allow us (§5.3, 5.4); only codes that are no ground at all stay refused.
    @Test func aCounterpartRefusalIsRecordedWithItsGroundsAsReceived() throws {
        var o = try Desk(.outgoing, .preservation, offenceClass: .conventionOffence)
        try o.act(.send)
        #expect(Engine.grounds(for: .refusedByCounterpart, on: o.file, context: o.ctx) == RefusalGround.all)
        try o.act(.refusedByCounterpart, ActionInputs(grounds: ["42.5-dual-criminality"], reason: "no dual criminality"))
        #expect(o.state == .refused)
        var m = try Desk(.outgoing, .mla, purposes: [.evidence], items: fullItems(.mla, purposes: [.evidence]))
        try m.act(.send)
        // A never-ground is recorded too (§3), and flagged: see CounterpartRefusalTests.
        try m.act(.refusedByCounterpart, ActionInputs(grounds: ["40.21b"], reason: "essential interests"))
        #expect(m.state == .refused)
        #expect(Engine.groundFlags(m.events.last!, file: m.file).isEmpty)
    }

    /// The requested State cannot answer what it never received: its answers to an outgoing MLA
    /// are open once the request is sent, as §5.3 says of a preservation.
    @Test func noCounterpartAnswerOnADraft() throws {
        let draft = try Desk(.outgoing, .mla)
        #expect(draft.state == .draft)
        for action: Action in [.conditionsProposed, .acceptConditions, .declineConditions,
                       .partiallyRefusedByCounterpart, .refusedByCounterpart] {
            #expect(!Engine.allowedActions(for: draft.file, context: draft.ctx).contains { $0.name == action })
            let spec = try #require(draft.file.table.action(action))
            #expect(!spec.from.contains(.draft) && spec.from.contains(.sent), "\(action)")
        }
        let refusal = draft.refusal(.refusedByCounterpart, ActionInputs(grounds: ["40.21b"], reason: "r"))
        #expect(refusal?.rule == .notInState(.draft))
        // Withdrawing a draft stays possible.
        #expect(Engine.allowedActions(for: draft.file, context: draft.ctx).contains { $0.name == .withdraw })
    }

    @Test func sendBlockedWhileRequiredItemsMissing() throws {
        var d = try Desk(.outgoing, .mla, items: [.requestingAuthority: "Prosecutor", .personsItems: "x"])
        let e = d.refusal(.send)
        #expect(e?.description == "send: required checklist items missing: proceeding (40.15(c)), facts (40.15(c)), assistance-sought (40.15(d)), purpose (40.15(g)) (art. 40.15)"
                    .replacingOccurrences(of: "proceeding (40.15(c))", with: "proceeding (40.15(b))"))
        #expect(!Engine.allowedActions(for: d.file, context: d.ctx).contains { $0.name == .send })
        try d.act(.edit, ActionInputs(items: [.proceeding: "p", .facts: "f", .assistanceSought: "a", .purpose: "g"]))
        try d.act(.send)
        #expect(d.state == .sent)

        let pres = try Desk(.outgoing, .preservation, items: [.custodianLocation: noneAvailable])
        let p = pres.refusal(.send)
        #expect(p?.article == "42.3", "\(String(describing: p))")
        if case .checklistMissing(let items)? = p?.rule {
            // custodian-location marked none-available is given; necessity (42.3(e)) is missing.
            #expect(items.contains(.necessity) && !items.contains(.custodianLocation), "\(items)")
        } else { Issue.record("expected the 42.3 items: \(String(describing: p))") }

        let realtime = try Desk(.outgoing, .mla, purposes: [.realtimeTraffic], items: fullItems(.mla))
        let r = realtime.refusal(.send)
        #expect(r?.article == "45.3" && r?.rule == .checklistMissing([.factsNature, .dataRelationship, .ownerLocation, .justification, .collectionPeriod]),
                "the 40.15 items are there, the 45.3 ones are not: \(String(describing: r))")

        var treaty = try Desk(.outgoing, .mla, basis: .treaty("MLAT"), items: [:])
        #expect(Engine.checklist(for: treaty.file).allSatisfy { !$0.required })
        try treaty.act(.send)   // the treaty's list replaces 40.15: advisory only
        #expect(treaty.state == .sent)

        // A treaty replaces paras. 8–31 of art. 40 (40.7), not arts. 42.3 or 45.3.
        let treatyPreservation = try Desk(.outgoing, .preservation, basis: .treaty("MLAT"), items: [:])
        #expect(treatyPreservation.refusal(.send)?.article == "42.3")
        let treatyRealtime = try Desk(.outgoing, .mla, basis: .treaty("MLAT"), purposes: [.realtimeTraffic], items: [:])
        let tr = treatyRealtime.refusal(.send)
        #expect(tr?.article == "45.3", "\(String(describing: tr))")
        if case .checklistMissing(let items)? = tr?.rule {
            #expect(!items.isEmpty && items.allSatisfy(Checklists.realtimeTraffic.map(\.item).contains), "\(items)")
        } else { Issue.record("expected the 45.3 items: \(String(describing: tr))") }
    }

    // MARK: Preservation periods (42.8, 42.9, 25.2)

    @Test func preservationDaysBetween60And90() throws {
        let d = try Desk(.incoming, .preservation)
        #expect(d.refusal(.preserve, ActionInputs(days: 59, custodian: "c"))?.article == "42.8")
        #expect(d.refusal(.preserve, ActionInputs(days: 91, custodian: "c"))?.article == "25.2")
        #expect(d.refusal(.preserve)?.description == "preserve: --custodian is required (art. 42.8)")
        var ok = d
        try ok.act(.preserve, ActionInputs(days: 90, custodian: "c"))
        #expect(ok.file.preservationExpiry == farToday.adding(days: 90))
    }

    @Test func extendOnlyBeforeExpiry() throws {
        var d = try Desk(.incoming, .preservation, ctx: context(today: date("2026-04-01")))
        try d.act(.preserve, ActionInputs(on: date("2026-01-10"), custodian: "ExampleHost"))
        #expect(d.file.preservationExpiry == date("2026-03-11"))
        let late = d.refusal(.extend, ActionInputs(on: date("2026-03-12")))
        #expect(late?.description == "extend: the preservation period ended on 2026-03-11; an extension must be requested before it ends (art. 42.9)")
        try d.act(.extend, ActionInputs(on: date("2026-03-11")))
        #expect(d.file.preservationExpiry == date("2026-05-10"))
        #expect(d.deadline(.preservationExpiry)?.due == date("2026-05-10"))
        #expect(d.refusal(.extend, ActionInputs(days: 91))?.article == "25.2")
    }

    @Test func eachExtensionRequestAppliesOnce() throws {
        var d = try Desk(.incoming, .preservation, ctx: context(today: date("2026-04-01")))
        try d.act(.preserve, ActionInputs(on: date("2026-01-10"), custodian: "ExampleHost"))
        try d.act(.extend, ActionInputs(on: date("2026-03-05")))
        // The same request recorded twice (two terminals, a script run again) is refused, not +120 days.
        let again = d.refusal(.extend, ActionInputs(on: date("2026-03-05")))
        #expect(again?.description == "extend: an extension requested on 2026-03-05 is already recorded; each extension request applies once, so another must be dated after it (office practice)")
        #expect(again?.article == nil)
        #expect(d.file.preservationExpiry == date("2026-05-10"))
        // A later request is a new one and applies.
        try d.act(.extend, ActionInputs(on: date("2026-03-20")))
        #expect(d.file.preservationExpiry == date("2026-07-09"))
    }

    @Test func releaseOnlyAfterExpiryOrDecidedFollowUp() throws {
        var d = try Desk(.incoming, .preservation, ctx: context(today: date("2026-06-01")))
        try d.act(.preserve, ActionInputs(on: date("2026-01-10"), custodian: "c"))
        let early = d.refusal(.release, ActionInputs(on: date("2026-03-11")))
        #expect(early?.article == "42.8" && early?.rule == .periodRuns(until: date("2026-03-11")))
        var afterExpiry = d
        try afterExpiry.act(.release, ActionInputs(on: date("2026-03-12")))
        #expect(afterExpiry.state == .released)

        #expect(d.refusal(.mlaReceived, ActionInputs(on: date("2026-02-01"), link: linkTo(.outgoing, .mla)))?.article == "42.8")
        let mlaID = UUID()
        d.ctx.linkedCases = [mlaID: try followUpMLA(id: mlaID)]
        try d.act(.mlaReceived, ActionInputs(on: date("2026-02-01"), link: linkTo(.incoming, .mla, id: mlaID)))
        #expect(d.state == .pendingMLA)
        #expect(d.deadline(.preservationExpiry)?.status == .suspended)
        let pending = d.refusal(.release)
        #expect(pending?.article == "42.8" && pending?.rule == .followUpUndecided(["IN-MLA-2026-0009"]))
        d.ctx.linkedCases = [mlaID: try decidedMLA(id: mlaID, outcome: "withdraw", on: date("2026-05-04"))]
        #expect(d.deadline(.releaseDue)?.due == date("2026-05-09"))
        #expect(d.deadline(.releaseDue)?.status == .overdue)
        try d.act(.release)
        #expect(d.state == .released)
        #expect(d.deadline(.releaseDue)?.status == .met)
        #expect(d.deadline(.preservationExpiry)?.status == .met)
    }

    @Test func outgoingPreservationPeriods() throws {
        var d = try Desk(.outgoing, .preservation, ctx: context(today: date("2026-06-01")))
        try d.act(.send, ActionInputs(on: date("2026-01-10")))
        #expect(d.refusal(.confirmPreserved, ActionInputs(days: 30))?.article == "42.8")
        try d.act(.confirmPreserved, ActionInputs(on: date("2026-01-12")))
        #expect(d.file.followUpDue == date("2026-03-13"))
        #expect(d.refusal(.lapse, ActionInputs(on: date("2026-03-13")))?.article == "42.8")
        #expect(d.refusal(.requestExtension, ActionInputs(on: date("2026-03-14")))?.article == "42.9")
        #expect(d.refusal(.extensionGranted)?.article == "42.9")
        #expect(d.refusal(.extensionGranted, ActionInputs(on: date("2026-01-12"), until: date("2026-03-01")))?.article == "42.9")
        try d.act(.requestExtension, ActionInputs(on: date("2026-03-13")))
        #expect(d.deadline(.extensionReply)?.due == date("2026-03-13"))
        try d.act(.extensionGranted, ActionInputs(on: date("2026-03-20"), until: date("2026-05-12")))
        #expect(d.deadline(.extensionReply)?.status == .met)
        #expect(d.deadline(.followUpMLADue)?.due == date("2026-05-12"))
        try d.act(.lapse, ActionInputs(on: date("2026-05-13")))
        #expect(d.state == .lapsed)
    }

    @Test func otherInputGuards() throws {
        var d = try Desk(.incoming, .mla, purposes: [.realtimeTraffic])
        try d.act(.assess)
        #expect(d.refusal(.execute, ActionInputs(authority: "police"))?.article == "45.3(f)")
        #expect(d.refusal(.edit)?.kind == .usage)
        #expect(d.refusal(.edit, ActionInputs(items: [.necessity: "x"]))?.kind == .usage)
        #expect(d.refusal(.edit, ActionInputs(items: [.facts: noneAvailable]))?.kind == .usage)
        try d.act(.edit, ActionInputs(items: [.ownerLocation: noneAvailable]))
        let o = try Desk(.outgoing, .mla)
        #expect(o.refusal(.acceptConditions)?.article == "40.28")
        #expect(o.refusal(.setDeadline, ActionInputs(until: farToday))?.article == "40.26")
        let p = try Desk(.incoming, .preservation)
        #expect(p.refusal(.discloseTraffic, ActionInputs(provider: "p", to: "Germany", note: "n"))?.kind == .usage)
    }

    // MARK: Void

    @Test func voidRules() throws {
        var d = try Desk(.incoming, .mla)
        try d.act(.assess)
        let assess = d.events.last!.id
        try d.act(.note, ActionInputs(note: "called them"))
        let note = d.events.last!.id
        try d.act(.requestInformation, ActionInputs(note: "dates"))
        #expect(d.refusal(.void, ActionInputs(reason: "r", event: d.events[0].id))?.rule == .notVoidable(nil))
        #expect(d.refusal(.void, ActionInputs(reason: "r", event: assess))?.rule == .notLastChange)
        #expect(d.refusal(.void, ActionInputs(reason: "r", event: UUID()))?.kind == .usage)
        #expect(d.refusal(.void, ActionInputs(event: note))?.article == nil)
        try d.act(.void, ActionInputs(reason: "wrong case", event: note))
        #expect(d.file.events.first { $0.id == note }?.voided == true)
        #expect(d.refusal(.void, ActionInputs(reason: "r", event: note))?.rule == .alreadyVoided)
        #expect(d.refusal(.void, ActionInputs(reason: "r", event: d.events.last!.id))?.rule == .notVoidable(.void))
        try d.act(.void, ActionInputs(reason: "not sent", event: d.events[3].id))
        #expect(d.state == .assessing)
        #expect(d.deadline(.informationDue) == nil)
        #expect(d.file.events.count == 6)
        // Now `assess` is the latest state-changing event and may be voided.
        try d.act(.void, ActionInputs(reason: "r", event: assess))
        #expect(d.state == .received)
        #expect(d.deadline(.acknowledgement)?.status != .met)
    }
}

struct MoreGuardTests {
    @Test func dataReleasedGuards() throws {
        var d = try Desk(.incoming, .preservation)
        try d.act(.preserve, ActionInputs(custodian: "c"))
        try d.act(.withdraw)
        try d.act(.dataReleased)
        #expect(d.refusal(.dataReleased)?.rule == .alreadyReleased)
        var r = try Desk(.incoming, .preservation)
        try r.act(.consult, ActionInputs(reason: "r", proposal: .refuse))
        try r.act(.refuse, ActionInputs(grounds: ["40.21b"], reason: "r"))
        try r.act(.close)
        let e = r.refusal(.dataReleased)
        #expect(e?.article == "42.8" && e?.rule == .notWithdrawn)
    }

    @Test func followUpLinksMustBeTheRightKind() throws {
        var d = try Desk(.outgoing, .preservation)
        try d.act(.send)
        let e = d.refusal(.sendMLA, ActionInputs(link: linkTo(.incoming, .mla)))
        #expect(e?.article == "42.8" && e?.rule == .followUpMustBe(.outgoing))
        let me = d.file
        #expect(d.refusal(.sendMLA, ActionInputs(link: LinkTarget(id: me.id, ref: me.ref, direction: .outgoing, kind: .mla)))?.kind == .usage)
        let mlaID = UUID()
        d.ctx.linkedCases = [mlaID: try followUpMLA(id: mlaID, direction: .outgoing)]
        try d.act(.sendMLA, ActionInputs(link: linkTo(.outgoing, .mla, id: mlaID, ref: "OUT-MLA-2026-0003")))
        #expect(d.file.links.map(\.ref) == ["OUT-MLA-2026-0003"])
    }

    @Test func optionsThatDoNotBelongAreUsageErrors() throws {
        var d = try Desk(.incoming, .mla)
        try d.act(.assess)
        try d.act(.consult, ActionInputs(reason: "r", proposal: .refuse))
        #expect(d.refusal(.refuse, ActionInputs(grounds: ["40.21b"], reason: "r", treatyArticle: "4"))?.kind == .usage)
        #expect(d.refusal(.postpone, ActionInputs(reason: "r", until: date("2026-01-01")))?.kind == .usage)
        #expect(d.refusal(.execute, ActionInputs(authority: "a", custodian: "c"))?.kind == .usage)
    }

    @Test func confirmationOnlyOnce() throws {
        var d = try Desk(.outgoing, .preservation, urgency: .emergency)
        try d.act(.send, ActionInputs(oral: true, agreed: true))
        try d.act(.confirmedInWriting)
        #expect(d.refusal(.confirmedInWriting)?.article == "40.13")
        #expect(!Engine.allowedActions(for: d.file, context: d.ctx).contains { $0.name == .confirmedInWriting })
    }

    @Test func nothingToVoidOnAFreshCase() throws {
        let d = try Desk(.incoming, .mla)
        #expect(!Engine.allowedActions(for: d.file, context: d.ctx).contains { $0.name == .void })
        #expect(Engine.precheck(.void, on: d.file, context: d.ctx)?.rule == .nothingToVoid)
    }

    @Test func allowedActionsFollowTheTableAndGuards() throws {
        var d = try Desk(.incoming, .preservation, ctx: context(today: date("2026-03-01"), role: .officer))
        try d.act(.preserve, ActionInputs(on: day0, custodian: "c"))
        var names = Set(Engine.allowedActions(for: d.file, context: d.ctx).map(\.name))
        #expect(names.isSuperset(of: [.extend, .mlaReceived, .notifyRisk, .discloseTraffic, .withdraw, .note, .consentRequested]))
        #expect(!names.contains(.release) && !names.contains(.void) && !names.contains(.preserve))
        d.ctx.today = date("2026-03-07")   // expiry 2026-03-06 has passed
        names = Set(Engine.allowedActions(for: d.file, context: d.ctx).map(\.name))
        #expect(names.contains(.release) && !names.contains(.extend))
    }
}

struct VoidableEventsTests {
    @Test func voidableEventsAreWhatVoidAccepts() throws {
        var d = try Desk(.incoming, .mla)
        #expect(Engine.voidableEvents(d.file).isEmpty)
        try d.act(.assess)
        let assess = d.events.last!.id
        try d.act(.note, ActionInputs(note: "called them"))
        let note = d.events.last!.id
        try d.act(.requestInformation, ActionInputs(note: "dates"))
        let request = d.events.last!.id
        // Not the registration, not `assess` (a later event changed the state).
        #expect(Engine.voidableEvents(d.file).map(\.id) == [note, request])
        try d.act(.void, ActionInputs(reason: "wrong case", event: note))
        // Neither the voided note nor the void itself.
        #expect(Engine.voidableEvents(d.file).map(\.id) == [request])
        try d.act(.void, ActionInputs(reason: "not sent", event: request))
        #expect(Engine.voidableEvents(d.file).map(\.id) == [assess])
        // Every offered event is accepted by void, every other refused.
        for event in d.file.events {
            let offered = Engine.voidableEvents(d.file).contains { $0.id == event.id }
            let accepted = (try? Engine.decide(.void, ActionInputs(reason: "r", event: event.id), on: d.file, context: d.ctx)) != nil
            #expect(offered == accepted)
        }
    }
}

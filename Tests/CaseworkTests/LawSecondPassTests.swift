import Foundation
import Testing
@testable import Casework

/// The rules of issue 9, one scenario each: the case is brought to where the rule bites, the
/// action is refused citing its rule, and the case is what it was (WORKFLOWS.md §1–§6).
struct FollowUpRequestTests {
    /// A preservation from FRA, preserved, with candidate follow-up requests in the context.
    func preserved(_ direction: Direction, linked: [UUID: CaseFile]) throws -> Desk {
        var d = try Desk(direction, .preservation, ctx: context(linked: linked))
        if direction == .incoming {
            try d.act(.preserve, ActionInputs(on: day0, custodian: "ExampleHost"))
        } else {
            try d.act(.send, ActionInputs(on: day0))
            try d.act(.confirmPreserved, ActionInputs(on: day0))
        }
        return d
    }

    func refusedAndUnchanged(_ d: Desk, _ action: Action, link id: UUID, ref: String,
                             direction: Direction, rule: CaseworkError.Rule,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        let before = d.file
        let e = d.refusal(action, ActionInputs(link: linkTo(direction, .mla, id: id, ref: ref)))
        #expect(e?.kind == .refused && e?.article == "42.8", sourceLocation: sourceLocation)
        #expect(e?.rule == rule, "\(String(describing: e))", sourceLocation: sourceLocation)
        #expect(d.file == before && d.state == .preserved, sourceLocation: sourceLocation)
        #expect(d.file.links.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func incomingFollowUpFromAnotherStateIsRefused() throws {
        let other = UUID()
        let d = try preserved(.incoming, linked: [other: try followUpMLA(id: other, counterpart: "DEU")])
        refusedAndUnchanged(d, .mlaReceived, link: other, ref: "IN-MLA-2026-0002", direction: .incoming,
                            rule: .followUpOtherState("DEU"))
        #expect(d.deadline(.preservationExpiry)?.status.isPending == true)
    }

    @Test func incomingFollowUpForServiceOnlyIsRefused() throws {
        let service = UUID()
        let d = try preserved(.incoming, linked: [service: try followUpMLA(id: service, purposes: [.service])])
        refusedAndUnchanged(d, .mlaReceived, link: service, ref: "IN-MLA-2026-0003", direction: .incoming,
                            rule: .followUpNotForTheData)
    }

    @Test func aFollowUpTheEngineCannotReadIsRefused() throws {
        let d = try preserved(.incoming, linked: [:])
        refusedAndUnchanged(d, .mlaReceived, link: UUID(), ref: "IN-MLA-2026-0004", direction: .incoming,
                            rule: .followUpUnreadable)
    }

    @Test(arguments: [Purpose.storedData, .searchSeizure, .information, .documents])
    func incomingFollowUpAskingForTheDataSuspendsTheExpiry(_ purpose: Purpose) throws {
        let id = UUID()
        var d = try preserved(.incoming, linked: [id: try followUpMLA(id: id, purposes: [.evidence, purpose])])
        try d.act(.mlaReceived, ActionInputs(link: linkTo(.incoming, .mla, id: id)))
        #expect(d.state == .pendingMLA)
        #expect(d.deadline(.preservationExpiry)?.status == .suspended)
    }

    @Test func outgoingFollowUpStillADraftIsRefused() throws {
        let draft = UUID()
        let d = try preserved(.outgoing, linked: [draft: try followUpMLA(id: draft, direction: .outgoing, sent: false)])
        refusedAndUnchanged(d, .sendMLA, link: draft, ref: "OUT-MLA-2026-0005", direction: .outgoing,
                            rule: .followUpNotSent)
        #expect(d.deadline(.followUpMLADue)?.status.isPending == true)
    }

    @Test func outgoingFollowUpToAnotherStateOrForServiceIsRefused() throws {
        let other = UUID(), service = UUID()
        let d = try preserved(.outgoing, linked: [
            other: try followUpMLA(id: other, counterpart: "USA", direction: .outgoing),
            service: try followUpMLA(id: service, purposes: [.service], direction: .outgoing),
        ])
        refusedAndUnchanged(d, .sendMLA, link: other, ref: "OUT-MLA-2026-0006", direction: .outgoing,
                            rule: .followUpOtherState("USA"))
        refusedAndUnchanged(d, .sendMLA, link: service, ref: "OUT-MLA-2026-0007", direction: .outgoing,
                            rule: .followUpNotForTheData)
    }

    @Test func outgoingFollowUpSentToTheSameStateMeetsTheSixtyDays() throws {
        let id = UUID()
        var d = try preserved(.outgoing, linked: [id: try followUpMLA(id: id, direction: .outgoing)])
        try d.act(.sendMLA, ActionInputs(link: linkTo(.outgoing, .mla, id: id)))
        #expect(d.state == .mlaSent)
        #expect(d.deadline(.followUpMLADue)?.status == .met)
    }
}

struct CounterpartStateTests {
    var ownState: Policy { var p = Policy(); p.stateCode = "FRA"; return p }

    @Test func aCaseWithTheOfficesOwnStateIsRefused() throws {
        let r = Registration(direction: .incoming, kind: .mla, counterpart: "FRA", received: day0)
        do {
            _ = try Engine.register(r, id: UUID(), ref: "IN-MLA-2026-0001", context: context(policy: ownState))
            Issue.record("registered with our own State")
        } catch {
            #expect(error.kind == .refused && error.article == "40.1")
            #expect(error.description == "case new: FRA is this office's own State: the counterpart is the other State of the request (art. 40.1)")
        }
        var other = r; other.counterpart = "DEU"
        _ = try Engine.register(other, id: UUID(), ref: "IN-MLA-2026-0001", context: context(policy: ownState))
    }

    @Test func anArt43DisclosureToOurOwnStateIsRefused() throws {
        var policy = ownState
        policy.stateCode = "ITA"
        var d = try Desk(.incoming, .preservation, ctx: context(policy: policy))
        try d.act(.preserve, ActionInputs(custodian: "ExampleHost"))
        let before = d.file
        let e = d.refusal(.discloseTraffic, ActionInputs(provider: "Host", to: "ITA", note: "IP path"))
        #expect(e?.kind == .refused && e?.article == "43.1" && e?.rule == .ownState("ITA"))
        #expect(d.file == before && d.file.disclosures.isEmpty)
    }
}

struct DisclosureRecordTests {
    @Test func anArt43DisclosureIsRecordedWithStateProviderAndWhat() throws {
        var d = try Desk(.incoming, .preservation)
        try d.act(.preserve, ActionInputs(on: day0, custodian: "ExampleHost"))
        try d.act(.discloseTraffic, ActionInputs(on: date("2026-01-07"), provider: "Transit Networks GmbH", to: "DEU",
                                                 note: "source IP and timestamps of the hop"))
        #expect(d.file.disclosures == [TrafficDisclosure(on: date("2026-01-07"), state: "DEU",
                                                         provider: "Transit Networks GmbH",
                                                         disclosed: "source IP and timestamps of the hop")])
        #expect(d.state == .preserved)
    }
}

struct OutgoingExtensionTests {
    func preserved() throws -> Desk {
        var d = try Desk(.outgoing, .preservation, ctx: context(today: date("2026-06-01")))
        try d.act(.send, ActionInputs(on: date("2026-01-10")))
        try d.act(.confirmPreserved, ActionInputs(on: date("2026-01-12")))
        return d
    }

    @Test func anExtensionAnswerNeedsAPendingRequest() throws {
        var d = try preserved()
        let before = d.file
        for action: Action in [.extensionGranted, .extensionRefused] {
            let e = d.refusal(action, ActionInputs(days: action == .extensionGranted ? 30 : nil))
            #expect(e?.kind == .refused && e?.article == "42.9" && e?.rule == .recordFirst(.requestExtension))
            #expect(!Engine.allowedActions(for: d.file, context: d.ctx).contains { $0.name == action })
        }
        #expect(d.file == before)
        try d.act(.requestExtension, ActionInputs(on: date("2026-03-01")))
        #expect(Engine.allowedActions(for: d.file, context: d.ctx).contains { $0.name == .extensionRefused })
    }

    @Test func aDeclinedExtensionLeavesThePreservationToItsCurrentEnd() throws {
        var d = try preserved()
        try d.act(.requestExtension, ActionInputs(on: date("2026-03-01")))
        try d.act(.extensionRefused, ActionInputs(on: date("2026-03-05"), reason: "domestic law allows no more"))
        #expect(d.state == .preserved)
        #expect(d.deadline(.extensionReply)?.status == .met)
        #expect(d.deadline(.followUpMLADue)?.due == date("2026-03-13"))
        #expect(d.deadline(.followUpMLADue)?.status.isPending == true)
        // Answered: a grant now needs a new request.
        #expect(d.refusal(.extensionGranted, ActionInputs(days: 30))?.article == "42.9")
    }
}

struct SmallerRuleTests {
    @Test func acceptingConditionsNeedsAProposal() throws {
        var d = try Desk(.outgoing, .mla)
        try d.act(.send)
        let before = d.file
        let e = d.refusal(.acceptConditions, ActionInputs(conditions: "use only in case X"))
        #expect(e?.kind == .refused && e?.article == "40.28" && e?.rule == .recordFirst(.conditionsProposed))
        #expect(d.file == before && d.file.useLimitations.isEmpty)
        try d.act(.conditionsProposed, ActionInputs(conditions: "use only in case X"))
        try d.act(.acceptConditions)
        #expect(d.file.useLimitations == ["use only in case X"])
    }

    @Test func aRiskNoticeIsPossibleWhilePendingTheMLA() throws {
        let id = UUID()
        var d = try Desk(.incoming, .preservation, ctx: context(linked: [id: try followUpMLA(id: id)]))
        try d.act(.preserve, ActionInputs(on: day0, custodian: "c"))
        try d.act(.mlaReceived, ActionInputs(on: day0, link: linkTo(.incoming, .mla, id: id)))
        try d.act(.notifyRisk, ActionInputs(reason: "the provider deletes logs after 30 days"))
        #expect(d.state == .pendingMLA)
        #expect(d.deadline(.consultationReply)?.status.isPending == true)
        #expect(d.deadline(.preservationExpiry)?.status == .suspended)
    }

    @Test func acknowledgementIsMetOnlyByOurOwnStep() throws {
        var d = try Desk(Registration(direction: .incoming, kind: .mla, counterpart: "FRA", received: day0,
                                  urgency: .urgent, oral: true))
        try d.act(.note, ActionInputs(note: "called"))
        try d.act(.assign, ActionInputs(officer: "j.okafor"))
        try d.act(.edit, ActionInputs(title: "new"))
        try d.act(.statusInquiry)
        try d.act(.writtenConfirmationReceived)
        #expect(d.deadline(.acknowledgement)?.status.isPending == true)
        try d.act(.assess)
        #expect(d.deadline(.acknowledgement)?.status == .met)

        var letter = try Desk(.incoming, .preservation)
        try letter.act(.letterProduced, ActionInputs(letter: .acknowledgement, language: "en"))
        #expect(letter.deadline(.acknowledgement)?.status == .met)
    }

    @Test func thePreservationTargetIsAlwaysInCalendarDays() throws {
        var policy = Policy()
        policy.officePeriodsInWorkingDays = true
        // Received on Friday 2026-01-09: two calendar days is Sunday, whatever the office counts.
        let d = try Desk(.incoming, .preservation, received: date("2026-01-09"), ctx: context(policy: policy))
        #expect(d.deadline(.preservationTarget)?.due == date("2026-01-11"))
        #expect(d.deadline(.acknowledgement)?.due == date("2026-01-16"))
        #expect(!DeadlineRule.countedInOfficePeriods.contains(.preservationTarget))
    }

    @Test func interceptionKeepsItsEndDate() throws {
        var d = try Desk(.incoming, .mla, purposes: [.interception])
        try d.act(.assess)
        let before = d.file
        let e = d.refusal(.execute, ActionInputs(authority: "investigating judge"))
        #expect(e?.kind == .usage && e?.article == "24.2" && e?.inputs == [.until])
        #expect(d.file == before)
        try d.act(.execute, ActionInputs(until: date("2026-10-01"), authority: "investigating judge"))
        #expect(d.events.last?.payload.until == date("2026-10-01"))
        #expect(d.deadline(.collectionEnd)?.due == date("2026-10-01"))
    }

    @Test func interpolForAnMLAOnlyWhenUrgentAndAgreed() throws {
        let normal = try Desk(.outgoing, .mla)
        #expect(normal.refusal(.send, ActionInputs(agreed: true, channel: .interpol))?.article == "40.12(d)")
        var urgent = try Desk(.outgoing, .mla, urgency: .urgent)
        let before = urgent.file
        let e = urgent.refusal(.send, ActionInputs(channel: .interpol))
        #expect(e?.article == "40.12(d)" && e?.inputs == [.agreed])
        #expect(urgent.file == before)
        // The agreement is to the channel: no oral request needed.
        try urgent.act(.send, ActionInputs(agreed: true, channel: .interpol))
        #expect(urgent.state == .sent && urgent.file.channel == .interpol && !urgent.file.sentOrally)
        #expect(urgent.deadline(.writtenConfirmation) == nil)
        // A preservation may use INTERPOL's 24/7 networks (41.6).
        var preservation = try Desk(.outgoing, .preservation)
        try preservation.act(.send, ActionInputs(channel: .interpol))
    }
}

struct CounterpartRefusalTests {
    @Test func aNeverGroundIsRecordedAndFlagged() throws {
        var m = try Desk(.outgoing, .mla)
        try m.act(.send)
        try m.act(.refusedByCounterpart, ActionInputs(grounds: ["40.24-bank-secrecy"], reason: "bank secrecy"))
        #expect(m.state == .refused)
        #expect(m.events.last?.payload.grounds == ["40.24-bank-secrecy"])
        #expect(Engine.groundFlags(m.events.last!, file: m.file)
                    == ["ground 40.24-bank-secrecy: not a ground for refusal, art. 40.24 — may be raised with the requested State"])
    }

    @Test func fiscalIsFlaggedOnlyAsTheSoleGround() throws {
        var sole = try Desk(.outgoing, .mla)
        try sole.act(.send)
        try sole.act(.partiallyRefusedByCounterpart, ActionInputs(grounds: ["40.23-fiscal"], reason: "tax"))
        #expect(Engine.groundFlags(sole.events.last!, file: sole.file).first?.contains("sole ground, art. 40.23") == true)
        try sole.act(.partiallyRefusedByCounterpart, ActionInputs(grounds: ["40.23-fiscal", "40.21b"], reason: "tax and security"))
        #expect(Engine.groundFlags(sole.events.last!, file: sole.file).isEmpty)
    }

    @Test func aPreservationRefusedOutside42_6IsRecordedAndFlagged() throws {
        var p = try Desk(.outgoing, .preservation, offenceClass: .conventionOffence)
        try p.act(.send)
        try p.act(.refusedByCounterpart, ActionInputs(grounds: ["40.8-dual-criminality", "42.5-dual-criminality", "40.21b"], reason: "r"))
        #expect(p.state == .refused)
        let flags = Engine.groundFlags(p.events.last!, file: p.file)
        #expect(flags.count == 2)
        #expect(flags[0] == "ground 40.8-dual-criminality: not a ground for refusing preservation, art. 42.6 — may be raised with the requested State")
        #expect(flags[1].contains("does not apply to an offence established under the Convention, art. 42.5"))
    }

    @Test func underATreatyTheFlagSaysToCheckTheTreaty() throws {
        var m = try Desk(.outgoing, .mla, basis: .treaty("FRA-MLAT"), items: [:])
        try m.act(.send)
        try m.act(.refusedByCounterpart, ActionInputs(grounds: ["40.24-bank-secrecy"], reason: "r"))
        #expect(Engine.groundFlags(m.events.last!, file: m.file)
                    == ["ground 40.24-bank-secrecy is not a ground under the Convention; the request rests on treaty:FRA-MLAT: check the treaty (art. 40.7)"])
    }
}

struct RefusalMessageTests {
    @Test func everyRefusalNamesItsRule() throws {
        var d = try Desk(.incoming, .preservation)
        try d.act(.preserve, ActionInputs(custodian: "c"))
        // reopen and void are office practice.
        #expect(d.refusal(.reopen, ActionInputs(reason: "r"))?.description.hasSuffix("(office practice)") == true)
        let void = d.refusal(.void, ActionInputs(event: d.events.last!.id))
        #expect(void?.kind == .usage && void?.description == "void: --reason is required (office practice)")
        // A treaty-basis postpone names the office's rule, not 40.28.
        var t = try Desk(.incoming, .mla, basis: .treaty("MLAT"))
        try t.act(.assess)
        let postpone = t.refusal(.postpone, ActionInputs(reason: "r", until: farToday))
        #expect(postpone?.article == nil && postpone?.description.contains("under a treaty art. 40.28 is displaced, art. 40.7") == true)
        let refuse = t.refusal(.refuse, ActionInputs(grounds: ["treaty"], reason: "r", treatyArticle: "4"))
        #expect(refuse?.description.hasSuffix("(office policy consult_before_all_refusals)") == true)
        // A period that ends before it starts names the action's article.
        let until = t.refusal(.requestInformation, ActionInputs(on: farToday, until: day0, note: "n"))
        #expect(until?.kind == .usage && until?.description.hasSuffix("(art. 40.16)") == true)
    }

    @Test func noArticleIsCitedTwice() throws {
        var d = try Desk(.incoming, .preservation)
        try d.act(.consult, ActionInputs(reason: "r", proposal: .refuse))
        let e = d.refusal(.refuse, ActionInputs(grounds: ["treaty"], reason: "r"))
        #expect(e?.description == "refuse: ground treaty is not a ground for refusing a preservation request (art. 42.6)")
    }

    @Test func voidingWhenEverythingIsVoidedSaysSo() throws {
        var d = try Desk(.incoming, .mla)
        try d.act(.note, ActionInputs(note: "x"))
        let note = d.events.last!.id
        try d.act(.void, ActionInputs(reason: "wrong case", event: note))
        let e = d.refusal(.void, ActionInputs(reason: "again", event: note))
        #expect(e?.message == "nothing left to void: every event after the registration is voided already")
    }

    @Test func aMissingRequiredInputIsAUsageErrorCitingTheLaw() throws {
        var d = try Desk(.incoming, .mla)
        try d.act(.assess)
        try d.act(.consult, ActionInputs(reason: "r", proposal: .postpone))
        let postpone = d.refusal(.postpone, ActionInputs(reason: "ongoing investigation"))
        #expect(postpone?.kind == .usage && postpone?.description == "postpone: --until is required (art. 40.27)")
        let reasons = d.refusal(.refuse, ActionInputs(grounds: ["40.21b"]))
        #expect(reasons?.kind == .usage && reasons?.article == "40.25")
        #expect(d.refusal(.refuse, ActionInputs(reason: "r"))?.kind == .usage)
    }

    @Test func aViewerIsRefusedForTheRole() throws {
        do {
            _ = try Engine.register(Registration(direction: .incoming, kind: .mla, counterpart: "FRA", received: day0),
                                    id: UUID(), ref: "r", context: context(role: .viewer))
            Issue.record("a viewer registered a case")
        } catch {
            #expect(error.kind == .forbiddenRole && error.description.hasSuffix("(office practice)"))
        }
    }
}

import Foundation
import Testing
@testable import Casework

struct PolicyTests {
    @Test func defaultsAndKeys() {
        let p = Policy()
        #expect(p.preservationDays == 60 && p.extensionDays == 60 && p.preserveWithinDays == 2)
        #expect(p.acknowledgeDays == 5 && p.executionTargetDays == 90 && p.expeditedTargetDays == 10)
        #expect(p.informationDays == 30 && p.statusReplyDays == 10 && p.consultationDays == 15)
        #expect(p.writtenConfirmationDays == 3 && p.warningThresholds == [14, 7, 3])
        #expect(p.consultBeforeAllRefusals && p.consultBeforePreservationRefusal && !p.officePeriodsInWorkingDays)
        for key in Policy.keys { #expect(!p.value(of: key.name).isEmpty || ["state_code", "reservations"].contains(key.name)) }
        #expect(Set(Policy.keys.map(\.name)).count == Policy.keys.count)
        #expect(p.value(of: "preservation_days") == "60")
        #expect(p.value(of: "warning_thresholds") == "14,7,3")
    }

    @Test func setValidatesWithArticles() throws {
        var p = Policy()
        do { try p.set("preservation_days", "59"); Issue.record("accepted 59") }
        catch { #expect(error.article == "42.8" && error.kind == .refused) }
        do { try p.set("preservation_days", "91"); Issue.record("accepted 91") }
        catch { #expect(error.article == "25.2") }
        do { try p.set("preservation_days", "sixty"); Issue.record("accepted") } catch { #expect(error.kind == .usage) }
        do { try p.set("no_such_key", "1"); Issue.record("accepted") } catch { #expect(error.kind == .usage) }
        do { try p.set("time_zone", "Mars/Olympus"); Issue.record("accepted") } catch { #expect(error.kind == .usage) }
        do { try p.set("reservations", "40.21"); Issue.record("accepted") } catch { #expect(error.kind == .usage) }
        do { try p.set("consult_before_all_refusals", "maybe"); Issue.record("accepted") } catch { #expect(error.kind == .usage) }
        try p.set("preservation_days", "90")
        try p.set("time_zone", "Europe/Paris")
        try p.set("reservations", "42.5")
        try p.set("warning_thresholds", "3, 30,7")
        try p.set("office_periods_in_working_days", "yes")
        try p.set("consult_before_all_refusals", "false")
        try p.set("state_code", "FRA")
        #expect(p.preservationDays == 90 && p.timeZone == "Europe/Paris" && p.reservations == ["42.5"])
        #expect(p.warningThresholds == [30, 7, 3] && p.dueSoonWithin == 30)
        #expect(p.officePeriodsInWorkingDays && !p.consultBeforeAllRefusals && p.stateCode == "FRA")
        #expect(p.value(of: "reservations") == "42.5")
    }

    @Test func policyDaysBecomeThePreservationDefault() throws {
        var p = Policy()
        try p.set("preservation_days", "75")
        var d = try Desk(.incoming, .preservation, ctx: context(today: day0, policy: p))
        try d.act(.preserve, ActionInputs(custodian: "c"))
        #expect(d.events.last?.payload.days == 75)
        #expect(d.file.preservationExpiry == day0.adding(days: 75))
    }

    @Test func setRefusesControlCharacters() throws {
        var p = Policy()
        for bad in ["Office\u{1B}[2J", "Office\nsecond line", "Tab\there", "Del\u{7F}", "C1\u{9B}31m", "Nul\u{0}"] {
            do { try p.set("office_name", bad); Issue.record("accepted \(bad.debugDescription)") }
            catch { #expect(error.kind == .usage && error.message.hasPrefix("office_name may not contain control characters")) }
        }
        #expect(throws: CaseworkError(.usage, "policy set", "office_name may not contain control characters (found U+001B)")) {
            try p.set("office_name", "A\u{1B}B")
        }
        #expect(p.officeName == Policy().officeName)
        try p.set("office_name", "Ministère de la Justice — Entraide")
        #expect(p.officeName == "Ministère de la Justice — Entraide")
    }

    @Test func extensionDaysHaveTheBoundsOfExtend() throws {
        var p = Policy()
        for bad in ["0", "91", "366"] {
            do { try p.set("extension_days", bad); Issue.record("accepted \(bad)") }
            catch { #expect(error.article == "25.2" && error.kind == .refused) }
        }
        #expect(throws: CaseworkError(.refused, "policy set", "an extension renews the order for 1 to 90 days (extension_days 91)", article: "25.2")) {
            try p.set("extension_days", "91")
        }
        try p.set("extension_days", "90")
        #expect(p.extensionDays == 90)
        // The same bounds whether the number comes from the policy or from --days.
        for period in PreservationPeriod.allCases {
            #expect(period.allowedDays == (period == .preservation ? 60...90 : 1...90))
        }
    }

    @Test func anOutOfBoundsPolicyDefaultIsNotRecorded() throws {
        // A policy stored before the bounds were enforced (decoded, not set).
        var p = Policy()
        p.extensionDays = 120
        var d = try Desk(.incoming, .preservation, ctx: context(today: day0, policy: p))
        try d.act(.preserve, ActionInputs(custodian: "c"))
        #expect(d.refusal(.extend)?.description == "extend: an extension renews the order for 1 to 90 days (policy extension_days 120) (art. 25.2)")
        try d.act(.extend, ActionInputs(days: 30))
        #expect(d.events.last?.payload.days == 30)
        #expect(Engine.defaultDays(for: .extend, policy: p) == 120)
        #expect(Engine.defaultDays(for: .confirmPreserved, policy: p) == 60)
        #expect(Engine.defaultDays(for: .note, policy: p) == nil)
    }

    @Test func decodesOlderPolicyWithMissingKeys() throws {
        let json = #"{"officeName":"CA","preservationDays":70}"#
        let p = try JSONDecoder().decode(Policy.self, from: Data(json.utf8))
        #expect(p.officeName == "CA" && p.preservationDays == 70 && p.extensionDays == 60)
        let again = try JSONDecoder().decode(Policy.self, from: JSONEncoder().encode(p))
        #expect(again == p)
    }
}

struct RegistrationTests {
    func register(_ r: Registration, today: CivilDate = farToday) throws(CaseworkError) -> CaseEvent {
        try Engine.register(r, id: UUID(), ref: "IN-MLA-2026-0001", context: context(today: today, role: .officer))
    }

    /// Issue 8, item 4: a registration rule names the field, and each front end spells it.
    @Test func registrationRulesNameTheirFieldsNotOptions() {
        var r = Registration(direction: .incoming, kind: .mla, counterpart: "FRA", received: day0, purposes: [.storedData])
        r.requestedDeadline = day0.adding(days: 30)
        var refusal: CaseworkError?
        do { _ = try register(r) } catch { refusal = error }
        #expect(refusal?.kind == .usage && refusal?.article == "40.26" && refusal?.fields == [.deadlineReason])
        #expect(refusal?.message == "a requested deadline needs its reasons (--deadline-reason)")
        #expect(refusal?.phrased({ $0.rawValue }, field: { "<\($0.rawValue)>" }) == "case new: a requested deadline needs its reasons (<deadline-reason>) (art. 40.26)")

        r.requestedDeadline = nil
        r.requestedDeadlineReason = "trial"
        do { _ = try register(r); refusal = nil } catch { refusal = error }
        #expect(refusal?.fields == [.deadlineReason, .deadline])

        var oral = Registration(direction: .incoming, kind: .mla, counterpart: "FRA", received: day0, purposes: [.storedData])
        oral.oral = true
        do { _ = try register(oral); refusal = nil } catch { refusal = error }
        #expect(refusal?.kind == .refused && refusal?.article == "40.13" && refusal?.fields == [.urgency])
    }

    @Test func registeredEventFoldsIntoTheCase() throws {
        let r = Registration(direction: .incoming, kind: .mla, counterpart: "FRA", received: day0, title: "Hosting",
                             offenceClass: .conventionOffence, purposes: [.storedData], urgency: .urgent,
                             confidential: true, channel: .network247, basis: .treaty("FR-MLAT"),
                             items: [.facts: "intrusion"])
        let e = try register(r)
        #expect(e.type == .registered && e.effective == day0 && e.actor == "a.moreau")
        let file = Engine.fold([e])
        #expect(file.ref == "IN-MLA-2026-0001" && file.state == .received && file.counterpart == "FRA")
        #expect(file.officer == "a.moreau" && file.basis == .treaty("FR-MLAT") && file.confidential)
        #expect(file.purposes == [.storedData] && file.items[.facts] == "intrusion")
        #expect(Engine.fold([try register(Registration(direction: .outgoing, kind: .preservation, counterpart: "USA", received: day0))]).state == .draft)
    }

    @Test func registrationInputsAreChecked() {
        func error(_ r: Registration, today: CivilDate = farToday) -> CaseworkError? {
            do { _ = try register(r, today: today); return nil } catch { return error }
        }
        let base = Registration(direction: .incoming, kind: .mla, counterpart: "FRA", received: day0)
        var r = base; r.counterpart = "France"
        #expect(error(r)?.kind == .usage)
        r = base; r.kind = .preservation; r.purposes = [.evidence]
        #expect(error(r)?.kind == .usage)
        r = base; r.items = [.necessity: "x"]
        #expect(error(r)?.kind == .usage)
        r = base; r.requestedDeadline = farToday
        #expect(error(r)?.article == "40.26")
        #expect(error(base, today: date("2026-01-04"))?.kind == .refused)
        r = base; r.basis = .treaty(" ")
        #expect(error(r)?.kind == .usage)
        #expect(error(base) == nil)
    }

    @Test func vocabularyParsing() throws {
        #expect(try Purpose.parse("realtime-traffic", what: "purpose") == .realtimeTraffic)
        #expect(throws: CaseworkError.self) { try Purpose.parse("spying", what: "purpose") }
        #expect(LegalBasis("treaty:FR-MLAT") == .treaty("FR-MLAT"))
        #expect(LegalBasis("treaty:") == nil)
        #expect(try RefusalGround.parse("40.21(b)").code == "40.21b")
        #expect(RefusalGround.allowed(for: .preservation, basis: .convention, offenceClass: .conventionOffence,
                                      policy: Policy()).map(\.code) == ["40.21b", "40.21c", "40.22"])
        #expect(RefusalGround.allowed(for: .mla, basis: .treaty("T"), offenceClass: .conventionOffence,
                                      policy: Policy()).map(\.code) == ["treaty"])
        #expect(RefusalGround.allowed(for: .trafficDisclosure, basis: .convention, offenceClass: .seriousCrime,
                                      policy: Policy()).map(\.display) == ["40.21(b)", "40.21(c)", "40.22"])
    }
}

struct ChecklistTests {
    @Test func itemsAndArticles() throws {
        let mla = Engine.checklist(for: try Desk(.incoming, .mla, items: [:]).file)
        #expect(mla.map(\.item.rawValue) == ["requesting-authority", "proceeding", "facts", "assistance-sought",
                                              "persons-items", "period", "purpose"])
        #expect(mla.filter { !$0.required }.map(\.article) == ["40.15(e)", "40.15(f)"])
        let pres = Engine.checklist(for: try Desk(.incoming, .preservation, items: [.custodianLocation: noneAvailable]).file)
        #expect(pres.map(\.article) == ["42.3(a)", "42.3(b)", "42.3(c)", "42.3(d)", "42.3(e)", "42.3(f)", "42.3(g)"])
        let d = try #require(pres.first { $0.item == .custodianLocation })
        #expect(d.anyAvailable && d.present && d.required)
        #expect(pres.first { $0.item == .confidentiality }?.required == false)
        let rt = Engine.checklist(for: try Desk(.outgoing, .mla, purposes: [.realtimeTraffic], items: [:]).file)
        #expect(rt.filter { $0.article.hasPrefix("45.3") }.map(\.item.rawValue) ==
                ["requesting-authority", "facts-nature", "data-relationship", "owner-location", "justification", "collection-period"])
    }

    @Test func factsNotRequiredForServiceOnly() throws {
        let service = Engine.checklist(for: try Desk(.outgoing, .mla, purposes: [.service], items: [:]).file)
        #expect(service.first { $0.item == .facts }?.required == false)
        let mixed = Engine.checklist(for: try Desk(.outgoing, .mla, purposes: [.service, .evidence], items: [:]).file)
        #expect(mixed.first { $0.item == .facts }?.required == true)
        var d = try Desk(.outgoing, .mla, purposes: [.service],
                         items: [.requestingAuthority: "a", .proceeding: "p", .assistanceSought: "serve", .purpose: "trial"])
        try d.act(.send)
        #expect(d.state == .sent)
    }
}

struct PayloadEncodingTests {
    @Test func canonicalJSONHasNoFloatsAndRoundTrips() throws {
        var d = try Desk(.incoming, .preservation, basis: .treaty("X"), items: [.custodianLocation: noneAvailable])
        try d.act(.preserve, ActionInputs(days: 61, custodian: "ExampleHost"))
        try d.followUp()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for event in d.events {
            let data = try encoder.encode(event.payload)
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.range(of: #"[0-9]\.[0-9]"#, options: .regularExpression) == nil, "no floats: \(text)")
            #expect(try JSONDecoder().decode(EventPayload.self, from: data) == event.payload)
            #expect(try encoder.encode(JSONDecoder().decode(EventPayload.self, from: data)) == data)
        }
        let registered = String(decoding: try encoder.encode(d.events[0].payload), as: UTF8.self)
        #expect(registered.contains(#""basis":"treaty:X""#))
        #expect(registered.contains(#""items":{"custodian-location":"none-available"}"#))
        #expect(registered.contains(#""received":"2026-01-05""#))
        let preserve = String(decoding: try encoder.encode(d.events[1].payload), as: UTF8.self)
        #expect(preserve == #"{"custodian":"ExampleHost","days":61,"fromState":"received","toState":"preserved"}"#)
    }
}

struct PolicyRoleTests {
    @Test func onlySupervisorsChangePolicy() throws {
        #expect(throws: CaseworkError.self) { try Policy.checkMayChange(role: .officer, actor: "j") }
        #expect(throws: CaseworkError.self) { try Policy.checkMayChange(role: .viewer, actor: "v") }
        try Policy.checkMayChange(role: .supervisor, actor: "s")
    }

    @Test func onlySupervisorsEditTheDirectory() throws {
        #expect(throws: CaseworkError(.forbiddenRole, "directory set", "only a supervisor may change the directory (v is viewer)")) {
            try OfficeRules.checkMayEditDirectory(role: .viewer, actor: "v")
        }
        #expect(throws: CaseworkError(.forbiddenRole, "directory set", "only a supervisor may change the directory (j is officer)")) {
            try OfficeRules.checkMayEditDirectory(role: .officer, actor: "j")
        }
        try OfficeRules.checkMayEditDirectory(role: .supervisor, actor: "s")
    }

    /// One table says who may do what to the office's records; the command line and the desk
    /// both ask it, and a refusal is a role refusal naming the operation.
    @Test func officeOperationsNeedTheirRole() throws {
        let officersToo: Set<OfficeOperation> = [.exportBundle, .importBundle]
        for operation in OfficeOperation.allCases {
            let least: Role = officersToo.contains(operation) ? .officer : .supervisor
            #expect(operation.requiredRole == least, "\(operation)")
            for role in [Role.viewer, .officer, .supervisor] {
                let refusal: CaseworkError?
                do { try OfficeRules.check(operation, role: role, actor: "x"); refusal = nil } catch { refusal = error }
                #expect((refusal == nil) == role.satisfies(least), "\(operation) \(role)")
                #expect(refusal.map { $0.kind == .forbiddenRole && $0.action == operation.rawValue } ?? true)
            }
        }
        #expect(throws: CaseworkError(.forbiddenRole, "restore", "only a supervisor may do this (j is an officer)")) {
            try OfficeRules.check(.restoreBackup, role: .officer, actor: "j")
        }
        #expect(throws: CaseworkError(.forbiddenRole, "export", "a viewer does not send cases (v is viewer)")) {
            try OfficeRules.check(.exportBundle, role: .viewer, actor: "v")
        }
    }

    @Test func groundsOfferedForAnAction() throws {
        var d = try Desk(.incoming, .preservation)
        #expect(Engine.grounds(for: .refuse, on: d.file, context: d.ctx).map(\.code) == ["40.21b", "40.21c", "40.22"])
        d.ctx.policy.reservations = ["42.5"]
        try d.act(.edit, ActionInputs(offenceClass: .seriousCrime))
        #expect(Engine.grounds(for: .refuse, on: d.file, context: d.ctx).map(\.code).last == "42.5-dual-criminality")
        #expect(Engine.grounds(for: .refuseDisclosure, on: d.file, context: d.ctx).count == 3)
        #expect(Engine.grounds(for: .note, on: d.file, context: d.ctx).isEmpty)
    }
}

/// `movesDeadlines` lets the store skip recomputing every case when a policy change cannot move a
/// deadline. Its one unsafe mistake would be to say "no" for a change that does move one.
struct PolicyChangeTests {
    /// Cases whose deadlines between them use every period: received, oral, urgent, preserved and
    /// extended, awaiting information, in consultation, under a status inquiry.
    static func samples(_ policy: Policy, holidays: Set<CivilDate> = []) throws -> [[String]] {
        let ctx = context(policy: policy, holidays: holidays)
        var oral = try Desk(.incoming, .mla, urgency: .urgent, oral: true, ctx: ctx)
        try oral.act(.assess, ActionInputs(on: day0))
        try oral.act(.requestInformation, ActionInputs(on: day0, note: "account ids"))
        var preserved = try Desk(.incoming, .preservation, ctx: ctx)
        try preserved.act(.preserve, ActionInputs(on: day0, custodian: "MailCo"))
        try preserved.act(.extend, ActionInputs(on: date("2026-02-20")))
        var consulted = try Desk(.incoming, .mla, ctx: ctx)
        try consulted.act(.assess, ActionInputs(on: day0))
        try consulted.act(.consult, ActionInputs(on: day0, reason: "r", proposal: .refuse))
        var executing = try Desk(.incoming, .mla, ctx: ctx)
        try executing.act(.assess, ActionInputs(on: day0))
        try executing.act(.execute, ActionInputs(on: day0, authority: "police"))
        try executing.act(.statusInquiry, ActionInputs(on: date("2026-01-09")))
        return [oral, preserved, consulted, executing].map { desk in
            desk.deadlines.map { "\($0.kind.rawValue) \($0.due) \($0.status.isPending ? "pending" : $0.status.rawValue)" }.sorted()
        }
    }

    static let otherValues: [String: String] = [
        "office_name": "Another office", "state_code": "DEU", "time_zone": "America/New_York",
        "preservation_days": "90", "extension_days": "30", "preserve_within_days": "1",
        "acknowledge_days": "9", "execution_target_days": "60", "expedited_target_days": "4",
        "information_days": "20", "status_reply_days": "3", "consultation_days": "7",
        "written_confirmation_days": "8", "office_periods_in_working_days": "true",
        "warning_thresholds": "30,2", "consult_before_all_refusals": "false",
        "consult_before_preservation_refusal": "false", "reservations": "42.5", "retention_years": "25",
        "officer_identity": "account",
        "backup_keep": "3",
    ]

    @Test(arguments: Policy.keys.map(\.name))
    func aChangeSaidNotToMoveDeadlinesMovesNone(_ key: String) throws {
        let value = try #require(Self.otherValues[key], "give \(key) another value in this test")
        var changed = Policy()
        try changed.set(key, value)
        #expect(changed != Policy())
        let before = try Self.samples(Policy()), after = try Self.samples(changed)
        if !changed.movesDeadlines(comparedTo: Policy()) {
            #expect(before == after)
        } else {
            // Every key the store recomputes for does move a deadline of the samples.
            #expect(before != after)
        }
    }

    @Test func theKindsAChangeCanMove() throws {
        func kinds(_ key: String, _ value: String) throws -> Set<DeadlineKind>? {
            var p = Policy()
            try p.set(key, value)
            return p.deadlineKindsMoved(from: Policy())
        }
        #expect(try kinds("office_name", "Other") == [])
        #expect(try kinds("warning_thresholds", "30") == [])
        // Recorded on the event when decided: a later change moves nothing already there.
        #expect(try kinds("preservation_days", "90") == [])
        #expect(try kinds("extension_days", "30") == [])
        #expect(try kinds("consultation_days", "7") == [.consultationReply])
        #expect(try kinds("acknowledge_days", "9") == [.acknowledgement, .releaseDue])
        #expect(try kinds("status_reply_days", "3") == [.statusReply, .extensionReply])
        #expect(try kinds("expedited_target_days", "4") == [.executionTarget])
        let office = try #require(try kinds("office_periods_in_working_days", "true"))
        #expect(office.contains(.acknowledgement) && office.contains(.extensionReply))
        #expect(!office.contains(.preservationExpiry) && !office.contains(.followUpMLADue) && !office.contains(.requestedDeadline))
    }

    @Test func holidaysMoveDeadlinesOnlyInWorkingDays() throws {
        let holidays: Set<CivilDate> = [date("2026-01-06"), date("2026-01-07"), date("2026-01-08")]
        #expect(try Self.samples(Policy(), holidays: holidays) == Self.samples(Policy()))
        var working = Policy()
        working.officePeriodsInWorkingDays = true
        #expect(try Self.samples(working, holidays: holidays) != Self.samples(working))
    }
}

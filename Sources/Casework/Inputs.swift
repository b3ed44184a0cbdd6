import Foundation

extension Engine {
    /// The refusal actions: their grounds are judged against the kind of refusal (§3) and their
    /// written reasons are required (40.25).
    public static let refusalActions: Set<Action> = [.refuse, .partialRefusal, .refuseDisclosure,
                                                     .refusedByCounterpart, .partiallyRefusedByCounterpart]
    /// Where the duty to give reasons for a refusal comes from: 40.25, or under a treaty (which
    /// replaces paras. 8–31 of art. 40 for an MLA request, 40.7) office policy.
    public static func reasonsRule(_ action: Action, file: CaseFile) -> (article: String, note: String) {
        file.basis.isTreaty && refusalUse(action, file: file) == .mla
            ? ("40.7", "office policy under a treaty, art. 40.7") : ("40.25", "art. 40.25")
    }

    /// Refusals the other State made, which we record as received.
    public static let counterpartRefusals: Set<Action> = [.refusedByCounterpart, .partiallyRefusedByCounterpart]

    /// What the requesting State does, recorded on an incoming case: not a step of ours, so it
    /// does not acknowledge the request.
    public static let counterpartActs: Set<Action> = [.statusInquiry, .writtenConfirmationReceived,
                                                      .informationReceived, .withdraw]

    /// `--on`, or today: not after today, nor before the case's latest effective date.
    static func effectiveDate(_ spec: ActionSpec, _ inputs: ActionInputs, file: CaseFile,
                              context: CaseContext) throws(CaseworkError) -> CivilDate {
        var on = inputs.on ?? context.today
        // "The date the counterpart preserved (or the sent date if unknown)" (§5.3).
        if inputs.on == nil, spec.name == .confirmPreserved,
           let sent = file.applied.last(where: { $0.action == .send })?.event.effective {
            on = max(sent, file.latestEffective)
        }
        if on > context.today {
            throw .refused(spec.name, "the effective date \(on) is after today \(context.today)")
        }
        if on < file.latestEffective {
            throw .refused(spec.name, "the effective date \(on) is before the case's latest recorded date \(file.latestEffective)",
                           rule: .beforeLatest(file.latestEffective))
        }
        return on
    }

    static func isGiven(_ input: ActionInput, _ i: ActionInputs) -> Bool {
        switch input {
        case .on: return i.on != nil
        case .ground: return !i.grounds.isEmpty
        case .reason: return !blank(i.reason)
        case .proposal: return i.proposal != nil
        case .days: return i.days != nil
        case .until: return i.until != nil
        case .link: return i.link != nil
        case .authority: return !blank(i.authority)
        case .conditions: return !blank(i.conditions)
        case .custodian: return !blank(i.custodian)
        case .provider: return !blank(i.provider)
        case .to: return !blank(i.to)
        case .treatyArticle: return !blank(i.treatyArticle)
        case .event: return i.event != nil
        case .oral: return i.oral
        case .agreed: return i.agreed
        case .channel: return i.channel != nil
        case .note: return !blank(i.note)
        case .attachment: return !blank(i.attachment)
        case .title: return i.title != nil
        case .facts: return i.facts != nil
        case .offence: return i.offence != nil
        case .offenceClass: return i.offenceClass != nil
        case .item: return !i.items.isEmpty
        case .officer: return i.officer != nil
        case .theirRef: return i.theirRef != nil
        case .letter: return i.letter != nil
        case .language: return !blank(i.language)
        case .keep: return !blank(i.keep)
        }
    }


    /// What is refused as the use of a ground: MLA, preservation or art. 43 disclosure.
    public static func refusalUse(_ action: Action, file: CaseFile) -> RefusalUse {
        if action == .refuseDisclosure { return .trafficDisclosure }
        return file.kind == .mla ? .mla : .preservation
    }

    /// Step 2 of §6: the inputs — which are given, their codes and values, grounds that can
    /// never apply to this kind of request. Returns the grounds, parsed. The checks run in this
    /// order so that the most telling mistake is the one reported.
    static func checkInputs(_ spec: ActionSpec, _ i: ActionInputs, file: CaseFile,
                            context: CaseContext, on: CivilDate) throws(CaseworkError) -> [RefusalGround] {
        try checkOptionsApply(spec, i)
        // Grounds first: a ground that can never apply is the most telling error.
        let grounds = refusalActions.contains(spec.name)
            ? try checkGrounds(spec.name, i, file: file, policy: context.policy) : []
        try checkRequired(spec, i, file: file)
        try checkDays(spec.name, i.days)
        try checkValues(spec.name, i, file: file, on: on)
        try checkActionNeeds(spec.name, i, file: file)
        return grounds
    }

    /// Options that do not belong to the action are mistakes, not silently dropped.
    static func checkOptionsApply(_ spec: ActionSpec, _ i: ActionInputs) throws(CaseworkError) {
        for input in ActionInput.allCases where input != .on && isGiven(input, i) {
            if !spec.required.contains(input) && !spec.optional.contains(input) {
                throw .usage(spec.name, "\(input: input) does not apply to \(spec.name)")
            }
        }
    }

    /// The grounds of a refusal, parsed and judged against the kind of refusal (§3).
    static func checkGrounds(_ name: Action, _ i: ActionInputs, file: CaseFile,
                             policy: Policy) throws(CaseworkError) -> [RefusalGround] {
        let use = refusalUse(name, file: file)
        // The other State's refusal is recorded with its grounds as received (§5.3, 5.4): our
        // matrix binds our refusals, not the facts of theirs.
        let asReceived = counterpartRefusals.contains(name)
        var grounds: [RefusalGround] = []
        for code in i.grounds {
            // Under a treaty its grounds replace those of art. 40 (40.7): that comes before
            // what the Convention says of a code (40.23, 40.24 are the Convention's rules).
            // An unknown code is still a usage error (exit 2), whatever the basis.
            if use == .mla && file.basis.isTreaty && !asReceived, RefusalGround.isKnownCode(code),
               code.trimmedOfSpaces != "treaty" {
                throw RefusalGround.treatyGroundsOnly(basis: file.basis, action: name.rawValue)
            }
            // A never-ground the other State cited is recorded too, and flagged (§3).
            if asReceived, let never = RefusalGround.neverGround(code) {
                if !grounds.contains(never) { grounds.append(never) }
                continue
            }
            let ground = try RefusalGround.parse(code, action: name.rawValue)
            if !asReceived {
                try RefusalGround.check(ground, use: use, basis: file.basis, offenceClass: file.offenceClass,
                                        policy: policy, direction: file.direction, action: name.rawValue)
            }
            if !grounds.contains(ground) { grounds.append(ground) }
        }
        let treaty = grounds.contains { $0.code == "treaty" }
        if treaty && blank(i.treatyArticle) {
            throw .usage(name, "a treaty ground needs the treaty article (\(input: .treatyArticle))", article: "40.7")
        }
        if !treaty && !blank(i.treatyArticle) {
            throw .usage(name, "\(input: .treatyArticle) goes with ground treaty")
        }
        return grounds
    }

    /// What the table says the action requires. A missing input is a usage error (exit 2, as
    /// CLI.md says of usage), citing the article that requires it; a refusal's reasons cite 40.25
    /// (or the policy under a treaty, 40.7).
    static func checkRequired(_ spec: ActionSpec, _ i: ActionInputs, file: CaseFile) throws(CaseworkError) {
        let name = spec.name
        let article = spec.article.isEmpty ? nil : spec.article
        for input in spec.required where !isGiven(input, i) {
            switch input {
            case .reason where refusalActions.contains(name):
                let rule = reasonsRule(name, file: file)
                let underTreaty = rule.article == "40.7"
                throw .usage(name, "written reasons are required for any refusal\(underTreaty ? ", under a treaty by office policy" : "") (\(input: .reason))",
                             article: rule.article, rule: .reasonsRequired(underTreaty: underTreaty))
            case .ground:
                throw .usage(name, "at least one ground is required (\(input: .ground))", article: article)
            default:
                throw .usage(name, "\(input: input) is required", article: article,
                             officeRule: article == nil ? "office practice" : nil)
            }
        }
    }

    /// A period typed in days: a preservation order's bounds (42.8, 25.2), the Convention's
    /// minimum for the counterpart's preservation, otherwise a plausible number.
    static func checkDays(_ name: Action, _ days: Int?) throws(CaseworkError) {
        guard let days else { return }
        if let period = PreservationPeriod(action: name) {
            try period.check(days, action: name.rawValue, given: "\(input: .days) \(days)")
            return
        }
        if name == .confirmPreserved && days < 60 {
            throw .refused(name, "a preservation lasts not less than 60 days (\(input: .days) \(days))", article: "42.8")
        }
        guard (1...3660).contains(days) else { throw .usage(name, "\(input: .days) \(days) is not a plausible period") }
    }

    /// Each value given, read on its own: dates, codes, the case linked, the event named.
    static func checkValues(_ name: Action, _ i: ActionInputs, file: CaseFile, on: CivilDate) throws(CaseworkError) {
        if let until = i.until, until < on, name != .setDeadline {
            let article = file.table.action(name)?.article ?? ""
            throw .usage(name, "\(input: .until) \(until) is before the effective date \(on): a period ends after it starts",
                         article: article.isEmpty ? nil : article, officeRule: article.isEmpty ? "office practice" : nil)
        }
        if let proposal = i.proposal, !Proposal.allowed(for: file.kind).contains(proposal) {
            throw .refused(name, "a preservation request is consulted on only before refusing it (\(input: .proposal) refuse)", article: "42.6")
        }
        if name == .discloseTraffic, let to = i.to, !isISO3(to) {
            throw .usage(name, "\(input: .to) needs the State's ISO 3166-1 alpha-3 code, not '\(to)'")
        }
        if let link = i.link { try checkLink(name, link, file: file) }
        if let id = i.event, !file.events.contains(where: { $0.id == id }) {
            throw .usage(name, "no event \(id.uuidString.lowercased()) in case \(file.ref)")
        }
        if !i.items.isEmpty {
            try Checklists.validate(i.items, kind: file.kind, purposes: file.purposes, action: name.rawValue)
        }
        if let officer = i.officer, blank(officer) {
            throw .usage(name, "the officer may not be empty")
        }
    }

    /// The follow-up request of a preservation is an MLA case of the same direction (42.8).
    static func checkLink(_ name: Action, _ link: LinkTarget, file: CaseFile) throws(CaseworkError) {
        if link.id == file.id { throw .usage(name, "a case cannot be linked to itself") }
        switch name {
        case .mlaReceived where !(link.direction == .incoming && link.kind == .mla):
            throw .refused(name, "the follow-up request must be an incoming MLA case; \(link.ref) is \(link.direction.rawValue) \(link.kind.rawValue)", article: "42.8",
                           rule: .followUpMustBe(.incoming))
        case .sendMLA where !(link.direction == .outgoing && link.kind == .mla):
            throw .refused(name, "the follow-up request must be an outgoing MLA case; \(link.ref) is \(link.direction.rawValue) \(link.kind.rawValue)", article: "42.8",
                           rule: .followUpMustBe(.outgoing))
        default: break
        }
    }

    /// What one action needs beyond its table row: something to edit, a real-time
    /// collection's period (45.3(f)), one new end of an extension (42.9), agreement with an
    /// oral sending (40.13).
    static func checkActionNeeds(_ name: Action, _ i: ActionInputs, file: CaseFile) throws(CaseworkError) {
        if name == .edit && !ActionInput.allCases.contains(where: { $0 != .on && isGiven($0, i) }) {
            throw .usage(name, "nothing to edit: give \(input: .title), \(input: .facts), \(input: .offence), \(input: .theirRef), \(input: .item) or \(input: .officer)")
        }
        if name == .execute && file.collectsInRealTime && i.until == nil {
            // Interception (46) is limited in duration like any such power (24.2, 24.4).
            let realtime = file.purposes.contains(.realtimeTraffic)
            throw .usage(name, "\(realtime ? "real-time collection" : "interception") needs its period: \(input: .until), the end of \(realtime ? "collection" : "interception")",
                         article: realtime ? "45.3(f)" : "24.2")
        }
        if name == .extensionGranted {
            guard i.until != nil || i.days != nil else {
                throw .usage(name, "give the new end of the period (\(input: .until)) or the days added (\(input: .days))", article: "42.9")
            }
            guard i.until == nil || i.days == nil else {
                throw .usage(name, "give \(input: .until) or \(input: .days), not both")
            }
        }
        if name == .letterProduced, let letter = i.letter,
           let why = Engine.whyNoLetter(letter, for: file, action: name.rawValue) {
            throw why
        }
    }
}

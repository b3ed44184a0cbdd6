import Foundation

extension Engine {
    /// The guards that read the case, the policy and the effective date, not what was typed:
    /// `allowedActions` and `heldBack` use them too, before any input is given. Each workflow's
    /// guards are together below; the ones every workflow shares come last.
    static func checkCaseGuards(_ spec: ActionSpec, file: CaseFile, context: CaseContext,
                                on: CivilDate) throws(CaseworkError) {
        switch (file.direction, file.kind) {
        case (.incoming, .mla): try incomingMLAGuards(spec.name, file: file, policy: context.policy)
        case (.incoming, .preservation): try incomingPreservationGuards(spec.name, file: file, context: context, on: on)
        case (.outgoing, .preservation): try outgoingPreservationGuards(spec.name, file: file, on: on)
        case (.outgoing, .mla): try outgoingMLAGuards(spec.name, file: file)
        }
        if file.direction == .outgoing && spec.name == .send { try checkSendChecklist(file) }
        try sharedGuards(spec.name, file: file)
    }

    /// §5.1: refusing straight from assessing skips the consultation 40.28 asks for.
    static func incomingMLAGuards(_ name: Action, file: CaseFile, policy: Policy) throws(CaseworkError) {
        if name == .refuse && file.state == .assessing && policy.consultBeforeAllRefusals {
            // Under a treaty 40.28 is displaced (40.7): then the rule is the policy key alone.
            throw .refused(name, "consult the requesting State before refusing: always for a 40.21 ground, and for any ground while office policy consult_before_all_refusals is on (record consult first)",
                           article: file.basis.isTreaty ? nil : "40.28",
                           officeRule: "office policy consult_before_all_refusals", rule: .consultFirst)
        }
    }

    /// §5.2: consulting before refusing, extending before expiry (42.9), releasing only once the
    /// period is over or the follow-up request decided (42.8), telling the custodian once.
    static func incomingPreservationGuards(_ name: Action, file: CaseFile, context: CaseContext,
                                           on: CivilDate) throws(CaseworkError) {
        switch name {
        case .refuse where file.state != .consultation && context.policy.consultBeforePreservationRefusal:
            throw .refused(name, "consult the requesting State before refusing preservation (office policy consult_before_preservation_refusal; record consult first)", article: "40.28",
                           officeRule: "office policy consult_before_preservation_refusal", rule: .consultFirst)
        case .extend:
            if let expiry = file.preservationExpiry, on > expiry {
                throw .refused(name, "the preservation period ended on \(expiry); an extension must be requested before it ends", article: "42.9")
            }
            // Office practice, not the Convention (42.9 only requires a request before expiry):
            // one extension request applies once, so a repeated `extend` is not a second +60 days.
            if let last = file.applied.last(where: { $0.type == .action(.extend) }), on <= last.event.effective {
                throw .refused(name, "an extension requested on \(last.event.effective) is already recorded; each extension request applies once, so another must be dated after it")
            }
        case .release where file.state == .preserved:
            if let expiry = file.preservationExpiry, on <= expiry {
                throw .refused(name, "the preservation period runs until \(expiry); data are released only after it has passed with no follow-up request", article: "42.8",
                               rule: .periodRuns(until: expiry))
            }
        case .release where file.state == .pendingMLA:
            if linkedDecisionDate(file, context: context) == nil {
                let followUps = file.links.filter { $0.relation == "follow-up-mla" }.map(\.ref)
                let refs = followUps.joined(separator: ", ")
                throw .refused(name, "the follow-up MLA request \(refs.isEmpty ? "" : refs + " ")is not yet decided (executed, refused or withdrawn): data stay preserved pending the decision", article: "42.8",
                               rule: .followUpUndecided(followUps))
            }
        case .dataReleased:
            try checkDataReleased(file)
        default:
            break
        }
    }

    /// Telling the custodian to release is owed once, and only for data we preserved (§5.2).
    static func checkDataReleased(_ file: CaseFile) throws(CaseworkError) {
        if file.state == .closed && file.closedFrom != .withdrawn {
            throw .refused(.dataReleased, "only a withdrawn preservation has data to release to the custodian", article: "42.8",
                           rule: .notWithdrawn)
        }
        guard file.applied.contains(where: { $0.action == .withdraw && heldPreservedData(before: $0, file: file) }) else {
            throw .refused(.dataReleased, "no data were preserved for this request: nothing to release", article: "42.8")
        }
        if file.applied.contains(where: { $0.action == .dataReleased }) {
            throw .refused(.dataReleased, "the custodian was already told to release the data", article: "42.8",
                           rule: .alreadyReleased)
        }
    }

    /// §5.3: an extension is asked before the period ends (42.9); it lapses only after.
    static func outgoingPreservationGuards(_ name: Action, file: CaseFile, on: CivilDate) throws(CaseworkError) {
        switch name {
        case .requestExtension:
            if let due = file.followUpDue, on > due {
                throw .refused(name, "the preservation period ended on \(due); an extension must be requested before it ends", article: "42.9")
            }
        case .lapse:
            if let due = file.followUpDue, on <= due {
                throw .refused(name, "the preservation period runs until \(due); it has not lapsed", article: "42.8")
            }
        case .extensionGranted, .extensionRefused:
            guard file.extensionRequestPending else {
                throw .refused(name, "no extension was requested, or its answer is recorded already: record request-extension first", article: "42.9",
                               rule: .recordFirst(.requestExtension))
            }
        default:
            break
        }
    }

    /// §5.4: conditions are accepted only once the requested State has proposed them (40.28).
    static func outgoingMLAGuards(_ name: Action, file: CaseFile) throws(CaseworkError) {
        if name == .acceptConditions && file.proposedConditions == nil {
            throw .refused(name, "no conditions are proposed: record conditions-proposed first", article: "40.28",
                           rule: .recordFirst(.conditionsProposed))
        }
    }

    /// An outgoing request is sent with its checklist complete (40.15, 42.3, 45.3). Under a
    /// treaty the 40.15 items are advisory (`checklist(for:)`); 42.3 and 45.3 bind.
    static func checkSendChecklist(_ file: CaseFile) throws(CaseworkError) {
        let missing = missingItems(for: file)
        guard !missing.isEmpty else { return }
        let list = missing.map { "\($0.item.rawValue) (\($0.article))" }.joined(separator: ", ")
        let article = file.kind == .preservation ? "42.3"
            : (missing.allSatisfy { $0.article.hasPrefix("45.3") } ? "45.3" : "40.15")
        throw .refused(.send, "required checklist items missing: \(list)", article: article,
                       rule: .checklistMissing(missing.map(\.item)))
    }

    /// Every workflow: a written confirmation only of an oral request, once (40.13); a void
    /// needs something to void; a reopen needs the state the case was closed from.
    static func sharedGuards(_ name: Action, file: CaseFile) throws(CaseworkError) {
        switch name {
        case .writtenConfirmationReceived, .confirmedInWriting:
            let oral = name == .writtenConfirmationReceived ? file.receivedOrally : file.sentOrally
            guard oral else {
                throw .refused(name, name == .writtenConfirmationReceived
                    ? "the request was not received orally: there is no written confirmation to await"
                    : "the request was not sent orally: there is no written confirmation to send", article: "40.13")
            }
            if file.confirmedInWriting {
                throw .refused(name, "the written confirmation was already recorded", article: "40.13")
            }
        case .void:
            guard file.applied.contains(where: { $0.type != .registered }) else {
                throw .refused(name, file.events.contains(where: \.voided)
                    ? "nothing left to void: every event after the registration is voided already"
                    : "nothing to void: only the registration is recorded", rule: .nothingToVoid)
            }
        case .resolveConflict:
            guard file.conflict != nil else {
                throw .refused(name, "the case is not in conflict: no two copies changed it apart")
            }
        case .reopen:
            if file.closedFrom == nil {
                throw .refused(name, "the state the case was closed from is unknown: it cannot be reopened")
            }
        default:
            break
        }
    }

    /// The guards that read what was typed (grounds, channel, dates given). Returns the reading
    /// relied on, if any.
    static func checkInputGuards(_ spec: ActionSpec, _ i: ActionInputs, grounds: [RefusalGround],
                            file: CaseFile, context: CaseContext,
                            on: CivilDate) throws(CaseworkError) -> String? {
        let name = spec.name
        switch (file.direction, file.kind, name) {
        case (.incoming, .mla, .refuse) where file.state == .assessing:
            // Reached only when consult_before_all_refusals is false: para. 21 still needs 40.28.
            if let ground = grounds.first(where: \.isParagraph21) {
                throw .refused(name, "ground \(ground.display) is a ground of para. 21: consult the requesting State before refusing (record consult first)", article: "40.28",
                               rule: .consultBeforeGround(ground.code))
            }
        case (.incoming, .preservation, .refuse) where file.state != .consultation:
            return "42.6: refused without consultation; 42.6 borrows only the grounds of 40.21, not the consultation of 40.28 (policy consult_before_preservation_refusal false)"
        case (.outgoing, _, .send):
            let channel = i.channel ?? file.channel
            if file.kind == .mla && channel == .interpol {
                guard file.urgency.isUrgent else {
                    throw .refused(name, "the INTERPOL channel is for urgent circumstances, where the States agree (urgency is normal)", article: "40.12(d)")
                }
                guard i.agreed else {
                    throw .refused(name, "the INTERPOL channel needs the requested State's agreement (\(input: .agreed))", article: "40.12(d)")
                }
            }
            if i.oral {
                guard file.urgency.isUrgent else {
                    throw .refused(name, "a request may be sent orally only in urgent circumstances (urgency is normal)", article: "40.13")
                }
                guard i.agreed else {
                    throw .refused(name, "an oral request needs the requested State's agreement (\(input: .agreed))", article: "40.13")
                }
            }
        case (.outgoing, .preservation, .extensionGranted):
            if let until = i.until, let due = file.followUpDue, until <= due {
                throw .refused(name, "the new end \(until) is not after the current end \(due)", article: "42.9")
            }
        case (.incoming, .preservation, .mlaReceived), (.outgoing, .preservation, .sendMLA):
            if let link = i.link { try checkFollowUp(name, link, file: file, context: context) }
        case (.incoming, .preservation, .discloseTraffic):
            if let to = i.to, to.uppercased() == context.policy.stateCode.uppercased() {
                throw .refused(name, "\(to) is this office's own State: art. 43.1 concerns a service provider in another State", article: "43.1",
                               rule: .ownState(to.uppercased()))
            }
        case (_, _, .void):
            try checkVoid(i.event, file: file)
        case (_, _, .resolveConflict):
            let copies = file.conflict?.copies ?? []
            if let keep = i.keep, !copies.contains(keep.trimmedOfSpaces.uppercased()) {
                throw .usage(name, "\(keep) is not a copy of this conflict: keep one of \(copies.joined(separator: ", "))",
                             rule: .notACopyInConflict(copies))
            }
        default:
            break
        }
        return nil
    }

    /// The events a void may name now, oldest first: exactly those `checkVoid` accepts (the act
    /// dialog's choices).
    public static func voidableEvents(_ file: CaseFile) -> [FiledEvent] {
        file.events.filter { (try? checkVoid($0.id, file: file)) != nil }
    }

    /// A void names the case's most recent state-changing event or any event that changed no
    /// state; never the registration, another void, or an event already voided (§1).
    static func checkVoid(_ id: UUID?, file: CaseFile) throws(CaseworkError) {
        guard let id, let target = file.events.first(where: { $0.id == id }) else { return }
        if target.type == .registered {
            throw .refused(.void, "the registration cannot be voided; close the case instead", rule: .notVoidable(nil))
        }
        if target.action == .void {
            throw .refused(.void, "a void cannot itself be voided", rule: .notVoidable(.void))
        }
        if target.action == .purge {
            throw .refused(.void, "a retention purge cannot be voided: the data it blanked are gone", article: "36",
                           rule: .notVoidable(.purge))
        }
        if target.voided {
            throw .refused(.void, "event \(target.type) of \(target.event.effective) is already voided", rule: .alreadyVoided)
        }
        if target.fromState != target.toState {
            let lastChange = file.applied.last { $0.type != .registered && $0.fromState != $0.toState }
            if let lastChange, lastChange.id != target.id {
                throw .refused(.void, "only the most recent state-changing event can be voided: \(target.type) of \(target.event.effective) was followed by \(lastChange.type) of \(lastChange.event.effective)",
                               rule: .notLastChange)
            }
        }
    }

    static func makePayload(_ spec: ActionSpec, _ i: ActionInputs, grounds: [RefusalGround],
                            file: CaseFile, context: CaseContext, from: CaseState, to: CaseState,
                            reliedOn: String?) throws(CaseworkError) -> EventPayload {
        func text(_ s: String?) -> String? { blank(s) ? nil : s!.trimmedOfWhitespace }
        var p = EventPayload()
        p.grounds = grounds.isEmpty ? nil : grounds.map(\.code)
        p.reason = text(i.reason)
        p.note = text(i.note)
        p.days = i.days ?? defaultDays(for: spec.name, policy: context.policy)
        // The office's default is held to the same bounds as a period typed with --days.
        if i.days == nil, let days = p.days, let period = PreservationPeriod(action: spec.name) {
            try period.check(days, action: spec.name.rawValue, given: "policy \(period.policyKey) \(days)")
        }
        p.until = i.until
        p.link = i.link
        p.authority = text(i.authority)
        p.conditions = text(i.conditions)
        if spec.name == .acceptConditions && p.conditions == nil { p.conditions = file.proposedConditions }
        p.custodian = text(i.custodian)
        p.provider = text(i.provider)
        p.to = text(i.to)
        p.proposal = i.proposal
        p.treatyArticle = text(i.treatyArticle)
        p.oral = i.oral ? true : nil
        p.agreed = i.agreed ? true : nil
        p.channel = i.channel
        p.attachment = text(i.attachment)
        p.voidedEvent = spec.name == .void ? i.event : nil
        if spec.name == .resolveConflict, let keep = i.keep?.trimmedOfSpaces.uppercased() {
            p.kept = keep
            p.voidedEvents = (file.conflict?.branches ?? []).filter { $0.copy != keep }.flatMap(\.events)
        }
        if spec.name == .edit || spec.name == .assign {
            p.edits = CaseEdits(title: i.title, facts: i.facts, offence: i.offence, offenceClass: i.offenceClass,
                                items: i.items.isEmpty ? nil : i.items, officer: i.officer,
                                theirRef: i.theirRef.map { $0.trimmedOfWhitespace })
        }
        p.fromState = from
        p.toState = to
        p.reliedOn = reliedOn
        p.letter = i.letter
        p.language = text(i.language)
        return p
    }
}

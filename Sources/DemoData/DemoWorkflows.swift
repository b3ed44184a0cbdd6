import Casework

/// The usual course of each workflow (WORKFLOWS.md §5), with the detours real cases take.
extension CaseAgent {
    // MARK: §5.1 Incoming MLA

    mutating func incomingMLA(after date: CivilDate) -> Move? {
        switch file.state {
        case .received:
            switch rng.weighted([("assess", 86), ("request-information", 9), ("withdraw", 2)]) {
            case "assess": return move(.assess, date, 1...5, ActionInputs(note: maybeNote(0.2)))
            case "request-information": return requestInformation(date, 1...6)
            default: return withdrawal(date, 5...40)
            }
        case .assessing:
            switch rng.weighted([("execute", 58), ("request-information", 14), ("consult", 15), ("withdraw", 3)]) {
            case "execute": return execute(date, 3...25)
            case "request-information": return requestInformation(date, 2...15)
            case "consult": return consult(date, rng.weighted([(.refuse, 45), (.postpone, 30), (.partialRefuse, 25)]))
            default: return withdrawal(date, 10...60)
            }
        case .awaitingInformation:
            switch rng.weighted([("information-received", 78), ("consult", 8), ("withdraw", 14)]) {
            case "information-received": return move(.informationReceived, date, 10...45, ActionInputs(note: maybeNote(0.3)))
            case "consult": return consult(date, .refuse)
            default: return withdrawal(date, 20...60)
            }
        case .consultation:
            let proposal = file.applied.last { $0.action == .consult }?.event.payload.proposal ?? .refuse
            switch proposal {
            case .refuse:
                return rng.chance(0.55) ? refuse(date) : execute(date, 5...18, conditions: true)
            case .postpone:
                guard rng.chance(0.75) else { return execute(date, 7...25, conditions: true) }
                var m = move(.postpone, date, 7...20)
                m.inputs.reason = rng.pick(DemoTexts.consultReasons[.postpone]!)
                m.inputs.until = m.date.adding(days: rng.int(30...120))
                return m
            case .partialRefuse:
                guard rng.chance(0.8) else { return refuse(date) }
                var m = move(.partialRefusal, date, 7...25)
                mlaGrounds(into: &m.inputs)
                return m
            }
        case .postponed:
            let review = file.applied.last { $0.action == .postpone }?.event.payload.until ?? date
            if rng.chance(0.15) { return consult(date, .refuse) }
            return execute(max(date, review), 0...10)
        case .executing:
            let partial = file.applied.contains { $0.action == .partialExecution }
            if !partial && rng.chance(0.2) {
                return move(.partialExecution, date, 5...30, ActionInputs(note: "First part of the records transmitted"))
            }
            switch rng.weighted([("complete", 86), ("request-information", 7), ("consult", 7)]) {
            case "complete":
                var m = move(.complete, date, 10...60, ActionInputs(note: rng.pick(DemoTexts.transmitted)))
                if rng.chance(0.25) { m.inputs.conditions = rng.pick(DemoTexts.conditions) }
                return m
            case "request-information": return requestInformation(date, 3...20)
            default: return consult(date, rng.chance(0.5) ? .postpone : .partialRefuse)
            }
        case .executed, .refused, .withdrawn:
            return closing(date)
        default:
            return nil
        }
    }

    mutating func requestInformation(_ date: CivilDate, _ range: ClosedRange<Int>) -> Move {
        var m = move(.requestInformation, date, range, ActionInputs(note: rng.pick(DemoTexts.informationNeeded)))
        if rng.chance(0.5) { m.inputs.until = m.date.adding(days: rng.int(14...45)) }
        return m
    }

    mutating func consult(_ date: CivilDate, _ proposal: Proposal) -> Move {
        var m = move(.consult, date, 5...20)
        m.inputs.proposal = proposal
        m.inputs.reason = rng.pick(DemoTexts.consultReasons[proposal]!)
        if rng.chance(0.3) { m.inputs.note = "Consulted by telephone with the requesting authority" }
        return m
    }

    mutating func execute(_ date: CivilDate, _ range: ClosedRange<Int>, conditions: Bool = false) -> Move {
        var m = move(.execute, date, range)
        m.inputs.authority = rng.pick(DemoTexts.executingAuthorities)
        if conditions || rng.chance(0.1) { m.inputs.conditions = rng.pick(DemoTexts.conditions) }
        if file.purposes.contains(.realtimeTraffic) { m.inputs.until = m.date.adding(days: rng.int(20...45)) }
        return m
    }

    mutating func refuse(_ date: CivilDate) -> Move {
        var m = move(.refuse, date, 5...18)
        mlaGrounds(into: &m.inputs)
        return m
    }

    // MARK: §5.2 Incoming preservation

    mutating func incomingPreservation(after date: CivilDate, world: PlanWorld) -> Move? {
        switch file.state {
        case .received:
            switch rng.weighted([("preserve", 74), ("notify-risk", 10), ("consult", 12), ("withdraw", 2)]) {
            case "preserve":
                // Often the order takes longer than the 42.4 target: the custodian has to be
                // found, or a judge is not at hand.
                return rng.chance(0.2) ? preserve(date, 3...30) : preserve(date, 0...2)
            case "notify-risk": return move(.notifyRisk, date, 0...2, ActionInputs(reason: rng.pick(DemoTexts.riskReasons)))
            case "consult": return consultPreservation(date, 1...4)
            default: return withdrawal(date, 2...15)
            }
        case .awaitingDecision:
            // Some requesting States are slow to answer the 42.7 notice.
            switch rng.weighted([("preserve", 60), ("consult", 20), ("withdraw", 20)]) {
            case "preserve": return preserve(date, 10...45, note: "The requesting State asked us to preserve nevertheless (42.7)")
            case "consult": return consultPreservation(date, 10...40)
            default: return withdrawal(date, 10...45)
            }
        case .consultation:
            if rng.chance(0.55) {
                var m = move(.refuse, date, 10...40)
                preservationGround(into: &m.inputs)
                return m
            }
            return preserve(date, 10...40, note: "Consultation resolved: preserving with conditions")
        case .preserved:
            guard let expiry = file.preservationExpiry else { return nil }
            // No notify-risk once preserved: only a follow-up MLA would answer it, and many demo
            // preservations never get one, which would leave the reply overdue for good.
            var options: [(String, Int)] = [("release", 24), ("withdraw", 10)]
            if followUp == nil && parent == nil { options.append(("follow-up", 52)) }
            // One extension per request date (the engine refuses a repeat dated on or before the last).
            let lastExtension = file.applied.last(where: { $0.type == .action(.extend) })?.event.effective
            let extendFrom = max(date, lastExtension?.adding(days: 1) ?? date)
            if extendFrom <= expiry { options.append(("extend", 12)) }
            switch rng.weighted(options) {
            case "follow-up":
                let preserved = file.preservedOn ?? date
                var on = max(later(preserved, 10...55), date)
                if on > expiry { on = max(date, expiry.adding(days: -rng.int(0...5))) }
                return Move(action: .mlaReceived, date: on, spawn: true)
            case "extend":
                let on = extendFrom.adding(days: rng.int(0...max(0, extendFrom.days(until: expiry))))
                var inputs = ActionInputs(note: "The requesting State asked before expiry to extend preservation (42.9)")
                inputs.days = rng.chance(0.5) ? nil : rng.pick([30, 60, 90])
                return Move(action: .extend, date: on, inputs: inputs)
            case "release":
                var m = move(.release, max(date, expiry), 1...20, ActionInputs(note: "No follow-up request received; custodian told to release the data"))
                m.notBefore = expiry.adding(days: 1)
                return m
            default:
                return withdrawal(date, 5...40)
            }
        case .pendingMLA:
            guard let child = world.followUp else { return nil }
            let decisions: Set<CaseState> = [.executed, .refused, .withdrawn]
            if decisions.contains(child.outcome),
               let decided = child.applied.last(where: { $0.toState == child.outcome && $0.fromState != child.outcome })?.event.effective {
                return move(.release, max(date, decided), 1...10, ActionInputs(note: "Follow-up request decided; custodian told to release the data"))
            }
            return Move(action: nil, date: date.adding(days: rng.int(7...21)), wait: true)
        case .withdrawn:
            let mustRelease = file.applied.contains { $0.action == .withdraw && [.preserved, .pendingMLA].contains($0.fromState ?? .received) }
            let released = file.applied.contains { $0.action == .dataReleased }
            if mustRelease && !released {
                return move(.dataReleased, date, 1...6, ActionInputs(note: "Custodian told to release the data"))
            }
            return closing(date)
        case .refused, .released:
            return closing(date)
        default:
            return nil
        }
    }

    mutating func preserve(_ date: CivilDate, _ range: ClosedRange<Int>, note: String? = nil) -> Move {
        var m = move(.preserve, date, range)
        let stated = file.items[.custodianLocation]
        m.inputs.custodian = stated == nil || stated == noneAvailable ? rng.pick(DemoOffice.custodians) : stated
        m.inputs.days = rng.weighted([(Int?.none, 60), (60, 15), (90, 25)])
        if rng.chance(0.05) { m.inputs.conditions = "Data not to be disclosed before an MLA request is executed" }
        m.inputs.note = note
        return m
    }

    mutating func consultPreservation(_ date: CivilDate, _ range: ClosedRange<Int>) -> Move {
        var m = move(.consult, date, range)
        m.inputs.proposal = .refuse
        m.inputs.reason = rng.pick(DemoTexts.consultReasons[.refuse]!)
        m.inputs.note = "Consulted through the 24/7 network"
        return m
    }

    // MARK: §5.3 Outgoing preservation

    mutating func outgoingPreservation(after date: CivilDate, world: PlanWorld) -> Move? {
        switch file.state {
        case .draft:
            if let edit = completeDraft(date) { return edit }
            switch rng.weighted([("send", 93), ("withdraw", 4), ("shelved", 3)]) {
            case "send": return send(date, 0...2, channel: rng.chance(0.6) ? .network247 : nil)
            case "withdraw": return withdrawal(date, 3...20)
            default: return shelvedDraft(date)
            }
        case .sent:
            var options: [(String, Int)] = [("confirm-preserved", 72), ("risk-notified", 18), ("refused", 5), ("withdraw", 3)]
            if followUp == nil { options.append(("follow-up", 5)) }
            switch rng.weighted(options) {
            case "confirm-preserved":
                return move(.confirmPreserved, date, 1...7, ActionInputs(days: rng.chance(0.3) ? 90 : nil))
            case "risk-notified":
                return move(.riskNotified, date, 1...5, ActionInputs(reason: rng.pick(DemoTexts.riskReasons)))
            case "refused":
                var m = move(.refusedByCounterpart, date, 3...15)
                preservationGround(into: &m.inputs)
                return m
            case "follow-up":
                return Move(action: nil, date: later(date, 3...20), spawn: true)
            default:
                return withdrawal(date, 5...30)
            }
        case .awaitingOurDecision:
            return rng.chance(0.7)
                ? move(.proceed, date, 10...40, ActionInputs(note: "The data are needed even if only partly preserved"))
                : withdrawal(date, 10...40)
        case .preserved:
            guard let due = file.followUpDue else { return nil }
            var options: [(String, Int)] = [("lapse", 14), ("withdraw", 1), ("refused", 2)]
            if followUp == nil { options.append(("follow-up", 62)) }
            let extended = file.applied.contains { $0.action == .requestExtension }
            if date <= due && !extended { options.append(("request-extension", 10)) }
            switch rng.weighted(options) {
            case "follow-up":
                let preserved = file.counterpartPreservedOn ?? date
                return Move(action: nil, date: max(later(preserved, 5...50), date), spawn: true)
            case "request-extension":
                let on = date.adding(days: rng.int(0...max(0, date.days(until: due))))
                var m = Move(action: .requestExtension, date: on, inputs: ActionInputs(note: "Asked for a further 60 days (42.9)"))
                m.then = { _ in .extensionAnswer }
                return m
            case "lapse":
                var m = move(.lapse, max(date, due), 1...15, ActionInputs(note: "No follow-up request was sent in time"))
                m.notBefore = due.adding(days: 1)
                return m
            case "refused":
                return move(.refusedByCounterpart, date, 3...20,
                            ActionInputs(reason: "The requested State's order was set aside by its court"))
            default:
                return withdrawal(date, 5...40)
            }
        case .mlaSent:
            // Closed while the follow-up request runs, or kept open until it is decided.
            if rng.chance(0.6) { return move(.close, date, 30...200, ActionInputs(note: "Follow-up request under way; closed")) }
            let decisions: Set<CaseState> = [.executed, .refused, .withdrawn]
            guard let child = world.followUp, !decisions.contains(child.outcome) else {
                return move(.close, date, 5...45, ActionInputs(note: "Follow-up request decided; closed"))
            }
            return Move(action: nil, date: date.adding(days: rng.int(14...45)), wait: true)
        case .refused, .lapsed, .withdrawn:
            return closing(date)
        default:
            return nil
        }
    }

    // MARK: §5.4 Outgoing MLA

    mutating func outgoingMLA(after date: CivilDate) -> Move? {
        switch file.state {
        case .draft:
            if let edit = completeDraft(date) { return edit }
            if parent != nil { return send(date, 0...3, channel: nil) }
            switch rng.weighted([("send", 93), ("withdraw", 4), ("shelved", 3)]) {
            case "send": return send(date, 1...10, channel: nil)
            case "withdraw": return withdrawal(date, 10...60)
            default: return shelvedDraft(date)
            }
        case .sent:
            switch rng.weighted([("acknowledged", 62), ("executing", 10), ("information-requested", 7), ("refused", 3),
                                 ("executed", 5), ("withdraw", 3)]) {
            case "acknowledged": return move(.acknowledged, date, 5...30)
            case "executing": return move(.executing, date, 10...40)
            case "information-requested": return informationRequested(date)
            case "refused": return refusedByCounterpart(date, 20...90)
            case "executed": return executed(date, 30...90)
            default: return withdrawal(date, 10...60)
            }
        case .acknowledged:
            switch rng.weighted([("executing", 52), ("information-requested", 14), ("executed", 16), ("postponed", 6),
                                 ("refused", 4), ("withdraw", 3)]) {
            case "executing": return move(.executing, date, 10...60, ActionInputs(note: maybeNote(0.2)))
            case "information-requested": return informationRequested(date)
            case "executed": return executed(date, 20...120)
            case "postponed": return postponedByCounterpart(date)
            case "refused": return refusedByCounterpart(date, 20...90)
            default: return withdrawal(date, 10...60)
            }
        case .informationRequested:
            return rng.chance(0.85)
                ? move(.informationSent, date, 5...30, ActionInputs(note: "Additional information sent through the central authority"))
                : withdrawal(date, 10...60)
        case .executing:
            switch rng.weighted([("executed", 72), ("postponed", 7), ("information-requested", 6), ("refused", 4), ("withdraw", 2)]) {
            case "executed": return executed(date, 15...90)
            case "postponed": return postponedByCounterpart(date)
            case "information-requested": return informationRequested(date)
            case "refused": return refusedByCounterpart(date, 15...60)
            default: return withdrawal(date, 10...60)
            }
        case .postponed:
            let review = file.applied.last { $0.action == .postponedByCounterpart }?.event.payload.until ?? date
            switch rng.weighted([("resumed", 85), ("withdraw", 10), ("refused", 5)]) {
            case "resumed": return move(.resumed, max(date, review), 0...15)
            case "withdraw": return withdrawal(date, 10...60)
            default: return refusedByCounterpart(date, 10...40)
            }
        case .executed, .refused, .withdrawn:
            return closing(date)
        default:
            return nil
        }
    }

    /// A draft put aside: most are withdrawn months later, a few are still waiting.
    mutating func shelvedDraft(_ date: CivilDate) -> Move? {
        rng.chance(0.75) ? withdrawal(date, 40...150) : nil
    }

    /// An outgoing draft missing required items gets them by `edit` before it can be sent.
    mutating func completeDraft(_ date: CivilDate) -> Move? {
        guard !missingItems.isEmpty else { return nil }
        var inputs = ActionInputs()
        inputs.items = missingItems
        missingItems = [:]
        return move(.edit, date, 1...8, inputs)
    }

    mutating func send(_ date: CivilDate, _ range: ClosedRange<Int>, channel: Channel?) -> Move {
        var m = move(.send, date, range)
        m.inputs.channel = channel
        // INTERPOL carries an MLA request only where the States agree (40.12(d)).
        if file.kind == .mla && (channel ?? file.channel) == .interpol { m.inputs.agreed = true }
        if file.urgency.isUrgent && rng.chance(0.25) {
            m.inputs.oral = true
            m.inputs.agreed = true
            m.inputs.note = "Sent orally by telephone, as agreed with the requested State (40.13)"
            m.then = { _ in .confirmInWriting }
        }
        return m
    }

    mutating func informationRequested(_ date: CivilDate) -> Move {
        var m = move(.informationRequested, date, 10...40, ActionInputs(note: rng.pick(DemoTexts.informationNeeded)))
        if rng.chance(0.5) { m.inputs.until = m.date.adding(days: rng.int(14...45)) }
        return m
    }

    mutating func executed(_ date: CivilDate, _ range: ClosedRange<Int>) -> Move {
        var m = move(.executed, date, range, ActionInputs(note: rng.pick(DemoTexts.received)))
        if rng.chance(0.3) { m.inputs.conditions = rng.pick(DemoTexts.conditions) }
        return m
    }

    mutating func postponedByCounterpart(_ date: CivilDate) -> Move {
        var m = move(.postponedByCounterpart, date, 10...40)
        m.inputs.reason = "Execution would interfere with the requested State's own investigation"
        m.inputs.until = m.date.adding(days: rng.int(30...90))
        return m
    }

    mutating func refusedByCounterpart(_ date: CivilDate, _ range: ClosedRange<Int>) -> Move {
        var m = move(.refusedByCounterpart, date, range)
        if rng.chance(0.7) {
            mlaGrounds(into: &m.inputs)
        } else {
            m.inputs.reason = "The requested State refused without citing a ground"
        }
        return m
    }
}

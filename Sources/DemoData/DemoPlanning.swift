import Casework

/// What a case's next move may depend on besides the case itself.
struct PlanWorld {
    let today: CivilDate
    /// Officers a case may be reassigned to.
    let officers: [String]
    let counterparts: [(String, Int)]
    /// The follow-up MLA case of a preservation, as it stands now.
    let followUp: CaseFile?
}

extension DemoSimulation {
    mutating func nextMove(_ index: Int, after date: CivilDate) -> Move? {
        let world = PlanWorld(today: today, officers: officers.filter { $0.role == .officer }.map(\.name),
                              counterparts: counterparts,
                              followUp: agents[index].followUp.map { agents[$0].file })
        return agents[index].plan(after: date, world: world)
    }
}

extension CaseAgent {
    // MARK: Draws

    /// A gap of `range` days, stretched (or, for urgent work, shortened) by the case's pace; a
    /// gap of at least a day stays at least a day.
    mutating func later(_ date: CivilDate, _ range: ClosedRange<Int>) -> CivilDate {
        let days = Int((Double(rng.int(range)) * pace).rounded())
        return date.adding(days: range.lowerBound > 0 ? max(1, days) : days)
    }

    mutating func move(_ action: Action, _ date: CivilDate, _ range: ClosedRange<Int>,
                       _ inputs: ActionInputs = ActionInputs()) -> Move {
        Move(action: action, date: later(date, range), inputs: inputs)
    }

    mutating func maybeNote(_ p: Double = 0.3) -> String? {
        rng.chance(p) ? rng.pick(DemoTexts.notes) : nil
    }

    // MARK: Planning

    /// The next thing an officer does on this case after `date`, or nil when nothing more
    /// happens to it. The simulation drops moves dated after today.
    mutating func plan(after date: CivilDate, world: PlanWorld) -> Move? {
        while !intents.isEmpty {
            let intent = intents.removeFirst()
            if let move = intentMove(intent, after: date) { return move }
        }
        if file.state == .closed { return afterClosing(date) }
        if file.isOpen && sideActions < 3 && rng.chance(0.1), let side = sideMove(after: date, world: world) {
            sideActions += 1
            return side
        }
        var main: Move?
        switch (file.direction, file.kind) {
        case (.incoming, .mla): main = incomingMLA(after: date)
        case (.incoming, .preservation): main = incomingPreservation(after: date, world: world)
        case (.outgoing, .preservation): main = outgoingPreservation(after: date, world: world)
        case (.outgoing, .mla): main = outgoingMLA(after: date)
        }
        // Some cases lie untouched much longer than usual (until a deadline calls them back).
        if var m = main, file.isOpen, !m.wait, m.inputs.until == nil,
           !([.extend, .requestExtension] as [Action?]).contains(m.action), rng.chance(0.04) {
            m.date = m.date.adding(days: rng.int(20...150))
            main = m
        }
        // Now and then a state change is recorded on the wrong case and a supervisor voids it.
        if var m = main, ([.assess, .acknowledged, .executing] as [Action?]).contains(m.action), rng.chance(0.006) {
            m.then = { .void($0, reason: "Recorded on the wrong case") }
            return m
        }
        return main
    }

    mutating func intentMove(_ intent: Intent, after date: CivilDate) -> Move? {
        switch intent {
        case .void(let id, let reason):
            var inputs = ActionInputs(reason: reason)
            inputs.event = id
            var m = Move(action: .void, date: date.adding(days: rng.int(0...2)), inputs: inputs)
            m.actor = .supervisor
            return m
        case .statusReply:
            guard file.isOpen else { return nil }
            return move(.statusReply, date, 2...12, ActionInputs(note: "Informed the requesting State of the progress"))
        case .answerConditions:
            guard file.isOpen, file.proposedConditions != nil else { return nil }
            return rng.chance(0.7)
                ? move(.acceptConditions, date, 3...15, ActionInputs(note: maybeNote()))
                : move(.declineConditions, date, 3...15, ActionInputs(reason: "The conditions would prevent use of the evidence at trial"))
        case .extensionAnswer:
            guard file.state == .preserved else { return nil }
            if rng.chance(0.85) { return move(.extensionGranted, date, 2...10, ActionInputs(days: 60)) }
            return move(.extensionRefused, date, 2...10,
                        ActionInputs(reason: "Domestic law does not allow a further extension"))
        case .reclose:
            guard file.table.action(.close)?.target(from: file.state) != nil else { return nil }
            return move(.close, date, 5...30, ActionInputs(note: "Further material handled; closed again"))
        case .writtenConfirmation:
            guard file.isOpen, file.receivedOrally, !file.confirmedInWriting else { return nil }
            return move(.writtenConfirmationReceived, date, 1...4)
        case .confirmInWriting:
            guard file.isOpen, file.sentOrally, !file.confirmedInWriting else { return nil }
            return move(.confirmedInWriting, date, 1...3)
        }
    }

    /// Obligations that outlast the case (40.19, 36.3), and a rare reopening.
    mutating func afterClosing(_ date: CivilDate) -> Move? {
        let reopened = file.applied.contains { $0.action == .reopen }
        if !reopened && rng.chance(0.012) {
            var m = move(.reopen, date, 10...90, ActionInputs(reason: "Further material received from the requesting State"))
            m.actor = .supervisor
            m.then = { _ in .reclose }
            return m
        }
        let obligations = file.applied.filter { $0.type.rawValue.hasPrefix("consent-") || $0.type.rawValue.hasPrefix("onward-") }.count
        guard obligations == 0, file.outcome == .executed else { return nil }
        if rng.chance(0.05) {
            return move(.consentRequested, date, 10...120,
                        ActionInputs(note: "Consent asked to use the material in related proceedings (40.19)"))
        }
        if rng.chance(0.015) {
            var inputs = ActionInputs(note: "Transfer of personal data to a joint investigation team")
            inputs.to = "EUROJUST"
            return move(.onwardTransferRequested, date, 10...120, inputs)
        }
        return nil
    }

    /// Notes, documents, inquiries and reassignments along the way.
    mutating func sideMove(after date: CivilDate, world: PlanWorld) -> Move? {
        let incoming = file.direction == .incoming
        var options: [(Action, Int)] = [(.note, 30), (.attach, 20), (.statusInquiry, 12), (.assign, 7),
                                        (.costConsultation, 2)]
        if incoming {
            options.append((.confidentialityWarning, 1))
            // A requested deadline is met by complete or preserve: none is set after preserving.
            if file.kind == .mla || file.preservedOn == nil { options.append((.setDeadline, 5)) }
            if file.kind == .preservation && [.received, .preserved, .pendingMLA].contains(file.state) {
                options += [(.discloseTraffic, 10), (.refuseDisclosure, 2)]
            }
        } else if file.kind == .mla && [.acknowledged, .executing, .sent].contains(file.state) {
            if file.proposedConditions == nil { options.append((.conditionsProposed, 7)) }
            options.append((.partiallyRefusedByCounterpart, 2))
        }
        let action = rng.weighted(options)
        var m = move(action, date, 0...6)
        switch action {
        case .note:
            m.inputs.note = rng.pick(DemoTexts.notes)
            if rng.chance(0.06) { m.then = { .void($0, reason: "Note entered on the wrong case") } }
        case .attach:
            let (note, name) = rng.pick(DemoTexts.attachments)
            m.inputs.note = note
            m.inputs.attachment = name
        case .statusInquiry:
            m.inputs.note = incoming ? "The requesting State asked for the status of the request" : "We asked the requested State for an update"
            if incoming { m.then = { _ in .statusReply } }
        case .assign:
            let others = world.officers.filter { $0 != officer }
            guard !others.isEmpty else { return nil }
            m.inputs.officer = rng.pick(others)
        case .costConsultation:
            m.inputs.note = "Execution needs a forensic examination of several terabytes: costs discussed (40.30)"
        case .setDeadline:
            m.inputs.until = m.date.adding(days: rng.int(15...60))
            m.inputs.reason = rng.pick(DemoTexts.deadlineReasons)
        case .confidentialityWarning:
            m.inputs.reason = "A court hearing on the production order will be public"
        case .discloseTraffic:
            var to = rng.weighted(world.counterparts)
            if to == file.counterpart { to = to == "USA" ? "NLD" : "USA" }
            m.inputs.to = to
            m.inputs.provider = rng.pick(DemoOffice.foreignProviders)
            m.inputs.note = "Traffic data show the connection came through this provider (43.1)"
        case .refuseDisclosure:
            m.inputs.grounds = [rng.pick(["40.21b", "40.21c"])]
            m.inputs.reason = DemoTexts.groundReasons[m.inputs.grounds[0]]
        case .conditionsProposed:
            m.inputs.conditions = rng.pick(DemoTexts.conditions)
            m.then = { _ in .answerConditions }
        case .partiallyRefusedByCounterpart:
            m.inputs.reason = "Content data refused; subscriber data will be provided"
        default:
            break
        }
        return m
    }

    // MARK: Grounds

    mutating func mlaGrounds(into inputs: inout ActionInputs) {
        if file.basis.isTreaty {
            inputs.grounds = ["treaty"]
            inputs.treatyArticle = "Art. \(rng.int(3...5))(1)(\(rng.pick(["a", "b", "c"])))"
            inputs.reason = "The treaty's ground for refusal applies: \(rng.pick(["essential interests", "the offence is of a political character", "double jeopardy"]))"
            return
        }
        var options: [(String, Int)] = [("40.21b", 25), ("40.21c", 25), ("40.21a", 10), ("40.21d", 8), ("40.22", 6),
                                        ("40.8-de-minimis", 8)]
        if file.offenceClass == .seriousCrime { options.append(("40.8-dual-criminality", 18)) }
        let ground = rng.weighted(options)
        inputs.grounds = [ground]
        inputs.reason = DemoTexts.groundReasons[ground]
    }

    mutating func preservationGround(into inputs: inout ActionInputs) {
        let ground = rng.weighted([("40.21b", 40), ("40.21c", 45), ("40.22", 15)])
        inputs.grounds = [ground]
        inputs.reason = DemoTexts.groundReasons[ground]
    }

    mutating func withdrawal(_ date: CivilDate, _ range: ClosedRange<Int>) -> Move {
        move(.withdraw, date, range, ActionInputs(reason: rng.pick(DemoTexts.withdrawReasons)))
    }

    mutating func closing(_ date: CivilDate) -> Move? {
        rng.chance(0.88) ? move(.close, date, 5...45, ActionInputs(note: maybeNote(0.15))) : nil
    }
}

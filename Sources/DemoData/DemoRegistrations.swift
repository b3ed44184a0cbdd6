import Casework
import Foundation

extension DemoSimulation {
    /// Registers a root case on its received date.
    mutating func open(_ root: RootCase) -> Int? {
        var rng = SeededRandom(seed: root.seed)
        var story = DemoOffences.story(&rng)
        while root.workflow.kind == .preservation && story.purposes == [.service] {
            story = DemoOffences.story(&rng)
        }
        let counterpart = rng.weighted(counterparts)
        let officer = rng.weighted(officers.map { ($0.name, $0.role == .supervisor ? 1 : 4) })
        let registration = makeRegistration(root.workflow, story: story, counterpart: counterpart,
                                            received: root.received, officer: officer, rng: &rng)
        let registrar = rng.chance(0.2) ? rng.pick(officers.filter { $0.role == .supervisor }.map(\.name) + [officer]) : officer
        return register(registration.registration, story: story, officer: officer, registrar: registrar,
                            missing: registration.missing, rng: rng)
    }

    /// Registers the follow-up MLA request of preservation `index` (42.8) on `date`: same
    /// counterpart, same facts, stored data sought. Nil when the demo has no room left.
    mutating func openFollowUp(of index: Int, on date: CivilDate) -> Int? {
        guard reserveFollowUp() else { return nil }
        let parent = agents[index]
        var rng = agents[index].rng.fork()
        var story = parent.story
        story.purposes = story.purposes.filter { $0 != .service && $0 != .realtimeTraffic }
        if !story.purposes.contains(.storedData) { story.purposes.insert(.storedData, at: 0) }
        story.title = "Follow-up to preservation: \(story.title)"
        let workflow = WorkflowID(parent.file.direction, .mla)
        var made = makeRegistration(workflow, story: story, counterpart: parent.file.counterpart,
                                    received: date, officer: parent.officer, rng: &rng)
        made.registration.urgency = parent.file.urgency
        // INTERPOL carries urgent requests only (40.12(d)).
        if made.registration.channel == .interpol && !parent.file.urgency.isUrgent { made.registration.channel = .centralAuthority }
        made.registration.oral = false
        made.registration.confidential = parent.file.confidential
        made.registration.noUserNotice = parent.file.noUserNotice
        // A follow-up is drafted with everything the preservation request already said.
        for (item, value) in made.missing { made.registration.items[item] = value }
        guard let child = register(made.registration, story: story, officer: parent.officer,
                                 registrar: parent.officer, missing: [:], rng: rng) else { return nil }
        agents[child].parent = index
        agents[index].followUp = child
        return child
    }

    private mutating func register(_ registration: Registration, story: OffenceStory, officer: String,
                                   registrar: String, missing: [ChecklistItemID: String],
                                   rng: SeededRandom) -> Int? {
        var rng = rng
        let caseID = rng.uuid(), eventID = rng.uuid()
        var pace = rng.weighted([(1.0, 66), (1.8, 20), (3.5, 9), (10.0, 5)])
        // Urgent MLA requests and vulnerable data are handled first (40.13, 44.3): expedited targets.
        if registration.kind == .mla && (registration.urgency.isUrgent || registration.dataVulnerable) { pace *= 0.4 }
        let lateness = Self.lateness(&rng)
        let start = dayStart(registration.received)
        let now = Date(timeIntervalSince1970: TimeInterval(start + 8 * 3600 + rng.int(0...(9 * 3600))))
        let context = CaseContext(today: registration.received, now: now, actor: registrar, role: role(of: registrar),
                                  policy: policy, holidays: holidays, makeID: { UUID() })
        let file: CaseFile
        do {
            file = try recorder.register(registration, caseID: caseID, eventID: eventID, context: context)
        } catch {
            refusalCount += 1
            if refusals.count < 20 { refusals.append("case new on \(registration.received): \(error.message)") }
            return nil
        }
        events += 1
        var agent = CaseAgent(file: file, rng: rng, story: story, officer: officer, pace: pace, lateness: lateness,
                              registration: registration, registeredAt: now, registrar: registrar,
                              registrationEventID: eventID)
        agent.missingItems = missing
        if registration.oral { agent.intents.append(.writtenConfirmation) }
        agents.append(agent)
        return agents.count - 1
    }

    struct MadeRegistration {
        var registration: Registration
        /// Required items left out of an outgoing draft, added by `edit` before sending.
        var missing: [ChecklistItemID: String]
    }

    func makeRegistration(_ workflow: WorkflowID, story: OffenceStory, counterpart: String,
                          received: CivilDate, officer: String, rng: inout SeededRandom) -> MadeRegistration {
        let incoming = workflow.direction == .incoming
        let mla = workflow.kind == .mla
        var purposes = mla ? story.purposes : []
        var urgency = story.urgency
        if urgency == .normal && rng.chance(0.06) { urgency = .urgent }
        if purposes.contains(.realtimeTraffic) && urgency == .normal { purposes.removeAll { $0 == .realtimeTraffic } }
        if mla && purposes.isEmpty { purposes = [.evidence] }
        var basis = LegalBasis.convention
        if mla {
            if let treaty = DemoOffice.treaties[counterpart], rng.chance(0.75) { basis = .treaty(treaty) }
            else if rng.chance(0.06) { basis = .other }
        }
        let channel: Channel
        if workflow.kind == .preservation {
            channel = rng.chance(0.6) ? .network247 : .centralAuthority
        } else if urgency.isUrgent && rng.chance(0.2) {
            channel = .interpol
        } else {
            channel = rng.weighted([(.centralAuthority, 80), (.diplomatic, 14), (.other, 6)])
        }
        let confidential = story.confidential || rng.chance(0.08)
        var r = Registration(
            direction: workflow.direction, kind: workflow.kind, counterpart: counterpart, received: received,
            title: story.title, facts: story.facts, offence: story.offence,
            offenceClass: rng.chance(0.9) ? story.offenceClass : .unspecified, purposes: purposes,
            urgency: urgency, dataVulnerable: story.dataVulnerable || (workflow.kind == .preservation && rng.chance(0.3)),
            oral: incoming && urgency.isUrgent && rng.chance(0.35),
            confidential: confidential, noUserNotice: confidential && rng.chance(0.6),
            channel: channel, basis: basis, officer: officer)
        if incoming && rng.chance(0.15) {
            r.requestedDeadline = received.adding(days: rng.int(mla ? 20...120 : 5...30))
            r.requestedDeadlineReason = rng.pick(DemoTexts.deadlineReasons)
        }
        r.items = items(for: r, story: story, rng: &rng)
        var missing: [ChecklistItemID: String] = [:]
        if !incoming && rng.chance(0.15) {
            let required = Checklists.specs(kind: r.kind, purposes: r.purposes).filter { $0.required }.map(\.item)
            for item in required.prefix(rng.int(1...2)).reversed() where r.items[item] != nil {
                missing[item] = r.items[item]
                r.items[item] = nil
            }
        }
        return MadeRegistration(registration: r, missing: missing)
    }

    /// Checklist items as the request states them (incoming) or as we drafted them (outgoing).
    func items(for r: Registration, story: OffenceStory, rng: inout SeededRandom) -> [ChecklistItemID: String] {
        let authority = r.direction == .incoming ? rng.pick(DemoOffice.foreignAuthorities) : rng.pick(DemoOffice.domesticAuthorities)
        let file = "\(rng.pick(["Investigation", "Case", "Proceedings", "File"])) \(r.received.year - rng.int(0...1))/\(rng.int(100...9999))"
        var items: [ChecklistItemID: String] = [:]
        switch r.kind {
        case .mla:
            items[.requestingAuthority] = authority
            items[.proceeding] = "\(file): criminal investigation conducted by \(authority)"
            items[.facts] = story.facts
            items[.assistanceSought] = "Production of \(story.data)"
            if rng.chance(0.6) { items[.personsItems] = DemoTexts.identifiers(&rng) }
            if rng.chance(0.5) { items[.period] = DemoTexts.period(before: r.received, &rng) }
            items[.purpose] = rng.pick(DemoTexts.purposes)
            if r.purposes.contains(.realtimeTraffic) {
                items[.factsNature] = story.facts
                items[.dataRelationship] = "Traffic data of the account used to send the threats"
                items[.ownerLocation] = rng.chance(0.3) ? noneAvailable : DemoTexts.identifiers(&rng)
                items[.justification] = "Imminent risk to the life of a person (art. 2(o))"
                items[.collectionPeriod] = "30 days from the order: the time needed to locate the suspect"
            }
        case .preservation:
            items[.requestingAuthority] = authority
            items[.offenceFacts] = "\(story.offence). \(story.facts)"
            items[.dataToPreserve] = story.data.prefix(1).uppercased() + story.data.dropFirst()
            items[.custodianLocation] = rng.chance(0.25) ? noneAvailable : rng.pick(DemoOffice.custodians)
            items[.necessity] = "Logs are kept for a short period only; the data may be deleted before an MLA request can be executed"
            items[.mlaIntention] = "A request for mutual legal assistance will follow within 60 days"
            if r.confidential { items[.confidentiality] = "Do not notify the account holder" }
        }
        return items
    }
}

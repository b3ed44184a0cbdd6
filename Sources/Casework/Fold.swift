import Foundation

extension Engine {
    /// The case as its events make it: events in append order; voided ones (and the voids
    /// themselves) are kept in the history but skipped for the state. Pure and deterministic,
    /// so folding twice gives the same case.
    public static func fold(_ events: [CaseEvent]) -> CaseFile {
        var voids = Dictionary(events.filter { $0.action == .void }
            .compactMap { e in e.payload.voidedEvent.map { ($0, e.id) } }, uniquingKeysWith: { first, _ in first })
        // A resolved conflict voids the branches not kept.
        for resolution in events where resolution.action == .resolveConflict {
            for id in resolution.payload.voidedEvents ?? [] where voids[id] == nil { voids[id] = resolution.id }
        }
        let divergences = events.filter { $0.action == .diverged }
        var copyOf: [UUID: String] = [:]
        for d in divergences {
            for branch in d.payload.branches ?? [] {
                for id in branch.events where copyOf[id] == nil { copyOf[id] = branch.copy }
            }
        }
        let events = copyOf.isEmpty ? events : mergedOrder(events, copyOf: copyOf)
        guard let first = events.first else {
            return CaseFile(id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), ref: "",
                            direction: .incoming, kind: .mla, state: .received,
                            received: CivilDate(dayNumber: 0))
        }
        let registration = first.payload.registration
        let direction = registration?.direction ?? .incoming
        let kind = registration?.kind ?? .mla
        let table = Workflow.table(for: WorkflowID(direction, kind))
        var file = CaseFile(id: first.caseID, ref: first.payload.ref ?? "", direction: direction, kind: kind,
                            state: table.initial, received: registration?.received ?? first.effective)
        if let r = registration {
            file.counterpart = r.counterpart; file.title = r.title; file.facts = r.facts
            file.offence = r.offence; file.offenceClass = r.offenceClass; file.purposes = r.purposes
            file.urgency = r.urgency; file.dataVulnerable = r.dataVulnerable; file.receivedOrally = r.oral
            file.confidential = r.confidential; file.noUserNotice = r.noUserNotice; file.channel = r.channel
            file.basis = r.basis; file.requestedDeadline = r.requestedDeadline
            file.requestedDeadlineReason = r.requestedDeadlineReason
            file.officer = r.officer ?? first.actor; file.items = r.items
            file.theirRef = r.theirRef
        }
        file.registeredBy = first.actor
        file.latestEffective = first.effective

        for (index, event) in events.enumerated() {
            fileEvent(event, isFirst: index == 0, voidedBy: voids[event.id], copy: copyOf[event.id], into: &file, table: table)
        }
        if !divergences.isEmpty { markDivergence(divergences, in: &file, table: table) }
        return file
    }

    /// One event added to the case folded so far: `voidedBy`, the void among all the events
    /// folded that voids it, if any; `copy`, the copy whose branch it is on (issue 13), if any.
    static func fileEvent(_ event: CaseEvent, isFirst: Bool, voidedBy: UUID?, copy: String? = nil,
                          into file: inout CaseFile, table: Workflow) {
        var filed = FiledEvent(event: event, voided: voidedBy != nil, voidedBy: voidedBy)
        filed.copy = copy
        // The registration cannot be voided (the engine refuses it); a stray one is ignored.
        if isFirst {
            filed.voided = false; filed.voidedBy = nil
            filed.fromState = nil; filed.toState = file.state
            file.events.append(filed)
            return
        }
        if event.action == .void {
            file.latestEffective = max(file.latestEffective, event.effective)
            file.events.append(filed)
            return
        }
        if filed.voided {
            file.events.append(filed)
            return
        }
        // In merged order, an event of a copy's branch the table does not declare from here
        // (the other copy moved the case on) is kept but not applied.
        if filed.copy != nil, let action = event.action, ![.diverged, .purge].contains(action),
           table.action(action)?.target(from: file.state) == nil {
            filed.notApplied = true
            file.events.append(filed)
            return
        }
        let before = file.state
        apply(event, to: &file, table: table)
        filed.fromState = before
        filed.toState = file.state
        file.latestEffective = max(file.latestEffective, event.effective)
        file.events.append(filed)
    }

    /// The case's events with every event of a copy's branch moved to where the first of them
    /// was, in merged order: effective date, then recorded time, then id. The events both copies
    /// had keep their order, so each copy, whatever order it received the branches in, folds
    /// the same case. The registration always stays first.
    static func mergedOrder(_ events: [CaseEvent], copyOf: [UUID: String]) -> [CaseEvent] {
        var common: [CaseEvent] = [], branched: [CaseEvent] = [], at: Int?
        for (index, event) in events.enumerated() {
            if index > 0, copyOf[event.id] != nil {
                if at == nil { at = common.count }
                branched.append(event)
            } else {
                common.append(event)
            }
        }
        guard let at else { return events }
        branched.sort { a, b in
            (a.effective, a.recorded, a.id.uuidString) < (b.effective, b.recorded, b.id.uuidString)
        }
        common.insert(contentsOf: branched, at: at)
        return common
    }

    /// Whether an action moves a case (a void may undo a move): what makes two branches conflict.
    static func changesState(_ event: CaseEvent, table: Workflow) -> Bool {
        guard let action = event.action else { return false }
        if action == .void { return true }
        return table.action(action)?.transitions.contains { $0.to != .same } ?? false
    }

    /// The conflict mark (two copies' branches each hold a state-changing action still standing)
    /// and the fields both copies edited.
    static func markDivergence(_ divergences: [CaseEvent], in file: inout CaseFile, table: Workflow) {
        let standing = Dictionary(file.events.filter { !$0.voided }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var open: [String: [UUID]] = [:], copies: [String] = []
        var edited = Set<String>()
        for d in divergences {
            let branches = (d.payload.branches ?? []).map { branch in
                (branch.copy, branch.events.compactMap { standing[$0] })
            }
            let moving = branches.filter { $0.1.contains { changesState($0.event, table: table) } }
            if moving.count >= 2 {
                for (copy, filed) in branches {
                    if open[copy] == nil { copies.append(copy) }
                    open[copy, default: []] += filed.map(\.id)
                }
            }
            var fieldsBy: [String: Set<String>] = [:]
            for (copy, filed) in branches {
                for f in filed where f.action == .edit || f.action == .assign {
                    fieldsBy[copy, default: []].formUnion(editedFields(f.event.payload.edits))
                }
            }
            for (copy, fields) in fieldsBy {
                for (other, theirs) in fieldsBy where other != copy { edited.formUnion(fields.intersection(theirs)) }
            }
        }
        file.editedOnTwoCopies = edited.sorted()
        guard !copies.isEmpty else { return }
        let position = Dictionary(file.events.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        file.conflict = CaseConflict(branches: copies.map { copy in
            CopyBranch(copy: copy, events: Array(Set(open[copy] ?? [])).sorted { position[$0] ?? 0 < position[$1] ?? 0 })
        })
    }

    static func editedFields(_ edits: CaseEdits?) -> Set<String> {
        guard let e = edits else { return [] }
        var fields = Set<String>()
        if e.title != nil { fields.insert("title") }
        if e.facts != nil { fields.insert("facts") }
        if e.offence != nil { fields.insert("offence") }
        if e.offenceClass != nil { fields.insert("offence-class") }
        if e.officer != nil { fields.insert("officer") }
        if e.theirRef != nil { fields.insert("their-ref") }
        for key in (e.items ?? [:]).keys { fields.insert("item:\(key.rawValue)") }
        return fields
    }

    /// One applied event: the state change of the table, then the event's effects on the case.
    static func apply(_ event: CaseEvent, to file: inout CaseFile, table: Workflow) {
        let before = file.state
        // The table decides the state; an event not declared from here (possible only after a
        // void) keeps the state and still records its data.
        if let action = event.action, let target = table.action(action)?.target(from: before) {
            switch target {
            case .state(let s): file.state = s
            case .same: break
            case .previous: file.state = file.returnState ?? before
            case .closedFrom: file.state = file.closedFrom ?? before
            }
        }
        if let action = event.action { applyEffects(of: action, event, to: &file, before: before) }
        if let link = event.payload.link { record(link, by: event.action, in: &file) }
    }

    /// What an action changes on the case besides its state.
    static func applyEffects(of action: Action, _ event: CaseEvent, to file: inout CaseFile, before: CaseState) {
        let p = event.payload
        switch action {
        case .requestInformation, .informationRequested:
            if file.state != before { file.returnState = before }
        case .close:
            if file.state == .closed && before != .closed { file.closedFrom = before }
        case .reopen:
            if before == .closed && file.state != .closed { file.closedFrom = nil }
        case .edit, .assign:
            if let edits = p.edits { apply(edits, to: &file) }
        case .setDeadline:
            file.requestedDeadline = p.until
            file.requestedDeadlineReason = p.reason
        case .execute:
            if let a = p.authority { file.executingAuthority = a }
            addLimitation(p.conditions, to: &file)
        case .complete, .executed:
            addLimitation(p.conditions, to: &file)
        case .conditionsProposed:
            file.proposedConditions = p.conditions
        case .acceptConditions:
            addLimitation(p.conditions ?? file.proposedConditions, to: &file)
            file.proposedConditions = nil
        case .declineConditions:
            file.proposedConditions = nil
        case .preserve, .extend, .confirmPreserved, .extensionGranted:
            applyPeriod(of: action, event, to: &file)
        case .send:
            if p.oral == true { file.sentOrally = true }
            if let c = p.channel { file.channel = c }
        case .confirmedInWriting, .writtenConfirmationReceived:
            file.confirmedInWriting = true
        case .purge:
            file.purgedOn = event.effective
        case .discloseTraffic:
            file.disclosures.append(TrafficDisclosure(on: event.effective, state: p.to ?? "",
                                                      provider: p.provider ?? "", disclosed: p.note ?? ""))
        default:
            break
        }
    }

    /// The preservation periods: ours (preserve, extend: 42.8, 42.9) and the counterpart's
    /// (confirm-preserved, extension-granted).
    static func applyPeriod(of action: Action, _ event: CaseEvent, to file: inout CaseFile) {
        let p = event.payload
        switch action {
        case .preserve:
            file.custodian = p.custodian
            file.preservedOn = event.effective
            file.preservationExpiry = event.effective.adding(days: p.days ?? 60)
            addLimitation(p.conditions, to: &file)
        case .extend:
            if let expiry = file.preservationExpiry { file.preservationExpiry = expiry.adding(days: p.days ?? 0) }
        case .confirmPreserved:
            file.counterpartPreservedOn = event.effective
            file.followUpDue = event.effective.adding(days: p.days ?? 60)
        case .extensionGranted:
            if let until = p.until { file.followUpDue = until }
            else if let due = file.followUpDue, let days = p.days { file.followUpDue = due.adding(days: days) }
        default:
            break
        }
    }

    /// A correction of the case's fields (`edit`) or its officer (`assign`); an empty item
    /// clears it.
    static func apply(_ e: CaseEdits, to file: inout CaseFile) {
        if let v = e.title { file.title = v }
        if let v = e.facts { file.facts = v }
        if let v = e.offence { file.offence = v }
        if let v = e.offenceClass { file.offenceClass = v }
        if let v = e.officer { file.officer = v }
        if let v = e.theirRef { file.theirRef = v.isEmpty ? nil : v }
        for (k, v) in e.items ?? [:] {
            if v.isEmpty { file.items[k] = nil } else { file.items[k] = v }
        }
    }

    /// A link named by an event: the follow-up MLA of a preservation (42.8), or a related case.
    static func record(_ link: LinkTarget, by action: Action?, in file: inout CaseFile) {
        let relation = [.mlaReceived, .sendMLA].contains(action) ? "follow-up-mla" : "related"
        guard !file.links.contains(where: { $0.id == link.id }) else { return }
        file.links.append(CaseLink(id: link.id, ref: link.ref, direction: link.direction, kind: link.kind,
                                   relation: relation))
    }

    private static func addLimitation(_ text: String?, to file: inout CaseFile) {
        guard let text = text?.trimmedOfWhitespace, !text.isEmpty,
              !file.useLimitations.contains(text) else { return }
        file.useLimitations.append(text)
    }
}

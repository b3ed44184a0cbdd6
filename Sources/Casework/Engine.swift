import Foundation

/// The pure workflow engine: registers cases, folds events into cases, decides actions, lists
/// what is allowed, and computes deadlines and checklists. Reads nothing but its arguments.
public enum Engine {}

extension Engine {
    /// The `registered` event of a new case, after checking `case new`'s inputs.
    public static func register(_ r: Registration, id: UUID, ref: String,
                                context: CaseContext) throws(CaseworkError) -> CaseEvent {
        let action = "case new"
        guard context.role.satisfies(.officer) else {
            throw CaseworkError(.forbiddenRole, action, "\(context.actor) is a viewer: viewers cannot register cases")
        }
        guard isISO3(r.counterpart) else {
            throw .usage(action, "\(field: .counterpart) needs an ISO 3166-1 alpha-3 code, not '\(r.counterpart)'")
        }
        // Cooperation is with another State Party (40.1, 42.1): never the office's own State.
        if !context.policy.stateCode.isEmpty && r.counterpart.uppercased() == context.policy.stateCode.uppercased() {
            throw .refused(action, "\(r.counterpart) is this office's own State: the counterpart is the other State of the request", article: "40.1",
                           rule: .ownState(r.counterpart.uppercased()))
        }
        if r.kind == .preservation && !r.purposes.isEmpty {
            throw .usage(action, "purposes apply to MLA requests only", article: "40.3")
        }
        if case .treaty(let name) = r.basis, name.trimmedOfSpaces.isEmpty {
            throw .usage(action, "a treaty \(field: .basis) needs the treaty's name: treaty:NAME")
        }
        try Checklists.validate(r.items, kind: r.kind, purposes: r.purposes, action: action)
        if r.received > context.today {
            throw .refused(action, "\(field: .received) \(r.received) is after today \(context.today)")
        }
        if r.oral {
            guard r.direction == .incoming else {
                throw .usage(action, "\(field: .oral) records an incoming request received orally; an outgoing request is sent orally with send --oral --agreed", article: "40.13")
            }
            guard r.urgency.isUrgent else {
                throw .refused(action, "a request may be made orally only in urgent circumstances: give \(field: .urgency) urgent or emergency", article: "40.13")
            }
        }
        // One home for this rule (the command line and the desk's form both come here): a
        // deadline and its reasons go together, and a missing one is a usage error (exit 2).
        if r.requestedDeadline != nil && blank(r.requestedDeadlineReason) {
            throw .usage(action, "a requested deadline needs its reasons (\(field: .deadlineReason))", article: "40.26")
        }
        if r.requestedDeadline == nil && !blank(r.requestedDeadlineReason) {
            throw .usage(action, "\(field: .deadlineReason) needs \(field: .deadline)")
        }
        if let officer = r.officer, blank(officer) {
            throw .usage(action, "\(field: .officer) may not be empty")
        }
        var registration = r
        if registration.officer == nil { registration.officer = context.actor }
        registration.theirRef = blank(r.theirRef) ? nil : r.theirRef!.trimmedOfWhitespace
        let table = Workflow.table(for: r.workflow)
        return CaseEvent(id: context.makeID(), caseID: id, type: .registered, actor: context.actor,
                         recorded: context.now, effective: r.received,
                         payload: EventPayload(registration: registration, ref: ref, toState: table.initial))
    }

    /// The events an action records on a case, or the first rule it breaks. Checks run from the
    /// most basic to the most specific (WORKFLOWS.md §6): role, inputs, state, remaining guards.
    /// A refused action returns nothing and changes nothing.
    public static func decide(_ action: Action, _ inputs: ActionInputs, on file: CaseFile,
                              context: CaseContext) throws(CaseworkError) -> [CaseEvent] {
        guard let spec = file.table.action(action) else { throw notInWorkflow(action, file: file) }
        // 1. Role.
        try checkRole(spec, context: context)
        // 2. Inputs.
        let on = try effectiveDate(spec, inputs, file: file, context: context)
        let grounds = try checkInputs(spec, inputs, file: file, context: context, on: on)
        // 3. State.
        guard let target = spec.target(from: file.state) else {
            throw stateError(spec, file: file)
        }
        // 4. Remaining guards.
        try checkCaseGuards(spec, file: file, context: context, on: on)
        let reliedOn = try checkInputGuards(spec, inputs, grounds: grounds, file: file, context: context, on: on)

        let toState: CaseState
        switch target {
        case .state(let s): toState = s
        case .same: toState = file.state
        case .previous: toState = file.returnState ?? file.state
        case .closedFrom: toState = file.closedFrom ?? file.state
        }
        var event = CaseEvent(id: context.makeID(), caseID: file.id, type: .action(spec.name), actor: context.actor,
                              recorded: context.now, effective: on,
                              payload: try makePayload(spec, inputs, grounds: grounds, file: file, context: context,
                                                   from: file.state, to: toState, reliedOn: reliedOn))
        if spec.name == .void || spec.name == .resolveConflict {
            // The case is recomputed as if the voided event had not happened.
            event.payload.toState = fold(file.events.map(\.event) + [event]).state
        }
        return [event]
    }

    /// The actions the acting officer may take now (role, state, and the guards that do not
    /// depend on what is typed), judged as of today.
    public static func allowedActions(for file: CaseFile, context: CaseContext) -> [ActionSpec] {
        file.table.actions.filter { precheck($0.name, on: file, context: context) == nil }
    }

    /// The actions of the case's current state that a rule holds back now (not the role), each
    /// with the refusal that names the rule and its article: "release — art. 42.8 …".
    public static func heldBack(for file: CaseFile, context: CaseContext) -> [CaseworkError] {
        let allowed = Set(allowedActions(for: file, context: context).map(\.name))
        return file.table.actions.compactMap { spec in
            guard !allowed.contains(spec.name), spec.scope == .rows, spec.target(from: file.state) != nil,
                  let why = precheck(spec.name, on: file, context: context), why.kind != .forbiddenRole else { return nil }
            return why
        }
    }

    /// Why an action cannot be taken now, before any input is given; nil when it can.
    public static func precheck(_ action: Action, on file: CaseFile, context: CaseContext) -> CaseworkError? {
        guard let spec = file.table.action(action) else { return notInWorkflow(action, file: file) }
        do {
            try checkRole(spec, context: context)
            guard spec.target(from: file.state) != nil else { return stateError(spec, file: file) }
            try checkCaseGuards(spec, file: file, context: context, on: context.today)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Role

    static func checkRole(_ spec: ActionSpec, context: CaseContext) throws(CaseworkError) {
        guard context.role != .viewer else {
            throw CaseworkError(.forbiddenRole, spec.name.rawValue, "\(context.actor) is a viewer: viewers cannot act on cases")
        }
        guard context.role.satisfies(spec.minimumRole) else {
            throw CaseworkError(.forbiddenRole, spec.name.rawValue, "only a supervisor may \(spec.name) (\(context.actor) is \(context.role.rawValue))")
        }
    }

    // MARK: - State

    /// The actions 40.28 puts behind a consultation (refusing under para. 21, postponing under 27).
    static let consultationGated: Set<Action> = [.refuse, .partialRefusal, .postpone]

    /// An action another workflow declares: a usage error naming where to look.
    static func notInWorkflow(_ action: Action, file: CaseFile) -> CaseworkError {
        .usage(action, "not an action of \(file.workflow) cases (see cadesk workflow --direction \(file.direction.rawValue) --kind \(file.kind.rawValue))")
    }

    static func stateError(_ spec: ActionSpec, file: CaseFile) -> CaseworkError {
        let from = spec.from.map(\.rawValue).joined(separator: ", ")
        let article = spec.article.isEmpty ? nil : spec.article
        if file.state == .closed {
            return .refused(spec.name, "the case is closed (a supervisor may reopen it); \(spec.name) is allowed from: \(from)", article: article,
                            rule: .closed)
        }
        // Refusing and postponing wait for a consultation (40.28) that can be opened from here:
        // that is the rule in the way, not the action's own article.
        if consultationGated.contains(spec.name), spec.from.contains(.consultation),
           file.table.action(.consult)?.target(from: file.state) != nil {
            // Under a treaty 40.28 is among the paragraphs it replaces (40.7): the table's rule remains.
            return .refused(spec.name, "consult the requesting State first (consult): \(spec.name) is allowed from consultation, not from \(file.state.rawValue)",
                            article: file.basis.isTreaty ? nil : "40.28", officeRule: treatyConsultationRule, rule: .consultFirst)
        }
        return .refused(spec.name, "not allowed in state \(file.state.rawValue); allowed from: \(from.isEmpty ? "no state" : from)", article: article,
                        rule: .notInState(file.state))
    }
}

/// Under a treaty paras 27–28 of art. 40 are displaced (40.7): consulting first is the office's rule.
let treatyConsultationRule = "office practice; under a treaty art. 40.28 is displaced, art. 40.7"

func blank(_ text: String?) -> Bool {
    (text ?? "").unicodeScalars.allSatisfy(isWhitespaceOrNewline)
}

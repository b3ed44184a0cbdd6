import CaseStore
import Casework
import Foundation
import TerminalKit

/// Registering a case: first the kind of request, then a form for that direction and kind with
/// its content checklist (40.15, 42.3, 45.3). The new reference is shown on save.
enum NewCaseForm {
    static func pickKind(state: inout DeskState, env: DeskEnvironment) {
        guard env.session.role != .viewer else {
            state.message = .error("\(env.session.officer) is a viewer: viewers cannot register cases")
            return
        }
        let options = WorkflowID.all.map { w in
            FormOption(value: "\(w.direction.rawValue) \(w.kind.rawValue)", label: Phrases.workflowName(w),
                       detail: detail(w))
        }
        state.overlays.append(.picker(Picker(purpose: .newCase, title: "New case",
                                             intro: "What kind of request?", options: options)))
    }

    /// What each kind of request is, in a line with its article, so a newcomer picks the right one.
    static func detail(_ w: WorkflowID) -> String {
        switch (w.direction, w.kind) {
        case (.incoming, .mla): return "a State asks us for evidence (art. 40)"
        case (.incoming, .preservation): return "a State asks us to keep data (art. 42)"
        case (.outgoing, .preservation): return "we ask a State to keep data (art. 42)"
        case (.outgoing, .mla): return "we ask a State for evidence (art. 40)"
        }
    }

    static func open(_ choice: String, state: inout DeskState, env: DeskEnvironment) {
        let parts = choice.split(separator: " ").map(String.init)
        guard parts.count == 2, let direction = Direction(rawValue: parts[0]), let kind = RequestKind(rawValue: parts[1]) else { return }
        open(direction: direction, kind: kind, state: &state, env: env)
    }

    /// The form of a new case; `followUpOf`: the preservation a new MLA follows up, from which
    /// the form is prefilled (same State, stored data, authority, offence, facts, marks).
    static func open(direction: Direction, kind: RequestKind, followUpOf source: CaseFile? = nil,
                     state: inout DeskState, env: DeskEnvironment) {
        let today = env.session.today.description
        let from = source
        var fields: [FormField] = [
            .line("counterpart", direction == .incoming ? "Requesting State" : "Requested State", from?.counterpart ?? "",
                  note: "code or name: FRA, Fra…", required: true),
        ]
        if kind == .mla {
            fields.append(.line("follow-up", "Follow-up of", from?.ref ?? "", note: "a preservation, optional (art. 42.8)"))
        }
        fields += [
            .date("received", Phrases.label(.received, direction: direction), today, required: true),
            .line("title", "Title", from.map { $0.purgedOn == nil ? $0.title : "" } ?? ""),
            .area("facts", "Facts", from?.facts ?? "", rows: 3),
            .line("offence", "Offence", from?.offence ?? ""),
            .choice("offence-class", "Offence class", OffenceClass.allCases.map { FormOption($0.rawValue) },
                    selected: OffenceClass.allCases.firstIndex(of: from?.offenceClass ?? .unspecified) ?? 0),
        ]
        if kind == .mla {
            // The follow-up of a preservation asks for the preserved data: stored data, art. 44.
            let ticked: Set<Int> = from == nil ? [] : Set(Purpose.allCases.firstIndex(of: .storedData).map { [$0] } ?? [])
            fields.append(.checks("purposes", "Purposes (art. 40.3):", Purpose.allCases.map {
                FormOption(value: $0.rawValue, label: $0.rawValue, detail: "\(Phrases.purposeName($0)), art. \($0.article)")
            }, ticked: ticked))
        }
        fields += [
            .choice("urgency", "Urgency", Urgency.allCases.map { FormOption($0.rawValue) },
                    selected: Urgency.allCases.firstIndex(of: from?.urgency ?? .normal) ?? 0),
            .toggle("data-vulnerable", "Data vulnerable", from?.dataVulnerable ?? false, note: "expedite, art. 44.3(a)"),
        ]
        if direction == .incoming { fields.append(.toggle("oral", "Received orally", note: "urgent only, art. 40.13")) }
        fields += [
            .toggle("confidential", "Confidential", from?.confidential ?? false, note: "art. 40.20"),
            .toggle("no-user-notice", "Do not notify the user", from?.noUserNotice ?? false, note: "art. 42.3(g)"),
            .choice("channel", "Channel", Channel.allCases.map { FormOption($0.rawValue) }),
            .line("basis", "Legal basis", "convention", note: "convention, treaty:NAME, other"),
            .date("deadline", "Requested deadline", note: "YYYY-MM-DD, optional"),
            .line("deadline-reason", "Deadline reasons", note: "art. 40.26"),
            FormField.officer(state.officers, current: env.session.officer),
        ]
        // Every item the kind can ask for, the real-time ones (art. 45.3) included.
        let specs = Checklists.specs(kind: kind, purposes: [.realtimeTraffic])
        var seen = Set<ChecklistItemID>()
        for spec in specs where seen.insert(spec.item).inserted {
            var note = spec.required ? "" : "optional"
            if spec.anyAvailable { note = "or none-available" }
            if spec.article.hasPrefix("45.3") { note = "real-time traffic only" }
            fields.append(.line("item:\(spec.item.rawValue)", "\(spec.article) \(spec.label)", from.flatMap { carried(spec.item, from: $0) } ?? "",
                                note: note, stacked: true))
        }
        let w = WorkflowID(direction, kind)
        var intro = ["Checklist items: " + (kind == .mla ? "art. 40.15 (45.3 for real-time traffic data)" : "art. 42.3")
                     + (direction == .outgoing ? "; required before sending" : "")]
        if let from {
            intro.insert(direction == .incoming
                ? "Prefilled from \(from.ref). Register also records mla-received on it (art. 42.8)."
                : "Prefilled from \(from.ref). Drafted and linked to it; send-mla is recorded on it when you send this request (art. 42.8).", at: 0)
        }
        state.overlays.append(.form(FormDialog(
            purpose: .newCase(direction, kind), title: from.map { "Follow-up MLA of \($0.ref)" } ?? "New \(Phrases.workflowName(w))",
            intro: intro, form: Form(fields, submitLabel: "Register"))))
        ReferenceField.refreshNote(state: &state, env: env)
    }

    /// A checklist item of the follow-up MLA taken from its preservation's request: the same
    /// authority (40.15(a) from 42.3(a)), the facts (40.15(c) from 42.3(b)).
    static func carried(_ item: ChecklistItemID, from preservation: CaseFile) -> String? {
        switch item {
        case .requestingAuthority: return preservation.items[.requestingAuthority]
        case .facts: return preservation.items[.offenceFacts]
        default: return nil
        }
    }

    /// The State typed by code or by name; what matches no State is left to the engine, which
    /// says which codes it knows.
    static func counterpartCode(_ typed: String, env: DeskEnvironment) throws -> String {
        let found = StateLookup.find(typed, in: (try? env.store.directory()) ?? [])
        switch found {
        case .one(let entry): return entry.iso3
        case .none: return typed.uppercased()
        case .several: throw FormMistake(StateLookup.mistake(typed, found, field: "State") ?? "")
        }
    }

    static func submit(_ dialog: FormDialog, state: inout DeskState, env: DeskEnvironment) {
        guard case .newCase(let direction, let kind) = dialog.purpose else { return }
        var dialog = dialog
        guard dialog.form.validate() else {
            dialog.form.error = Phrases.correctWhatIsMarked
            state.overlays[state.overlays.count - 1] = .form(dialog)
            return
        }
        let form = dialog.form
        do {
            guard let received = CivilDate(entered: form.text("received")) else {
                throw FormMistake("\(Phrases.label(.received, direction: direction)): expected a date YYYY-MM-DD from 1900 to 2199, found “\(form.text("received"))”")
            }
            let counterpart = try counterpartCode(form.text("counterpart"), env: env)
            guard let basis = LegalBasis(form.text("basis")) else {
                throw FormMistake("Legal basis: write convention, treaty:NAME or other")
            }
            var deadline: CivilDate?
            if !form.text("deadline").isEmpty {
                guard let d = CivilDate(entered: form.text("deadline")) else {
                    throw FormMistake("Requested deadline: expected a date YYYY-MM-DD from 1900 to 2199")
                }
                deadline = d
            }
            var items: [ChecklistItemID: String] = [:]
            for field in form.fields where field.id.hasPrefix("item:") {
                let text = form.text(field.id)
                if !text.isEmpty, let id = ChecklistItemID(rawValue: String(field.id.dropFirst(5))) { items[id] = text }
            }
            let reason = form.text("deadline-reason")
            let registration = Registration(
                direction: direction, kind: kind, counterpart: counterpart, received: received,
                title: form.text("title"), facts: form.text("facts"), offence: form.text("offence"),
                offenceClass: OffenceClass(rawValue: form.text("offence-class")) ?? .unspecified,
                purposes: form.choices("purposes").compactMap(Purpose.init(rawValue:)),
                urgency: Urgency(rawValue: form.text("urgency")) ?? .normal,
                dataVulnerable: form.flag("data-vulnerable"), oral: form.flag("oral"),
                confidential: form.flag("confidential"), noUserNotice: form.flag("no-user-notice"),
                channel: Channel(rawValue: form.text("channel")) ?? .centralAuthority, basis: basis,
                requestedDeadline: deadline, requestedDeadlineReason: reason.isEmpty ? nil : reason,
                officer: form.text("officer").isEmpty ? nil : form.text("officer"), items: items)
            // The preservation it follows up: the engine judges the link before anything is written.
            let followed = kind == .mla ? try FollowUpMLA.preservation(form.text("follow-up"), direction: direction, env: env) : nil
            if let followed { try FollowUpMLA.check(registration, preservation: followed, context: try env.context()) }
            let file = try env.store.register(registration, actor: env.session.officer, today: env.session.today,
                                              now: env.session.now())
            let message = followed.map { FollowUpMLA.link(file, to: $0, env: env) } ?? .info("registered \(file.ref)")
            state.overlays.removeLast()
            state.reloadAll(env)
            state.tab = .cases
            state.openCase(.id(file.id), env: env)
            state.message = message
        } catch let mistake as FormMistake {
            dialog.form.error = mistake.message
            state.overlays[state.overlays.count - 1] = .form(dialog)
        } catch {
            dialog.form.error = DeskState.describe(error, direction: direction)
            state.overlays[state.overlays.count - 1] = .form(dialog)
        }
    }
}

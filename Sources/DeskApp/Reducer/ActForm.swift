import CaseStore
import Casework
import Foundation
import TerminalKit

/// The act dialog: the actions the engine allows this officer now, then a form with exactly the
/// inputs the chosen action requires or permits. The engine decides; the store records; a
/// refusal is shown in the dialog with its article, and nothing typed is lost.
enum ActForm {
    /// Opens the list of allowed actions for a case.
    /// `seen` is the case's latest event as the screen showed it; from the list, the state the
    /// picker itself shows is what the officer decides on.
    static func pick(caseID: UUID, seen: UUID? = nil, state: inout DeskState, env: DeskEnvironment) {
        do {
            let (file, context) = try snapshot(caseID, env)
            let allowed = Engine.allowedActions(for: file, context: context)
            guard !allowed.isEmpty else {
                state.message = .error("\(file.ref): no action is open to \(context.actor) (\(context.role.rawValue)) in state \(file.state.rawValue)")
                return
            }
            var options = allowed.map { spec in
                FormOption(value: spec.name.rawValue, label: spec.name.rawValue,
                           detail: spec.help + (spec.article.isEmpty ? "" : " (art. \(spec.article))"))
            }
            // The follow-up MLA not registered yet: registering it from here records the link too.
            let follow = FollowUpMLA.action(for: file)
            if file.kind == .preservation, let i = options.firstIndex(where: { $0.value == follow.rawValue }) {
                options.insert(FormOption(value: followUpChoice, label: "new follow-up MLA",
                                          detail: "register it prefilled from this case, and \(follow.rawValue) (art. 42.8)"), at: i + 1)
            }
            // Actions of this state held back by a rule (not by the role): say why, the article
            // first, so a narrow dialog still shows the rule.
            let notNow = Engine.heldBack(for: file, context: context).map { why in
                "not now: \(why.action)\(why.citation.map { " (\($0))" } ?? ""): \(why.text.phrased { "“\(Phrases.label($0, for: Action(rawValue: why.action)))”" })"
            }
            state.overlays.append(.picker(Picker(
                purpose: .act(caseID: caseID, ref: file.ref, seen: seen ?? file.events.last?.id), title: "Act on \(file.ref)",
                intro: "In state \(file.state.rawValue), \(context.actor) (\(context.role.rawValue)) may:",
                options: options, notNow: notNow)))
        } catch { state.fail(error) }
    }

    /// The act dialog's choice that registers the follow-up MLA (not an action of the engine).
    static let followUpChoice = "+follow-up-mla"

    /// The case and the officer's deciding context (linked cases included), read together.
    static func snapshot(_ caseID: UUID, _ env: DeskEnvironment) throws -> (CaseFile, CaseContext) {
        let snapshot = try env.snapshot(.id(caseID))
        return (snapshot.file, snapshot.context)
    }

    /// Opens the form of one action.
    /// `seen`: the event the officer last saw; the save is refused as stale if the case moved
    /// on since (checked in the same transaction as the append), so a stale desk cannot
    /// apply a decision twice.
    static func open(action: Action, caseID: UUID, seen: UUID? = nil, state: inout DeskState, env: DeskEnvironment) {
        do {
            let (file, context) = try snapshot(caseID, env)
            if let why = Engine.precheck(action, on: file, context: context) {
                state.message = .error(Phrases.refusal(why))
                return
            }
            guard let spec = file.table.action(action) else { return }
            var fields = self.fields(for: spec, file: file, context: context, officers: state.officers)
            // The follow-up request's only plausible case is offered at once (the engine still
            // judges it on save).
            if spec.name != .link, let i = fields.firstIndex(where: { $0.id == "link" }) {
                let fits = ReferenceField.candidates(linking: spec.name, from: file, env: env)
                if fits.count == 1 { fields[i].input = .line(TextInput(fits[0].ref)) }
            }
            var intro = [spec.help + (spec.article.isEmpty ? "" : " (art. \(spec.article))")]
            if spec.required.isEmpty && spec.optional.isEmpty { intro.append("Nothing else to fill in: save to record it.") }
            let title = "\(Phrases.actionTitle(spec.name)) \(file.ref)"
            state.overlays.append(.form(FormDialog(
                purpose: .act(caseID: caseID, ref: file.ref, action: spec.name, basedOn: seen ?? file.events.last?.id),
                title: title, intro: intro,
                form: Form(fields, submitLabel: Phrases.actionTitle(spec.name)))))
            ReferenceField.refreshNote(state: &state, env: env)
        } catch { state.fail(error) }
    }

    static func fields(for spec: ActionSpec, file: CaseFile, context: CaseContext, officers: [Officer]) -> [FormField] {
        var fields = (spec.required + spec.optional).flatMap {
            field(for: $0, spec: spec, file: file, context: context, officers: officers)
        }
        fields.append(.date("on", Phrases.label(.on, for: spec.name), context.today.description))
        // What the action requires may not be left empty: the form says so under the field
        // before the engine is asked (which would name the command line's option).
        let required = Set(spec.required.map(\.rawValue))
        for i in fields.indices where required.contains(fields[i].id) { fields[i].required = true }
        return fields
    }

    /// The field (or, for checklist items, fields) of one input, labelled as `Phrases.label`.
    static func field(for input: ActionInput, spec: ActionSpec, file: CaseFile, context: CaseContext,
                      officers: [Officer]) -> [FormField] {
        func label(_ input: ActionInput) -> String { Phrases.label(input, for: spec.name) }
        let required = spec.required.contains(input)
        let need = required ? "required" : "optional"
        var out: [FormField] = []
        switch input {
        case .on:
            return []  // the effective date comes last, from `fields`
        case .ground:
            out.append(groundsField(spec, required: required, file: file, context: context))
        case .reason:
            let note = Engine.refusalActions.contains(spec.name)
                ? "— required (\(Engine.reasonsRule(spec.name, file: file).note))" : "— \(need)"
            // Refusing after consulting (40.28): the reasons given then are the start of the
            // written reasons now.
            let said = Engine.refusalActions.contains(spec.name) ? consultedReasons(file) ?? "" : ""
            out.append(.area("reason", label(.reason), said, rows: 3, note: note))
        case .proposal:
            let proposals = Proposal.allowed(for: file.kind)
            out.append(.choice("proposal", label(.proposal), proposals.map { FormOption($0.rawValue) }))
        case .days:
            let days = Engine.defaultDays(for: spec.name, policy: context.policy).map(String.init) ?? ""
            let note = spec.name == .preserve ? "\(PreservationPeriod.preservation.allowedText) (art. 42.8, 25.2)" : need
            out.append(.line("days", label(.days), days, note: note))
        case .until:
            out.append(.date("until", label(.until), note: "YYYY-MM-DD, \(need)"))
        case .link:
            out.append(.line("link", label(.link), note: "reference, \(need)"))
        case .authority, .conditions, .provider, .to, .treatyArticle, .attachment:
            // Plain text with nothing to start from: the field is named as the input.
            out.append(.line(input.rawValue, label(input), note: need))
        case .custodian:
            // The custodian the request named (42.3(d)) is who preserves, unless told otherwise.
            out.append(.line("custodian", label(.custodian), file.custodian ?? namedCustodian(file) ?? "", note: need))
        case .event:
            let events = Engine.voidableEvents(file).reversed()
            out.append(.choice("event", label(.event), events.map {
                FormOption(value: $0.id.uuidString, label: "\($0.event.effective) \($0.type)", detail: $0.event.actor)
            }))
        case .oral:
            out.append(.toggle("oral", label(.oral), note: "urgent only, art. 40.13"))
        case .agreed:
            out.append(.toggle("agreed", label(.agreed), note: "arts. 40.13, 40.12(d)"))
        case .channel:
            out.append(.choice("channel", label(.channel), Channel.allCases.map { FormOption($0.rawValue) },
                                  selected: Channel.allCases.firstIndex(of: file.channel) ?? 0))
        case .note:
            out.append(.area("note", label(.note), rows: 2, note: "— \(need)"))
        case .title:
            out.append(.line("title", label(.title), file.title, note: need))
        case .facts:
            out.append(.area("facts", label(.facts), file.facts, rows: 3, note: "— \(need)"))
        case .offence:
            out.append(.line("offence", label(.offence), file.offence, note: need))
        case .offenceClass:
            out.append(.choice("offence-class", label(.offenceClass), OffenceClass.allCases.map { FormOption($0.rawValue) },
                                  selected: OffenceClass.allCases.firstIndex(of: file.offenceClass) ?? 0))
        case .item:
            for entry in Engine.checklist(for: file) {
                out.append(.line("item:\(entry.item.rawValue)", "\(entry.article) \(entry.label)", entry.value ?? "",
                                    note: entry.anyAvailable ? "or none-available" : "", stacked: true))
            }
        case .officer:
            // Assigning offers the next officer: the current one is who the case has.
            out.append(.officer(officers, current: file.officer, next: spec.name == .assign))
        case .theirRef:
            out.append(.line("their-ref", label(.theirRef), file.theirRef ?? "", note: need))
        case .letter:
            out.append(.choice("letter", label(.letter), Engine.lettersOffered(for: file).map { FormOption($0.rawValue) }))
        case .language:
            out.append(.line("language", label(.language), note: "ar, zh, en, fr, ru or es; \(need)"))
        case .keep:
            // Each copy's branch, with how many of its events stand: the other's are voided.
            out.append(.choice("keep", label(.keep), (file.conflict?.branches ?? []).map {
                FormOption(value: $0.copy, label: $0.copy, detail: "keep its \($0.events.count) events")
            }))
        }
        return out
    }

    /// The reasons of the case's last consultation still standing (not voided).
    static func consultedReasons(_ file: CaseFile) -> String? {
        file.events.last { $0.type == .action(.consult) && !$0.voided }?.event.payload.reason
    }

    /// The custodian or location of 42.3(d), when the request gave one.
    static func namedCustodian(_ file: CaseFile) -> String? {
        guard let v = file.items[.custodianLocation]?.trimmingCharacters(in: .whitespacesAndNewlines),
              !v.isEmpty, v != noneAvailable else { return nil }
        return v
    }

    /// The grounds this refusal may cite on this case, explained: ours as the matrix of §3
    /// allows them, the other State's as it gave them.
    static func groundsField(_ spec: ActionSpec, required: Bool, file: CaseFile, context: CaseContext) -> FormField {
        let use = Engine.refusalUse(spec.name, file: file)
        let grounds = Engine.grounds(for: spec.name, on: file, context: context)
        let what: String
        switch use {
        case .preservation: what = "a preservation request (art. 42.6)"
        case .trafficDisclosure: what = "an art. 43 disclosure (art. 43.2)"
        case .mla: what = file.basis.isTreaty ? "this request: the treaty's grounds (art. 40.7)" : "mutual legal assistance (art. 40.21, 40.22, 40.8)"
        }
        // The other State's refusal: its grounds as received, whatever our matrix allows us.
        let label = Engine.counterpartRefusals.contains(spec.name)
            ? "Grounds as the requested State gave them:" : "Grounds allowed for \(what):"
        return .checks("ground", label,
                       grounds.map { FormOption(value: $0.code, label: $0.display, detail: $0.explanation) },
                       note: required ? "" : "(optional)")
    }

    /// Reads the form into the engine's inputs; a date or number that does not parse is a
    /// mistake shown in the dialog.
    static func inputs(from form: Form, spec: ActionSpec, file: CaseFile, store: any CaseRepository) throws(FormMistake) -> ActionInputs {
        var inputs = ActionInputs()
        func date(_ id: String, _ label: String) throws(FormMistake) -> CivilDate? {
            let text = form.text(id)
            if text.isEmpty { return nil }
            guard let d = CivilDate(entered: text) else { throw FormMistake("\(label): expected a date YYYY-MM-DD from 1900 to 2199, found “\(text)”") }
            return d
        }
        func optional(_ id: String) -> String? {
            guard form[id] != nil else { return nil }
            let t = form.text(id)
            return t.isEmpty ? nil : t
        }
        inputs.on = try date("on", "Effective date")
        inputs.until = try date("until", "Until")
        inputs.grounds = form.choices("ground")
        inputs.reason = optional("reason")
        inputs.proposal = optional("proposal").flatMap(Proposal.init(rawValue:))
        if let days = optional("days") {
            guard let n = Int(days) else { throw FormMistake("Days: expected a number, found “\(days)”") }
            inputs.days = n
        }
        if let ref = optional("link") {
            do {
                inputs.link = try store.linkTarget(ref)
            } catch {
                throw FormMistake("Linked case: \(DeskState.describe(error))")
            }
        }
        inputs.authority = optional("authority")
        inputs.conditions = optional("conditions")
        inputs.custodian = optional("custodian")
        inputs.provider = optional("provider")
        inputs.to = optional("to")
        inputs.treatyArticle = optional("treaty-article")
        inputs.event = optional("event").flatMap(UUID.init(uuidString:))
        inputs.oral = form.flag("oral")
        inputs.agreed = form.flag("agreed")
        inputs.channel = optional("channel").flatMap(Channel.init(rawValue:))
        inputs.note = optional("note")
        inputs.attachment = optional("attachment")
        inputs.officer = optional("officer")
        inputs.letter = optional("letter").flatMap(LetterKind.init(rawValue:))
        inputs.language = optional("language")
        inputs.keep = optional("keep")
        if spec.name == .edit {
            // Only what changed is an edit.
            if let t = optional("title"), t != file.title { inputs.title = t }
            if let t = optional("facts"), t != file.facts { inputs.facts = t }
            if let t = optional("offence"), t != file.offence { inputs.offence = t }
            if let c = optional("offence-class").flatMap(OffenceClass.init(rawValue:)), c != file.offenceClass { inputs.offenceClass = c }
            if inputs.officer == file.officer { inputs.officer = nil }
            if form["their-ref"] != nil, form.text("their-ref") != (file.theirRef ?? "") { inputs.theirRef = form.text("their-ref") }
            for field in form.fields where field.id.hasPrefix("item:") {
                guard let id = ChecklistItemID(rawValue: String(field.id.dropFirst(5))) else { continue }
                let text = form.text(field.id)
                if text != (file.items[id] ?? "") { inputs.items[id] = text }
            }
        } else {
            inputs.title = optional("title")
            inputs.facts = optional("facts")
            inputs.offence = optional("offence")
            inputs.offenceClass = optional("offence-class").flatMap(OffenceClass.init(rawValue:))
        }
        return inputs
    }

    static func submit(_ dialog: FormDialog, state: inout DeskState, env: DeskEnvironment) {
        guard case .act(let caseID, let ref, let action, let basedOn) = dialog.purpose else { return }
        var dialog = dialog
        guard dialog.form.validate() else {
            dialog.form.error = Phrases.correctWhatIsMarked
            state.overlays[state.overlays.count - 1] = .form(dialog)
            return
        }
        do {
            let file = try env.store.caseFile(.id(caseID))
            guard let spec = file.table.action(action) else { return }
            let inputs = try inputs(from: dialog.form, spec: spec, file: file, store: env.store)
            let after = try env.store.act(.id(caseID), action: action, inputs: inputs, actor: env.session.officer,
                                          today: env.session.today, now: env.session.now(), basedOn: basedOn)
            // An outgoing MLA drafted as a preservation's follow-up: sending it records send-mla there.
            let linked = action == .send ? FollowUpMLA.afterSending(caseID, on: inputs.on, env: env) : nil
            state.overlays.removeLast()
            state.reloadAll(env)
            state.message = linked ?? .info("\(ref): \(action) recorded · now \(after.state.rawValue)")
        } catch let mistake as FormMistake {
            dialog.form.error = mistake.message
            state.overlays[state.overlays.count - 1] = .form(dialog)
        } catch StoreError.stale {
            // Someone else recorded on this case meanwhile: show it behind the dialog, keep what
            // was typed, and let a second save decide on the state now seen.
            state.reloadAll(env)
            let now = try? env.store.caseFile(.id(caseID))
            dialog.purpose = .act(caseID: caseID, ref: ref, action: action, basedOn: now?.events.last?.id)
            let latest = now?.events.last.map { "\($0.type) by \($0.event.actor)" } ?? "a change"
            dialog.form.error = "\(ref) changed while you were typing (\(latest)); it is now \(now?.state.rawValue ?? "?"). "
                + "Check the case, then save again to record \(action)."
            state.overlays[state.overlays.count - 1] = .form(dialog)
        } catch {
            // Refused by the engine (or the store): say why, with the article; keep the form.
            dialog.form.error = DeskState.describe(error)
            state.overlays[state.overlays.count - 1] = .form(dialog)
        }
    }
}

/// A value in a form that cannot be read (a date that is not a date).
struct FormMistake: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension FormField {
    /// The officer picker of the desk's forms: the officers a case may be assigned to
    /// (`Role.takesCases`), with `current` chosen, or the one after it when `next`.
    static func officer(_ officers: [Officer], current: String, next: Bool = false) -> FormField {
        var names = officers.filter(\.role.takesCases).map(\.name)
        if !names.contains(current) { names.insert(current, at: 0) }
        let index = names.firstIndex(of: current) ?? 0
        return .choice("officer", "Officer", names.map { FormOption($0) },
                       selected: next ? (index + 1) % names.count : index)
    }
}

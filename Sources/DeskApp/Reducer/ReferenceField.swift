import CaseStore
import Casework
import Foundation
import TerminalKit

/// A case that fits a reference field, as the picker lists it and completion finds it.
struct CaseCandidate: Hashable {
    var id: UUID
    var ref: String
    var detail: String
}

/// The fields that take a case reference — the link of an act, the preservation a new MLA
/// follows up — offer the cases that fit (same State, right kind, the follow-up rules of art.
/// 42.8 in Casework/FollowUp.swift), complete what is typed, and open a picker of them.
enum ReferenceField {
    static let ids: Set<String> = ["link", "follow-up"]

    static func isReference(_ field: FormField?) -> Bool { field.map { ids.contains($0.id) } ?? false }

    /// The cases that fit the reference field of this dialog, most recently changed first.
    static func candidates(for dialog: FormDialog, env: DeskEnvironment) -> [CaseCandidate] {
        switch dialog.purpose {
        case .act(let caseID, _, let action, _):
            guard let file = try? env.store.caseFile(.id(caseID)) else { return [] }
            return candidates(linking: action, from: file, env: env)
        case .newCase(let direction, .mla):
            return preservationsAwaitingFollowUp(direction: direction,
                                                 counterpart: stateCode(dialog.form.text("counterpart"), env: env), env: env)
        default:
            return []
        }
    }

    /// `mla-received`: incoming MLAs of the same State asking for the data (42.8); `send-mla`:
    /// outgoing ones of the same State already sent; any other link: open cases of the same State.
    static func candidates(linking action: Action, from file: CaseFile, env: DeskEnvironment) -> [CaseCandidate] {
        var filter = CaseFilter(counterpart: file.counterpart, openOnly: true)
        switch action {
        case .mlaReceived: filter.direction = .incoming; filter.kind = .mla
        case .sendMLA: filter.direction = .outgoing; filter.kind = .mla
        default: break
        }
        let followUp = action == .mlaReceived || action == .sendMLA
        return list(filter, env: env).compactMap { c in
            guard c.id != file.id else { return nil }
            if followUp {
                guard let mla = try? env.store.caseFile(.id(c.id)),
                      mla.purposes.contains(where: Engine.followUpPurposes.contains) else { return nil }
                if action == .sendMLA && !mla.applied.contains(where: { $0.action == .send }) { return nil }
            }
            return candidate(c)
        }
    }

    /// Preservations a new MLA can follow up: incoming ones preserved (`mla-received`), outgoing
    /// ones sent or preserved (`send-mla`), of the State typed (any State until one is).
    static func preservationsAwaitingFollowUp(direction: Direction, counterpart: String?, env: DeskEnvironment) -> [CaseCandidate] {
        let states: Set<CaseState> = direction == .incoming ? [.preserved] : [.sent, .preserved]
        let filter = CaseFilter(direction: direction, kind: .preservation, states: states, counterpart: counterpart, openOnly: true)
        return list(filter, env: env).map(candidate)
    }

    static func list(_ filter: CaseFilter, env: DeskEnvironment) -> [CaseSummary] {
        (try? env.store.listCases(CaseQuery(filter: filter, sort: .updated, limit: 40), today: env.session.today).cases) ?? []
    }

    static func candidate(_ c: CaseSummary) -> CaseCandidate {
        let title = c.title.isEmpty ? "" : " · " + Sanitize.terminalSafe(c.title)
        return CaseCandidate(id: c.id, ref: c.ref, detail: "\(c.counterpart) · \(c.state.rawValue) · \(c.received)\(title)")
    }

    /// The State typed, by code or name, when it is one State; nil (any State) otherwise.
    static func stateCode(_ typed: String, env: DeskEnvironment) -> String? {
        guard !typed.isEmpty else { return nil }
        if case .one(let entry) = StateLookup.find(typed, in: (try? env.store.directory()) ?? []) { return entry.iso3 }
        return nil
    }

    /// The candidates matching what was typed: that reference, or every one containing the
    /// text (`0003` finds IN-MLA-2026-0003); all of them when nothing is typed.
    static func matches(_ typed: String, in candidates: [CaseCandidate]) -> [CaseCandidate] {
        let t = typed.trimmingCharacters(in: .whitespaces).uppercased()
        guard !t.isEmpty else { return candidates }
        if let exact = candidates.first(where: { $0.ref == t }) { return [exact] }
        return candidates.filter { $0.ref.contains(t) }
    }

    /// What Enter will do, beside the field, as the officer types.
    static func note(typed: String, candidates: [CaseCandidate], chooseKey: String) -> String {
        let t = typed.trimmingCharacters(in: .whitespaces).uppercased()
        let found = matches(t, in: candidates)
        // Short enough for the half row a note gets: the reference whole.
        if candidates.isEmpty { return t.isEmpty ? "no plausible case yet" : "not a plausible case" }
        if t.isEmpty { return "⏎ or \(chooseKey): \(candidates.count) case\(candidates.count == 1 ? "" : "s")" }
        if found.count == 1 { return found[0].ref == t ? "✓ plausible" : "⏎ \(found[0].ref)" }
        if found.isEmpty { return "not plausible · \(chooseKey) lists" }
        return "⏎: \(found.count) match"
    }

    /// Enter on a reference field: completes a unique match (then the form moves on), or opens
    /// the picker of candidates; false when Enter should simply move on.
    static func enter(_ dialog: inout FormDialog, field: String, state: inout DeskState, env: DeskEnvironment) -> Bool {
        let typed = dialog.form.text(field)
        let all = candidates(for: dialog, env: env)
        let found = matches(typed, in: all)
        if found.count == 1 {
            set(found[0].ref, field: field, in: &dialog.form)
            return false
        }
        if found.isEmpty { return false }
        openPicker(dialog, field: field, query: typed, candidates: all, state: &state)
        return true
    }

    static func openPicker(_ dialog: FormDialog, field: String, query: String, candidates: [CaseCandidate], state: inout DeskState) {
        guard !candidates.isEmpty else {
            state.message = .error(noneMessage(dialog))
            return
        }
        var picker = Picker(purpose: .reference(field: field), title: "Choose the case",
                            intro: intro(dialog),
                            options: candidates.map { FormOption(value: $0.ref, label: $0.ref, detail: $0.detail) })
        picker.query = TextInput(query.trimmingCharacters(in: .whitespaces))
        state.overlays.append(.picker(picker))
    }

    static func intro(_ dialog: FormDialog) -> String {
        switch dialog.purpose {
        case .act(_, let ref, .mlaReceived, _): return "Incoming MLA requests of the same State asking for the data (42.8), for \(ref):"
        case .act(_, let ref, .sendMLA, _): return "Outgoing MLA requests of the same State, sent, asking for the data (42.8), for \(ref):"
        case .act(_, let ref, _, _): return "Open cases of the same State as \(ref):"
        default: return "Preservations awaiting their follow-up MLA request (42.8):"
        }
    }

    static func noneMessage(_ dialog: FormDialog) -> String {
        switch dialog.purpose {
        case .act(_, _, .mlaReceived, _): return "no incoming MLA of this State asks for the data yet: Esc, then m registers it, prefilled and linked"
        case .act(_, _, .sendMLA, _): return "no sent outgoing MLA of this State asks for the data: draft it with m on the preservation, then send it"
        case .act: return "no other open case of this State"
        default: return "no preservation of this State awaits its follow-up MLA"
        }
    }

    /// The field's text replaced by the reference chosen.
    static func set(_ ref: String, field: String, in form: inout Form) {
        guard var f = form[field] else { return }
        f.input = .line(TextInput(ref))
        f.error = nil
        form[field] = f
    }

    /// The note beside the reference field of the dialog on top, kept up to date as the officer types.
    static func refreshNote(state: inout DeskState, env: DeskEnvironment) {
        guard case .form(var dialog)? = state.overlays.last else { return }
        let key = env.keys.binding(named: "choose-case", in: .form)?.keys.first?.label ?? "Ctrl-O"
        var changed = false
        for id in ids {
            guard var f = dialog.form[id] else { continue }
            let note = note(typed: dialog.form.text(id), candidates: candidates(for: dialog, env: env), chooseKey: key)
            if f.note != note { f.note = note; dialog.form[id] = f; changed = true }
        }
        if changed { state.overlays[state.overlays.count - 1] = .form(dialog) }
    }
}

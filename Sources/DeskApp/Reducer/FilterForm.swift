import CaseStore
import Casework
import Foundation
import TerminalKit

/// The filter dialog of the case list.
enum FilterForm {
    static func open(state: inout DeskState, env: DeskEnvironment) {
        let f = state.cases.filter
        func options<T: RawRepresentable & CaseIterable>(_ any: String, _ type: T.Type) -> [FormOption] where T.RawValue == String {
            [FormOption(value: "", label: any)] + T.allCases.map { FormOption($0.rawValue) }
        }
        let officers = [FormOption(value: "", label: "everyone"), FormOption(value: "\u{1}mine", label: "mine (\(env.session.officer))")]
            + state.officers.map { FormOption($0.name) }
        let officerIndex = f.mine ? 1 : (officers.firstIndex { $0.value == f.officer && f.officer != nil } ?? 0)
        let directions = options("any direction", Direction.self)
        let kinds = options("any kind", RequestKind.self)
        let states = options("any state", CaseState.self)
        let fields: [FormField] = [
            .choice("open", "Show", [FormOption(value: "open", label: "open cases"), FormOption(value: "all", label: "all cases")],
                    selected: f.openOnly ? 0 : 1),
            .choice("direction", "Direction", directions, selected: directions.firstIndex { $0.value == (f.direction?.rawValue ?? "") } ?? 0),
            .choice("kind", "Kind", kinds, selected: kinds.firstIndex { $0.value == (f.kind?.rawValue ?? "") } ?? 0),
            .choice("state", "State", states, selected: states.firstIndex { $0.value == (f.state?.rawValue ?? "") } ?? 0),
            .choice("officer", "Officer", officers, selected: officerIndex),
            .line("counterpart", "Other State", f.counterpart ?? "", note: "code or name; empty: any"),
            .toggle("overdue", "Only overdue", f.overdueOnly),
        ]
        state.overlays.append(.form(FormDialog(purpose: .filter, title: "Filter cases",
                                               intro: ["←/→ or Space change a choice"], form: Form(fields, submitLabel: "Apply"))))
    }

    static func submit(_ dialog: FormDialog, state: inout DeskState, env: DeskEnvironment) {
        var dialog = dialog
        let form = dialog.form
        var f = CaseListFilter()
        switch StateLookup.filterField(form.text("counterpart"), env: env) {
        case .failure(let mistake):
            dialog.form.error = mistake.message
            state.overlays[state.overlays.count - 1] = .form(dialog)
            return
        case .success(let iso3):
            f.counterpart = iso3
        }
        f.openOnly = form.text("open") == "open"
        f.direction = Direction(rawValue: form.text("direction"))
        f.kind = RequestKind(rawValue: form.text("kind"))
        f.state = CaseState(rawValue: form.text("state"))
        let officer = form.text("officer")
        f.mine = officer == "\u{1}mine"
        f.officer = officer.isEmpty || f.mine ? nil : officer
        f.overdueOnly = form.flag("overdue")
        state.overlays.removeLast()
        state.cases.filter = f
        state.cases.table.select(0, rowCount: 0, pageSize: 1)
        state.reloadCases(env)
    }
}

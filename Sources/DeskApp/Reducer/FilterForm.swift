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
        let directions = options("any direction", Direction.self)
        let kinds = options("any kind", RequestKind.self)
        let states = options("any state", CaseState.self)
        let fields: [FormField] = [
            .choice("open", "Show", [FormOption(value: "open", label: "open cases"), FormOption(value: "all", label: "all cases")],
                    selected: f.openOnly ? 0 : 1),
            .choice("direction", "Direction", directions, selected: directions.firstIndex { $0.value == (f.direction?.rawValue ?? "") } ?? 0),
            .choice("kind", "Kind", kinds, selected: kinds.firstIndex { $0.value == (f.kind?.rawValue ?? "") } ?? 0),
            .choice("state", "State", states, selected: states.firstIndex { $0.value == (f.state?.rawValue ?? "") } ?? 0),
            FilterFields.officer(f.officer, mine: f.mine, state: state, env: env),
            FilterFields.counterpart(f.counterpart),
            .toggle("overdue", "Only overdue", f.overdueOnly),
        ]
        state.overlays.append(.form(FormDialog(purpose: .filter, title: "Filter cases",
                                               intro: ["←/→ or Space change a choice"], form: Form(fields, submitLabel: "Apply"))))
    }

    static func submit(_ dialog: FormDialog, state: inout DeskState, env: DeskEnvironment) {
        let form = dialog.form
        var f = CaseListFilter()
        guard let counterpart = FilterFields.counterpart(in: dialog, state: &state, env: env) else { return }
        f.counterpart = counterpart
        f.openOnly = form.text("open") == "open"
        f.direction = Direction(rawValue: form.text("direction"))
        f.kind = RequestKind(rawValue: form.text("kind"))
        f.state = CaseState(rawValue: form.text("state"))
        (f.officer, f.mine) = FilterFields.officer(in: form)
        f.overdueOnly = form.flag("overdue")
        state.overlays.removeLast()
        state.cases.filter = f
        state.cases.table.select(0, rowCount: 0, pageSize: 1)
        state.reloadCases(env)
    }
}

/// The fields both filter forms (cases, deadlines) have: whose (everyone, mine, an officer)
/// and the other State, offered and read the same way.
enum FilterFields {
    /// "mine" is a value no officer name can be.
    private static let mine = "\u{1}mine"

    static func officer(_ officer: String?, mine: Bool, state: DeskState, env: DeskEnvironment) -> FormField {
        let officers = [FormOption(value: "", label: "everyone"), FormOption(value: Self.mine, label: "mine (\(env.session.officer))")]
            + state.officers.map { FormOption($0.name) }
        let index = mine ? 1 : (officers.firstIndex { $0.value == officer && officer != nil } ?? 0)
        return .choice("officer", "Officer", officers, selected: index)
    }

    /// The officer chosen (nil: everyone, or mine) and whether it was "mine".
    static func officer(in form: Form) -> (officer: String?, mine: Bool) {
        let officer = form.text("officer")
        let mine = officer == Self.mine
        return (officer.isEmpty || mine ? nil : officer, mine)
    }

    static func counterpart(_ code: String?) -> FormField {
        .line("counterpart", "Other State", code ?? "", note: "code or name; empty: any")
    }

    /// The State typed (nil inside: any), or nil when it names none: then the dialog on top
    /// says why and stays open.
    static func counterpart(in dialog: FormDialog, state: inout DeskState, env: DeskEnvironment) -> String?? {
        switch StateLookup.filterField(dialog.form.text("counterpart"), env: env) {
        case .failure(let mistake):
            var dialog = dialog
            dialog.form.error = mistake.message
            state.overlays[state.overlays.count - 1] = .form(dialog)
            return nil
        case .success(let iso3):
            return .some(iso3)
        }
    }
}

import CaseStore
import Casework
import Foundation
import TerminalKit

/// The filter dialog of the Deadlines tab: officer (or mine), State, kind of deadline, horizon,
/// and whether to group by officer.
enum DeadlineFilterForm {
    static func open(state: inout DeskState, env: DeskEnvironment) {
        let f = state.deadlines.filter
        let kinds = [FormOption(value: "", label: "any deadline")] + DeadlineKind.allCases.map { FormOption($0.rawValue) }
        let horizons = DeadlineHorizon.choices.map { FormOption(value: $0.label, label: $0.label) }
        let fields: [FormField] = [
            FilterFields.officer(f.officer, mine: f.mine, state: state, env: env),
            FilterFields.counterpart(f.counterpart),
            .choice("kind", "Deadline", kinds, selected: kinds.firstIndex { $0.value == (f.kind?.rawValue ?? "") } ?? 0),
            .choice("horizon", "Due within", horizons,
                    selected: DeadlineHorizon.choices.firstIndex(of: state.deadlinesHorizon) ?? 1),
            .toggle("byOfficer", "Group by officer", f.byOfficer),
        ]
        state.overlays.append(.form(FormDialog(purpose: .deadlineFilter, title: "Filter deadlines",
                                               intro: ["Overdue deadlines are always listed, the most overdue first.",
                                                       "←/→ or Space change a choice"],
                                               form: Form(fields, submitLabel: "Apply"))))
    }

    static func submit(_ dialog: FormDialog, state: inout DeskState, env: DeskEnvironment) {
        let form = dialog.form
        var f = DeadlineListFilter()
        guard let counterpart = FilterFields.counterpart(in: dialog, state: &state, env: env) else { return }
        f.counterpart = counterpart
        (f.officer, f.mine) = FilterFields.officer(in: form)
        f.kind = DeadlineKind(rawValue: form.text("kind"))
        f.horizon = DeadlineHorizon.choices.first { $0.label == form.text("horizon") }
        f.byOfficer = form.flag("byOfficer")
        state.overlays.removeLast()
        state.deadlines.filter = f
        state.deadlines.table = TableState(selected: 1)
        state.reloadDeadlines(env)
    }
}

import CaseStore
import Casework
import Foundation
import TerminalKit

/// The filter dialog of the Deadlines tab: officer (or mine), State, kind of deadline, horizon,
/// and whether to group by officer.
enum DeadlineFilterForm {
    static func open(state: inout DeskState, env: DeskEnvironment) {
        let f = state.deadlines.filter
        let officers = [FormOption(value: "", label: "everyone"), FormOption(value: "\u{1}mine", label: "mine (\(env.session.officer))")]
            + state.officers.map { FormOption($0.name) }
        let officerIndex = f.mine ? 1 : (officers.firstIndex { $0.value == f.officer && f.officer != nil } ?? 0)
        let kinds = [FormOption(value: "", label: "any deadline")] + DeadlineKind.allCases.map { FormOption($0.rawValue) }
        let horizons = DeadlineHorizon.choices.map { FormOption(value: $0.label, label: $0.label) }
        let fields: [FormField] = [
            .choice("officer", "Officer", officers, selected: officerIndex),
            .line("counterpart", "Other State", f.counterpart ?? "", note: "code or name; empty: any"),
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
        var dialog = dialog
        let form = dialog.form
        var f = DeadlineListFilter()
        switch StateLookup.filterField(form.text("counterpart"), env: env) {
        case .failure(let mistake):
            dialog.form.error = mistake.message
            state.overlays[state.overlays.count - 1] = .form(dialog)
            return
        case .success(let iso3):
            f.counterpart = iso3
        }
        let officer = form.text("officer")
        f.mine = officer == "\u{1}mine"
        f.officer = officer.isEmpty || f.mine ? nil : officer
        f.kind = DeadlineKind(rawValue: form.text("kind"))
        f.horizon = DeadlineHorizon.choices.first { $0.label == form.text("horizon") }
        f.byOfficer = form.flag("byOfficer")
        state.overlays.removeLast()
        state.deadlines.filter = f
        state.deadlines.table = TableState(selected: 1)
        state.reloadDeadlines(env)
    }
}

import CaseStore
import Casework
import Foundation
import TerminalKit

/// Editing a State's entry in the directory (central authority, 24/7 contact, languages).
enum DirectoryForm {
    static func open(state: inout DeskState) {
        guard let e = state.directory.visible[safe: state.directory.table.selected] else { return }
        let fields: [FormField] = [
            .line("central-authority", "Central authority", e.centralAuthority, note: "art. 40.12"),
            .line("contact-247", "24/7 contact", e.contact247, note: "art. 41"),
            .line("languages", "Languages", e.languages.joined(separator: ", "), note: "ISO 639-2, comma-separated"),
            .line("treaty", "MLA treaty", e.treaty),
            .area("notes", "Notes", e.notes, rows: 3),
        ]
        state.overlays.append(.form(FormDialog(purpose: .directory(e.iso3), title: "\(e.iso3) · \(e.name)",
                                               intro: [e.officialName], form: Form(fields, submitLabel: "Save"))))
    }

    static func submit(_ dialog: FormDialog, state: inout DeskState, env: DeskEnvironment) {
        guard case .directory(let iso3) = dialog.purpose,
              var entry = state.directory.entries.first(where: { $0.iso3 == iso3 }) else { return }
        var dialog = dialog
        let form = dialog.form
        entry.centralAuthority = form.text("central-authority")
        entry.contact247 = form.text("contact-247")
        entry.languages = form.text("languages").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        entry.treaty = form.text("treaty")
        entry.notes = form.text("notes")
        do {
            try OfficeRules.check(.editDirectory, role: env.session.role, actor: env.session.officer)
            try env.store.setDirectoryEntry(entry)
            state.overlays.removeLast()
            state.reloadDirectory(env)
            state.message = .info("\(iso3) saved")
        } catch {
            dialog.form.error = DeskState.describe(error)
            state.overlays[state.overlays.count - 1] = .form(dialog)
        }
    }
}

import CaseStore
import Casework
import Foundation
import Letters
import TerminalKit

/// `l` on a case: the letters that make sense now, their language and format and the file, then
/// a preview of the letter; `y` saves it (a new file, 0600) and records letter-produced.
enum LetterForm {
    static func open(caseID: UUID, state: inout DeskState, env: DeskEnvironment) {
        do {
            let file = try env.snapshot(.id(caseID)).file
            let offered = Engine.lettersOffered(for: file)
            guard !offered.isEmpty else {
                state.message = .error("\(file.ref): no letter makes sense in state \(file.state.rawValue)")
                return
            }
            let listed = try env.store.directoryEntry(file.counterpart)?.languages ?? []
            let preferred = LetterLanguage.preferred(for: listed).language
            let fields: [FormField] = [
                .choice("letter", "Letter", offered.map { FormOption(value: $0.rawValue, label: $0.rawValue, detail: "art. \($0.article)") }),
                .choice("language", "Language", LetterLanguage.allCases.map { FormOption($0.rawValue) },
                        selected: LetterLanguage.allCases.firstIndex(of: preferred) ?? 0,
                        note: listed.isEmpty ? "" : "the directory lists \(listed.joined(separator: ", "))"),
                .choice("format", "Format", [FormOption("text"), FormOption("docx")]),
                .line("file", "Save to", "\(file.ref)-letter", note: "a new file; .txt or .docx is added"),
            ]
            state.overlays.append(.form(FormDialog(
                purpose: .letter(caseID: caseID, ref: file.ref), title: "Letter for \(file.ref)",
                intro: ["The letter is shown before it is saved."], form: Form(fields, submitLabel: "Preview"))))
        } catch { state.fail(error) }
    }

    /// Drafts the letter chosen and shows it; the form stays below for another try.
    static func submit(_ dialog: FormDialog, state: inout DeskState, env: DeskEnvironment) {
        guard case .letter(let caseID, _) = dialog.purpose,
              let kind = LetterKind(rawValue: dialog.form.text("letter")) else { return }
        let language = LetterLanguage(rawValue: dialog.form.text("language"))
        let docx = dialog.form.text("format") == "docx"
        var path = dialog.form.text("file").trimmingCharacters(in: .whitespaces)
        let suffix = docx ? ".docx" : ".txt"
        if !path.isEmpty && !path.hasSuffix(suffix) { path += suffix }
        do {
            let draft = try env.drafting.draft(.id(caseID), kind, language: language)
            let save = path.isEmpty ? "" : "  ·  y save to \(path)"
            state.overlays.append(.detail(Detail(
                title: "\(kind.rawValue) (\(draft.letter.language.rawValue))\(save)  ·  esc back",
                lines: (draft.warning.map { ["⚠ \($0)", ""] } ?? []) + draft.letter.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                letter: path.isEmpty ? nil : PendingLetter(draft: draft, path: path, docx: docx))))
        } catch {
            var dialog = dialog
            dialog.form.error = DeskState.describe(error)
            state.overlays[state.overlays.count - 1] = .form(dialog)
        }
    }

    /// Saves the previewed letter and records it; on a refusal the preview stays, with why.
    static func save(_ pending: PendingLetter, state: inout DeskState, env: DeskEnvironment) {
        do {
            try env.drafting.save(pending.draft, to: pending.path, docx: pending.docx, force: false)
            state.overlays.removeAll { if case .detail = $0 { return true }; if case .form = $0 { return true }; return false }
            state.message = .info("\(pending.draft.file.ref): \(pending.draft.letter.kind.rawValue) letter saved to \(pending.path)")
            state.reloadAll(env)
        } catch {
            state.fail(error)
        }
    }
}

/// A previewed letter waiting for `y`.
struct PendingLetter {
    var draft: LetterDraft
    var path: String
    var docx: Bool
}

import ArgumentParser
import Casework
import CaseStore
import DeskApp
import Foundation
import Letters
import TerminalKit

extension LetterLanguage: ExpressibleByArgument {}

struct LetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "Draft a letter to the other State from a case, in one of the six UN languages.",
        discussion: """
            Kinds: \(LetterKind.allCases.map(\.rawValue).joined(separator: ", ")).
            A letter is offered only when it makes sense for the case (otherwise refused, exit 3, saying why).
            Language: --lang, else the first language the directory lists for the State, else English; \
            a preservation or MLA request must be in a language the requested State accepts (art. 40.14).
            Producing a letter is recorded on the case (letter-produced); --preview records nothing.
            An office replaces any template with its own copy in the templates folder beside the \
            database: <folder of the database>/templates/<lang>/<kind>.mustache (and letterhead, \
            closing); the shipped ones are in the source tree under Resources/templates.
            """)

    @Argument(help: "The case reference, e.g. IN-MLA-2026-0007.") var ref: String
    @Argument(help: "The letter: acknowledgement, information-request, consultation, postponement, refusal, preservation-confirmation, risk-notification, extension-request, preservation-request or mla-request.")
    var kind: LetterKind
    @Option(help: "The language: ar, zh, en, fr, ru or es.") var lang: LetterLanguage?
    @Option(help: "text (for e-mail and the terminal) or docx (for letterhead; needs --out).") var format: LetterFormat = .text
    @Option(help: "Write the letter to this new file (mode 0600) instead of standard output.") var out: String?
    @Flag(help: "Replace --out if it exists.") var force = false
    @Flag(help: "Show the letter without recording it on the case.") var preview = false
    @OptionGroup var global: GlobalOptions

    enum LetterFormat: String, ExpressibleByArgument, CaseIterable { case text, docx }

    func validate() throws {
        if format == .docx && out == nil { throw ValidationError("--format docx needs --out FILE") }
        if force && out == nil { throw ValidationError("--force goes with --out") }
    }

    func run() throws {
        let session = try Session.open(global)
        let drafting = LetterDrafting(store: session.store, databasePath: global.databasePath,
                                      officer: session.officer, today: session.today)
        let draft: LetterDraft
        do { draft = try drafting.draft(.ref(ref), kind, language: lang) } catch let error as LetterError {
            throw CLIError.usage("letter", error.description)
        }
        if let warning = draft.warning {
            FileHandle.standardError.write(Data("cadesk: warning: \(Sanitize.terminalSafe(warning))\n".utf8))
        }
        if let out {
            do {
                if preview {
                    try OutputFile(out, force: force, protecting: global.databasePath)
                        .write(LetterDrafting.bytes(draft.letter, docx: format == .docx, now: Date()))
                } else {
                    try drafting.save(draft, to: out, docx: format == .docx, force: force)
                }
            } catch {
                throw CLIError.output(error, what: "letter")
            }
            print("\(draft.file.ref): \(kind.rawValue) letter (\(draft.letter.language.rawValue)) -> \(Sanitize.terminalSafe(out))")
        } else {
            if !preview { try drafting.checkRecordable(draft); try drafting.record(draft) }
            print(Sanitize.terminalSafeMultiline(draft.letter.text), terminator: "")
        }
    }
}

import CaseStore
import Casework
import Foundation
import Letters

/// A letter drafted from a case, ready to preview or save, with what choosing its language said.
public struct LetterDraft: Sendable {
    public var letter: Letter
    public var file: CaseFile
    /// A request in a language the directory does not list for the State (40.14), asked for
    /// with an explicit language: said, not refused.
    public var warning: String?
}

/// Drafts letters from the store for the command line and the desk alike: the case as of
/// today, the parties from policy and directory, the language by the 40.14 rule, the office's
/// templates beside the database.
public struct LetterDrafting {
    public let store: any CaseRepository
    public let templates: LetterTemplates
    public let officer: String
    public let today: CivilDate
    public let now: @Sendable () -> Date
    public let databasePath: String?

    public init(store: any CaseRepository, databasePath: String?, officer: String, today: CivilDate,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store; self.officer = officer; self.today = today; self.now = now
        self.databasePath = databasePath
        templates = LetterTemplates(overrideFolder: databasePath.map(LetterTemplates.overrideFolder(forDatabase:)))
    }

    /// The letter, or why it makes no sense now (Casework's rule) or cannot be in that language.
    public func draft(_ selector: CaseSelector, _ kind: LetterKind, language asked: LetterLanguage?) throws -> LetterDraft {
        let snapshot = try store.caseSnapshot(selector, actor: officer, today: today, now: now())
        let file = snapshot.file
        if let why = Engine.whyNoLetter(kind, for: file) { throw why }
        let policy = try store.loadPolicy()
        let theirs = try store.directoryEntry(file.counterpart)
        let ours = policy.stateCode.isEmpty ? nil : try store.directoryEntry(policy.stateCode)
        let (language, warning) = try Self.language(kind, asked: asked, file: file, directory: theirs?.languages ?? [])
        let parties = LetterParties(office: policy.officeName, officeState: ours?.name ?? "",
                                    officeStateCode: policy.stateCode,
                                    counterpartState: theirs?.name ?? file.counterpart,
                                    counterpartCode: file.counterpart,
                                    counterpartAuthority: theirs?.centralAuthority ?? "",
                                    counterpartLanguages: theirs?.languages ?? [], officer: officer)
        let request = LetterRequest(kind: kind, language: language, file: file,
                                    deadlines: Engine.deadlines(for: file, context: snapshot.context),
                                    parties: parties, today: today)
        return LetterDraft(letter: try templates.render(request), file: file, warning: warning)
    }

    /// The letter's language: the one asked for, else the first the directory lists for the State
    /// (else English). A request we send must be in a language the requested State accepts
    /// (40.14): with none of its languages available, refused unless asked for, then a warning.
    static func language(_ kind: LetterKind, asked: LetterLanguage?, file: CaseFile,
                         directory: [String]) throws(CaseworkError) -> (LetterLanguage, String?) {
        let listed = directory.joined(separator: ", ")
        if let asked {
            guard kind.isRequest, !asked.isAccepted(by: directory) else { return (asked, nil) }
            return (asked, "the directory lists \(listed) for \(file.counterpart), not \(asked.rawValue): check that the requested State accepts it (art. 40.14)")
        }
        let (preferred, accepted) = LetterLanguage.preferred(for: directory)
        if kind.isRequest && !accepted {
            throw CaseworkError(.refused, "letter", "the directory lists \(listed) for \(file.counterpart) and there is no template in any of them; a request must be in a language the requested State accepts: give --lang to choose one", article: "40.14")
        }
        return (preferred, nil)
    }

    /// Records `letter-produced` on the case (kind and language): call it once the letter is out.
    public func record(_ draft: LetterDraft) throws {
        _ = try store.act(.id(draft.file.id), action: .letterProduced,
                          inputs: ActionInputs(letter: draft.letter.kind, language: draft.letter.language.rawValue),
                          actor: officer, today: today, now: now())
    }

    /// Whether recording it would be refused (a viewer, a closed training day…), before any file is written.
    public func checkRecordable(_ draft: LetterDraft) throws {
        let snapshot = try store.caseSnapshot(.id(draft.file.id), actor: officer, today: today, now: now())
        _ = try Engine.decide(.letterProduced,
                              ActionInputs(letter: draft.letter.kind, language: draft.letter.language.rawValue),
                              on: snapshot.file, context: snapshot.context)
    }

    /// Saves the letter to a new file and records it: the path is refused before anything is
    /// recorded, and nothing is written when recording is refused.
    public func save(_ draft: LetterDraft, to path: String, docx: Bool, force: Bool) throws {
        try checkRecordable(draft)
        let file = try OutputFile(path, force: force, protecting: databasePath)
        try file.check()
        let bytes = try Self.bytes(draft.letter, docx: docx, now: now())
        // Recorded once the letter is written and synced under its temporary name, and before
        // that is moved to the name asked for: a letter that could not be written is not on the
        // case, and a refused record leaves no file.
        try file.write { _, descriptor in
            try OutputFile.writeAll(bytes, to: descriptor, path: path)
            try record(draft)
        }
    }

    /// The letter's bytes in a format: text as UTF-8, or a .docx built in memory.
    public static func bytes(_ letter: Letter, docx: Bool, now: Date) throws -> Data {
        docx ? try DocxDocument.data(for: letter, modified: now) : Data(letter.text.utf8)
    }
}

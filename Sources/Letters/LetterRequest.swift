import Casework

/// Who writes to whom, from the office policy and the directory (40.12).
public struct LetterParties: Sendable, Hashable {
    /// Our central authority, as the office policy names it.
    public var office: String
    /// Our State's name ('' when the office has not set it), in English as the directory has it,
    /// and its ISO 3166-1 alpha-3 code, by which the letter names it in its own language.
    public var officeState: String
    public var officeStateCode: String
    /// The other State's name and code (as ours), and its central authority as the directory
    /// knows it ('' if not).
    public var counterpartState: String
    public var counterpartCode: String
    public var counterpartAuthority: String
    /// The languages the directory lists for the other State (ISO 639-2), most preferred first.
    public var counterpartLanguages: [String]
    /// The officer who signs.
    public var officer: String

    public init(office: String, officeState: String = "", officeStateCode: String = "",
                counterpartState: String, counterpartCode: String = "",
                counterpartAuthority: String = "", counterpartLanguages: [String] = [], officer: String) {
        self.office = office; self.officeState = officeState; self.officeStateCode = officeStateCode
        self.counterpartState = counterpartState; self.counterpartCode = counterpartCode
        self.counterpartAuthority = counterpartAuthority; self.counterpartLanguages = counterpartLanguages
        self.officer = officer
    }
}

/// Everything one letter is drafted from: the case as folded, its deadlines as of today, the
/// parties, the letter wanted and its language.
public struct LetterRequest: Sendable {
    public var kind: LetterKind
    public var language: LetterLanguage
    public var file: CaseFile
    public var deadlines: [Deadline]
    public var parties: LetterParties
    /// The date the letter bears.
    public var today: CivilDate

    public init(kind: LetterKind, language: LetterLanguage, file: CaseFile, deadlines: [Deadline],
                parties: LetterParties, today: CivilDate) {
        self.kind = kind; self.language = language; self.file = file; self.deadlines = deadlines
        self.parties = parties; self.today = today
    }

    /// The due date of the case's deadline of this kind, if it has one.
    func due(_ kind: DeadlineKind) -> CivilDate? { deadlines.first { $0.kind == kind }?.due }

    /// The latest applied event of one of these types.
    func latest(_ actions: Set<Action>) -> CaseEvent? {
        file.applied.last { $0.action.map(actions.contains) ?? false }?.event
    }
}

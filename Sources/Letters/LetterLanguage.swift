import Foundation

/// The six official languages of the United Nations, in which the Convention's texts are equally
/// authentic (art. 67): the languages a letter can be drafted in.
public enum LetterLanguage: String, CaseIterable, Codable, Sendable {
    case ar, zh, en, fr, ru, es

    /// The ISO 639-2 codes the directory may list for a State (terminology and bibliographic).
    var directoryCodes: Set<String> {
        switch self {
        case .ar: return ["ara", "ar"]
        case .zh: return ["zho", "chi", "zh"]
        case .en: return ["eng", "en"]
        case .fr: return ["fra", "fre", "fr"]
        case .ru: return ["rus", "ru"]
        case .es: return ["spa", "es"]
        }
    }

    /// Arabic is written right to left: the .docx marks its paragraphs so.
    public var isRightToLeft: Bool { self == .ar }

    /// The language of a directory code, if it is one of the six.
    public static func of(directoryCode code: String) -> LetterLanguage? {
        allCases.first { $0.directoryCodes.contains(code.lowercased()) }
    }

    /// The first language the directory lists for the State that a template exists for, else
    /// English (issue 11). `accepted` is false when none of the State's languages has one: for a
    /// request that is a 40.14 problem.
    public static func preferred(for directoryLanguages: [String]) -> (language: LetterLanguage, accepted: Bool) {
        if let first = directoryLanguages.lazy.compactMap(of(directoryCode:)).first {
            return (first, true)
        }
        return (.en, directoryLanguages.isEmpty)
    }

    /// Whether the State accepts this language, as far as the directory says (an empty list
    /// says nothing, so nothing is refused on it).
    public func isAccepted(by directoryLanguages: [String]) -> Bool {
        directoryLanguages.isEmpty || directoryLanguages.contains { directoryCodes.contains($0.lowercased()) }
    }
}

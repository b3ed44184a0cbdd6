import CadeskResources
import Foundation
import Mustache

/// The letter templates: those shipped inside the binary (Resources/templates, compiled in by
/// Scripts/generate-resources), each replaceable by the office's own copy at
/// `<folder of the database>/templates/<lang>/<kind>.mustache` (and the partials `letterhead`
/// and `closing` likewise).
public struct LetterTemplates: Sendable {
    /// The office's folder of overrides, or nil for the shipped templates only.
    public var overrideFolder: String?

    public init(overrideFolder: String? = nil) { self.overrideFolder = overrideFolder }

    /// The folder an office puts its own templates in, beside its database.
    public static func overrideFolder(forDatabase path: String) -> String {
        ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("templates")
    }

    /// The partials every letter of a language may include.
    static let partials = ["letterhead", "closing"]

    /// Whether a template exists for this letter in this language (shipped or the office's).
    public func exists(_ kind: String, _ language: LetterLanguage) -> Bool {
        source(kind, language) != nil
    }

    /// The template text: the office's copy when it has one, else the shipped one.
    func source(_ name: String, _ language: LetterLanguage) -> (text: String, origin: String)? {
        if let folder = overrideFolder {
            let path = "\(folder)/\(language.rawValue)/\(name).mustache"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { return (text, path) }
        }
        return ShippedTemplates.all["\(language.rawValue)/\(name)"].map { ($0, "shipped \(language.rawValue)/\(name)") }
    }

    /// The letter's template with its language's partials, parsed. Templates render as plain
    /// text (no HTML escaping): the .docx writer escapes for XML itself.
    func load(_ kind: String, _ language: LetterLanguage) throws(LetterError) -> (MustacheTemplate, MustacheLibrary, origin: String) {
        guard let main = source(kind, language) else { throw .noTemplate(kind: kind, language: language) }
        var library = MustacheLibrary()
        for name in Self.partials {
            guard let partial = source(name, language) else { continue }
            library.register(try parse(partial), named: name)
        }
        return (try parse(main), library, main.origin)
    }

    private func parse(_ source: (text: String, origin: String)) throws(LetterError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + source.text)
        } catch {
            throw .badTemplate(origin: source.origin, why: "\(error)")
        }
    }
}

public enum LetterError: Error, Sendable, Equatable, CustomStringConvertible {
    case noTemplate(kind: String, language: LetterLanguage)
    case badTemplate(origin: String, why: String)
    case unfilled(origin: String, what: String)

    public var description: String {
        switch self {
        case let .noTemplate(kind, language): return "no \(language.rawValue) template for a \(kind) letter"
        case let .badTemplate(origin, why): return "template \(origin) does not parse: \(why)"
        case let .unfilled(origin, what): return "template \(origin) left \(what) in the letter"
        }
    }
}

import Casework
import Foundation

/// A letter drafted from a case: its text, and what it was made from.
public struct Letter: Sendable, Hashable {
    public var kind: LetterKind
    public var language: LetterLanguage
    /// Plain text, lines separated by `\n`, as typed values were entered (no escaping).
    public var text: String
}

extension LetterTemplates {
    /// Renders the letter. Refuses a template that leaves a mustache tag in the text (an
    /// office's override with a typo would otherwise send "{{theirRef}}" to another State).
    public func render(_ request: LetterRequest) throws(LetterError) -> Letter {
        let (template, library, origin) = try load(request.kind.rawValue, request.language)
        let raw = template.render(LetterView.make(request), library: library)
        let text = Self.tidy(raw)
        if let open = text.range(of: "{{") {
            let rest = text[open.lowerBound...].prefix(40)
            throw .unfilled(origin: origin, what: "'\(rest.split(separator: "\n").first ?? "")'")
        }
        return Letter(kind: request.kind, language: request.language, text: text)
    }

    /// Trailing spaces dropped, at most one blank line in a row, one newline at the end: the
    /// sections of a template that had nothing to say leave no holes.
    static func tidy(_ s: String) -> String {
        var lines: [Substring] = []
        for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
            var l = line
            while let last = l.last, last == " " || last == "\t" { l = l.dropLast() }
            if l.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(l)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}

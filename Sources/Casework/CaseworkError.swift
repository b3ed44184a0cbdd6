import Foundation

/// Why the engine refused something. One error type for the module (STYLE.md): the message
/// names the rule that failed and the article it comes from, and says what to do.
public struct CaseworkError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// Bad input: unknown action, ground code, purpose, item, or an impossible value.
        /// The command line exits 2.
        case usage
        /// A rule of the Convention or of office policy forbids it. Exit 3.
        case refused
        /// The acting officer's role does not allow it. Exit 3.
        case forbiddenRole = "forbidden-role"
    }

    public var kind: Kind
    /// The action (or `case`, `policy`) that was refused.
    public var action: String
    /// The words of the rule, naming the inputs it concerns as inputs (`RuleText`).
    public var text: RuleText
    /// The article the rule comes from, e.g. `42.9`, or nil for office practice.
    public var article: String?

    public init(_ kind: Kind, _ action: String, _ text: RuleText, article: String? = nil) {
        self.kind = kind; self.action = action; self.text = text; self.article = article
    }

    /// The message as the command line says it: inputs spelt as options (`--until`).
    public var message: String { text.description }

    /// The inputs the rule concerns (`.until` for "--until is required").
    public var inputs: [ActionInput] { text.inputs }

    /// The whole refusal with each input named by `name`: a form names its fields.
    public func phrased(_ name: (ActionInput) -> String) -> String {
        var out = "\(action): \(text.phrased(name))"
        if let article { out += " (art. \(article))" }
        return out
    }

    /// `refuse: ground 40.24-bank-secrecy is never a ground for refusal (art. 40.24)`
    public var description: String {
        var text = "\(action): \(message)"
        if let article { text += " (art. \(article))" }
        return text
    }

    static func usage(_ action: String, _ message: RuleText, article: String? = nil) -> CaseworkError {
        CaseworkError(.usage, action, message, article: article)
    }
    static func refused(_ action: String, _ message: RuleText, article: String? = nil) -> CaseworkError {
        CaseworkError(.refused, action, message, article: article)
    }
    static func usage(_ action: Action, _ message: RuleText, article: String? = nil) -> CaseworkError {
        CaseworkError(.usage, action.rawValue, message, article: article)
    }
    static func refused(_ action: Action, _ message: RuleText, article: String? = nil) -> CaseworkError {
        CaseworkError(.refused, action.rawValue, message, article: article)
    }
}

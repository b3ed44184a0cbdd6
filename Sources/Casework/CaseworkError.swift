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
    /// The article the rule comes from, e.g. `42.9`, or nil when the rule is the office's own.
    public var article: String?
    /// The office's own rule when no article applies: a policy key (`office policy
    /// consult_before_all_refusals`) or, when nil, "office practice" (void, reopen, roles).
    public var officeRule: String?

    public init(_ kind: Kind, _ action: String, _ text: RuleText, article: String? = nil,
                officeRule: String? = nil) {
        self.kind = kind; self.action = action; self.text = text; self.article = article
        self.officeRule = officeRule
    }

    /// What the refusal cites (§6: every refusal names its rule): `art. 42.9`, the office's
    /// policy key, or office practice. A usage error about a typo (unknown action, code) cites
    /// nothing: no rule is in play.
    public var citation: String? {
        if let article { return "art. \(article)" }
        if let officeRule { return officeRule }
        return kind == .usage ? nil : "office practice"
    }

    /// The message as the command line says it: inputs spelt as options (`--until`).
    public var message: String { text.description }

    /// The inputs the rule concerns (`.until` for "--until is required").
    public var inputs: [ActionInput] { text.inputs }

    /// The whole refusal with each input named by `name`: a form names its fields.
    public func phrased(_ name: (ActionInput) -> String) -> String {
        var out = "\(action): \(text.phrased(name))"
        if let citation { out += " (\(citation))" }
        return out
    }

    /// `refuse: ground 40.24-bank-secrecy is never a ground for refusal (art. 40.24)`
    public var description: String {
        var text = "\(action): \(message)"
        if let citation { text += " (\(citation))" }
        return text
    }

    static func usage(_ action: String, _ message: RuleText, article: String? = nil,
                      officeRule: String? = nil) -> CaseworkError {
        CaseworkError(.usage, action, message, article: article, officeRule: officeRule)
    }
    static func refused(_ action: String, _ message: RuleText, article: String? = nil,
                        officeRule: String? = nil) -> CaseworkError {
        CaseworkError(.refused, action, message, article: article, officeRule: officeRule)
    }
    static func usage(_ action: Action, _ message: RuleText, article: String? = nil,
                      officeRule: String? = nil) -> CaseworkError {
        CaseworkError(.usage, action.rawValue, message, article: article, officeRule: officeRule)
    }
    static func refused(_ action: Action, _ message: RuleText, article: String? = nil,
                        officeRule: String? = nil) -> CaseworkError {
        CaseworkError(.refused, action.rawValue, message, article: article, officeRule: officeRule)
    }
}

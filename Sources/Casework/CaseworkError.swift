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
    /// Which rule it is, as a value, where a front end or a test must tell rules apart without
    /// reading the words; nil for rules told apart by their article and inputs alone.
    public var rule: Rule?

    public init(_ kind: Kind, _ action: String, _ text: RuleText, article: String? = nil,
                officeRule: String? = nil, rule: Rule? = nil) {
        self.kind = kind; self.action = action; self.text = text; self.article = article
        self.officeRule = officeRule; self.rule = rule
    }

    /// The rules a refusal can name as a value.
    public enum Rule: Sendable, Hashable {
        /// The action is not open from the case's state (the table's `from`).
        case notInState(CaseState)
        /// The case is closed; a supervisor may reopen it.
        case closed
        /// The requesting State must be consulted first (40.28; office policy may ask it for more).
        case consultFirst
        /// Another action must be recorded first.
        case recordFirst(Action)
        /// The State named is the office's own, not another State Party.
        case ownState(String)
        /// The effective date is before the case's latest recorded one.
        case beforeLatest(CivilDate)
        /// The preservation period still runs until this day (42.8).
        case periodRuns(until: CivilDate)
        /// The linked follow-up request is not yet decided (42.8).
        case followUpUndecided([String])
        /// The registration, a void or a purge cannot be voided (`nil`: the registration).
        case notVoidable(Action?)
        /// The event named was voided already.
        case alreadyVoided
        /// Only the most recent state-changing event may be voided.
        case notLastChange
        /// Nothing but the registration is recorded.
        case nothingToVoid
        /// Only a withdrawn preservation has data to release (42.8).
        case notWithdrawn
        /// The custodian was told to release the data already.
        case alreadyReleased
        /// The follow-up request linked must be an MLA case in this direction (42.8).
        case followUpMustBe(Direction)
        /// Policy keeps closed cases longer: a purge may reach back at most to this day (36).
        case keptUntil(CivilDate)
        /// The refusal ground (its code) is not one for this kind of request (40.21, 42.6, 43.2);
        /// `see` names an article that says why, where one does (42.4: no dual criminality for
        /// preservation).
        case groundNotAllowed(String, see: String?)
        /// Ground `treaty` on a request that does not rest on an MLA treaty (40.7).
        case treatyGroundWithoutTreaty
        /// The ground needs a reservation (its article) the office has not declared.
        case reservationNotDeclared(String)
        /// The ground does not apply to an offence of this class (42.5); `.unspecified`: classify first.
        case offenceClassExcludes(OffenceClass)
        /// A ground of para. 21 (its code) needs the requesting State consulted first (40.28).
        case consultBeforeGround(String)
        /// Written reasons are required for a refusal (40.25), under a treaty by office policy (40.7).
        case reasonsRequired(underTreaty: Bool)
        /// An outgoing request is sent with these checklist items (40.15, 42.3, 45.3).
        case checklistMissing([ChecklistItemID])
        /// The follow-up request linked could not be read to check it (42.8).
        case followUpUnreadable
        /// The follow-up request linked concerns another State (its code) (42.8).
        case followUpOtherState(String)
        /// The follow-up request linked does not ask for the data (42.8).
        case followUpNotForTheData
        /// The outgoing follow-up request linked has not been sent (42.8).
        case followUpNotSent
        /// `--keep` names no copy of the conflict; these are its copies.
        case notACopyInConflict([String])
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

    /// The registration fields the rule concerns (`.deadlineReason` for a deadline without reasons).
    public var fields: [RegistrationField] { text.fields }

    /// The whole refusal with each input named by `name` and each registration field by
    /// `field`: a form names its fields.
    public func phrased(_ name: (ActionInput) -> String,
                        field: (RegistrationField) -> String = \.option) -> String {
        var out = "\(action): \(text.phrased(name, field: field))"
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
                      officeRule: String? = nil, rule: Rule? = nil) -> CaseworkError {
        CaseworkError(.usage, action, message, article: article, officeRule: officeRule, rule: rule)
    }
    static func refused(_ action: String, _ message: RuleText, article: String? = nil,
                        officeRule: String? = nil, rule: Rule? = nil) -> CaseworkError {
        CaseworkError(.refused, action, message, article: article, officeRule: officeRule, rule: rule)
    }
    static func usage(_ action: Action, _ message: RuleText, article: String? = nil,
                      officeRule: String? = nil, rule: Rule? = nil) -> CaseworkError {
        CaseworkError(.usage, action.rawValue, message, article: article, officeRule: officeRule, rule: rule)
    }
    static func refused(_ action: Action, _ message: RuleText, article: String? = nil,
                        officeRule: String? = nil, rule: Rule? = nil) -> CaseworkError {
        CaseworkError(.refused, action.rawValue, message, article: article, officeRule: officeRule, rule: rule)
    }
}

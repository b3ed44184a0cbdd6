import Foundation

/// The letters a central authority sends the other State, as named on the command line
/// (`cadesk letter REF KIND`). Each is drafted from the case; `Engine.whyNoLetter` says when one
/// makes sense.
public enum LetterKind: String, CaseIterable, Codable, Sendable {
    case acknowledgement
    case informationRequest = "information-request"
    case consultation
    case postponement
    case refusal
    case preservationConfirmation = "preservation-confirmation"
    case riskNotification = "risk-notification"
    case extensionRequest = "extension-request"
    case preservationRequest = "preservation-request"
    case mlaRequest = "mla-request"

    /// The article the letter answers to (shown in help, cited when it is refused).
    public var article: String {
        switch self {
        case .acknowledgement: return "40.12(b)"
        case .informationRequest: return "40.16"
        case .consultation: return "40.28"
        case .postponement: return "40.27"
        case .refusal: return "40.25"
        case .preservationConfirmation: return "42.8"
        case .riskNotification: return "42.7"
        case .extensionRequest: return "42.9"
        case .preservationRequest: return "42.3"
        case .mlaRequest: return "40.15"
        }
    }

    /// A request we send: it must be in a language the requested State accepts (40.14).
    public var isRequest: Bool { self == .preservationRequest || self == .mlaRequest }
}

extension Engine {
    /// Why this letter makes no sense for the case now, or nil when it does. The one home of
    /// the rule: `cadesk letter`, the desk's `l` and `letter-produced` all ask it.
    public static func whyNoLetter(_ letter: LetterKind, for file: CaseFile,
                                   action: String = "letter") -> CaseworkError? {
        let now = "\(file.ref) is \(file.direction.rawValue) \(file.kind.rawValue), \(file.state.rawValue)"
        func refuse(_ needs: String) -> CaseworkError {
            .refused(action, "a \(letter.rawValue) letter needs \(needs); \(now)", article: letter.article)
        }
        let incoming = file.direction == .incoming
        let preservation = file.kind == .preservation
        switch letter {
        case .acknowledgement:
            return incoming && file.isOpen ? nil : refuse("an open incoming request")
        case .informationRequest:
            return incoming && !preservation && file.state == .awaitingInformation
                ? nil : refuse("an incoming MLA request awaiting information (request-information first)")
        case .consultation:
            return incoming && file.state == .consultation ? nil : refuse("an incoming request in consultation (consult first)")
        case .postponement:
            return incoming && file.state == .postponed ? nil : refuse("an incoming MLA request postponed (postpone first)")
        case .refusal:
            let partly = file.applied.contains { $0.action == .partialRefusal }
            return incoming && (file.outcome == .refused || partly)
                ? nil : refuse("an incoming request refused, or partly refused")
        case .preservationConfirmation:
            return incoming && preservation && [.preserved, .pendingMLA].contains(file.state)
                ? nil : refuse("an incoming preservation preserved or pending the MLA request")
        case .riskNotification:
            return incoming && preservation && file.applied.contains { $0.action == .notifyRisk }
                ? nil : refuse("an incoming preservation after a 42.7 notice (notify-risk first)")
        case .extensionRequest:
            return !incoming && preservation && file.state == .preserved
                ? nil : refuse("an outgoing preservation that is preserved")
        case .preservationRequest:
            return !incoming && preservation && [.draft, .sent].contains(file.state)
                ? nil : refuse("an outgoing preservation request, draft or sent")
        case .mlaRequest:
            return !incoming && !preservation && [.draft, .sent].contains(file.state)
                ? nil : refuse("an outgoing MLA request, draft or sent")
        }
    }

    /// The letters that make sense for the case now, in the order of `LetterKind`.
    public static func lettersOffered(for file: CaseFile) -> [LetterKind] {
        LetterKind.allCases.filter { whyNoLetter($0, for: file) == nil }
    }
}

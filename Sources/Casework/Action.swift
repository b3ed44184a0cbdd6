import Foundation

/// An action an officer records on a case, spelled as on the command line (`case act REF ACTION`)
/// and as the stored type of its event. A closed set: a misspelt action does not compile, so a
/// guard, a deadline rule or an effect cannot silently name an action that does not exist.
/// Which workflow declares which action, from which states, is the tables' business (Workflow.swift).
public enum Action: String, CaseIterable, Codable, Sendable, Comparable, CustomStringConvertible {
    // Every open state, every workflow (§5)
    case note
    case assign
    case attach
    case edit
    case setDeadline = "set-deadline"
    case statusInquiry = "status-inquiry"
    case statusReply = "status-reply"
    case confidentialityWarning = "confidentiality-warning"
    case costConsultation = "cost-consultation"
    case writtenConfirmationReceived = "written-confirmation-received"
    case confirmedInWriting = "confirmed-in-writing"
    case link
    case withdraw
    case close
    case reopen
    // Any state, also after closing: obligations that outlast a case (§5)
    case consentRequested = "consent-requested"
    case consentGranted = "consent-granted"
    case consentRefused = "consent-refused"
    case exculpatoryDisclosure = "exculpatory-disclosure"
    case onwardTransferRequested = "onward-transfer-requested"
    case onwardTransferAuthorized = "onward-transfer-authorized"
    case onwardTransferRefused = "onward-transfer-refused"
    case dataTransferConditions = "data-transfer-conditions"
    case letterProduced = "letter-produced"
    case void
    /// Retention (art. 36): recorded by `cadesk purge` across cases, never from a workflow table.
    case purge
    /// Recorded by `cadesk import` when both copies changed the case since they last exchanged
    /// it (issue 13): which events each copy recorded meanwhile. Never from a workflow table.
    case diverged
    /// A supervisor keeps one copy's branch of a conflict; the other branches' events are voided.
    case resolveConflict = "resolve-conflict"
    // §5.1 Incoming MLA
    case assess
    case requestInformation = "request-information"
    case informationReceived = "information-received"
    case consult
    case execute
    case postpone
    case refuse
    case partialRefusal = "partial-refusal"
    case partialExecution = "partial-execution"
    case complete
    // §5.2 Incoming preservation
    case notifyRisk = "notify-risk"
    case preserve
    case extend
    case mlaReceived = "mla-received"
    case discloseTraffic = "disclose-traffic"
    case refuseDisclosure = "refuse-disclosure"
    case release
    case dataReleased = "data-released"
    // §5.3 Outgoing preservation
    case send
    case riskNotified = "risk-notified"
    case proceed
    case confirmPreserved = "confirm-preserved"
    case requestExtension = "request-extension"
    case extensionGranted = "extension-granted"
    case extensionRefused = "extension-refused"
    case sendMLA = "send-mla"
    case refusedByCounterpart = "refused-by-counterpart"
    case lapse
    // §5.4 Outgoing MLA
    case acknowledged
    case informationRequested = "information-requested"
    case informationSent = "information-sent"
    case executing
    case postponedByCounterpart = "postponed-by-counterpart"
    case resumed
    case conditionsProposed = "conditions-proposed"
    case acceptConditions = "accept-conditions"
    case declineConditions = "decline-conditions"
    case partiallyRefusedByCounterpart = "partially-refused-by-counterpart"
    case executed

    public var description: String { rawValue }

    public static func < (a: Action, b: Action) -> Bool { a.rawValue < b.rawValue }

    /// An action typed by an officer: an unknown name is a usage error (exit 2).
    public static func parse(_ text: String) throws(CaseworkError) -> Action {
        guard let action = Action(rawValue: text.trimmedOfSpaces) else {
            throw CaseworkError(.usage, text, "unknown action")
        }
        return action
    }
}

/// The type of a stored event: the registration that opens a case, or an action.
public enum EventType: Hashable, Sendable, Codable, CustomStringConvertible {
    case registered
    case action(Action)

    /// The stored spelling; nil for a name this version does not know, which a store reports as
    /// damage rather than skip (a skipped row would silently change the case).
    public init?(rawValue: String) {
        if rawValue == "registered" { self = .registered; return }
        guard let action = Action(rawValue: rawValue) else { return nil }
        self = .action(action)
    }

    public var rawValue: String {
        switch self {
        case .registered: return "registered"
        case .action(let action): return action.rawValue
        }
    }

    public var description: String { rawValue }

    /// The action recorded, nil for the registration.
    public var action: Action? {
        if case .action(let action) = self { return action }
        return nil
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let type = EventType(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown event type: \(text)"))
        }
        self = type
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

import Foundation

/// Incoming: we are the requested State. Outgoing: we asked another State.
public enum Direction: String, CaseIterable, Codable, Sendable {
    case incoming, outgoing
}

/// `mla`: art. 40 (stored data 44, real-time traffic 45, interception 46).
/// `preservation`: art. 42, with art. 43 disclosures.
public enum RequestKind: String, CaseIterable, Codable, Sendable {
    case mla, preservation
}

/// Roles of WORKFLOWS.md: viewers cannot act; only supervisors void, reopen and change policy.
public enum Role: String, CaseIterable, Codable, Sendable {
    case officer, supervisor, viewer
}

/// Every state of the four workflows (WORKFLOWS.md §5). Which ones a case can reach depends on
/// its direction and kind; the workflow tables say which.
public enum CaseState: String, CaseIterable, Codable, Sendable {
    case draft, sent, received, assessing, acknowledged
    case awaitingInformation = "awaiting-information"
    case informationRequested = "information-requested"
    case awaitingDecision = "awaiting-decision"
    case awaitingOurDecision = "awaiting-our-decision"
    case consultation, executing, postponed, preserved
    case pendingMLA = "pending-mla"
    case mlaSent = "mla-sent"
    case executed, refused, released, lapsed, withdrawn, closed
}

/// The four workflows, one per (direction, kind).
public struct WorkflowID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let direction: Direction
    public let kind: RequestKind
    public init(_ direction: Direction, _ kind: RequestKind) {
        self.direction = direction; self.kind = kind
    }
    public static let all: [WorkflowID] = [
        .init(.incoming, .mla), .init(.incoming, .preservation),
        .init(.outgoing, .preservation), .init(.outgoing, .mla),
    ]
    public var description: String { "\(direction.rawValue) \(kind.rawValue)" }
}

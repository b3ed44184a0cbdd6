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

    /// Cases are assigned to officers and supervisors, never to a viewer.
    public var takesCases: Bool { self != .viewer }
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

extension Role {
    /// viewer < officer < supervisor: an action's minimum role is met by any role at least as high.
    public var rank: Int {
        switch self {
        case .viewer: return 0
        case .officer: return 1
        case .supervisor: return 2
        }
    }
    public func satisfies(_ minimum: Role) -> Bool { rank >= minimum.rank }
}

/// `urgent` needs reasons; `emergency` is a significant and imminent risk to the life or safety
/// of a person (art. 2(o)). Both allow oral requests (40.13) and expedite execution.
public enum Urgency: String, CaseIterable, Codable, Sendable {
    case normal, urgent, emergency
    public var isUrgent: Bool { self != .normal }
}

/// How a request travels (art. 40.12(d), 41).
public enum Channel: String, CaseIterable, Codable, Sendable {
    case centralAuthority = "central-authority"
    case diplomatic, interpol
    case network247 = "24-7-network"
    case other
}

/// The purposes of art. 40.3 (a)–(m), with arts. 44–46 for electronic data.
public enum Purpose: String, CaseIterable, Codable, Sendable {
    case evidence                                  // (a)
    case service                                   // (b) service of judicial documents
    case searchSeizure = "search-seizure"          // (c)
    case storedData = "stored-data"                // (d), art. 44
    case realtimeTraffic = "realtime-traffic"      // (e), art. 45
    case interception                              // (f), art. 46
    case examination                               // (g)
    case information                               // (h)
    case documents                                 // (i)
    case tracing                                   // (j)
    case appearance                                // (k)
    case recovery                                  // (l)
    case other                                     // (m)

    public var article: String {
        switch self {
        case .evidence: return "40.3(a)"
        case .service: return "40.3(b)"
        case .searchSeizure: return "40.3(c)"
        case .storedData: return "44"
        case .realtimeTraffic: return "45"
        case .interception: return "46"
        case .examination: return "40.3(g)"
        case .information: return "40.3(h)"
        case .documents: return "40.3(i)"
        case .tracing: return "40.3(j)"
        case .appearance: return "40.3(k)"
        case .recovery: return "40.3(l)"
        case .other: return "40.3(m)"
        }
    }
}

/// Whether the offence is one established under the Convention (arts. 7–17) or another serious
/// crime (art. 2(h)); matters for the 42.5 reservation.
public enum OffenceClass: String, CaseIterable, Codable, Sendable {
    case conventionOffence = "convention-offence"
    case seriousCrime = "serious-crime"
    case unspecified
}

/// `convention`: paras 8–31 of art. 40 apply. `treaty:NAME`: the MLA treaty's provisions replace
/// them (40.7). `other`: domestic law.
public enum LegalBasis: Hashable, Sendable, Codable, CustomStringConvertible {
    case convention
    case treaty(String)
    case other

    public var isTreaty: Bool { if case .treaty = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .convention: return "convention"
        case .treaty(let name): return "treaty:\(name)"
        case .other: return "other"
        }
    }

    /// Parses `convention`, `treaty:NAME` (NAME not empty) or `other`.
    public init?(_ text: String) {
        if text == "convention" { self = .convention }
        else if text == "other" { self = .other }
        else if text.hasPrefix("treaty:"), text.count > 7 { self = .treaty(String(text.dropFirst(7))) }
        else { return nil }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let basis = LegalBasis(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a legal basis: \(text)"))
        }
        self = basis
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// What a consultation (40.28) proposes.
public enum Proposal: String, CaseIterable, Codable, Sendable {
    case refuse
    case partialRefuse = "partial-refuse"
    case postpone

    /// The proposals a consultation may carry: a preservation request is consulted on only
    /// before refusing it (42.6).
    public static func allowed(for kind: RequestKind) -> [Proposal] {
        kind == .preservation ? [.refuse] : allCases
    }
}

/// Parsing of the command-line spellings, with errors the CLI maps to exit code 2.
extension CaseIterable where Self: RawRepresentable, Self.RawValue == String {
    public static func parse(_ text: String, what: String, action: String = "case") throws(CaseworkError) -> Self {
        if let value = allCases.first(where: { $0.rawValue == text }) { return value }
        let known = allCases.map(\.rawValue).joined(separator: ", ")
        throw CaseworkError(.usage, action, "unknown \(what) '\(text)' (one of: \(known))")
    }
}

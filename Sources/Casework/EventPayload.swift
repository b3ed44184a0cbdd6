import Foundation

/// What an event carries besides its envelope. Only strings, integers, booleans, dates as
/// `YYYY-MM-DD` strings, arrays and nested structs: no floats, so the canonical encoding
/// (sorted keys, UTF-8) is stable byte for byte.
public struct EventPayload: Codable, Sendable, Hashable {
    public var grounds: [String]?
    public var reason: String?
    public var note: String?
    public init(grounds: [String]? = nil, reason: String? = nil, note: String? = nil) {
        self.grounds = grounds; self.reason = reason; self.note = note
    }
}

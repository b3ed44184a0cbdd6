import Foundation

/// The outcome of `verifyAudit()`.
public struct AuditReport: Sendable, Hashable, Codable {
    /// Events checked.
    public var events: Int
    /// Events whose payload was purged (their digest cannot be recomputed; the chain still holds).
    public var purged: Int
    /// The first event found broken, or nil when the whole chain verifies.
    public var firstBroken: BrokenEvent?
    /// Hex of the last chain value: the head a field copy or an auditor can compare.
    public var head: String

    public var ok: Bool { firstBroken == nil }

    public struct BrokenEvent: Sendable, Hashable, Codable {
        public var seq: Int64
        public var id: String
        public var caseID: String
        public var ref: String?
        /// `digest` (the event's bytes changed), `chain` (an event was removed, inserted or
        /// reordered, or a chain value changed) or `unreadable`.
        public var problem: String
    }
}

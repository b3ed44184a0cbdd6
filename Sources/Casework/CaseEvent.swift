import Foundation

/// One change to a case. Events are only appended, never edited or deleted (WORKFLOWS.md §1);
/// the current case is a fold of its events. A mistaken event is cancelled by a later `void`.
public struct CaseEvent: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var caseID: UUID
    /// The action recorded (`preserve`, `refuse`, …), or `registered` for the first event of a case.
    public var type: EventType
    /// The officer who recorded it.
    public var actor: String
    /// When it was recorded (UTC instant, whole milliseconds).
    public var recorded: Date
    /// The civil date it takes effect (`--on`), in the office time zone.
    public var effective: CivilDate
    public var payload: EventPayload

    public init(id: UUID, caseID: UUID, type: EventType, actor: String, recorded: Date,
                effective: CivilDate, payload: EventPayload) {
        self.id = id; self.caseID = caseID; self.type = type; self.actor = actor
        self.recorded = recorded; self.effective = effective; self.payload = payload
    }

    /// The action recorded, nil for the registration.
    public var action: Action? { type.action }
}

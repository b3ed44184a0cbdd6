import Foundation

public struct CheckReport: Sendable, Hashable, Codable {
    /// integrity_check's lines ("ok" when sound).
    public var integrity: [String]
    /// foreign_key_check violations, as "table rowid → parent".
    public var foreignKeys: [String]
    public var audit: AuditReport
    /// What the stored projections say that a rebuild from the events does not, one line each.
    public var projections: [String] = []
    /// Cases an office-wide change (policy, holidays, `admin rebuild`) still has to project
    /// again, when any (their projections may differ until then); nil when none.
    public var pendingProjections: Int?
    public var ok: Bool { integrity == ["ok"] && foreignKeys.isEmpty && audit.ok && projections.isEmpty }
}

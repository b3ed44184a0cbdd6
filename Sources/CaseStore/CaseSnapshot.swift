import Casework
import Foundation

/// What `caseSnapshot` reads of a case in one transaction.
public struct CaseSnapshot: Sendable {
    public var file: CaseFile
    /// For `Engine.deadlines`, `allowedActions`, `heldBack`: linked cases filled in.
    public var context: CaseContext
    public var relations: [CaseRelation]
    /// The counterpart as the directory knows it (nil for a code it does not hold).
    public var counterpart: DirectoryEntry?
    public init(file: CaseFile, context: CaseContext, relations: [CaseRelation], counterpart: DirectoryEntry?) {
        self.file = file; self.context = context; self.relations = relations; self.counterpart = counterpart
    }
}

/// A link seen from one case: the other case, and whether the link was declared by it.
public struct CaseRelation: Sendable, Hashable, Codable {
    public var id: UUID
    public var ref: String
    public var relation: String
    /// True when the other case's events declared the link (it points at this case).
    public var inbound: Bool
}

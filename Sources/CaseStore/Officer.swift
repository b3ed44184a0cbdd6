import Casework
import Foundation

public struct Officer: Sendable, Hashable, Codable {
    public var name: String
    public var role: Role
    public init(name: String, role: Role) { self.name = name; self.role = role }
}

import Casework
import Foundation

/// Which case: by reference (what people type) or by identity.
public enum CaseSelector: Sendable, Hashable, CustomStringConvertible {
    case ref(String)
    case id(UUID)
    public var description: String {
        switch self {
        case .ref(let ref): return ref
        case .id(let id): return id.uuidString
        }
    }
}

import Casework
import Foundation

/// A State in the directory: ISO names from iso-codes, the rest kept by the office (40.12).
public struct DirectoryEntry: Sendable, Hashable, Codable {
    public var iso3: String
    public var alpha2: String
    public var name: String
    public var officialName: String
    public var centralAuthority: String
    public var contact247: String
    /// ISO 639-2 codes.
    public var languages: [String]
    public var treaty: String
    public var notes: String
    public init(iso3: String, alpha2: String = "", name: String = "", officialName: String = "",
                centralAuthority: String = "", contact247: String = "", languages: [String] = [],
                treaty: String = "", notes: String = "") {
        self.iso3 = iso3; self.alpha2 = alpha2; self.name = name; self.officialName = officialName
        self.centralAuthority = centralAuthority; self.contact247 = contact247
        self.languages = languages; self.treaty = treaty; self.notes = notes
    }
}

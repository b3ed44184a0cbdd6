import Casework
import Foundation

// What every test target needs and used to write for itself: a civil date from its text and a
// temporary folder that cleans up after itself. Test targets re-export this module
// (`@_exported import TestSupport`), so the old names (`date("2026-01-05")`,
// `TemporaryFolder()`) keep working in every file.

/// A civil date from `YYYY-MM-DD`; a typo in a test is a crash that names it.
public func date(_ text: String) -> CivilDate {
    guard let day = CivilDate(text) else { fatalError("not a date: \(text)") }
    return day
}

/// A folder under the temporary directory, removed when the value is released. Tests write
/// only inside folders like this one.
public final class TemporaryFolder: @unchecked Sendable {
    public let path: String
    public var url: URL { URL(fileURLWithPath: path) }

    public init(_ prefix: String = "cadesk-test") {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

import Foundation
import TerminalKit

/// The user's key file: bindings by command name (see ``DeskKeys``) and one setting,
/// `mouse = on | off` — on by default; off leaves clicks to the terminal (copying text).
struct DeskKeyFile {
    var keys: KeyTable<DeskCommand>
    var mouse: Bool

    /// Reads `path` (a missing file changes nothing). A mistake throws, naming the line.
    static func read(_ path: String?) throws(KeyTableError) -> DeskKeyFile {
        guard let path, !path.isEmpty else { return DeskKeyFile(keys: DeskKeys.defaults, mouse: true) }
        var full = path
        if full.hasPrefix("~/") { full = NSHomeDirectory() + full.dropFirst(1) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder) else { return DeskKeyFile(keys: DeskKeys.defaults, mouse: true) }
        // The copy keys of field bundles live in a folder of the same name (issue 13): that is no
        // key-binding file, and a field laptop's desk must still start.
        if isFolder.boolValue { return DeskKeyFile(keys: DeskKeys.defaults, mouse: true) }
        guard let data = FileManager.default.contents(atPath: full) else {
            throw KeyTableError(file: path, line: 0, reason: .unreadable("cannot be read"))
        }
        return try parse(String(decoding: data.prefix(1 << 20), as: UTF8.self), file: path)
    }

    /// The setting lines are taken out (left blank, so the key table's errors keep their line
    /// numbers); the rest are bindings.
    static func parse(_ text: String, file: String) throws(KeyTableError) -> DeskKeyFile {
        var mouse = true
        var bindings: [String] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0].lowercased() == "mouse" else { bindings.append(String(raw)); continue }
            switch parts[1].lowercased() {
            case "on", "yes", "true": mouse = true
            case "off", "no", "false": mouse = false
            default:
                throw KeyTableError(file: file, line: index + 1, reason: .malformed("mouse = on or mouse = off, not \(String(raw))"))
            }
            bindings.append("")
        }
        let keys = try DeskKeys.defaults.applyingOverrides(bindings.joined(separator: "\n"), file: file)
        return DeskKeyFile(keys: keys, mouse: mouse)
    }
}

import Foundation
import Testing

/// Golden files of the command-line contract (CLI.md), in Tests/CLITests/Golden. Ids and
/// recorded-at instants differ on every run, so they are replaced by stable placeholders before
/// comparing. `CADESK_UPDATE_GOLDEN=1` rewrites the files (then review the diff).
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden")

    static func normalise(_ json: String) -> String {
        var text = json
        let uuid = try! Regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        var seen: [String: String] = [:]
        for match in text.matches(of: uuid) {
            let id = String(text[match.range])
            if seen[id] == nil { seen[id] = "<id-\(seen.count + 1)>" }
        }
        for (id, placeholder) in seen { text = text.replacingOccurrences(of: id, with: placeholder) }
        let instant = try! Regex("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z")
        return text.replacing(instant, with: "<recorded>")
    }

    static func check(_ output: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let actual = normalise(output.hasSuffix("\n") ? output : output + "\n")
        let file = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CADESK_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from the golden file", sourceLocation: sourceLocation)
    }
}

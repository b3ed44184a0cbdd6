import Foundation
import TerminalTesting

/// A database's events as `Scripts/read-events` reads them: Python's sqlite3 and zlib, not
/// cadesk. A payload may be stored compressed (schema v14), so the tests that look for a text in
/// the record, or change one as an attacker would, go through this reader instead of `sqlite3`.
enum StoredEvents {
    struct Event: Decodable {
        var seq: Int64
        var id: String
        var caseID: String
        var type: String
        var payload: String?
    }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Scripts/read-events").standardized.path
    }

    /// Every event, in chain order; with `check`, the reader also recomputes digests and chain.
    static func read(_ db: String, check: Bool = false) throws -> [Event] {
        let r = try Spawn.run(try LetterCommandTests.python(), [script, db] + (check ? ["--check"] : []))
        guard r.status == 0 else {
            throw CadeskTestError("read-events (exit \(r.status)): \(String(decoding: r.stderr, as: UTF8.self))")
        }
        let decoder = JSONDecoder()
        return try r.stdout.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Event.self, from: Data($0)) }
    }

    /// How many events' payloads contain `text`.
    static func count(_ db: String, containing text: String) throws -> Int {
        try read(db).filter { $0.payload?.contains(text) == true }.count
    }

    /// Every payload's text, one a line (purged ones left out).
    static func payloadText(_ db: String) throws -> String {
        try read(db).compactMap(\.payload).joined(separator: "\n")
    }

    /// As someone with the file and `sqlite3` would: the update trigger dropped, the payload of
    /// event `seq` written back as the text `payload`.
    static func rewrite(_ db: String, seq: Int64, payload: String) throws {
        let quoted = "'" + payload.replacingOccurrences(of: "'", with: "''") + "'"
        try Sqlite.exec(db, "DROP TRIGGER IF EXISTS events_no_update; UPDATE events SET payload = \(quoted) WHERE seq = \(seq);")
    }
}

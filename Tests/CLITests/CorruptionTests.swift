import Foundation
import TerminalTesting
import Testing

/// Issue 7 §5: a database file damaged on disk (a bad copy, a full disk, a stray program, an
/// insider with a hex editor) is refused with exit 4 and one clear line naming the file, and is
/// never initialised over: the file stays byte for byte as it was, and nothing is added beside it.
@Suite(.serialized)
struct CorruptionTests {
    static let marker = "PAYLOAD-MARKER-Q7"

    /// A sound training database with a few cases and a note carrying `marker`, folded into one
    /// file (no WAL), plus the note event's sequence number.
    struct Pristine {
        let bytes: Data
        let ref: String
        let noteEvent: Int
        /// The note's payload as it lies in the file.
        let storedPayload: Data
    }

    static func pristine(_ box: borrowing Sandbox) throws -> Pristine {
        let ref = try CommandLineTests.newPreservation(box)
        _ = try CommandLineTests.newPreservation(box, title: "Second case")
        let note = try box.run(["case", "act", ref, "note", "--note", marker])
        #expect(note.status == 0, "\(note)")
        try Sqlite.exec(box.db, "PRAGMA wal_checkpoint(TRUNCATE)")
        let noteEvent = try #require(try StoredEvents.read(box.db).first { $0.payload?.contains(marker) == true }).seq
        // The payload as stored (compressed, schema v14): the bytes to look for in the file.
        let stored = try Spawn.run("sqlite3", ["-readonly", box.db, "SELECT hex(payload) FROM events WHERE seq = \(noteEvent)"])
        let hex = String(decoding: stored.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let payload = Data(stride(from: 0, to: hex.count, by: 2).compactMap { at -> UInt8? in
            let start = hex.index(hex.startIndex, offsetBy: at)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)
        })
        #expect(payload.count > 8 && payload.first == 0x01, "the note's payload is stored compressed: \(hex)")
        return Pristine(bytes: try Data(contentsOf: URL(fileURLWithPath: box.db)), ref: ref, noteEvent: Int(noteEvent),
                        storedPayload: payload)
    }

    /// Every kind of command: reading, writing, creating, checking.
    static func commands(ref: String) -> [[String]] {
        [["case", "list"], ["case", "show", ref], ["deadlines"], ["policy", "show"],
         ["case", "new", "--direction", "incoming", "--kind", "mla", "--counterpart", "FRA"],
         ["case", "act", ref, "note", "--note", "after the damage"], ["officer", "add", "x.new", "--role", "officer"],
         ["holidays", "add", "2026-12-25"], ["init", "--training"], ["demo", "--cases", "2"], ["admin", "rebuild"],
         ["audit", "verify"], ["admin", "check"]]
    }

    /// Runs `commands` on the file at `path` and checks each is refused (exit 4, one line, naming
    /// the file when the whole file is refused) and that the file did not change. Nothing may
    /// appear beside a file that is refused before SQLite opens it; a file SQLite can open may
    /// be left the (empty) `-wal` and `-shm` files of a reader.
    static func expectRefused(_ box: borrowing Sandbox, _ what: String, path: String, commands: [[String]],
                              wholeFile: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let before = try snapshot(path)
        func listing() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder)
                .filter { wholeFile || !($0.hasSuffix("-wal") || $0.hasSuffix("-shm")) }.sorted()
        }
        let files = try listing()
        for args in commands {
            let r = try box.run(args + ["--db", path], useDefaultDB: false)
            #expect(r.status == 4, "\(what): \(args): \(r)", sourceLocation: sourceLocation)
            #expect(r.stderr.hasPrefix("cadesk: ") && r.stderr.split(separator: "\n").count == 1,
                    "\(what): \(args): \(r)", sourceLocation: sourceLocation)
            if wholeFile {
                #expect(r.stderr.contains(path), "\(what): \(args): the error names the file: \(r)", sourceLocation: sourceLocation)
            }
        }
        #expect(try snapshot(path) == before, "\(what): the file changed", sourceLocation: sourceLocation)
        #expect(try listing() == files, "\(what): files appeared beside it", sourceLocation: sourceLocation)
    }

    /// The bytes of a file, or a mark for a folder.
    static func snapshot(_ path: String) throws -> Data {
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        return isFolder.boolValue ? Data("<folder>".utf8) : try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// A file of its own in a folder of its own, holding `bytes`.
    static func place(_ box: borrowing Sandbox, _ name: String, _ bytes: Data) throws -> String {
        let folder = box.root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("cases.sqlite").path
        try bytes.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func filesThatAreNoCadeskDatabaseAreRefusedAndLeftAlone() throws {
        let box = try Sandbox()
        let original = try Self.pristine(box)
        var random = SystemRandomNumberGenerator()
        let damaged: [(String, Data)] = [
            ("truncated", original.bytes.prefix(original.bytes.count / 2 + 123)),
            ("zeroed", Data(count: original.bytes.count)),
            ("random bytes", Data((0..<original.bytes.count).map { _ in UInt8.random(in: 0...255, using: &random) })),
            ("empty file", Data()),
        ]
        let commands = Self.commands(ref: original.ref)
        for (what, bytes) in damaged {
            let path = try Self.place(box, what.replacingOccurrences(of: " ", with: "-"), bytes)
            try Self.expectRefused(box, what, path: path, commands: commands)
        }
        // A sound SQLite file of another program.
        let foreign = try Self.place(box, "foreign", Data())
        try FileManager.default.removeItem(atPath: foreign)
        try Sqlite.exec(foreign, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES ('my notes');")
        try Self.expectRefused(box, "foreign schema", path: foreign, commands: commands)
        // A folder where the file should be.
        let folder = box.root.appendingPathComponent("folder/cases.sqlite").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.expectRefused(box, "a folder", path: folder, commands: commands)
    }

    /// One byte of one event's payload changed on disk: SQLite reads it without complaint, the
    /// audit chain does not, and says which event.
    @Test func aFlippedPayloadByteIsNamedByTheAuditChain() throws {
        let box = try Sandbox()
        let original = try Self.pristine(box)
        var bytes = original.bytes
        let start = try #require(Self.offset(of: original.storedPayload, in: bytes))
        bytes[start + original.storedPayload.count / 2] ^= 0x01  // within the compressed stream
        let path = try Self.place(box, "flipped-payload", bytes)
        try Self.expectRefused(box, "flipped payload byte", path: path, commands: [["audit", "verify"], ["admin", "check"]],
                               wholeFile: false)
        let verify = try box.run(["audit", "verify", "--db", path], useDefaultDB: false)
        #expect(verify.stderr.contains("broken at event \(original.noteEvent)"), "\(verify)")
    }

    /// One byte of a b-tree page's header changed: the checks, and a command that reads the
    /// page, refuse the file as damaged.
    @Test func aFlippedPageByteIsDamage() throws {
        let box = try Sandbox()
        let original = try Self.pristine(box)
        var bytes = original.bytes
        let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
        let page = try #require(Self.offset(of: original.storedPayload, in: bytes)) / pageSize
        #expect(page > 0)
        #expect(bytes[page * pageSize] == 0x0D, "the note's payload lies in a table leaf page")
        bytes[page * pageSize] ^= 0xFF  // the page-type byte: no valid b-tree page any more
        let path = try Self.place(box, "flipped-page", bytes)
        try Self.expectRefused(box, "flipped page byte", path: path, commands: [["audit", "verify"], ["admin", "check"]],
                               wholeFile: false)
        // Reading the damaged page is refused too (the file may change here: opening it for
        // a command that can write starts the write-ahead log, GRDB issue 102).
        let show = try box.run(["case", "show", original.ref, "--db", path], useDefaultDB: false)
        #expect(show.status == 4, "\(show)")
        #expect(show.stderr.contains("damaged") && show.stderr.split(separator: "\n").count == 1, "\(show)")
    }

    /// Where `text` lies inside a JSON string in the file (the events table), not in the
    /// search index's copy of the note.
    /// Where `needle` (an event's stored payload) first lies in the file's bytes.
    static func offset(of needle: Data, in bytes: Data) -> Int? {
        bytes.range(of: needle).map { $0.lowerBound - bytes.startIndex }
    }
}

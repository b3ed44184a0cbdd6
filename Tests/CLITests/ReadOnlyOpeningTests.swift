import Foundation
import TerminalTesting
import Testing

/// Read commands open the database read-only (issue 14): the file keeps its bytes and its folder
/// its files, whether nobody has the database open or a writer left its log beside the file.
@Suite struct ReadOnlyOpeningTests {
    /// The database's bytes, and every file of its folder (backups included) with its size.
    static func state(_ db: String) throws -> (bytes: Data, files: [String]) {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        let folder = (db as NSString).deletingLastPathComponent
        var files: [String] = []
        let walker = FileManager.default.enumerator(atPath: folder)
        while let name = walker?.nextObject() as? String {
            // The -shm index is the writers' shared memory: a reader through it takes its read mark there.
            guard !name.hasSuffix("-shm") else { files.append(name); continue }
            let size = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? Int) ?? -1
            files.append("\(name) \(size)")
        }
        return (bytes, files.sorted())
    }

    static let reads: [[String]] = [
        ["case", "list"], ["case", "list", "--json"], ["case", "list", "--query", "file"], ["holidays", "list"],
        ["deadlines", "--within", "30"], ["deadlines", "--within", "30", "--json"],
        ["report", "--from", "2026-01-01", "--to", "2026-12-31"], ["officer", "list"], ["policy", "show"],
        ["directory", "show", "FRA"], ["audit", "verify"], ["admin", "check"],
    ]

    func readsLeaveEverythingAsItWas(_ box: borrowing Sandbox, db: String, _ ref: String) throws {
        let before = try Self.state(db)
        for args in Self.reads + [["case", "show", ref], ["case", "actions", ref]] {
            let r = try box.run(args + ["--db", db], useDefaultDB: false)
            #expect(r.status == 0, "\(args): \(r)")
            let after = try Self.state(db)
            #expect(after.bytes == before.bytes, "\(args) changed the database file")
            #expect(after.files == before.files, "\(args) changed the folder")
        }
    }

    @Test func aReadChangesNeitherTheFileNorItsFolderWithNobodyWriting() throws {
        let box = try Sandbox()
        let ref = try box.run(AccountTests.newCase("Written and closed")).output
        #expect(!FileManager.default.fileExists(atPath: box.db + "-wal"), "the writer closed the database cleanly")
        try readsLeaveEverythingAsItWas(box, db: box.db, ref)
        #expect(!FileManager.default.fileExists(atPath: box.db + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: box.db + "-shm"))
    }

    @Test func aReadSeesWhatIsCommittedOnlyInTheLogAndLeavesTheLogAsItWas() throws {
        let box = try Sandbox()
        let ref = try box.run(AccountTests.newCase("In the file")).output
        // A writer killed after its commit: the change is in the log only. The copy is taken, log,
        // index and today's backup included, while the sqlite3 shell still has the database open.
        let killed = box.root.appendingPathComponent("killed").path
        try FileManager.default.createDirectory(atPath: killed, withIntermediateDirectories: false)
        let folder = box.root.path
        try Sqlite.exec(box.db, ["PRAGMA wal_autocheckpoint = 0", "INSERT INTO holidays(date) VALUES ('2026-12-25')",
                                 ".shell cp -r '\(folder)/cases.sqlite' '\(folder)/cases.sqlite-wal' '\(folder)/cases.sqlite-shm' '\(folder)/backups' '\(killed)/'"])
        let db = killed + "/cases.sqlite"
        let wal = try Data(contentsOf: URL(fileURLWithPath: db + "-wal"))
        try readsLeaveEverythingAsItWas(box, db: db, ref)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db + "-wal")) == wal)
        let holidays = try box.run(["holidays", "list", "--db", db], useDefaultDB: false)
        #expect(holidays.stdout.contains("2026-12-25"), "\(holidays)")
        #expect(try box.run(["case", "list", "--db", db], useDefaultDB: false).stdout.contains(ref))
    }
}

extension Sqlite {
    /// The sqlite3 shell with several commands in one session (dot-commands included).
    static func exec(_ path: String, _ commands: [String]) throws {
        let result = try Spawn.run("sqlite3", [path] + commands)
        guard result.status == 0 else {
            throw CadeskTestError("sqlite3: \(String(decoding: result.stderr, as: UTF8.self))")
        }
    }
}

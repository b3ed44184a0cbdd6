import Casework
import Foundation
import GRDB
import Testing
@testable import CaseStore

/// `openForReading` (issue 14): one read-only connection that writes nothing, sees what writers
/// committed, and leaves the folder as it found it.
@Suite struct ReadingTests {
    static func cases(_ store: CaseStore) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? -1 }
    }

    static func listing(_ folder: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// A new office's database in Paris time, with its first supervisor.
    static func newOffice(at path: String) throws -> CaseStore {
        let store = try CaseStore.open(path: path)
        try store.initialize(office: "Central authority", state: "FRA", timeZone: "Europe/Paris",
                             firstSupervisor: "s.chief")
        return store
    }

    @Test func aReaderSeesEveryCommitOfAWriterThatHasTheDatabaseOpen() throws {
        let office = try Office(.disk)
        let folder = try #require(office.folder)
        let path = folder.file("cases.sqlite")
        _ = try office.register(title: "Before the reader")
        let files = try Self.listing(folder)
        #expect(files.contains("cases.sqlite-wal"))
        let reader = try CaseStore.openForReading(path: path)
        #expect(reader.isReadOnly)
        #expect(try Self.cases(reader) == 1)
        _ = try office.register(title: "While the reader is open")
        #expect(try Self.cases(reader) == 2)
        #expect(try Self.listing(folder) == files)
    }

    @Test func withNobodyWritingAReadCreatesNoFileAndChangesNoByte() throws {
        let folder = TemporaryFolder()
        let path = folder.file("cases.sqlite")
        do {
            let store = try Self.newOffice(at: path)
            var registration = Registration(direction: .incoming, kind: .mla, counterpart: "DEU",
                                            received: Office.today, title: "Written, then closed", facts: "")
            registration.purposes = [.evidence, .storedData]
            _ = try store.register(registration, actor: "s.chief", today: Office.today, now: Office.now)
        }   // the last connection closes: its log is checkpointed and removed
        #expect(try Self.listing(folder) == ["cases.sqlite"])
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try CaseStore.openForReading(path: path)
        #expect(try Self.cases(reader) == 1)
        #expect(try reader.loadPolicy().timeZone == "Europe/Paris")
        #expect {
            try reader.addOfficer("n.new", role: .officer)
        } throws: { error in
            guard case StoreError.readOnly = error else { return false }
            return true
        }
        #expect(try Self.listing(folder) == ["cases.sqlite"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// The URI of a database read as it is: the path's bytes encoded as Foundation's
    /// `urlPathAllowed` without `?`, `#` and `%` would encode them, which it replaced.
    @Test(arguments: ["/plain/cases.sqlite", "/a folder/with space?and#hash%25.sqlite",
                      "/état/dossiers — 2026/cases.sqlite", "/q'u\"o(t)e*s+,;=@~!$&:_-.sqlite",
                      "/控制/案件.sqlite", "/tab\there/new\nline/\u{1}.sqlite"])
    func aPathIsEncodedForTheURIAsFoundationWould(_ path: String) throws {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        #expect(CaseStore.percentEncodedPath(path) == path.addingPercentEncoding(withAllowedCharacters: allowed))
    }

    @Test func aDatabaseInAFolderWhoseNameNeedsEncodingIsReadAsItIs() throws {
        let folder = TemporaryFolder()
        let path = folder.file("a folder?#%/été 2026/cases.sqlite")
        _ = try Self.newOffice(at: path)   // closed at once: no log is left beside it
        #expect(CaseStore.readsAsImmutable(path))
        let reader = try CaseStore.openForReading(path: path)
        #expect(try reader.loadPolicy().timeZone == "Europe/Paris")
        #expect(try Self.cases(reader) == 0)
    }

    @Test func aDatabaseAnOlderCadeskMadeIsUpgradedByTheFirstReaderWhoMayWriteIt() throws {
        let folder = TemporaryFolder()
        let path = folder.file("cases.sqlite")
        _ = try CaseStore.open(path: path)
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in
            try db.execute(sql: """
                DROP TABLE event_origins; DROP TABLE devices;
                DELETE FROM grdb_migrations WHERE identifier = 'v4-devices'
                """)
        }
        try raw.close()
        let reader = try CaseStore.openForReading(path: path)
        #expect(!reader.isReadOnly)
        let applied = try reader.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(Set(applied) == Set(Schema.knownMigrations))
        #expect(try reader.read { db in try db.tableExists("devices") })
    }
}

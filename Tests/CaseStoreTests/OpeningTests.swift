import Casework
import Foundation
import GRDB
import Testing
@testable import CaseStore

@Suite struct Opening {
    @Test func createsTheFileWithPrivateModesOnlyWhenAbsent() throws {
        let folder = TemporaryFolder()
        let path = folder.file("new/deeper/cases.sqlite")
        let store = try CaseStore.open(path: path)
        #expect(try store.isInitialized() == false)
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: folder.file("new/deeper"))[.posixPermissions] as? Int
        let outerMode = try FileManager.default.attributesOfItem(atPath: folder.file("new"))[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(dirMode == 0o700)
        #expect(outerMode == 0o700)
        // Reopening finds the same database (nothing re-created).
        try store.addOfficer("a.moreau", role: .officer)
        // SQLite gives the WAL and shared-memory files the database's mode.
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(try FileManager.default.attributesOfItem(atPath: path + suffix)[.posixPermissions] as? Int == 0o600)
        }
        let again = try CaseStore.open(path: path)
        #expect(try again.officers().map(\.name) == ["a.moreau"])
    }

    @Test func anExistingFolderKeepsItsMode() throws {
        let folder = TemporaryFolder()
        chmod(folder.path, 0o755)
        _ = try CaseStore.open(path: folder.file("cases.sqlite"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
    }

    @Test(arguments: ["empty", "garbage", "foreign-sqlite", "sqlite-header-only"])
    func refusesFilesThatAreNotCadeskDatabasesAndLeavesThemUntouched(_ kind: String) throws {
        let folder = TemporaryFolder()
        let path = folder.file("cases.sqlite")
        switch kind {
        case "empty":
            _ = FileManager.default.createFile(atPath: path, contents: Data())
        case "garbage":
            _ = FileManager.default.createFile(atPath: path, contents: Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7) }))
        case "sqlite-header-only":
            _ = FileManager.default.createFile(atPath: path, contents: Data("SQLite format 3\u{0}".utf8) + Data(count: 200))
        default:
            let other = try DatabaseQueue(path: path)
            try other.write { try $0.execute(sql: "CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('mine')") }
            try other.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(throws: StoreError.self) { _ = try CaseStore.open(path: path) }
        do {
            _ = try CaseStore.open(path: path)
        } catch {
            #expect(error.category == .storage)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == modified)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["cases.sqlite"])
    }

    @Test func aDatabaseFromANewerCadeskIsRefused() throws {
        let folder = TemporaryFolder()
        let path = folder.file("cases.sqlite")
        _ = try CaseStore.open(path: path)
        let raw = try DatabaseQueue(path: path)
        try raw.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v9-future')") }
        try raw.close()
        #expect {
            _ = try CaseStore.open(path: path)
        } throws: { error in
            guard case StoreError.newerSchema = error else { return false }
            return true
        }
    }

    @Test func pathResolutionFollowsTheCommandLineContract() {
        #expect(CaseStore.resolvePath(explicit: "/x/a.sqlite", environment: ["CADESK_DB": "/y/b.sqlite"]) == "/x/a.sqlite")
        #expect(CaseStore.resolvePath(explicit: nil, environment: ["CADESK_DB": "/y/b.sqlite", "XDG_DATA_HOME": "/d"]) == "/y/b.sqlite")
        #expect(CaseStore.resolvePath(explicit: nil, environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]) == "/d/cadesk/cases.sqlite")
        #expect(CaseStore.resolvePath(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/share/cadesk/cases.sqlite")
        // A relative XDG_DATA_HOME is invalid per the XDG spec and ignored.
        #expect(CaseStore.resolvePath(explicit: nil, environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"]) == "/h/.local/share/cadesk/cases.sqlite")
    }

    @Test func connectionsUseWalFullSyncForeignKeysAndMemoryForTemporaryData() throws {
        let office = try Office(.disk)
        let settings = try office.store.read { db in
            [try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try String.fetchOne(db, sql: "PRAGMA synchronous"),
             try String.fetchOne(db, sql: "PRAGMA foreign_keys"),
             try String.fetchOne(db, sql: "PRAGMA application_id"),
             try String.fetchOne(db, sql: "PRAGMA temp_store")]
        }
        // temp_store 2: statement journals and temporary tables stay in memory, on the writer too.
        #expect(settings == ["wal", "2", "1", String(Schema.applicationID), "2"])
        let writerTemp = try office.store.write { db in try String.fetchOne(db, sql: "PRAGMA temp_store") }
        #expect(writerTemp == "2")
    }

    @Test func theDirectoryIsPrefilledWithEveryState() throws {
        let office = try Office()
        let directory = try office.store.directory()
        #expect(directory.count >= 240)
        #expect(try office.store.directoryEntry("fra")?.name == "France")
        var deu = try #require(try office.store.directoryEntry("DEU"))
        deu.centralAuthority = "Bundesamt für Justiz"
        deu.languages = ["ger"]
        try office.store.setDirectoryEntry(deu)
        #expect(try office.store.directoryEntry("DEU")?.centralAuthority == "Bundesamt für Justiz")
        // The bibliographic code is kept as the terminology code.
        #expect(try office.store.directoryEntry("DEU")?.languages == ["deu"])
        #expect(throws: StoreError.self) { try office.store.setDirectoryEntry(DirectoryEntry(iso3: "XXX")) }
        deu.languages = ["en", "xx1"]
        #expect(throws: StoreError.self) { try office.store.setDirectoryEntry(deu) }
        #expect(try office.store.directoryEntry("DEU")?.languages == ["deu"])
    }

    @Test func policyOfficersAndHolidaysRoundTrip() throws {
        let office = try Office()
        var policy = try office.store.loadPolicy()
        #expect(policy.officeName == "Central authority")
        #expect(policy.stateCode == "FRA")
        #expect(policy.timeZone == "Europe/Paris")
        try policy.set("acknowledge_days", "7")
        try policy.set("warning_thresholds", "10,5")
        try office.store.savePolicy(policy)
        #expect(try office.store.loadPolicy() == policy)
        #expect(try office.store.role(of: "s.chief") == .supervisor)
        #expect(try office.store.role(of: "a.moreau") == .officer)
        #expect(try office.store.role(of: "nobody") == nil)
        #expect(throws: StoreError.self) { try office.store.addOfficer("a.moreau", role: .viewer) }
        let added = try office.store.addHolidays([CivilDate("2026-05-01")!, CivilDate("2026-05-08")!, CivilDate("2026-05-01")!])
        #expect(added == 2)
        #expect(try office.store.holidays() == [CivilDate("2026-05-01")!, CivilDate("2026-05-08")!])
        #expect(try office.store.context(actor: "a.moreau", today: Office.today, now: Office.now).holidays.count == 2)
    }
}

import Casework
import Foundation
import GRDB
import Testing
@testable import CaseStore

/// Output files, backups and restores never destroy a file (issue 7, items 1–4).
@Suite struct SafeFiles {
    @Test func anOutputFileIsNewAndPrivate() throws {
        let folder = TemporaryFolder()
        let path = folder.file("deadlines.ics")
        try OutputFile(path).write(Data("BEGIN:VCALENDAR\r\n".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "BEGIN:VCALENDAR\r\n")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(throws: OutputFileError(path: path, problem: .exists)) { try OutputFile(path).write(Data("x".utf8)) }
        try OutputFile(path, force: true).write(Data("replaced".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "replaced")
        // Nothing but the file: no temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["deadlines.ics"])
    }

    @Test func aBlankPathIsAUsageError() throws {
        for blank in ["", " ", "\t\n"] {
            #expect(throws: OutputFileError(path: blank, problem: .blank)) { try OutputFile(blank) }
        }
    }

    /// Each refused even with force, and left byte for byte as it was.
    @Test func theDatabaseALinkAFolderAndAFifoAreNeverWritten() throws {
        let office = try Office(.disk)
        let folder = try #require(office.folder)
        try office.register(title: "precious")
        let db = office.store.path
        let decoy = folder.file("decoy.txt")
        try Data("decoy".utf8).write(to: URL(fileURLWithPath: decoy))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link"), withDestinationPath: decoy)
        try FileManager.default.createSymbolicLink(atPath: folder.file("dblink"), withDestinationPath: db)
        #expect(link(db, folder.file("hardlink.sqlite")) == 0)
        try FileManager.default.createDirectory(atPath: folder.file("dir"), withIntermediateDirectories: false)
        #expect(mkfifo(folder.file("fifo"), 0o600) == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let expected: [(String, OutputFileError.Problem)] = [
            (db, .database), (db + "-wal", .database), (db + "-shm", .database), (folder.file("hardlink.sqlite"), .database),
            (folder.file("link"), .symlink), (folder.file("dblink"), .symlink), (folder.file("dir"), .folder),
            (folder.file("fifo"), .special),
        ]
        for (target, problem) in expected {
            for force in [false, true] {
                #expect(throws: OutputFileError(path: target, problem: problem), "\(target) force \(force)") {
                    try OutputFile(target, force: force, protecting: db).write(Data("calendar".utf8))
                }
                #expect(throws: StoreError.self) { try office.store.backup(to: OutputFile(target, force: force, protecting: db)) }
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(try String(contentsOfFile: decoy, encoding: .utf8) == "decoy")
        #expect(try office.store.verifyAudit().ok)
        #expect(try office.store.caseFile(.ref("IN-MLA-2026-0001")).title == "precious")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".partial") }.isEmpty)
    }

    @Test func backupsMadeWithinOneSecondKeepBoth() throws {
        let office = try Office(.disk)
        try office.register()
        try CaseStore.makeBackupFolder(for: office.store.path)
        let name = CaseStore.defaultBackupPath(for: office.store.path, now: Office.now)
        let first = try office.store.backup(to: OutputFile(name, numbered: true, protecting: office.store.path))
        let second = try office.store.backup(to: OutputFile(name, numbered: true, protecting: office.store.path))
        #expect(first == name)
        #expect(second == name.replacingOccurrences(of: ".sqlite", with: "-2.sqlite"))
        #expect(try CaseStore.open(path: first).count(CaseFilter()) == 1)
        #expect(try CaseStore.open(path: second).count(CaseFilter()) == 1)
    }

    @Test func aTamperedDatabaseIsNotBackedUp() throws {
        let office = try Office(.disk)
        let folder = try #require(office.folder)
        try office.register(title: "one")
        try office.register(title: "two")
        let raw = try DatabaseQueue(path: office.store.path)
        try raw.write { try $0.execute(sql: "DROP TRIGGER events_no_update; UPDATE events SET actor = 'x' WHERE seq = 2") }
        try raw.close()
        let target = folder.file("copy.sqlite")
        #expect {
            try office.store.backup(to: target)
        } throws: { error in
            guard case StoreError.damaged(let path, let reason) = error else { return false }
            return path == office.store.path && reason.contains("audit chain broken at event 2")
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("partial") }.isEmpty)
    }

    @Test func twoRestoresWithinOneSecondKeepBothPreviousDatabases() throws {
        let office = try Office(.disk)
        let folder = try #require(office.folder)
        try office.register(title: "in the backup")
        let backup = folder.file("b.sqlite")
        try office.store.backup(to: backup)
        try office.register(title: "first state")
        let path = office.store.path
        try office.store.closeConnections()
        // What a killed restore left an hour ago goes; what another restore is staging now stays.
        let abandoned = folder.file(".cases.sqlite.restoring-0badf00d"), staging = folder.file(".cases.sqlite.restoring-12345678")
        for file in [abandoned, staging] { #expect(FileManager.default.createFile(atPath: file, contents: Data("copy".utf8))) }
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: abandoned)
        let first = try #require(try CaseStore.restore(from: backup, to: path, now: Office.now))
        let second = try #require(try CaseStore.restore(from: backup, to: path, now: Office.now))
        #expect(first != second)
        #expect(second == first + "-2")
        #expect(try CaseStore.open(path: first).count(CaseFilter()) == 2)
        #expect(try CaseStore.open(path: second).count(CaseFilter()) == 1)
        #expect(try CaseStore.open(path: path).count(CaseFilter()) == 1)
        // Nothing half done is left: no staged copy, no journal of the old file.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.filter { $0.contains("restoring") } == [".cases.sqlite.restoring-12345678"], "\(names)")
    }

    @Test func aRestoreIsRefusedWhileAnotherConnectionHasTheDatabaseOpen() throws {
        let office = try Office(.disk)
        let folder = try #require(office.folder)
        try office.register(title: "kept")
        try office.store.backup(to: folder.file("b.sqlite"))
        // The store of this test is still open: the file cannot be taken exclusively.
        #expect(throws: StoreError.self) {
            try CaseStore.restore(from: folder.file("b.sqlite"), to: office.store.path, now: Office.now)
        }
        #expect(try office.store.count(CaseFilter()) == 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.filter { $0.contains("before-restore") || $0.contains("restoring") }.isEmpty, "\(names)")
    }
}

import Casework
import Foundation
import GRDB
import Testing
@testable import CaseStore

/// The day's automatic backup (issue 7, §4).
@Suite struct DailyBackups {
    static func day(_ n: Int) -> Date { Office.now.addingTimeInterval(Double(n) * 86_400) }

    @Test func oneBackupPerOfficeDay() throws {
        let office = try Office(.disk)
        #expect(try office.store.dailyBackup(now: Self.day(0)) == nil, "nothing to back up before the first case")
        try office.register(title: "kept")
        let first = try #require(try office.store.dailyBackup(now: Self.day(0)))
        #expect(first.hasSuffix("/backups/cases-daily-20260302.sqlite"))
        #expect(try office.store.dailyBackup(now: Self.day(0).addingTimeInterval(3600)) == nil)
        let next = try #require(try office.store.dailyBackup(now: Self.day(1)))
        #expect(next.hasSuffix("/backups/cases-daily-20260303.sqlite"))
        #expect(try CaseStore.open(path: next).caseFile(.ref("IN-MLA-2026-0001")).title == "kept")
        #expect(try FileManager.default.attributesOfItem(atPath: next)[.posixPermissions] as? Int == 0o600)
    }

    /// A command looks up whether today's backup is made, to skip reopening the database after
    /// its work: the answer follows the same file, in the office's day, as the backup itself.
    @Test func whetherTodaysBackupIsMadeIsOneLookup() throws {
        let office = try Office(.disk)
        try office.register()
        let policy = try office.store.loadPolicy()
        #expect(!CaseStore.dailyBackupIsMade(for: office.store.path, policy: policy, now: Self.day(0)))
        try #require(try office.store.dailyBackup(now: Self.day(0)) != nil)
        #expect(CaseStore.dailyBackupIsMade(for: office.store.path, policy: policy, now: Self.day(0).addingTimeInterval(3600)))
        #expect(!CaseStore.dailyBackupIsMade(for: office.store.path, policy: policy, now: Self.day(1)))
    }

    /// The office day is the office's: 23:30 UTC on 2 March is already 3 March in Paris.
    @Test func theDayIsTakenInTheOfficeTimeZone() throws {
        let office = try Office(.disk)
        try office.register()
        let lateEvening = Office.now.addingTimeInterval(13.5 * 3600)   // 2026-03-02T23:30Z
        let made = try #require(try office.store.dailyBackup(now: lateEvening))
        #expect(made.hasSuffix("cases-daily-20260303.sqlite"))
    }

    @Test func onlyBackupKeepAutomaticBackupsAreKept() throws {
        let office = try Office(.disk)
        try office.register()
        var policy = try office.store.loadPolicy()
        try policy.set("backup_keep", "3")
        try office.store.savePolicy(policy)
        let byHand = CaseStore.defaultBackupPath(for: office.store.path, now: Office.now)
        try CaseStore.makeBackupFolder(for: office.store.path)
        try office.store.backup(to: byHand)
        // A killed backup's leftover goes once it is a day old; a younger one may be in progress.
        let folder = CaseStore.backupFolder(for: office.store.path)
        let abandoned = (folder as NSString).appendingPathComponent(".cases-20260301.sqlite.0badf00d.partial")
        let inProgress = (folder as NSString).appendingPathComponent(".cases-20260302.sqlite.12345678.partial")
        for file in [abandoned, inProgress] { #expect(FileManager.default.createFile(atPath: file, contents: Data("half".utf8))) }
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * 86_400)], ofItemAtPath: abandoned)
        for n in 0..<5 { try office.store.dailyBackup(now: Self.day(n)) }
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: inProgress))
        let kept = CaseStore.dailyBackups(for: office.store.path).map { ($0 as NSString).lastPathComponent }
        #expect(kept == ["cases-daily-20260306.sqlite", "cases-daily-20260305.sqlite", "cases-daily-20260304.sqlite"])
        #expect(FileManager.default.fileExists(atPath: byHand), "a backup made by hand is never pruned")
    }

    @Test func theNewestSoundBackupIsTheOneToRestore() throws {
        let office = try Office(.disk)
        try office.register()
        #expect(CaseStore.latestSoundBackup(for: office.store.path) == nil)
        let good = try #require(try office.store.dailyBackup(now: Self.day(0)))
        let newer = try #require(try office.store.dailyBackup(now: Self.day(1)))
        // The newest one was damaged since: it is skipped.
        try Data(repeating: 0, count: 4096).write(to: URL(fileURLWithPath: newer))
        #expect(CaseStore.latestSoundBackup(for: office.store.path) == good)
    }

    @Test func policyBoundsBackupKeep() throws {
        var policy = Policy()
        #expect(policy.backupKeep == 14)
        #expect(throws: CaseworkError.self) { try policy.set("backup_keep", "0") }
        #expect(throws: CaseworkError.self) { try policy.set("backup_keep", "9223372036854775807") }
        try policy.set("backup_keep", "30")
        #expect(policy.value(of: "backup_keep") == "30")
    }
}

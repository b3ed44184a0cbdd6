import Casework
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CaseStore {
    /// The day's automatic backup (issue 7, §4): `backups/<name>-daily-YYYYMMDD.sqlite`, the
    /// date in the office's time zone, made once a day by the first officer who works, and
    /// never more than `Policy.backupKeep` of them kept. Returns the new file, or nil when today's
    /// exists already or there is nothing to back up yet (no events).
    @discardableResult
    public func dailyBackup(now: Date) throws(StoreError) -> String? {
        let policy = try loadPolicy()
        let target = Self.dailyBackupPath(for: path, policy: policy, now: now)
        guard !FileManager.default.fileExists(atPath: target) else { return nil }
        guard try read({ db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events)") }) == true else {
            return nil
        }
        try Self.makeBackupFolder(for: path)
        let file = try Self.outputFile(target, protecting: path)
        do {
            try backup(to: file)
        } catch .output(let error) where error.problem == .exists {
            return nil   // another officer's first command of the day made it meanwhile
        }
        Self.pruneDailyBackups(for: path, keep: policy.backupKeep)
        return target
    }

    /// Whether today's automatic backup is made already: one file lookup with the policy the
    /// command has loaded, so the later commands of the day neither reopen the database after
    /// their work nor read it again (issue 14).
    public static func dailyBackupIsMade(for databasePath: String, policy: Policy, now: Date) -> Bool {
        FileManager.default.fileExists(atPath: dailyBackupPath(for: databasePath, policy: policy, now: now))
    }

    /// Today's automatic backup file, the day in the office's time zone.
    static func dailyBackupPath(for databasePath: String, policy: Policy, now: Date) -> String {
        let zone = TimeZone(identifier: policy.timeZone) ?? TimeZone(identifier: "UTC")!
        return dailyBackupPath(for: databasePath, day: CivilDate.of(now, in: zone).description.filter(\.isNumber))
    }

    static func dailyBackupPath(for databasePath: String, day: String) -> String {
        (backupFolder(for: databasePath) as NSString).appendingPathComponent("\(dailyPrefix(databasePath))\(day).sqlite")
    }

    private static func dailyPrefix(_ databasePath: String) -> String {
        ((databasePath as NSString).lastPathComponent as NSString).deletingPathExtension + "-daily-"
    }

    /// The automatic backups beside the database, newest first (their names sort by day).
    public static func dailyBackups(for databasePath: String) -> [String] {
        let folder = backupFolder(for: databasePath)
        let prefix = dailyPrefix(databasePath)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in
            name.hasPrefix(prefix) && name.hasSuffix(".sqlite")
                && name.dropFirst(prefix.count).dropLast(".sqlite".count).allSatisfy(\.isNumber)
        }
        .sorted(by: >)
        .map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Removes the oldest automatic backups beyond `keep` (and the chain heads written beside
    /// them). Backups an officer made by hand are never removed.
    static func pruneDailyBackups(for databasePath: String, keep: Int) {
        for old in dailyBackups(for: databasePath).dropFirst(max(keep, 1)) {
            unlink(old)
            unlink(old + ".head")
        }
        removeAbandonedPartials(in: backupFolder(for: databasePath), now: Date())
    }

    /// What killed backups left (`.NAME.XXXXXXXX.partial`), once a day old: a younger one may
    /// be a backup another process is writing now.
    static func removeAbandonedPartials(in folder: String, now: Date) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".partial") {
            let path = (folder as NSString).appendingPathComponent(name)
            if now.timeIntervalSince(modified(path)) > 86_400 { unlink(path) }
        }
    }

    /// The newest backup beside the database (automatic or by hand) that is a sound cadesk
    /// database — what to restore when the database is damaged. Nil when there is none.
    public static func latestSoundBackup(for databasePath: String) -> String? {
        let folder = backupFolder(for: databasePath)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let files = names.filter { $0.hasSuffix(".sqlite") && !$0.hasPrefix(".") }
            .map { (folder as NSString).appendingPathComponent($0) }
            .map { ($0, modified($0)) }
            .sorted { $0.1 > $1.1 }
        return files.lazy.map(\.0).first(where: isSoundBackup)
    }

    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    private static func isSoundBackup(_ path: String) -> Bool {
        guard (try? validateExisting(path: path)) != nil else { return false }
        var config = Configuration()
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: config) else { return false }
        defer { try? queue.close() }
        return (try? queue.read { db in try checkSound(db, reportedAs: path) }) != nil
    }
}

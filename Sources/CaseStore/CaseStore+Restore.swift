import Casework
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CaseStore {
    /// How long a restore waits for sessions that are opening or closing the database.
    static let restorePatience: TimeInterval = 5

    /// Replaces the database at `path` with a copy of `backup` (issue 7, items 2 and 3).
    ///
    /// The copy is staged under a temporary name in the database's folder, checked (a cadesk
    /// database, quick_check, audit chain) and synced before anything is touched. Then, holding
    /// the replacement lock and an exclusive SQLite lock on the current file, the current file
    /// is kept aside by a hard link under a name no other file has, and the copy is swapped in
    /// by one rename. At every instant the path holds a whole database, the old or the new one:
    /// a killed restore leaves one of them, and no command ever finds the path missing.
    /// Returns the kept-aside path (nil when there was no database). Refused (`.inUse`) while
    /// another program has the database open: it would go on writing into the file kept aside.
    @discardableResult
    public static func restore(from backup: String, to path: String, now: Date) throws(StoreError) -> String? {
        try validateExisting(path: backup)
        let live = resolvedLink(path)
        // Fails fast when a desk has it open; a command that is just running is waited for.
        try waitUntilUnused(live, patience: 2)
        removeAbandonedStagings(beside: live)
        let staged = try stage(backup, beside: live)
        defer { unlink(staged) }   // gone already once it is swapped in
        let lock = try ReplacementLock.forReplacing(live, timeout: restorePatience)
        defer { lock.release() }
        guard FileManager.default.fileExists(atPath: live) else {
            guard FileMoves.renameWithoutReplacing(staged, live) else {
                throw .io(path: path, reason: "cannot put the restored database in place: \(String(cString: strerror(errno)))")
            }
            OutputFile.syncFolder(OutputFile.folder(of: live))
            return nil
        }
        let hold = try ExclusiveHold(live, patience: restorePatience)
        defer { hold.release() }
        let aside = try keepAside(live, now: now)
        guard rename(staged, live) == 0 else {
            throw .io(path: path, reason: "cannot put the restored database in place: \(String(cString: strerror(errno)))")
        }
        OutputFile.syncFolder(OutputFile.folder(of: live))
        return aside
    }

    /// The file a symbolic link names: a restore replaces the database, not the link to it.
    static func resolvedLink(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard isLink(path), let resolved = realpath(path, &buffer) else { return path }
        return String(cString: resolved)
    }

    private static func isLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    /// Copies `backup` into a new hidden file beside `live`, checks it and syncs it.
    static func stage(_ backup: String, beside live: String) throws(StoreError) -> String {
        let folder = OutputFile.folder(of: live)
        let staged = (folder as NSString).appendingPathComponent(
            ".\((live as NSString).lastPathComponent).restoring-\(UUID().uuidString.prefix(8).lowercased())")
        let fd = posixOpen(staged, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .io(path: folder, reason: "cannot stage the restored database: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        fchmod(fd, 0o600)
        do {
            var readOnly = Configuration()
            readOnly.readonly = true
            let source = try DatabaseQueue(path: backup, configuration: readOnly)
            defer { try? source.close() }
            let copy = try DatabaseQueue(path: staged)
            defer { try? copy.close() }
            try source.backup(to: copy)
            // Rollback mode until it is opened as the database: checking it read-only leaves
            // no -wal or -shm beside it (the first session switches it to WAL).
            try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.read { db in try checkSound(db, reportedAs: backup) }
        } catch {
            unlink(staged)
            throw copyFailure(error, source: backup, destination: staged)
        }
        do { try validateExisting(path: staged) } catch {
            unlink(staged)
            throw error
        }
        guard fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(staged)
            throw .io(path: staged, reason: "cannot sync the restored database: \(reason)")
        }
        OutputFile.syncFolder(folder)
        return staged
    }

    /// What killed restores left (`.NAME.restoring-XXXXXXXX`, a whole copy of a database, and
    /// its journal), once an hour old: a younger one may be another restore staging now.
    static func removeAbandonedStagings(beside live: String) {
        let folder = OutputFile.folder(of: live)
        let prefix = ".\((live as NSString).lastPathComponent).restoring-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            let path = (folder as NSString).appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            if let modified, Date().timeIntervalSince(modified) > 3600 { unlink(path) }
        }
    }

    /// Keeps the current file aside under `<name>.before-restore-<stamp>[-N]` by a hard link,
    /// which never replaces an existing file (two restores within one second keep both), with
    /// its `-wal` if a damaged database left one; its `-shm` index is dropped.
    static func keepAside(_ live: String, now: Date) throws(StoreError) -> String {
        let base = "\(live).before-restore-\(fileStamp(now))"
        var aside: String?
        for n in 1...999 {
            let candidate = n == 1 ? base : "\(base)-\(n)"
            if link(live, candidate) == 0 { aside = candidate; break }
            if errno != EEXIST { break }
        }
        guard let aside else {
            throw .io(path: live, reason: "cannot keep the current database aside: \(String(cString: strerror(errno)))")
        }
        if FileManager.default.fileExists(atPath: live + "-wal") {
            guard FileMoves.renameWithoutReplacing(live + "-wal", aside + "-wal") else {
                unlink(aside)
                throw .io(path: live + "-wal", reason: "cannot keep it aside: \(String(cString: strerror(errno)))")
            }
        }
        unlink(live + "-shm")
        return aside
    }

    /// A process killed in a rollback-mode transaction (a restore leaving WAL mode, the first
    /// session switching a restored file into it) leaves a hot `-journal`; the read-only check
    /// of an opening cannot roll it back ("attempt to write a readonly database"). SQLite rolls
    /// it back on the first read of a read-write connection, as after any crash.
    static func rollBackHotJournal(_ path: String) {
        var st = stat()
        guard stat(path + "-journal", &st) == 0, st.st_size > 0, access(path, W_OK) == 0 else { return }
        guard let queue = try? DatabaseQueue(path: path) else { return }
        _ = try? queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        try? queue.close()
    }

    static func waitUntilUnused(_ path: String, patience: TimeInterval) throws(StoreError) {
        let deadline = Date().addingTimeInterval(patience)
        while let pid = processUsing(path) {
            guard Date() < deadline else { throw .inUse(path: path, pid: pid) }
            usleep(20_000)
        }
    }

    /// Another process that has the database open, if any. In WAL mode every SQLite connection
    /// holds a shared lock on the "DMS" byte of the `-shm` file for as long as it is open (SQLite's
    /// os_unix.c, offset 120 + 8); a POSIX lock test sees other processes' locks, not ours.
    /// Closing the descriptor drops every POSIX lock this process holds on the file: call it
    /// only while this process has no connection of its own to the database.
    public static func processUsing(_ path: String) -> Int32? {
        let fd = posixOpen(path + "-shm", O_RDONLY | O_CLOEXEC, 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var probe = flock()
        probe.l_type = Int16(F_WRLCK)
        probe.l_whence = Int16(SEEK_SET)
        probe.l_start = 128
        probe.l_len = 1
        guard fcntl(fd, F_GETLK, &probe) == 0, probe.l_type != Int16(F_UNLCK) else { return nil }
        return probe.l_pid
    }
}

/// The current database held exclusively while it is replaced: switched out of WAL mode (which
/// SQLite allows only when no other connection has the file open, and which folds the WAL into
/// the file so the kept-aside copy is whole), then an EXCLUSIVE transaction that keeps every
/// reader and writer out. A damaged database cannot be opened; it is moved aside as it is.
final class ExclusiveHold {
    private var queue: DatabaseQueue?

    init(_ path: String, patience: TimeInterval) throws(StoreError) {
        do { try CaseStore.validateExisting(path: path) } catch {
            if case .busy = error { throw error }
            return
        }
        var config = Configuration()
        config.busyMode = .timeout(0.1)
        // The EXCLUSIVE transaction stays open across the swap, on purpose.
        config.allowsUnsafeTransactions = true
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: path, configuration: config) } catch { return }
        do {
            try queue.writeWithoutTransaction { db in
                try Self.leaveWALMode(db, patience: patience)
                try db.execute(sql: "BEGIN EXCLUSIVE")
            }
        } catch {
            try? queue.close()
            if let pid = CaseStore.processUsing(path) { throw .inUse(path: path, pid: pid) }
            throw StoreError.from(error, path: path)
        }
        self.queue = queue
    }

    /// Fails with SQLITE_BUSY while another connection has the file open; retried until
    /// `patience` runs out, so that commands finishing meanwhile do not refuse the restore.
    private static func leaveWALMode(_ db: Database, patience: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(patience)
        while true {
            do {
                if try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete" { return }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                if Date() >= deadline { throw error }
            }
            if Date() >= deadline { throw DatabaseError(resultCode: .SQLITE_BUSY) }
            usleep(20_000)
        }
    }

    /// Ends the (empty) transaction and closes the connection: after the swap, so the lock is
    /// held until the new file is in place.
    func release() {
        guard let queue else { return }
        try? queue.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        try? queue.close()
        self.queue = nil
    }
}

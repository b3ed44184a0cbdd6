import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps a database from being opened while `restore` swaps the file (issue 7, item 2).
///
/// SQLite finds a database's `-wal` and `-shm` by name. A process that opened the old file just
/// before the swap, and took its first lock just after, would share the new file's journal
/// while reading the old one — and corrupt both. So opening a database holds a shared lock on
/// its folder until SQLite has its own lock on the file, and a restore holds the same lock
/// exclusively from before it takes the file until the new one is in place. A folder lock
/// (flock) survives the rename of any file in it; the database file's own locks do not.
final class ReplacementLock {
    private var fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit { release() }

    func release() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    /// Shared, for opening: many processes open at once; none while a restore swaps the file.
    static func forOpening(_ databasePath: String, timeout: TimeInterval) throws(StoreError) -> ReplacementLock {
        try take(databasePath, LOCK_SH, timeout: timeout) {
            .busy(reason: "a restore is replacing the database")
        }
    }

    /// Exclusive, for a restore: waits for openings under way, then keeps new ones out.
    static func forReplacing(_ databasePath: String, timeout: TimeInterval) throws(StoreError) -> ReplacementLock {
        try take(databasePath, LOCK_EX, timeout: timeout) {
            .busy(reason: "other cadesk sessions kept opening the database")
        }
    }

    /// A folder that cannot be opened (none yet, no permission to read it) has nobody else
    /// opening a database in it through cadesk, or cannot be restored into: no lock is needed.
    private static func take(_ databasePath: String, _ mode: Int32, timeout: TimeInterval,
                             failure: () -> StoreError) throws(StoreError) -> ReplacementLock {
        let folder = OutputFile.folder(of: databasePath)
        let fd = posixOpen(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        guard fd >= 0 else { return ReplacementLock(fd: -1) }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, mode | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR, Date() < deadline else {
                close(fd)
                if code == EWOULDBLOCK || code == EINTR { throw failure() }
                return ReplacementLock(fd: -1)
            }
            usleep(5_000)
        }
        return ReplacementLock(fd: fd)
    }
}

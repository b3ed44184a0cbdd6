import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What keeps an immutable reader's file still while it reads (issue 14).
///
/// A reader that finds no `-wal` beside the database reads the file as immutable: SQLite then
/// takes no lock and creates no `-wal`/`-shm`. A writer that starts meanwhile writes to a new
/// log, not the file — until its connection closes, when SQLite copies the log into the file
/// (the checkpoint on close) under an exclusive lock on the file. This shared lock, on the
/// bytes SQLite's own shared locks use (os_unix.c: PENDING_BYTE + 2, 510 bytes), makes that
/// writer leave its log for the next one to checkpoint instead.
///
/// A POSIX lock belongs to the process and goes when any descriptor of the file is closed: the
/// immutable connection holds no lock of its own to lose, and the reader's store is the only
/// connection of a read command.
final class ReadingSnapshot: @unchecked Sendable {
    private let lock = NSLock()
    private var fd: Int32

    /// Nil-free: a file that cannot be opened or locked is read without the lock (it was just
    /// validated as readable; a lock refused by the file system only loses this protection).
    init(_ path: String) {
        fd = posixOpen(path, O_RDONLY | O_CLOEXEC, 0)
        guard fd >= 0 else { return }
        var shared = flock()
        shared.l_type = Int16(F_RDLCK)
        shared.l_whence = Int16(SEEK_SET)
        shared.l_start = 0x4000_0000 + 2
        shared.l_len = 510
        // Waits for a writer that is checkpointing into the file right now (F_SETLKW).
        while fcntl(fd, F_SETLKW, &shared) != 0 && errno == EINTR {}
    }

    deinit { release() }

    func release() {
        lock.lock()
        defer { lock.unlock() }
        if fd >= 0 {
            close(fd)
            fd = -1
        }
    }
}

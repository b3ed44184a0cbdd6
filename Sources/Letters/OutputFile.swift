import Foundation

/// Every file cadesk writes for the officer (`--out`, letters, calendars) goes through here
/// (CLI.md "Files"): a new file, mode 0600, created exclusively; an existing path is refused
/// unless `--force`; never the database or its -wal/-shm, a directory, a device, or a path
/// through a symlink.
///
/// A minimal private version until the shared safe writer (branch trust-files) lands on main;
/// callers use only `check` and `write`, so swapping it is one file.
public enum OutputFile {
    /// Refuses the path before anything is recorded or written; returns whether it exists.
    @discardableResult
    public static func check(_ path: String, force: Bool, database: String, what: String) throws -> Bool {
        guard !path.isEmpty else { throw OutputFileError(refused: true, what: what, why: "--out needs a file name") }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var info = stat()
        guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw OutputFileError(refused: true, what: what, why: "\(path): no such folder \(folder)")
        }
        if isDatabase(path, database) {
            throw OutputFileError(refused: true, what: what, why: "\(path) is the database (or its journal); choose another file")
        }
        guard lstat(path, &info) == 0 else { return false }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: throw OutputFileError(refused: true, what: what, why: "\(path) is a symbolic link; cadesk never writes through one")
        case S_IFREG: break
        default: throw OutputFileError(refused: true, what: what, why: "\(path) is not a regular file")
        }
        guard force else { throw OutputFileError(refused: true, what: what, why: "\(path) exists; give --force to replace it") }
        return true
    }

    /// Writes the bytes: a new file with O_EXCL, or with `force` a new file beside it renamed
    /// over the old one, so a failure never leaves half a letter in place of the old one.
    public static func write(_ data: Data, to path: String, force: Bool, database: String, what: String) throws {
        let exists = try check(path, force: force, database: database, what: what)
        let target = exists ? path + ".cadesk-\(getpid())" : path
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OutputFileError(refused: false, what: what, why: "\(path): \(String(cString: strerror(errno)))") }
        var ok = fchmod(fd, 0o600) == 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while ok && offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { ok = false } else { offset += n }
            }
        }
        ok = fsync(fd) == 0 && ok
        let error = errno
        close(fd)
        if ok && exists { ok = rename(target, path) == 0 }
        guard ok else {
            unlink(target)
            throw OutputFileError(refused: false, what: what, why: "\(path): \(String(cString: strerror(error)))")
        }
    }

    /// The same file as the database or its -wal/-shm, by name or by inode.
    static func isDatabase(_ path: String, _ database: String) -> Bool {
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let db = URL(fileURLWithPath: database).standardizedFileURL.resolvingSymlinksInPath().path
        if [db, db + "-wal", db + "-shm", db + "-journal"].contains(resolved) { return true }
        var a = stat(), b = stat()
        return stat(path, &a) == 0 && stat(database, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }
}

/// Why an output file was not written: `refused` for a path cadesk will not write to (a usage
/// error, exit 2), otherwise the system's error (storage, exit 4).
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
    public var refused: Bool
    public var what: String
    public var why: String
    public var description: String { "\(what): \(why)" }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes an output file as CLI.md requires: created new with mode 0600, an existing path
/// refused unless `force`, never through a symlink, never a directory or device.
///
/// A minimal private version: the project's safe writer is being built on branch trust-files;
/// once it is on main, this one function calls it instead.
func writeNewPrivateFile(_ path: String, _ bytes: [UInt8], force: Bool, what: String) throws {
    var info = stat()
    if lstat(path, &info) == 0 {
        guard info.st_mode & S_IFMT != S_IFLNK else { throw CLIError.usage(what, "\(path) is a symbolic link; not written through") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw CLIError.usage(what, "\(path) is not a regular file") }
        guard force else { throw CLIError.usage(what, "\(path) exists; give --force to replace it") }
    }
    // Write beside the target, then rename over it: a reader never sees half a file.
    let temporary = path + ".cadesk-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw CLIError.storage(what, "\(path): \(String(cString: strerror(errno)))") }
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    let synced = fsync(fd) == 0
    close(fd)
    guard written == bytes.count, synced else {
        unlink(temporary)
        throw CLIError.storage(what, "\(path): could not write the whole file")
    }
    if !force, link(temporary, path) != 0 {
        // Someone created it meanwhile: still never replaced without --force.
        let why = errno == EEXIST ? "exists; give --force to replace it" : String(cString: strerror(errno))
        unlink(temporary)
        throw CLIError.usage(what, "\(path) \(why)")
    }
    if force, rename(temporary, path) != 0 {
        let why = String(cString: strerror(errno))
        unlink(temporary)
        throw CLIError.storage(what, "\(path): \(why)")
    }
    unlink(temporary)
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a user's copy keys live: `$XDG_CONFIG_HOME/cadesk/copy-keys` (else
/// `~/.config/cadesk/copy-keys`), folder 0700, each file 0600 and owned by the user. A key file
/// anyone else can read is refused rather than used: it may already have leaked, and the user
/// must know.
///
/// Earlier versions kept them in `cadesk/keys`, the name of the desk's key-binding file, so a
/// field laptop could not have its own key bindings; `migrate()` moves such a folder once.
public struct KeyFolder: Sendable {
    public let path: String
    /// Where earlier versions kept the key folder (now the desk's key-binding file); nil when
    /// the folder was given explicitly.
    public let formerPath: String?

    public init(path: String) { self.path = path; formerPath = nil }

    public init(environment: [String: String]) {
        let config = Self.configFolder(environment)
        path = (config as NSString).appendingPathComponent("cadesk/copy-keys")
        formerPath = (config as NSString).appendingPathComponent("cadesk/keys")
    }

    /// `$XDG_CONFIG_HOME` when it is an absolute path, else `$HOME/.config` (XDG base directories).
    public static func configFolder(_ environment: [String: String]) -> String {
        environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
    }

    /// Moves a key folder an earlier version left at `cadesk/keys` to `path`, once: only when
    /// the old one is a real folder of this user's and nothing exists at the new name (never
    /// overwrites, never follows a symlink). The folder is left 0700 and its files keep their
    /// modes (0600). Returns a one-line notice when it moved the folder, nil when there was
    /// nothing to move. A desk key-binding *file* at the old name is not a key folder: it stays.
    public func migrate() throws -> String? {
        guard let formerPath else { return nil }
        var old = stat(), new = stat()
        guard lstat(formerPath, &old) == 0, old.st_mode & S_IFMT == S_IFDIR else { return nil }
        guard lstat(path, &new) != 0, errno == ENOENT else { return nil }
        guard old.st_uid == getuid() else {
            throw KeyFileError(path: formerPath, why: "owned by another user; not moved to \(path)")
        }
        // rename(2) is atomic and, the new name being absent, replaces nothing; a folder made
        // there meanwhile by another process makes it fail (or, if empty, holds nothing).
        guard rename(formerPath, path) == 0 else {
            throw KeyFileError(path: formerPath, why: "cannot move it to \(path) (\(String(cString: strerror(errno))))")
        }
        guard chmod(path, 0o700) == 0 else {
            throw KeyFileError(path: path, why: "cannot make the key folder private (\(String(cString: strerror(errno))))")
        }
        return "moved the copy keys from \(formerPath) to \(path); \(formerPath) is now free for the desk's key bindings"
    }

    public func file(for keys: PublicCopyKeys) -> String {
        (path as NSString).appendingPathComponent("\(keys.fingerprint).keys")
    }

    /// Writes a new key file; never replaces one (O_EXCL) and never follows a symlink.
    public func save(_ keys: CopyKeys) throws -> String {
        try createFolder()
        let target = file(for: keys.publicKeys)
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw KeyFileError(path: target, why: String(cString: strerror(errno))) }
        defer { close(fd) }
        let bytes = Array(keys.fileText.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            unlink(target)
            throw KeyFileError(path: target, why: "could not write the whole file")
        }
        return target
    }

    /// Reads the private keys whose public halves the database holds.
    public func load(_ expected: PublicCopyKeys) throws -> CopyKeys {
        let target = file(for: expected)
        var info = stat()
        guard lstat(target, &info) == 0 else {
            throw KeyFileError(path: target, why: "missing; the keys of this copy live only there (restore it from your own backup)")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw KeyFileError(path: target, why: "not a regular file") }
        guard info.st_uid == getuid() else { throw KeyFileError(path: target, why: "owned by another user") }
        guard info.st_mode & 0o077 == 0 else {
            throw KeyFileError(path: target, why: "readable by others (mode \(String(info.st_mode & 0o777, radix: 8))); run chmod 600 on it")
        }
        guard let data = FileManager.default.contents(atPath: target),
              let keys = try? CopyKeys.parse(String(decoding: data, as: UTF8.self)) else {
            throw KeyFileError(path: target, why: "not a cadesk key file")
        }
        guard keys.publicKeys == expected else { throw KeyFileError(path: target, why: "holds other keys than this copy's") }
        return keys
    }

    private func createFolder() throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw KeyFileError(path: path, why: "cannot create the key folder")
        }
    }
}

public struct KeyFileError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let why: String
    public var description: String { "key file \(path): \(why)" }
}

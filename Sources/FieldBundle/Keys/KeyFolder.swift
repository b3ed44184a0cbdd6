import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a user's copy keys live: `$XDG_CONFIG_HOME/cadesk/keys` (else `~/.config/cadesk/keys`),
/// folder 0700, each file 0600 and owned by the user. A key file anyone else can read is
/// refused rather than used: it may already have leaked, and the user must know.
public struct KeyFolder: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public init(environment: [String: String]) {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        path = (config as NSString).appendingPathComponent("cadesk/keys")
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

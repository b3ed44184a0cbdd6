import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file cadesk writes for the user: `--out`, `backup FILE`, letters, bundles (CLI.md, "Files").
///
/// An output option once replaced the database with calendar text (issue 7, item 1). So every
/// output is written new (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600) under a temporary name in the
/// target's folder, synced, and only then moved to its name by a rename that never replaces
/// anything: a killed write leaves no half file under the name asked for. An existing path is
/// refused unless `force` is set, and even then only a regular file is replaced — never the
/// database, its `-wal`/`-shm`/`-journal`, a folder, a device, a fifo, a socket, or anything
/// through a symbolic link.
public struct OutputFile: Sendable {
    /// The name asked for.
    public let path: String
    /// `--force`: an existing regular file may be replaced (atomically, by rename).
    public let mayReplace: Bool
    /// For names cadesk chooses itself (a default backup name): when taken, `-2`, `-3`… is used.
    public let numbered: Bool
    let protected: [String]

    /// - Parameter database: the open database; its file and companions are never written over.
    public init(_ path: String, force: Bool = false, numbered: Bool = false,
                protecting database: String? = nil) throws(OutputFileError) {
        guard !path.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw OutputFileError(path: path, problem: .blank)
        }
        self.path = path
        self.mayReplace = force
        self.numbered = numbered
        self.protected = database.map { db in ["", "-wal", "-shm", "-journal"].map { db + $0 } } ?? []
    }

    /// Refuses the path now, before anything else is done or recorded (a letter is recorded
    /// only if its file can be written): a path cadesk would refuse, or a missing folder.
    public func check() throws(OutputFileError) {
        _ = try vet(path)
        var st = stat()
        guard stat(Self.folder(of: path), &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw OutputFileError(path: path, problem: .noFolder)
        }
    }

    /// Writes `data` and returns the path it now has.
    @discardableResult
    public func write(_ data: Data) throws(OutputFileError) -> String {
        do {
            return try write { _, fd in try Self.writeAll(data, to: fd, path: path) }
        } catch let error as OutputFileError {
            throw error
        } catch {
            throw OutputFileError(path: path, problem: .cannotWrite(String(describing: error)))
        }
    }

    /// Lets `fill` write the temporary file (by its path or its open descriptor), then syncs it
    /// and moves it to its name. Whatever `fill` throws is rethrown after the temporary file is
    /// removed, so nothing appears under the name asked for.
    @discardableResult
    public func write(filling fill: (_ temporaryPath: String, _ descriptor: Int32) throws -> Void) throws -> String {
        _ = try vet(path)
        let folder = Self.folder(of: path)
        // Named after the target so that a leftover of a killed write says what it was.
        let name = (path as NSString).lastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(
            ".\(name.utf8.count > 150 ? "cadesk-output" : name).\(UUID().uuidString.prefix(8).lowercased()).partial")
        let fd = posixOpen(temporary, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OutputFileError(path: path, errno: errno) }
        fchmod(fd, 0o600)
        do {
            try fill(temporary, fd)
            guard fsync(fd) == 0 else { throw OutputFileError(path: path, errno: errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        do {
            let placed = try place(temporary)
            Self.syncFolder(folder)
            return placed
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Moves the finished temporary file to its name (or the next free numbered name).
    private func place(_ temporary: String) throws(OutputFileError) -> String {
        for candidate in candidates() {
            switch try vet(candidate) {
            case .taken:
                continue
            case .replaceable:
                guard rename(temporary, candidate) == 0 else { throw OutputFileError(path: candidate, errno: errno) }
                return candidate
            case .free:
                if FileMoves.renameWithoutReplacing(temporary, candidate) { return candidate }
                // Someone created it meanwhile: it is theirs.
                if errno != EEXIST { throw OutputFileError(path: candidate, errno: errno) }
                if !numbered { throw OutputFileError(path: candidate, problem: .exists) }
            }
        }
        throw OutputFileError(path: path, problem: .exists)
    }

    private func candidates() -> [String] {
        guard numbered else { return [path] }
        let ext = (path as NSString).pathExtension
        let stem = ext.isEmpty ? path : (path as NSString).deletingPathExtension
        return [path] + (2...999).map { ext.isEmpty ? "\(stem)-\($0)" : "\(stem)-\($0).\(ext)" }
    }

    enum Disposition { case free, replaceable, taken }

    /// Whether `target` may be written: free, replaceable (`force`, a regular file) or taken (a
    /// numbered name in use, skipped); anything else throws.
    private func vet(_ target: String) throws(OutputFileError) -> Disposition {
        if isProtectedName(target) { throw OutputFileError(path: target, problem: .database) }
        var st = stat()
        guard lstat(target, &st) == 0 else {
            if errno == ENOENT { return .free }
            throw OutputFileError(path: target, errno: errno)
        }
        switch st.st_mode & S_IFMT {
        case S_IFLNK: throw OutputFileError(path: target, problem: .symlink)
        case S_IFDIR: throw OutputFileError(path: target, problem: .folder)
        case S_IFREG: break
        default: throw OutputFileError(path: target, problem: .special)
        }
        for file in protected {
            var other = stat()
            if stat(file, &other) == 0, other.st_dev == st.st_dev, other.st_ino == st.st_ino {
                throw OutputFileError(path: target, problem: .database)
            }
        }
        if mayReplace { return .replaceable }
        if numbered { return .taken }
        throw OutputFileError(path: target, problem: .exists)
    }

    /// The database's own names, compared folder by folder after resolving links, so that a
    /// `-wal` that does not exist yet is not created beside it (SQLite would read it as a journal).
    private func isProtectedName(_ target: String) -> Bool {
        let name = Self.canonical(target)
        return protected.contains { Self.canonical($0) == name }
    }

    static func canonical(_ path: String) -> String {
        let folder = folder(of: path)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let resolved = realpath(folder, &buffer).map { String(cString: $0) } ?? folder
        return (resolved as NSString).appendingPathComponent((path as NSString).lastPathComponent)
    }

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// A rename is durable only once its folder is synced.
    static func syncFolder(_ folder: String) {
        let fd = posixOpen(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    public static func writeAll(_ data: Data, to fd: Int32, path: String) throws(OutputFileError) {
        var failure: Int32 = 0
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure != 0 { throw OutputFileError(path: path, errno: failure) }
    }
}

/// Renames that never replace what is at the destination (issue 7, item 3).
enum FileMoves {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// Linux's renameat2; Swift's Glibc module does not declare it, so it is looked up by name.
    private static let renameat2: RenameAt2? =
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }

    /// Moves `from` to `to` unless `to` exists (then false with errno EEXIST). Falls back to a
    /// hard link and an unlink where the file system has no RENAME_NOREPLACE.
    static func renameWithoutReplacing(_ from: String, _ to: String) -> Bool {
        if renameWithoutReplacingIfSupported(from, to) { return true }
        if errno != EINVAL && errno != ENOSYS { return false }
        guard link(from, to) == 0 else { return false }
        unlink(from)
        return true
    }

    /// renameat2 with RENAME_NOREPLACE; false with errno ENOSYS where there is none.
    static func renameWithoutReplacingIfSupported(_ from: String, _ to: String) -> Bool {
        guard let renameat2 else { errno = ENOSYS; return false }
        let noReplace: UInt32 = 1
        return renameat2(AT_FDCWD, from, AT_FDCWD, to, noReplace) == 0
    }
}

/// Why an output file was not written, in words the officer can act on. A bad path is a usage
/// error (exit 2); a file system that will not take the file is a storage error (exit 4).
public struct OutputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        case blank, exists, database, folder, notAFolder, special, symlink, noFolder
        case cannotWrite(String), diskFull
    }

    public let path: String
    public let problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    init(path: String, errno code: Int32) {
        self.path = path
        switch code {
        case ENOSPC, EDQUOT: problem = .diskFull
        case ENOENT, ENOTDIR: problem = .noFolder
        case EEXIST: problem = .exists
        case EISDIR: problem = .folder
        case ELOOP: problem = .symlink
        default: problem = .cannotWrite(String(cString: strerror(code)))
        }
    }

    public var isUsage: Bool {
        switch problem {
        case .cannotWrite, .diskFull: return false
        default: return true
        }
    }

    public var description: String {
        switch problem {
        case .blank: return "no file name given (the path is blank)"
        case .exists: return "\(path): already exists; cadesk writes only new files"
        case .database: return "\(path): is the database or one of its journals; an output never goes there"
        case .folder: return "\(path): is a folder, not a file"
        case .notAFolder: return "\(path): is a file, not a folder"
        case .special: return "\(path): is a device, fifo or socket, not a regular file"
        case .symlink: return "\(path): is a symbolic link; cadesk never writes through one"
        case .noFolder: return "\(path): no such folder"
        case .cannotWrite(let why): return "\(path): cannot write the file: \(why)"
        case .diskFull: return "\(path): the disk is full; nothing was written"
        }
    }
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}

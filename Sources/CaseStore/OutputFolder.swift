import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder of files cadesk writes for the user (`report --format csv --out DIR`, one file per
/// table). Like `OutputFile`, it is made new: the files are written into a hidden folder beside
/// it (mode 0700), and only when all are synced is that folder renamed to the name asked for,
/// never over anything there — so a killed report leaves no half folder under that name. An
/// existing path is refused, unless `force`: then an existing folder (not a link) receives the
/// files, each replacing only a regular file of the same name (`OutputFile` with `--force`),
/// and every other file in it is left alone.
public struct OutputFolder: Sendable {
    public let path: String
    public let mayReuse: Bool
    let database: String?

    public init(_ path: String, force: Bool = false, protecting database: String? = nil) throws(OutputFileError) {
        guard !path.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw OutputFileError(path: path, problem: .blank)
        }
        self.path = path; self.mayReuse = force; self.database = database
    }

    /// Writes `files` (name → bytes; plain names, no `/`) and returns the folder's path.
    @discardableResult
    public func write(_ files: [(name: String, data: Data)]) throws(OutputFileError) -> String {
        if try existingFolder() {
            for file in files {
                try OutputFile(join(path, file.name), force: true, protecting: database).write(file.data)
            }
            return path
        }
        let parent = OutputFile.folder(of: path)
        let name = (path as NSString).lastPathComponent
        let staging = join(parent, ".\(name.utf8.count > 150 ? "cadesk-output" : name).\(UUID().uuidString.prefix(8).lowercased()).partial")
        guard mkdir(staging, 0o700) == 0 else { throw OutputFileError(path: path, errno: errno) }
        do throws(OutputFileError) {
            for file in files { try OutputFile(join(staging, file.name)).write(file.data) }
            OutputFile.syncFolder(staging)
            guard FileMoves.renameFolderWithoutReplacing(staging, path) else {
                throw OutputFileError(path: path, errno: errno)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        OutputFile.syncFolder(parent)
        return path
    }

    /// false when nothing is at the path; true for a folder that `--force` lets us write into.
    private func existingFolder() throws(OutputFileError) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT { return false }
            throw OutputFileError(path: path, errno: errno)
        }
        switch st.st_mode & S_IFMT {
        case S_IFLNK: throw OutputFileError(path: path, problem: .symlink)
        case S_IFDIR:
            guard mayReuse else { throw OutputFileError(path: path, problem: .exists) }
            return true
        default: throw OutputFileError(path: path, problem: .notAFolder)
        }
    }

    private func join(_ folder: String, _ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }
}

extension FileMoves {
    /// Renames a folder unless something is at `to`. Without RENAME_NOREPLACE, plain rename(2)
    /// would replace an empty folder, so the fallback checks first (a narrow race, on old kernels only).
    static func renameFolderWithoutReplacing(_ from: String, _ to: String) -> Bool {
        if renameWithoutReplacingIfSupported(from, to) { return true }
        if errno != EINVAL && errno != ENOSYS { return false }
        var st = stat()
        if lstat(to, &st) == 0 { errno = EEXIST; return false }
        return rename(from, to) == 0
    }
}

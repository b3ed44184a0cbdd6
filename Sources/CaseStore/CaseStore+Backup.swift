import CanonicalEvents
import Casework
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CaseStore {
    // MARK: Backup

    /// An online, consistent copy of the database (SQLite backup API, from a read snapshot, so
    /// writers are not held up) written through `file`: under a temporary name, checked
    /// (quick_check and the audit chain), synced, then moved to its name. A damaged database is
    /// reported and leaves no file; a killed backup leaves nothing under the final name (issue 7, item 4).
    @discardableResult
    public func backup(to file: OutputFile) throws(StoreError) -> String {
        let written = try backupCopy(to: file)
        // The copy's chain head beside it (`<backup>.head`): kept apart from the database, it
        // shows later whether the record was cut or rewritten (issue 7, §3).
        try Self.writeHead(beside: written)
        return written
    }

    private func backupCopy(to file: OutputFile) throws(StoreError) -> String {
        do {
            return try file.write { temporary, _ in
                let copy = try DatabaseQueue(path: temporary)
                do {
                    try writer.backup(to: copy)
                    // A backup is one self-contained file: no -wal beside it when it is read.
                    try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
                    try copy.read { db in try Self.checkSound(db, reportedAs: self.path) }
                } catch {
                    try? copy.close()
                    throw error
                }
                try copy.close()
            }
        } catch let error as OutputFileError {
            throw .output(error)
        } catch {
            throw Self.copyFailure(error, source: path, destination: file.path)
        }
    }

    /// A new backup at `path`, which must not exist.
    public func backup(to path: String) throws(StoreError) {
        try backup(to: Self.outputFile(path, protecting: self.path))
    }

    /// An `OutputFile` whose refusal is a `StoreError`, for the store's own callers.
    static func outputFile(_ path: String, numbered: Bool = false, protecting database: String) throws(StoreError) -> OutputFile {
        do { return try OutputFile(path, numbered: numbered, protecting: database) } catch { throw .output(error) }
    }

    /// The backups folder beside the database.
    public static func backupFolder(for databasePath: String) -> String {
        (OutputFile.folder(of: databasePath) as NSString).appendingPathComponent("backups")
    }

    /// The default backup file: `backups/cases-YYYYMMDD-HHMMSS.sqlite` beside the database
    /// (`-2`, `-3`… when two are made within one second, see `OutputFile.numbered`).
    public static func defaultBackupPath(for databasePath: String, now: Date) -> String {
        let base = ((databasePath as NSString).lastPathComponent as NSString).deletingPathExtension
        return (backupFolder(for: databasePath) as NSString).appendingPathComponent("\(base)-\(fileStamp(now)).sqlite")
    }

    /// Creates the backups folder (0700) if it is missing.
    public static func makeBackupFolder(for databasePath: String) throws(StoreError) {
        let folder = backupFolder(for: databasePath)
        guard mkdir(folder, 0o700) == 0 || errno == EEXIST else {
            throw .io(path: folder, reason: "cannot create the backups folder: \(String(cString: strerror(errno)))")
        }
    }

    static func fileStamp(_ date: Date) -> String {
        let t = CanonicalJSON.timestamp(date)   // 2026-01-10T09:12:03.120Z
        let digits = t.prefix(19).filter { $0.isNumber }
        return String(digits.prefix(8)) + "-" + String(digits.dropFirst(8))
    }

    /// A copy is sound when SQLite finds its pages well formed and its events still chain: a
    /// backup or a restore that is not would carry the damage into the office's only good copy.
    static func checkSound(_ db: Database, reportedAs path: String) throws {
        let pages = try String.fetchAll(db, sql: "PRAGMA quick_check")
        guard pages == ["ok"] else {
            throw StoreError.damaged(path: path, reason: "quick_check: \(pages.prefix(2).joined(separator: "; "))")
        }
        let audit = try verifyAudit(db)
        if let broken = audit.firstBroken {
            throw StoreError.damaged(path: path, reason: "audit chain broken at event \(broken.seq) (\(broken.problem))")
        }
    }

    /// SQLite's backup reports a full disk with the wrong connection's message ("not an
    /// error"): say it plainly (issue 7, item 14).
    static func copyFailure(_ error: any Error, source: String, destination: String) -> StoreError {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL: return .output(OutputFileError(path: destination, problem: .diskFull))
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return .damaged(path: source, reason: error.message ?? "\(error.resultCode)")
            default: break
            }
        }
        return StoreError.from(error, path: source)
    }

    /// Closes the database's connections now, before the file is replaced under them.
    public func closeConnections() throws(StoreError) {
        try storeAccess(path) {
            if let pool = writer as? DatabasePool { try pool.close() }
            if let queue = writer as? DatabaseQueue { try queue.close() }
        }
    }
}

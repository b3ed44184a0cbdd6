import Casework
import Foundation
import GRDB

/// Everything that can go wrong in the store, in words an officer (or a script) can act on.
/// The command line maps `category` to its exit codes (CLI.md): usage 2, refused 3, storage 4.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The file exists but is not a cadesk database (empty, another program's SQLite file, …).
    case notACadeskDatabase(path: String, reason: String)
    /// The file is a database but SQLite reports it corrupt or unreadable.
    case damaged(path: String, reason: String)
    /// Another process held the write lock longer than the busy timeout.
    case busy(reason: String)
    /// Another process has the database open (a desk, a script), so it cannot be replaced.
    case inUse(path: String, pid: Int32)
    /// The database was written by a newer cadesk (a migration this binary does not know).
    case newerSchema(path: String, migration: String)
    /// No case has this reference (or id).
    case unknownReference(String)
    /// A value given by the user is not acceptable to the store (unknown State code, duplicate
    /// officer, …). A usage error, like an unknown reference.
    case invalid(String)
    /// Someone recorded an event on the case since the user looked at it (`act(basedOn:)`).
    case stale(ref: String, action: Action)
    /// The engine refused or rejected the action; its error names the rule and the article.
    case refused(CaseworkError)
    /// Nothing exists at the path: only `init`, `demo` and the interface's first run create a database.
    case noDatabase(path: String)
    /// The file may be read but not written by this user: reads work, writes are refused.
    case readOnly(path: String)
    /// A rule of the office's records (not of a case) forbids the change, e.g. demoting the
    /// last supervisor. Exit 3, like the engine's refusals.
    case officeRule(String)
    /// A file could not be created, read, moved or written.
    case io(path: String, reason: String)
    /// An output file (`--out`, a backup) was refused or could not be written.
    case output(OutputFileError)
    /// Any other SQLite failure, with SQLite's own message.
    case database(String)

    /// How a caller should report the error: exit 2, 3 or 4 on the command line.
    public enum Category: Sendable { case usage, refused, storage }

    public var category: Category {
        switch self {
        case .unknownReference, .invalid: return .usage
        case .refused(let error): return error.kind == .usage ? .usage : .refused
        case .stale, .officeRule: return .refused
        case .output(let error): return error.isUsage ? .usage : .storage
        default: return .storage
        }
    }

    public var description: String {
        switch self {
        case let .notACadeskDatabase(path, reason):
            return "\(path): not a cadesk database (\(reason)); it was left untouched"
        case let .damaged(path, reason) where path.isEmpty:
            return "the database is damaged (\(reason)); restore it from a backup"
        case let .damaged(path, reason):
            return "\(path): the database is damaged (\(reason)); restore it from a backup"
        case let .busy(reason):
            return "the database is busy (\(reason)); another cadesk is writing — try again"
        case let .inUse(path, pid):
            return "\(path): open in another program (process \(pid)); quit the other cadesk sessions on it and try again"
        case let .newerSchema(path, migration):
            return "\(path): written by a newer cadesk (migration \(migration)); upgrade cadesk"
        case let .unknownReference(ref):
            return "\(ref): no such case"
        case let .invalid(message):
            return message
        case let .stale(ref, action):
            return "\(action): \(ref) was changed by someone else meanwhile; look at it again before acting"
        case let .refused(error):
            return error.description
        case let .noDatabase(path):
            return "no database at \(path); create one with cadesk init"
        case let .readOnly(path):
            return "\(path): read-only for you (the file is not writable); reads work, changes need write access"
        case let .officeRule(message):
            return message
        case let .io(path, reason):
            return "\(path): \(reason)"
        case let .output(error):
            return error.description
        case let .database(message):
            return "database error: \(message)"
        }
    }
}

extension StoreError {
    /// Translates anything thrown inside a database access into a `StoreError`.
    static func from(_ error: any Error, path: String) -> StoreError {
        switch error {
        case let error as StoreError:
            // Rows found damaged deep inside a read do not know the file: name it here.
            if case let .damaged(path: "", reason) = error { return .damaged(path: path, reason: reason) }
            return error
        case let error as CaseworkError:
            return .refused(error)
        case let error as OutputFileError:
            return .output(error)
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .busy(reason: error.message ?? "lock not obtained in time")
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return .damaged(path: path, reason: error.message ?? "\(error.resultCode)")
            case .SQLITE_FULL:
                return .io(path: path, reason: "the disk is full")
            case .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_PERM:
                return .io(path: path, reason: error.message ?? "\(error.resultCode)")
            default:
                return .database(error.description)
            }
        default:
            return .database(String(describing: error))
        }
    }
}

/// Runs `body`, turning whatever it throws into a `StoreError`.
@inline(__always)
func storeAccess<T>(_ path: String, _ body: () throws -> T) throws(StoreError) -> T {
    do { return try body() } catch { throw StoreError.from(error, path: path) }
}

import Foundation

/// The 100-byte header of an SQLite file (https://www.sqlite.org/fileformat.html §1.3), read
/// before SQLite opens the file, to notice a file cut short by a bad copy or a full disk.
struct SQLiteHeader {
    let bytes: Data

    private func uint32(at offset: Int) -> UInt32 {
        bytes.dropFirst(offset).prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Page size in bytes (the value 1 means 65536).
    var pageSize: Int {
        let raw = Int(bytes[bytes.startIndex + 16]) << 8 | Int(bytes[bytes.startIndex + 17])
        return raw == 1 ? 65_536 : raw
    }

    /// The database size the header states, when SQLite itself would trust it: non-zero, and
    /// written by a version that kept it (change counter equal to version-valid-for).
    var statedSize: Int? {
        let pages = uint32(at: 28)
        guard pages > 0, uint32(at: 24) == uint32(at: 92) else { return nil }
        return Int(pages) * pageSize
    }

    /// Why the file cannot be whole, or nil. With a write-ahead log beside it the file may be
    /// legitimately behind its header (the log holds the rest), so it is not judged then.
    func truncation(fileSize: Int, hasLog: Bool) -> String? {
        guard !hasLog, let stated = statedSize, fileSize < stated else { return nil }
        return "the file is cut short: \(fileSize) of the \(stated) bytes its header states"
    }
}
